//! What went wrong with the content or the settings, shown in place of what
//! could not be shown: for the user in their language, with the way back to the
//! start page and whom to ask, and precisely (`file:line:col`) for the author.

use leptos::prelude::*;

use veiviser_guide::Contact;
use veiviser_guide::{Finding, Lang, Place};

use super::contact;
use crate::content::Problem;
use crate::i18n::{fill, Speak};
use crate::link;

/// The organisation's own support contact, once the settings are read; provided by the shell.
#[derive(Clone, Copy)]
pub struct OrganisationSupport(pub Signal<Option<Contact>>);

/// A content problem: a fetch that failed, a guide that does not exist, or the
/// checker's findings; then the way out and the help box.
pub fn problem(problem: Problem, lang: Lang) -> AnyView {
    let t = lang.texts();
    let what = match problem {
        Problem::Fetch { path, reason } => view! {
            <h1>{t.fetch_failed_title}</h1>
            // The browser's own reason, in its words.
            <p>{fill(t.fetch_failed, &[&path])} " " <span lang="en">{reason}</span></p>
            <p>{t.fetch_failed_advice}</p>
        }
        .into_any(),
        Problem::UnknownGuide(id) => view! {
            <h1>{t.unknown_guide_title}</h1>
            <p>{fill(t.unknown_guide, &[&id])}</p>
        }
        .into_any(),
        Problem::Findings(findings) => view! {
            <h1>{t.findings_title}</h1>
            <p>{t.findings_intro}</p>
            {for_author(findings, lang)}
        }
        .into_any(),
    };
    view! {
        <section class="problem" role="alert">{what}</section>
        <p><a class="back-link" href=link::href(&Place::start_page())>{t.back_to_start_page}</a></p>
        {help_box(lang)}
    }
    .into_any()
}

/// The checker's findings, under a heading that says whom they are for. They stay
/// as `veiviser check` prints them (English, like a compiler's), so the author can
/// search for them and jump to the line.
pub fn for_author(findings: Vec<Finding>, lang: Lang) -> impl IntoView {
    view! {
        <p class="hint">{lang.texts().findings_for_author}</p>
        {findings_list(findings)}
    }
}

/// "Trenger du hjelp?" on a page that could not show a guide: the organisation's
/// support, or the local IT helpdesk when the settings name none.
fn help_box(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let support = use_context::<OrganisationSupport>().and_then(|s| s.0.get_untracked());
    let reach = match support.filter(Contact::has_channel) {
        Some(c) => view! { <h3>{contact::name(&c, lang)}</h3> {contact::reach(&c, lang)} }.into_any(),
        None => view! { <p>{t.local_it}</p> }.into_any(),
    };
    view! {
        <aside class="help" aria-labelledby="help-problem">
            <h2 id="help-problem">{t.need_help}</h2>
            <div class="help-contact">{reach}</div>
        </aside>
    }
}

/// The findings about the settings and the index's contacts, shown at the top of every page until fixed.
pub fn settings_problems(findings: Vec<Finding>, lang: Lang) -> Option<impl IntoView> {
    (!findings.is_empty()).then(|| {
        view! {
            <div class="settings-problem" role="alert">
                <p>{lang.texts().settings_problem}</p>
                {findings_list(findings)}
            </div>
        }
    })
}

fn findings_list(findings: Vec<Finding>) -> impl IntoView {
    view! { <ul class="findings" lang="en">{findings.into_iter().map(|f| view! { <li><code>{f.to_string()}</code></li> }).collect_view()}</ul> }
}
