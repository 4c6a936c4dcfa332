//! The start page: what do you want to do?

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{Bundle, Index, Place};

use crate::i18n::Lang;
use crate::{link, progress, Context};

/// The start page's `<main>`. A link meant for another page (such as an older
/// `?guide=` link to the folder) is passed on to the page that shows it.
pub fn main(Context { index, place, lang }: Context) -> AnyView {
    let place = place.get_untracked();
    if place.bundle() != Bundle::Start {
        link::replace_page(&link::href(&place));
        return crate::content::loading(lang);
    }
    view! { <StartPage index lang/> }.into_any()
}

/// Lists the guides of the index, each opening at its start, with a way back to
/// where the user left off.
#[component]
pub fn StartPage(index: Arc<Index>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    set_title("Veiviser");
    let guides = index
        .guides
        .iter()
        .map(|entry| {
            let href = link::href(&Place::step(&entry.id, None));
            let resume = progress::load(&entry.id).map(|place| {
                view! { <a class="resume" href=link::href(&place)>{t.resume}</a> }
            });
            let shown = entry.language_for(lang.code());
            let title = entry.text(&entry.title, lang.code()).to_owned();
            // A title given only in the guide's own language is marked as such.
            let title_lang = if entry.title.contains_key(lang.code()) { lang.code() } else { shown }.to_owned();
            view! {
                <li>
                    <a class="guide-link" href=href lang=title_lang>{title}</a>
                    <p class="hint">{entry.text(&entry.audience, lang.code()).to_owned()}</p>
                    {resume}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t.start_heading}</h1>
        <ul class="guides">{guides}</ul>
        <crate::search::SearchForm lang/>
        <crate::codes::CodeBox lang/>
    }
}

/// Sets the document's title (what screen readers announce and tabs show).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
