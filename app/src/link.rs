//! Links inside the site: every place is one of its three pages ([`Bundle`])
//! with a query string, in the folder the site is served from.

use veiviser_guide::{Bundle, Lang, Place, Target};

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

/// The href of a place, on the page that shows it. A place that names no
/// language keeps the one this page's address names, so a link clicked, copied
/// or sent on opens in the language it was given in.
pub fn href(place: &Place) -> String {
    let place = Place { lang: place.lang.or_else(|| here().lang), ..place.clone() };
    format!("{}{}{}", folder(), place.bundle().file(), place.to_query())
}

/// The place this page's address names.
fn here() -> Place {
    let current = navigation::current();
    Place::from_query(current.split_once('?').map_or("", |(_, query)| query))
}

/// The whole address of this page to give to someone else: the language in
/// force named in it (it may come from the user's earlier choice, which the
/// colleague does not share), without the note about a link that moved.
pub fn to_share(lang: Lang) -> String {
    let place = Place { lang: Some(lang), from: None, ..here() };
    format!("{}{}", navigation::origin(), href(&place))
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
