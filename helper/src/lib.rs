//! veiviser-helper: a read-only bridge from the browser to the card reader.
//!
//! Data flows one way: a PC/SC event ([`watch`]) updates the card state
//! ([`state`]), and every HTTP request ([`api`], served by [`server`]) is answered
//! from that state. Nothing here sends a PIN or signs.

pub mod api;
pub mod config;
pub mod doctor;
pub mod server;
pub mod state;
pub mod watch;
