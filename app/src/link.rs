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

/// The href of a link to another guide, a page elsewhere or a file; `None` for a
/// step of the same guide, whose href depends on the answers.
pub fn outside(target: &Target) -> Option<String> {
    match target {
        Target::Step(_) => None,
        Target::Guide { guide, step } => Some(href(&Place::step(guide, step.as_deref()))),
        Target::External(url) => Some(url.clone()),
        Target::File(path) => Some(format!("content/{path}")),
        Target::Unsafe(_) => Some("#".into()),
    }
}

/// True when the page already shows `href` (so an automatic move is not needed).
pub fn href_is_current_step(href: &str) -> bool {
    let current = web_sys::window().and_then(|w| {
        let location = w.location();
        Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
    });
    current.as_deref() == Some(href)
}
