//! The guide index (`content/index.json`): which guides there are, for whom, in
//! which languages, and where each starts.

use serde::{Deserialize, Serialize};

use crate::model::finding::Finding;
use crate::model::localized::Localized;
use crate::model::source::Source;
use crate::model::support::Contact;

/// The whole index file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub guides: Vec<GuideEntry>,
}

/// One guide as the start page lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideEntry {
    /// Stable id; the guide's files are `<id>.<lang>.md`.
    pub id: String,
    pub title: Localized,
    pub audience: Localized,
    /// Languages the guide exists in, its source language first.
    pub languages: Vec<String>,
    /// Id of the first step.
    pub start: String,
    /// Prefix of the guide's step codes for the helpdesk (`MRS` in `MRS-4`); see [`crate::model::code`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Who helps with the guide's service, as its source names them; every step shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<Contact>,
}

impl GuideEntry {
    /// File name of the guide in `lang`.
    pub fn file(&self, lang: &str) -> String {
        format!("{}.{lang}.md", self.id)
    }

    /// The language to show: `wanted` when the guide has it, else its first language.
    pub fn language_for<'a>(&'a self, wanted: &'a str) -> &'a str {
        if self.languages.iter().any(|l| l == wanted) {
            wanted
        } else {
            self.languages.first().map(String::as_str).unwrap_or(wanted)
        }
    }

    /// `text` of this guide in `lang`, by [`Localized`]'s fall-back rule; the
    /// guide's id when it has no text at all.
    pub fn text<'a>(&'a self, text: &'a Localized, lang: &str) -> &'a str {
        text.get(lang).unwrap_or(&self.id)
    }
}

impl Index {
    /// The guide with `id`.
    pub fn guide(&self, id: &str) -> Option<&GuideEntry> {
        self.guides.iter().find(|g| g.id == id)
    }
}

impl Index {
    /// Where guide `id`'s `field` is written in the index file (its key), else
    /// where the guide's entry starts, else the top: serde keeps no positions.
    pub fn position(source: &Source, id: &str, field: &str) -> (usize, usize) {
        source.position(Index::offset(source, id, field, 0))
    }

    /// Byte offset of the `nth` `field` key in guide `id`'s entry (see [`Index::position`]).
    pub fn offset(source: &Source, id: &str, field: &str, nth: usize) -> usize {
        let text = &source.text;
        let quoted = format!("\"{id}\"");
        // The entry starts where its id is the value of "id".
        let Some(entry) = text.match_indices(&quoted).map(|(i, _)| i).find(|&i| text[..i].trim_end().ends_with(':') && {
            let before = text[..i].trim_end().trim_end_matches(':').trim_end();
            before.ends_with("\"id\"")
        }) else {
            return 0;
        };
        // The entry's own text runs to the next entry's "id" key at the same depth (roughly: the next `"id"`).
        let end = text[entry + quoted.len()..].find("\"id\"").map_or(text.len(), |i| entry + quoted.len() + i);
        let key = format!("\"{field}\"");
        text[entry..end].match_indices(&key).nth(nth).map_or(entry, |(i, _)| entry + i)
    }
}

/// Writes an index as pretty JSON (for tools that add guides).
pub fn to_json(index: &Index) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(index)
}

/// Parses `index.json`; a syntax or shape error becomes one finding at its line.
pub fn parse(source: &Source) -> Result<Index, Finding> {
    serde_json::from_str(&source.text).map_err(|e| {
        Finding::error(&source.path, (e.line().max(1), e.column().max(1)), format!("the guide index is not valid: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_lists_guides_with_start_and_languages() {
        let src = Source::new(
            "index.json",
            r#"{"guides": [{"id": "mrs", "title": {"nb": "Logg inn i MRS"}, "audience": {"nb": "Klinikere"},
                "languages": ["nb"], "start": "har-kort"}]}"#,
        );
        let index = parse(&src).unwrap();
        let mrs = index.guide("mrs").unwrap();
        assert_eq!(mrs.file("nb"), "mrs.nb.md");
        assert_eq!(mrs.language_for("en"), "nb");
        assert_eq!(mrs.text(&mrs.title, "en"), "Logg inn i MRS");
    }

    #[test]
    fn a_misspelt_field_is_reported_with_its_line() {
        let src = Source::new("index.json", "{\"guides\": [\n {\"id\": \"a\", \"titel\": {}}]}");
        let finding = parse(&src).unwrap_err();
        assert_eq!(finding.line, 2);
        assert!(finding.message.contains("unknown field `titel`"), "{}", finding.message);
    }
}
