//! A PKCS#15 card (ISO/IEC 7816-15) with a small file system: the application
//! DF 3F00/5015, found by AID, through EF.DIR or as the default DF; EF.ODF (5031)
//! pointing to a CDF, whose entries point to certificate files by absolute or
//! relative path. READ BINARY beyond 0xC0 bytes is refused, as by some readers.

use std::collections::BTreeMap;

use super::piv::tlv;
use super::Log;
use crate::vpcd::{atr, CardApp};

const AID: [u8; 12] = [0xA0, 0x00, 0x00, 0x00, 0x63, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35];
const MF: [u8; 2] = [0x3F, 0x00];
const APP: [u8; 4] = [0x3F, 0x00, 0x50, 0x15];

/// How the helper can find the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discovery {
    /// SELECT by the PKCS#15 AID works.
    Aid,
    /// Only EF.DIR (3F00/2F00) tells where it is.
    EfDir,
    /// Neither: it is at the default 3F00/5015.
    DefaultDf,
}

/// A simulated PKCS#15 card.
pub struct Pkcs15Card {
    discovery: Discovery,
    dfs: Vec<Vec<u8>>,
    files: BTreeMap<Vec<u8>, Vec<u8>>,
    current_df: Vec<u8>,
    current_ef: Option<Vec<u8>>,
    log: Log,
}

impl Pkcs15Card {
    /// A card holding `certificates` (DER), logging to `log`. The first
    /// certificate is named by absolute path, the others relative to the application.
    pub fn new(certificates: &[Vec<u8>], discovery: Discovery, log: &Log) -> Pkcs15Card {
        let mut files = BTreeMap::new();
        let mut cdf = Vec::new();
        for (i, der) in certificates.iter().enumerate() {
            let fid = [0x43, 0x31 + i as u8];
            let path = if i == 0 { [&APP[..], &fid].concat() } else { fid.to_vec() };
            files.insert([&APP[..], &fid].concat(), der.clone());
            let common = [
                tlv(0x30, &tlv(0x0C, format!("Certificate {}", i + 1).as_bytes())),
                tlv(0x30, &tlv(0x04, &[i as u8 + 1])),
            ]
            .concat();
            let x509_attributes = tlv(0x30, &tlv(0x30, &tlv(0x04, &path)));
            cdf.extend(tlv(0x30, &[common, tlv(0xA1, &x509_attributes)].concat()));
        }
        cdf.extend([0x00; 16]); // files are padded to their allocated size
        files.insert([&APP[..], &[0x44, 0x04]].concat(), cdf);
        let odf = [
            tlv(0xA0, &tlv(0x30, &tlv(0x04, &[0x44, 0x00]))), // private keys
            tlv(0xA4, &tlv(0x30, &tlv(0x04, &[0x44, 0x04]))), // certificates
            tlv(0xA8, &tlv(0x30, &tlv(0x04, &[0x44, 0x08]))), // authentication objects
        ]
        .concat();
        files.insert([&APP[..], &[0x50, 0x31]].concat(), odf);
        files.insert([&APP[..], &[0x50, 0x32]].concat(), tlv(0x30, &tlv(0x02, &[0x00])));
        if discovery == Discovery::EfDir {
            let entry = [tlv(0x4F, &AID), tlv(0x50, b"Test PKCS15"), tlv(0x51, &APP)].concat();
            files.insert(vec![0x3F, 0x00, 0x2F, 0x00], tlv(0x61, &entry));
        }
        Pkcs15Card {
            discovery,
            dfs: vec![MF.to_vec(), APP.to_vec()],
            files,
            current_df: MF.to_vec(),
            current_ef: None,
            log: log.clone(),
        }
    }

    fn select(&mut self, path: Vec<u8>, fcp: bool) -> Vec<u8> {
        let answer = |template: Vec<u8>| {
            let mut out = if fcp { tlv(0x62, &template) } else { Vec::new() };
            out.extend([0x90, 0x00]);
            out
        };
        if self.dfs.contains(&path) {
            self.current_df = path;
            self.current_ef = None;
            answer(tlv(0x82, &[0x38]))
        } else if let Some(file) = self.files.get(&path) {
            let size = file.len();
            self.current_df = path[..path.len() - 2].to_vec();
            self.current_ef = Some(path);
            answer([tlv(0x80, &[(size >> 8) as u8, size as u8]), tlv(0x82, &[0x01])].concat())
        } else {
            vec![0x6A, 0x82]
        }
    }
}

impl CardApp for Pkcs15Card {
    fn atr(&self) -> Vec<u8> {
        atr(b"P15SIM01")
    }

    fn reset(&mut self) {
        self.current_df = MF.to_vec();
        self.current_ef = None;
    }

    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.record(apdu);
        let data = |apdu: &[u8]| -> Option<Vec<u8>> {
            let n = usize::from(*apdu.get(4)?);
            apdu.get(5..5 + n).map(<[u8]>::to_vec)
        };
        match apdu {
            [0x00, 0xA4, p1, p2, ..] => {
                let Some(data) = data(apdu) else { return vec![0x67, 0x00] };
                let fcp = *p2 & 0x0C == 0x04 || *p2 == 0x00;
                let path = match p1 {
                    0x04 if self.discovery == Discovery::Aid && data == AID => APP.to_vec(),
                    0x04 => return vec![0x6A, 0x82],
                    0x00 if data == MF => MF.to_vec(),
                    0x00 | 0x02 => [&self.current_df[..], &data].concat(),
                    0x08 => [&MF[..], &data].concat(),
                    0x09 => [&self.current_df[..], &data].concat(),
                    _ => return vec![0x6A, 0x86],
                };
                self.select(path, fcp)
            }
            [0x00, 0xB0, p1, p2, le] => {
                if *le == 0 || *le > 0xC0 {
                    return vec![0x67, 0x00]; // the simulated reader fails on long reads
                }
                let Some(file) = self.current_ef.as_ref().and_then(|ef| self.files.get(ef)) else {
                    return vec![0x69, 0x86];
                };
                let offset = usize::from(u16::from_be_bytes([*p1 & 0x7F, *p2]));
                if offset >= file.len() {
                    return vec![0x6B, 0x00];
                }
                let end = (offset + usize::from(*le)).min(file.len());
                let mut out = file[offset..end].to_vec();
                out.extend(if end - offset < usize::from(*le) { [0x62, 0x82] } else { [0x90, 0x00] });
                out
            }
            _ => vec![0x6D, 0x00],
        }
    }
}
