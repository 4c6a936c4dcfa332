//! IDPrime cards (SITHS eID and the rest of the family) and cards the helper cannot
//! read (Buypass) through the real stack: pcscd, vpcd and our simulators. Only reads
//! reach the card, and neither the card id nor anything about the holder leaves
//! the helper.

use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use veiviser_helper::config::Config;
use veiviser_tests::cards::certs::{self, issued, AUTHENTICATION, SIGNING};
use veiviser_tests::cards::idprime::{atrs, IdPrimeCard, SilentCard, CARD_ID, CARD_ID_FILE};
use veiviser_tests::cards::Log;
use veiviser_tests::helper::card_in;
use veiviser_tests::stack::{Stack, READER_0, READER_1};
use veiviser_tests::vpcd;

const WAIT: Duration = Duration::from_secs(15);
const SITHS: &str = "SITHS e-id Person HSA-id 3 CA v1";

/// The helper's log in this test binary, written to a file so that the tests can read it.
fn log_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("veiviser-idprime-{}", std::process::id())).join("helper.log");
        let _ = std::fs::remove_file(&path);
        veiviser_helper::log::to_file(Some(veiviser_helper::log::File::new(&path, veiviser_helper::log::MAX_BYTES)));
        path
    })
}

/// Fails if `text` holds the holder's name, national id, certificate serial or the card id.
fn assert_nothing_personal(what: &str, text: &str) {
    let card_id = std::str::from_utf8(CARD_ID).unwrap();
    let card_id_hex: String = CARD_ID.iter().map(|b| format!("{b:02x}")).collect();
    for secret in [certs::HOLDER, "Nordmann", certs::NATIONAL_ID, certs::SERIAL_HEX, card_id, &card_id_hex] {
        assert!(!text.to_lowercase().contains(&secret.to_lowercase()), "{what} lets out {secret}: {text}");
    }
}

fn read_card(stack: &Stack, reader: &str) -> Value {
    let status = stack.helper.wait_for(WAIT, "the card to be read", |s| {
        card_in(s, reader).is_some_and(|c| c["read"] == "done" || c["read"] == "failed")
    });
    card_in(&status, reader).unwrap().clone()
}

/// A SITHS-like card: the authentication certificate compressed, the signing one plain.
fn siths(atr: &[u8], log: &Log) -> IdPrimeCard {
    IdPrimeCard::new(atr, log)
        .with(0, false, &issued(SITHS, AUTHENTICATION, 2024, 2034), true)
        .with(1, true, &issued(SITHS, SIGNING, 2024, 2034), false)
}

fn assert_never_read_the_card_id(log: &Log) {
    let selected_card_id = log.apdus().iter().any(|a| a[1] == 0xA4 && a.len() >= 7 && a[5..7] == CARD_ID_FILE);
    assert!(!selected_card_id, "the helper selected the card id file: {:02X?}", log.apdus());
}

#[test]
fn idprime_cards_of_every_atr_in_the_family_show_both_certificates_with_purpose_and_the_pin_tries() {
    let stack = Stack::start(&[]);
    let unlisted = vpcd::atr(b"IDPRIME?"); // recognised by its applet alone
    for (atr, family_by_atr) in [(&atrs::SITHS_940[..], true), (&atrs::GENERIC[..], true), (&atrs::NATIONAL_ID_940[..], true), (&unlisted[..], false)] {
        let log = Log::default();
        let card = stack.insert(0, siths(atr, &log).with_signature_pin(5).pin_tries(2));
        let seen = read_card(&stack, READER_0);
        let atr_hex: String = atr.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!((seen["read"].as_str(), seen["kind"].as_str()), (Some("done"), Some("idprime")), "{atr_hex}: {seen}");
        assert_eq!(seen["family"], "idprime", "{atr_hex} (by ATR: {family_by_atr}): {seen}");
        assert_eq!(seen["via"], "pcsc");
        assert_eq!(seen["pin_tries_left"], 2, "the user PIN's counter: {seen}");
        let certificates = seen["certificates"].as_array().unwrap();
        let purposes: Vec<&str> = certificates.iter().map(|c| c["purpose"].as_str().unwrap()).collect();
        assert_eq!(purposes, ["authentication", "signing"], "{seen}");
        assert!(certificates.iter().all(|c| c["issuer_cn"] == SITHS && c["not_after"] == "2034-01-01T00:00:00Z"), "{seen}");
        log.assert_only_reads();
        assert_never_read_the_card_id(&log);
        card.remove();
        stack.helper.wait_for(WAIT, "the card to be gone", |s| card_in(s, READER_0).is_some_and(Value::is_null));
    }
}

#[test]
fn a_buypass_card_is_named_claims_no_certificates_and_gets_only_reads() {
    let stack = Stack::start(&[]);
    let log = Log::default();
    let _card = stack.insert(1, SilentCard { atr: atrs::BUYPASS.to_vec(), log: log.clone() });
    // The family is there from the moment the card is seen, before it is read.
    let first = stack.helper.wait_for(WAIT, "the card to be seen", |s| card_in(s, READER_1).is_some_and(|c| !c.is_null()));
    assert_eq!(card_in(&first, READER_1).unwrap()["family"], "buypass");
    let seen = read_card(&stack, READER_1);
    assert_eq!((seen["kind"].as_str(), seen["family"].as_str(), seen["read"].as_str()), (Some("unknown"), Some("buypass"), Some("done")));
    assert_eq!(seen["certificates"], serde_json::json!([]));
    assert!(seen["pin_tries_left"].is_null());
    log.assert_only_reads();
    assert!(log.apdus().iter().all(|a| a[1] == 0xA4), "nothing answered, so only SELECTs: {:02X?}", log.apdus());

    let doctor = veiviser_helper::doctor::report(&Config::new(0, &[]).unwrap());
    assert!(doctor.contains("Card: Buypass ID card, a kind the helper cannot read"), "{doctor}");
    assert!(doctor.contains("the card software (Buypass) reads it") && doctor.contains("Go on with the login"), "{doctor}");
    assert!(!doctor.contains("Certificates: none") && !doctor.contains("holds no certificates"), "{doctor}");
}

#[test]
fn nothing_from_an_idprime_card_identifies_its_holder_or_the_card() {
    log_path();
    let stack = Stack::start(&[]);
    let log = Log::default();
    let _card = stack.insert(0, siths(&atrs::SITHS_940, &log));
    read_card(&stack, READER_0);
    let status = stack.helper.get("/v1/status").to_string();
    let doctor = veiviser_helper::doctor::report(&Config::new(0, &[]).unwrap());
    assert!(doctor.contains(SITHS), "doctor sees the card: {doctor}");
    assert_nothing_personal("/v1/status", &status);
    assert_nothing_personal("doctor", &doctor);
    assert_nothing_personal("the log", &std::fs::read_to_string(log_path()).unwrap_or_default());
    assert_never_read_the_card_id(&log);
}

#[test]
fn an_idprime_card_pulled_out_mid_read_leaves_a_consistent_state_and_the_next_card_is_read() {
    log_path();
    let stack = Stack::start(&[]);
    let log = Log::default();
    // PKCS#15 is asked first (3 SELECTs), then the applet, the index (SELECT, READ
    // BINARY), the first certificate's SELECT: APDU 8 is the READ BINARY of that certificate.
    let _gone = stack.insert(0, siths(&atrs::SITHS_940, &log).pulled_at(8));
    stack.helper.wait_for(WAIT, "the card to be seen", |s| card_in(s, READER_0).is_some_and(|c| !c.is_null()));
    let status = stack.helper.wait_for(WAIT, "the pulled card to be gone", |s| card_in(s, READER_0).is_some_and(Value::is_null));
    assert_eq!(status["service"], "ok");
    assert!(log.apdus().len() >= 8, "the card was pulled mid-read: {:02X?}", log.apdus());
    log.assert_only_reads();
    // The failed read is logged, by its step and PC/SC's error only.
    let deadline = Instant::now() + WAIT;
    let logged = loop {
        let text = std::fs::read_to_string(log_path()).unwrap_or_default();
        if text.contains("reading the card in Virtual PCD 00 00") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(logged.contains("reading the card in Virtual PCD 00 00: the card went away"), "{logged}");
    assert_nothing_personal("the log", &logged);

    let _next = stack.insert(0, siths(&atrs::GENERIC, &Log::default()));
    let card = read_card(&stack, READER_0);
    assert_eq!((card["kind"].as_str(), card["read"].as_str()), (Some("idprime"), Some("done")), "{card}");
    assert_eq!(card["certificates"].as_array().unwrap().len(), 2);
}

#[test]
fn a_blocked_idprime_pin_is_reported_blocked() {
    let stack = Stack::start(&[]);
    let _card = stack.insert(0, siths(&atrs::SITHS_940, &Log::default()).pin_tries(0));
    let card = read_card(&stack, READER_0);
    assert_eq!(card["pin_tries_left"], 0, "{card}");
}
