//! Support contacts: who helps, how to contact them, and when they answer. A guide
//! names the support for its service in `content/index.json`; an organisation
//! names its own in `settings.json`. Both are checked the same way, and every
//! step shows them ("Trenger du hjelp?").

use serde::{Deserialize, Serialize};

use crate::model::holiday::{ClosedDay, Country, Date};
use crate::model::localized::Localized;

/// The time zone opening hours are in unless a contact names another.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Oslo";

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Opening hours as written: `{"days": "mon-fri", "open": "08:00", "close": "15:30"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursText {
    pub days: String,
    pub open: String,
    pub close: String,
}

/// One support contact, as written in `index.json` or `settings.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who answers ("Hemit brukerstøtte").
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub name: Localized,
    /// What they help with, when a guide names more than one contact.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub about: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A web page for the service's support (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<HoursText>,
    /// IANA time zone of the hours (default Europe/Oslo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Days closed beyond the public holidays: `2026-12-24` once, `12-31` every year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<String>,
    /// The source names no contact: the step says to ask the local IT helpdesk.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local_it: bool,
}

/// A problem with one field of a contact: the field's name and what is wrong.
pub type Problem = (&'static str, String);

impl Contact {
    /// The time zone of the opening hours.
    pub fn zone(&self) -> &str {
        self.time_zone.as_deref().unwrap_or(DEFAULT_TIME_ZONE)
    }

    /// The opening hours that are well written (the others are [`Contact::problems`]).
    pub fn opening_hours(&self) -> Vec<Hours> {
        self.hours.iter().filter_map(|h| hours(h).ok()).collect()
    }

    /// True when the contact gives a channel: a phone, an e-mail or a web page, well written.
    pub fn has_channel(&self) -> bool {
        let valid = self.without_problems();
        valid.phone.is_some() || valid.email.is_some() || valid.web.is_some()
    }

    /// Every wrong value, by field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = Vec::new();
        if let Some(problem) = self.phone.as_deref().and_then(phone_problem) {
            problems.push(("phone", problem));
        }
        if let Some(problem) = self.email.as_deref().and_then(email_problem) {
            problems.push(("email", problem));
        }
        if let Some(web) = self.web.as_deref().filter(|w| !is_web(w)) {
            problems.push(("web", format!("web `{web}` must be an address starting with https:// or http://")));
        }
        problems.extend(self.hours.iter().filter_map(|h| hours(h).err()).map(|e| ("hours", e)));
        for day in self.closed.iter().filter(|d| ClosedDay::parse(d).is_none()) {
            problems.push(("closed", format!("closed day `{day}` must be YYYY-MM-DD (one day) or MM-DD (every year), for example 12-24")));
        }
        if let Some(zone) = self.time_zone.as_deref().filter(|zone| !is_time_zone(zone)) {
            problems.push(("time_zone", format!("time_zone `{zone}` must be an IANA time zone, for example Europe/Oslo")));
        }
        problems
    }

    /// Why a guide's contact cannot stand as its support, if it cannot: it must
    /// give a channel to contact it by, or stand for the local IT helpdesk.
    pub fn channel_problem(&self) -> Option<String> {
        (!self.has_channel() && !self.local_it)
            .then(|| "a contact needs a phone, an e-mail or a web page (or \"local_it\": true)".to_owned())
    }

    /// This contact without the values [`Contact::problems`] names, so the rest still shows.
    pub fn without_problems(&self) -> Contact {
        Contact {
            phone: self.phone.clone().filter(|p| phone_problem(p).is_none()),
            email: self.email.clone().filter(|e| email_problem(e).is_none()),
            web: self.web.clone().filter(|w| is_web(w)),
            hours: self.hours.iter().filter(|h| hours(h).is_ok()).cloned().collect(),
            time_zone: self.time_zone.clone().filter(|zone| is_time_zone(zone)),
            closed: self.closed.iter().filter(|d| ClosedDay::parse(d).is_some()).cloned().collect(),
            ..self.clone()
        }
    }

    /// True when support is closed all of `date`: a public holiday of the country
    /// of its time zone (Norway, Sweden), or one of its own closed days.
    pub fn closed_on(&self, date: Date) -> bool {
        Country::of_zone(self.zone()).is_some_and(|country| country.is_holiday(date))
            || self.closed.iter().filter_map(|d| ClosedDay::parse(d)).any(|d| d.covers(date))
    }

    /// Open now, or when it opens next, at `now` in the contact's time zone.
    pub fn open_at(&self, now: Now) -> Open {
        open_at(&self.opening_hours(), now, &|date| self.closed_on(date))
    }

    /// True when the contact gives `field` (as [`Contact::problems`] names fields).
    pub fn has(&self, field: &str) -> bool {
        match field {
            "phone" => self.phone.is_some(),
            "email" => self.email.is_some(),
            "web" => self.web.is_some(),
            "hours" => !self.hours.is_empty(),
            "time_zone" => self.time_zone.is_some(),
            "closed" => !self.closed.is_empty(),
            _ => false,
        }
    }

    /// The `tel:` link of the phone number.
    pub fn tel(&self) -> Option<String> {
        self.phone.as_deref().map(|phone| format!("tel:{}", split_phone(phone).0.replace([' ', '-', '(', ')'], "")))
    }
}

/// True for the form of an IANA time zone (`Europe/Oslo`, `UTC`): the browser's
/// Intl throws on a name it does not know, so a misspelt one must not get to it.
fn is_time_zone(zone: &str) -> bool {
    !zone.is_empty()
        && zone.len() <= 64
        && zone.split('/').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b)))
}

fn is_web(address: &str) -> bool {
    address.starts_with("https://") || address.starts_with("http://")
}

/// A phone line is one number, then, after a comma, how to get through
/// (`22 00 00 00, tast 2`, `+46 8 123 45 00, ext. 12`); the link dials the number.
fn phone_problem(phone: &str) -> Option<String> {
    let (number, through) = split_phone(phone);
    let is_number = |text: &str| {
        text.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) && text.chars().filter(char::is_ascii_digit).count() >= 3
    };
    let digits = |text: &str| text.chars().filter(char::is_ascii_digit).count();
    if is_number(number) && through.is_none_or(|t| !t.trim().is_empty() && digits(t) < 5) {
        return None;
    }
    // Two numbers in one line: one link cannot dial both.
    let groups = phone.split(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '+' || c == '-')).filter(|g| digits(g) >= 5).count();
    if groups >= 2 || digits(number) > 15 {
        return Some(format!("phone `{phone}` holds two numbers: give each its own contact, with an \"about\" that says what it is for"));
    }
    Some(format!(
        "phone `{phone}` must be one number of digits, spaces, + - ( ), then after a comma how to get through, for example `22 00 00 00, tast 2`"
    ))
}

/// The number of a phone line and what follows its comma.
fn split_phone(phone: &str) -> (&str, Option<&str>) {
    match phone.split_once(',') {
        Some((number, through)) => (number.trim(), Some(through.trim())),
        None => (phone.trim(), None),
    }
}

fn email_problem(email: &str) -> Option<String> {
    let ok = email.contains('@') && !email.contains(char::is_whitespace);
    (!ok).then(|| format!("e-mail `{email}` is not an e-mail address"))
}

/// Opening hours on some weekdays: minutes after midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    /// Monday = 0 … Sunday = 6.
    pub days: Vec<u8>,
    pub open: u32,
    pub close: u32,
}

/// Opening hours as written, checked.
pub fn hours(text: &HoursText) -> Result<Hours, String> {
    match (days(&text.days), minutes(&text.open), minutes(&text.close)) {
        (Some(days), Some(open), Some(close)) if open < close => Ok(Hours { days, open, close }),
        (None, _, _) => Err(format!("days `{}` must be like mon-fri or sat,sun", text.days)),
        (_, Some(_), Some(_)) => Err(format!("opening {}–{} must open before it closes", text.open, text.close)),
        _ => Err(format!("times `{}`–`{}` must be HH:MM, for example 08:00", text.open, text.close)),
    }
}

/// Whether support answers at a moment (weekday Monday = 0, minutes after midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Open until `closes` (minutes after midnight).
    Now { closes: u32 },
    /// Closed; opens next on `day` at `at` (None: no hours given).
    Closed { opens: Option<(u8, u32)> },
}

/// A moment in a contact's time zone: the day and the minute after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub date: Date,
    pub minute: u32,
}

/// Open now, or when it opens next, for the support's hours; `closed` says which
/// days it is closed all day (holidays), whatever the weekday.
pub fn open_at(hours: &[Hours], now: Now, closed: &dyn Fn(Date) -> bool) -> Open {
    let weekday = now.date.weekday();
    let minute = now.minute;
    if !closed(now.date) {
        if let Some(h) = hours.iter().find(|h| h.days.contains(&weekday) && h.open <= minute && minute < h.close) {
            return Open::Now { closes: h.close };
        }
    }
    // The next opening: later today, else on the following days (Easter and
    // Christmas can close a desk for five days running).
    for ahead in 0..15u8 {
        let date = now.date.plus(i64::from(ahead));
        if closed(date) {
            continue;
        }
        let day = date.weekday();
        let next = hours
            .iter()
            .filter(|h| h.days.contains(&day) && (ahead > 0 || h.open > minute))
            .map(|h| h.open)
            .min();
        if let Some(at) = next {
            return Open::Closed { opens: Some((day, at)) };
        }
    }
    Open::Closed { opens: None }
}

/// `HH:MM` as minutes after midnight.
pub fn minutes(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

/// Minutes after midnight as `HH:MM`.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `mon-fri`, `sat,sun`, `mon` as weekday numbers (Monday = 0).
fn days(text: &str) -> Option<Vec<u8>> {
    let day = |d: &str| DAYS.iter().position(|x| *x == d.trim().to_ascii_lowercase()).map(|i| i as u8);
    let mut out = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (day(from)?, day(to)?);
                if from > to {
                    return None;
                }
                out.extend(from..=to);
            }
            None => out.push(day(part)?),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(json: &str) -> Contact {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_contact_has_a_name_in_one_or_every_language_and_its_hours() {
        let c = contact(
            r#"{"name": {"nb": "Hemit brukerstøtte", "en": "Hemit support"}, "phone": "73 86 76 00",
                "hours": [{"days": "mon-fri", "open": "08:00", "close": "15:30"}]}"#,
        );
        assert_eq!(c.name.get("en"), Some("Hemit support"));
        assert_eq!(c.name.get("sv"), Some("Hemit brukerstøtte"), "another language falls back as every localised text does");
        assert_eq!(c.opening_hours(), [Hours { days: vec![0, 1, 2, 3, 4], open: 480, close: 930 }]);
        assert_eq!(c.tel().as_deref(), Some("tel:73867600"));
        assert!(c.problems().is_empty());
        assert_eq!(contact(r#"{"name": "NHN", "web": "https://nhn.no"}"#).name.get("nb"), Some("NHN"));
    }

    #[test]
    fn wrong_values_are_named_and_left_out_while_the_rest_still_shows() {
        let c = contact(r#"{"phone": "ring oss", "email": "nobody", "web": "nhn.no", "hours": [{"days": "weekdays", "open": "8", "close": "9"}]}"#);
        let fields: Vec<&str> = c.problems().iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["phone", "email", "web", "hours"]);
        assert!(c.channel_problem().is_some(), "no channel left to contact them by");
        let clean = c.without_problems();
        assert!(clean.phone.is_none() && clean.email.is_none() && clean.web.is_none() && clean.hours.is_empty());
    }

    #[test]
    fn a_phone_line_may_say_how_to_get_through_but_holds_one_number() {
        let c = contact(r#"{"phone": "22 00 00 00, tast 2"}"#);
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        assert_eq!(c.tel().as_deref(), Some("tel:22000000"));
        assert!(contact(r#"{"phone": "+46 8 123 45 00, ext. 12"}"#).problems().is_empty());
        for two in ["22 00 00 00 / 23 00 00 00", "22 00 00 00, eller 23 00 00 00", "22 00 00 00 eller 23 00 00 00"] {
            let problems = contact(&format!(r#"{{"phone": "{two}"}}"#)).problems();
            assert!(problems[0].1.contains("holds two numbers"), "{two}: {problems:?}");
        }
        let problems = contact(r#"{"phone": "22 00 00 00 tast 2"}"#).problems();
        assert!(problems[0].1.contains("after a comma"), "{problems:?}");
        assert_eq!(contact(r#"{"phone": "22 00 00 00,"}"#).problems().len(), 1, "a comma with nothing after it");
    }

    #[test]
    fn the_local_it_helpdesk_needs_no_number() {
        assert_eq!(contact(r#"{"local_it": true}"#).channel_problem(), None);
        assert!(contact(r#"{"name": "Noen"}"#).channel_problem().is_some());
    }

    #[test]
    fn a_misspelt_time_zone_is_named_and_never_gets_to_the_browser() {
        let c = contact(r#"{"phone": "123", "time_zone": "Europe/Oslo "}"#);
        assert_eq!(c.problems()[0].0, "time_zone");
        assert_eq!(c.without_problems().zone(), DEFAULT_TIME_ZONE);
        assert!(contact(r#"{"phone": "123", "time_zone": "America/Argentina/Buenos_Aires"}"#).problems().is_empty());
    }

    fn at(date: &str, minute: u32) -> Now {
        Now { date: Date::parse(date).unwrap(), minute }
    }

    #[test]
    fn open_now_or_when_it_opens_next() {
        let weekdays = [Hours { days: vec![0, 1, 2, 3, 4], open: 480, close: 930 }];
        let never = |_| false;
        // 2026-11-30 is a Monday.
        assert_eq!(open_at(&weekdays, at("2026-11-30", 600), &never), Open::Now { closes: 930 });
        assert_eq!(open_at(&weekdays, at("2026-11-30", 420), &never), Open::Closed { opens: Some((0, 480)) });
        // Friday evening: opens Monday 08:00.
        assert_eq!(open_at(&weekdays, at("2026-12-04", 1000), &never), Open::Closed { opens: Some((0, 480)) });
        assert_eq!(open_at(&[], at("2026-12-02", 600), &never), Open::Closed { opens: None });
    }

    #[test]
    fn a_public_holiday_closes_support_of_its_country() {
        let helseregister = contact(
            r#"{"phone": "+47 76 16 63 33", "hours": [{"days": "mon-fri", "open": "08:00", "close": "15:30"}]}"#,
        );
        // Friday 25 December 2026, 10:00 in Oslo: closed; Monday 28 December opens.
        assert_eq!(helseregister.open_at(at("2026-12-25", 600)), Open::Closed { opens: Some((0, 480)) });
        assert_eq!(helseregister.open_at(at("2026-12-28", 600)), Open::Now { closes: 930 });
        // Maundy Thursday 2026 is 2 April: the desk reopens on Tuesday after Easter Monday.
        assert_eq!(helseregister.open_at(at("2026-04-01", 1000)), Open::Closed { opens: Some((1, 480)) });
        // 6 June is Sweden's national day, not Norway's.
        assert_eq!(helseregister.open_at(at("2025-06-06", 600)), Open::Now { closes: 930 });
        let swedish = Contact { time_zone: Some("Europe/Stockholm".into()), ..helseregister.clone() };
        assert_eq!(swedish.open_at(at("2025-06-06", 600)), Open::Closed { opens: Some((0, 480)) });
    }

    #[test]
    fn an_organisations_own_closed_days_close_it_and_a_wrong_one_is_named() {
        let desk = contact(
            r#"{"phone": "22 00 00 00", "closed": ["2026-12-23", "12-31", "julaften"],
                "hours": [{"days": "mon-fri", "open": "08:00", "close": "15:30"}]}"#,
        );
        assert_eq!(desk.problems().iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["closed"]);
        let desk = desk.without_problems();
        assert!(matches!(desk.open_at(at("2026-12-23", 600)), Open::Closed { .. }));
        assert!(matches!(desk.open_at(at("2027-12-31", 600)), Open::Closed { .. }));
        assert_eq!(desk.open_at(at("2026-12-22", 600)), Open::Now { closes: 930 });
    }
}
