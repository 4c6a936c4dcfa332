//! The tools page (`tools.html`): the [`helpdesk`](crate::helpdesk) overview,
//! [`search`](crate::search) and [`diagnostics`](crate::diagnostics).

use leptos::prelude::*;

use veiviser_guide::Place;

use crate::{diagnostics, helpdesk, link, search, Context};

/// The tools page's `<main>`, by the `page` the query names.
pub fn main(Context { index, place, lang }: Context) -> AnyView {
    let page = Memo::new(move |_| place.read().page.clone());
    let query = Memo::new(move |_| place.read().query.clone());
    (move || {
        let index = index.clone();
        match page.get().as_deref() {
            Some("diagnostics") => view! { <diagnostics::Diagnostics lang/> }.into_any(),
            Some("helpdesk") => view! { <helpdesk::Helpdesk index lang/> }.into_any(),
            Some("search") => view! { <search::SearchPage index lang query=query.get()/> }.into_any(),
            _ => {
                link::replace_page(&link::href(&Place::start_page()));
                ().into_any()
            }
        }
    })
    .into_any()
}
