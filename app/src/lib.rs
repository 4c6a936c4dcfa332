//! The Veiviser web app. The page's state is its query string ([`Place`]);
//! content comes from the deployed `content/` folder at run time ([`content`]).
//! One module per view: [`start`] (what do you want to do?), [`wizard`] (one
//! step at a time), [`whole`] (the whole guide for reading and printing).

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

pub use veiviser_guide::Place;

pub mod codes;
pub mod content;
pub mod diagnostics;
pub mod helper;
pub mod helpdesk;
pub mod i18n;
pub mod language;
pub mod link;
pub mod live;
pub mod progress;
pub mod search;
pub mod start;
pub mod whole;
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
    let location = use_location();
    let place = Memo::new(move |_| Place::from_query(&location.search.get()));
    let lang = Memo::new(move |_| language::current(place.read().lang.as_deref()));
    Effect::new(move |_| language::apply(lang.get()));
    let guide = Memo::new(move |_| place.read().guide.clone());
    let whole = Memo::new(move |_| place.read().whole);
    let index = LocalResource::new(content::fetch_index);
    let page = Memo::new(move |_| place.read().page.clone());
    let query = Memo::new(move |_| place.read().query.clone());
    helper::provide();
    view! {
        <a class="skip-link" href="#main">{move || lang.get().texts().skip_to_content}</a>
        <header class="site-header">
            <a class="site-name" href=link::href(&Place::start_page())>"Veiviser"</a>
            <language::Switcher lang place/>
        </header>
        <main id="main" tabindex="-1">
            {move || {
                let lang = lang.get();
                if page.get().as_deref() == Some("diagnostics") {
                    return view! { <diagnostics::Diagnostics lang/> }.into_any();
                }
                match index.get() {
                    None => view! { <p class="loading">{lang.texts().loading}</p> }.into_any(),
                    Some(Err(problem)) => problem.view(lang),
                    Some(Ok(index)) if page.get().as_deref() == Some("helpdesk") => {
                        view! { <helpdesk::Helpdesk index lang/> }.into_any()
                    }
                    Some(Ok(index)) if page.get().as_deref() == Some("search") => {
                        view! { <search::SearchPage index lang query=query.get()/> }.into_any()
                    }
                    Some(Ok(index)) => match (guide.get(), whole.get()) {
                        (None, _) => view! { <start::StartPage index lang/> }.into_any(),
                        (Some(guide), false) => view! { <wizard::Wizard index guide place lang/> }.into_any(),
                        (Some(guide), true) => view! { <whole::WholeGuide index guide lang/> }.into_any(),
                    },
                }
            }}
        </main>
        <footer class="site-footer">
            <ul>
                <li><a href=link::href(&Place::page("search"))>{move || lang.get().texts().search}</a></li>
                <li><a href=link::href(&Place::page("helpdesk"))>{move || lang.get().texts().helpdesk}</a></li>
                <li><a href=link::href(&Place::page("diagnostics"))>{move || lang.get().texts().diagnostics}</a></li>
            </ul>
        </footer>
    }
}
