//! The document itself: its title (what tabs show and screen readers announce),
//! its language, the organisation's colours, its icon's address, and whether it
//! was built from older content.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Sets `lang` on the page, so screen readers pronounce it right.
pub fn set_lang(code: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

/// Sets the CSS custom property `--name` on the page: the style object, not a
/// style attribute, since the Content Security Policy forbids inline styles.
pub fn set_css_property(name: &str, value: &str) {
    let root = document().and_then(|d| d.document_element()).and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        let _ = root.style().set_property(&format!("--{name}"), value);
    }
}

/// Waits until the page is shown; at once if it is.
pub async fn until_shown() {
    let Some(document) = document() else { return };
    while document.hidden() {
        let shown = js_sys::Promise::new(&mut |resolve, _| {
            let once = web_sys::AddEventListenerOptions::new();
            once.set_once(true);
            let _ = document.add_event_listener_with_callback_and_add_event_listener_options("visibilitychange", &resolve, &once);
        });
        let _ = JsFuture::from(shown).await;
    }
}

/// Writes the page's icon link as a whole address, so it still resolves once
/// the app has moved to a page in another folder (`guide.html?code=…` →
/// `nb/mrs/pin.html`): the browser asks for the icon again then. Only the icon:
/// setting a style or preload link's `href` would fetch it again.
pub fn pin_icon_link() {
    let Some(document) = document() else { return };
    let Ok(links) = document.query_selector_all("head link[rel~=icon][href]") else { return };
    for i in 0..links.length() {
        let Some(link) = links.item(i).and_then(|node| node.dyn_into::<web_sys::HtmlLinkElement>().ok()) else { continue };
        let _ = link.set_attribute("href", &link.href());
    }
}

/// The attribute start.js sets on `<html>` when the files on the server differ
/// from those the page was built from.
#[cfg(target_arch = "wasm32")]
const BUILT_FROM_OLDER: &str = "data-stale";

/// True on a page the build wrote (its start script carries the stamp of its
/// sources) from the content as the server has it now (start.js found the same
/// stamp): its guide has a page for each of its steps.
#[cfg(target_arch = "wasm32")]
pub fn is_current_built_page() -> bool {
    let Some(document) = document() else { return false };
    let stamped = document.query_selector("script[data-js][data-stamp]").ok().flatten().is_some();
    stamped && document.document_element().is_some_and(|html| !html.has_attribute(BUILT_FROM_OLDER))
}

/// At build time the pages are being written from the content as it is.
#[cfg(not(target_arch = "wasm32"))]
pub fn is_current_built_page() -> bool {
    true
}
