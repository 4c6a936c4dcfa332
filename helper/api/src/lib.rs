//! The wire format between `veiviser-helper` and the page: what `GET /v1/status`
//! answers ([`status`]), where the helper listens, and one judgement of a status
//! ([`diagnosis`]) that the helper's `doctor` and the page's diagnostics word alike.
//!
//! Both sides depend on this crate, so a field renamed here is renamed for both.
//! Every enum has a fall-back variant: a newer helper never breaks an older page.

pub mod diagnosis;
pub mod origin;
pub mod status;

pub use diagnosis::{diagnose, Fault};
pub use status::{Card, CardFamily, CardKind, Certificate, Purpose, ReadState, ReadVia, Reader, Service, Status};

/// The port the helper answers on unless its `--port` and the site's settings name another.
pub const DEFAULT_PORT: u16 = 17320;

/// The ports the helper may answer on: none of the privileged ones below 1024.
pub const PORTS: std::ops::RangeInclusive<u16> = 1024..=u16::MAX;

/// `number` as a port the helper may answer on, or `None`.
pub fn helper_port(number: u64) -> Option<u16> {
    u16::try_from(number).ok().filter(|port| PORTS.contains(port))
}

/// What [`PORTS`] allows, for messages: "a port from 1024 to 65535".
pub fn ports_rule() -> String {
    format!("a port from {} to {}", PORTS.start(), PORTS.end())
}

/// The current status, answered at once.
pub const STATUS_PATH: &str = "/v1/status";

/// The status once it changes after `?after=SEQ`, or after [`LONG_POLL_SECS`].
pub const EVENTS_PATH: &str = "/v1/events";

/// The longest a `GET /v1/events` waits before answering with the unchanged status.
pub const LONG_POLL_SECS: u64 = 25;

/// The helper's base URL for `port`: always the IPv4 loopback, never a name.
pub fn base_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

/// The long poll's URL for a status last seen with `seq`.
pub fn events_url(port: u16, seq: u64) -> String {
    format!("{}{EVENTS_PATH}?after={seq}", base_url(port))
}

/// The status URL.
pub fn status_url(port: u16) -> String {
    format!("{}{STATUS_PATH}", base_url(port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_loopback_address_and_the_port() {
        assert_eq!(status_url(DEFAULT_PORT), "http://127.0.0.1:17320/v1/status");
        assert_eq!(events_url(17321, 4), "http://127.0.0.1:17321/v1/events?after=4");
    }

    #[test]
    fn privileged_and_impossible_ports_are_no_helper_ports() {
        assert_eq!(helper_port(17320), Some(17320));
        assert_eq!(helper_port(1024), Some(1024));
        assert_eq!(helper_port(1023), None);
        assert_eq!(helper_port(65536), None);
        assert_eq!(ports_rule(), "a port from 1024 to 65535");
    }
}
