//! The Veiviser web app. The page's state is its query string ([`Place`]);
//! content comes from the deployed `content/` folder at run time ([`content`]).
//!
//! Data flows one way: [`content`] loads the files through the guide model's
//! loader, [`pages`] show them with shared [`components`], and both reach the
//! browser only through [`browser`], one capability per file. What the helper
//! on the PC sees comes through [`helper_client`].
//!
//! The site is three HTML pages, each with its own bundle built from this
//! library (`src/main.rs`, `src/bin/`), so a page loads only the code it shows:
//! [`pages::start`], [`pages::guide`] and [`pages::tools`]. [`shell::Shell`] is what they share.

use leptos::prelude::*;
use leptos_router::components::Router;

pub use veiviser_guide::{Bundle, Index, Place};

#[cfg(all(feature = "csr", feature = "ssr"))]
compile_error!("the features `csr` (the browser bundle) and `ssr` (`veiviser build`) must be built in separate cargo invocations");

pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod build;
pub mod components;
pub mod content;
pub mod helper_client;
pub mod i18n;
pub mod language;
pub mod link;
pub mod pages;
pub mod progress;
pub mod shell;

/// Starts page `bundle` of the site: `main` fills its `<main>`. Where the build
/// wrote the page, the app takes it over once it has rendered the same.
pub fn mount(bundle: Bundle, main: fn(shell::Context) -> AnyView) {
    console_error_panic_hook::set_once();
    browser::navigation::leave_other_pages_to_browser(bundle);
    browser::document::pin_icon_link();
    let main: shell::Main = std::sync::Arc::new(main);
    browser::takeover::mount(move || view! { <Router><shell::Shell main/></Router> });
}
