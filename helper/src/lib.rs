//! veiviser-helper: a read-only bridge from the browser to the card reader.
//!
//! Data flows one way: a PC/SC event ([`watch`]) updates the card state
//! ([`state`]), a card is read once when inserted ([`reader`], [`card`], with
//! [`piv`], [`pkcs15`], [`idprime`] and [`cert`] as plain functions over
//! [`apdu::Transmit`]; [`family`] names it by its ATR; on Windows, [`cardstore`]
//! asks the OS for the certificates of a card the helper cannot read itself),
//! and every HTTP request ([`api`], served by [`server`] over hyper) is
//! answered from that state. Nothing here sends a PIN or signs.

pub mod api;
pub mod apdu;
pub mod card;
pub mod cardstore;
pub mod cert;
pub mod config;
pub mod doctor;
pub mod family;
pub mod idprime;
pub mod inflate;
pub mod log;
pub mod piv;
pub mod pkcs15;
pub mod reader;
pub mod server;
pub mod state;
pub mod tlv;
pub mod watch;
#[cfg(windows)]
pub mod windows;
