//! `veiviser-helper doctor`: the same diagnosis as the API, as plain text for a
//! person on the phone with the helpdesk: what is there, what is wrong, what to do.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use veiviser_api::{diagnose, Fault};

use crate::state::{Card, CardFamily, CardKind, Purpose, ReadState, ReadVia, Service, Shared, Status};

/// How long doctor waits for the service to answer and the cards to be read.
const SETTLE: Duration = Duration::from_secs(6);
/// No change for this long means the watcher has looked at every reader.
const QUIET: Duration = Duration::from_millis(400);

/// Watches the readers until every card is read (or a few seconds pass) and describes them.
pub fn report(config: &Config) -> String {
    let shared = Arc::new(Shared::new());
    let watcher = crate::watch::spawn(Arc::clone(&shared));
    let deadline = Instant::now() + SETTLE;
    let mut status = shared.wait_after(0, Duration::from_secs(3));
    // Settled: nothing changed for a moment (the first look at each reader is in)
    // and no card is still being read.
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let next = shared.wait_after(status.seq, left.min(QUIET));
        let reading = next.readers.iter().filter_map(|r| r.card.as_ref()).any(|c| c.read == ReadState::Reading);
        let quiet = next.seq == status.seq;
        status = next;
        if quiet && !reading {
            break;
        }
    }
    watcher.stop();
    let mut text = describe(&status);
    text.push_str(&match config.allowed_origins.as_slice() {
        [] => "Pages allowed to ask: none (start with --allow-origin or list them in an origins file)\n".into(),
        origins => format!("Pages allowed to ask: {}\n", origins.join(", ")),
    });
    // The address the page must use: the organisation's settings.json must name the same port.
    text.push_str(&format!("Pages ask on: http://127.0.0.1:{}\n", config.port));
    text
}

/// Plain-text description of a status, ending with what is wrong and what to do
/// ([`veiviser_api::diagnose`], the same findings the page's diagnostics word).
pub fn describe(status: &Status) -> String {
    let mut out = format!("veiviser-helper {}\n", status.version);
    out.push_str(match status.service {
        Service::Ok => "Smart card service: running\n",
        Service::NotRunning => "Smart card service: NOT RUNNING\n",
        Service::Error | Service::Unknown => "Smart card service: ERROR\n",
    });
    if status.service == Service::Ok && status.readers.is_empty() {
        out.push_str("Readers: none found\n");
    }
    for (n, reader) in status.readers.iter().enumerate() {
        let marked = if reader.is_virtual() { " (virtual, not a card reader)" } else { "" };
        out.push_str(&format!("Reader {}: {}{marked}\n", n + 1, reader.name));
        match &reader.card {
            None => out.push_str("  Card: none\n"),
            Some(card) => describe_card(card, &mut out),
        }
    }
    let findings = diagnose(status);
    if findings.is_empty() {
        out.push_str("What is wrong: nothing found\n");
    } else {
        out.push_str("What to do:\n");
        for finding in findings {
            out.push_str(&format!("  - {}\n", advice(finding, status)));
        }
    }
    out
}

fn describe_card(card: &Card, out: &mut String) {
    let kind = match card.kind {
        CardKind::Unknown => "a kind the helper cannot read".to_owned(),
        kind => format!("{} card", kind.name()),
    };
    let family = match card.family {
        CardFamily::Unknown => String::new(),
        family => format!("{} card, ", family.name()),
    };
    match card.read {
        ReadState::Reading => {
            return out.push_str(&format!("  Card: {family}present, still being read (ATR {})\n", card.atr))
        }
        ReadState::Failed => {
            return out.push_str(&format!("  Card: {family}present, but could not be read (ATR {})\n", card.atr))
        }
        ReadState::Done | ReadState::Unknown => out.push_str(&format!("  Card: {family}{kind} (ATR {})\n", card.atr)),
    }
    if card.via == ReadVia::WindowsCardStore {
        out.push_str("  Certificates read through Windows (the card's own driver)\n");
    }
    out.push_str(&match card.pin_tries_left {
        Some(0) => "  PIN: BLOCKED\n".to_owned(),
        Some(tries) => format!("  PIN tries left: {tries}\n"),
        None => "  PIN tries left: not known for this kind of card\n".to_owned(),
    });
    if !card.kind.is_read() && card.via != ReadVia::WindowsCardStore {
        out.push_str("  Certificates: not read (the card software reads this card)\n");
    } else if card.certificates.is_empty() {
        out.push_str("  Certificates: none\n");
    }
    for (c, cert) in card.certificates.iter().enumerate() {
        let purpose = match cert.purpose {
            Purpose::Authentication => "authentication (logging in)",
            Purpose::Signing => "signing",
            Purpose::Encryption => "encryption",
            Purpose::Other => "other use",
        };
        let until = if cert.expired { "EXPIRED" } else { "valid until" };
        out.push_str(&format!(
            "  Certificate {}: {purpose}, issued by \"{}\", {until} {}\n",
            c + 1,
            cert.issuer_cn,
            day(&cert.not_after)
        ));
    }
}

/// What to do about `finding`, in English.
fn advice(finding: Fault, status: &Status) -> String {
    let atr = |reader: usize| status.readers[reader].card.as_ref().map_or("", |c| c.atr.as_str()).to_owned();
    match finding {
        Fault::ServiceNotRunning => {
            "Plug in the card reader; on Windows check that the Smart Card service runs; on Linux start pcscd.".into()
        }
        Fault::ServiceError => "Restart the PC; if it persists, call the helpdesk.".into(),
        Fault::NoReader => "Plug in the card reader and run doctor again.".into(),
        Fault::NoCard => "Put the card in the reader, chip first, and run doctor again.".into(),
        Fault::StillReading { reader } => {
            format!("Reader {}: the card was still being read; run doctor again in a moment.", reader + 1)
        }
        Fault::Unreadable { reader } => format!(
            "Reader {}: take the card out and put it in again, chip first; if that does not help, try another reader.",
            reader + 1
        ),
        Fault::PinBlocked { reader } => {
            format!("Reader {}: the PIN is blocked; unblock it with the PUK or ask the card issuer.", reader + 1)
        }
        Fault::UnknownCard { reader } => {
            let family = status.readers[reader].card.as_ref().map_or(CardFamily::Unknown, |c| c.family);
            let which = match (family, family.card_software()) {
                (CardFamily::Unknown, _) => "this kind of card is read by the card software, not by the helper".to_owned(),
                (family, Some(software)) => {
                    format!("this is a {} card: the card software ({software}) reads it, not the helper", family.name())
                }
                (family, None) => format!("this is a {} card: the card software reads it, not the helper", family.name()),
            };
            format!(
                "Reader {}: the reader and the card are fine; {which}. Go on with the login. If it fails, tell the helpdesk: {} card, ATR {}.",
                reader + 1,
                family.name(),
                atr(reader)
            )
        }
        Fault::NoCertificates { reader } => format!(
            "Reader {}: the card holds no certificates; it may not be activated yet: ask the card issuer.",
            reader + 1
        ),
        Fault::AllExpired { reader } => {
            format!("Reader {}: every certificate on the card has expired; order a new card.", reader + 1)
        }
        Fault::SeveralCards => {
            "There are cards in more than one reader; the login software may pick the wrong one.".into()
        }
    }
}

/// The date of an RFC 3339 time.
fn day(time: &str) -> &str {
    time.get(..10).unwrap_or(time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{inserted, Certificate, Reader};

    fn with_card(card: Card) -> Status {
        let shared = Shared::new();
        shared.update(|s| {
            s.service = Service::Ok;
            s.readers = vec![Reader { name: "Reader A".into(), card: Some(card) }];
        });
        shared.snapshot()
    }

    fn read(kind: CardKind, certificates: Vec<Certificate>, pin: Option<u8>) -> Card {
        Card { kind, certificates, pin_tries_left: pin, read: ReadState::Done, ..inserted(&[0x3b, 0x01]) }
    }

    fn certificate(expired: bool) -> Certificate {
        Certificate {
            issuer_cn: "Buypass Class 3 CA 3".into(),
            issuer: "CN=Buypass Class 3 CA 3".into(),
            not_before: "2020-01-01T00:00:00Z".into(),
            not_after: "2023-01-01T00:00:00Z".into(),
            expired,
            purpose: Purpose::Signing,
            key_usage: vec!["nonRepudiation".into()],
        }
    }

    #[test]
    fn a_stopped_service_says_what_to_do() {
        let text = describe(&Shared::new().snapshot());
        assert!(text.contains("NOT RUNNING"));
        assert!(text.contains("What to do"));
    }

    #[test]
    fn certificates_are_listed_with_issuer_purpose_and_validity() {
        let text = describe(&with_card(read(CardKind::Piv, vec![certificate(true)], Some(3))));
        assert!(text.contains("PIV card"), "{text}");
        assert!(text.contains("signing, issued by \"Buypass Class 3 CA 3\", EXPIRED 2023-01-01"), "{text}");
        assert!(text.contains("PIN tries left: 3"));
        assert!(text.contains("order a new card"));
    }

    #[test]
    fn a_blocked_pin_and_an_unknown_card_get_advice() {
        assert!(describe(&with_card(read(CardKind::Piv, vec![certificate(false)], Some(0)))).contains("PUK"));
        let unknown = describe(&with_card(read(CardKind::Unknown, vec![], None)));
        assert!(unknown.contains("tell the helpdesk: unknown card, ATR 3b01"), "{unknown}");
        assert!(unknown.contains("Certificates: not read"), "never \"none\" for a card not read: {unknown}");
    }

    #[test]
    fn a_buypass_card_is_named_and_left_to_its_card_software() {
        let buypass = Card { family: CardFamily::Buypass, ..read(CardKind::Unknown, vec![], None) };
        let text = describe(&with_card(buypass));
        assert!(text.contains("Card: Buypass ID card, a kind the helper cannot read (ATR 3b01)"), "{text}");
        assert!(text.contains("the card software (Buypass) reads it"), "{text}");
        assert!(text.contains("Go on with the login") && text.contains("Buypass ID card, ATR 3b01"), "{text}");
        assert!(!text.contains("Certificates: none"), "{text}");
    }

    #[test]
    fn an_idprime_card_and_a_card_read_through_windows_say_so() {
        let siths = Card { family: CardFamily::IdPrime, ..read(CardKind::IdPrime, vec![certificate(false)], Some(3)) };
        assert!(describe(&with_card(siths)).contains("Card: SITHS eID / Thales IDPrime card, IDPrime card"));
        let store = Card { via: ReadVia::WindowsCardStore, ..read(CardKind::Unknown, vec![certificate(false)], None) };
        let text = describe(&with_card(store));
        assert!(text.contains("read through Windows") && text.contains("issued by \"Buypass Class 3 CA 3\""), "{text}");
    }

    #[test]
    fn a_windows_hello_reader_is_listed_as_virtual_and_is_no_card_to_the_diagnosis() {
        let shared = Shared::new();
        shared.update(|s| {
            s.service = Service::Ok;
            let hello = read(CardKind::Unknown, vec![], None);
            s.readers = vec![Reader { name: "Windows Hello for Business 1".into(), card: Some(hello) }];
        });
        let text = describe(&shared.snapshot());
        assert!(text.contains("Reader 1: Windows Hello for Business 1 (virtual, not a card reader)"), "{text}");
        assert!(text.contains("Plug in the card reader"), "{text}");
        assert!(!text.contains("tell the helpdesk"), "the virtual card is not the user's: {text}");
    }

    #[test]
    fn a_healthy_card_has_nothing_wrong() {
        let text = describe(&with_card(read(CardKind::Pkcs15, vec![certificate(false)], None)));
        assert!(text.contains("What is wrong: nothing found"), "{text}");
    }
}
