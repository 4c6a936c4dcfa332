//! The start page: what do you want to do?

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{Bundle, GuideEntry, Lang, Place};

use crate::browser::navigation;
use crate::components::code_box::CodeBox;
use crate::components::loading::loading;
use crate::components::search_form::SearchForm;
use crate::i18n::Speak;
use crate::shell::Context;
use crate::{link, progress};

/// The start page's `<main>`. A link meant for another page (such as an older
/// `?guide=` link to the folder) is passed on to the page that shows it.
pub fn main(Context { shown, place, lang, .. }: Context) -> AnyView {
    let here = place.get_untracked();
    if here.bundle() != Bundle::Start {
        // It may name a step the build wrote no page for (a typo, a step added since).
        let href = link::href_via_guide_page(&here);
        Effect::new(move |_| navigation::replace_page(&href));
        return loading(lang);
    }
    view! { <StartPage shown lang/> }.into_any()
}

/// Lists the guides the organisation shows, each opening at its start, with a
/// way back to where the user left off.
#[component]
pub fn StartPage(shown: Arc<Vec<GuideEntry>>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    super::title(&[]);
    let guides = shown
        .iter()
        .map(|entry| {
            let href = link::href(&Place::step(&entry.id, None));
            let resume = progress::load(&entry.id).map(|place| {
                view! { <a class="resume" href=link::href_via_guide_page(&place)>{t.resume}</a> }
            });
            let title = entry.text(&entry.title, lang.code()).to_owned();
            // A title given in another language than the page's is marked as such.
            let title_lang = entry.title.language_of(lang.code()).unwrap_or(lang.code()).to_owned();
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
        <SearchForm lang/>
        <CodeBox lang/>
    }
}
