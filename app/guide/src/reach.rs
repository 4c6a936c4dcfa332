//! Whether the page may ask the helper on 127.0.0.1, and why it could not: the
//! browser's Local Network Access permission, the site's address, and what the
//! call did. A failed call alone cannot tell a stopped helper from a browser
//! that blocked it; the permission state can, so every failure is read with it.

/// The browser's Local Network Access permission for this site, as
/// `navigator.permissions.query` answers for `loopback-network`, else `local-network-access`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    /// The browser will ask the user on the first call.
    Prompt,
    Denied,
    /// The browser knows neither name: it does not gate calls to the PC (or cannot tell).
    Unknown,
}

impl Permission {
    /// The permission from a `PermissionStatus.state` (`granted`, `prompt`, `denied`).
    pub fn from_state(state: &str) -> Permission {
        match state {
            "granted" => Permission::Granted,
            "prompt" => Permission::Prompt,
            "denied" => Permission::Denied,
            _ => Permission::Unknown,
        }
    }

    /// The state's name, as the browser gives it (`unknown` when it gives none).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Granted => "granted",
            Permission::Prompt => "prompt",
            Permission::Denied => "denied",
            Permission::Unknown => "unknown",
        }
    }

    /// True when the page may call the helper without a click. While the browser
    /// would ask, a call at page load would raise its prompt out of the blue.
    pub fn may_call_at_load(self) -> bool {
        self != Permission::Prompt
    }
}

/// Where the page is served from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    /// `window.isSecureContext`: https, or the PC itself.
    pub secure: bool,
    /// Served from the PC itself (127.0.0.1, localhost, ::1): no gate applies.
    pub loopback: bool,
}

impl Site {
    /// The site at `hostname`, secure or not.
    pub fn new(hostname: &str, secure: bool) -> Site {
        let loopback = matches!(hostname, "127.0.0.1" | "localhost" | "[::1]" | "::1");
        Site { secure, loopback }
    }
}

/// How a call to the helper failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No answer at all: nothing listens, or the browser stopped the call.
    Network,
    /// Something answered without CORS for this site: the helper runs and refuses this origin.
    OriginRefused,
}

/// Why the page cannot see the helper: each with its own advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// Not installed, or not running: install or start it.
    NotRunning,
    /// The browser stopped the page (the user pressed Block, or a policy): allow the site.
    BlockedByBrowser,
    /// A plain-http site on the network: browsers let only https pages ask.
    NeedsHttps,
    /// The helper runs but does not allow this site: IT adds it to the origins file.
    OriginNotAllowed,
}

impl Unreachable {
    /// True when trying again on a timer may help: the helper may be started, or
    /// its origins changed. A browser's refusal changes only with its permission.
    pub fn retry_on_timer(self) -> bool {
        matches!(self, Unreachable::NotRunning | Unreachable::OriginNotAllowed)
    }
}

/// Why a call that failed as `failure` failed, given the permission read after it.
pub fn why(failure: Failure, permission: Permission, site: Site) -> Unreachable {
    match (failure, permission) {
        (Failure::OriginRefused, _) => Unreachable::OriginNotAllowed,
        // The browser let the call go: nothing answered.
        (Failure::Network, Permission::Granted | Permission::Unknown) => Unreachable::NotRunning,
        // A page on the PC itself is never gated: nothing answered.
        (Failure::Network, _) if site.loopback => Unreachable::NotRunning,
        (Failure::Network, _) if !site.secure => Unreachable::NeedsHttps,
        (Failure::Network, Permission::Prompt | Permission::Denied) => Unreachable::BlockedByBrowser,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC_HTTPS: Site = Site { secure: true, loopback: false };
    const INTRANET_HTTP: Site = Site { secure: false, loopback: false };

    #[test]
    fn no_call_is_made_at_load_while_the_browser_would_ask() {
        assert!(!Permission::Prompt.may_call_at_load());
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert!(permission.may_call_at_load(), "{permission:?}");
        }
    }

    #[test]
    fn a_failed_call_with_permission_granted_means_the_helper_is_not_running() {
        assert_eq!(why(Failure::Network, Permission::Granted, PUBLIC_HTTPS), Unreachable::NotRunning);
        assert_eq!(why(Failure::Network, Permission::Unknown, PUBLIC_HTTPS), Unreachable::NotRunning);
    }

    #[test]
    fn a_failed_call_without_permission_is_the_browsers_doing_not_a_missing_helper() {
        assert_eq!(why(Failure::Network, Permission::Denied, PUBLIC_HTTPS), Unreachable::BlockedByBrowser);
        assert_eq!(why(Failure::Network, Permission::Prompt, PUBLIC_HTTPS), Unreachable::BlockedByBrowser);
    }

    #[test]
    fn a_plain_http_site_on_the_network_is_told_to_move_to_https() {
        assert_eq!(why(Failure::Network, Permission::Denied, INTRANET_HTTP), Unreachable::NeedsHttps);
        let on_the_pc = Site::new("127.0.0.1", true);
        assert_eq!(why(Failure::Network, Permission::Denied, on_the_pc), Unreachable::NotRunning);
    }

    #[test]
    fn a_refusal_by_the_helper_names_the_origins_file_whatever_the_permission() {
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert_eq!(why(Failure::OriginRefused, permission, INTRANET_HTTP), Unreachable::OriginNotAllowed);
        }
    }

    #[test]
    fn only_failures_that_can_mend_themselves_are_retried_on_a_timer() {
        assert!(Unreachable::NotRunning.retry_on_timer() && Unreachable::OriginNotAllowed.retry_on_timer());
        assert!(!Unreachable::BlockedByBrowser.retry_on_timer() && !Unreachable::NeedsHttps.retry_on_timer());
    }

    #[test]
    fn permission_states_read_as_the_browser_names_them() {
        for state in ["granted", "prompt", "denied"] {
            assert_eq!(Permission::from_state(state).as_str(), state);
        }
        assert_eq!(Permission::from_state("something new"), Permission::Unknown);
        assert!(Site::new("localhost", true).loopback && !Site::new("intranet.example", true).loopback);
    }
}
