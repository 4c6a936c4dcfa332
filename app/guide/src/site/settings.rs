//! The organisation's settings (`settings.json` beside the site's index.html):
//! its name, logo, colours, support contact and opening hours, the helper's port,
//! which guides are shown and in what order, and the default language.
//! Every wrong value is a finding with its line, and a sensible default is used.

use serde::Deserialize;

use crate::model::finding::Finding;
use crate::model::index::{GuideEntry, Index};
use crate::model::lang::Lang;
use crate::model::source::Source;
use crate::model::support::Contact;

/// The product's name: the default of `name`, and the title of the pages that name no step.
pub const PRODUCT_NAME: &str = "Veiviser";

/// The colours the site uses unless the organisation's meet WCAG AA contrast.
/// These are the source: `public/style.css` (`--brand`, `--link` in `:root`,
/// what shows before the settings are read) and the table in
/// `public/settings.md` must say the same, and a test fails when they do not.
pub const DEFAULT_BRAND: &str = "#1f4e79";
pub const DEFAULT_LINK: &str = "#1d5fa3";

/// The keys of the file, for the finding about one that is not among them.
const KEYS: &str = "name, logo, colours, support, helper_port, live_check, guides, default_language";

/// The file as written, each key read on its own.
#[derive(Debug, Default)]
struct File {
    name: Option<String>,
    logo: Option<String>,
    colours: Option<Colours>,
    support: Option<Contact>,
    helper_port: Option<u32>,
    live_check: Option<bool>,
    guides: Option<Vec<String>>,
    default_language: Option<String>,
}

impl File {
    /// Reads the value of one key, or says what is wrong with it.
    fn set(&mut self, key: &str, value: serde_json::Value) -> Result<(), String> {
        fn read<T: serde::de::DeserializeOwned>(key: &str, value: serde_json::Value) -> Result<Option<T>, String> {
            serde_json::from_value(value).map(Some).map_err(|e| format!("{key}: {e}; it is left out"))
        }
        match key {
            "name" => self.name = read(key, value)?,
            "logo" => self.logo = read(key, value)?,
            "colours" => self.colours = read(key, value)?,
            "support" => self.support = read(key, value)?,
            "helper_port" => self.helper_port = read(key, value)?,
            "live_check" => self.live_check = read(key, value)?,
            "guides" => self.guides = read(key, value)?,
            "default_language" => self.default_language = read(key, value)?,
            _ => return Err(format!("unknown key `{key}`, left out (the keys are: {KEYS})")),
        }
        Ok(())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Colours {
    brand: Option<String>,
    link: Option<String>,
}

/// The settings in force (validated, defaults filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub logo: Option<String>,
    /// Header background (white text on it), `#rrggbb`.
    pub brand: String,
    /// Links and buttons on white, `#rrggbb`.
    pub link: String,
    /// The organisation's own support, beside each guide's.
    pub support: Option<Contact>,
    pub helper_port: u16,
    /// Guide ids to show, in order; `None`: all, in the index's order.
    pub guides: Option<Vec<String>>,
    pub default_language: Lang,
    /// Whether card steps show what the helper sees; `false` where no helper is deployed.
    pub live_check: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: PRODUCT_NAME.into(),
            logo: None,
            brand: DEFAULT_BRAND.into(),
            link: DEFAULT_LINK.into(),
            support: None,
            helper_port: veiviser_api::DEFAULT_PORT,
            guides: None,
            default_language: Lang::default(),
            live_check: true,
        }
    }
}


/// Reads `settings.json`; each problem becomes a finding and the default is kept
/// for that value only: a misspelt or unknown key costs that key, not the file.
pub fn parse(source: &Source) -> (Settings, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut settings = Settings::default();
    let object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(&source.text) {
        Ok(object) => object,
        Err(e) => {
            let at = (e.line().max(1), e.column().max(1));
            findings.push(Finding::error(&source.path, at, format!("the settings are not valid: {e}")));
            return (settings, findings);
        }
    };
    // serde does not keep positions: point at the key's first occurrence.
    let at = |key: &str| source.position(source.text.find(&format!("\"{key}\"")).unwrap_or(0));
    let mut problem = |key: &str, message: String| findings.push(Finding::error(&source.path, at(key), message));
    let mut file = File::default();
    for (key, value) in object {
        if let Err(message) = file.set(&key, value) {
            problem(&key, message);
        }
    }

    if let Some(name) = file.name.filter(|n| !n.trim().is_empty()) {
        settings.name = name;
    }
    settings.logo = file.logo.filter(|l| !l.trim().is_empty());
    if let Some(logo) = &settings.logo {
        if logo.contains(':') || logo.starts_with("//") {
            problem("logo", format!("logo `{logo}` must be a file beside the site (for example logo.svg), not an address"));
            settings.logo = None;
        }
    }
    let colours = file.colours.unwrap_or_default();
    for (key, value, on, slot, default) in [
        ("brand", colours.brand, "white text", &mut settings.brand, DEFAULT_BRAND),
        ("link", colours.link, "a white background", &mut settings.link, DEFAULT_LINK),
    ] {
        let Some(value) = value else { continue };
        match rgb(&value) {
            None => problem(key, format!("colour `{value}` must be #rrggbb, for example {default}")),
            Some(colour) => {
                let ratio = contrast(colour, (255, 255, 255));
                if ratio < 4.5 {
                    problem(
                        key,
                        format!("colour `{value}` has a contrast of {}:1 with {on}; WCAG AA needs 4.5:1, so {default} is used", one_decimal(ratio)),
                    );
                } else {
                    *slot = value.to_ascii_lowercase();
                }
            }
        }
    }
    if let Some(port) = file.helper_port {
        match veiviser_api::helper_port(port.into()) {
            Some(port) => settings.helper_port = port,
            None => problem("helper_port", format!("helper_port {port} must be {}", veiviser_api::ports_rule())),
        }
    }
    if let Some(lang) = file.default_language {
        if let Some(lang) = Lang::from_code(&lang) {
            settings.default_language = lang;
        } else {
            problem("default_language", format!("default_language `{lang}` must be one of nb, sv, en"));
        }
    }
    settings.guides = file.guides;
    if let Some(live_check) = file.live_check {
        settings.live_check = live_check;
    }
    if let Some(support) = file.support {
        for (field, message) in support.problems() {
            problem(field, message);
        }
        settings.support = Some(support.without_problems());
    }
    crate::model::finding::sort(&mut findings);
    (settings, findings)
}

impl Settings {
    /// The guides the start page shows: those the settings name, in their order
    /// (all of the index if they name none); unknown ids are findings. Only the
    /// start page is filtered: every guide still loads and is checked.
    pub fn shown(&self, index: &Index, source: &Source) -> (Vec<GuideEntry>, Vec<Finding>) {
        let Some(wanted) = &self.guides else { return (index.guides.clone(), Vec::new()) };
        let mut findings = Vec::new();
        let mut chosen = Vec::new();
        for id in wanted {
            match index.guide(id) {
                Some(entry) => chosen.push(entry.clone()),
                None => findings.push(Finding::error(
                    &source.path,
                    source.position(source.text.find(&format!("\"{id}\"")).unwrap_or(0)),
                    format!("guide `{id}` is not in content/index.json"),
                )),
            }
        }
        if chosen.is_empty() {
            chosen = index.guides.clone();
        }
        (chosen, findings)
    }
}

/// `#rrggbb` as red, green, blue.
fn rgb(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))?;
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// `ratio` with one decimal, without the float formatting machinery (about 10 KB
/// of the start page's bundle, which has no other use for it).
fn one_decimal(ratio: f64) -> String {
    let tenths = (ratio * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// WCAG 2.1 contrast ratio of two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let luminance = |(r, g, b): (u8, u8, u8)| {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Settings, Vec<String>) {
        let (settings, findings) = parse(&Source::new("settings.json", json));
        (settings, findings.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_full_file_is_read() {
        let (s, findings) = read(
            r##"{"name": "Helse Vest IKT", "logo": "logo.svg", "colours": {"brand": "#003B5C", "link": "#005A9C"},
            "support": {"phone": "+47 55 97 64 40", "email": "brukerstotte@example.no",
                        "hours": [{"days": "mon-fri", "open": "08:00", "close": "15:30"}]},
            "helper_port": 17321, "guides": ["mrs", "webcert"], "default_language": "sv"}"##,
        );
        assert_eq!(findings, Vec::<String>::new());
        assert_eq!(s.name, "Helse Vest IKT");
        assert_eq!(s.brand, "#003b5c");
        assert_eq!(s.helper_port, 17321);
        assert_eq!(s.default_language, Lang::Sv);
        assert_eq!(s.support.unwrap().opening_hours(), [crate::model::support::Hours { days: vec![0, 1, 2, 3, 4], open: 480, close: 930 }]);
    }

    #[test]
    fn a_colour_that_breaks_contrast_is_reported_and_the_default_kept() {
        let (s, findings) = read("{\n\"colours\": {\"brand\": \"#ffcc00\"}}");
        assert_eq!(s.brand, DEFAULT_BRAND);
        assert!(findings[0].starts_with("settings.json:2:13: error: colour `#ffcc00` has a contrast of 1.5:1 with white text"), "{findings:?}");
    }

    #[test]
    fn malformed_json_and_wrong_values_are_precise_findings_with_defaults() {
        let (s, findings) = read("{\"name\": \"X\",\n \"helper_port\": 80,\n \"default_language\": \"de\",,}");
        assert_eq!(s, Settings::default());
        assert!(findings[0].starts_with("settings.json:3:27: error: the settings are not valid"), "{findings:?}");
        let (s, findings) = read("{\"helper_port\": 80,\n \"default_language\": \"de\", \"colour\": 1}");
        assert_eq!(s.helper_port, veiviser_api::DEFAULT_PORT);
        assert!(findings.iter().any(|f| f.contains("unknown key `colour`")), "{findings:?}");
        let (_, findings) = read("{\"helper_port\": 80,\n \"default_language\": \"de\"}");
        assert_eq!(
            findings,
            [
                "settings.json:1:2: error: helper_port 80 must be a port from 1024 to 65535",
                "settings.json:2:2: error: default_language `de` must be one of nb, sv, en",
            ]
        );
    }

    #[test]
    fn an_unknown_or_wrong_key_costs_that_key_only_and_each_is_reported() {
        let (s, findings) = read(
            "{\"name\": \"Helse Nord IKT\",\n \"colour\": {\"brand\": \"#003b5c\"},\n \"helper_port\": \"17321\",\n \"langauge\": \"sv\",\n \"live_check\": false}",
        );
        assert_eq!(s.name, "Helse Nord IKT", "the rest of the file is kept");
        assert!(!s.live_check);
        assert_eq!(findings.len(), 3, "{findings:?}");
        assert!(findings[0].starts_with("settings.json:2:2: error: unknown key `colour`, left out (the keys are: name, logo,"), "{findings:?}");
        assert!(findings[1].starts_with("settings.json:3:2: error: helper_port: invalid type: string \"17321\""), "{findings:?}");
        assert!(findings[2].starts_with("settings.json:4:2: error: unknown key `langauge`"), "{findings:?}");
    }

    #[test]
    fn the_live_check_is_on_unless_turned_off() {
        assert!(read("{}").0.live_check);
        assert!(!read(r#"{"live_check": false}"#).0.live_check);
        let (s, findings) = read(r#"{"live_check": "no"}"#);
        assert!(s.live_check && findings[0].contains("live_check: invalid type"), "{findings:?}");
    }

    #[test]
    fn the_organisations_closed_days_are_read_and_a_wrong_one_is_reported() {
        let (s, findings) = read("{\"support\": {\"phone\": \"22 00 00 00\",\n \"closed\": [\"12-24\", \"24.12\"]}}");
        assert_eq!(findings, ["settings.json:2:2: error: closed day `24.12` must be YYYY-MM-DD (one day) or MM-DD (every year), for example 12-24"]);
        assert_eq!(s.support.unwrap().closed, ["12-24"]);
    }

    #[test]
    fn the_start_page_shows_the_guides_named_in_their_order_and_the_index_stays_whole() {
        let index = crate::load::index(
            r#"{"guides": [{"id": "mrs", "title": {}, "audience": {}, "languages": ["nb"], "start": "a"},
                           {"id": "webcert", "title": {}, "audience": {}, "languages": ["sv"], "start": "b"}]}"#,
        )
        .unwrap();
        let source = Source::new("settings.json", r#"{"guides": ["webcert", "gone"]}"#);
        let (settings, _) = parse(&source);
        let (shown, findings) = settings.shown(&index, &source);
        assert_eq!(shown.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["webcert"]);
        assert_eq!(findings[0].message, "guide `gone` is not in content/index.json");
        assert_eq!(index.guides.len(), 2, "hidden guides still load: a shown guide may link to them");
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!(contrast((0x1f, 0x4e, 0x79), (255, 255, 255)) >= 4.5);
    }

    /// A file of the site's `public/` folder.
    #[cfg(not(target_arch = "wasm32"))]
    fn public_file(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public").join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_style_sheet_starts_with_the_default_colours() {
        let css = public_file("style.css");
        let root = css.split_once(":root {").and_then(|(_, rest)| rest.split_once('}')).map(|(block, _)| block);
        let root = root.expect("public/style.css has a `:root { … }` block");
        let property = |name: &str| {
            root.lines()
                .find_map(|line| line.trim().strip_prefix(&format!("--{name}:")))
                .map(|value| value.trim().trim_end_matches(';').trim().to_ascii_lowercase())
        };
        assert_eq!(property("brand").as_deref(), Some(DEFAULT_BRAND), "public/style.css :root --brand differs from settings::DEFAULT_BRAND");
        assert_eq!(property("link").as_deref(), Some(DEFAULT_LINK), "public/style.css :root --link differs from settings::DEFAULT_LINK");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_settings_guide_names_the_default_colours() {
        let guide = public_file("settings.md");
        for (key, default) in [("brand", DEFAULT_BRAND), ("link", DEFAULT_LINK)] {
            let row = guide.lines().find(|line| line.starts_with(&format!("| `colours.{key}` |")));
            let row = row.unwrap_or_else(|| panic!("public/settings.md has no row for colours.{key}"));
            assert!(row.trim_end().ends_with(&format!("| `{default}` |")), "public/settings.md gives another default for colours.{key}: {row}");
        }
    }

    #[test]
    fn the_default_colours_meet_the_contrast_they_ask_of_others() {
        for default in [DEFAULT_BRAND, DEFAULT_LINK] {
            assert!(contrast(rgb(default).unwrap(), (255, 255, 255)) >= 4.5, "{default}");
        }
    }
}
