//! The tools page (`tools.html`): the [`helpdesk`] overview, [`search`],
//! [`diagnostics`] and the IT kit ([`for_it`]).

pub mod diagnostics;
pub mod for_it;
pub mod helpdesk;
pub mod search;

use leptos::prelude::*;

use veiviser_guide::ToolsPage;

use crate::shell::Context;

/// The tools page's `<main>`, by the `page` the query names.
pub fn main(Context { index, place, lang, .. }: Context) -> AnyView {
    let page = Memo::new(move |_| place.read().tools_page);
    let query = Memo::new(move |_| place.read().query.clone());
    (move || {
        let index = index.clone();
        match page.get() {
            Some(ToolsPage::Diagnostics) => view! { <diagnostics::Diagnostics lang/> }.into_any(),
            Some(ToolsPage::Helpdesk) => view! { <helpdesk::Helpdesk index lang/> }.into_any(),
            Some(ToolsPage::Search) => view! { <search::SearchPage index lang query=query.get()/> }.into_any(),
            Some(ToolsPage::ForIt) => view! { <for_it::ForIt lang/> }.into_any(),
            None => super::to_start_page(),
        }
    })
    .into_any()
}
