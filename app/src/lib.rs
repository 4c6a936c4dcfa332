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

pub mod browser;
pub mod components;
pub mod content;
pub mod helper_client;
pub mod i18n;
pub mod language;
pub mod link;
pub mod pages;
pub mod progress;
pub mod shell;

/// Starts a page of the site: `main` fills its `<main>`.
pub fn mount(main: shell::Main) {
    console_error_panic_hook::set_once();
    browser::navigation::leave_other_pages_to_browser();
    leptos::mount::mount_to_body(move || view! { <Router><shell::Shell main/></Router> });
}
