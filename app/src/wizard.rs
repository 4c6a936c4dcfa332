//! One step of a guide at a time, the way on as links that name the next step.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::check::Loaded;
use veiviser_guide::{render, Index, Place, Step};

use crate::content;
use crate::link;

/// Shows the step the URL names in guide `guide`.
#[component]
pub fn Wizard(index: Arc<Index>, guide: String, place: Memo<Place>) -> impl IntoView {
    let lang = "nb".to_owned();
    let loaded = {
        let (index, guide) = (Arc::clone(&index), guide.clone());
        LocalResource::new(move || content::fetch_guide(Arc::clone(&index), guide.clone(), lang.clone()))
    };
    let start = index.guide(&guide).map(|e| e.start.clone()).unwrap_or_default();
    move || match loaded.get() {
        None => view! { <p class="loading">"Laster …"</p> }.into_any(),
        Some(Err(problem)) => problem.view(),
        Some(Ok(loaded)) => {
            let id = place.read().step.clone().unwrap_or_else(|| start.clone());
            match loaded.guide.step(&id) {
                Some(step) => step_view(&loaded, step).into_any(),
                None => view! {
                    <h1>"Fant ikke steget"</h1>
                    <p>"Veiledningen har ikke noe steg som heter " <code>{id}</code> "."</p>
                    <p><a href=link::href(&Place::step(&loaded.guide.id, None))>"Gå til starten av veiledningen"</a></p>
                }
                .into_any(),
            }
        }
    }
}

fn step_view(loaded: &Loaded, step: &Step) -> impl IntoView {
    let guide_id = loaded.guide.id.clone();
    let body = render::to_html(&step.body, &|target| link::resolve(&guide_id, target));
    let choices = step
        .choices()
        .map(|way| {
            let href = link::resolve(&guide_id, &way.target);
            let hint = (!way.hint.is_empty()).then(|| view! { <span class="hint">{way.hint.clone()}</span> });
            view! { <li><a class="choice" href=href>{way.label.clone()}</a>{hint}</li> }
        })
        .collect_view();
    let next = step.next().map(|way| {
        let href = link::resolve(&guide_id, &way.target);
        view! { <p><a class="button" href=href>{way.label.clone()}</a></p> }
    });
    let end = step.is_end().then(|| {
        view! { <p><a href=link::href(&Place::start_page())>"Tilbake til forsiden"</a></p> }
    });
    view! {
        <p class="guide-title">{loaded.guide.title.clone()}</p>
        <button type="button" class="back-link" on:click=|_| go_back()>"Tilbake"</button>
        <h1 id="step-title" tabindex="-1">{step.title.clone()}</h1>
        <div class="step-body" inner_html=body></div>
        <ul class="choices">{choices}</ul>
        {next}
        {end}
    }
}

fn go_back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// Renders step `step` of the guide in `markdown` (file name `path`) into `parent`,
/// without router or fetch: the browser tests use it to check the real DOM.
pub fn mount_step(parent: web_sys::HtmlElement, path: &str, markdown: &str, step: &str) {
    let source = veiviser_guide::source::Source::new(path, markdown);
    let (guide, _) = veiviser_guide::guide::parse(&source);
    let loaded = Loaded { source, guide };
    let step = step.to_owned();
    leptos::mount::mount_to(parent, move || {
        let step = loaded.guide.step(&step).expect("the step exists");
        step_view(&loaded, step)
    })
    .forget();
}
