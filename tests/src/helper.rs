//! The helper started in-process against the test's pcscd, and a client for its API.

use serde_json::Value;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use veiviser_helper::config::Config;
use veiviser_helper::server::{self, Running};

// The raw client of the helper's own HTTP tests, for the tests here that send requests as they are.
#[path = "../../helper/tests/client/mod.rs"]
mod client;
pub use client::{raw, status_of};

/// A helper on a free port of 127.0.0.1.
pub struct Helper {
    running: Option<Running>,
    pub base: String,
    pub addr: SocketAddr,
}

impl Helper {
    /// Starts the helper allowing `origins`.
    pub fn start(origins: &[&str]) -> Helper {
        let origins: Vec<String> = origins.iter().map(|o| o.to_string()).collect();
        let config = Config::new(0, &origins).expect("test origins are valid");
        let running = server::start(&config).expect("the helper starts");
        let base = format!("http://{}", running.addr);
        Helper { addr: running.addr, running: Some(running), base }
    }

    /// `GET path` as JSON, failing the test on any transport error.
    pub fn get(&self, path: &str) -> Value {
        ureq::get(&format!("{}{path}", self.base))
            .timeout(Duration::from_secs(30))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
            .into_json()
            .expect("the helper answers JSON")
    }

    /// Follows `/v1/events` until `done` holds for the status, or `timeout` passes.
    pub fn wait_for(&self, timeout: Duration, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + timeout;
        let mut status = self.get("/v1/status");
        while !done(&status) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}; last status: {status}");
            let seq = status["seq"].as_u64().expect("status has seq");
            status = self.get(&format!("/v1/events?after={seq}"));
        }
        status
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

/// The card in the reader called `name`, or null.
pub fn card_in<'a>(status: &'a Value, name: &str) -> Option<&'a Value> {
    status["readers"].as_array()?.iter().find(|r| r["name"].as_str().is_some_and(|n| n.starts_with(name)))?.get("card")
}
