//! The whole guide as one document, for reading and printing: every step in
//! order, its answers as links within the page.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{render, Index, Lang, Place, Target, WayKind};

use crate::components::loading::when_loaded;
use crate::components::missing_language::missing_language_notice;
use crate::content::{self, LoadedGuide};
use crate::i18n::Speak;
use crate::link;

/// Every step of guide `guide`.
#[component]
pub fn WholeGuide(index: Arc<Index>, guide: String, lang: Lang) -> impl IntoView {
    let loaded = content::use_guide(index, guide, lang);
    when_loaded(loaded, lang, move |guide| whole(&guide, lang).into_any())
}

fn whole(guide: &LoadedGuide, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let g = &guide.loaded.guide;
    crate::pages::title(&[&g.title, t.whole_guide_title]);
    let within = |target: &Target| match target {
        Target::Step(id) => format!("#{id}"),
        other => link::outside(other).unwrap_or_default(),
    };
    let intro = (!g.intro.is_empty()).then(|| view! { <div class="guide-intro step-body" inner_html=render::to_html(&g.intro, &within)></div> });
    let steps = g
        .steps
        .iter()
        .map(|step| {
            let body = render::to_html(&step.body, &within);
            let ways = step
                .ways
                .iter()
                .filter(|w| w.kind != WayKind::Inline)
                .map(|way| view! { <li><a href=within(&way.target)>{way.label.clone()}</a></li> })
                .collect_view();
            let end = step.is_end().then(|| view! { <p class="end-mark">{t.end_of_guide}</p> });
            view! {
                <section class="whole-step" id=step.id.clone()>
                    <h2>{step.title.clone()}</h2>
                    <div class="step-body" inner_html=body></div>
                    <ul class="whole-ways">{ways}</ul>
                    {end}
                </section>
            }
        })
        .collect_view();
    view! {
        <nav class="step-nav" aria-label=t.guide_navigation>
            <a class="back-link" href=link::href(&Place::step(&g.id, None))>{t.back_to_wizard}</a>
        </nav>
        {missing_language_notice(guide, lang)}
        <div class="whole-guide" lang=g.lang.clone()>
            <h1>{g.title.clone()}</h1>
            {intro}
            {steps}
        </div>
    }
}
