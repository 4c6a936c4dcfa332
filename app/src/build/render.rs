//! The app's views rendered to HTML (Leptos `RenderHtml::to_html`), as the
//! page first shows in the browser: the same frame, the same step view.

use leptos::prelude::*;
use leptos_router::components::Router;
use std::sync::{Arc, Once};

use veiviser_guide::{Lang, Place};

use crate::helper_client::Helper;
use crate::browser::navigation;
use crate::content::{LoadedGuide, Site};
use crate::pages::guide::wizard;
use crate::shell::{self, Main};
use crate::link;

/// An executor that runs nothing: at build time no fetch, helper call or
/// effect may run; the views render what they show before any does.
struct NothingRuns;

impl any_spawner::CustomExecutor for NothingRuns {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The page of `place` in `lang`, its `<main>` drawn by `main`.
fn render(site: &Site, place: &Place, lang: Lang, main: Main) -> String {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_custom_executor(NothingRuns);
    });
    navigation::render_at(place);
    link::set_lang_in_force(lang);
    let owner = Owner::new();
    let html = owner.with(|| {
        let site = site.clone();
        let settings = Arc::clone(&site.settings);
        Helper::provide(Signal::stored(settings.helper_port), Signal::stored(settings.live_check));
        let place = place.clone();
        let place = Memo::new(move |_| place.clone());
        let lang = Memo::new(move |_| lang);
        // The views' hooks (navigation) need a router; at build time it is at the page's address.
        provide_context(leptos_router::location::RequestUrl::new(&format!("/{}", place.get_untracked().to_address())));
        let site = Signal::stored(Some(Ok(site)));
        view! { <Router>{shell::frame(site, place, lang, main)}</Router> }.to_html()
    });
    drop(owner);
    html
}

/// The start page in `lang`, at `place`.
pub fn start_page(site: &Site, place: &Place, lang: Lang) -> String {
    render(site, place, lang, Arc::new(crate::pages::start::main))
}

/// The page of the step `place` names, and its title; `None` when the walk to
/// it ends elsewhere (a step no answers lead to).
pub fn step_page(site: &Site, guide: &Arc<LoadedGuide>, place: &Place, lang: Lang) -> Option<(String, String)> {
    let g = &guide.loaded.guide;
    let walk = veiviser_guide::journey::walk_to(g, &guide.entry.start, place)?;
    if place.step.as_ref().is_some_and(|step| *step != walk.here().id) {
        return None;
    }
    let title = wizard::title(g, walk.here());
    let shown = Arc::clone(guide);
    let main: Main = Arc::new(move |ctx: shell::Context| {
        let place = ctx.place.get_untracked();
        wizard::built_step(&shown, &place, ctx.lang, ctx.support.as_ref()).unwrap_or_else(|| ().into_any())
    });
    Some((render(site, place, lang, main), title))
}
