//! Step codes for the helpdesk (`MRS-417`): shown on every step, and typed into a
//! field on the start page or the helpdesk page to open that step.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use veiviser_guide::code;
use veiviser_guide::{Bundle, Index};

use crate::content::{self, LoadedGuide};
use crate::i18n::{fill, Lang};
use crate::link;

/// The code of `step` in `guide`.
pub fn code_of(guide: &LoadedGuide, step: &str) -> Option<String> {
    guide.numbers.number(step).map(|n| code::code(&guide.entry, n))
}

/// A field to type a step code into. A plain form: the guide page (`?code=`)
/// finds the step, so the page the field is on needs no guide code of its own.
#[component]
pub fn CodeBox(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <form class="code-box" action=link::page(Bundle::Guide) method="get">
            <label for="step-code">{t.code_label}</label>
            <div class="code-row">
                <input id="step-code" name="code" type="text" autocomplete="off" spellcheck="false"/>
                <button type="submit" class="button">{t.open}</button>
            </div>
        </form>
    }
}

/// Opens the step that the typed code names, or says that no step has it.
#[component]
pub fn OpenCode(index: Arc<Index>, typed: String, lang: Lang) -> impl IntoView {
    let target = {
        let typed = typed.clone();
        LocalResource::new(move || open(Arc::clone(&index), lang, typed.clone()))
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Some(href)) = target.get() {
            navigate(&href, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    move || match target.get() {
        None | Some(Some(_)) => content::loading(lang),
        Some(None) => {
            let t = lang.texts();
            let not_found = fill(t.code_not_found, &[typed.trim()]);
            crate::start::set_title(&format!("{not_found} – Veiviser"));
            view! {
                <h1>{not_found}</h1>
                <CodeBox lang/>
                <p><a href=link::href(&veiviser_guide::Place::start_page())>{t.to_start_page}</a></p>
            }
            .into_any()
        }
    }
}

/// The href of the step `typed` names, fetching only the guide its prefix names.
async fn open(index: Arc<Index>, lang: Lang, typed: String) -> Option<String> {
    let (prefix, number) = code::parse(&typed)?;
    let entry = index.guides.iter().find(|e| code::prefix(e) == prefix)?;
    let guide = content::fetch_guide(Arc::clone(&index), entry.id.clone(), lang.code().to_owned()).await.ok()?;
    let step = guide.numbers.step(number)?.to_owned();
    Some(content::step_href(&guide, &step))
}
