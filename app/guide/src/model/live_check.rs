//! Live checks declared in a step: what the helper on the user's PC can confirm
//! (a card in the reader, the right certificate, the PIN tries left).
//!
//! Written as a fenced block marked `check` with `key: value` lines:
//!
//! ```text
//! issuer: ihelse.net Issuing CA4
//! purpose: authentication
//! ```

use crate::model::finding::Finding;
use crate::model::frontmatter;
use crate::model::source::Source;

pub use veiviser_api::Purpose;

/// The purpose a `check` block may name (`other` is the helper's fall-back, not a choice).
fn parse_purpose(value: &str) -> Option<Purpose> {
    [Purpose::Authentication, Purpose::Signing, Purpose::Encryption].into_iter().find(|p| p.as_str() == value)
}

/// The live checks of one step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveCheck {
    /// Wait for a card in a reader, and move on by itself when one is there.
    pub card_present: bool,
    /// The certificate to pick: its issuer's name (or a part of it).
    pub issuer: Option<String>,
    pub purpose: Option<Purpose>,
    /// Show the PIN tries left before the user types the PIN.
    pub pin_tries: bool,
    /// Byte offset of the block in the source.
    pub offset: usize,
}

/// Parses the text of a `check` block starting at byte `offset`.
pub fn parse(source: &Source, text: &str, offset: usize, findings: &mut Vec<Finding>) -> LiveCheck {
    let fields = frontmatter::parse(source, text, offset, findings);
    let mut check = LiveCheck { offset, ..LiveCheck::default() };
    for field in &fields.fields {
        let at = source.position(field.offset);
        let value = field.value.as_str();
        let mut bad_value = |expected: &str| {
            findings.push(Finding::error(
                &source.path,
                at,
                format!("check `{}: {value}` is not valid: expected {expected}", field.key),
            ))
        };
        match field.key.as_str() {
            "card" if value == "present" => check.card_present = true,
            "card" => bad_value("`card: present`"),
            "issuer" if !value.is_empty() => check.issuer = Some(value.to_owned()),
            "issuer" => bad_value("the issuer's name, for example `issuer: ihelse.net Issuing CA4`"),
            "purpose" => match parse_purpose(value) {
                Some(purpose) => check.purpose = Some(purpose),
                None => bad_value("authentication, signing or encryption"),
            },
            "pin" if value == "tries" => check.pin_tries = true,
            "pin" => bad_value("`pin: tries`"),
            other => findings.push(Finding::error(
                &source.path,
                at,
                format!("unknown check `{other}`: the checks are card, issuer, purpose and pin"),
            )),
        }
    }
    if fields.fields.is_empty() {
        findings.push(Finding::error(&source.path, source.position(offset), "the check block is empty"));
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_block(text: &str) -> (LiveCheck, Vec<String>) {
        let source = Source::new("g.nb.md", format!("```check\n{text}```\n"));
        let mut findings = Vec::new();
        let check = parse(&source, text, 9, &mut findings);
        (check, findings.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_certificate_check_names_issuer_and_purpose() {
        let (check, findings) = parse_block("issuer: ihelse.net Issuing CA4\npurpose: authentication\n");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(check.issuer.as_deref(), Some("ihelse.net Issuing CA4"));
        assert_eq!(check.purpose, Some(Purpose::Authentication));
        assert!(!check.card_present);
    }

    #[test]
    fn unknown_keys_and_values_are_reported_at_their_line() {
        let (_, findings) = parse_block("card: present\npurpose: login\nfingerprint: x\n");
        assert_eq!(
            findings,
            [
                "g.nb.md:3:1: error: check `purpose: login` is not valid: expected authentication, signing or encryption",
                "g.nb.md:4:1: error: unknown check `fingerprint`: the checks are card, issuer, purpose and pin",
            ]
        );
    }
}
