//! The Veiviser web app. The page's state is its query string ([`Place`]);
//! content comes from the deployed `content/` folder at run time ([`content`]).
//! One module per view: [`start`] (what do you want to do?), [`wizard`] (one
//! step at a time), [`whole`] (the whole guide for reading and printing).

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

pub use veiviser_guide::Place;

use i18n::Lang;

pub mod codes;
pub mod content;
pub mod diagnostics;
pub mod helper;
pub mod helpdesk;
pub mod i18n;
pub mod language;
pub mod link;
pub mod organisation;
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
    let site = LocalResource::new(content::fetch_site);
    let default_lang = Memo::new(move |_| {
        let settings = site.get().and_then(|s| s.ok()).map(|s| s.settings.default_language.clone());
        settings.as_deref().and_then(Lang::from_code).unwrap_or_default()
    });
    let lang = Memo::new(move |_| language::current(place.read().lang.as_deref(), default_lang.get()));
    Effect::new(move |_| {
        language::apply(lang.get());
        if place.read().lang.is_some() {
            language::remember(lang.get());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(site)) = site.get() {
            organisation::apply(&site.settings);
        }
    });
    let guide = Memo::new(move |_| place.read().guide.clone());
    let whole = Memo::new(move |_| place.read().whole);
    let page = Memo::new(move |_| place.read().page.clone());
    let query = Memo::new(move |_| place.read().query.clone());
    helper::provide();
    let settings = move || site.get().and_then(|s| s.ok());
    view! {
        <a class="skip-link" href="#main">{move || lang.get().texts().skip_to_content}</a>
        <header class="site-header">
            <a class="site-name" href=link::href(&Place::start_page())>
                {move || settings().and_then(|s| s.settings.logo.clone()).map(|logo| view! { <img class="logo" src=logo alt=""/> })}
                {move || settings().map(|s| s.settings.name.clone()).unwrap_or_else(|| "Veiviser".into())}
            </a>
            <language::Switcher lang place/>
        </header>
        {move || settings().and_then(|s| organisation::problems(s.settings_findings, lang.get()))}
        <main id="main" tabindex="-1">
            {move || {
                let lang = lang.get();
                match site.get() {
                    None => view! { <p class="loading">{lang.texts().loading}</p> }.into_any(),
                    Some(Err(problem)) => problem.view(lang),
                    Some(Ok(site)) => {
                        let index = site.index;
                        match (page.get().as_deref(), guide.get(), whole.get()) {
                            (Some("diagnostics"), _, _) => view! { <diagnostics::Diagnostics lang/> }.into_any(),
                            (Some("helpdesk"), _, _) => view! { <helpdesk::Helpdesk index lang/> }.into_any(),
                            (Some("search"), _, _) => view! { <search::SearchPage index lang query=query.get()/> }.into_any(),
                            (_, None, _) => view! { <start::StartPage index lang/> }.into_any(),
                            (_, Some(guide), false) => view! { <wizard::Wizard index guide place lang/> }.into_any(),
                            (_, Some(guide), true) => view! { <whole::WholeGuide index guide lang/> }.into_any(),
                        }
                    }
                }
            }}
        </main>
        <footer class="site-footer">
            {move || settings().and_then(|s| s.settings.support.clone()).map(|support| organisation::support(&support, lang.get()))}
            <ul>
                <li><a href=link::href(&Place::page("search"))>{move || lang.get().texts().search}</a></li>
                <li><a href=link::href(&Place::page("helpdesk"))>{move || lang.get().texts().helpdesk}</a></li>
                <li><a href=link::href(&Place::page("diagnostics"))>{move || lang.get().texts().diagnostics}</a></li>
            </ul>
        </footer>
    }
}
