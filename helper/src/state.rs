//! The card state that every answer is made from, and the sequence number that
//! lets a waiting request learn of a change the moment it happens.

use serde::Serialize;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Whether the smart-card service (pcscd, Windows' Smart Card service) can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Ok,
    NotRunning,
    Error,
}

/// What kind of card answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Piv,
    Pkcs15,
    Unknown,
}

/// A certificate, without anything that identifies its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub issuer_cn: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    pub expired: bool,
    pub purpose: String,
    pub key_usage: Vec<String>,
}

/// A card in a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The card's answer to reset, in lower-case hex.
    pub atr: String,
    pub kind: CardKind,
    pub certificates: Vec<Certificate>,
    pub pin_tries_left: Option<u8>,
}

/// A reader and the card in it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reader {
    pub name: String,
    pub card: Option<Card>,
}

/// The answer to `GET /v1/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub version: &'static str,
    pub service: Service,
    pub seq: u64,
    pub readers: Vec<Reader>,
}

/// The state shared between the PC/SC watcher and the HTTP workers.
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

impl Shared {
    /// Starts with no readers and the service not yet reached.
    pub fn new() -> Shared {
        let status = Status { version: env!("CARGO_PKG_VERSION"), service: Service::NotRunning, seq: 0, readers: Vec::new() };
        Shared { status: Mutex::new(status), changed: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        // A panic elsewhere must not silence the helper: the status is always whole.
        self.status.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A copy of the current status.
    pub fn snapshot(&self) -> Status {
        self.lock().clone()
    }

    /// Applies `change`; if it changed anything, bumps `seq` and wakes the waiters.
    pub fn update(&self, change: impl FnOnce(&mut Status)) {
        let mut status = self.lock();
        let before = (status.service, status.readers.clone());
        change(&mut status);
        if (status.service, &status.readers) != (before.0, &before.1) {
            status.seq += 1;
            self.changed.notify_all();
        }
    }

    /// Waits until `seq` is greater than `after`, or `timeout` passes; returns the status then.
    pub fn wait_after(&self, after: u64, timeout: Duration) -> Status {
        let deadline = Instant::now() + timeout;
        let mut status = self.lock();
        while status.seq <= after {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            status = self.changed.wait_timeout(status, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        status.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn reader(name: &str) -> Reader {
        Reader { name: name.into(), card: None }
    }

    #[test]
    fn seq_only_grows_when_something_changed() {
        let shared = Shared::new();
        shared.update(|s| s.service = Service::Ok);
        assert_eq!(shared.snapshot().seq, 1);
        shared.update(|s| s.service = Service::Ok);
        assert_eq!(shared.snapshot().seq, 1);
        shared.update(|s| s.readers.push(reader("Virtual PCD 00 00")));
        assert_eq!(shared.snapshot().seq, 2);
    }

    #[test]
    fn a_waiter_wakes_on_change_and_times_out_without() {
        let shared = Arc::new(Shared::new());
        let waited = shared.wait_after(0, Duration::from_millis(20));
        assert_eq!(waited.seq, 0);
        let waker = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            waker.update(|s| s.service = Service::Ok);
        });
        let started = Instant::now();
        let woke = shared.wait_after(0, Duration::from_secs(10));
        assert_eq!(woke.seq, 1);
        assert!(started.elapsed() < Duration::from_secs(5));
        thread.join().unwrap();
    }

    #[test]
    fn status_serializes_with_the_documented_names() {
        let shared = Shared::new();
        shared.update(|s| {
            s.service = Service::Ok;
            s.readers.push(Reader {
                name: "R".into(),
                card: Some(Card { atr: "3b00".into(), kind: CardKind::Unknown, certificates: vec![], pin_tries_left: None }),
            });
        });
        let json = serde_json::to_value(shared.snapshot()).unwrap();
        assert_eq!(json["service"], "ok");
        assert_eq!(json["readers"][0]["card"]["kind"], "unknown");
        assert!(json["readers"][0]["card"]["pin_tries_left"].is_null());
    }
}
