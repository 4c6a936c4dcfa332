//! A guide shown in another language than the one asked for: says so, and offers
//! the languages it has.

use leptos::prelude::*;

use veiviser_guide::{Lang, Place};

use crate::content::LoadedGuide;
use crate::i18n::{fill, language_name_in, Speak};
use crate::link;

/// The notice, when `guide` is not in `lang`.
pub fn missing_language_notice(guide: &LoadedGuide, lang: Lang) -> Option<AnyView> {
    let missing = guide.missing_lang?;
    let t = lang.texts();
    let shown = language_name_in(&guide.loaded.guide.lang, lang);
    let text = fill(t.not_in_language, &[&language_name_in(missing.code(), lang), &shown]);
    let offers = guide
        .entry
        .languages
        .iter()
        .filter_map(|code| Lang::from_code(code))
        .map(|other| {
            let place = Place { lang: Some(other), ..Place::step(&guide.entry.id, None) };
            view! { <li><a href=link::href(&place) lang=other.code() hreflang=other.code()>{other.name()}</a></li> }
        })
        .collect_view();
    Some(
        view! {
            <div class="note" role="status">
                <p>{text}</p>
                <p>{t.available_in}</p>
                <ul>{offers}</ul>
            </div>
        }
        .into_any(),
    )
}
