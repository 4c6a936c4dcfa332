//! The Veiviser web app. The page's state is its query string ([`Place`]);
//! content comes from the deployed `content/` folder at run time ([`content`]).
//!
//! The site is three HTML pages, each with its own bundle built from this
//! library (`src/main.rs`, `src/bin/`), so a page loads only the code it shows:
//! [`start`] (what do you want to do?), [`guide_page`] (a guide step by step in
//! [`wizard`], or whole in [`whole`]) and [`tools`] (helpdesk, search and
//! diagnostics). [`Shell`] is what they share: header, language, footer.

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use std::sync::Arc;

pub use veiviser_guide::{Bundle, Index, Place};

use i18n::Lang;

pub mod codes;
pub mod content;
pub mod diagnostics;
pub mod guide_page;
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
pub mod tools;
pub mod whole;
pub mod wizard;

/// What a page shows in `<main>` once the guide index and settings are there.
pub type Main = fn(Context) -> AnyView;

/// What the page's [`Main`] gets to work with.
#[derive(Clone)]
pub struct Context {
    pub index: Arc<Index>,
    /// Where the user is: the query string, read again on every navigation.
    pub place: Memo<Place>,
    pub lang: Lang,
}

/// Starts a page of the site: `main` fills its `<main>`.
pub fn mount(main: Main) {
    console_error_panic_hook::set_once();
    link::leave_other_pages_to_browser();
    leptos::mount::mount_to_body(move || view! { <Router><Shell main/></Router> });
}

/// What every page has: the header with the language switcher, the
/// organisation's settings, the footer, and the guide index that `main` needs.
#[component]
fn Shell(main: Main) -> impl IntoView {
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
                    None => content::loading(lang),
                    Some(Err(problem)) => problem.view(lang),
                    Some(Ok(site)) => main(Context { index: site.index, place, lang }),
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
