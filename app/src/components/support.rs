//! A support contact, with whether it answers now in its own time zone.

use leptos::prelude::*;

use veiviser_guide::settings::{self, clock, Open, Support};
use veiviser_guide::Lang;

use crate::browser::intl;
use crate::i18n::{fill, Speak};

/// The organisation's support contact, on every page.
pub fn support(support: &Support, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let phone = support.phone.clone().map(|phone| {
        let tel = format!("tel:{}", phone.replace([' ', '-', '(', ')'], ""));
        view! { <li>{t.phone} ": " <a href=tel>{phone}</a></li> }
    });
    let email = support.email.clone().map(|email| {
        view! { <li>{t.email} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></li> }
    });
    let status = (!support.hours.is_empty()).then(|| open_text(support, lang));
    view! {
        <section class="support" aria-labelledby="support-heading">
            <h2 id="support-heading">{support.name.clone().unwrap_or_else(|| t.support.to_owned())}</h2>
            <ul>{phone}{email}</ul>
            <p class="open-status">{status}</p>
        </section>
    }
}

/// "Open now, until 15:30." or "Closed now. Opens Monday at 08:00." in the support's time zone.
pub fn open_text(support: &Support, lang: Lang) -> String {
    let t = lang.texts();
    let Some((weekday, minute)) = intl::now_in(&support.time_zone) else { return String::new() };
    let mut text = match settings::open_at(&support.hours, weekday, minute) {
        Open::Now { closes } => fill(t.open_now, &[&clock(closes)]),
        Open::Closed { opens: Some((day, at)) } => {
            let name = if day == weekday { t.today } else { t.weekdays.split(',').nth(day as usize).unwrap_or_default() };
            fill(t.closed_opens, &[name, &clock(at)])
        }
        Open::Closed { opens: None } => t.closed.to_owned(),
    };
    if intl::user_time_zone().is_some_and(|zone| zone != support.time_zone) {
        text.push(' ');
        text.push_str(&fill(t.times_in, &[&support.time_zone]));
    }
    text
}
