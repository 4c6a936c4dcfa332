//! Links inside the app: every place is this page with another query string.

use veiviser_guide::{Place, Target};

/// The path of the page as served (for example `/veiviser/`), kept in every link
/// so the site works under any sub-path.
fn page_path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "./".into())
}

/// The href of a place.
pub fn href(place: &Place) -> String {
    format!("{}{}", page_path(), place.to_query())
}

/// The href a link in guide `guide` leads to.
pub fn resolve(guide: &str, target: &Target) -> String {
    match target {
        Target::Step(step) => href(&Place::step(guide, Some(step))),
        Target::Guide { guide, step } => href(&Place::step(guide, step.as_deref())),
        Target::External(url) => url.clone(),
        Target::File(path) => format!("content/{path}"),
        Target::Unsafe(_) => "#".into(),
    }
}
