//! Waiting without blocking the page, and the time it is now.

use wasm_bindgen::JsCast;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since 1970, as the page's clock has them.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
