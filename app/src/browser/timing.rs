//! User Timing measures, seen in the browser's performance tools and by `cargo xtask bench`.

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// A measure from its start to [`Measure::end`].
pub struct Measure {
    name: String,
}

impl Measure {
    /// Marks the start of `name`.
    pub fn start(name: &str) -> Measure {
        if let Some(performance) = performance() {
            let _ = performance.mark(&format!("{name}:start"));
        }
        Measure { name: name.to_owned() }
    }

    /// Records the measure.
    pub fn end(self) {
        if let Some(performance) = performance() {
            let _ = performance.measure_with_start_mark(&self.name, &format!("{}:start", self.name));
        }
    }
}
