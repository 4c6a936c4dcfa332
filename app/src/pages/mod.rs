//! The site's three pages, one module each, with the views each shows:
//! [`start`] (`index.html`), [`guide`] (`guide.html`) and [`tools`] (`tools.html`).

pub mod guide;
pub mod start;
pub mod tools;

use leptos::prelude::*;

use veiviser_guide::site::settings::PRODUCT_NAME;

use crate::browser::{document, navigation};
use crate::link;

/// Sets the document's title once the view is shown: [`title_of`] `parts`.
pub fn title(parts: &[&str]) {
    let title = title_of(parts);
    Effect::new(move |_| document::set_title(&title));
}

/// A page's title: what it shows, most particular first, then the product's
/// name (`PIN – MRS – Veiviser`).
pub fn title_of(parts: &[&str]) -> String {
    parts.iter().copied().chain([PRODUCT_NAME]).collect::<Vec<_>>().join(" – ")
}

/// Sends the browser to the start page: the query names nothing this page shows.
pub fn to_start_page() -> AnyView {
    let href = link::href(&veiviser_guide::Place::start_page());
    Effect::new(move |_| navigation::replace_page(&href));
    ().into_any()
}
