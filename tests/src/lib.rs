//! Test harness of Veiviser: a real pcscd with the vpcd virtual reader, a card
//! simulator that speaks vpcd's protocol, and a client for the helper's API.

pub mod helper;
pub mod pcscd;
pub mod vpcd;
