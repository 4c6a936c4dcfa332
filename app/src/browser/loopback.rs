//! Calls to a program on this PC over 127.0.0.1 (the helper): a GET whose answer
//! the page may read (CORS), and one without CORS that only tells whether
//! anything answered at all.

/// The body of `url`'s answer if it was a success the page may read; `None` on
/// any failure (no answer, refused by CORS or the browser, an error status).
pub async fn get(url: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// True if anything answered `url` when asked without CORS (an opaque answer the
/// page cannot read, but which a program refusing this origin still gives).
pub async fn answers_unread(url: &str) -> bool {
    gloo_net::http::Request::get(url).mode(web_sys::RequestMode::NoCors).send().await.is_ok()
}
