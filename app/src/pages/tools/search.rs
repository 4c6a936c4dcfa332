//! Search across all guides and steps in the current language, in the browser:
//! the guides are fetched when someone searches, no index is shipped up front.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::search::SearchIndex;
use veiviser_guide::{Index, Lang, Place};

use crate::components::loading::loading;
use crate::components::search_form::SearchForm;
use crate::{content, link};
use crate::i18n::{fill, Speak};

/// The search form and, for `query`, its results.
#[component]
pub fn SearchPage(index: Arc<Index>, lang: Lang, query: Option<String>) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(&[t.search]);
    let results = query.clone().filter(|q| !q.trim().is_empty()).map(|query| {
        let index = Arc::clone(&index);
        let all = content::use_all(Arc::clone(&index), lang);
        move || {
            let Some(all) = all.get() else { return loading(lang) };
            // Each guide stands alone: a broken one is named, the others are searched.
            let guides: Vec<_> = all.iter().filter_map(|each| each.guide.as_ref().ok()).cloned().collect();
            let broken = all.iter().filter(|each| each.guide.is_err()).map(|each| {
                let title = each.entry.text(&each.entry.title, lang.code()).to_owned();
                let href = crate::link::href(&veiviser_guide::Place::step(&each.entry.id, None));
                view! { <p class="warning">{fill(t.not_searched, &[""])} <a href=href>{title}</a></p> }
            }).collect_view();
            let parsed: Vec<_> = guides.iter().map(|g| &g.loaded.guide).collect();
            let hits = SearchIndex::build(&parsed).search(&query, 20);
            if hits.is_empty() {
                return view! { {broken} <p role="status">{fill(t.no_hits, &[&query])}</p> }.into_any();
            }
            let items = hits
                .iter()
                .filter_map(|hit| {
                    let guide = guides.iter().find(|g| g.loaded.guide.id == hit.guide_id)?;
                    // The opening text is shown where the guide starts.
                    let href = match &hit.step_id {
                        Some(step) => guide.step_href(step),
                        None => link::href(&Place::step(&hit.guide_id, None)),
                    };
                    Some(view! {
                        <li lang=guide.loaded.guide.lang.clone()>
                            <a href=href>{hit.title.clone()}</a>
                            <span class="hint">{guide.loaded.guide.title.clone()}</span>
                            <span class="snippet">{hit.snippet.clone()}</span>
                        </li>
                    })
                })
                .collect_view();
            view! {
                {broken}
                <h2 role="status">{fill(t.hits, &[&hits.len().to_string(), &query])}</h2>
                <ul class="hits">{items}</ul>
            }
            .into_any()
        }
    });
    view! {
        <h1>{t.search}</h1>
        <SearchForm lang value=query.unwrap_or_default()/>
        {results}
    }
}
