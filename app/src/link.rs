//! Links inside the site: a step's own page (`nb/mrs/pin.html?a=…`) or one of
//! the site's three pages with a query ([`Place::to_address`]), in the folder
//! the site is served from.

use std::cell::Cell;

use veiviser_guide::{Bundle, Lang, Place, Target};

use crate::browser::{document, navigation};

thread_local! {
    static IN_FORCE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Records the language in force on this page, which links name when the
/// page's address names none (so a step's link is its own, fast page).
pub fn set_lang_in_force(lang: Lang) {
    IN_FORCE.with(|in_force| in_force.set(Some(lang)));
}

/// The href of a place, on the page that shows it. A place that names no
/// language keeps the one in force (else the one this page's address names),
/// so a link clicked, copied or sent on opens in the language it was given in.
///
/// Its own page (`nb/mrs/pin.html`) only where this page's build vouches for it
/// (see [`is_vouched_for`]). Elsewhere (the guide and tools pages, a page older
/// than the content, another guide's steps) a place may have no page (a step
/// added since the build): the link is to `guide.html`, which route.js sends on
/// to the place's page where the build wrote one.
pub fn href(place: &Place) -> String {
    address(place, true)
}

/// The href of a place through `guide.html` (route.js sends it on to the
/// place's page if there is one): for places this page's build cannot vouch
/// for, another guide's or one remembered from an earlier visit.
pub fn href_via_guide_page(place: &Place) -> String {
    address(place, false)
}

fn address(place: &Place, own_page: bool) -> String {
    // The language in force follows the app's router; the address bar may lag
    // behind it for a moment after a move to another language's page.
    let lang = place.lang.or_else(|| IN_FORCE.with(Cell::get)).or_else(|| here().lang);
    let place = Place { lang, ..place.clone() };
    let address = if own_page && is_vouched_for(&place) { place.to_address() } else { place.to_query_address() };
    format!("{}{address}", navigation::site_folder())
}

/// True when the build that wrote this page (as loaded, before the app moved on
/// in place) wrote `place`'s page too, from files that have not changed since:
/// the start pages and each guide's first step, and the steps of this page's
/// own guide, which get a page in every language. Another guide's steps may
/// have been edited since: their links go through `guide.html`.
fn is_vouched_for(place: &Place) -> bool {
    if !document::is_current_built_page() {
        return false;
    }
    place.guide.is_none() || (place.step.is_none() && place.answers.is_empty()) || place.guide == loaded().guide
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LOADED: std::cell::OnceCell<Place> = const { std::cell::OnceCell::new() };
}

/// The place of the page as the browser loaded it (read at the app's first link).
#[cfg(target_arch = "wasm32")]
fn loaded() -> Place {
    LOADED.with(|loaded| loaded.get_or_init(here).clone())
}

/// The page being written.
#[cfg(not(target_arch = "wasm32"))]
fn loaded() -> Place {
    here()
}

/// The place this page's address names.
fn here() -> Place {
    let (path, query) = navigation::address();
    Place::from_address(&path, &query)
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
    format!("{}{}", navigation::site_folder(), bundle.file())
}

/// True when this page is `bundle`'s.
pub fn is_this_page(bundle: Bundle) -> bool {
    Bundle::of_address(&navigation::address().0) == Some(bundle)
}

/// The href of a file of the site folder (`content/skjema.pdf`, the logo); an
/// address of its own (`https://…`, `/logo.svg`, `data:…`) stays as it is.
pub fn file(path: &str) -> String {
    if path.starts_with('/') || path.contains(':') {
        return path.to_owned();
    }
    format!("{}{path}", navigation::site_folder())
}

/// The href of a link to another guide, a page elsewhere or a file; `None` for a
/// step of the same guide, whose href depends on the answers.
pub fn outside(target: &Target) -> Option<String> {
    match target {
        Target::Step(_) => None,
        Target::Guide { guide, step } => Some(href_via_guide_page(&Place::step(guide, step.as_deref()))),
        Target::External(url) => Some(url.clone()),
        Target::File(path) => Some(file(&format!("content/{path}"))),
        Target::Unsafe(_) => Some("#".into()),
    }
}
