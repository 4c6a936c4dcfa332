//! Search across all guides and steps in the current language, in the browser:
//! the guides are fetched when someone searches, no index is shipped up front.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use veiviser_guide::search::SearchIndex;
use veiviser_guide::{Bundle, Index, Place};

use crate::{content, link};
use crate::i18n::{fill, Lang};
use crate::start::set_title;

/// The search form and, for `query`, its results.
#[component]
pub fn SearchPage(index: Arc<Index>, lang: Lang, query: Option<String>) -> impl IntoView {
    let t = lang.texts();
    set_title(&format!("{} – Veiviser", t.search));
    let results = query.clone().filter(|q| !q.trim().is_empty()).map(|query| {
        let index = Arc::clone(&index);
        let guides = LocalResource::new(move || content::fetch_all(Arc::clone(&index), lang));
        content::when_loaded(guides, lang, move |guides| {
            let parsed: Vec<_> = guides.iter().map(|g| &g.loaded.guide).collect();
            let hits = SearchIndex::build(&parsed).search(&query, 20);
            if hits.is_empty() {
                return view! { <p role="status">{fill(t.no_hits, &[&query])}</p> }.into_any();
            }
            let items = hits
                .iter()
                .filter_map(|hit| {
                    let guide = guides.iter().find(|g| g.loaded.guide.id == hit.guide_id)?;
                    Some(view! {
                        <li lang=guide.loaded.guide.lang.clone()>
                            <a href=content::step_href(guide, &hit.step_id)>{hit.title.clone()}</a>
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

/// A search field that opens the search page with the query in the URL: a plain
/// form from other pages, and on the search page itself a move within the page,
/// which keeps the guides it has fetched.
#[component]
pub fn SearchForm(lang: Lang, #[prop(optional)] value: String) -> impl IntoView {
    let t = lang.texts();
    let input = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        if !link::is_this_page(Bundle::Tools) {
            return;
        }
        event.prevent_default();
        let query = input.get().map(|i| i.value()).unwrap_or_default();
        let place = Place { query: Some(query), ..Place::page("search") };
        navigate(&link::href(&place), Default::default());
    };
    view! {
        <form class="search-box" role="search" action=link::page(Bundle::Tools) method="get" on:submit=submit>
            <input type="hidden" name="page" value="search"/>
            <label for="search">{t.search_label}</label>
            <div class="code-row">
                <input id="search" name="q" type="search" value=value node_ref=input/>
                <button type="submit" class="button">{t.search}</button>
            </div>
        </form>
    }
}
