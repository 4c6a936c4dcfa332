//! PIV cards (NIST SP 800-73-4): the certificates of the four key slots and the
//! PIN retry counter, which PIV cards report without spending a try.

use crate::card::apdu::{self, CardError, Transmit};
use crate::card::tlv;

/// The PIV card application.
pub const AID: [u8; 9] = [0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00];

/// Data object tags of the certificates in slots 9A (authentication), 9C (digital
/// signature), 9D (key management) and 9E (card authentication).
pub const CERTIFICATE_OBJECTS: [[u8; 3]; 4] =
    [[0x5F, 0xC1, 0x05], [0x5F, 0xC1, 0x0A], [0x5F, 0xC1, 0x0B], [0x5F, 0xC1, 0x01]];

/// The PIV card application PIN, as VERIFY names it.
const PIN_REFERENCE: u8 = 0x80;

/// What a PIV card holds that the helper reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Piv {
    /// DER certificates, in slot order; empty slots and unreadable objects left out.
    pub certificates: Vec<Vec<u8>>,
    pub pin_tries_left: Option<u8>,
}

/// Reads a PIV card; `None` when it has no PIV application.
pub fn read<T: Transmit + ?Sized>(card: &mut T) -> Result<Option<Piv>, CardError> {
    let mut select = vec![0x00, 0xA4, 0x04, 0x00, AID.len() as u8];
    select.extend_from_slice(&AID);
    select.push(0x00);
    if !apdu::send(card, &select)?.ok() {
        return Ok(None);
    }
    let mut piv = Piv::default();
    for tag in CERTIFICATE_OBJECTS {
        let get_data = [0x00, 0xCB, 0x3F, 0xFF, 0x05, 0x5C, 0x03, tag[0], tag[1], tag[2], 0x00];
        let response = match apdu::send(card, &get_data) {
            Ok(response) => response,
            // One broken object must not hide the others.
            Err(CardError::Malformed(_)) => continue,
            Err(error) => return Err(error),
        };
        if let (true, Ok(Some(der))) = (response.ok(), certificate_of(&response.data)) {
            piv.certificates.push(der);
        }
    }
    // VERIFY without data only asks for the counter; PIV cards never count it as a try.
    piv.pin_tries_left = apdu::pin_tries_left(card, PIN_REFERENCE)?;
    Ok(Some(piv))
}

/// The DER certificate in a certificate object `53 { 70 cert, 71 CertInfo, FE LRC }`,
/// decompressed if CertInfo says so; `None` for an empty object.
pub fn certificate_of(object: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let content = tlv::find(object, 0x53).ok_or("no certificate object (tag 53)")?;
    let fields = tlv::parse_all(content)?;
    let Some(certificate) = fields.iter().find(|t| t.tag == 0x70).map(|t| t.value) else {
        return Ok(None);
    };
    if certificate.is_empty() {
        return Ok(None);
    }
    let info = fields.iter().find(|t| t.tag == 0x71).and_then(|t| t.value.first()).copied().unwrap_or(0);
    match info & 0x03 {
        0 => Ok(Some(certificate.to_vec())),
        1 => crate::card::inflate::inflate(certificate, crate::card::inflate::MAX_CERTIFICATE).map(Some),
        _ => Err(format!("certificate in an unknown encoding (CertInfo {info:02x})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::apdu::fake::Fake;
    use crate::card::inflate::testing::gzip;
    use proptest::prelude::*;

    fn object(cert: &[u8], info: u8) -> Vec<u8> {
        let mut inner = vec![0x70, 0x82, (cert.len() >> 8) as u8, cert.len() as u8];
        inner.extend_from_slice(cert);
        inner.extend([0x71, 0x01, info, 0xFE, 0x00]);
        let mut out = vec![0x53, 0x82, (inner.len() >> 8) as u8, inner.len() as u8];
        out.extend(inner);
        out
    }

    /// A PIV card with certificates in slots 9A (plain) and 9C (gzip), chaining by 200 bytes.
    fn card(cert: Vec<u8>) -> impl FnMut(&[u8]) -> Vec<u8> {
        let mut pending: Vec<u8> = Vec::new();
        move |apdu: &[u8]| {
            let whole = match apdu {
                [0x00, 0xA4, 0x04, 0x00, 0x09, rest @ ..] if rest.starts_with(&AID) => {
                    vec![0x61, 0x03, 0x4F, 0x01, 0x00]
                }
                [0x00, 0xCB, 0x3F, 0xFF, 0x05, 0x5C, 0x03, 0x5F, 0xC1, 0x05, 0x00] => object(&cert, 0),
                [0x00, 0xCB, 0x3F, 0xFF, 0x05, 0x5C, 0x03, 0x5F, 0xC1, 0x0A, 0x00] => object(&gzip(&cert), 1),
                [0x00, 0xCB, ..] => return vec![0x6A, 0x82],
                [0x00, 0x20, 0x00, 0x80] => return vec![0x63, 0xC3],
                [0x00, 0xC0, ..] => std::mem::take(&mut pending),
                _ => return vec![0x6D, 0x00],
            };
            let now = whole.len().min(200);
            pending = whole[now..].to_vec();
            let mut out = whole[..now].to_vec();
            match pending.len() {
                0 => out.extend([0x90, 0x00]),
                n => out.extend([0x61, n.min(255) as u8]),
            }
            out
        }
    }

    #[test]
    fn reads_plain_and_compressed_certificates_and_the_pin_counter() {
        let cert = crate::card::cert::testing::make(
            "ihelse.net Issuing CA4",
            &[rcgen::KeyUsagePurpose::DigitalSignature],
            2025,
            2030,
        );
        let mut fake = Fake::new(card(cert.clone()));
        let piv = read(&mut fake).unwrap().unwrap();
        assert_eq!(piv.certificates, vec![cert.clone(), cert]);
        assert_eq!(piv.pin_tries_left, Some(3));
        // VERIFY only ever goes out empty.
        assert!(fake.sent.iter().filter(|a| a[1] == 0x20).all(|a| a.len() == 4));
    }

    #[test]
    fn a_card_without_the_piv_application_is_not_piv() {
        let mut fake = Fake::new(|_: &[u8]| vec![0x6A, 0x82]);
        assert_eq!(read(&mut fake).unwrap(), None);
        assert_eq!(fake.sent.len(), 1, "nothing but SELECT is sent to a card that is not PIV");
    }

    #[test]
    fn an_empty_slot_object_has_no_certificate() {
        assert_eq!(certificate_of(&[0x53, 0x04, 0x70, 0x00, 0x71, 0x00]), Ok(None));
    }

    #[test]
    fn a_gzip_bomb_is_refused() {
        let bomb = gzip(&vec![0u8; 1 << 20]);
        assert!(certificate_of(&object(&bomb, 1)).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn certificate_objects_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = certificate_of(&data);
            let mut wrapped = vec![0x53, 0x81, data.len().min(255) as u8];
            wrapped.extend(&data[..data.len().min(255)]);
            let _ = certificate_of(&wrapped);
        }

        #[test]
        fn a_card_answering_anything_never_panics(answers in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..30)) {
            let mut fake = crate::card::apdu::fake::replaying(answers);
            let _ = read(&mut fake);
        }
    }
}
