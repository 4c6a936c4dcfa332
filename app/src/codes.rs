//! Step codes for the helpdesk (`MRS-417`): shown on every step, and typed into a
//! field on the start page or the helpdesk page to open that step.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use veiviser_guide::code;
use veiviser_guide::Index;

use crate::content::{self, LoadedGuide};
use crate::i18n::{fill, Lang};

/// The code of `step` in `guide`.
pub fn code_of(guide: &LoadedGuide, step: &str) -> Option<String> {
    guide.numbers.number(step).map(|n| code::code(&guide.entry, n))
}

/// A field to type a step code into; opens the step it names.
#[component]
pub fn CodeBox(index: Arc<Index>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let input = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let (index, navigate) = (Arc::clone(&index), navigate.clone());
        leptos::task::spawn_local(async move {
            match open(index, lang, &typed).await {
                Some(href) => {
                    problem.set(None);
                    navigate(&href, Default::default());
                }
                None => problem.set(Some(fill(t.code_not_found, &[typed.trim()]))),
            }
        });
    };
    view! {
        <form class="code-box" on:submit=submit>
            <label for="step-code">{t.code_label}</label>
            <div class="code-row">
                <input id="step-code" name="code" type="text" autocomplete="off" spellcheck="false" node_ref=input
                    aria-describedby="step-code-problem"/>
                <button type="submit" class="button">{t.open}</button>
            </div>
            <p id="step-code-problem" class="warning" role="alert">{move || problem.get()}</p>
        </form>
    }
}

/// The href of the step `typed` names, fetching only the guide its prefix names.
async fn open(index: Arc<Index>, lang: Lang, typed: &str) -> Option<String> {
    let (prefix, number) = code::parse(typed)?;
    let entry = index.guides.iter().find(|e| code::prefix(e) == prefix)?;
    let guide = content::fetch_guide(Arc::clone(&index), entry.id.clone(), lang.code().to_owned()).await.ok()?;
    let step = guide.numbers.step(number)?.to_owned();
    Some(content::step_href(&guide, &step))
}
