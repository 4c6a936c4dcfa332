//! Links inside the site: every place is one of its three pages ([`Bundle`])
//! with a query string, in the folder the site is served from.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use veiviser_guide::{Bundle, Place, Target};

/// The path of this page as served (for example `/veiviser/guide.html`).
fn path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// The folder the site is served from (for example `/veiviser/`), kept in every
/// link so the site works under any sub-path.
fn folder() -> String {
    let path = path();
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
    let path = path();
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

/// True when the page already shows `href` (so an automatic move is not needed).
pub fn href_is_current_step(href: &str) -> bool {
    let current = web_sys::window().and_then(|w| {
        let location = w.location();
        Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
    });
    current.as_deref() == Some(href)
}

/// Opens `href` in place of this page (the browser loads the page that shows it).
pub fn replace_page(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(href);
    }
}

/// Leaves a click on a link to another page of the site (or to a file) to the
/// browser. The router follows same-site links inside the page, but this page
/// has only its own bundle's code: the start page cannot show a guide step.
/// The click goes no further than the window, so such a link has no `on:click`.
pub fn leave_other_pages_to_browser() {
    let Some(window) = web_sys::window() else { return };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        let anchor = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(anchor) = anchor else { return };
        let location = web_sys::window().map(|w| w.location());
        let here = location.as_ref().and_then(|l| Some((l.origin().ok()?, l.pathname().ok()?)));
        if let Some((origin, path)) = here {
            if anchor.origin() == origin && anchor.pathname() != path {
                // Captured at the window, before the router's own listener sees it.
                event.stop_propagation();
            }
        }
    });
    let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    on_click.forget();
}
