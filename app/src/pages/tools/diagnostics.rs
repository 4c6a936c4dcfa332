//! The diagnostics page: what the helper sees, what is wrong and what to do
//! (the helper's own [`diagnose`], as `veiviser-helper doctor` words it), and how
//! the browser stands to the helper, with a plain-text copy for the helpdesk that
//! holds no personal data (the helper sends none: no names, serials or certificates).

use leptos::prelude::*;

use veiviser_guide::reach::{Permission, Unreachable};
use veiviser_guide::status::{diagnose, Finding, Service, Status};
use veiviser_guide::Lang;

use crate::browser::helper::{self, HelperState};
use crate::browser::{clipboard, intl, navigation};
use crate::components::helper_status::{self, certificate_line, permission_words};
use crate::i18n::{fill, Speak, Texts};

/// What the helper and the browser report.
#[component]
pub fn Diagnostics(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    crate::pages::title(format!("{} – Veiviser", t.diagnostics));
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
                HelperState::Unreachable(why) => {
                    let install = (why == Unreachable::NotRunning).then(|| view! { <p>{fill(t.install_helper, &[&navigation::origin()])}</p> });
                    view! { {helper_status::unreachable(why, helper, lang)} {install} }.into_any()
                }
                HelperState::Seen(status) => seen(&status, lang).into_any(),
            }}
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
    let advice = advice_lines(status, t);
    view! {
        <p>{fill(t.helper_version, &[&status.version])}</p>
        <ul class="diagnosis">{helper_lines(status, lang).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        <h2>{t.what_to_do}</h2>
        <ul class="advice">{advice.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    }
}

/// The helper's view as lines of text, shared by the page and the copied report.
fn helper_lines(status: &Status, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let mut lines = Vec::new();
    lines.push(if status.service == Service::Ok { t.service_ok } else { t.service_down }.to_owned());
    if status.service == Service::Ok && status.readers.is_empty() {
        lines.push(t.no_reader.to_owned());
    }
    for reader in &status.readers {
        let name = if reader.is_virtual() { format!("{}{}", reader.name, t.virtual_reader) } else { reader.name.clone() };
        match &reader.card {
            None => lines.push(format!("{}: {name} – {}", t.reader, t.no_card)),
            Some(card) => {
                let kind = fill(t.card_kind, &[card.kind.name(), &card.certificates.len().to_string()]);
                lines.push(format!("{}: {name} – {kind}", t.reader));
                for certificate in &card.certificates {
                    lines.push(format!("  {}", certificate_line(certificate, lang)));
                }
                lines.push(match card.pin_tries_left {
                    Some(0) => format!("  {}", t.pin_blocked),
                    Some(n) => format!("  {}", fill(t.pin_left, &[&n.to_string()])),
                    None => format!("  {}", t.pin_unknown),
                });
            }
        }
    }
    lines
}

/// What is wrong and what to do: the helper's diagnosis in the user's language.
fn advice_lines(status: &Status, t: &'static Texts) -> Vec<String> {
    let findings = diagnose(status);
    if findings.is_empty() {
        return vec![t.nothing_wrong.to_owned()];
    }
    let numbered = |template: &str, reader: usize| fill(template, &[&(reader + 1).to_string()]);
    findings
        .into_iter()
        .map(|finding| match finding {
            Finding::ServiceNotRunning => t.find_service_not_running.to_owned(),
            Finding::ServiceError => t.find_service_error.to_owned(),
            Finding::NoReader => t.find_no_reader.to_owned(),
            Finding::NoCard => t.find_no_card.to_owned(),
            Finding::StillReading { reader } => numbered(t.find_still_reading, reader),
            Finding::Unreadable { reader } => numbered(t.find_unreadable, reader),
            Finding::PinBlocked { reader } => numbered(t.find_pin_blocked, reader),
            Finding::UnknownCard { reader } => {
                let atr = status.readers[reader].card.as_ref().map_or("", |c| c.atr.as_str());
                fill(t.find_unknown_card, &[&(reader + 1).to_string(), atr])
            }
            Finding::NoCertificates { reader } => numbered(t.find_no_certificates, reader),
            Finding::AllExpired { reader } => numbered(t.find_all_expired, reader),
            Finding::SeveralCards => t.find_several_cards.to_owned(),
        })
        .collect()
}

/// How the browser stands to the helper: secure page, permission, answer, origin.
fn browser_lines(state: &HelperState, permission: Option<Permission>, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let yes_no = |yes: bool| if yes { t.yes } else { t.no };
    let answered = matches!(state, HelperState::Seen(_) | HelperState::Unreachable(Unreachable::OriginNotAllowed));
    let allowed = match state {
        HelperState::Seen(_) => t.yes,
        HelperState::Unreachable(Unreachable::OriginNotAllowed) => t.no,
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
    let mut out = format!("Veiviser – {}\n{}\n\n", t.diagnostics, intl::today(lang));
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    match state {
        HelperState::Seen(status) => {
            line(&fill(t.helper_version, &[&status.version]));
            helper_lines(status, lang).iter().for_each(|l| line(l));
            line(t.what_to_do);
            advice_lines(status, t).iter().for_each(|l| line(&format!("  - {l}")));
        }
        HelperState::Unreachable(why) => line(&helper_status::unreachable_text(*why, lang)),
        HelperState::Checking | HelperState::NeedsClick => line(t.connecting),
    }
    line("");
    browser_lines(state, permission, lang).iter().for_each(|l| line(l));
    line(&format!("{}: {}", t.browser, navigation::browser()));
    out
}
