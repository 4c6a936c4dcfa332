//! A step's live checks on the page: what the helper sees, in words, announced
//! politely to screen readers; and the card step that moves on by itself.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use veiviser_guide::live::LiveCheck;
use veiviser_guide::status::{evaluate, CardSeen, Certificate, CertificateSeen, PinSeen, Status};

use crate::helper::{self, HelperState};
use crate::i18n::{fill, Lang, Texts};
use crate::Place;

/// The live panel of a step; `next` is where a card step goes once the card is in.
#[component]
pub fn LivePanel(check: LiveCheck, lang: Lang, next: Option<String>) -> impl IntoView {
    let state = helper::use_helper();
    let t = lang.texts();
    // Remembered across updates: a card seen on this step and then pulled out.
    let was_in = StoredValue::new(false);
    let pulled_out = RwSignal::new(false);
    let moving = StoredValue::new(false);
    let navigate = use_navigate();
    {
        let check = check.clone();
        Effect::new(move |_| {
            let HelperState::Seen(status) = state.get() else { return };
            let card_in = evaluate(&check, &status).card_is_in();
            if card_in && check.card_present && !moving.get_value() {
                if let Some(next) = next.clone() {
                    moving.set_value(true);
                    let navigate = navigate.clone();
                    // A moment to announce "the card is in", then on, without taking focus.
                    leptos::task::spawn_local(async move {
                        helper::sleep(600).await;
                        if crate::link::href_is_current_step(&next) {
                            return;
                        }
                        crate::wizard::skip_next_focus();
                        navigate(&next, Default::default());
                    });
                }
            }
            if was_in.get_value() && !card_in {
                pulled_out.set(true);
            } else if card_in {
                pulled_out.set(false);
            }
            was_in.set_value(card_in);
        });
    }
    view! {
        <section class="live" role="status" aria-live="polite">
            {move || match state.get() {
                HelperState::Connecting => view! { <p>{t.connecting}</p> }.into_any(),
                HelperState::Unavailable => unavailable(t).into_any(),
                HelperState::Seen(status) => seen(&check, &status, lang, pulled_out.get()).into_any(),
            }}
        </section>
    }
}

fn unavailable(t: &'static Texts) -> impl IntoView {
    view! {
        <p>{t.helper_unavailable}</p>
        <p><a href=crate::link::href(&Place::page("diagnostics"))>{t.helper_how}</a></p>
        <p>{t.go_on_by_hand}</p>
    }
}

fn seen(check: &LiveCheck, status: &Status, lang: Lang, pulled_out: bool) -> impl IntoView {
    let t = lang.texts();
    let verdict = evaluate(check, status);
    let mut lines: Vec<(String, bool)> = Vec::new();
    match verdict.card {
        CardSeen::ServiceDown => lines.push((t.service_down.into(), true)),
        CardSeen::NoReader => lines.push((t.no_reader.into(), true)),
        CardSeen::NoCard if pulled_out => lines.push((t.card_removed.into(), true)),
        CardSeen::NoCard => lines.push((t.waiting_for_card.into(), false)),
        CardSeen::Present { .. } if check.card_present => lines.push((t.card_in.into(), false)),
        CardSeen::Present { .. } => {}
    }
    match &verdict.certificate {
        Some(CertificateSeen::Reading) => lines.push((t.reading_card.into(), false)),
        Some(CertificateSeen::Found(c)) => {
            lines.push((fill(t.pick_certificate, &[&c.issuer_cn, purpose(t, &c.purpose), &date(&c.not_after, lang)]), false))
        }
        Some(CertificateSeen::Expired(c)) => {
            lines.push((fill(t.certificate_expired, &[&c.issuer_cn, &date(&c.not_after, lang)]), true))
        }
        Some(CertificateSeen::Missing) => lines.push((fill(t.certificate_missing, &[&expected(check, t)]), true)),
        None => {}
    }
    match verdict.pin {
        Some(PinSeen::Left(n)) => lines.push((fill(t.pin_left, &[&n.to_string()]), false)),
        Some(PinSeen::LastTry) => lines.push((t.pin_last.into(), true)),
        Some(PinSeen::Blocked) => lines.push((t.pin_blocked.into(), true)),
        Some(PinSeen::Unknown) | None => {}
    }
    let show_certificates = verdict.certificate.is_some() && !verdict.on_card.is_empty();
    let certificates = show_certificates.then(|| {
        let items = verdict.on_card.iter().map(|c| view! { <li>{certificate_line(c, lang)}</li> }).collect_view();
        view! { <p>{t.on_card}</p> <ul class="certificates">{items}</ul> }
    });
    view! {
        {lines.into_iter().map(|(line, warn)| view! { <p class:warning=warn>{line}</p> }).collect_view()}
        {certificates}
    }
}

/// What the check expects, in words: "ihelse.net Issuing CA4 (authentication)".
fn expected(check: &LiveCheck, t: &'static Texts) -> String {
    let purpose = check.purpose.map(|p| purpose(t, p.as_str()));
    match (&check.issuer, purpose) {
        (Some(issuer), Some(purpose)) => format!("{issuer} ({purpose})"),
        (Some(issuer), None) => issuer.clone(),
        (None, Some(purpose)) => purpose.to_owned(),
        (None, None) => String::new(),
    }
}

/// One certificate as a line: issuer, purpose, valid until.
pub fn certificate_line(c: &Certificate, lang: Lang) -> String {
    let t = lang.texts();
    let mut line = fill(t.certificate_line, &[&c.issuer_cn, purpose(t, &c.purpose), &date(&c.not_after, lang)]);
    if c.expired {
        line.push_str(t.expired_mark);
    }
    line
}

/// A certificate purpose as the user reads it.
pub fn purpose(t: &'static Texts, purpose: &str) -> &'static str {
    match purpose {
        "authentication" => t.authentication,
        "signing" => t.signing,
        "encryption" => t.encryption,
        _ => t.other_purpose,
    }
}

/// An RFC 3339 time as a date in the language's own format (the browser's Intl).
pub fn date(rfc3339: &str, lang: Lang) -> String {
    let locale = match lang {
        Lang::Nb => "nb-NO",
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    };
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    date.to_locale_date_string(locale, &options).into()
}
