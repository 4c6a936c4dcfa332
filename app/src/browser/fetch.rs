//! Fetching the site's own files (the content folder, the settings) as text.
//! What `start.js` fetched ahead, beside the WebAssembly, is taken from it
//! (`veiviserPrefetched`), once; anything else is fetched here.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// The server answered this status (404: no such file).
    Status(u16, String),
    /// No answer, or no readable body.
    Network(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Status(code, text) => write!(f, "HTTP {code} {text}"),
            Failed::Network(reason) => f.write_str(reason),
        }
    }
}

/// The text at `url`, relative to the site folder (whichever page of it this is).
pub async fn text(url: &str) -> Result<String, Failed> {
    if let Some(answer) = prefetched(url).await {
        return answer;
    }
    let address = format!("{}{url}", super::navigation::site_folder());
    let response = gloo_net::http::Request::get(&address).send().await.map_err(|e| Failed::Network(e.to_string()))?;
    if !response.ok() {
        return Err(Failed::Status(response.status(), response.status_text()));
    }
    response.text().await.map_err(|e| Failed::Network(e.to_string()))
}

/// The answer `start.js` fetched for `url`, taken so that it is used once;
/// `None` if it fetched none, or could not. The guide file is under the key
/// `guide`, with the `url` it chose, since the app may ask before it has chosen;
/// a guide file the app does not ask for first is kept under its own `url`.
async fn prefetched(url: &str) -> Option<Result<String, Failed>> {
    let window = web_sys::window()?;
    let map: js_sys::Map = js_sys::Reflect::get(&window, &"veiviserPrefetched".into()).ok()?.dyn_into().ok()?;
    let take = |key: &JsValue| -> Option<js_sys::Promise> {
        let promise = map.get(key).dyn_into().ok()?;
        map.delete(key);
        Some(promise)
    };
    let answer = match take(&JsValue::from_str(url)) {
        Some(promise) => JsFuture::from(promise).await.ok()?,
        None if url.ends_with(".md") => {
            let guide = JsFuture::from(take(&JsValue::from_str("guide"))?).await.ok().filter(|g| !g.is_null())?;
            let field = |name: &str| js_sys::Reflect::get(&guide, &name.into()).ok();
            let chosen = field("url")?.as_string()?;
            if chosen != url {
                // Fetched for another file than the app shows: kept for that one if it came
                // (a failure is fetched afresh when that file is asked for).
                let answer = field("answer")?;
                if status_of(&answer).is_some_and(|status| (200..300).contains(&status)) {
                    map.set(&JsValue::from_str(&chosen), &js_sys::Promise::resolve(&answer));
                }
                return None;
            }
            field("answer")?
        }
        None => return None,
    };
    let answer = Some(answer).filter(|a| !a.is_null() && !a.is_undefined())?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &name.into()).ok();
    let status = status_of(&answer)?;
    let text = field("text")?.as_string()?;
    Some(if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(Failed::Status(status, field("statusText").and_then(|t| t.as_string()).unwrap_or_default()))
    })
}

/// The HTTP status of an answer `start.js` recorded.
fn status_of(answer: &JsValue) -> Option<u16> {
    js_sys::Reflect::get(answer, &"status".into()).ok()?.as_f64().map(|status| status as u16)
}
