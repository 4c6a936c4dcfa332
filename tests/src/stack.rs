//! The whole stack for one test: its own pcscd with the vpcd readers, and the
//! helper in-process. pcscd's socket is one per machine, so the tests that use it
//! take turns: [`Stack::start`] waits for the previous test's stack to be gone.

use std::sync::{Mutex, MutexGuard};

use crate::helper::Helper;
use crate::pcscd::Pcscd;
use crate::vpcd::{self, CardApp, Inserted};

/// The first virtual reader's name.
pub const READER_0: &str = "Virtual PCD 00 00";
/// The second virtual reader's name.
pub const READER_1: &str = "Virtual PCD 00 01";

static TURN: Mutex<()> = Mutex::new(());

/// pcscd and a helper; dropping it stops both (the helper first).
pub struct Stack {
    pub helper: Helper,
    pub pcscd: Pcscd,
    _turn: MutexGuard<'static, ()>,
}

impl Stack {
    /// Starts pcscd and a helper allowing `origins`, once no other test of this binary uses them.
    pub fn start(origins: &[&str]) -> Stack {
        // A test that failed while holding the turn must not fail the others.
        let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pcscd = Pcscd::start().unwrap_or_else(|e| panic!("{e}"));
        let helper = Helper::start(origins);
        Stack { helper, pcscd, _turn: turn }
    }

    /// Inserts `card` into virtual reader `reader` (0 or 1).
    pub fn insert(&self, reader: u16, card: impl CardApp) -> Inserted {
        vpcd::insert(self.pcscd.vpcd_port + reader, card).expect("vpcd accepts the card")
    }
}

/// Takes the pcscd turn without starting anything (for tests that start pcscd late).
pub fn turn() -> MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
