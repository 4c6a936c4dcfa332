//! A support contact: who answers, how to reach them, and whether they answer
//! now, in their own time zone.

use leptos::prelude::*;

use veiviser_guide::model::support::{clock, Contact, Open};
use veiviser_guide::Lang;

use crate::browser::intl;
use crate::i18n::{fill, Speak};

/// The contact's name in `lang`, or the word for support.
pub fn name(contact: &Contact, lang: Lang) -> String {
    contact.name.get(lang.code()).map_or_else(|| lang.texts().support.to_owned(), str::to_owned)
}

/// The ways to reach `contact` as a list: phone, e-mail, web, and whether it is open now.
pub fn reach(contact: &Contact, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let phone = contact.phone.clone().zip(contact.tel()).map(|(phone, tel)| {
        view! { <li>{t.phone} ": " <a href=tel>{phone}</a></li> }
    });
    let email = contact.email.clone().map(|email| {
        view! { <li>{t.email} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></li> }
    });
    let web = contact.web.clone().map(|web| view! { <li><a href=web.clone()>{web.clone()}</a></li> });
    let open = (!contact.opening_hours().is_empty()).then(|| view! { <li class="open-status">{open_text(contact, lang)}</li> });
    view! { <ul class="contact">{phone}{email}{web}{open}</ul> }
}

/// The organisation's support contact, in every page's footer.
pub fn footer(contact: &Contact, lang: Lang) -> impl IntoView {
    view! {
        <section class="support" aria-labelledby="support-heading">
            <h2 id="support-heading">{name(contact, lang)}</h2>
            {reach(contact, lang)}
        </section>
    }
}

/// "Open now, until 15:30." or "Closed now. Opens Monday at 08:00." in the
/// contact's time zone, closed on its public holidays and own closed days.
pub fn open_text(contact: &Contact, lang: Lang) -> String {
    let t = lang.texts();
    let zone = contact.zone();
    let Some(now) = intl::now_in(zone) else { return String::new() };
    let weekday = now.date.weekday();
    let mut text = match contact.open_at(now) {
        Open::Now { closes } => fill(t.open_now, &[&clock(closes)]),
        Open::Closed { opens: Some((day, at)) } => {
            let name = if day == weekday { t.today } else { t.weekdays.split(',').nth(day as usize).unwrap_or_default() };
            fill(t.closed_opens, &[name, &clock(at)])
        }
        Open::Closed { opens: None } => t.closed.to_owned(),
    };
    if intl::user_time_zone().is_some_and(|user| user != zone) {
        text.push(' ');
        text.push_str(&fill(t.times_in, &[zone]));
    }
    text
}
