//! The card state that every answer is made from, and the sequence number that
//! lets a waiting request learn of a change the moment it happens.
//!
//! The public part is the wire format of `veiviser-api`; what the helper keeps
//! to itself (which insertion each card is) stays here and is never sent.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use veiviser_api::{Card, CardFamily, CardKind, Certificate, Purpose, ReadState, ReadVia, Reader, Service, Status};

/// A card just inserted, not read yet: its family is what its ATR tells.
pub fn inserted(atr: &[u8]) -> Card {
    Card {
        atr: crate::card::apdu::hex(atr),
        kind: CardKind::Unknown,
        family: crate::card::family::of_atr(atr),
        read: ReadState::Reading,
        certificates: Vec::new(),
        pin_tries_left: None,
        via: ReadVia::Pcsc,
    }
}

/// Which insertion the card shown in each reader is (by reader name), so that
/// a late read result never lands on the card inserted after it.
pub type Insertions = BTreeMap<String, u64>;

struct Inner {
    status: Status,
    insertions: Insertions,
}

/// The state shared between the PC/SC watcher and the HTTP server.
pub struct Shared {
    inner: Mutex<Inner>,
    /// Wakes threads waiting in [`Shared::wait_after`] (doctor, tests).
    changed: Condvar,
    /// Wakes the server's long polls, which wait without a thread of their own.
    notify: tokio::sync::Notify,
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
        let inner = Inner { status: Status::starting(env!("CARGO_PKG_VERSION")), insertions: Insertions::new() };
        Shared {
            inner: Mutex::new(inner),
            changed: Condvar::new(),
            notify: tokio::sync::Notify::new(),
            closed: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not silence the helper: the status is always whole.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A copy of the current status.
    pub fn snapshot(&self) -> Status {
        self.lock().status.clone()
    }

    /// Applies `change`; if it changed anything, bumps `seq` and wakes the waiters.
    pub fn update(&self, change: impl FnOnce(&mut Status)) {
        self.update_cards(|status, _| change(status));
    }

    /// As [`Shared::update`], with the insertion of each card shown.
    pub fn update_cards(&self, change: impl FnOnce(&mut Status, &mut Insertions)) {
        let mut inner = self.lock();
        let Inner { status, insertions } = &mut *inner;
        let before = (status.service, status.readers.clone());
        change(status, insertions);
        if (status.service, &status.readers) != (before.0, &before.1) {
            status.seq += 1;
            self.changed.notify_all();
            self.notify.notify_waiters();
        }
    }

    /// Wakes every waiter for good: the helper is stopping.
    pub fn close(&self) {
        let _inner = self.lock();
        self.closed.store(true, Ordering::SeqCst);
        self.changed.notify_all();
        self.notify.notify_waiters();
    }

    fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// Waits until `seq` is no longer `after`, or `timeout` passes; returns the status then.
    /// A `seq` other than `after` answers at once, also a smaller one: the helper
    /// restarted since the client last asked, and its state is news.
    pub fn wait_after(&self, after: u64, timeout: Duration) -> Status {
        let deadline = Instant::now() + timeout;
        let mut inner = self.lock();
        while inner.status.seq == after && !self.closed() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            inner = self.changed.wait_timeout(inner, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        inner.status.clone()
    }

    /// [`Shared::wait_after`] for the server: waits on the runtime, holding no thread.
    pub async fn changed_after(&self, after: u64, timeout: Duration) -> Status {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Registered before the check, so a change between the two is not missed.
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let status = self.snapshot();
            if status.seq != after || self.closed() {
                return status;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return self.snapshot();
            }
        }
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
    fn an_async_waiter_wakes_on_a_change_made_by_another_thread() {
        let shared = Arc::new(Shared::new());
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let timed_out = runtime.block_on(shared.changed_after(0, Duration::from_millis(20)));
        assert_eq!(timed_out.seq, 0);
        let waker = Arc::clone(&shared);
        let woke = runtime.block_on(async {
            let thread = std::thread::spawn(move || waker.update(|s| s.service = Service::Ok));
            let status = shared.changed_after(0, Duration::from_secs(10)).await;
            thread.join().unwrap();
            status
        });
        assert_eq!(woke.seq, 1);
    }

    #[test]
    fn a_client_ahead_of_a_restarted_helper_is_answered_at_once() {
        let shared = Shared::new();
        let started = Instant::now();
        assert_eq!(shared.wait_after(41, Duration::from_secs(10)).seq, 0);
        assert!(started.elapsed() < Duration::from_secs(5));
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
    fn status_serializes_with_the_documented_names_and_keeps_insertions_to_itself() {
        let shared = Shared::new();
        shared.update_cards(|s, insertions| {
            s.service = Service::Ok;
            s.readers.push(Reader { name: "R".into(), card: Some(inserted(&[0x3b, 0x00])) });
            insertions.insert("R".into(), 7);
        });
        let json = serde_json::to_value(shared.snapshot()).unwrap();
        assert_eq!(json["service"], "ok");
        assert_eq!(json["readers"][0]["card"]["kind"], "unknown");
        assert_eq!(json["readers"][0]["card"]["read"], "reading");
        assert_eq!(json["readers"][0]["card"]["atr"], "3b00");
        assert!(!json.to_string().contains("insertion"), "{json}");
        assert!(json["readers"][0]["card"]["pin_tries_left"].is_null());
    }
}
