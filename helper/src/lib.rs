//! veiviser-helper: a read-only bridge from the browser to the card reader.
//!
//! Data flows one way: a PC/SC event ([`watch`]) updates the card state
//! ([`state`]), a card is read once when inserted ([`reading`]: over PC/SC, or
//! on Windows from the OS's card store) with the card protocol of [`card`] (plain
//! functions over [`card::apdu::Transmit`], one file per card family), and every
//! HTTP request ([`api`], served by [`server`] over hyper) is answered from that
//! state. Nothing here sends a PIN or signs.

pub mod api;
pub mod card;
pub mod clock;
pub mod config;
pub mod doctor;
pub mod log;
pub mod reading;
pub mod server;
pub mod state;
pub mod watch;
#[cfg(windows)]
pub mod windows;
