//! Follows veiviser-helper on the user's PC: its status first, then every change
//! through its long poll. Started only by the views that need it, so pages
//! without live checks never knock on 127.0.0.1.

use leptos::prelude::*;
use std::sync::atomic::{AtomicU16, Ordering};
use wasm_bindgen::JsCast;

use veiviser_guide::status::Status;

/// The helper's port: its default, which the site's CSP allows, unless the
/// organisation's settings name another (and its CSP with it).
static PORT: AtomicU16 = AtomicU16::new(17320);

/// Sets the port the helper answers on (from the organisation's settings).
pub fn set_port(port: u16) {
    PORT.store(port, Ordering::Relaxed);
}

fn base() -> String {
    format!("http://127.0.0.1:{}", PORT.load(Ordering::Relaxed))
}

/// What the page knows of the helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelperState {
    /// Asking for the first time.
    Connecting,
    /// Not installed, not running, or refused by the browser.
    Unavailable,
    Seen(Status),
}

/// The shared, lazily started view of the helper.
#[derive(Clone, Copy)]
pub struct Helper {
    pub state: RwSignal<HelperState>,
    started: StoredValue<bool>,
}

/// Makes the helper's state available to the views below (not started yet).
pub fn provide() {
    provide_context(Helper { state: RwSignal::new(HelperState::Connecting), started: StoredValue::new(false) });
}

/// The helper's state, starting to follow it on first use.
pub fn use_helper() -> RwSignal<HelperState> {
    let helper = expect_context::<Helper>();
    if !helper.started.get_value() {
        helper.started.set_value(true);
        leptos::task::spawn_local(follow(helper.state));
    }
    helper.state
}

/// Asks for the status, then waits for each change; when the helper is away,
/// asks again every few seconds.
async fn follow(state: RwSignal<HelperState>) {
    let mut seq = None;
    loop {
        let url = match seq {
            None => format!("{}/v1/status", base()),
            Some(seq) => format!("{}/v1/events?after={seq}", base()),
        };
        match fetch_status(&url).await {
            Some(status) => {
                seq = Some(status.seq);
                if state.with_untracked(|s| *s != HelperState::Seen(status.clone())) {
                    state.set(HelperState::Seen(status));
                }
            }
            None => {
                seq = None;
                if state.with_untracked(|s| *s != HelperState::Unavailable) {
                    state.set(HelperState::Unavailable);
                }
                sleep(3_000).await;
            }
        }
    }
}

async fn fetch_status(url: &str) -> Option<Status> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    serde_json::from_str(&response.text().await.ok()?).ok()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
