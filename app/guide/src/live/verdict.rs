//! The verdict: how a step's declared live check ([`LiveCheck`]) judges the
//! status the helper on the user's PC reports.

use super::{CardFamily, Certificate, ReadState, Reader, Service, Status};
use crate::model::live_check::LiveCheck;

/// Whether there is a card to work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardSeen {
    /// The smart-card service does not run on the PC.
    ServiceDown,
    NoReader,
    NoCard,
    /// In reader `reader` (index into `Status::readers`).
    Present { reader: usize },
}

/// What became of the certificate the step expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateSeen<'s> {
    /// The card is still being read.
    Reading,
    /// The expected certificate, valid.
    Found(&'s Certificate),
    /// Only an expired one matches.
    Expired(&'s Certificate),
    /// No certificate on the card matches.
    Missing,
    /// The helper cannot read this kind of card (of this family): the card software
    /// does. Never "missing": nothing was looked for.
    NotRead(CardFamily),
}

/// The PIN tries the card reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinSeen {
    /// This kind of card is not asked (asking could cost a try).
    Unknown,
    Left(u8),
    /// One try left: a wrong PIN now blocks the card.
    LastTry,
    Blocked,
}

/// The live check of a step judged against what the helper sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict<'s> {
    pub card: CardSeen,
    pub certificate: Option<CertificateSeen<'s>>,
    /// Every certificate on the card, so the step can show what is there.
    pub on_card: Vec<&'s Certificate>,
    pub pin: Option<PinSeen>,
}

impl Verdict<'_> {
    /// True when a step that waits for a card may move on by itself.
    pub fn card_is_in(&self) -> bool {
        matches!(self.card, CardSeen::Present { .. })
    }
}

/// Judges `check` against `status`. With several readers, the card that holds
/// the expected certificate wins, so another card cannot hide the real one; a
/// virtual reader's card (Windows Hello) counts only if it holds that certificate.
pub fn evaluate<'s>(check: &LiveCheck, status: &'s Status) -> Verdict<'s> {
    let none = Verdict { card: CardSeen::NoCard, certificate: None, on_card: Vec::new(), pin: None };
    if status.service != Service::Ok {
        return Verdict { card: CardSeen::ServiceDown, ..none };
    }
    if status.readers.iter().all(Reader::is_virtual) {
        return Verdict { card: CardSeen::NoReader, ..none };
    }
    let wants_certificate = check.issuer.is_some() || check.purpose.is_some();
    // A virtual card holds certificates for every purpose: it stands in only for
    // the one it is named for by its issuer.
    let may_be = |reader: &Reader| !reader.is_virtual() || check.issuer.is_some();
    let chosen = status
        .cards()
        .find(|(_, reader, card)| wants_certificate && may_be(reader) && card.certificates.iter().any(|c| matches(check, c)))
        .or_else(|| status.cards().find(|(_, reader, _)| !reader.is_virtual()));
    let Some((reader, _, card)) = chosen else { return none };
    let certificate = wants_certificate.then(|| {
        let matching: Vec<&Certificate> = card.certificates.iter().filter(|c| matches(check, c)).collect();
        match (matching.iter().find(|c| !c.expired), matching.first()) {
            (Some(valid), _) => CertificateSeen::Found(valid),
            (None, Some(expired)) => CertificateSeen::Expired(expired),
            (None, None) if card.is_reading() => CertificateSeen::Reading,
            (None, None) if !card.kind.is_read() && card.read == ReadState::Done => CertificateSeen::NotRead(card.family),
            (None, None) => CertificateSeen::Missing,
        }
    });
    let pin = check.pin_tries.then_some(match card.pin_tries_left {
        None => PinSeen::Unknown,
        Some(0) => PinSeen::Blocked,
        Some(1) => PinSeen::LastTry,
        Some(n) => PinSeen::Left(n),
    });
    Verdict { card: CardSeen::Present { reader }, certificate, on_card: card.certificates.iter().collect(), pin }
}

/// True when `certificate` is the one `check` asks for (issuer named in part, any case).
fn matches(check: &LiveCheck, certificate: &Certificate) -> bool {
    let issuer_ok = check.issuer.as_ref().is_none_or(|wanted| {
        let wanted = wanted.to_lowercase();
        certificate.issuer_cn.to_lowercase().contains(&wanted) || certificate.issuer.to_lowercase().contains(&wanted)
    });
    let purpose_ok = check.purpose.is_none_or(|p| p == certificate.purpose);
    issuer_ok && purpose_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{Card, CardKind, Purpose};
    fn cert(issuer_cn: &str, purpose: Purpose, expired: bool) -> Certificate {
        Certificate {
            issuer_cn: issuer_cn.into(),
            issuer: format!("CN={issuer_cn}, O=Test, C=NO"),
            not_before: "2024-01-01T00:00:00Z".into(),
            not_after: "2034-01-01T00:00:00Z".into(),
            expired,
            purpose,
            key_usage: vec![],
        }
    }

    fn status(cards: Vec<Option<Card>>) -> Status {
        let readers = cards.into_iter().enumerate().map(|(i, card)| Reader { name: format!("R{i}"), card }).collect();
        Status { version: "1".into(), service: Service::Ok, seq: 1, readers }
    }

    fn card(certificates: Vec<Certificate>, pin: Option<u8>) -> Option<Card> {
        Some(Card::read_as(CardKind::Piv, certificates, pin))
    }

    fn check(issuer: Option<&str>, purpose: Option<Purpose>) -> LiveCheck {
        LiveCheck { issuer: issuer.map(Into::into), purpose, ..LiveCheck::default() }
    }

    #[test]
    fn of_two_certificates_the_one_from_the_expected_issuer_is_named() {
        let s = status(vec![card(vec![cert("Buypass Class 3 CA 3", Purpose::Signing, false), cert("ihelse.net Issuing CA4", Purpose::Authentication, false)], None)]);
        let verdict = evaluate(&check(Some("ihelse.net Issuing CA4"), Some(Purpose::Authentication)), &s);
        assert_eq!(verdict.certificate, Some(CertificateSeen::Found(&s.readers[0].card.as_ref().unwrap().certificates[1])));
        assert_eq!(verdict.on_card.len(), 2);
    }

    #[test]
    fn an_expected_certificate_that_is_missing_or_expired_is_reported_so() {
        let s = status(vec![card(vec![cert("ihelse.net Issuing CA4", Purpose::Authentication, false)], None)]);
        assert_eq!(evaluate(&check(Some("Buypass"), None), &s).certificate, Some(CertificateSeen::Missing));
        let expired = status(vec![card(vec![cert("Buypass Class 3 CA 3", Purpose::Authentication, true)], None)]);
        assert!(matches!(evaluate(&check(Some("buypass"), None), &expired).certificate, Some(CertificateSeen::Expired(_))));
    }

    #[test]
    fn a_card_the_helper_cannot_read_is_never_said_to_miss_the_certificate() {
        let buypass = Card { family: CardFamily::Buypass, ..Card::read_as(CardKind::Unknown, vec![], None) };
        let s = status(vec![Some(buypass)]);
        assert_eq!(evaluate(&check(Some("Buypass"), None), &s).certificate, Some(CertificateSeen::NotRead(CardFamily::Buypass)));
        let read_empty = status(vec![Some(Card::read_as(CardKind::IdPrime, vec![], None))]);
        assert_eq!(evaluate(&check(Some("SITHS"), None), &read_empty).certificate, Some(CertificateSeen::Missing));
    }

    #[test]
    fn the_card_with_the_expected_certificate_wins_over_a_virtual_reader() {
        let s = status(vec![card(vec![], None), card(vec![cert("ihelse.net Issuing CA4", Purpose::Authentication, false)], None)]);
        assert_eq!(evaluate(&check(Some("ihelse"), None), &s).card, CardSeen::Present { reader: 1 });
    }

    #[test]
    fn pin_tries_one_left_and_blocked_are_told_apart() {
        let pin = LiveCheck { pin_tries: true, ..LiveCheck::default() };
        let tries = |n| evaluate(&pin, &status(vec![card(vec![], n)])).pin;
        assert_eq!(tries(Some(3)), Some(PinSeen::Left(3)));
        assert_eq!(tries(Some(1)), Some(PinSeen::LastTry));
        assert_eq!(tries(Some(0)), Some(PinSeen::Blocked));
        assert_eq!(tries(None), Some(PinSeen::Unknown));
    }

    #[test]
    fn no_service_no_reader_and_no_card_are_distinct() {
        let card_check = LiveCheck { card_present: true, ..LiveCheck::default() };
        let down = Status { service: Service::NotRunning, ..status(vec![]) };
        assert_eq!(evaluate(&card_check, &down).card, CardSeen::ServiceDown);
        assert_eq!(evaluate(&card_check, &status(vec![])).card, CardSeen::NoReader);
        assert_eq!(evaluate(&card_check, &status(vec![None])).card, CardSeen::NoCard);
        assert!(evaluate(&card_check, &status(vec![card(vec![], None)])).card_is_in());
    }

    #[test]
    fn a_windows_hello_card_never_stands_in_for_the_users_card() {
        let card_check = LiveCheck { card_present: true, ..LiveCheck::default() };
        let hello = cert("Windows Hello", Purpose::Authentication, false);
        let mut s = status(vec![card(vec![hello], None), None]);
        s.readers[0].name = "Windows Hello for Business 1".into();
        assert_eq!(evaluate(&card_check, &s).card, CardSeen::NoCard, "only the virtual card is in");
        s.readers[1].card = card(vec![cert("ihelse.net Issuing CA4", Purpose::Authentication, false)], None);
        assert_eq!(evaluate(&card_check, &s).card, CardSeen::Present { reader: 1 });
        let signing = LiveCheck { purpose: Some(Purpose::Authentication), ..LiveCheck::default() };
        s.readers[1].card = card(vec![], None);
        assert_eq!(evaluate(&signing, &s).card, CardSeen::Present { reader: 1 }, "a purpose alone never picks the virtual card");
        s.readers.remove(1);
        assert_eq!(evaluate(&card_check, &s).card, CardSeen::NoReader, "a virtual reader is no card reader");
    }
}
