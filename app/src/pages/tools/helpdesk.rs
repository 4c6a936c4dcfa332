//! The helpdesk page: every guide and every step with its code, title and direct
//! link, and each guide's flow drawn as a diagram with clickable steps.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::graph::{self, SvgOptions};
use veiviser_guide::{Index, Lang};

use crate::components::code_box::CodeBox;
use crate::components::loading::when_loaded;
use crate::content::{self, LoadedGuide};
use crate::i18n::Speak;

/// All guides at a glance, for the people who talk callers through them.
#[component]
pub fn Helpdesk(index: Arc<Index>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(format!("{} – Veiviser", t.helpdesk));
    let guides = content::use_all(Arc::clone(&index), lang);
    view! {
        <h1>{t.helpdesk}</h1>
        <p>{t.helpdesk_intro}</p>
        <CodeBox lang/>
        {when_loaded(guides, lang, move |guides| guides.iter().map(|g| guide_section(g, lang)).collect_view().into_any())}
    }
}

fn guide_section(guide: &LoadedGuide, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let g = &guide.loaded.guide;
    let rows = g
        .steps
        .iter()
        .map(|step| {
            view! {
                <tr>
                    <td class="code">{guide.code(&step.id)}</td>
                    <td><a href=guide.step_href(&step.id)>{step.title.clone()}</a></td>
                </tr>
            }
        })
        .collect_view();
    let link = |id: &str| guide.step_href(id);
    let code = |id: &str| guide.code(id);
    let layout = graph::layout(g, &guide.entry.start);
    let svg = graph::svg(
        &layout,
        g,
        &SvgOptions { link: Some(&link), code: Some(&code), start: Some(&guide.entry.start), legend: true },
    );
    let heading_id = format!("guide-{}", g.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="helpdesk-guide" aria-labelledby=labelled_by lang=g.lang.clone()>
            <h2 id=heading_id>{g.title.clone()}</h2>
            <table class="steps">
                <thead><tr><th scope="col">{t.code}</th><th scope="col">{t.step}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <details class="diagram">
                <summary>{t.diagram}</summary>
                <div class="diagram-scroll" inner_html=svg></div>
            </details>
        </section>
    }
}
