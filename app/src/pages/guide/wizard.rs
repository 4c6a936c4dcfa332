//! One step of a guide at a time, after the GOV.UK question pages: a back link,
//! one question, answers that lead on, and the answers so far in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

use veiviser_guide::Loaded;
use veiviser_guide::journey::{self, Answers, Landing, Walk};
use veiviser_guide::Contact;
use veiviser_guide::{render, Index, Lang, Place, Target, Way};

use crate::browser::{document, navigation};
use crate::components::help;
use crate::components::live_panel::LivePanel;
use crate::components::loading::when_loaded;
use crate::components::missing_language::missing_language_notice;
use crate::content::{self, LoadedGuide};
use crate::i18n::{fill, Speak};
use crate::{link, progress};

/// Where focus goes when a step is shown: to its heading, except for the first
/// step after the page loads and a step the page moved on to by itself (a card
/// was inserted), where focus stays where the user has it.
#[derive(Clone, Copy)]
struct Focus {
    shown_a_step: StoredValue<bool>,
    skip_next: StoredValue<bool>,
}

impl Focus {
    fn new() -> Focus {
        Focus { shown_a_step: StoredValue::new(false), skip_next: StoredValue::new(false) }
    }

    /// True when the step now shown should take focus.
    fn take(self) -> bool {
        let first = !self.shown_a_step.get_value();
        let skip = self.skip_next.get_value();
        self.shown_a_step.set_value(true);
        self.skip_next.set_value(false);
        !first && !skip
    }
}

/// Shows the step the URL names in guide `guide`, reached through the answers in the URL.
#[component]
pub fn Wizard(index: Arc<Index>, guide: String, place: Memo<Place>, lang: Lang, support: Option<Contact>) -> impl IntoView {
    let loaded = content::use_guide(index, guide, lang);
    let focus = Focus::new();
    when_loaded(loaded, lang, move |guide| {
        let support = support.clone();
        view! { <StepPage guide place lang focus support/> }.into_any()
    })
}

#[component]
fn StepPage(guide: Arc<LoadedGuide>, place: Memo<Place>, lang: Lang, focus: Focus, support: Option<Contact>) -> impl IntoView {
    let navigate = use_navigate();
    let landing = {
        let guide = Arc::clone(&guide);
        Memo::new(move |_| journey::landing(&guide.loaded.guide, &guide.entry.start, &place.read()))
    };
    {
        let navigate = navigate.clone();
        Effect::new(move |_| match landing.get() {
            Landing::Reached => progress::save(&place.get()),
            // A step named without answers: the same step, with the answers that lead there.
            // Answers that lead elsewhere: the nearest step they lead to, saying so (`from`).
            Landing::Answered(there) | Landing::Moved(there) => {
                navigate(&link::href(&there), NavigateOptions { replace: true, ..Default::default() })
            }
            Landing::NoStart => {}
        });
    }
    // The page moves on by itself (a card went in): focus stays where it is.
    let go = Callback::new(move |href: String| {
        if navigation::current() != href {
            focus.skip_next.set_value(true);
            navigate(&href, Default::default());
        }
    });
    move || {
        // A place about to be replaced shows no step meanwhile, nor takes focus.
        if matches!(landing.get(), Landing::Answered(_) | Landing::Moved(_)) {
            return crate::components::loading::loading(lang);
        }
        let place = place.get();
        let Loaded { guide: g, .. } = &guide.loaded;
        match journey::walk_to(g, &guide.entry.start, &place) {
            None => view! { <p>{lang.texts().no_start_step}</p> }.into_any(),
            Some(walk) => step_page(&guide, &place, &walk, lang, focus, Some(go), support.as_ref()).into_any(),
        }
    }
}

fn step_page(
    guide: &LoadedGuide,
    place: &Place,
    walk: &Walk,
    lang: Lang,
    focus: Focus,
    go: Option<Callback<String>>,
    support: Option<&Contact>,
) -> impl IntoView {
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
    let resolve = |target: &Target| match target {
        Target::Step(id) => step
            .ways
            .iter()
            .find(|w| w.target == *target)
            .map(way_href)
            .unwrap_or_else(|| link::href(&Place::answered(&g.id, id, answers))),
        other => link::outside(other).unwrap_or_default(),
    };
    let body = render::to_html(&step.body, &resolve);
    // The guide's opening text, where the guide starts (the start step, however reached).
    let intro = (step.id == guide.entry.start && !g.intro.is_empty())
        .then(|| view! { <div class="guide-intro step-body" inner_html=render::to_html(&g.intro, &resolve)></div> });
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
        // A step renamed or taken out since the link was made (its page kept by the build), or a typo.
        let said = match g.step(from) {
            Some(linked) => fill(t.moved_note, &[&linked.title]),
            None => fill(t.gone_note, &[from]),
        };
        view! {
            <div class="note" role="status">
                <p>{said}</p>
            </div>
        }
    });
    let end = step.is_end().then(|| view! { <p><a href=link::href(&Place::start_page())>{t.back_to_start_page}</a></p> });
    let summary = summary(g.id.as_str(), walk, answers, step.is_end(), lang);
    let missing_language = missing_language_notice(guide, lang);
    let heading = NodeRef::<leptos::html::H1>::new();
    let title = title(g, step);
    Effect::new(move |_| {
        document::set_title(&title);
        if focus.take() {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        }
    });
    let guide_id = g.id.clone();
    let help = help::help(guide, step, support, lang);
    let live = step.live.clone().map(|check| {
        // A step that waits for the card moves on by itself once it is in.
        let on_card_in = step.next().map(way_href).zip(go).map(|(next, go)| Callback::new(move |()| go.run(next.clone())));
        view! { <LivePanel check lang on_card_in/> }
    });
    view! {
        <nav class="step-nav" aria-label=t.guide_navigation>{back}</nav>
        {missing_language}
        <div class="guide-content" lang=g.lang.clone()>
        <p class="guide-title">{g.title.clone()}</p>
        {note}
        {intro}
        <h1 id="step-title" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
        <div class="step-body" inner_html=body></div>
        </div>
        {live}
        <div class="guide-content" lang=g.lang.clone()>
        <ul class="choices">{choices}</ul>
        {next}
        </div>
        {end}
        {summary}
        {help}
        <p class="tools">
            <a href=link::href(&Place::whole_guide(&g.id))>{t.whole_guide}</a>
            " · "
            <a href=link::href(&Place::step(&g.id, None)) on:click=move |_| progress::clear(&guide_id)>{t.start_over}</a>
        </p>
    }
}

/// The document's title on `step`'s page.
pub fn title(guide: &veiviser_guide::Guide, step: &veiviser_guide::Step) -> String {
    crate::pages::title_of(&[&step.title, &guide.title])
}

/// The step `place` names in `guide`, as the page written at build time shows it:
/// the same view as in the browser, before any card or helper is seen. `None`
/// when the guide has no such step.
pub fn built_step(guide: &LoadedGuide, place: &Place, lang: Lang, support: Option<&Contact>) -> Option<AnyView> {
    let walk = journey::walk_to(&guide.loaded.guide, &guide.entry.start, place)?;
    Some(step_page(guide, place, &walk, lang, Focus::new(), None, support).into_any())
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
    let source = veiviser_guide::Source::new(path, markdown);
    let (guide, _) = veiviser_guide::model::guide::parse(&source);
    let entry = veiviser_guide::GuideEntry {
        id: guide.id.clone(),
        languages: vec![guide.lang.clone()],
        start: step.to_owned(),
        ..Default::default()
    };
    let loaded = LoadedGuide::new(entry, Loaded { source, guide }, None);
    let place = Place::step(&loaded.loaded.guide.id, Some(step));
    leptos::mount::mount_to(parent, move || {
        let walk = journey::walk_to(&loaded.loaded.guide, &loaded.entry.start, &place).expect("the step exists");
        step_page(&loaded, &place, &walk, Lang::Nb, Focus::new(), None, None)
    })
    .forget();
}
