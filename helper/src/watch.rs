//! Watches PC/SC for readers and cards coming and going, and keeps the shared
//! state in step. Changes come from `SCardGetStatusChange`, not from a timer;
//! only a service that is not running is retried on a timer, as nothing
//! announces that it has started.

use pcsc::{Context, Error, ReaderState, Scope, State, PNP_NOTIFICATION};
use std::collections::BTreeMap;
use std::ffi::CString;
use std::sync::Arc;
use std::time::Duration;

use crate::state::{Card, CardKind, Reader, Service, Shared};

/// How long to wait before trying an unreachable service again.
const RETRY: Duration = Duration::from_millis(500);
/// Longest single wait; a timeout just waits again.
const WAIT: Duration = Duration::from_secs(60);

/// Starts the watcher thread.
pub fn spawn(shared: Arc<Shared>) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("pcsc-watch".into())
        .spawn(move || run(&shared))
        .expect("the watcher thread starts")
}

/// What the service being unreachable or broken means for the status.
fn service_for(error: Error) -> Service {
    match error {
        Error::NoService | Error::ServiceStopped | Error::CommError | Error::NoReadersAvailable => Service::NotRunning,
        _ => Service::Error,
    }
}

fn run(shared: &Shared) {
    loop {
        let error = match Context::establish(Scope::User) {
            Ok(context) => match watch(&context, shared) {
                Ok(never) => match never {},
                Err(error) => error,
            },
            Err(error) => error,
        };
        // NoService, ServiceStopped, InvalidHandle and the like: forget what we knew
        // and establish a new context.
        shared.update(|status| {
            status.service = service_for(error);
            status.readers.clear();
        });
        std::thread::sleep(RETRY);
    }
}

/// Follows one context until it fails.
fn watch(context: &Context, shared: &Shared) -> Result<std::convert::Infallible, Error> {
    let mut states = vec![ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE)];
    let mut cards: BTreeMap<CString, Option<Card>> = BTreeMap::new();
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

        match context.get_status_change(WAIT, &mut states) {
            Ok(()) | Err(Error::Timeout) => {}
            Err(error) => return Err(error),
        }
        for state in states.iter_mut() {
            let event = state.event_state();
            if state.name() == PNP_NOTIFICATION() || !event.contains(State::CHANGED) {
                state.sync_current_state();
                continue;
            }
            let name = state.name().to_owned();
            let card = if event.contains(State::PRESENT) && !event.contains(State::MUTE) {
                Some(read_card(state.atr()))
            } else {
                None
            };
            cards.insert(name, card);
            state.sync_current_state();
        }
    }
}

/// Describes the card whose answer to reset is `atr`.
fn read_card(atr: &[u8]) -> Card {
    Card { atr: hex(atr), kind: CardKind::Unknown, certificates: Vec::new(), pin_tries_left: None }
}

fn publish(shared: &Shared, names: &[CString], cards: &BTreeMap<CString, Option<Card>>) {
    let readers = names
        .iter()
        .map(|name| Reader {
            name: name.to_string_lossy().into_owned(),
            card: cards.get(name).cloned().flatten(),
        })
        .collect();
    shared.update(|status| {
        status.service = Service::Ok;
        status.readers = readers;
    });
}

/// Lower-case hex, as the API reports ATRs.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
