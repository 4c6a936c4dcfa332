//! Watches PC/SC for readers and cards coming and going, and keeps the shared
//! state in step. Changes come from `SCardGetStatusChange`, not from a timer;
//! only a service that is not running is retried on a timer (nothing announces
//! that it has started), and platforms without the PnP notification list readers
//! every second.
//!
//! A card is published the moment it is inserted (`read: reading`); a thread with
//! its own context then reads it, so the watcher never waits on a card.

use pcsc::{Context, Error, ReaderState, Scope, State, PNP_NOTIFICATION};
use std::collections::BTreeMap;
use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::card::apdu::CardError;
use crate::state::{self, Insertions, ReadState, Reader, Service, Shared};

/// How long to wait before trying an unreachable service again.
const RETRY: Duration = Duration::from_millis(500);
/// Longest single wait; a timeout just waits again.
const WAIT: Duration = Duration::from_secs(60);
/// Reader listing period where there is no PnP notification (older macOS).
const POLL_WITHOUT_PNP: Duration = Duration::from_secs(1);
/// A card that vanished mid-read is tried once more after this (it may only have been reset).
const REREAD_AFTER: Duration = Duration::from_millis(150);

/// The running watcher; [`Watcher::stop`] ends it.
pub struct Watcher {
    control: Arc<Control>,
    thread: JoinHandle<()>,
}

#[derive(Default)]
struct Control {
    stopped: AtomicBool,
    /// The context being waited on, so that `stop` can cancel the wait.
    context: Mutex<Option<Context>>,
}

impl Control {
    fn stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

impl Watcher {
    /// Stops watching and waits for the thread to end.
    pub fn stop(self) {
        self.control.stopped.store(true, Ordering::SeqCst);
        // A cancel that lands just before the wait begins is lost: repeat until it ends.
        while !self.thread.is_finished() {
            if let Some(context) = self.control.context.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                let _ = context.cancel();
            }
            self.thread.thread().unpark();
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.thread.join();
    }
}

/// Starts the watcher thread.
pub fn spawn(shared: Arc<Shared>) -> Watcher {
    let control = Arc::new(Control::default());
    let inner = Arc::clone(&control);
    let thread = std::thread::Builder::new()
        .name("pcsc-watch".into())
        .spawn(move || run(&shared, &inner))
        .expect("the watcher thread starts");
    Watcher { control, thread }
}

/// What the service being unreachable or broken means for the status.
fn service_for(error: Error) -> Service {
    match error {
        Error::NoService
        | Error::ServiceStopped
        | Error::CommError
        | Error::NoReadersAvailable
        | Error::InvalidHandle => Service::NotRunning,
        _ => Service::Error,
    }
}

fn run(shared: &Arc<Shared>, control: &Control) {
    let mut insertions = 0;
    while !control.stopped() {
        let error = match Context::establish(Scope::User) {
            Ok(context) => {
                *control.context.lock().unwrap_or_else(|p| p.into_inner()) = Some(context.clone());
                let result = watch(&context, shared, control, &mut insertions);
                *control.context.lock().unwrap_or_else(|p| p.into_inner()) = None;
                match result {
                    Ok(()) => return,
                    Err(error) => error,
                }
            }
            Err(error) => error,
        };
        // NoService, ServiceStopped, InvalidHandle and the like: forget what we knew
        // and establish a new context.
        let service = service_for(error);
        if shared.snapshot().service != service {
            crate::log::line(&format!("the smart card service: {error}"));
        }
        shared.update(|status| {
            status.service = service;
            status.readers.clear();
        });
        std::thread::park_timeout(RETRY);
    }
}

/// A card the watcher has seen in a reader.
struct Present {
    insertion: u64,
    event_count: u32,
    atr: Vec<u8>,
    mute: bool,
}

/// Follows one context until it fails (`Err`) or the watcher is stopped (`Ok`).
fn watch(context: &Context, shared: &Arc<Shared>, control: &Control, insertions: &mut u64) -> Result<(), Error> {
    let mut states = vec![ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE)];
    let mut pnp = true;
    let mut cards: BTreeMap<CString, Option<Present>> = BTreeMap::new();
    loop {
        let names = match context.list_readers_owned() {
            Ok(names) => names,
            Err(Error::NoReadersAvailable) => Vec::new(),
            Err(error) => return Err(error),
        };
        states.retain(|s| s.name() == PNP_NOTIFICATION() || names.iter().any(|n| n.as_c_str() == s.name()));
        cards.retain(|name, _| names.contains(name));
        for name in &names {
            if !states.iter().any(|s| s.name() == name.as_c_str()) {
                states.push(ReaderState::new(name.clone(), State::UNAWARE));
                cards.insert(name.clone(), None);
            }
        }
        publish(shared, &names, &cards);
        if control.stopped() {
            return Ok(());
        }

        let wait = if pnp { WAIT } else { POLL_WITHOUT_PNP };
        match context.get_status_change(wait, &mut states) {
            Ok(()) | Err(Error::Timeout) | Err(Error::Cancelled) => {}
            Err(error) => return Err(error),
        }
        let mut to_read = Vec::new();
        for state in states.iter_mut() {
            let event = state.event_state();
            if state.name() == PNP_NOTIFICATION() {
                // No PnP reader on this platform: fall back to listing on a timer.
                pnp &= !event.contains(State::UNKNOWN);
            } else if event.contains(State::CHANGED) {
                let slot = cards.entry(state.name().to_owned()).or_default();
                let present = event.contains(State::PRESENT);
                let count = state.event_count();
                match slot {
                    // The same card: only its in-use flags changed (our own reads do that).
                    Some(card) if present && card.event_count == count => {}
                    _ if present => {
                        *insertions += 1;
                        let mute = event.contains(State::MUTE);
                        *slot = Some(Present {
                            insertion: *insertions,
                            event_count: count,
                            atr: state.atr().to_vec(),
                            mute,
                        });
                        if !mute {
                            to_read.push((state.name().to_owned(), *insertions, state.atr().to_vec()));
                        }
                    }
                    _ => *slot = None,
                }
            }
            state.sync_current_state();
        }
        // Published before the reads start, so every result finds its card.
        publish(shared, &names, &cards);
        for (name, insertion, atr) in to_read {
            spawn_read(Arc::clone(shared), name, insertion, atr);
        }
    }
}

/// The readers as the watcher sees them, keeping each card's read result.
fn publish(shared: &Shared, names: &[CString], cards: &BTreeMap<CString, Option<Present>>) {
    shared.update_cards(|status, insertions| {
        let before = std::mem::take(&mut status.readers);
        status.service = Service::Ok;
        let mut shown = Insertions::new();
        status.readers = names
            .iter()
            .map(|name| {
                let name_shown = name.to_string_lossy().into_owned();
                let card = cards.get(name).and_then(Option::as_ref).map(|present| {
                    let same_card = insertions.get(&name_shown) == Some(&present.insertion);
                    let known = before.iter().find(|r| r.name == name_shown).and_then(|r| r.card.clone());
                    shown.insert(name_shown.clone(), present.insertion);
                    known.filter(|_| same_card).unwrap_or_else(|| {
                        let mut card = state::inserted(&present.atr);
                        if present.mute {
                            card.read = ReadState::Failed;
                        }
                        card
                    })
                });
                Reader { name: name_shown, card }
            })
            .collect();
        *insertions = shown;
    });
}

fn spawn_read(shared: Arc<Shared>, reader: CString, insertion: u64, atr: Vec<u8>) {
    let for_thread = Arc::clone(&shared);
    let spawned = std::thread::Builder::new().name("card-read".into()).spawn(move || {
        let shared = for_thread;
        let mut result = crate::reading::read(&reader, &atr);
        if let Err(CardError::Gone(_)) = result {
            std::thread::sleep(REREAD_AFTER);
            result = crate::reading::read(&reader, &atr);
        }
        let name = reader.to_string_lossy();
        if let Err(error) = &result {
            // Errors name the step and the PC/SC error, never anything read from the card.
            crate::log::line(&format!("reading the card in {name}: {error}"));
        }
        shared.update_cards(|status, insertions| {
            // A result for a card since pulled out must not land on the next one.
            if insertions.get(name.as_ref()) != Some(&insertion) {
                return;
            }
            let Some(card) = status.readers.iter_mut().filter(|r| r.name == name).find_map(|r| r.card.as_mut()) else {
                return;
            };
            match &result {
                Ok(contents) => {
                    card.kind = contents.kind;
                    card.family = contents.family;
                    card.certificates = contents.certificates.clone();
                    card.pin_tries_left = contents.pin_tries_left;
                    card.via = contents.via;
                    card.read = ReadState::Done;
                }
                Err(_) => card.read = ReadState::Failed,
            }
        });
    });
    if spawned.is_err() {
        // Out of threads: say so on the card rather than leave it "reading".
        shared.update_cards(|status, insertions| {
            let shown = |reader: &Reader| insertions.get(&reader.name) == Some(&insertion);
            for card in status.readers.iter_mut().filter(|r| shown(r)).filter_map(|r| r.card.as_mut()) {
                card.read = ReadState::Failed;
            }
        });
    }
}
