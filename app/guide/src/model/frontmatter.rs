//! Front matter: the `key: value` lines between `---` fences at the top of a guide.
//!
//! Deliberately a tiny subset of YAML, so authors cannot trip on YAML's rules and
//! every finding can point at the exact line.

use crate::model::finding::Finding;
use crate::model::source::Source;

/// One `key: value` line and the byte offset where its key starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub offset: usize,
}

/// The fields of a guide's front matter in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: Vec<Field>,
    /// Offset of the opening fence (or 0 when there is none), for findings about a missing key.
    pub offset: usize,
}

impl FrontMatter {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.field(key).map(|f| f.value.as_str())
    }

    /// The whole field for `key`, if present.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Parses the block's text, which starts at byte `offset` of `source`.
pub fn parse(source: &Source, text: &str, offset: usize, findings: &mut Vec<Finding>) -> FrontMatter {
    let mut fields: Vec<Field> = Vec::new();
    let mut line_offset = offset;
    for line in text.split_inclusive('\n') {
        let here = line_offset;
        line_offset += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            findings.push(Finding::error(
                &source.path,
                source.position(here),
                format!("front matter line `{}` is not `key: value`", content.trim()),
            ));
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            findings.push(Finding::error(
                &source.path,
                source.position(here),
                format!("front matter key `{key}` must be letters, digits, `-` or `_`"),
            ));
            continue;
        }
        if fields.iter().any(|f| f.key == key) {
            findings.push(Finding::error(
                &source.path,
                source.position(here),
                format!("front matter key `{key}` is given twice"),
            ));
            continue;
        }
        let value = value.trim().trim_matches('"').to_owned();
        fields.push(Field { key: key.to_owned(), value, offset: here });
    }
    FrontMatter { fields, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (FrontMatter, Vec<Finding>) {
        let source = Source::new("g.md", format!("---\n{text}---\n"));
        let mut findings = Vec::new();
        let fm = parse(&source, text, 4, &mut findings);
        (fm, findings)
    }

    #[test]
    fn reads_keys_and_values_in_order() {
        let (fm, findings) = parse_text("title: Logg inn i MRS\nlang: nb\n");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(fm.get("title"), Some("Logg inn i MRS"));
        assert_eq!(fm.get("lang"), Some("nb"));
        assert_eq!(fm.field("lang").unwrap().offset, 4 + "title: Logg inn i MRS\n".len());
    }

    #[test]
    fn a_line_without_colon_is_reported_at_its_line() {
        let (_, findings) = parse_text("title: x\nthis is wrong\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].to_string(), "g.md:3:1: error: front matter line `this is wrong` is not `key: value`");
    }

    #[test]
    fn a_repeated_key_is_an_error() {
        let (fm, findings) = parse_text("lang: nb\nlang: sv\n");
        assert_eq!(fm.get("lang"), Some("nb"));
        assert!(findings[0].message.contains("given twice"));
    }
}
