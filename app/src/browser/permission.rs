//! The browser's Local Network Access permission: may this site ask a program
//! on the PC itself? Read without making any request, so the page knows before
//! it calls the helper whether the browser would ask the user first.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use veiviser_guide::live::network_access::{Permission, Site};

/// The permission names, newest first: Chrome 146+ splits loopback off local networks.
const NAMES: [&str; 2] = ["loopback-network", "local-network-access"];

/// The permission for this site; [`Permission::Unknown`] where the browser knows neither name.
pub async fn local_network() -> Permission {
    for name in NAMES {
        if let Some(state) = query(name).await {
            return Permission::from_state(&state);
        }
    }
    Permission::Unknown
}

async fn query(name: &str) -> Option<String> {
    let permissions = web_sys::window()?.navigator().permissions().ok()?;
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"name".into(), &name.into()).ok()?;
    // A name the browser does not know rejects the promise (a TypeError).
    let status = JsFuture::from(permissions.query(&descriptor).ok()?).await.ok()?;
    let status: web_sys::PermissionStatus = status.dyn_into().ok()?;
    Some(match status.state() {
        web_sys::PermissionState::Granted => "granted",
        web_sys::PermissionState::Prompt => "prompt",
        web_sys::PermissionState::Denied => "denied",
        _ => return None,
    }
    .to_owned())
}

/// Where this page is served from: in a secure context or not.
pub fn site() -> Site {
    Site { secure: super::navigation::is_secure_context() }
}
