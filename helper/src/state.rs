//! The card state that every answer is made from, and the sequence number that
//! lets a waiting request learn of a change the moment it happens.

use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// What a certificate's key is for, from its key usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Authentication,
    Signing,
    Encryption,
    Other,
}

/// Where reading a card stands: a card is reported the moment it is inserted,
/// and again when its certificates have been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadState {
    Reading,
    Done,
    Failed,
}

/// A certificate, without anything that identifies its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// The issuing CA's common name (its organization if it has none).
    pub issuer_cn: String,
    /// The issuer's whole distinguished name.
    pub issuer: String,
    /// Validity, RFC 3339 in UTC.
    pub not_before: String,
    pub not_after: String,
    pub expired: bool,
    pub purpose: Purpose,
    /// RFC 5280 names of the key usages set.
    pub key_usage: Vec<String>,
}

/// A card in a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The card's answer to reset, in lower-case hex.
    pub atr: String,
    pub kind: CardKind,
    pub read: ReadState,
    pub certificates: Vec<Certificate>,
    /// PIN tries left, only from card types that tell without spending one.
    pub pin_tries_left: Option<u8>,
    /// Which insertion this is, so a late read result never lands on another card.
    #[serde(skip)]
    pub insertion: u64,
}

impl Card {
    /// A card just inserted, not read yet.
    pub fn inserted(atr: &[u8], insertion: u64) -> Card {
        Card {
            atr: crate::apdu::hex(atr),
            kind: CardKind::Unknown,
            read: ReadState::Reading,
            certificates: Vec::new(),
            pin_tries_left: None,
            insertion,
        }
    }
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
    closed: AtomicBool,
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

impl Shared {
    /// Starts with no readers and the service not yet reached.
    pub fn new() -> Shared {
        let status =
            Status { version: env!("CARGO_PKG_VERSION"), service: Service::NotRunning, seq: 0, readers: Vec::new() };
        Shared { status: Mutex::new(status), changed: Condvar::new(), closed: AtomicBool::new(false) }
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

    /// Wakes every waiter for good: the helper is stopping.
    pub fn close(&self) {
        let _status = self.lock();
        self.closed.store(true, Ordering::SeqCst);
        self.changed.notify_all();
    }

    /// Waits until `seq` is greater than `after`, or `timeout` passes; returns the status then.
    pub fn wait_after(&self, after: u64, timeout: Duration) -> Status {
        let deadline = Instant::now() + timeout;
        let mut status = self.lock();
        while status.seq <= after && !self.closed.load(Ordering::SeqCst) {
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
    fn closing_wakes_every_waiter_at_once() {
        let shared = Arc::new(Shared::new());
        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let started = Instant::now();
                shared.wait_after(0, Duration::from_secs(30));
                started.elapsed()
            })
        };
        std::thread::sleep(Duration::from_millis(30));
        shared.close();
        assert!(waiter.join().unwrap() < Duration::from_secs(5));
        assert_eq!(shared.wait_after(0, Duration::from_secs(30)).seq, 0, "a closed state never waits");
    }

    #[test]
    fn status_serializes_with_the_documented_names() {
        let shared = Shared::new();
        shared.update(|s| {
            s.service = Service::Ok;
            s.readers.push(Reader { name: "R".into(), card: Some(Card::inserted(&[0x3b, 0x00], 1)) });
        });
        let json = serde_json::to_value(shared.snapshot()).unwrap();
        assert_eq!(json["service"], "ok");
        assert_eq!(json["readers"][0]["card"]["kind"], "unknown");
        assert_eq!(json["readers"][0]["card"]["read"], "reading");
        assert_eq!(json["readers"][0]["card"]["atr"], "3b00");
        assert!(json["readers"][0]["card"].get("insertion").is_none());
        assert!(json["readers"][0]["card"]["pin_tries_left"].is_null());
    }
}
