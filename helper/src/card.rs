//! What a card is and what it holds: PIV first, then PKCS#15, else unknown.

use crate::apdu::{CardError, Transmit};
use crate::state::{CardKind, Certificate};
use crate::{cert, piv, pkcs15};

/// The result of reading a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub kind: CardKind,
    pub certificates: Vec<Certificate>,
    pub pin_tries_left: Option<u8>,
}

/// Reads the card behind `card`, summarizing certificates as of `now` (Unix seconds).
/// Certificates that do not parse are left out.
pub fn read<T: Transmit + ?Sized>(card: &mut T, now: i64) -> Result<Contents, CardError> {
    let summarize = |ders: Vec<Vec<u8>>| ders.iter().filter_map(|der| cert::summarize(der, now).ok()).collect();
    if let Some(found) = piv::read(card)? {
        return Ok(Contents {
            kind: CardKind::Piv,
            certificates: summarize(found.certificates),
            pin_tries_left: found.pin_tries_left,
        });
    }
    // No VERIFY here: PKCS#15 cards may count an empty VERIFY as a failed try.
    if let Some(found) = pkcs15::read(card)? {
        return Ok(Contents {
            kind: CardKind::Pkcs15,
            certificates: summarize(found.certificates),
            pin_tries_left: None,
        });
    }
    Ok(Contents { kind: CardKind::Unknown, certificates: Vec::new(), pin_tries_left: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apdu::fake::Fake;

    #[test]
    fn a_card_that_knows_nothing_is_unknown_and_is_never_sent_verify() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6D, 0x00]);
        let contents = read(&mut fake, 0).unwrap();
        assert_eq!(contents.kind, CardKind::Unknown);
        assert_eq!(contents.pin_tries_left, None);
        assert!(fake.sent.iter().all(|a| a[1] == 0xA4), "{:02x?}", fake.sent);
    }
}
