//! The card protocol: what a card is and what it holds, as plain functions over
//! [`Transmit`] (one command to the card, one answer), so that all of it is tested
//! without PC/SC. One file per card family ([`piv`], [`pkcs15`], [`idprime`]), what
//! they share ([`apdu`]: commands, status words and the one error type,
//! [`CardError`]; [`tlv`]; [`inflate`] for compressed certificates; [`cert`]: an
//! X.509 certificate reduced to what the user needs), and [`family`], the card's
//! maker and product by its ATR. What carries the commands is in [`crate::reading`].
//!
//! [`read`] tells PIV, PKCS#15 or IDPrime, else unknown (with its family, from its
//! ATR, either way).

pub mod apdu;
pub mod cert;
pub mod family;
pub mod idprime;
pub mod inflate;
pub mod piv;
pub mod pkcs15;
pub mod tlv;

use crate::card::apdu::{CardError, Transmit};
use crate::card::family::CardFamily;
use crate::state::{CardKind, Certificate, ReadVia};

/// The result of reading a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub kind: CardKind,
    pub family: CardFamily,
    pub certificates: Vec<Certificate>,
    pub pin_tries_left: Option<u8>,
    pub via: ReadVia,
}

/// Summarizes DER certificates as of `now`, leaving out those that do not parse.
pub fn summarize(ders: &[Vec<u8>], now: i64) -> Vec<Certificate> {
    ders.iter().filter_map(|der| cert::summarize(der, now).ok()).collect()
}

/// Reads the card behind `card`, whose answer to reset is `atr`, summarizing
/// certificates as of `now` (Unix seconds). A card that answers PKCS#15 is read as
/// PKCS#15 before IDPrime; an IDPrime ATR only moves PIV last (those cards have none).
pub fn read<T: Transmit + ?Sized>(card: &mut T, atr: &[u8], now: i64) -> Result<Contents, CardError> {
    let piv_last = family::of_atr(atr) == CardFamily::IdPrime;
    let order: &[CardKind] =
        if piv_last { &[CardKind::Pkcs15, CardKind::IdPrime, CardKind::Piv] } else { &[CardKind::Piv, CardKind::Pkcs15, CardKind::IdPrime] };
    for &kind in order {
        let read = match kind {
            CardKind::Piv => piv::read(card)?.map(|f| (f.certificates, f.pin_tries_left)),
            // No VERIFY here: PKCS#15 cards may count an empty VERIFY as a failed try.
            CardKind::Pkcs15 => pkcs15::read(card)?.map(|f| (f.certificates, None)),
            CardKind::IdPrime => idprime::read(card)?.map(|f| (f.certificates, f.pin_tries_left)),
            CardKind::Unknown => None,
        };
        if let Some((certificates, pin_tries_left)) = read {
            return Ok(Contents {
                kind,
                family: family::of(atr, kind),
                certificates: summarize(&certificates, now),
                pin_tries_left,
                via: ReadVia::Pcsc,
            });
        }
    }
    Ok(Contents {
        kind: CardKind::Unknown,
        family: family::of_atr(atr),
        certificates: Vec::new(),
        pin_tries_left: None,
        via: ReadVia::Pcsc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::apdu::fake::Fake;

    const BUYPASS_ATR: [u8; 20] =
        [0x3B, 0x9F, 0x96, 0x40, 0x0A, 0x80, 0x31, 0xE0, 0x6B, 0x04, 0x52, 0x05, 0x02, 0x4F, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55];
    const SITHS_ATR: [u8; 20] =
        [0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0, 0x85, 0x04, 0x00, 0x11, 0x12, 0x02, 0xF0, 0x82, 0x90, 0x00];

    #[test]
    fn a_card_that_knows_nothing_is_unknown_and_is_never_sent_verify() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6D, 0x00]);
        let contents = read(&mut fake, &[0x3B, 0x00], 0).unwrap();
        assert_eq!((contents.kind, contents.family), (CardKind::Unknown, CardFamily::Unknown));
        assert_eq!(contents.pin_tries_left, None);
        assert!(fake.sent.iter().all(|a| a[1] == 0xA4), "{:02x?}", fake.sent);
    }

    #[test]
    fn a_buypass_card_is_named_by_its_atr_though_nothing_on_it_answers() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6A, 0x82]);
        let contents = read(&mut fake, &BUYPASS_ATR, 0).unwrap();
        assert_eq!((contents.kind, contents.family), (CardKind::Unknown, CardFamily::Buypass));
        assert!(contents.certificates.is_empty());
        assert!(fake.sent.iter().all(|a| a[1] == 0xA4), "only SELECTs: {:02x?}", fake.sent);
    }

    #[test]
    fn an_idprime_atr_tries_pkcs15_and_idprime_before_piv() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6A, 0x82]);
        read(&mut fake, &SITHS_ATR, 0).unwrap();
        let last_select = fake.sent.last().unwrap();
        assert!(last_select.windows(piv::AID.len()).any(|w| w == piv::AID), "PIV is asked last: {:02x?}", fake.sent);
    }

    #[test]
    fn a_card_that_answers_pkcs15_is_read_as_pkcs15_even_with_an_idprime_atr() {
        let mut fake = Fake::new(|apdu: &[u8]| {
            if apdu[1] == 0xA4 && apdu.windows(pkcs15::AID.len()).any(|w| w == pkcs15::AID) {
                vec![0x90, 0x00]
            } else {
                vec![0x6A, 0x82]
            }
        });
        let contents = read(&mut fake, &SITHS_ATR, 0).unwrap();
        assert_eq!((contents.kind, contents.family), (CardKind::Unknown, CardFamily::IdPrime), "no ODF: not read");
        let mut fake = Fake::new(|apdu: &[u8]| match apdu {
            [0x00, 0xA4, 0x04, ..] if apdu.windows(pkcs15::AID.len()).any(|w| w == pkcs15::AID) => vec![0x90, 0x00],
            [0x00, 0xA4, 0x00, _, 0x02, 0x50, 0x31, ..] => vec![0x62, 0x03, 0x80, 0x01, 0x02, 0x90, 0x00],
            [0x00, 0xB0, ..] => vec![0xA4, 0x00, 0x90, 0x00],
            _ => vec![0x6A, 0x82],
        });
        let contents = read(&mut fake, &SITHS_ATR, 0).unwrap();
        assert_eq!((contents.kind, contents.family), (CardKind::Pkcs15, CardFamily::IdPrime));
        assert!(!fake.sent.iter().any(|a| a.windows(idprime::AID.len()).any(|w| w == idprime::AID)));
    }
}
