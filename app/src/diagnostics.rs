//! The diagnostics page: what the helper sees and what the browser is, with a
//! plain-text copy for the helpdesk that holds no personal data (the helper sends
//! none: no names, serial numbers or certificate bytes).

use leptos::prelude::*;

use veiviser_guide::status::Status;

use crate::helper::{self, HelperState};
use crate::i18n::{fill, Lang, Texts};
use crate::live::{certificate_line, date};
use crate::start::set_title;

/// What the helper and the browser report.
#[component]
pub fn Diagnostics(lang: Lang) -> impl IntoView {
    let t = lang.texts();
    set_title(&format!("{} – Veiviser", t.diagnostics));
    let state = helper::use_helper();
    let copied = RwSignal::new(false);
    let report = move || text_report(&state.get(), lang);
    let copy = move |_| {
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&report());
            copied.set(true);
        }
    };
    view! {
        <h1>{t.diagnostics}</h1>
        <p>{t.diagnostics_intro}</p>
        <section class="live" role="status" aria-live="polite">
            {move || match state.get() {
                HelperState::Connecting => view! { <p>{t.connecting}</p> }.into_any(),
                HelperState::Unavailable => view! {
                    <p class="warning">{t.helper_unavailable}</p>
                    <p>{fill(t.install_helper, &[&origin()])}</p>
                }
                .into_any(),
                HelperState::Seen(status) => seen(&status, lang).into_any(),
            }}
        </section>
        <h2>{t.browser}</h2>
        <p class="browser">{browser()}</p>
        <p>
            <button type="button" class="button" on:click=copy>{t.copy_for_helpdesk}</button>
        </p>
        <p role="status">{move || copied.get().then_some(t.copied)}</p>
    }
}

fn seen(status: &Status, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let lines = lines(status, lang);
    view! {
        <p>{fill(t.helper_version, &[&status.version])}</p>
        <ul class="diagnosis">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    }
}

/// The helper's view as lines of text, shared by the page and the copied report.
fn lines(status: &Status, lang: Lang) -> Vec<String> {
    let t: &Texts = lang.texts();
    let mut lines = Vec::new();
    match status.service.as_str() {
        "ok" => lines.push(t.service_ok.to_owned()),
        _ => lines.push(t.service_down.to_owned()),
    }
    if status.service == "ok" && status.readers.is_empty() {
        lines.push(t.no_reader.to_owned());
    }
    for reader in &status.readers {
        match &reader.card {
            None => lines.push(format!("{}: {} – {}", t.reader, reader.name, t.no_card)),
            Some(card) => {
                let kind = fill(t.card_kind, &[&card.kind, &card.certificates.len().to_string()]);
                lines.push(format!("{}: {} – {kind}", t.reader, reader.name));
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

/// The plain text copied for the helpdesk.
fn text_report(state: &HelperState, lang: Lang) -> String {
    let t = lang.texts();
    let now = date(&js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default(), lang);
    let mut out = format!("Veiviser – {}\n{now}\n\n", t.diagnostics);
    match state {
        HelperState::Seen(status) => {
            out.push_str(&fill(t.helper_version, &[&status.version]));
            out.push('\n');
            for line in lines(status, lang) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        _ => {
            out.push_str(t.helper_unavailable);
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{}: {}\n", t.browser, browser()));
    out
}

fn browser() -> String {
    let navigator = web_sys::window().map(|w| w.navigator());
    let agent = navigator.as_ref().and_then(|n| n.user_agent().ok()).unwrap_or_default();
    let language = navigator.and_then(|n| n.language()).unwrap_or_default();
    format!("{agent} ({language})")
}

/// This site's origin, which the helper must allow.
fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}
