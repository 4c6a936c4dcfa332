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
    /// would ask, a call at page load would raise its prompt out of the blue;
    /// `let_through_before` says a call from this site went through without any
    /// question while the state read `prompt` (see [`Permission::lets_through_unasked`]).
    pub fn may_call_at_load(self, let_through_before: bool) -> bool {
        self != Permission::Prompt || let_through_before
    }

    /// True when a call that went through leaves this state: the browser did not
    /// gate the call at all (Chromium from the PC itself and from private
    /// addresses), so later visits need no click. A browser that asked and was
    /// allowed says `granted` instead.
    pub fn lets_through_unasked(self) -> bool {
        self == Permission::Prompt
    }
}

/// Where the page is served from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    /// `window.isSecureContext`: https, or the PC itself. Browsers let only a
    /// secure page on the network ask a program on the PC.
    pub secure: bool,
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
///
/// A browser that stopped the call says `denied` afterwards: that is what a user
/// pressing Block, or a policy, leaves. `prompt` after a failed call means the
/// browser let the call go without asking (Chromium does so from the PC itself
/// and from private addresses), so nothing answered.
pub fn why(failure: Failure, permission: Permission, site: Site) -> Unreachable {
    match (failure, permission) {
        (Failure::OriginRefused, _) => Unreachable::OriginNotAllowed,
        (Failure::Network, Permission::Denied) if !site.secure => Unreachable::NeedsHttps,
        (Failure::Network, Permission::Denied) => Unreachable::BlockedByBrowser,
        (Failure::Network, Permission::Granted | Permission::Prompt | Permission::Unknown) => Unreachable::NotRunning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECURE: Site = Site { secure: true };
    const PLAIN_HTTP: Site = Site { secure: false };

    #[test]
    fn no_call_is_made_at_load_while_the_browser_would_ask() {
        assert!(!Permission::Prompt.may_call_at_load(false));
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert!(permission.may_call_at_load(false), "{permission:?}");
        }
    }

    #[test]
    fn a_site_the_browser_let_through_unasked_needs_no_click_next_time() {
        assert!(Permission::Prompt.lets_through_unasked());
        assert!(!Permission::Granted.lets_through_unasked() && !Permission::Denied.lets_through_unasked());
        assert!(Permission::Prompt.may_call_at_load(true));
    }

    #[test]
    fn a_failed_call_the_browser_let_through_means_the_helper_is_not_running() {
        for permission in [Permission::Granted, Permission::Unknown, Permission::Prompt] {
            assert_eq!(why(Failure::Network, permission, SECURE), Unreachable::NotRunning, "{permission:?}");
        }
    }

    #[test]
    fn a_call_the_browser_refused_is_the_browsers_doing_not_a_missing_helper() {
        assert_eq!(why(Failure::Network, Permission::Denied, SECURE), Unreachable::BlockedByBrowser);
    }

    #[test]
    fn a_plain_http_site_on_the_network_is_told_to_move_to_https() {
        assert_eq!(why(Failure::Network, Permission::Denied, PLAIN_HTTP), Unreachable::NeedsHttps);
        assert_eq!(why(Failure::Network, Permission::Granted, PLAIN_HTTP), Unreachable::NotRunning);
    }

    #[test]
    fn a_refusal_by_the_helper_names_the_origins_file_whatever_the_permission() {
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert_eq!(why(Failure::OriginRefused, permission, PLAIN_HTTP), Unreachable::OriginNotAllowed);
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
    }
}
