//! The clipboard: copying a link or a report for the helpdesk.

use wasm_bindgen_futures::JsFuture;

/// Copies `text`; true once the browser has taken it.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}
