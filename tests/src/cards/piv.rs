//! A PIV card (NIST SP 800-73-4): certificate objects answered with 61xx chaining
//! and GET RESPONSE, optionally gzip-compressed, and VERIFY without data answered
//! with the retry counter (63Cx).

use std::io::Write;

use super::Log;
use crate::vpcd::{atr, CardApp};

const AID: [u8; 9] = [0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00];
/// Bytes per response before the card says 61xx.
const CHUNK: usize = 0xF0;

/// The four certificate slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Authentication,
    Signature,
    KeyManagement,
    CardAuthentication,
}

impl Slot {
    fn tag(self) -> [u8; 3] {
        match self {
            Slot::Authentication => [0x5F, 0xC1, 0x05],
            Slot::Signature => [0x5F, 0xC1, 0x0A],
            Slot::KeyManagement => [0x5F, 0xC1, 0x0B],
            Slot::CardAuthentication => [0x5F, 0xC1, 0x01],
        }
    }
}

/// A simulated PIV card.
pub struct PivCard {
    objects: Vec<([u8; 3], Vec<u8>)>,
    pin_tries: u8,
    selected: bool,
    pending: Vec<u8>,
    log: Log,
    /// Pull the card out when this many APDUs have come (a card removed mid-read).
    pull_at: Option<usize>,
}

impl PivCard {
    /// An empty PIV card with 3 PIN tries, logging to `log`.
    pub fn new(log: &Log) -> PivCard {
        PivCard {
            objects: Vec::new(),
            pin_tries: 3,
            selected: false,
            pending: Vec::new(),
            log: log.clone(),
            pull_at: None,
        }
    }

    /// Puts `der` in `slot`, gzip-compressed (CertInfo 01) if `compressed`.
    pub fn with(mut self, slot: Slot, der: &[u8], compressed: bool) -> PivCard {
        let (body, info) = if compressed { (gzip(der), 0x01) } else { (der.to_vec(), 0x00) };
        let mut inner = tlv(0x70, &body);
        inner.extend(tlv(0x71, &[info]));
        inner.extend(tlv(0xFE, &[]));
        self.objects.push((slot.tag(), tlv(0x53, &inner)));
        self
    }

    /// Sets the PIN retry counter.
    pub fn pin_tries(mut self, tries: u8) -> PivCard {
        self.pin_tries = tries;
        self
    }

    /// Pulls the card out when the `n`th APDU arrives.
    pub fn pulled_at(mut self, n: usize) -> PivCard {
        self.pull_at = Some(n);
        self
    }

    fn chained(&mut self, mut whole: Vec<u8>) -> Vec<u8> {
        let now = whole.len().min(CHUNK);
        self.pending = whole.split_off(now);
        match self.pending.len() {
            0 => whole.extend([0x90, 0x00]),
            n => whole.extend([0x61, n.min(0xFF) as u8]),
        }
        whole
    }
}

impl CardApp for PivCard {
    fn atr(&self) -> Vec<u8> {
        atr(b"PIVSIM01")
    }

    fn reset(&mut self) {
        self.selected = false;
        self.pending.clear();
    }

    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.record(apdu);
        if self.pull_at == Some(self.log.apdus().len()) {
            return Vec::new();
        }
        match apdu {
            [0x00, 0xA4, 0x04, _, n, rest @ ..] if rest.len() >= usize::from(*n) && rest[..usize::from(*n)] == AID => {
                self.selected = true;
                // Application property template: the AID and the version.
                self.chained(vec![0x61, 0x08, 0x4F, 0x06, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00])
            }
            [0x00, 0xA4, ..] => {
                self.selected = false;
                vec![0x6A, 0x82]
            }
            _ if !self.selected => vec![0x69, 0x85],
            [0x00, 0xC0, 0x00, 0x00, _] if !self.pending.is_empty() => {
                let rest = std::mem::take(&mut self.pending);
                self.chained(rest)
            }
            [0x00, 0xCB, 0x3F, 0xFF, 0x05, 0x5C, 0x03, a, b, c, ..] => {
                match self.objects.iter().find(|(tag, _)| tag == &[*a, *b, *c]).map(|(_, object)| object.clone()) {
                    Some(object) => self.chained(object),
                    None => vec![0x6A, 0x82],
                }
            }
            // VERIFY without data: the retry counter, no try spent.
            [0x00, 0x20, 0x00, 0x80] => match self.pin_tries {
                0 => vec![0x69, 0x83],
                n => vec![0x63, 0xC0 | n.min(15)],
            },
            _ => vec![0x6D, 0x00],
        }
    }
}

/// A BER-TLV with a one-byte tag.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match value.len() {
        n @ 0..=0x7F => out.push(n as u8),
        n @ 0x80..=0xFF => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(value);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}
