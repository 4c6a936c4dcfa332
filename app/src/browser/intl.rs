//! Dates and times by the browser's `Intl`, in the user's language and in the
//! support's time zone.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

#[cfg(target_arch = "wasm32")]
use veiviser_guide::model::holiday::Date;
use veiviser_guide::model::support::Now;
use veiviser_guide::Lang;

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "nb-NO",
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// An RFC 3339 time as a date in the language's own long format ("1. januar 2034").
pub fn date(rfc3339: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    date.to_locale_date_string(locale(lang), &options).into()
}

/// Today's date, as [`date`] writes it.
pub fn today(lang: Lang) -> String {
    date(&js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default(), lang)
}

/// At build time the hour the page is read is unknown: the views leave it out.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_in(_zone: &str) -> Option<Now> {
    None
}

/// The day and the minute of the day now, in time zone `zone`.
#[cfg(target_arch = "wasm32")]
pub fn now_in(zone: &str) -> Option<Now> {
    let options = js_sys::Object::new();
    let fields = [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ];
    for (key, value) in fields {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // Constructed through Reflect, so that a time zone the browser does not know is
    // an error here rather than an exception that ends the app.
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
    let format: js_sys::Intl::DateTimeFormat =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"en-GB".into(), &options)).ok()?.unchecked_into();
    let parts = format.format_to_parts(&js_sys::Date::new_0());
    let part = |kind: &str| {
        parts.iter().find_map(|p| {
            let is = js_sys::Reflect::get(&p, &"type".into()).ok()?.as_string()? == kind;
            is.then(|| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string()).flatten()
        })
    };
    let date = Date::new(part("year")?.parse().ok()?, part("month")?.parse().ok()?, part("day")?.parse().ok()?)?;
    let hour: u32 = part("hour")?.parse().ok()?;
    let minute: u32 = part("minute")?.parse().ok()?;
    Some(Now { date, minute: hour * 60 + minute })
}

/// At build time the user's time zone is unknown.
#[cfg(not(target_arch = "wasm32"))]
pub fn user_time_zone() -> Option<String> {
    None
}

/// The user's own time zone, as the browser knows it.
#[cfg(target_arch = "wasm32")]
pub fn user_time_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}
