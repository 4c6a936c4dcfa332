//! An X.509 certificate reduced to what helps a user pick the right one: its
//! issuer, validity and purpose. Nothing about the holder is kept.

use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::KeyUsage;
use x509_parser::prelude::FromDer;

use crate::clock;
use crate::state::{Certificate, Purpose};

/// Summarizes the DER certificate `der` as of `now` ([`clock::now`]).
pub fn summarize(der: &[u8], now: i64) -> Result<Certificate, String> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| format!("not an X.509 certificate: {e}"))?;
    let issuer = cert.issuer();
    // The CN names the CA; a CA without one is named by its organization.
    let issuer_cn = issuer
        .iter_common_name()
        .chain(issuer.iter_organization())
        .find_map(|attr| attr.as_str().ok())
        .unwrap_or_default()
        .to_owned();
    let validity = cert.validity();
    let key_usage = match cert.key_usage() {
        Ok(Some(ext)) => Some(*ext.value),
        Ok(None) => None,
        Err(e) => return Err(format!("unreadable key usage: {e}")),
    };
    Ok(Certificate {
        issuer_cn,
        issuer: issuer.to_string(),
        not_before: clock::rfc3339(validity.not_before.timestamp()),
        not_after: clock::rfc3339(validity.not_after.timestamp()),
        expired: validity.not_after.timestamp() < now,
        purpose: key_usage.as_ref().map_or(Purpose::Other, purpose),
        key_usage: key_usage.as_ref().map(names).unwrap_or_default(),
    })
}

/// Signing (qualified signatures) is told by nonRepudiation, authentication by
/// digitalSignature alone, as SITHS and Buypass cards do.
fn purpose(usage: &KeyUsage) -> Purpose {
    if usage.non_repudiation() {
        Purpose::Signing
    } else if usage.digital_signature() {
        Purpose::Authentication
    } else if usage.key_encipherment() || usage.data_encipherment() || usage.key_agreement() {
        Purpose::Encryption
    } else {
        Purpose::Other
    }
}

/// The key usages set, by their RFC 5280 names.
fn names(usage: &KeyUsage) -> Vec<String> {
    [
        (usage.digital_signature(), "digitalSignature"),
        (usage.non_repudiation(), "nonRepudiation"),
        (usage.key_encipherment(), "keyEncipherment"),
        (usage.data_encipherment(), "dataEncipherment"),
        (usage.key_agreement(), "keyAgreement"),
        (usage.key_cert_sign(), "keyCertSign"),
        (usage.crl_sign(), "cRLSign"),
        (usage.encipher_only(), "encipherOnly"),
        (usage.decipher_only(), "decipherOnly"),
    ]
    .into_iter()
    .filter(|(set, _)| *set)
    .map(|(_, name)| name.to_owned())
    .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Certificates made for the unit tests.
    use rcgen::{date_time_ymd, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

    /// A holder's certificate from the CA named `issuer_cn`, valid from `from` to `to` (years).
    pub fn make(issuer_cn: &str, usages: &[KeyUsagePurpose], from: i32, to: i32) -> Vec<u8> {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name.push(DnType::OrganizationName, "Test Trust AS");
        ca.distinguished_name.push(DnType::CommonName, issuer_cn);
        ca.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let issuer = Issuer::new(ca, ca_key);
        let key = KeyPair::generate().unwrap();
        let mut holder = CertificateParams::new(Vec::<String>::new()).unwrap();
        holder.distinguished_name.push(DnType::CommonName, "Kari Nordmann");
        holder.distinguished_name.push(DnType::CustomDnType(vec![2, 5, 4, 5]), "24128012345");
        holder.key_usages = usages.to_vec();
        holder.not_before = date_time_ymd(from, 1, 1);
        holder.not_after = date_time_ymd(to, 1, 1);
        holder.signed_by(&key, &issuer).unwrap().der().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::make;
    use super::*;
    use proptest::prelude::*;
    use rcgen::KeyUsagePurpose::{ContentCommitment, DigitalSignature, KeyEncipherment};

    const JAN_2026: i64 = 1_767_225_600;

    #[test]
    fn an_authentication_certificate_is_summarized_by_issuer_validity_and_purpose() {
        let der = make("ihelse.net Issuing CA4", &[DigitalSignature, KeyEncipherment], 2025, 2028);
        let cert = summarize(&der, JAN_2026).unwrap();
        assert_eq!(cert.issuer_cn, "ihelse.net Issuing CA4");
        assert!(
            cert.issuer.contains("CN=ihelse.net Issuing CA4") && cert.issuer.contains("O=Test Trust AS"),
            "{}",
            cert.issuer
        );
        assert_eq!(cert.not_before, "2025-01-01T00:00:00Z");
        assert_eq!(cert.not_after, "2028-01-01T00:00:00Z");
        assert!(!cert.expired);
        assert_eq!(cert.purpose, Purpose::Authentication);
        assert_eq!(cert.key_usage, vec!["digitalSignature", "keyEncipherment"]);
    }

    #[test]
    fn non_repudiation_means_signing() {
        let cert = summarize(&make("Buypass Class 3 CA 3", &[ContentCommitment], 2025, 2028), JAN_2026).unwrap();
        assert_eq!(cert.purpose, Purpose::Signing);
        assert_eq!(cert.key_usage, vec!["nonRepudiation"]);
    }

    #[test]
    fn a_certificate_past_its_end_is_expired() {
        let cert = summarize(&make("Old CA", &[DigitalSignature], 2019, 2021), JAN_2026).unwrap();
        assert!(cert.expired);
    }

    #[test]
    fn nothing_about_the_holder_is_kept() {
        let cert = summarize(&make("CA", &[DigitalSignature], 2025, 2028), JAN_2026).unwrap();
        let json = serde_json::to_string(&cert).unwrap();
        assert!(!json.contains("Nordmann") && !json.contains("24128012345"), "{json}");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(summarize(b"not a certificate", JAN_2026).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn damaged_certificates_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
            thread_local!(static DER: Vec<u8> = make("ihelse.net Issuing CA4", &[DigitalSignature], 2025, 2028));
            let mut der = DER.with(Clone::clone);
            for (at, byte) in flips {
                let n = der.len();
                der[at % n] = byte;
            }
            der.truncate(cut % (der.len() + 1));
            let _ = summarize(&der, JAN_2026);
        }
    }
}
