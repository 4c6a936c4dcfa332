//! Test harness of Veiviser: a real pcscd with the vpcd virtual reader, a card
//! simulator that speaks vpcd's protocol with simulated PIV and PKCS#15 cards, and
//! a client for the helper's API.

pub mod cards;
pub mod helper;
pub mod pcscd;
pub mod stack;
pub mod vpcd;
