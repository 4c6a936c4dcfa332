//! The Veiviser web app. The page's state is its query string ([`Place`]);
//! content comes from the deployed `content/` folder at run time ([`content`]).

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;

use veiviser_guide::Place;

pub mod content;
pub mod link;
pub mod start;
pub mod wizard;

/// The whole app: one page whose query string says where the user is.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Page/>
        </Router>
    }
}

#[component]
fn Page() -> impl IntoView {
    let query = use_query_map();
    let place = Memo::new(move |_| {
        let query = query.read();
        Place { guide: query.get("guide"), step: query.get("step") }
    });
    let index = LocalResource::new(content::fetch_index);
    view! {
        <header class="site-header">
            <a class="site-name" href=link::href(&Place::start_page())>"Veiviser"</a>
        </header>
        <main id="main">
            {move || match index.get() {
                None => view! { <p class="loading">"Laster …"</p> }.into_any(),
                Some(Err(problem)) => problem.view(),
                Some(Ok(index)) => match place.read().guide.clone() {
                    None => view! { <start::StartPage index=index.clone()/> }.into_any(),
                    Some(guide) => view! { <wizard::Wizard index=index.clone() guide place/> }.into_any(),
                },
            }}
        </main>
    }
}
