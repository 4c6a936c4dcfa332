//! Thales (Gemalto) IDPrime cards: SITHS eID and other cards of the family. The
//! applet's index file lists the files; certificates are the `kxcNN` and `kscNN`
//! files of directory `mscp`, plain DER or zlib-compressed. Only SELECT, READ BINARY
//! and one empty VERIFY (the user PIN's counter) are sent; the card id is never read.

use crate::card::apdu::{self, CardError, Transmit};
use crate::card::inflate;

/// The IDPrime applet.
pub const AID: [u8; 11] = [0xA0, 0x00, 0x00, 0x00, 0x18, 0x80, 0x00, 0x00, 0x00, 0x06, 0x62];
/// The index file, selected by path.
const INDEX: [u8; 2] = [0x01, 0x01];
/// One index entry: file id (2), size (2), name (8), directory (8), flags (1).
const ENTRY: usize = 21;
/// The user PIN, as VERIFY names it.
const USER_PIN: u8 = 0x11;
/// More certificate files than this is a broken index, not a card.
const MAX_CERTIFICATES: usize = 16;
/// Marks a compressed certificate file: `01 00`, the inflated length (2 bytes,
/// little-endian), then a zlib stream.
const COMPRESSED: [u8; 2] = [0x01, 0x00];

/// What an IDPrime card holds that the helper reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdPrime {
    /// DER certificates in index order; unreadable ones left out.
    pub certificates: Vec<Vec<u8>>,
    pub pin_tries_left: Option<u8>,
}

/// One file the index lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file_id: [u8; 2],
    pub size: u16,
    pub name: String,
    pub directory: String,
}

impl Entry {
    /// A certificate: `kxcNN` (key exchange) or `kscNN` (signature) in `mscp`.
    pub fn is_certificate(&self) -> bool {
        let name = self.name.as_bytes();
        self.directory == "mscp"
            && name.len() == 5
            && (name.starts_with(b"kxc") || name.starts_with(b"ksc"))
            && name[3..].iter().all(u8::is_ascii_digit)
    }
}

/// Reads an IDPrime card; `None` when the applet does not answer.
pub fn read<T: Transmit + ?Sized>(card: &mut T) -> Result<Option<IdPrime>, CardError> {
    if !apdu::send(card, &apdu::select_aid(&AID))?.ok() {
        return Ok(None);
    }
    let Some(index) = read_file(card, 0x08, &INDEX, None)? else {
        return Ok(None);
    };
    let mut found = IdPrime::default();
    for entry in entries(&index).into_iter().filter(Entry::is_certificate).take(MAX_CERTIFICATES) {
        let Some(file) = read_file(card, 0x00, &entry.file_id, Some(entry.size))? else { continue };
        // One broken file must not hide the others.
        if let Ok(der) = certificate(&file) {
            found.certificates.push(der);
        }
    }
    // OpenSC relies on this for IDPrime: an empty VERIFY only reports the counter.
    found.pin_tries_left = apdu::pin_tries_left(card, USER_PIN)?;
    Ok(Some(found))
}

/// SELECTs `id` (P1 00: a file id; 08: a path from the MF) and reads it whole;
/// `None` when the card has no such file. The size comes from the FCI, else the index.
fn read_file<T: Transmit + ?Sized>(card: &mut T, p1: u8, id: &[u8; 2], listed: Option<u16>) -> Result<Option<Vec<u8>>, CardError> {
    let selected = apdu::send(card, &[0x00, 0xA4, p1, 0x00, 0x02, id[0], id[1], 0x00])?;
    if !selected.ok() {
        return Ok(None);
    }
    let size = apdu::file_size(&selected.data).or(listed.map(usize::from)).unwrap_or(apdu::MAX_FILE);
    apdu::read_selected(card, 0, size).map(Some)
}

/// The entries of the index file: byte 0 is their number, then 21 bytes each.
/// An index shorter than it says gives the entries that are whole.
pub fn entries(index: &[u8]) -> Vec<Entry> {
    let Some((&count, rest)) = index.split_first() else { return Vec::new() };
    rest.chunks_exact(ENTRY)
        .take(usize::from(count))
        .map(|e| Entry {
            file_id: [e[0], e[1]],
            size: u16::from_be_bytes([e[2], e[3]]),
            name: text(&e[4..12]),
            directory: text(&e[12..20]),
        })
        .collect()
}

/// A NUL-padded name.
fn text(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// The DER certificate in a certificate file: inflated if it starts `01 00`, else as it is.
pub fn certificate(file: &[u8]) -> Result<Vec<u8>, String> {
    match file {
        [a, b, lo, hi, stream @ ..] if [*a, *b] == COMPRESSED => {
            let said = usize::from(u16::from_le_bytes([*lo, *hi]));
            if said > inflate::MAX_CERTIFICATE {
                return Err(format!("a compressed certificate that says it inflates to {said} bytes"));
            }
            let der = inflate::inflate(stream, said)?;
            if der.len() != said {
                return Err(format!("a compressed certificate of {} bytes that says {said}", der.len()));
            }
            Ok(der)
        }
        [0x30, ..] => Ok(file.to_vec()),
        _ => Err("a certificate file that is neither DER nor compressed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::apdu::fake::Fake;
    use crate::card::inflate::testing::zlib;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn entry(fid: [u8; 2], size: usize, name: &str, dir: &str) -> Vec<u8> {
        let mut out = vec![fid[0], fid[1], (size >> 8) as u8, size as u8];
        for field in [name, dir] {
            let mut padded = field.as_bytes().to_vec();
            padded.resize(8, 0);
            out.extend(padded);
        }
        out.push(0);
        out
    }

    fn compressed(der: &[u8]) -> Vec<u8> {
        let mut file = vec![0x01, 0x00, der.len() as u8, (der.len() >> 8) as u8];
        file.extend(zlib(der));
        file
    }

    /// An IDPrime card with `files` by file id, the index listing them, and 3 PIN tries.
    fn card(files: Vec<([u8; 2], &str, &str, Vec<u8>)>) -> impl FnMut(&[u8]) -> Vec<u8> {
        let mut index = vec![files.len() as u8];
        let mut by_id = BTreeMap::new();
        for (fid, name, dir, data) in files {
            index.extend(entry(fid, data.len(), name, dir));
            by_id.insert(fid, data);
        }
        by_id.insert(INDEX, index);
        let mut selected: Option<[u8; 2]> = None;
        move |apdu: &[u8]| match apdu {
            [0x00, 0xA4, 0x04, _, 0x0B, aid @ ..] if aid.starts_with(&AID) => vec![0x90, 0x00],
            [0x00, 0xA4, 0x00 | 0x08, 0x00, 0x02, a, b, ..] => match by_id.get(&[*a, *b]) {
                Some(_) => {
                    selected = Some([*a, *b]);
                    vec![0x90, 0x00]
                }
                None => vec![0x6A, 0x82],
            },
            [0x00, 0xB0, hi, lo, le] => {
                let file = &by_id[&selected.unwrap()];
                let offset = usize::from(u16::from_be_bytes([*hi, *lo]));
                let end = (offset + usize::from(*le)).min(file.len());
                let mut out = file[offset.min(end)..end].to_vec();
                out.extend([0x90, 0x00]);
                out
            }
            [0x00, 0x20, 0x00, 0x11] => vec![0x63, 0xC3],
            _ => vec![0x6D, 0x00],
        }
    }

    fn der(issuer: &str, usage: rcgen::KeyUsagePurpose) -> Vec<u8> {
        crate::card::cert::testing::make(issuer, &[usage], 2025, 2030)
    }

    #[test]
    fn reads_plain_and_compressed_certificates_and_the_user_pins_counter() {
        let (auth, sign) = (
            der("SITHS e-id Person HSA-id 3 CA v1", rcgen::KeyUsagePurpose::DigitalSignature),
            der("SITHS e-id Person HSA-id 3 CA v1", rcgen::KeyUsagePurpose::ContentCommitment),
        );
        let mut fake = Fake::new(card(vec![
            ([0x02, 0x01], "cardid", "", vec![0xC0, 0xFF, 0xEE]),
            ([0x02, 0x04], "cmapfile", "mscp", vec![0; 86]),
            ([0x02, 0x05], "kxc00", "mscp", compressed(&auth)),
            ([0x02, 0x06], "ksc01", "mscp", sign.clone()),
            ([0x02, 0x07], "msroots", "mscp", vec![0x30, 0x00]),
        ]));
        let found = read(&mut fake).unwrap().unwrap();
        assert_eq!(found.certificates, vec![auth, sign]);
        assert_eq!(found.pin_tries_left, Some(3));
        assert!(!fake.sent.iter().any(|a| a.ends_with(&[0x02, 0x01, 0x00]) && a[1] == 0xA4), "the card id is never selected");
        assert!(fake.sent.iter().filter(|a| a[1] == 0x20).all(|a| a.len() == 4), "VERIFY only ever goes out empty");
    }

    #[test]
    fn a_card_without_the_applet_gets_one_select_and_is_not_idprime() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6A, 0x82]);
        assert_eq!(read(&mut fake).unwrap(), None);
        assert_eq!(fake.sent.len(), 1);
    }

    #[test]
    fn a_pin_answer_other_than_the_counter_is_unknown() {
        let mut inner = card(vec![]);
        let mut fake = Fake::new(move |apdu: &[u8]| if apdu[1] == 0x20 { vec![0x6A, 0x86] } else { inner(apdu) });
        assert_eq!(read(&mut fake).unwrap().unwrap().pin_tries_left, None);
    }

    #[test]
    fn only_kxc_and_ksc_files_in_mscp_are_certificates() {
        let index = [
            vec![4],
            entry([1, 1], 10, "kxc00", "mscp"),
            entry([1, 2], 10, "ksc12", "mscp"),
            entry([1, 3], 10, "kxc00", "other"),
            entry([1, 4], 10, "kxcAB", "mscp"),
        ]
        .concat();
        let names: Vec<_> = entries(&index).into_iter().filter(Entry::is_certificate).map(|e| e.file_id).collect();
        assert_eq!(names, [[1, 1], [1, 2]]);
    }

    #[test]
    fn an_index_shorter_than_it_says_gives_its_whole_entries() {
        let mut index = [vec![9], entry([1, 1], 0x0123, "kxc00", "mscp"), entry([1, 2], 10, "ksc01", "mscp")].concat();
        index.truncate(index.len() - 3);
        let found = entries(&index);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].size, found[0].name.as_str(), found[0].directory.as_str()), (0x0123, "kxc00", "mscp"));
        assert_eq!(entries(&[]), vec![]);
        assert_eq!(entries(&[0xFF]), vec![]);
    }

    #[test]
    fn a_compressed_file_whose_length_lies_is_refused() {
        let der = der("CA", rcgen::KeyUsagePurpose::DigitalSignature);
        let mut longer = compressed(&der);
        longer[2] = longer[2].wrapping_add(1); // says one byte more than it holds
        assert!(certificate(&longer).is_err());
        let mut shorter = compressed(&der);
        shorter[2] = shorter[2].wrapping_sub(1);
        assert!(certificate(&shorter).is_err());
        assert_eq!(certificate(&compressed(&der)).unwrap(), der);
    }

    #[test]
    fn a_zlib_bomb_in_a_certificate_file_is_refused_without_inflating_it() {
        let mut bomb = vec![0x01, 0x00, 0xFF, 0xFF];
        bomb.extend(zlib(&vec![0u8; 16 << 20]));
        assert!(certificate(&bomb).unwrap_err().contains("65535"));
        let mut small_claim = vec![0x01, 0x00, 0x00, 0x10];
        small_claim.extend(zlib(&vec![0u8; 16 << 20]));
        assert!(certificate(&small_claim).is_err(), "inflating stops at the length it claims");
        assert!(certificate(&[0x01, 0x00, 0x05]).is_err(), "a truncated header");
        assert!(certificate(&[0xFF; 10]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn index_and_certificate_files_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = entries(&data);
            let _ = certificate(&data);
            let mut compressed = vec![0x01, 0x00];
            compressed.extend(&data);
            let _ = certificate(&compressed);
        }

        #[test]
        fn a_card_answering_anything_gets_only_reads(answers in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..60), 1..30)) {
            let mut fake = crate::card::apdu::fake::replaying(answers);
            let _ = read(&mut fake);
            prop_assert!(fake.sent.iter().all(|a| matches!(a[1], 0xA4 | 0xB0 | 0xC0) || a == &[0x00, 0x20, 0x00, 0x11]));
        }
    }
}
