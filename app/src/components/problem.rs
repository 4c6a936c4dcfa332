//! What went wrong with the content or the settings, shown in place of what
//! could not be shown: for the user, and precisely for the author who can fix it.

use leptos::prelude::*;

use veiviser_guide::{Finding, Lang};

use crate::content::Problem;
use crate::i18n::{fill, Speak};

/// A content problem: a fetch that failed, or the checker's findings.
pub fn problem(problem: Problem, lang: Lang) -> AnyView {
    let t = lang.texts();
    match problem {
        Problem::Fetch { path, reason } => view! {
            <section class="problem" role="alert">
                <h1>{t.fetch_failed_title}</h1>
                <p>{fill(t.fetch_failed, &[&path])} " " {reason}</p>
                <p>{t.fetch_failed_advice}</p>
            </section>
        }
        .into_any(),
        Problem::Findings(findings) => view! {
            <section class="problem" role="alert">
                <h1>{t.findings_title}</h1>
                <p>{t.findings_intro}</p>
                {findings_list(findings)}
            </section>
        }
        .into_any(),
    }
}

/// The findings about the settings, shown at the top of every page until fixed.
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
    view! { <ul class="findings">{findings.into_iter().map(|f| view! { <li><code>{f.to_string()}</code></li> }).collect_view()}</ul> }
}
