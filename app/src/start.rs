//! The start page: what do you want to do?

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{Index, Place};

use crate::link;

/// Lists the guides of the index, each opening at its start.
#[component]
pub fn StartPage(index: Arc<Index>) -> impl IntoView {
    let lang = "nb";
    let guides = index
        .guides
        .iter()
        .map(|entry| {
            let href = link::href(&Place::step(&entry.id, None));
            view! {
                <li>
                    <a class="guide-link" href=href>{entry.text(&entry.title, lang).to_owned()}</a>
                    <p class="hint">{entry.text(&entry.audience, lang).to_owned()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Hva vil du gjøre?"</h1>
        <ul class="guides">{guides}</ul>
    }
}
