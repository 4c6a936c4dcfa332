//! A card client no one here wrote agrees with our IDPrime simulator: Debian's
//! OpenSC (`pkcs15-tool`, its idprime driver) lists and reads the same certificates
//! from it, through the same pcscd and vpcd, as the helper does.

use std::process::Command;
use std::time::Duration;

use veiviser_tests::cards::certs::{issued, AUTHENTICATION, SIGNING};
use veiviser_tests::cards::idprime::{atrs, IdPrimeCard};
use veiviser_tests::cards::Log;
use veiviser_tests::helper::card_in;
use veiviser_tests::stack::{Stack, READER_0};

const SITHS: &str = "SITHS e-id Person HSA-id 3 CA v1";

fn pkcs15_tool(args: &[&str]) -> String {
    let out = Command::new("pkcs15-tool")
        .args(["--reader", "0"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pkcs15-tool (install the opensc package: cargo xtask setup): {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "pkcs15-tool {args:?} failed: {text}");
    text
}

/// The DER inside a PEM block.
fn pem_to_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = body.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().enumerate().fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes[..c.len() - 1].to_vec()
        })
        .collect()
}

#[test]
fn opensc_lists_and_reads_the_same_certificates_from_the_idprime_simulator_as_the_helper() {
    let stack = Stack::start(&[]);
    let (authentication, signing) = (issued(SITHS, AUTHENTICATION, 2024, 2034), issued(SITHS, SIGNING, 2024, 2034));
    // Debian 12's OpenSC binds its idprime driver to the generic IDPrime ATR, not to the
    // 940's. Its driver (0.23) learns a file's size only from a compressed file's header,
    // so it reads plain certificate files with a stale size: both are compressed here
    // (plain files are checked against the helper in tests/idprime.rs).
    let card = IdPrimeCard::new(&atrs::GENERIC, &Log::default())
        .with(0, false, &authentication, true)
        .with(1, true, &signing, true);
    let _card = stack.insert(0, card);
    let status = stack.helper.wait_for(Duration::from_secs(15), "the card to be read", |s| {
        card_in(s, READER_0).is_some_and(|c| c["read"] == "done")
    });
    let helper_sees = card_in(&status, READER_0).unwrap()["certificates"].as_array().unwrap().len();

    let listing = pkcs15_tool(&["--list-certificates"]);
    let ids: Vec<String> = listing
        .lines()
        .filter_map(|l| l.trim().strip_prefix("ID").map(|rest| rest.trim_start_matches([' ', ':']).trim().to_owned()))
        .collect();
    assert_eq!(ids.len(), 2, "OpenSC lists two certificates: {listing}");
    let mut read: Vec<Vec<u8>> = ids.iter().map(|id| pem_to_der(&pkcs15_tool(&["--read-certificate", id]))).collect();
    read.sort();
    let mut expected = vec![authentication, signing];
    expected.sort();
    assert_eq!(read, expected, "OpenSC reads the very certificates on the card (one of them compressed)");
    assert_eq!(helper_sees, 2, "and the helper reports the same two: {status}");
}
