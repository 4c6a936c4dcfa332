//! `veiviser-helper doctor`: the same diagnosis as the API, as plain text for a
//! person on the phone with the helpdesk.

use std::sync::Arc;
use std::time::Duration;

use crate::state::{Service, Shared, Status};

/// Watches the readers briefly and describes what is there.
pub fn report() -> String {
    let shared = Arc::new(Shared::new());
    crate::watch::spawn(Arc::clone(&shared));
    // The first look at the readers arrives almost at once; give cards a moment to be read.
    let first = shared.wait_after(0, Duration::from_secs(3));
    let status = shared.wait_after(first.seq, Duration::from_millis(300));
    describe(&status)
}

/// Plain-text description of a status.
pub fn describe(status: &Status) -> String {
    let mut out = format!("veiviser-helper {}\n", status.version);
    match status.service {
        Service::Ok => out.push_str("Smart card service: running\n"),
        Service::NotRunning => {
            out.push_str("Smart card service: NOT RUNNING\n");
            out.push_str("What to do: plug in the card reader; on Linux start pcscd; on Windows check the Smart Card service.\n");
            return out;
        }
        Service::Error => {
            out.push_str("Smart card service: ERROR\nWhat to do: restart the PC; if it persists, call the helpdesk.\n");
            return out;
        }
    }
    if status.readers.is_empty() {
        out.push_str("Readers: none found\nWhat to do: plug in the card reader and run doctor again.\n");
    }
    for reader in &status.readers {
        out.push_str(&format!("Reader: {}\n", reader.name));
        match &reader.card {
            None => out.push_str("  Card: none\n"),
            Some(card) => {
                out.push_str(&format!("  Card: present ({:?}), ATR {}\n", card.kind, card.atr));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_service_says_what_to_do() {
        let text = describe(&Shared::new().snapshot());
        assert!(text.contains("NOT RUNNING"));
        assert!(text.contains("What to do"));
    }
}
