//! One step of a guide at a time, after the GOV.UK question pages: a back link,
//! one question, answers that lead on, and the answers so far in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use veiviser_guide::check::Loaded;
use veiviser_guide::journey::{self, Answers, Walk};
use veiviser_guide::{render, Index, Place, Target, Way};

use crate::content::{self, LoadedGuide};
use crate::i18n::{fill, Lang};
use crate::start::set_title;
use crate::{link, progress};

/// Set once the first step has been shown: later steps move focus to their heading.
static SHOWN_A_STEP: AtomicBool = AtomicBool::new(false);
/// Set when the page moves on by itself (a card was inserted): focus stays where it is.
static SKIP_FOCUS: AtomicBool = AtomicBool::new(false);

/// The next step shown is reached without the user acting: do not move focus to it.
pub fn skip_next_focus() {
    SKIP_FOCUS.store(true, Ordering::Relaxed);
}

/// Shows the step the URL names in guide `guide`, reached through the answers in the URL.
#[component]
pub fn Wizard(index: Arc<Index>, guide: String, place: Memo<Place>, lang: Lang) -> impl IntoView {
    let loaded = content::use_guide(index, guide, lang);
    content::when_loaded(loaded, lang, move |guide| view! { <StepPage guide place lang/> }.into_any())
}

#[component]
fn StepPage(guide: Arc<LoadedGuide>, place: Memo<Place>, lang: Lang) -> impl IntoView {
    let navigate = use_navigate();
    move || {
        let place = place.get();
        let start = guide.entry.start.as_str();
        let Loaded { guide: g, .. } = &guide.loaded;
        let Some(walk) = journey::walk(g, start, &place.answers, place.step.as_deref()) else {
            return view! { <p>{lang.texts().no_start_step}</p> }.into_any();
        };
        if !walk.reached {
            // Land on the nearest step the answers lead to, and say so.
            let moved = Place {
                step: Some(walk.here().id.clone()),
                answers: journey::pruned(g, start, &place.answers),
                from: place.step.clone(),
                ..place.clone()
            };
            let navigate = navigate.clone();
            request_animation_frame(move || navigate(&link::href(&moved), NavigateOptions { replace: true, ..Default::default() }));
        } else {
            progress::save(&place);
        }
        step_page(&guide, &place, &walk, lang).into_any()
    }
}

fn step_page(guide: &LoadedGuide, place: &Place, walk: &Walk, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let g = &guide.loaded.guide;
    let step = walk.here();
    let answers = &place.answers;
    let way_href = |way: &Way| match &way.target {
        Target::Step(target) => {
            let after = journey::answers_after(g, &guide.entry.start, answers, step, way);
            link::href(&Place::answered(&g.id, target, &after))
        }
        other => link::outside(other).unwrap_or_default(),
    };
    let body = render::to_html(&step.body, &|target| match target {
        Target::Step(id) => step
            .ways
            .iter()
            .find(|w| w.target == *target)
            .map(way_href)
            .unwrap_or_else(|| link::href(&Place::answered(&g.id, id, answers))),
        other => link::outside(other).unwrap_or_default(),
    });
    let chosen = answers.get(&step.id).map(str::to_owned);
    let choices = step
        .choices()
        .map(|way| {
            let is_chosen = chosen.as_ref().is_some_and(|c| way.target == Target::Step(c.clone()));
            let hint = (!way.hint.is_empty()).then(|| view! { <span class="hint">{way.hint.clone()}</span> });
            let mark = is_chosen.then(|| view! { <span class="chosen-mark">{t.your_answer}</span> });
            view! {
                <li>
                    <a class="choice" class:chosen=is_chosen href=way_href(way)>{way.label.clone()}{mark}</a>
                    {hint}
                </li>
            }
        })
        .collect_view();
    let next = step.next().map(|way| view! { <p><a class="button" href=way_href(way)>{way.label.clone()}</a></p> });
    let back = match walk.previous() {
        Some(previous) => view! {
            <a class="back-link" href=link::href(&Place::answered(&g.id, &previous.id, answers))>{t.back}</a>
        }
        .into_any(),
        None => view! { <a class="back-link" href=link::href(&Place::start_page())>{t.to_start_page}</a> }.into_any(),
    };
    let note = place.from.as_ref().map(|from| {
        let named = g.step(from).map(|s| s.title.clone()).unwrap_or_else(|| from.clone());
        view! {
            <div class="note" role="status">
                <p>{fill(t.moved_note, &[&named])}</p>
            </div>
        }
    });
    let end = step.is_end().then(|| view! { <p><a href=link::href(&Place::start_page())>{t.back_to_start_page}</a></p> });
    let summary = summary(g.id.as_str(), walk, answers, step.is_end(), lang);
    let missing_language = content::missing_language_notice(guide, lang);
    let heading = NodeRef::<leptos::html::H1>::new();
    let title = format!("{} – {} – Veiviser", step.title, g.title);
    Effect::new(move |_| {
        set_title(&title);
        let skip = SKIP_FOCUS.swap(false, Ordering::Relaxed);
        if SHOWN_A_STEP.swap(true, Ordering::Relaxed) && !skip {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        }
    });
    let guide_id = g.id.clone();
    let code = crate::codes::code_of(guide, &step.id).map(|code| {
        let copied = RwSignal::new(false);
        let copy = move |_| {
            if let Some(window) = web_sys::window() {
                if let Ok(href) = window.location().href() {
                    let _ = window.navigator().clipboard().write_text(&href);
                    copied.set(true);
                }
            }
        };
        view! {
            <p class="step-code">
                {t.step_code} ": " <strong class="code">{code}</strong> " "
                <button type="button" class="link-button" on:click=copy>{t.copy_link}</button>
                <span role="status">{move || copied.get().then_some(t.link_copied)}</span>
            </p>
        }
    });
    let live = step.live.clone().map(|check| {
        let next = step.next().map(way_href);
        view! { <crate::live::LivePanel check lang next/> }
    });
    view! {
        <nav class="step-nav" aria-label=t.guide_navigation>{back}</nav>
        {missing_language}
        <div class="guide-content" lang=g.lang.clone()>
        <p class="guide-title">{g.title.clone()}</p>
        {note}
        <h1 id="step-title" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
        <div class="step-body" inner_html=body></div>
        </div>
        {live}
        <div class="guide-content" lang=g.lang.clone()>
        <ul class="choices">{choices}</ul>
        {next}
        </div>
        {end}
        {code}
        {summary}
        <p class="tools">
            <a href=link::href(&Place::whole_guide(&g.id))>{t.whole_guide}</a>
            " · "
            <a href=link::href(&Place::step(&g.id, None)) on:click=move |_| progress::clear(&guide_id)>{t.start_over}</a>
        </p>
    }
}

/// "Your answers": each question answered so far, with a link to change it.
fn summary(guide: &str, walk: &Walk, answers: &Answers, open: bool, lang: Lang) -> Option<impl IntoView> {
    let t = lang.texts();
    let answered = journey::answered(walk, answers);
    if answered.is_empty() {
        return None;
    }
    let rows = answered
        .iter()
        .map(|a| {
            let change = link::href(&Place::answered(guide, &a.question.id, answers));
            view! {
                <div class="summary-row">
                    <dt>{a.question.title.clone()}</dt>
                    <dd>{a.answer.label.clone()}</dd>
                    <dd><a href=change>{t.change} <span class="visually-hidden">{fill(t.change_hidden, &[&a.question.title])}</span></a></dd>
                </div>
            }
        })
        .collect_view();
    Some(view! {
        <details class="answers" open=open>
            <summary>{t.your_answers}</summary>
            <dl class="summary-list">{rows}</dl>
        </details>
    })
}

/// Renders step `step` of the guide in `markdown` (file name `path`) into `parent`,
/// without router or fetch: the browser tests use it to check the real DOM.
pub fn mount_step(parent: web_sys::HtmlElement, path: &str, markdown: &str, step: &str) {
    let source = veiviser_guide::source::Source::new(path, markdown);
    let (guide, _) = veiviser_guide::guide::parse(&source);
    let entry = veiviser_guide::GuideEntry {
        id: guide.id.clone(),
        title: Default::default(),
        audience: Default::default(),
        languages: vec![guide.lang.clone()],
        start: step.to_owned(),
        code: None,
    };
    let loaded = LoadedGuide::new(entry, Loaded { source, guide }, None);
    let place = Place::step(&loaded.loaded.guide.id, Some(step));
    leptos::mount::mount_to(parent, move || {
        let walk = journey::walk(&loaded.loaded.guide, &loaded.entry.start, &place.answers, place.step.as_deref())
            .expect("the step exists");
        step_page(&loaded, &place, &walk, Lang::Nb)
    })
    .forget();
}
