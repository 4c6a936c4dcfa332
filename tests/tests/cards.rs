//! Cards read through the real stack (pcscd, vpcd, our simulators): PIV and
//! PKCS#15 told apart, certificates described by issuer, validity and purpose,
//! nothing identifying the holder let out, and only reading commands sent.

use serde_json::Value;
use std::time::Duration;

use veiviser_helper::config::Config;
use veiviser_tests::cards::certs::{self, issued, AUTHENTICATION, SIGNING};
use veiviser_tests::cards::piv::{PivCard, Slot};
use veiviser_tests::cards::pkcs15::{Discovery, Pkcs15Card};
use veiviser_tests::cards::Log;
use veiviser_tests::helper::card_in;
use veiviser_tests::stack::{Stack, READER_0, READER_1};
use veiviser_tests::vpcd::{self, BlankCard};

const WAIT: Duration = Duration::from_secs(15);
const IHELSE: &str = "ihelse.net Issuing CA4";
const BUYPASS: &str = "Buypass Class 3 CA 3";

/// Waits until the card in `reader` has been read, and returns it.
fn read_card(stack: &Stack, reader: &str) -> Value {
    let status = stack.helper.wait_for(WAIT, "the card to be read", |s| {
        card_in(s, reader).is_some_and(|c| c["read"] == "done" || c["read"] == "failed")
    });
    card_in(&status, reader).unwrap().clone()
}

fn certificate<'a>(card: &'a Value, issuer_cn: &str) -> &'a Value {
    card["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["issuer_cn"] == issuer_cn)
        .unwrap_or_else(|| panic!("no certificate from {issuer_cn} in {card}"))
}

#[test]
fn piv_and_pkcs15_cards_are_told_apart_with_issuer_validity_and_purpose() {
    let stack = Stack::start(&[]);
    let (piv_log, p15_log) = (Log::default(), Log::default());
    let piv = PivCard::new(&piv_log)
        .with(Slot::Authentication, &issued(IHELSE, AUTHENTICATION, 2024, 2034), false)
        .with(Slot::Signature, &issued(BUYPASS, SIGNING, 2024, 2034), true)
        .with(Slot::KeyManagement, &issued("Expired Test CA", AUTHENTICATION, 2015, 2020), false)
        .pin_tries(2);
    let pkcs15 = Pkcs15Card::new(
        &[issued(BUYPASS, AUTHENTICATION, 2025, 2035), issued(IHELSE, SIGNING, 2025, 2035)],
        Discovery::Aid,
        &p15_log,
    );
    let _piv = stack.insert(0, piv);
    let _pkcs15 = stack.insert(1, pkcs15);

    let card = read_card(&stack, READER_0);
    assert_eq!(card["read"], "done", "{card}");
    assert_eq!(card["kind"], "piv");
    assert_eq!(card["pin_tries_left"], 2);
    assert_eq!(card["certificates"].as_array().unwrap().len(), 3, "{card}");
    let auth = certificate(&card, IHELSE);
    assert_eq!(auth["purpose"], "authentication");
    assert_eq!(auth["key_usage"], serde_json::json!(["digitalSignature"]));
    assert_eq!(auth["not_before"], "2024-01-01T00:00:00Z");
    assert_eq!(auth["not_after"], "2034-01-01T00:00:00Z");
    assert_eq!(auth["expired"], false);
    assert!(auth["issuer"].as_str().unwrap().contains("CN=ihelse.net Issuing CA4"), "{auth}");
    let signing = certificate(&card, BUYPASS); // the gzip-compressed one
    assert_eq!(signing["purpose"], "signing");
    assert_eq!(signing["key_usage"], serde_json::json!(["nonRepudiation"]));
    let expired = certificate(&card, "Expired Test CA");
    assert_eq!(expired["expired"], true);
    assert_eq!(expired["not_after"], "2020-01-01T00:00:00Z");

    let card = read_card(&stack, READER_1);
    assert_eq!(card["read"], "done", "{card}");
    assert_eq!(card["kind"], "pkcs15");
    assert!(card["pin_tries_left"].is_null(), "no VERIFY, so no counter: {card}");
    assert_eq!(certificate(&card, BUYPASS)["purpose"], "authentication");
    assert_eq!(certificate(&card, IHELSE)["purpose"], "signing");
    assert_eq!(certificate(&card, IHELSE)["not_after"], "2035-01-01T00:00:00Z");

    piv_log.assert_read_only(true);
    p15_log.assert_read_only(false);
    let apdus = p15_log.apdus();
    assert!(apdus.iter().filter(|a| a[1] == 0xB0).all(|a| a[4] <= 0xC0), "READ BINARY in chunks of at most C0");
    assert!(piv_log.apdus().iter().any(|a| a[1] == 0xC0), "the PIV objects were read with GET RESPONSE chaining");
}

#[test]
fn pkcs15_applications_are_found_through_ef_dir_and_at_the_default_df() {
    let stack = Stack::start(&[]);
    for (discovery, reader, name) in [(Discovery::EfDir, 0, READER_0), (Discovery::DefaultDf, 1, READER_1)] {
        let log = Log::default();
        let _card =
            stack.insert(reader, Pkcs15Card::new(&[issued(BUYPASS, AUTHENTICATION, 2025, 2035)], discovery, &log));
        let card = read_card(&stack, name);
        assert_eq!(card["kind"], "pkcs15", "{discovery:?}: {card}");
        assert_eq!(certificate(&card, BUYPASS)["purpose"], "authentication");
        log.assert_read_only(false);
    }
}

#[test]
fn cards_without_certificates_and_unknown_cards_are_reported_as_such() {
    let stack = Stack::start(&[]);
    let (empty_log, blank_log) = (Log::default(), Log::default());
    let _empty = stack.insert(0, Pkcs15Card::new(&[], Discovery::Aid, &empty_log));
    let _unknown = stack.insert(1, Logged { log: blank_log.clone(), inner: BlankCard { atr: vpcd::atr(b"UNKNOWN1") } });

    let empty = read_card(&stack, READER_0);
    assert_eq!((empty["kind"].as_str(), empty["read"].as_str()), (Some("pkcs15"), Some("done")));
    assert_eq!(empty["certificates"], serde_json::json!([]));
    let unknown = read_card(&stack, READER_1);
    assert_eq!(unknown["kind"], "unknown");
    assert_eq!(unknown["atr"], vpcd::atr(b"UNKNOWN1").iter().map(|b| format!("{b:02x}")).collect::<String>());
    assert!(unknown["pin_tries_left"].is_null());
    empty_log.assert_read_only(false);
    blank_log.assert_read_only(false);
}

#[test]
fn nothing_that_identifies_the_holder_leaves_the_helper() {
    let stack = Stack::start(&[]);
    let piv =
        PivCard::new(&Log::default()).with(Slot::Authentication, &issued(IHELSE, AUTHENTICATION, 2024, 2034), true);
    let pkcs15 = Pkcs15Card::new(&[issued(BUYPASS, SIGNING, 2024, 2034)], Discovery::Aid, &Log::default());
    let _piv = stack.insert(0, piv);
    let _pkcs15 = stack.insert(1, pkcs15);
    read_card(&stack, READER_0);
    read_card(&stack, READER_1);

    let status = stack.helper.get("/v1/status").to_string();
    let doctor = veiviser_helper::doctor::report(&Config::new(0, &[]).unwrap());
    assert!(doctor.contains(IHELSE) && doctor.contains(BUYPASS), "doctor sees the cards: {doctor}");
    for (what, text) in [("/v1/status", &status), ("doctor", &doctor)] {
        for secret in [certs::HOLDER, "Nordmann", certs::NATIONAL_ID, certs::SERIAL_HEX, "5A:17:E1", "5a:17:e1"] {
            assert!(!text.contains(secret), "{what} lets out {secret}: {text}");
        }
    }
}

#[test]
fn a_card_pulled_out_mid_read_leaves_a_consistent_state_and_the_next_card_is_read() {
    let stack = Stack::start(&[]);
    let log = Log::default();
    // The 4th APDU is in the middle of the first certificate's GET RESPONSE chain.
    let pulled =
        PivCard::new(&log).with(Slot::Authentication, &issued(IHELSE, AUTHENTICATION, 2024, 2034), false).pulled_at(4);
    let _gone = stack.insert(0, pulled);
    stack.helper.wait_for(WAIT, "the card to be seen", |s| card_in(s, READER_0).is_some_and(|c| !c.is_null()));
    let status = stack
        .helper
        .wait_for(WAIT, "the pulled card to be gone", |s| card_in(s, READER_0).is_some_and(|c| c.is_null()));
    assert_eq!(status["service"], "ok");
    assert!(log.apdus().len() >= 4, "the card was pulled mid-read: {:02X?}", log.apdus());

    let _next = stack.insert(
        0,
        PivCard::new(&Log::default()).with(Slot::Authentication, &issued(IHELSE, AUTHENTICATION, 2024, 2034), false),
    );
    let card = read_card(&stack, READER_0);
    assert_eq!((card["kind"].as_str(), card["read"].as_str()), (Some("piv"), Some("done")), "{card}");
    assert_eq!(card["certificates"].as_array().unwrap().len(), 1);
}

/// Any card app, with its APDUs logged.
struct Logged<C> {
    log: Log,
    inner: C,
}

impl<C: vpcd::CardApp> vpcd::CardApp for Logged<C> {
    fn atr(&self) -> Vec<u8> {
        self.inner.atr()
    }
    fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.record(apdu);
        self.inner.respond(apdu)
    }
}

#[test]
fn the_helpers_own_answer_read_as_the_page_reads_it_names_the_certificate_the_guide_expects() {
    let stack = Stack::start(&[]);
    let piv = PivCard::new(&Log::default())
        .with(Slot::Authentication, &issued(IHELSE, AUTHENTICATION, 2024, 2034), false)
        .with(Slot::Signature, &issued(BUYPASS, SIGNING, 2024, 2034), true)
        .pin_tries(3);
    let _card = stack.insert(0, piv);
    read_card(&stack, READER_0);
    // The bytes on the wire, into the page's types (veiviser-api), judged by the page's evaluation.
    let text = ureq::get(&format!("{}{}", stack.helper.base, veiviser_api::STATUS_PATH)).call().unwrap().into_string().unwrap();
    let status: veiviser_api::Status = serde_json::from_str(&text).expect("the page reads the helper's answer");
    let content = veiviser_guide::load::folder(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).unwrap();
    let mrs = content.guides.iter().find(|l| l.guide.id == "mrs" && l.guide.lang == "nb").expect("the MRS guide");
    let check = mrs.guide.steps.iter().find_map(|s| s.live.clone().filter(|c| c.issuer.is_some())).expect("a certificate step");
    let verdict = veiviser_guide::live::verdict::evaluate(&check, &status);
    match verdict.certificate {
        Some(veiviser_guide::live::verdict::CertificateSeen::Found(found)) => {
            assert_eq!(found.issuer_cn, IHELSE);
            assert_eq!(found.purpose, veiviser_api::Purpose::Authentication);
        }
        other => panic!("expected the CA4 certificate, the page saw {other:?} in {text}"),
    }
    assert!(veiviser_api::diagnose(&status).is_empty(), "{:?}", veiviser_api::diagnose(&status));
}
