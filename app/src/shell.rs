//! What every page of the site has: the header with the language switcher, the
//! organisation's settings in force, the footer, and the guide index that the
//! page's own [`Main`] fills `<main>` from.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use std::sync::Arc;

use veiviser_guide::site::settings::PRODUCT_NAME;
use veiviser_guide::Contact;
use veiviser_guide::{GuideEntry, Index, Lang, Place, ToolsPage};

use crate::browser::{document, navigation};
use crate::helper_client::Helper;
use crate::components::language_switcher::LanguageSwitcher;
use crate::components::{contact, loading, problem};
use crate::i18n::{Speak, Texts};
use crate::content::{self, Site};
use crate::{language, link};

/// What a page shows in `<main>` once the guide index and settings are there.
pub type Main = Arc<dyn Fn(Context) -> AnyView + Send + Sync>;

/// The site as far as it is read: nothing yet, what is wrong with it, or the site.
pub type SiteSignal = Signal<Option<Result<Site, content::Problem>>>;

/// What the page's [`Main`] gets to work with.
#[derive(Clone)]
pub struct Context {
    /// The whole index: every guide the site has.
    pub index: Arc<Index>,
    /// The guides the start page lists (the organisation's choice).
    pub shown: Arc<Vec<GuideEntry>>,
    /// Where the user is: the query string, read again on every navigation.
    pub place: Memo<Place>,
    pub lang: Lang,
    /// The organisation's own support contact (`settings.json`), beside each guide's.
    pub support: Option<Contact>,
}

/// The name of a tools page, as its link reads.
pub fn page_name(page: ToolsPage, t: &'static Texts) -> &'static str {
    match page {
        ToolsPage::Search => t.search,
        ToolsPage::Helpdesk => t.helpdesk,
        ToolsPage::Diagnostics => t.diagnostics,
        ToolsPage::ForIt => t.for_it,
    }
}

/// The frame of every page around `main`, in the browser: the site and the
/// place are read as the page goes, and the language, colours and helper
/// follow them.
#[component]
pub fn Shell(main: Main) -> impl IntoView {
    let location = use_location();
    // The router puts a new path in the address bar only once told the page for
    // it is drawn, as its `<Routes>` would; this app draws every place itself,
    // and each step has a path of its own (`nb/mrs/pin.html`).
    if let Some(url) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            location.pathname.track();
            url.ready_to_complete();
        });
    }
    let place = Memo::new(move |_| {
        let (path, search) = (location.pathname.get(), location.search.get());
        Place::from_address(&navigation::within_site(&path), &search)
    });
    let site = LocalResource::new(content::fetch_site);
    let site = Signal::derive(move || site.get());
    let settings = move || site.get().and_then(|s| s.ok());
    let default_lang = Memo::new(move |_| settings().map(|s| s.settings.default_language).unwrap_or_default());
    let lang = Memo::new(move |_| language::current(place.read().lang, default_lang.get()));
    Effect::new(move |_| {
        document::set_lang(lang.get().code());
        if place.read().lang.is_some() {
            language::remember(lang.get(), default_lang.get());
        }
    });
    Effect::new(move |_| {
        if let Some(site) = settings() {
            document::set_css_property("brand", &site.settings.brand);
            document::set_css_property("link", &site.settings.link);
        }
    });
    let port = Signal::derive(move || settings().map_or(veiviser_api::DEFAULT_PORT, |s| s.settings.helper_port));
    let live_check = Signal::derive(move || settings().is_none_or(|s| s.settings.live_check));
    Helper::provide(port, live_check);
    frame(site, place, lang, main)
}

/// The frame of every page around `main`: the skip link, the header with the
/// language switcher, the settings' findings, `<main>` and the footer. The same
/// views render the page in the browser and to HTML at build time.
pub fn frame(site: SiteSignal, place: Memo<Place>, lang: Memo<Lang>, main: Main) -> impl IntoView {
    content::Guides::provide();
    let guides = content::Guides::get();
    let settings = move || site.get().and_then(|s| s.ok());
    let support = Signal::derive(move || settings().and_then(|s| s.settings.support.clone()));
    provide_context(problem::OrganisationSupport(support));
    // Links name the language in force where the address names none.
    let lang = Memo::new(move |_| {
        let lang = lang.get();
        link::set_lang_in_force(lang);
        lang
    });
    view! {
        <a class="skip-link" href="#main">{move || lang.get().texts().skip_to_content}</a>
        <header class="site-header">
            <a class="site-name" href=move || { lang.track(); link::href(&Place::start_page()) }>
                {move || settings().and_then(|s| s.settings.logo.clone()).map(|logo| view! { <img class="logo" src=link::file(&logo) alt=""/> })}
                {move || settings().map(|s| s.settings.name.clone()).unwrap_or_else(|| PRODUCT_NAME.into())}
            </a>
            <LanguageSwitcher lang place/>
        </header>
        {move || settings().and_then(|s| problem::settings_problems(s.settings_findings, lang.get()))}
        <main id="main" tabindex="-1">
            {move || {
                let lang = lang.get();
                match site.get() {
                    None => loading::loading(lang),
                    Some(Err(content_problem)) => problem::problem(content_problem, lang),
                    Some(Ok(site)) => {
                        guides.set_index_source(site.index_source);
                        let support = site.settings.support.clone();
                        main(Context { index: site.index, shown: site.shown, place, lang, support })
                    }
                }
            }}
        </main>
        <footer class="site-footer">
            {move || settings().and_then(|s| s.settings.support.clone()).map(|c| contact::footer(&c, lang.get()))}
            <ul>
                {ToolsPage::ALL
                    .into_iter()
                    .map(|page| view! {
                        <li><a href=move || { lang.track(); link::href(&Place::tools_page(page)) }>{move || page_name(page, lang.get().texts())}</a></li>
                    })
                    .collect_view()}
            </ul>
        </footer>
    }
}
