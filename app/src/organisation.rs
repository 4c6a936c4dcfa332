//! The organisation's own site: its settings (`settings.json`) applied at
//! start-up: name, logo, colours, the support contact with "open now", the
//! helper's port, the guides shown and the default language.

use leptos::prelude::*;

use veiviser_guide::settings::{self, clock, Open, Settings, Support};
use veiviser_guide::source::Source;
use veiviser_guide::Finding;

use crate::i18n::{fill, Lang};

/// Reads `settings.json` beside the page (a missing file means the defaults), and
/// applies its choice of guides to `index`.
pub async fn fetch(index: &mut veiviser_guide::Index) -> (Settings, Vec<Finding>) {
    let Ok(response) = gloo_net::http::Request::get("settings.json").send().await else {
        return (Settings::default(), Vec::new());
    };
    if response.status() == 404 {
        return (Settings::default(), Vec::new());
    }
    match response.text().await {
        Ok(text) if response.ok() => {
            let source = Source::new("settings.json", text);
            let (settings, mut findings) = settings::parse(&source);
            findings.extend(settings.apply(index, &source));
            (settings, findings)
        }
        _ => (Settings::default(), vec![Finding::error("settings.json", (1, 1), format!("HTTP {}", response.status()))]),
    }
}

/// Puts the colours and the helper's port in force.
pub fn apply(settings: &Settings) {
    crate::helper::set_port(settings.helper_port);
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root.and_then(|r| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(r).ok()) {
        // The style object, not a style attribute: the CSP forbids inline styles, not CSSOM.
        let style = root.style();
        let _ = style.set_property("--brand", &settings.brand);
        let _ = style.set_property("--link", &settings.link);
    }
}

/// The findings about the settings, shown at the top of every page until fixed.
pub fn problems(findings: Vec<Finding>, lang: Lang) -> Option<impl IntoView> {
    (!findings.is_empty()).then(|| {
        view! {
            <div class="settings-problem" role="alert">
                <p>{lang.texts().settings_problem}</p>
                <ul>{findings.into_iter().map(|f| view! { <li><code>{f.to_string()}</code></li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// The support contact on every page, with whether it is open now.
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
fn open_text(support: &Support, lang: Lang) -> String {
    let t = lang.texts();
    let Some((weekday, minute)) = now_in(&support.time_zone) else { return String::new() };
    let mut text = match settings::open_at(&support.hours, weekday, minute) {
        Open::Now { closes } => fill(t.open_now, &[&clock(closes)]),
        Open::Closed { opens: Some((day, at)) } => {
            let name = if day == weekday { t.today } else { t.weekdays.split(',').nth(day as usize).unwrap_or_default() };
            fill(t.closed_opens, &[name, &clock(at)])
        }
        Open::Closed { opens: None } => t.closed.to_owned(),
    };
    if user_time_zone().is_some_and(|zone| zone != support.time_zone) {
        text.push(' ');
        text.push_str(&fill(t.times_in, &[&support.time_zone]));
    }
    text
}

/// The weekday (Monday = 0) and minute of the day now, in `zone`.
fn now_in(zone: &str) -> Option<(u8, u32)> {
    let options = js_sys::Object::new();
    for (key, value) in [("timeZone", zone), ("weekday", "short"), ("hour", "2-digit"), ("minute", "2-digit"), ("hourCycle", "h23")] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-GB".into()), &options);
    let parts = format.format_to_parts(&js_sys::Date::new_0());
    let part = |kind: &str| {
        parts.iter().find_map(|p| {
            let is = js_sys::Reflect::get(&p, &"type".into()).ok()?.as_string()? == kind;
            is.then(|| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string()).flatten()
        })
    };
    let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].iter().position(|d| Some(*d) == part("weekday").as_deref())?;
    let hour: u32 = part("hour")?.parse().ok()?;
    let minute: u32 = part("minute")?.parse().ok()?;
    Some((weekday as u8, hour * 60 + minute))
}

fn user_time_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}
