//! A Thales IDPrime card as OpenSC's idprime driver and the helper read it
//! (written from the published facts, not from anyone's code): the applet
//! `A0 00 00 00 18 80 00 00 00 06 62`; the index file 0101 (a count, then 21-byte
//! entries: file id, size, name, directory, flags); certificates `kxcNN` / `kscNN` in
//! `mscp`, plain DER or compressed (`01 00`, the inflated length little-endian, zlib);
//! the minidriver container map `cmapfile` (0204, 86-byte records); on 940 cards the
//! key reference map (0005, 8-byte records); the card id (0201), which the helper
//! must never read; and the PIN counters, told by an empty VERIFY.

use std::collections::BTreeMap;
use std::io::Write;

use super::piv::tlv;
use super::Log;
use crate::vpcd::CardApp;

/// The IDPrime applet.
pub const AID: [u8; 11] = [0xA0, 0x00, 0x00, 0x00, 0x18, 0x80, 0x00, 0x00, 0x00, 0x06, 0x62];
/// The card id file, and the serial this card keeps in it: it must never leave the helper.
pub const CARD_ID_FILE: [u8; 2] = [0x02, 0x01];
pub const CARD_ID: &[u8; 16] = b"IDPRIME-SERIAL-7";
/// The user PIN and the 940's signature PIN, as VERIFY names them.
const USER_PIN: u8 = 0x11;
const SIGNATURE_PIN: u8 = 0x83;

/// The ATRs of the family (pcsc-tools' smartcard_list.txt, OpenSC's IDPrime table).
pub mod atrs {
    /// The generic IDPrime ATR, which Debian 12's OpenSC binds its idprime driver to.
    pub const GENERIC: [u8; 20] =
        [0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0, 0x84, 0x41, 0x3D, 0xF6, 0x12, 0x0F, 0xFE, 0x82, 0x90, 0x00];
    /// A SITHS eID card (Region Stockholm), IDPrime 940.
    pub const SITHS_940: [u8; 20] =
        [0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0, 0x85, 0x04, 0x00, 0x11, 0x12, 0x02, 0xF0, 0x82, 0x90, 0x00];
    /// An IDPrime 940 of the Swedish national ID kind (`... 65 B0 85 03 ...`).
    pub const NATIONAL_ID_940: [u8; 20] =
        [0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0, 0x85, 0x03, 0x00, 0xEF, 0x12, 0x0F, 0xFE, 0x82, 0x90, 0x00];
    /// A Buypass ID smartcard (MULTOS).
    pub const BUYPASS: [u8; 20] =
        [0x3B, 0x9F, 0x96, 0x40, 0x0A, 0x80, 0x31, 0xE0, 0x6B, 0x04, 0x52, 0x05, 0x02, 0x4F, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55];
}

/// A simulated IDPrime card.
pub struct IdPrimeCard {
    atr: Vec<u8>,
    files: BTreeMap<[u8; 2], Vec<u8>>,
    /// The index's entries, in order, as (file id, name, directory).
    listed: Vec<([u8; 2], String, String)>,
    user_tries: u8,
    signature_tries: Option<u8>,
    applet: bool,
    selected: Option<[u8; 2]>,
    log: Log,
    pull_at: Option<usize>,
}

impl IdPrimeCard {
    /// An IDPrime card with `atr`, no certificates, a card id, 3 user PIN tries, logging to `log`.
    pub fn new(atr: &[u8], log: &Log) -> IdPrimeCard {
        let mut card = IdPrimeCard {
            atr: atr.to_vec(),
            files: BTreeMap::new(),
            listed: Vec::new(),
            user_tries: 3,
            signature_tries: None,
            applet: false,
            selected: None,
            log: log.clone(),
            pull_at: None,
        };
        card.file(CARD_ID_FILE, "cardid", "", CARD_ID.to_vec());
        card.file([0x02, 0x02], "cardcf", "", vec![0x00; 6]);
        card.file([0x02, 0x03], "cardapps", "", b"mscp\0\0\0\0".to_vec());
        card.file([0x02, 0x04], "cmapfile", "mscp", Vec::new());
        card
    }

    fn file(&mut self, fid: [u8; 2], name: &str, directory: &str, data: Vec<u8>) {
        self.files.insert(fid, data);
        if !self.listed.iter().any(|(f, _, _)| *f == fid) {
            self.listed.push((fid, name.into(), directory.into()));
        }
    }

    /// Adds the certificate `der` of container `container`: `kscNN` if `signing`,
    /// else `kxcNN`; compressed if `compressed`. Its container map record says which key it is.
    pub fn with(mut self, container: u8, signing: bool, der: &[u8], compressed: bool) -> IdPrimeCard {
        let name = format!("{}{container:02}", if signing { "ksc" } else { "kxc" });
        let body = if compressed {
            let mut file = vec![0x01, 0x00];
            file.extend((der.len() as u16).to_le_bytes());
            file.extend(zlib(der));
            file
        } else {
            der.to_vec()
        };
        self.file([0x02, 0x10 + container], &name, "mscp", body);
        let cmap = self.files.get_mut(&[0x02, 0x04]).expect("the container map");
        let at = usize::from(container) * 86;
        if cmap.len() < at + 86 {
            cmap.resize(at + 86, 0);
        }
        let record = container_record(container, signing);
        cmap[at..at + 86].copy_from_slice(&record);
        self
    }

    /// Gives the card a 940's key reference map (0005) and a signature PIN with `tries`.
    pub fn with_signature_pin(mut self, tries: u8) -> IdPrimeCard {
        self.signature_tries = Some(tries);
        let containers = self.files[&[0x02, 0x04]].len() / 86;
        let map: Vec<u8> = (0..containers as u8)
            .flat_map(|c| {
                let pin = if self.listed.iter().any(|(_, n, _)| *n == format!("ksc{c:02}")) { 2 } else { 1 };
                [0x01, 0x81 + c, c, 0x00, 0x00, 0x00, 0x00, pin]
            })
            .collect();
        self.file([0x00, 0x05], "keyrefmp", "", map);
        self
    }

    /// Sets the user PIN's tries left (0: blocked).
    pub fn pin_tries(mut self, tries: u8) -> IdPrimeCard {
        self.user_tries = tries;
        self
    }

    /// Pulls the card out when this many APDUs have come (a card removed mid-read).
    pub fn pulled_at(mut self, n: usize) -> IdPrimeCard {
        self.pull_at = Some(n);
        self
    }

    /// The index file as the card holds it.
    fn index(&self) -> Vec<u8> {
        let mut index = vec![self.listed.len() as u8];
        for (fid, name, directory) in &self.listed {
            let size = self.files[fid].len();
            index.extend([fid[0], fid[1], (size >> 8) as u8, size as u8]);
            for text in [name, directory] {
                let mut padded = text.as_bytes().to_vec();
                padded.resize(8, 0);
                index.extend(padded);
            }
            index.push(0x00);
        }
        index
    }

    fn select(&mut self, fid: [u8; 2]) -> Vec<u8> {
        if fid == [0x3F, 0x00] {
            self.selected = None;
            return vec![0x90, 0x00];
        }
        let size = match fid {
            [0x01, 0x01] => self.index().len(),
            _ => match self.files.get(&fid) {
                Some(file) => file.len(),
                None => return vec![0x6A, 0x82],
            },
        };
        self.selected = Some(fid);
        let mut out = tlv(0x62, &[tlv(0x80, &[(size >> 8) as u8, size as u8]), tlv(0x82, &[0x01]), tlv(0x83, &fid)].concat());
        out.extend([0x90, 0x00]);
        out
    }

    fn verify(&self, reference: u8, data: &[u8]) -> Vec<u8> {
        let tries = match reference {
            USER_PIN => self.user_tries,
            SIGNATURE_PIN => match self.signature_tries {
                Some(tries) => tries,
                None => return vec![0x6A, 0x88],
            },
            _ => return vec![0x6A, 0x88],
        };
        match (data.is_empty(), tries) {
            (_, 0) => vec![0x69, 0x83],
            (true, n) => vec![0x63, 0xC0 | n],
            // A PIN is never right here: the helper must never send one.
            (false, n) => vec![0x63, 0xC0 | (n - 1)],
        }
    }
}

/// A minidriver container map record: the container's name (UTF-16LE, 40
/// characters), flags (valid; the first is the default), and key sizes in bits.
fn container_record(container: u8, signing: bool) -> [u8; 86] {
    let mut record = [0u8; 86];
    let name = format!("veiviser-test-container-{container:02}");
    for (i, unit) in name.encode_utf16().take(39).enumerate() {
        record[2 * i..2 * i + 2].copy_from_slice(&unit.to_le_bytes());
    }
    record[80] = if container == 0 { 0x03 } else { 0x01 };
    let bits = 2048u16.to_le_bytes();
    let at = if signing { 82 } else { 84 };
    record[at..at + 2].copy_from_slice(&bits);
    record
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).expect("compressing in memory");
    encoder.finish().expect("compressing in memory")
}

impl CardApp for IdPrimeCard {
    fn atr(&self) -> Vec<u8> {
        self.atr.clone()
    }

    fn reset(&mut self) {
        self.applet = false;
        self.selected = None;
    }

    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.record(apdu);
        if self.pull_at.is_some_and(|n| self.log.apdus().len() >= n) {
            return Vec::new();
        }
        let lc_data = |apdu: &[u8]| -> Option<Vec<u8>> {
            let n = usize::from(*apdu.get(4)?);
            apdu.get(5..5 + n).map(<[u8]>::to_vec)
        };
        match apdu {
            [0x00, 0xA4, 0x04, ..] => match lc_data(apdu) {
                Some(aid) if aid == AID => {
                    self.applet = true;
                    self.selected = None;
                    vec![0x90, 0x00]
                }
                _ => vec![0x6A, 0x82],
            },
            [0x00, 0xA4, 0x00 | 0x02 | 0x08 | 0x09, ..] if self.applet => match lc_data(apdu).as_deref() {
                Some(&[a, b]) => self.select([a, b]),
                Some([0x3F, 0x00, a, b]) => self.select([*a, *b]),
                _ => vec![0x6A, 0x86],
            },
            [0x00, 0xA4, ..] => vec![0x6A, 0x82],
            [0x00, 0xB0, p1, p2, rest @ ..] => {
                let Some(fid) = self.selected else { return vec![0x69, 0x86] };
                let file = if fid == [0x01, 0x01] { self.index() } else { self.files[&fid].clone() };
                let want = match rest {
                    [] | [0x00] => 256,
                    [le] => usize::from(*le),
                    _ => return vec![0x67, 0x00],
                };
                let offset = usize::from(u16::from_be_bytes([*p1 & 0x7F, *p2]));
                if offset > file.len() {
                    return vec![0x6B, 0x00];
                }
                let end = (offset + want).min(file.len());
                let mut out = file[offset..end].to_vec();
                out.extend(if end - offset < want { [0x62, 0x82] } else { [0x90, 0x00] });
                out
            }
            [0x00, 0x20, 0x00, reference, rest @ ..] if self.applet => {
                let data = rest.get(1..).unwrap_or_default();
                self.verify(*reference, data)
            }
            _ => vec![0x6D, 0x00],
        }
    }
}

/// A card whose applet answers nothing the helper knows, with the ATR of a Buypass
/// ID smartcard: every SELECT is "not found", anything else "not supported".
pub struct SilentCard {
    pub atr: Vec<u8>,
    pub log: Log,
}

impl CardApp for SilentCard {
    fn atr(&self) -> Vec<u8> {
        self.atr.clone()
    }
    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.record(apdu);
        match apdu.get(1) {
            Some(0xA4) => vec![0x6A, 0x82],
            _ => vec![0x6D, 0x00],
        }
    }
}
