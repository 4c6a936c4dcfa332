//! The start page: what do you want to do?

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{Index, Place};

use crate::{link, progress};

/// Lists the guides of the index, each opening at its start, with a way back to
/// where the user left off.
#[component]
pub fn StartPage(index: Arc<Index>) -> impl IntoView {
    let lang = "nb";
    set_title("Veiviser");
    let guides = index
        .guides
        .iter()
        .map(|entry| {
            let href = link::href(&Place::step(&entry.id, None));
            let resume = progress::load(&entry.id).map(|place| {
                view! { <a class="resume" href=link::href(&place)>"Fortsett der du slapp"</a> }
            });
            view! {
                <li>
                    <a class="guide-link" href=href>{entry.text(&entry.title, lang).to_owned()}</a>
                    <p class="hint">{entry.text(&entry.audience, lang).to_owned()}</p>
                    {resume}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Hva vil du gjøre?"</h1>
        <ul class="guides">{guides}</ul>
    }
}

/// Sets the document's title (what screen readers announce and tabs show).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
