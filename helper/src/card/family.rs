//! Card families by ATR: a small table of public facts (pcsc-tools'
//! `smartcard_list.txt`, OpenSC's IDPrime ATRs) that names a card as its user knows
//! it, also a card the helper cannot read. An ATR tells a family, not a card: the
//! application that answers decides how the card is read.

pub use veiviser_api::CardFamily;

use crate::state::CardKind;

/// ATR patterns, as hex digits with `?` for any digit; a pattern matches an ATR that starts with it.
const KNOWN: &[(&str, CardFamily)] = &[
    // Buypass ID smartcard (MULTOS): 3B 9F 96 40 0A 80 31 E0 6B 04 {20, 21, 31, 52} 05 02 ...
    ("3b9f96400a8031e06b04??0502", CardFamily::Buypass),
    // Thales IDPrime: the generic 3B 7F 96 00 00 80 31 80 65 B0 84 ..., and the 940 family
    // (SITHS eID, Swedish national ID cards) 3B 7F 96 00 00 80 31 80 65 B0 85 ...
    ("3b7f??000080318065b08?", CardFamily::IdPrime),
    // Older SITHS cards (Telia EID IP5a, Gemalto): 3B 7D 96 00 00 80 31 80 65 B0 A3 11 00 ...
    ("3b7d96000080318065b0a31100", CardFamily::SithsOlder),
];

/// The family the ATR alone tells; [`CardFamily::Unknown`] when it tells none.
pub fn of_atr(atr: &[u8]) -> CardFamily {
    let hex = crate::card::apdu::hex(atr);
    if let Some((_, family)) = KNOWN.iter().find(|(pattern, _)| matches(&hex, pattern)) {
        return *family;
    }
    // YubiKeys name themselves in their historical bytes ("Yubikey4", "YubiKey").
    if atr.windows(7).any(|w| w.eq_ignore_ascii_case(b"yubikey")) {
        return CardFamily::Yubikey;
    }
    CardFamily::Unknown
}

/// The family of a card with this ATR that answered as `kind`: the ATR's family,
/// else the one its application tells.
pub fn of(atr: &[u8], kind: CardKind) -> CardFamily {
    match (of_atr(atr), kind) {
        (CardFamily::Unknown, CardKind::IdPrime) => CardFamily::IdPrime,
        (CardFamily::Unknown, CardKind::Piv) => CardFamily::Piv,
        (family, _) => family,
    }
}

fn matches(hex: &str, pattern: &str) -> bool {
    hex.len() >= pattern.len() && pattern.bytes().zip(hex.bytes()).all(|(p, h)| p == b'?' || p == h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atr(hex: &str) -> Vec<u8> {
        let hex: String = hex.split_whitespace().collect();
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn buypass_cards_old_and_new_are_named() {
        for atr_hex in [
            "3B 9F 96 40 0A 80 31 E0 6B 04 52 05 02 4F 55 55 55 55 55 55",
            "3B 9F 96 40 0A 80 31 E0 6B 04 20 05 02 4F 55 55 55 55 55 55",
            "3B 9F 96 40 0A 80 31 E0 6B 04 31 05 02 4F 55 55 55 55 55 55",
        ] {
            assert_eq!(of_atr(&atr(atr_hex)), CardFamily::Buypass, "{atr_hex}");
        }
    }

    #[test]
    fn idprime_cards_generic_and_940_are_named() {
        for atr_hex in [
            "3B 7F 96 00 00 80 31 80 65 B0 85 04 00 11 12 02 F0 82 90 00", // SITHS eID, Region Stockholm
            "3B 7F 96 00 00 80 31 80 65 B0 84 41 3D F6 12 0F FE 82 90 00", // generic IDPrime
            "3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00", // Swedish national ID style
        ] {
            assert_eq!(of_atr(&atr(atr_hex)), CardFamily::IdPrime, "{atr_hex}");
        }
        assert_eq!(of_atr(&atr("3B 7D 96 00 00 80 31 80 65 B0 A3 11 00 83 00 90 00")), CardFamily::SithsOlder);
    }

    #[test]
    fn a_yubikey_names_itself() {
        let yubikey = atr("3B FD 13 00 00 81 31 FE 15 80 73 C0 21 C0 57 59 75 62 69 4B 65 79 40");
        assert_eq!(of_atr(&yubikey), CardFamily::Yubikey);
        assert_eq!(of(&yubikey, CardKind::Piv), CardFamily::Yubikey, "the ATR is more precise than the application");
    }

    #[test]
    fn an_unknown_atr_takes_its_family_from_the_application_that_answered() {
        let other = atr("3B 88 80 01 50 49 56 53 49 4D 30 31 25");
        assert_eq!(of_atr(&other), CardFamily::Unknown);
        assert_eq!(of(&other, CardKind::IdPrime), CardFamily::IdPrime);
        assert_eq!(of(&other, CardKind::Piv), CardFamily::Piv);
        assert_eq!(of(&other, CardKind::Pkcs15), CardFamily::Unknown);
        assert_eq!(of_atr(&[]), CardFamily::Unknown);
        assert_eq!(of_atr(&atr("3B 9F 96")), CardFamily::Unknown, "a prefix of a pattern is not a match");
    }
}
