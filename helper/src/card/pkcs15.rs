//! PKCS#15 cards (ISO/IEC 7816-15): find the application (its AID, EF.DIR or the
//! default DF 3F00/5015), follow EF.ODF to the certificate directories (CDFs), and
//! read each certificate from its path. Only SELECT and READ BINARY are sent.

use crate::card::apdu::{self, CardError, Transmit};
use crate::card::tlv;

/// The PKCS#15 application identifier.
pub const AID: [u8; 12] = [0xA0, 0x00, 0x00, 0x00, 0x63, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35];

const MF: [u8; 2] = [0x3F, 0x00];
const EF_DIR: [u8; 4] = [0x3F, 0x00, 0x2F, 0x00];
const DEFAULT_DF: [u8; 4] = [0x3F, 0x00, 0x50, 0x15];
const EF_ODF: [u8; 2] = [0x50, 0x31];
/// More certificate objects or directories than this is a broken card, not a real one.
const MAX_CERTIFICATES: usize = 32;
const MAX_DIRECTORIES: usize = 8;

/// What a PKCS#15 card holds that the helper reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pkcs15 {
    /// DER certificates in CDF order; unreadable ones left out.
    pub certificates: Vec<Vec<u8>>,
}

/// Where the application's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
enum App {
    /// At this path from the MF.
    At(Vec<u8>),
    /// Selected by AID: its files are named relative to it.
    Selected,
}

/// A PKCS#15 Path: a file, and optionally a part of it (index, length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePath {
    pub path: Vec<u8>,
    pub range: Option<(usize, usize)>,
}

/// Where a directory or certificate is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(FilePath),
    /// The bytes themselves, inline in the parent file.
    Here(Vec<u8>),
}

/// Reads a PKCS#15 card; `None` when no PKCS#15 application is found.
pub fn read<T: Transmit + ?Sized>(card: &mut T) -> Result<Option<Pkcs15>, CardError> {
    let Some(app) = find_application(card)? else {
        return Ok(None);
    };
    let Some(odf) = read_file(card, &app, &FilePath { path: EF_ODF.to_vec(), range: None })? else {
        return Ok(None);
    };
    let mut certificates = Vec::new();
    for directory in certificate_directories(&odf).into_iter().take(MAX_DIRECTORIES) {
        let Some(cdf) = fetch(card, &app, directory)? else { continue };
        for location in certificates_in(&cdf) {
            if certificates.len() >= MAX_CERTIFICATES {
                break;
            }
            if let Some(der) = fetch(card, &app, location)? {
                certificates.push(der);
            }
        }
    }
    Ok(Some(Pkcs15 { certificates }))
}

fn fetch<T: Transmit + ?Sized>(card: &mut T, app: &App, location: Location) -> Result<Option<Vec<u8>>, CardError> {
    match location {
        Location::Here(bytes) => Ok(Some(bytes)),
        Location::File(path) => read_file(card, app, &path),
    }
}

fn find_application<T: Transmit + ?Sized>(card: &mut T) -> Result<Option<App>, CardError> {
    let mut select = apdu::select_aid(&AID);
    select[3] = 0x00; // ask for the FCI: some cards refuse P2=0C on an AID
    select.push(0x00);
    if apdu::send(card, &select)?.ok() {
        return Ok(Some(App::Selected));
    }
    let root = App::At(Vec::new());
    if let Some(dir) = read_file(card, &root, &FilePath { path: EF_DIR.to_vec(), range: None })? {
        if let Some(path) = application_path(&dir) {
            if select_path(card, &root, &path)?.is_some() {
                return Ok(Some(App::At(path)));
            }
        }
    }
    if select_path(card, &root, &DEFAULT_DF)?.is_some() {
        return Ok(Some(App::At(DEFAULT_DF.to_vec())));
    }
    Ok(None)
}

/// The path of the PKCS#15 application in EF.DIR: the entry with its AID, else
/// the first entry with a path.
pub fn application_path(dir: &[u8]) -> Option<Vec<u8>> {
    // (AID, path) of each application template.
    type Entry<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);
    let entries: Vec<Entry> = tlv::parse_all(dir)
        .ok()?
        .into_iter()
        .filter(|t| t.tag == 0x61)
        .map(|t| (tlv::find(t.value, 0x4F), tlv::find(t.value, 0x51)))
        .collect();
    let ours = entries.iter().find(|(aid, path)| *aid == Some(&AID[..]) && path.is_some());
    let (_, path) = ours.or_else(|| entries.iter().find(|(_, path)| path.is_some()))?;
    let path = (*path)?;
    (path.len() >= 2 && path.len() % 2 == 0).then(|| {
        if path.starts_with(&MF) {
            path.to_vec()
        } else {
            [&MF[..], path].concat()
        }
    })
}

/// The CDFs EF.ODF points to: certificates [4], trusted [5] and useful [6] certificates.
pub fn certificate_directories(odf: &[u8]) -> Vec<Location> {
    let Ok(entries) = tlv::parse_all(odf) else { return Vec::new() };
    entries
        .into_iter()
        .filter(|t| matches!(t.tag, 0xA4..=0xA6))
        .filter_map(|t| {
            let inner = tlv::parse_all(t.value).ok()?.into_iter().next()?;
            match inner.tag {
                0x30 => path(inner.value).map(Location::File),
                // [0] objects: the CDF's entries inline.
                0xA0 => Some(Location::Here(inner.value.to_vec())),
                _ => None,
            }
        })
        .collect()
}

/// Where each X.509 certificate of a CDF is: by path, or in the CDF itself.
pub fn certificates_in(cdf: &[u8]) -> Vec<Location> {
    let Ok(entries) = tlv::parse_all(cdf) else { return Vec::new() };
    entries
        .into_iter()
        .filter(|t| t.tag == 0x30) // x509Certificate; attribute certificates and keys are not ours
        .filter_map(|t| {
            let type_attributes = tlv::find(t.value, 0xA1)?;
            let x509_attributes = tlv::find(type_attributes, 0x30)?;
            let value = tlv::parse_all(x509_attributes).ok()?.into_iter().next()?;
            match value.tag {
                0x30 => path(value.value).map(Location::File),
                0xA0 => Some(Location::Here(direct_certificate(value.value))),
                _ => None,
            }
        })
        .collect()
}

/// A certificate stored in the CDF: explicitly tagged (the SEQUENCE inside [0])
/// or implicitly (the SEQUENCE's content is [0]'s).
fn direct_certificate(value: &[u8]) -> Vec<u8> {
    match tlv::parse_all(value).as_deref() {
        Ok([only]) if only.tag == 0x30 => value.to_vec(),
        _ => {
            let mut der = vec![0x30];
            der.extend(ber_length(value.len()));
            der.extend_from_slice(value);
            der
        }
    }
}

fn ber_length(len: usize) -> Vec<u8> {
    match len {
        0..=0x7F => vec![len as u8],
        0x80..=0xFF => vec![0x81, len as u8],
        _ => vec![0x82, (len >> 8) as u8, len as u8],
    }
}

/// Path ::= SEQUENCE { efidOrPath OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL }.
pub fn path(content: &[u8]) -> Option<FilePath> {
    let fields = tlv::parse_all(content).ok()?;
    let path = fields.iter().find(|t| t.tag == 0x04)?.value;
    if path.len() < 2 || path.len() % 2 != 0 {
        return None;
    }
    let index = fields.iter().find(|t| t.tag == 0x02).and_then(|t| tlv::unsigned(t.value));
    let length = fields.iter().find(|t| t.tag == 0x80).and_then(|t| tlv::unsigned(t.value));
    let range = match (index, length) {
        (Some(index), Some(length)) => Some((index as usize, length as usize)),
        _ => None,
    };
    Some(FilePath { path: path.to_vec(), range })
}

/// SELECTs `path` (named as PKCS#15 names it, relative to `app` unless it starts at
/// the MF) and returns its FCP; `None` when the card has no such file.
fn select_path<T: Transmit + ?Sized>(card: &mut T, app: &App, path: &[u8]) -> Result<Option<Vec<u8>>, CardError> {
    let absolute = match (path.starts_with(&MF), app) {
        (true, _) => Some(path.to_vec()),
        (false, App::At(base)) if base.is_empty() => Some([&MF[..], path].concat()),
        (false, App::At(base)) => Some([base.as_slice(), path].concat()),
        (false, App::Selected) => None,
    };
    let command = match absolute {
        Some(absolute) if absolute.len() == 2 => apdu::select_file(0x00, &absolute),
        Some(absolute) => apdu::select_file(0x08, &absolute[2..]),
        None if path.len() == 2 => apdu::select_file(0x00, path),
        None => apdu::select_file(0x09, path),
    };
    let response = apdu::send(card, &command)?;
    Ok(response.ok().then_some(response.data))
}

/// Reads the file at `file` in chunks of at most 0xC0 bytes; `None` when it is not there.
fn read_file<T: Transmit + ?Sized>(card: &mut T, app: &App, file: &FilePath) -> Result<Option<Vec<u8>>, CardError> {
    let Some(fcp) = select_path(card, app, &file.path)? else {
        return Ok(None);
    };
    let (start, end) = match (file.range, apdu::file_size(&fcp)) {
        (Some((index, length)), _) => (index, index.saturating_add(length)),
        (None, Some(size)) => (0, size),
        (None, None) => (0, apdu::MAX_FILE),
    };
    apdu::read_selected(card, start, end).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::apdu::fake::Fake;
    use proptest::prelude::*;

    #[test]
    fn odf_points_to_certificate_directories_only() {
        // [0] private keys, [4] certificates, [8] auth objects
        let odf = [
            0xA0, 0x06, 0x30, 0x04, 0x04, 0x02, 0x44, 0x00, 0xA4, 0x06, 0x30, 0x04, 0x04, 0x02, 0x44, 0x04, 0xA8, 0x06,
            0x30, 0x04, 0x04, 0x02, 0x44, 0x08, 0x00, 0x00,
        ];
        assert_eq!(
            certificate_directories(&odf),
            vec![Location::File(FilePath { path: vec![0x44, 0x04], range: None })]
        );
    }

    #[test]
    fn cdf_entries_give_paths_with_index_and_length() {
        let path = [0x30, 0x0C, 0x04, 0x04, 0x3F, 0x00, 0x43, 0x31, 0x02, 0x01, 0x10, 0x80, 0x01, 0x20];
        let attrs = [&[0x30, path.len() as u8][..], &path].concat();
        let type_attrs = [&[0xA1, attrs.len() as u8][..], &attrs].concat();
        let common = [0x30, 0x03, 0x0C, 0x01, 0x41, 0x30, 0x03, 0x04, 0x01, 0x45];
        let entry_body = [&common[..], &type_attrs].concat();
        let cdf = [&[0x30, entry_body.len() as u8][..], &entry_body].concat();
        assert_eq!(
            certificates_in(&cdf),
            vec![Location::File(FilePath { path: vec![0x3F, 0x00, 0x43, 0x31], range: Some((0x10, 0x20)) })]
        );
    }

    #[test]
    fn ef_dir_gives_the_application_path() {
        let entry = [
            0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x00, 0x63, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35, 0x51, 0x02, 0x50, 0x15,
        ];
        let dir = [&[0x61, entry.len() as u8][..], &entry].concat();
        assert_eq!(application_path(&dir), Some(vec![0x3F, 0x00, 0x50, 0x15]));
    }

    #[test]
    fn a_card_without_pkcs15_is_not_pkcs15_and_gets_only_selects() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6A, 0x82]);
        assert_eq!(read(&mut fake).unwrap(), None);
        assert!(fake.sent.iter().all(|a| a[1] == 0xA4), "{:02x?}", fake.sent);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn directory_parsers_never_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = certificate_directories(&data);
            let _ = certificates_in(&data);
            let _ = application_path(&data);
            let _ = path(&data);
        }

        #[test]
        fn a_card_answering_anything_never_panics(answers in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..60), 1..30)) {
            let mut fake = crate::card::apdu::fake::replaying(answers);
            let _ = read(&mut fake);
            prop_assert!(fake.sent.iter().all(|a| a[1] == 0xA4 || a[1] == 0xB0 || a[1] == 0xC0));
        }
    }
}
