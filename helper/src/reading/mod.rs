//! Reading the card in a reader: the I/O around the pure [`crate::card`] protocol.
//! The helper's own reading commands go over PC/SC ([`pcsc`]); on Windows, a card
//! that gave no certificates that way is asked of the OS's card store ([`cardstore`]).

use std::ffi::CStr;

use crate::card::apdu::CardError;
use crate::card::Contents;

pub mod cardstore;
pub mod pcsc;

/// Reads the card in `reader`, whose answer to reset is `atr`, once. On Windows a
/// card that gave no certificates over PC/SC is asked of the OS's card store.
pub fn read(reader: &CStr, atr: &[u8]) -> Result<Contents, CardError> {
    let contents = pcsc::read(reader, atr)?;
    #[cfg(windows)]
    {
        let name = reader.to_string_lossy();
        let ask = || cardstore::windows::read(&name);
        let (contents, error) = cardstore::complete(contents, ask, crate::clock::now());
        if let Some(error) = error {
            crate::log::line(&format!("asking Windows' card store about the card in {name}: {error}"));
        }
        return Ok(contents);
    }
    #[cfg(not(windows))]
    Ok(contents)
}
