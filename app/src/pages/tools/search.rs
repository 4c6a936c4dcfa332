//! Search across all guides and steps in the current language, in the browser:
//! the guides are fetched when someone searches, no index is shipped up front.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::search::SearchIndex;
use veiviser_guide::{Index, Lang, Place};

use crate::components::loading::when_loaded;
use crate::components::search_form::SearchForm;
use crate::{content, link};
use crate::i18n::{fill, Speak};

/// The search form and, for `query`, its results.
#[component]
pub fn SearchPage(index: Arc<Index>, lang: Lang, query: Option<String>) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(format!("{} – Veiviser", t.search));
    let results = query.clone().filter(|q| !q.trim().is_empty()).map(|query| {
        let index = Arc::clone(&index);
        let guides = content::use_all(Arc::clone(&index), lang);
        when_loaded(guides, lang, move |guides| {
            let parsed: Vec<_> = guides.iter().map(|g| &g.loaded.guide).collect();
            let hits = SearchIndex::build(&parsed).search(&query, 20);
            if hits.is_empty() {
                return view! { <p role="status">{fill(t.no_hits, &[&query])}</p> }.into_any();
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
                <h2 role="status">{fill(t.hits, &[&hits.len().to_string(), &query])}</h2>
                <ul class="hits">{items}</ul>
            }
            .into_any()
        })
    });
    view! {
        <h1>{t.search}</h1>
        <SearchForm lang value=query.unwrap_or_default()/>
        {results}
    }
}
