//! Live checks at run time: what the helper on the user's PC reports, and
//! whether the page may ask it at all. The [`verdict`] judges the helper's
//! status against a step's declared [`LiveCheck`](crate::model::live_check::LiveCheck);
//! [`network_access`] reads the browser's Local Network Access permission to
//! tell why a call to the helper failed.
//!
//! The status is the helper's wire format, `veiviser-api`, re-exported here:
//! the page reads exactly the types the helper writes.

pub mod network_access;
pub mod verdict;

pub use veiviser_api::{diagnose, Card, CardFamily, CardKind, Certificate, Fault, Purpose, ReadState, ReadVia, Reader, Service, Status};
