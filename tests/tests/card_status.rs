//! The helper sees what pcscd sees: a card simulated through vpcd comes and goes.

use std::time::Duration;

use veiviser_tests::helper::{card_in, Helper};
use veiviser_tests::pcscd::Pcscd;
use veiviser_tests::vpcd::{self, BlankCard};

const READER: &str = "Virtual PCD 00 00";
const ATR: [u8; 11] = [0x3B, 0x88, 0x80, 0x01, 0x56, 0x45, 0x49, 0x56, 0x49, 0x53, 0x45];

#[test]
fn status_follows_a_card_inserted_and_removed() {
    let pcscd = Pcscd::start().unwrap_or_else(|e| panic!("{e}"));
    let helper = Helper::start(&[]);

    let status = helper.wait_for(Duration::from_secs(10), "the virtual readers", |s| {
        s["service"] == "ok" && card_in(s, READER).is_some_and(|c| c.is_null())
    });
    assert_eq!(status["readers"].as_array().unwrap().len(), 2, "{status}");

    let card = vpcd::insert(pcscd.vpcd_port, BlankCard { atr: ATR.to_vec() }).expect("vpcd accepts the card");
    let status = helper.wait_for(Duration::from_secs(10), "the card to be seen", |s| {
        card_in(s, READER).is_some_and(|c| !c.is_null())
    });
    let seen = card_in(&status, READER).unwrap();
    assert_eq!(seen["atr"], "3b888001564549564953 45".replace(' ', ""));
    assert_eq!(seen["kind"], "unknown");
    assert!(seen["pin_tries_left"].is_null());

    card.remove();
    helper.wait_for(Duration::from_secs(10), "the card to be gone", |s| card_in(s, READER).is_some_and(|c| c.is_null()));
}
