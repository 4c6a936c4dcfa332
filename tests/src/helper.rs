//! The helper started in-process against the test's pcscd, and a client for its API.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use veiviser_helper::config::Config;
use veiviser_helper::server::{self, Running};

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

/// Sends `request` as it is over a new connection and returns the whole answer
/// (status line, headers, body) as text; the helper closes after it or within `wait`.
pub fn raw(addr: SocketAddr, request: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(addr).expect("the helper accepts connections");
    stream.set_read_timeout(Some(wait)).expect("read timeout");
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code of a raw answer (0 if there was none).
pub fn status_of(answer: &str) -> u16 {
    answer.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0)
}

/// The card in the reader called `name`, or null.
pub fn card_in<'a>(status: &'a Value, name: &str) -> Option<&'a Value> {
    status["readers"].as_array()?.iter().find(|r| r["name"].as_str().is_some_and(|n| n.starts_with(name)))?.get("card")
}
