//! The whole guide as one document, for reading and printing: every step in
//! order, its answers as links within the page.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::{render, Index, Place, Target};

use crate::content::{self, LoadedGuide};
use crate::link;
use crate::start::set_title;

/// Every step of guide `guide`.
#[component]
pub fn WholeGuide(index: Arc<Index>, guide: String) -> impl IntoView {
    let loaded = content::use_guide(index, guide);
    content::with_guide(loaded, |guide| whole(&guide).into_any())
}

fn whole(guide: &LoadedGuide) -> impl IntoView {
    let g = &guide.loaded.guide;
    set_title(&format!("{} – hele veiledningen – Veiviser", g.title));
    let within = |target: &Target| match target {
        Target::Step(id) => format!("#{id}"),
        other => link::outside(other).unwrap_or_default(),
    };
    let steps = g
        .steps
        .iter()
        .map(|step| {
            let body = render::to_html(&step.body, &within);
            let ways = step
                .ways
                .iter()
                .filter(|w| w.kind != veiviser_guide::WayKind::Inline)
                .map(|way| view! { <li><a href=within(&way.target)>{way.label.clone()}</a></li> })
                .collect_view();
            let end = step.is_end().then(|| view! { <p class="end-mark">"Slutt på veiledningen."</p> });
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
        <nav class="step-nav" aria-label="Navigasjon i veiledningen">
            <a class="back-link" href=link::href(&Place::step(&g.id, None))>"Til veiviseren"</a>
        </nav>
        <h1>{g.title.clone()}</h1>
        <div class="whole-guide">{steps}</div>
    }
}
