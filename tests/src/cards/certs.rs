//! Certificates made in the test: a holder with a name and a Norwegian national
//! identity number (which must never leave the helper), from CAs named like the
//! real ones.

use rcgen::{date_time_ymd, BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

/// The holder's name in every test certificate's subject.
pub const HOLDER: &str = "Kari Nordmann";
/// The holder's (made-up, 11-digit) national identity number, in the subject's serialNumber.
pub const NATIONAL_ID: &str = "24128012345";
/// The serial number of every test certificate, in hex.
pub const SERIAL_HEX: &str = "5a17e1d2c3b4a59687";

/// An authentication certificate (digitalSignature).
pub const AUTHENTICATION: &[KeyUsagePurpose] = &[KeyUsagePurpose::DigitalSignature];
/// A signing certificate (nonRepudiation).
pub const SIGNING: &[KeyUsagePurpose] = &[KeyUsagePurpose::ContentCommitment];

/// A DER certificate for the holder, issued by a CA called `issuer_cn`, valid
/// from 1 January of `from` to 1 January of `to`.
pub fn issued(issuer_cn: &str, usages: &[KeyUsagePurpose], from: i32, to: i32) -> Vec<u8> {
    let ca_key = KeyPair::generate().expect("a CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca.distinguished_name.push(DnType::CountryName, "NO");
    ca.distinguished_name.push(DnType::OrganizationName, "Test Trust AS");
    ca.distinguished_name.push(DnType::CommonName, issuer_cn);
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().expect("a holder key");
    let mut holder = CertificateParams::new(Vec::<String>::new()).expect("holder parameters");
    holder.distinguished_name.push(DnType::CountryName, "NO");
    holder.distinguished_name.push(DnType::CommonName, HOLDER);
    holder.distinguished_name.push(DnType::CustomDnType(vec![2, 5, 4, 5]), format!("UN:NO-{NATIONAL_ID}"));
    holder.serial_number = Some(rcgen::SerialNumber::from_slice(&hex(SERIAL_HEX)));
    holder.key_usages = usages.to_vec();
    holder.not_before = date_time_ymd(from, 1, 1);
    holder.not_after = date_time_ymd(to, 1, 1);
    holder.signed_by(&key, &issuer).expect("a signed certificate").der().to_vec()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}
