//! Simulated cards for vpcd: PIV, PKCS#15 and IDPrime cards holding certificates
//! made in the test, a Buypass-like card that answers nothing, and a log of every
//! APDU sent to them, so that a test fails if the helper ever sends a card anything
//! but reading commands.

use std::sync::{Arc, Mutex};

pub mod certs;
pub mod idprime;
pub mod named;
pub mod piv;
pub mod pkcs15;

/// Every APDU a simulated card received, shared with the test.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<Vec<u8>>>>);

impl Log {
    /// Records one command APDU.
    pub fn record(&self, apdu: &[u8]) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(apdu.to_vec());
    }

    /// Every APDU so far.
    pub fn apdus(&self) -> Vec<Vec<u8>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Fails the test if any APDU would spend a PIN try, sign, authenticate or
    /// change the card. `empty_verify_allowed` is for PIV, where an empty VERIFY
    /// only reads the retry counter.
    pub fn assert_read_only(&self, empty_verify_allowed: bool) {
        for apdu in self.apdus() {
            let ins = apdu.get(1).copied().unwrap_or(0);
            let what = match ins {
                0x20 if empty_verify_allowed && apdu.len() == 4 => continue,
                0x20 => "VERIFY",
                0x2A => "PERFORM SECURITY OPERATION (sign/decipher)",
                0x88 => "INTERNAL AUTHENTICATE",
                0x87 => "GENERAL AUTHENTICATE",
                0x22 => "MANAGE SECURITY ENVIRONMENT",
                0x24 => "CHANGE REFERENCE DATA",
                0x2C => "RESET RETRY COUNTER",
                0xD6 | 0xD0 | 0xDA | 0xDB | 0xE0 | 0xE4 => "a write",
                _ => continue,
            };
            panic!("the helper sent {what} to the card: {apdu:02X?}");
        }
    }

    /// Fails the test unless every APDU is a read: SELECT, READ BINARY, GET DATA,
    /// GET RESPONSE, or a VERIFY with no data (4 bytes: it only asks for the counter).
    pub fn assert_only_reads(&self) {
        for apdu in self.apdus() {
            let read = match apdu.get(1) {
                Some(0xA4 | 0xB0 | 0xCA | 0xCB | 0xC0) => apdu[0] & 0xF0 == 0x00,
                Some(0x20) => apdu.len() == 4,
                _ => false,
            };
            assert!(read, "the helper sent a card a command that is not a read: {apdu:02X?}");
        }
    }
}
