//! The helper sees what pcscd sees: a card simulated through vpcd comes and goes,
//! and the service going away and coming back is followed without a restart.

use std::time::Duration;

use veiviser_tests::helper::{card_in, Helper};
use veiviser_tests::pcscd::Pcscd;
use veiviser_tests::stack::{self, Stack, READER_0};
use veiviser_tests::vpcd::{self, BlankCard};

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn status_follows_a_card_inserted_and_removed() {
    let stack = Stack::start(&[]);
    let helper = &stack.helper;

    let status = helper.wait_for(WAIT, "the virtual readers", |s| {
        s["service"] == "ok" && card_in(s, READER_0).is_some_and(|c| c.is_null())
    });
    assert_eq!(status["readers"].as_array().unwrap().len(), 2, "{status}");

    let card = stack.insert(0, BlankCard { atr: vpcd::atr(b"VEIVISER") });
    let status =
        helper.wait_for(WAIT, "the card to be read", |s| card_in(s, READER_0).is_some_and(|c| c["read"] == "done"));
    let seen = card_in(&status, READER_0).unwrap();
    assert_eq!(seen["atr"], "3b888001564549564953455208");
    assert_eq!(seen["kind"], "unknown");
    assert!(seen["pin_tries_left"].is_null());
    assert_eq!(seen["certificates"], serde_json::json!([]));

    card.remove();
    helper.wait_for(WAIT, "the card to be gone", |s| card_in(s, READER_0).is_some_and(|c| c.is_null()));
}

#[test]
fn a_stopped_service_is_reported_and_the_helper_recovers_when_it_returns() {
    let mut stack = Stack::start(&[]);
    stack.helper.wait_for(WAIT, "the service", |s| s["service"] == "ok");

    stack.pcscd.stop();
    let status = stack.helper.wait_for(WAIT, "the service to be gone", |s| s["service"] == "not_running");
    assert_eq!(status["readers"], serde_json::json!([]));

    stack.pcscd.resume().unwrap_or_else(|e| panic!("{e}"));
    stack.helper.wait_for(WAIT, "the service to be back", |s| s["service"] == "ok" && card_in(s, READER_0).is_some());
    let _card = stack.insert(0, BlankCard { atr: vpcd::atr(b"VEIVISER") });
    stack
        .helper
        .wait_for(WAIT, "a card after the restart", |s| card_in(s, READER_0).is_some_and(|c| c["read"] == "done"));
}

#[test]
fn a_helper_started_before_the_service_finds_it_when_it_starts() {
    let _turn = stack::turn();
    let helper = Helper::start(&[]);
    let status = helper.wait_for(WAIT, "the service to be missed", |s| s["service"] == "not_running");
    assert_eq!(status["readers"], serde_json::json!([]));
    let _pcscd = Pcscd::start().unwrap_or_else(|e| panic!("{e}"));
    helper.wait_for(WAIT, "the service to be found", |s| s["service"] == "ok" && card_in(s, READER_0).is_some());
}
