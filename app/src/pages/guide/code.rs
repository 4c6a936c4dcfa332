//! Opens the step a typed step code names (`guide.html?code=MRS-186`), with the
//! answers that lead there, or says that no step has it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use veiviser_guide::model::code;
use veiviser_guide::{Index, Lang, Place};

use crate::components::code_box::CodeBox;
use crate::components::loading::loading;
use crate::content;
use crate::i18n::{fill, Speak};
use crate::link;

/// The step `typed` names, or a page that says no step has that code.
#[component]
pub fn OpenCode(index: Arc<Index>, typed: String, lang: Lang) -> impl IntoView {
    let target = {
        let typed = typed.clone();
        let guides = content::Guides::get();
        LocalResource::new(move || open(guides, Arc::clone(&index), lang, typed.clone()))
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Some(href)) = target.get() {
            navigate(&href, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    move || match target.get() {
        None | Some(Some(_)) => loading(lang),
        Some(None) => {
            let t = lang.texts();
            let not_found = fill(t.code_not_found, &[typed.trim()]);
            crate::pages::title(&[&not_found]);
            view! {
                <h1>{not_found}</h1>
                <CodeBox lang/>
                <p><a href=link::href(&Place::start_page())>{t.to_start_page}</a></p>
            }
            .into_any()
        }
    }
}

/// The href of the step `typed` names, fetching only the guide its prefix names.
async fn open(guides: content::Guides, index: Arc<Index>, lang: Lang, typed: String) -> Option<String> {
    let (prefix, number) = code::parse(&typed)?;
    let entry = index.guides.iter().find(|e| code::prefix(e) == prefix)?;
    let guide = content::fetch_guide(guides, Arc::clone(&index), entry.id.clone(), lang).await.ok()?;
    let step = guide.numbers.step(number)?.to_owned();
    Some(guide.step_href(&step))
}
