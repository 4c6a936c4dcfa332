//! The helpdesk page: every guide and every step with its code, title and direct
//! link, and each guide's flow drawn as a diagram with clickable steps. Each
//! guide stands alone: a broken one is named in its place with what is wrong,
//! and the checker's notes on a working one are listed under it.

use leptos::prelude::*;
use std::sync::Arc;

use veiviser_guide::graph::{self, SvgOptions, Words};
use veiviser_guide::{Index, Lang};

use crate::components::code_box::CodeBox;
use crate::components::loading::loading;
use crate::components::problem;
use crate::content::{self, Each, LoadedGuide, Problem};
use crate::i18n::{fill, Speak, Texts};

/// All guides at a glance, for the people who talk callers through them.
#[component]
pub fn Helpdesk(index: Arc<Index>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(&[t.helpdesk]);
    let guides = content::use_all(Arc::clone(&index), lang);
    view! {
        <h1>{t.helpdesk}</h1>
        <p>{t.helpdesk_intro}</p>
        <CodeBox lang/>
        {move || match guides.get() {
            None => loading(lang),
            Some(guides) => guides.iter().map(|each| each_section(each, lang)).collect_view().into_any(),
        }}
    }
}

fn each_section(each: &Each, lang: Lang) -> AnyView {
    match &each.guide {
        Ok(guide) => guide_section(guide, lang).into_any(),
        Err(problem) => broken_section(each, problem.clone(), lang).into_any(),
    }
}

/// A guide that cannot be shown, named in its place, with what is wrong with it.
fn broken_section(each: &Each, problem: Problem, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let title = each.entry.text(&each.entry.title, lang.code()).to_owned();
    let heading_id = format!("guide-{}", each.entry.id);
    let labelled_by = heading_id.clone();
    let what = match problem {
        Problem::Findings(findings) => problem::for_author(findings, lang).into_any(),
        Problem::Fetch { path, reason } => view! { <p>{fill(t.fetch_failed, &[&path])} " " <span lang="en">{reason}</span></p> }.into_any(),
        Problem::UnknownGuide(id) => view! { <p>{fill(t.unknown_guide, &[&id])}</p> }.into_any(),
    };
    view! {
        <section class="helpdesk-guide broken" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title.clone()}</h2>
            <p class="warning" role="alert">{fill(t.guide_broken, &[&title])}</p>
            {what}
        </section>
    }
}

/// The diagram's words in the reader's language.
fn words(t: &'static Texts) -> Words {
    Words {
        step: t.legend_step,
        start: t.legend_start,
        end: t.legend_end,
        checks_card: t.legend_checks_card,
        back: t.legend_back,
        description: t.diagram_description,
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
    let words = words(t);
    let svg = graph::svg(
        &layout,
        g,
        &SvgOptions { link: Some(&link), code: Some(&code), start: Some(&guide.entry.start), legend: true, words: Some(&words) },
    );
    let notes = (!guide.warnings.is_empty()).then(|| {
        view! {
            <details class="content-notes">
                <summary>{fill(t.content_notes, &[&guide.warnings.len().to_string()])}</summary>
                {problem::for_author(guide.warnings.clone(), lang)}
            </details>
        }
    });
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
            {notes}
        </section>
    }
}
