//! The browser layer: each capability the views use, one per file, after
//! leptos-use. Views call these and never `web_sys` directly, so what touches
//! the browser is in one place and the views read as what they show.

pub mod clipboard;
pub mod document;
pub mod fetch;
pub mod intl;
pub mod loopback;
pub mod navigation;
pub mod permission;
pub mod storage;
pub mod takeover;
pub mod timer;
pub mod timing;
