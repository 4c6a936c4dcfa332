//! Text an author writes once for every language, or once per language: a
//! guide's title and audience in the index, a support contact's name and what
//! it helps with. One type, so every such text falls back the same way.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use crate::model::lang::Lang;

/// Text in several languages: one text for all (`"Buypass"`), or one per
/// language code (`{"nb": "Logg inn", "en": "Log in"}`).
///
/// The fall-back rule, the one for every localised text: the text in the
/// language asked for; else in the first of the interface's languages in their
/// order (Norwegian bokmål, Swedish, English) that it has; else in the first
/// other language it has, by code. A blank text counts as missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Localized {
    Same(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::ByLanguage(BTreeMap::new())
    }
}

impl Localized {
    /// The text for `lang` (a language code), by the fall-back rule above.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match self {
            Localized::Same(text) => Some(text.as_str()).filter(|t| !t.trim().is_empty()),
            Localized::ByLanguage(_) => self.chosen(lang).map(|(_, text)| text),
        }
    }

    /// The code of the language [`Localized::get`] gives the text in, for the
    /// page's `lang` attribute; `None` for one text for all (or none at all).
    pub fn language_of(&self, lang: &str) -> Option<&str> {
        self.chosen(lang).map(|(code, _)| code)
    }

    /// The language and text the rule picks from texts by language.
    fn chosen(&self, lang: &str) -> Option<(&str, &str)> {
        let Localized::ByLanguage(texts) = self else { return None };
        let given = |code: &str| texts.get_key_value(code).map(|(c, t)| (c.as_str(), t.as_str())).filter(|(_, t)| !t.trim().is_empty());
        given(lang)
            .or_else(|| Lang::ALL.into_iter().find_map(|l| given(l.code())))
            .or_else(|| texts.keys().find_map(|code| given(code)))
    }

    /// The text written for `lang` itself, without falling back (one text for
    /// all counts as written for each).
    pub fn written_in(&self, lang: &str) -> Option<&str> {
        match self {
            Localized::Same(text) => Some(text.as_str()),
            Localized::ByLanguage(texts) => texts.get(lang).map(String::as_str),
        }
        .filter(|t| !t.trim().is_empty())
    }

    /// True when there is no text in any language.
    pub fn is_empty(&self) -> bool {
        self.get("").is_none()
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or texts by language code such as {\"nb\": \"…\", \"en\": \"…\"}")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Localized, E> {
                Ok(Localized::Same(text.to_owned()))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Localized, M::Error> {
                let mut texts = BTreeMap::new();
                while let Some((code, text)) = map.next_entry::<String, String>()? {
                    texts.insert(code, text);
                }
                Ok(Localized::ByLanguage(texts))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localized(json: &str) -> Localized {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_language_asked_for_comes_first() {
        let text = localized(r#"{"en": "Log in", "nb": "Logg inn", "sv": "Logga in"}"#);
        assert_eq!([text.get("nb"), text.get("sv"), text.get("en")], [Some("Logg inn"), Some("Logga in"), Some("Log in")]);
    }

    #[test]
    fn a_missing_language_falls_back_in_the_interface_order_then_by_code() {
        // English sorts first by code, yet bokmål comes first among the interface's languages.
        let text = localized(r#"{"en": "Log in", "sv": "Logga in", "nb": "Logg inn"}"#);
        assert_eq!((text.get("de"), text.language_of("de")), (Some("Logg inn"), Some("nb")));
        assert_eq!(localized(r#"{"en": "Log in", "sv": "Logga in"}"#).get("nb"), Some("Logga in"));
        assert_eq!(localized(r#"{"fi": "Kirjaudu", "da": "Log ind"}"#).get("nb"), Some("Log ind"));
    }

    #[test]
    fn one_text_serves_every_language_and_blank_texts_count_as_missing() {
        assert_eq!(localized(r#""Buypass""#).get("sv"), Some("Buypass"));
        assert_eq!(localized(r#"{"nb": " ", "en": "Log in"}"#).get("nb"), Some("Log in"));
        assert_eq!(localized(r#"{"nb": " ", "en": "Log in"}"#).written_in("nb"), None);
        assert!(localized(r#"{"nb": ""}"#).is_empty() && localized(r#""  ""#).is_empty() && Localized::default().is_empty());
    }

    #[test]
    fn a_text_of_the_wrong_shape_says_what_is_expected() {
        let error = serde_json::from_str::<Localized>("5").unwrap_err().to_string();
        assert!(error.contains("a text, or texts by language code"), "{error}");
    }

    #[test]
    fn it_is_written_back_as_it_was_read() {
        for json in [r#""Buypass""#, r#"{"en":"Log in","nb":"Logg inn"}"#] {
            assert_eq!(serde_json::to_string(&localized(json)).unwrap(), json);
        }
    }
}
