//! One read of one card over PC/SC, on a context of its own: shared mode, one
//! short transaction, and the card left as it was for the user's login software.

use pcsc::{Card, Context, Disposition, Error, Protocols, Scope, ShareMode, Transaction};
use std::ffi::CStr;
use std::time::Duration;

use crate::card::apdu::{CardError, Transmit};
use crate::card::{self, Contents};

/// How long another program may hold the card exclusively before we give up.
const BUSY_RETRIES: u32 = 20;
const BUSY_WAIT: Duration = Duration::from_millis(100);

/// Connects to the card in `reader`, whose answer to reset is `atr`, reads it with
/// the helper's own commands and disconnects.
pub fn read(reader: &CStr, atr: &[u8]) -> Result<Contents, CardError> {
    let context = Context::establish(Scope::User).map_err(|e| error("cannot reach the smart-card service", e))?;
    let mut card = connect(&context, reader)?;
    let contents = {
        let transaction = card.transaction().map_err(|e| error("cannot begin a transaction", e))?;
        let mut link = Link { transaction: &transaction, buffer: vec![0; pcsc::MAX_BUFFER_SIZE_EXTENDED] };
        card::read(&mut link, atr, crate::clock::now())
        // Dropping the transaction ends it, leaving the card as it is.
    };
    let _ = card.disconnect(Disposition::LeaveCard);
    contents
}

fn connect(context: &Context, reader: &CStr) -> Result<Card, CardError> {
    let mut tries = 0;
    loop {
        match context.connect(reader, ShareMode::Shared, Protocols::ANY) {
            // The login software may hold the card exclusively for a moment.
            Err(Error::SharingViolation) if tries < BUSY_RETRIES => {
                tries += 1;
                std::thread::sleep(BUSY_WAIT);
            }
            Err(e) => return Err(error("cannot connect to the card", e)),
            Ok(card) => return Ok(card),
        }
    }
}

/// Sorts PC/SC errors into the card going away and everything else.
fn error(what: &str, error: Error) -> CardError {
    match error {
        // pcsc-lite answers NotTransacted when the card vanished inside our transaction.
        Error::RemovedCard
        | Error::ResetCard
        | Error::NoSmartcard
        | Error::UnpoweredCard
        | Error::UnresponsiveCard
        | Error::NotTransacted => CardError::Gone(format!("{what}: {error}")),
        _ => CardError::Transport(format!("{what}: {error}")),
    }
}

struct Link<'a, 'tx> {
    transaction: &'a Transaction<'tx>,
    buffer: Vec<u8>,
}

impl Transmit for Link<'_, '_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
        let card: &Card = self.transaction;
        card.transmit(apdu, &mut self.buffer).map(<[u8]>::to_vec).map_err(|e| error("transmit failed", e))
    }
}
