//! Where the page is and moving away from it: its address, replacing it, and
//! leaving links to the site's other pages to the browser.
//!
//! Rendered to HTML at build time (not in a browser), the page is where the
//! build says it is ([`render_at`]), in a site folder named relatively (`../../`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The path of this page as served (for example `/veiviser/guide.html`).
pub fn path() -> String {
    location().and_then(|l| l.pathname().ok()).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static SITE_FOLDER: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

/// The site folder this page is in, as links start (`/veiviser/`), whichever page
/// this is: where the page loaded says (start.js's `data-root`, which the build
/// writes: `../../` on a step's page), read once, as the app moves between
/// addresses in it. A page without it (not built) is read from its path.
#[cfg(target_arch = "wasm32")]
pub fn site_folder() -> String {
    SITE_FOLDER.with(|folder| {
        folder
            .get_or_init(|| {
                let root = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("script[data-js][data-root]").ok().flatten())
                    .and_then(|script| script.get_attribute("data-root"));
                // `data-root` is relative (`../../`, or empty beside the site's own
                // pages); `./` after it resolves to the folder, not to this file.
                let resolved = root
                    .and_then(|root| web_sys::Url::new_with_base(&format!("{root}./"), &href()).ok())
                    .map(|url| url.pathname());
                resolved.unwrap_or_else(|| veiviser_guide::journey::place::site_folder(&path()).to_owned())
            })
            .clone()
    })
}

/// This page's address inside the site folder: its path there and its query
/// (`nb/mrs/pin.html`, `?a=hvordan.sett-inn-kort`).
#[cfg(target_arch = "wasm32")]
pub fn address() -> (String, String) {
    (within_site(&path()), location().and_then(|l| l.search().ok()).unwrap_or_default())
}

/// `path` (`/veiviser/nb/mrs/pin.html`) inside the site folder (`nb/mrs/pin.html`).
#[cfg(target_arch = "wasm32")]
pub fn within_site(path: &str) -> String {
    path.strip_prefix(site_folder().as_str()).unwrap_or(path).to_owned()
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static RENDERED: std::cell::RefCell<veiviser_guide::Place> = Default::default();
}

/// Renders the views that follow as the page of `place` (at build time).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_at(place: &veiviser_guide::Place) {
    RENDERED.with(|rendered| *rendered.borrow_mut() = place.clone());
}

/// The site folder as the page rendered at build time reaches it: `../../` from a step's page.
#[cfg(not(target_arch = "wasm32"))]
pub fn site_folder() -> String {
    RENDERED.with(|rendered| "../".repeat(rendered.borrow().depth()))
}

/// `path` inside the site folder, as the page rendered at build time reads it.
#[cfg(not(target_arch = "wasm32"))]
pub fn within_site(path: &str) -> String {
    path[veiviser_guide::journey::place::site_folder(path).len()..].to_owned()
}

/// The address of the page rendered at build time.
#[cfg(not(target_arch = "wasm32"))]
pub fn address() -> (String, String) {
    RENDERED.with(|rendered| {
        let address = rendered.borrow().to_address();
        match address.split_once('?') {
            Some((path, query)) => (path.to_owned(), format!("?{query}")),
            None => (address, String::new()),
        }
    })
}

/// This page's path and query (`/veiviser/guide.html?guide=mrs`), as site links are written.
pub fn current() -> String {
    location().and_then(|l| Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?))).unwrap_or_default()
}

/// The whole address of this page.
pub fn href() -> String {
    location().and_then(|l| l.href().ok()).unwrap_or_default()
}

/// This site's origin (`https://intranet.example`).
pub fn origin() -> String {
    location().and_then(|l| l.origin().ok()).unwrap_or_default()
}

/// True in a secure context (https, or the PC itself), where browsers let a page ask the PC.
pub fn is_secure_context() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// The browser and its language, for a report to the helpdesk.
pub fn browser() -> String {
    let navigator = web_sys::window().map(|w| w.navigator());
    let agent = navigator.as_ref().and_then(|n| n.user_agent().ok()).unwrap_or_default();
    let language = navigator.and_then(|n| n.language()).unwrap_or_default();
    format!("{agent} ({language})")
}

/// Opens `href` in place of this page (the browser loads the page that shows it).
pub fn replace_page(href: &str) {
    if let Some(location) = location() {
        let _ = location.replace(href);
    }
}

/// Leaves a click on a link to another page of the site (or to a file) to the
/// browser. The router follows same-site links inside the page, but this page
/// has only its own bundle's code: the start page cannot show a guide step.
/// This page is `bundle`'s: it shows the addresses of that bundle itself.
/// The click goes no further than the window, so such a link has no `on:click`.
pub fn leave_other_pages_to_browser(bundle: veiviser_guide::Bundle) {
    let Some(window) = web_sys::window() else { return };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        let anchor = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(anchor) = anchor else { return };
        // A link of the page the build wrote, before the app has taken it over:
        // the browser follows it (the app's page is not on screen yet).
        if anchor.closest(&format!("#{}", super::takeover::BUILT)).ok().flatten().is_some() {
            event.stop_propagation();
            return;
        }
        let target = anchor.pathname();
        let folder = site_folder();
        let mine = target.strip_prefix(folder.as_str()).and_then(veiviser_guide::Bundle::of_address) == Some(bundle);
        if anchor.origin() == origin() && target != path() && !mine {
            // Captured at the window, before the router's own listener sees it.
            event.stop_propagation();
        }
    });
    let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    on_click.forget();
}
