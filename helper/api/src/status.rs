//! `GET /v1/status`: the smart-card service, each reader and the card in it.
//! Nothing here identifies the card's holder: no names, identity numbers,
//! serial numbers or certificate bytes.

use serde::{Deserialize, Serialize};

/// Whether the smart-card service (pcscd, Windows' Smart Card service) can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Ok,
    NotRunning,
    Error,
    /// A state a newer helper knows and this page does not.
    #[serde(other)]
    Unknown,
}

/// What kind of card answered: the application the helper read it through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Piv,
    Pkcs15,
    /// Thales (Gemalto) IDPrime: SITHS eID and other cards of that family.
    #[serde(rename = "idprime")]
    IdPrime,
    /// None of these, or a kind a newer helper knows.
    #[serde(other)]
    Unknown,
}

impl CardKind {
    /// The kind's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            CardKind::Piv => "PIV",
            CardKind::Pkcs15 => "PKCS#15",
            CardKind::IdPrime => "IDPrime",
            CardKind::Unknown => "unknown",
        }
    }

    /// True for the kinds the helper reads certificates from.
    pub fn is_read(self) -> bool {
        self != CardKind::Unknown
    }
}

/// The family a card belongs to, as its user and the helpdesk know it: told by
/// the card's ATR, or by the application that answered. Also read for cards the
/// helper cannot read certificates from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFamily {
    /// Buypass ID on smartcard (Norway): MULTOS, read only by Buypass' own card software.
    Buypass,
    /// Thales IDPrime: SITHS eID cards of the new generation, Swedish national ID cards.
    #[serde(rename = "idprime")]
    IdPrime,
    /// An older SITHS card (Telia EID, Gemalto).
    SithsOlder,
    /// A YubiKey (its PIV application).
    Yubikey,
    /// Another card with a PIV application.
    Piv,
    /// Not known; also what a helper that does not send the field, or a family a
    /// newer helper knows, means.
    #[default]
    #[serde(other)]
    Unknown,
}

impl CardFamily {
    /// The family's name as its users know it (a product name: the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            CardFamily::Buypass => "Buypass ID",
            CardFamily::IdPrime => "SITHS eID / Thales IDPrime",
            CardFamily::SithsOlder => "SITHS (Telia EID)",
            CardFamily::Yubikey => "YubiKey",
            CardFamily::Piv => "PIV",
            CardFamily::Unknown => "unknown",
        }
    }

    /// Who makes the card software that reads cards of this family (a name, the same
    /// in every language), where it is publicly known.
    pub fn card_software(self) -> Option<&'static str> {
        match self {
            CardFamily::Buypass => Some("Buypass"),
            CardFamily::IdPrime => Some("SafeNet Authentication Client"),
            _ => None,
        }
    }
}

/// How the certificates were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadVia {
    /// By the helper itself, with reading commands over PC/SC; also what an older helper means.
    #[default]
    Pcsc,
    /// Through the operating system: Windows' smart card key storage and the card's minidriver.
    WindowsCardStore,
    #[serde(other)]
    Unknown,
}

/// What a certificate's key is for, from its key usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Logging in (digitalSignature).
    Authentication,
    /// Signing documents (nonRepudiation).
    Signing,
    Encryption,
    #[serde(other)]
    Other,
}

impl Purpose {
    /// The name used on the wire and in guides' `check` blocks.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Authentication => "authentication",
            Purpose::Signing => "signing",
            Purpose::Encryption => "encryption",
            Purpose::Other => "other",
        }
    }
}

/// Where reading a card stands: a card is reported the moment it is inserted,
/// and again when its certificates have been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadState {
    Reading,
    /// Read; also what a helper that does not send the field means.
    #[default]
    Done,
    Failed,
    #[serde(other)]
    Unknown,
}

/// A certificate, without anything that identifies its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The issuing CA's common name (its organization if it has none).
    pub issuer_cn: String,
    /// The issuer's whole distinguished name.
    pub issuer: String,
    /// Start of validity, RFC 3339 in UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 in UTC.
    pub not_after: String,
    pub expired: bool,
    pub purpose: Purpose,
    /// RFC 5280 names of the key usages set.
    #[serde(default)]
    pub key_usage: Vec<String>,
}

/// A card in a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// The card's answer to reset, in lower-case hex.
    pub atr: String,
    pub kind: CardKind,
    /// The family the card belongs to (by its ATR or its application). Added field.
    #[serde(default)]
    pub family: CardFamily,
    #[serde(default)]
    pub read: ReadState,
    #[serde(default)]
    pub certificates: Vec<Certificate>,
    /// PIN tries left, only from card types that tell without spending one.
    #[serde(default)]
    pub pin_tries_left: Option<u8>,
    /// How the certificates were read. Added field.
    #[serde(default)]
    pub via: ReadVia,
}

impl Card {
    /// A card read with this result, everything else as an older helper would send it (for tests and examples).
    pub fn read_as(kind: CardKind, certificates: Vec<Certificate>, pin_tries_left: Option<u8>) -> Card {
        Card {
            atr: "3b".into(),
            kind,
            family: CardFamily::Unknown,
            read: ReadState::Done,
            certificates,
            pin_tries_left,
            via: ReadVia::Pcsc,
        }
    }

    /// True while the helper is still reading the card's certificates.
    pub fn is_reading(&self) -> bool {
        self.read == ReadState::Reading
    }
}

/// A reader and the card in it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub name: String,
    pub card: Option<Card>,
}

impl Reader {
    /// True for a reader that is no card slot of its own: the Windows Hello and
    /// TPM virtual smart cards, which always hold a "card" that is not the user's.
    pub fn is_virtual(&self) -> bool {
        let name = self.name.to_ascii_lowercase();
        VIRTUAL_READERS.iter().any(|virtual_name| name.contains(virtual_name))
    }
}

/// Parts of the names Windows gives its virtual smart-card readers.
const VIRTUAL_READERS: &[&str] = &["windows hello", "microsoft virtual smart card"];

/// The answer to `GET /v1/status` and `GET /v1/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The helper's version.
    #[serde(default)]
    pub version: String,
    pub service: Service,
    /// Grows by one on every change; the long poll waits for a greater one.
    pub seq: u64,
    #[serde(default)]
    pub readers: Vec<Reader>,
}

impl Status {
    /// The status of a helper that has not reached the smart-card service yet.
    pub fn starting(version: &str) -> Status {
        Status { version: version.to_owned(), service: Service::NotRunning, seq: 0, readers: Vec::new() }
    }

    /// The readers that hold a card, real readers before virtual ones.
    pub fn cards(&self) -> impl Iterator<Item = (usize, &Reader, &Card)> {
        let with_card = |real: bool| {
            self.readers
                .iter()
                .enumerate()
                .filter(move |(_, reader)| reader.is_virtual() != real)
                .filter_map(|(i, reader)| reader.card.as_ref().map(|card| (i, reader, card)))
        };
        with_card(true).chain(with_card(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENTED: &str = r#"{"version": "0.1.0", "service": "ok", "seq": 3, "readers": [{"name": "Virtual PCD 00 00",
        "card": {"atr": "3b88", "kind": "piv", "read": "done", "pin_tries_left": 2, "certificates": [{"issuer_cn": "ihelse.net Issuing CA4",
        "issuer": "CN=ihelse.net Issuing CA4", "not_before": "2024-01-01T00:00:00Z", "not_after": "2034-01-01T00:00:00Z",
        "expired": false, "purpose": "authentication", "key_usage": ["digitalSignature"]}]}}]}"#;

    #[test]
    fn the_documented_status_parses_and_writes_back_the_same() {
        let status: Status = serde_json::from_str(DOCUMENTED).unwrap();
        let card = status.readers[0].card.as_ref().unwrap();
        assert_eq!(card.certificates[0].purpose, Purpose::Authentication);
        assert_eq!(card.kind, CardKind::Piv);
        let again: Status = serde_json::from_str(&serde_json::to_string(&status).unwrap()).unwrap();
        assert_eq!(again, status);
    }

    #[test]
    fn values_a_newer_helper_may_send_fall_back_instead_of_failing() {
        let json = r#"{"service": "paused", "seq": 1, "readers": [{"name": "R", "card": {"atr": "3b", "kind": "opengpg", "family": "nfc_ring", "via": "carrier_pigeon",
            "read": "verifying", "certificates": [{"issuer_cn": "X", "issuer": "CN=X", "not_before": "", "not_after": "",
            "expired": false, "purpose": "timestamping", "chip": "new field"}], "new_field": 1}}], "uptime": 5}"#;
        let status: Status = serde_json::from_str(json).unwrap();
        assert_eq!(status.service, Service::Unknown);
        let card = status.readers[0].card.as_ref().unwrap();
        assert_eq!((card.kind, card.read, card.certificates[0].purpose), (CardKind::Unknown, ReadState::Unknown, Purpose::Other));
        assert_eq!((card.family, card.via), (CardFamily::Unknown, ReadVia::Unknown));
    }

    #[test]
    fn an_older_helper_without_read_state_means_the_card_is_read() {
        let json = r#"{"version": "0.0.9", "service": "ok", "seq": 1, "readers": [{"name": "R", "card": {"atr": "3b", "kind": "piv"}}]}"#;
        let status: Status = serde_json::from_str(json).unwrap();
        let card = status.readers[0].card.as_ref().unwrap();
        assert!(!card.is_reading());
        assert_eq!((card.family, card.via), (CardFamily::Unknown, ReadVia::Pcsc), "no family said, read by the helper");
    }

    #[test]
    fn an_idprime_card_and_its_family_use_the_documented_names() {
        let json = r#"{"service": "ok", "seq": 1, "readers": [{"name": "R", "card": {"atr": "3b", "kind": "idprime", "family": "idprime"}},
            {"name": "S", "card": {"atr": "3b", "kind": "unknown", "family": "buypass", "via": "windows_card_store"}}]}"#;
        let status: Status = serde_json::from_str(json).unwrap();
        let (r, s) = (status.readers[0].card.as_ref().unwrap(), status.readers[1].card.as_ref().unwrap());
        assert_eq!((r.kind, r.family), (CardKind::IdPrime, CardFamily::IdPrime));
        assert_eq!((s.family, s.via), (CardFamily::Buypass, ReadVia::WindowsCardStore));
        assert_eq!(serde_json::to_value(r).unwrap()["kind"], "idprime");
    }

    #[test]
    fn virtual_readers_are_told_apart_and_listed_after_real_ones() {
        let card = Card::read_as(CardKind::Unknown, vec![], None);
        let reader = |name: &str| Reader { name: name.into(), card: Some(card.clone()) };
        let status = Status {
            readers: vec![reader("Windows Hello for Business 1"), reader("Microsoft Virtual Smart Card 0"), reader("Virtual PCD 00 00")],
            ..Status::starting("1")
        };
        assert!(status.readers[0].is_virtual() && status.readers[1].is_virtual());
        assert!(!status.readers[2].is_virtual(), "vpcd's readers are real card slots");
        assert_eq!(status.cards().map(|(i, _, _)| i).collect::<Vec<_>>(), [2, 0, 1]);
    }
}
