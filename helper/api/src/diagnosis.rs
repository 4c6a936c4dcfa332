//! One judgement of a status: what is wrong, each with what to do. The helper's
//! `doctor` words it in English on the command line, the page's diagnostics in the
//! user's language; both word these findings and no other.

use crate::status::{CardKind, ReadState, Service, Status};

/// Something wrong in a status, and so what to do. `reader` indexes [`Status::readers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The smart-card service is not running: plug in the reader, or start the service.
    ServiceNotRunning,
    /// The smart-card service answers with an error: restart the PC.
    ServiceError,
    /// The service runs but sees no card reader (virtual ones do not count).
    NoReader,
    /// There are readers, and no card in any of them.
    NoCard,
    /// The card was still being read: look again in a moment.
    StillReading { reader: usize },
    /// The card did not answer: put it in again, or try another reader.
    Unreadable { reader: usize },
    /// The PIN is blocked: unblock it with the PUK, or ask the card's issuer.
    PinBlocked { reader: usize },
    /// A card the helper cannot read certificates from (its family may still be
    /// known, as for Buypass): the reader and card are fine, the card software reads
    /// it; go on with the login, and tell the helpdesk the family and the ATR.
    UnknownCard { reader: usize },
    /// A known kind of card with no certificate: it may not be activated yet.
    NoCertificates { reader: usize },
    /// Every certificate on the card has expired: order a new card.
    AllExpired { reader: usize },
    /// Cards in more than one reader: the login software may pick the wrong one.
    SeveralCards,
}

/// What is wrong in `status`, in the order to deal with it; empty when nothing is.
/// Virtual readers (Windows Hello) are neither a reader nor a card to the user.
pub fn diagnose(status: &Status) -> Vec<Fault> {
    match status.service {
        Service::Ok => {}
        Service::NotRunning => return vec![Fault::ServiceNotRunning],
        Service::Error | Service::Unknown => return vec![Fault::ServiceError],
    }
    if status.readers.iter().all(|r| r.is_virtual()) {
        return vec![Fault::NoReader];
    }
    let cards: Vec<_> = status.cards().filter(|(_, reader, _)| !reader.is_virtual()).collect();
    if cards.is_empty() {
        return vec![Fault::NoCard];
    }
    let mut findings = Vec::new();
    for &(reader, _, card) in &cards {
        match card.read {
            ReadState::Reading => {
                findings.push(Fault::StillReading { reader });
                continue;
            }
            ReadState::Failed => {
                findings.push(Fault::Unreadable { reader });
                continue;
            }
            ReadState::Done | ReadState::Unknown => {}
        }
        if card.pin_tries_left == Some(0) {
            findings.push(Fault::PinBlocked { reader });
        }
        if card.certificates.is_empty() {
            findings.push(match card.kind {
                // Never "no certificates" for a card that was not read.
                CardKind::Unknown => Fault::UnknownCard { reader },
                CardKind::Piv | CardKind::Pkcs15 | CardKind::IdPrime => Fault::NoCertificates { reader },
            });
        } else if card.certificates.iter().all(|c| c.expired) {
            findings.push(Fault::AllExpired { reader });
        }
    }
    if cards.len() > 1 {
        findings.push(Fault::SeveralCards);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{Card, Certificate, Purpose, Reader};

    fn certificate(expired: bool) -> Certificate {
        Certificate {
            issuer_cn: "Buypass Class 3 CA 3".into(),
            issuer: "CN=Buypass Class 3 CA 3".into(),
            not_before: "2020-01-01T00:00:00Z".into(),
            not_after: "2023-01-01T00:00:00Z".into(),
            expired,
            purpose: Purpose::Signing,
            key_usage: vec![],
        }
    }

    fn card(kind: CardKind, read: ReadState, certificates: Vec<Certificate>, pin: Option<u8>) -> Option<Card> {
        Some(Card { atr: "3b01".into(), read, ..Card::read_as(kind, certificates, pin) })
    }

    fn status(readers: Vec<(&str, Option<Card>)>) -> Status {
        let readers = readers.into_iter().map(|(name, card)| Reader { name: name.into(), card }).collect();
        Status { service: Service::Ok, readers, ..Status::starting("1") }
    }

    #[test]
    fn a_service_that_is_not_running_is_the_only_finding() {
        assert_eq!(diagnose(&Status::starting("1")), [Fault::ServiceNotRunning]);
        let broken = Status { service: Service::Error, ..Status::starting("1") };
        assert_eq!(diagnose(&broken), [Fault::ServiceError]);
    }

    #[test]
    fn no_reader_and_no_card_are_told_apart() {
        assert_eq!(diagnose(&status(vec![])), [Fault::NoReader]);
        assert_eq!(diagnose(&status(vec![("Reader A", None)])), [Fault::NoCard]);
    }

    #[test]
    fn a_windows_hello_card_is_neither_a_reader_nor_the_users_card() {
        let hello = ("Windows Hello for Business 1", card(CardKind::Unknown, ReadState::Done, vec![], None));
        assert_eq!(diagnose(&status(vec![hello.clone()])), [Fault::NoReader]);
        assert_eq!(diagnose(&status(vec![hello.clone(), ("Reader A", None)])), [Fault::NoCard]);
        let real = ("Reader A", card(CardKind::Piv, ReadState::Done, vec![certificate(false)], Some(3)));
        assert_eq!(diagnose(&status(vec![hello, real])), [], "the virtual card is no second card");
    }

    #[test]
    fn each_card_problem_names_its_reader() {
        let readers = vec![
            ("A", card(CardKind::Piv, ReadState::Reading, vec![], None)),
            ("B", card(CardKind::Piv, ReadState::Failed, vec![], None)),
            ("C", card(CardKind::Piv, ReadState::Done, vec![certificate(true)], Some(0))),
            ("D", card(CardKind::Unknown, ReadState::Done, vec![], None)),
            ("E", card(CardKind::Pkcs15, ReadState::Done, vec![], None)),
            ("F", card(CardKind::IdPrime, ReadState::Done, vec![], None)),
        ];
        assert_eq!(
            diagnose(&status(readers)),
            [
                Fault::StillReading { reader: 0 },
                Fault::Unreadable { reader: 1 },
                Fault::PinBlocked { reader: 2 },
                Fault::AllExpired { reader: 2 },
                Fault::UnknownCard { reader: 3 },
                Fault::NoCertificates { reader: 4 },
                Fault::NoCertificates { reader: 5 },
                Fault::SeveralCards,
            ]
        );
    }

    #[test]
    fn a_card_of_a_known_family_that_the_helper_cannot_read_is_never_said_to_hold_no_certificates() {
        let mut buypass = card(CardKind::Unknown, ReadState::Done, vec![], None);
        buypass.as_mut().unwrap().family = crate::status::CardFamily::Buypass;
        assert_eq!(diagnose(&status(vec![("Reader A", buypass)])), [Fault::UnknownCard { reader: 0 }]);
    }

    #[test]
    fn a_healthy_card_has_nothing_wrong() {
        let healthy = card(CardKind::Pkcs15, ReadState::Done, vec![certificate(true), certificate(false)], None);
        assert_eq!(diagnose(&status(vec![("Reader A", healthy)])), []);
    }
}
