//! Links inside the site: every place is one of its three pages ([`Bundle`])
//! with a query string, in the folder the site is served from.

use veiviser_guide::{Bundle, Place, Target};

use crate::browser::navigation;

/// The folder the site is served from (for example `/veiviser/`), kept in every
/// link so the site works under any sub-path.
fn folder() -> String {
    let path = navigation::path();
    match path.rfind('/') {
        Some(slash) => path[..=slash].to_owned(),
        None => "./".into(),
    }
}

/// The href of a place, on the page that shows it.
pub fn href(place: &Place) -> String {
    format!("{}{}{}", folder(), place.bundle().file(), place.to_query())
}

/// The href of a page of the site, with no query (a form's `action`).
pub fn page(bundle: Bundle) -> String {
    format!("{}{}", folder(), bundle.file())
}

/// True when this page is `bundle`'s.
pub fn is_this_page(bundle: Bundle) -> bool {
    let path = navigation::path();
    let file = &path[path.rfind('/').map_or(0, |slash| slash + 1)..];
    file == bundle.file() || (bundle == Bundle::Start && file == "index.html")
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
