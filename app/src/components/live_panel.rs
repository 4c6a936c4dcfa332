//! A step's live checks on the page: what the helper sees, in words, announced
//! politely to screen readers. A step that waits for the card says when it is in;
//! what happens then is the page's to decide (`on_card_in`).

use leptos::prelude::*;

use veiviser_guide::live::verdict::{evaluate, CardSeen, CertificateSeen, PinSeen};
use veiviser_guide::live::Status;
use veiviser_guide::model::live_check::LiveCheck;
use veiviser_guide::Lang;

use super::helper_status::{self, card_software, certificate_line, family_name, purpose};
use crate::helper_client::{self as helper, HelperState};
use crate::browser::{intl, timer};
use crate::i18n::{fill, Speak, Texts};

/// A moment to announce "the card is in" before the page moves on.
const ANNOUNCE_MS: i32 = 600;

/// The live panel of a step. `on_card_in` runs once when a step that waits for
/// the card sees it in a reader.
#[component]
pub fn LivePanel(check: LiveCheck, lang: Lang, on_card_in: Option<Callback<()>>) -> impl IntoView {
    // No helper deployed (`"live_check": false`): no panel, and the helper is never asked.
    if !expect_context::<helper::Helper>().live_check() {
        return ().into_any();
    }
    let helper = helper::use_helper();
    let state = helper.state();
    let permission = helper.permission();
    let t = lang.texts();
    // Remembered across updates: a card seen on this step and then pulled out.
    let was_in = StoredValue::new(false);
    let pulled_out = RwSignal::new(false);
    let announced = StoredValue::new(false);
    {
        let check = check.clone();
        Effect::new(move |_| {
            let HelperState::Seen(status) = state.get() else { return };
            let card_in = evaluate(&check, &status).card_is_in();
            if card_in && check.card_present && !announced.get_value() {
                if let Some(on_card_in) = on_card_in {
                    announced.set_value(true);
                    leptos::task::spawn_local(async move {
                        timer::sleep(ANNOUNCE_MS).await;
                        // Unless the step is gone meanwhile (the user moved on, or the language changed).
                        if announced.try_get_value().is_some() {
                            on_card_in.try_run(());
                        }
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
                // Before the browser's permission is read (and in the page written at
                // build time, where nothing is read): the likeliest first state, "press
                // to check", with its button not yet working, so that nothing moves or
                // changes its words when the state comes. Without JavaScript there is
                // no live check: noscript.css removes it (the class marks it).
                HelperState::Checking if permission.get().is_none() => view! {
                    <div class="placeholder">
                        <p>{t.needs_click}</p>
                        <p><button type="button" class="button" disabled>{t.check_reader}</button></p>
                        <p>{t.go_on_by_hand}</p>
                    </div>
                }
                .into_any(),
                HelperState::Checking => view! { <p>{t.connecting}</p> }.into_any(),
                HelperState::NeedsClick => {
                    view! { {helper_status::needs_click(helper, lang)} <p>{t.go_on_by_hand}</p> }.into_any()
                }
                HelperState::Unreachable(why) => {
                    view! { {helper_status::unreachable(why, helper, lang)} <p>{t.go_on_by_hand}</p> }.into_any()
                }
                HelperState::Seen(status) => seen(&check, &status, lang, pulled_out.get()).into_any(),
            }}
        </section>
    }
    .into_any()
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
        Some(CertificateSeen::Found(c)) => lines.push((
            fill(t.pick_certificate, &[&c.issuer_cn, purpose(t, c.purpose), &intl::date(&c.not_after, lang)]),
            false,
        )),
        Some(CertificateSeen::Expired(c)) => {
            lines.push((fill(t.certificate_expired, &[&c.issuer_cn, &intl::date(&c.not_after, lang)]), true))
        }
        Some(CertificateSeen::Missing) => lines.push((fill(t.certificate_missing, &[&expected(check, t)]), true)),
        Some(CertificateSeen::NotRead(family)) => {
            lines.push((fill(t.card_not_read_live, &[&family_name(*family, t), &card_software(*family, t)]), false))
        }
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
    let purpose = check.purpose.map(|p| purpose(t, p));
    match (&check.issuer, purpose) {
        (Some(issuer), Some(purpose)) => format!("{issuer} ({purpose})"),
        (Some(issuer), None) => issuer.clone(),
        (None, Some(purpose)) => purpose.to_owned(),
        (None, None) => String::new(),
    }
}
