//! The diagnostics page: what the helper sees, what is wrong and what to do
//! (the helper's own [`diagnose`], as `veiviser-helper doctor` words it), and how
//! the browser stands to the helper, with a plain-text copy for the helpdesk that
//! holds no personal data (the helper sends none: no names, serials or certificates).

use leptos::prelude::*;

use veiviser_guide::live::network_access::{Obstacle, Permission};
use veiviser_guide::live::Status;
use veiviser_guide::site::settings::PRODUCT_NAME;
use veiviser_guide::Lang;

use crate::helper_client::{self as helper, HelperState};
use crate::browser::{clipboard, intl, navigation};
use crate::components::helper_status::{self, permission_words};
use crate::i18n::{fill, Speak};

/// What the helper and the browser report.
#[component]
pub fn Diagnostics(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(&[t.diagnostics]);
    let helper = helper::use_helper();
    let (state, permission) = (helper.state(), helper.permission());
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = report(&state.get_untracked(), permission.get_untracked(), lang);
        leptos::task::spawn_local(async move {
            if clipboard::copy(&text).await {
                copied.set(true);
            }
        });
    };
    view! {
        <h1>{t.diagnostics}</h1>
        <p>{t.diagnostics_intro}</p>
        <section class="live" role="status" aria-live="polite">
            {move || match state.get() {
                HelperState::Checking => view! { <p>{t.connecting}</p> }.into_any(),
                HelperState::NeedsClick => helper_status::needs_click(helper, lang).into_any(),
                HelperState::Unreachable(why) => helper_status::unreachable(why, helper, lang).into_any(),
                HelperState::Seen(status) => seen(&status, lang).into_any(),
            }}
        </section>
        // At once, whatever the helper answers: the help link of a card step lands here.
        <section aria-labelledby=helper_status::INSTALL>
            <h2 id=helper_status::INSTALL tabindex="-1">{t.helper_how}</h2>
            <p>{fill(t.install_helper, &[&navigation::origin()])}</p>
        </section>
        <h2>{t.browser}</h2>
        <ul class="diagnosis">
            {move || browser_lines(&state.get(), permission.get(), lang).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
        </ul>
        <p class="browser">{navigation::browser()}</p>
        <p>
            <button type="button" class="button" on:click=copy>{t.copy_for_helpdesk}</button>
        </p>
        <p role="status">{move || copied.get().then_some(t.copied)}</p>
    }
}

fn seen(status: &Status, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let advice = helper_status::advice(status, t);
    view! {
        <p>{fill(t.helper_version, &[&status.version])}</p>
        <ul class="diagnosis">{helper_status::lines(status, lang).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        <h2>{t.what_to_do}</h2>
        <ul class="advice">{advice.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    }
}

/// How the browser stands to the helper: secure page, permission, answer, origin.
fn browser_lines(state: &HelperState, permission: Option<Permission>, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let yes_no = |yes: bool| if yes { t.yes } else { t.no };
    let answered = matches!(state, HelperState::Seen(_) | HelperState::Unreachable(Obstacle::OriginNotAllowed));
    let allowed = match state {
        HelperState::Seen(_) => t.yes,
        HelperState::Unreachable(Obstacle::OriginNotAllowed) => t.no,
        _ => t.not_known,
    };
    vec![
        fill(t.diag_secure, &[yes_no(navigation::is_secure_context())]),
        fill(t.diag_permission, &[permission_words(permission, t)]),
        fill(t.diag_answered, &[yes_no(answered)]),
        fill(t.diag_origin, &[&navigation::origin()]),
        fill(t.diag_allowed, &[allowed]),
    ]
}

/// The plain text copied for the helpdesk.
fn report(state: &HelperState, permission: Option<Permission>, lang: Lang) -> String {
    let t = lang.texts();
    let mut out = format!("{PRODUCT_NAME} – {}\n{}\n\n", t.diagnostics, intl::today(lang));
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    match state {
        HelperState::Seen(status) => {
            line(&fill(t.helper_version, &[&status.version]));
            helper_status::lines(status, lang).iter().for_each(|l| line(l));
            line(t.what_to_do);
            helper_status::advice(status, t).iter().for_each(|l| line(&format!("  - {l}")));
        }
        HelperState::Unreachable(why) => line(&helper_status::unreachable_text(*why, lang)),
        HelperState::Checking | HelperState::NeedsClick => line(t.connecting),
    }
    line("");
    browser_lines(state, permission, lang).iter().for_each(|l| line(l));
    line(&format!("{}: {}", t.browser, navigation::browser()));
    out
}
