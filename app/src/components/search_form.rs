//! A search field that opens the search page with the query in the URL: a plain
//! form from other pages, and on the search page itself a move within the page,
//! which keeps the guides it has fetched.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use veiviser_guide::{Bundle, Lang, Place, ToolsPage};

use crate::i18n::Speak;
use crate::link;

/// The search field and its button, holding `value`.
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
        let place = Place { query: Some(query), ..Place::tools_page(ToolsPage::Search) };
        navigate(&link::href(&place), Default::default());
    };
    view! {
        <form class="search-box" role="search" action=link::page(Bundle::Tools) method="get" on:submit=submit>
            <input type="hidden" name="lang" value=lang.code()/>
            <input type="hidden" name="page" value=ToolsPage::Search.name()/>
            <label for="search">{t.search_label}</label>
            <div class="code-row">
                <input id="search" name="q" type="search" value=value node_ref=input/>
                <button type="submit" class="button">{t.search}</button>
            </div>
        </form>
    }
}
