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
    /// question before (see [`let_through_unasked`]).
    pub fn may_call_at_load(self, let_through_before: bool) -> bool {
        self != Permission::Prompt || let_through_before
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

/// What keeps the page from seeing the helper: each with its own advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Obstacle {
    /// Not installed, or not running: install or start it.
    NotRunning,
    /// The browser stopped the page (the user pressed Block, or a policy): allow the site.
    BlockedByBrowser,
    /// A plain-http site on the network: browsers let only https pages ask.
    NeedsHttps,
    /// The helper runs but does not allow this site: IT adds it to the origins file.
    OriginNotAllowed,
}

impl Obstacle {
    /// How long to wait before asking again on a timer, if that may help: the
    /// helper may be started, its origins changed, or a plain-http page's call
    /// go through once the helper runs. A browser's refusal changes only with its
    /// permission, which the page watches instead.
    pub fn retry_after_ms(self) -> Option<i32> {
        match self {
            Obstacle::NotRunning => Some(3_000),
            Obstacle::OriginNotAllowed | Obstacle::NeedsHttps => Some(15_000),
            Obstacle::BlockedByBrowser => None,
        }
    }
}

/// Why a call that failed as `failure` failed, given the permission read after it,
/// and whether this site's calls got through before without the permission
/// `granted` (on this page, or remembered from an earlier visit).
///
/// On a secure page, `denied` after a failed call is what a user pressing Block,
/// or a policy, leaves: the browser's doing. A plain-http page reads `denied`
/// always, yet Chromium lets its calls through from a private address: there a
/// failure means the helper stopped if calls got through before, and otherwise
/// that the site needs https. `prompt` after a failed call means the browser let
/// the call go without asking (from the PC itself, from private addresses), so
/// nothing answered.
pub fn why(failure: Failure, permission: Permission, site: Site, let_through_before: bool) -> Obstacle {
    match (failure, permission) {
        (Failure::OriginRefused, _) => Obstacle::OriginNotAllowed,
        (Failure::Network, Permission::Denied) if site.secure => Obstacle::BlockedByBrowser,
        (Failure::Network, Permission::Denied) if !let_through_before => Obstacle::NeedsHttps,
        (Failure::Network, _) => Obstacle::NotRunning,
    }
}

/// True when a failed call is worth asking again without CORS, to learn whether
/// the helper answered and refused this origin. Not where a secure page reads
/// `denied`: the browser stopped the call, and would stop that one too. A
/// plain-http page reads `denied` while its calls go through, so it is asked.
pub fn worth_probing(permission: Permission, site: Site) -> bool {
    !(permission == Permission::Denied && site.secure)
}

/// True when a call that went through leaves a permission that did not ask for
/// it (`prompt`, or a plain-http page's `denied`): the browser lets this site
/// through unasked, so later visits need no click, and a later failure there
/// means the helper stopped.
pub fn let_through_unasked(permission: Permission) -> bool {
    matches!(permission, Permission::Prompt | Permission::Denied)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECURE: Site = Site { secure: true };
    const PLAIN_HTTP: Site = Site { secure: false };

    #[test]
    fn an_origin_refused_is_found_out_except_where_the_browser_stopped_the_call() {
        assert!(!worth_probing(Permission::Denied, SECURE));
        assert!(worth_probing(Permission::Denied, PLAIN_HTTP), "plain http reads denied while its calls go through");
        for permission in [Permission::Granted, Permission::Prompt, Permission::Unknown] {
            assert!(worth_probing(permission, SECURE), "{permission:?}");
        }
    }

    #[test]
    fn no_call_is_made_at_load_while_the_browser_would_ask() {
        assert!(!Permission::Prompt.may_call_at_load(false));
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert!(permission.may_call_at_load(false), "{permission:?}");
        }
    }

    #[test]
    fn a_site_the_browser_let_through_unasked_needs_no_click_next_time() {
        assert!(let_through_unasked(Permission::Prompt) && let_through_unasked(Permission::Denied));
        assert!(!let_through_unasked(Permission::Granted) && !let_through_unasked(Permission::Unknown));
        assert!(Permission::Prompt.may_call_at_load(true));
    }

    #[test]
    fn a_failed_call_the_browser_let_through_means_the_helper_is_not_running() {
        for permission in [Permission::Granted, Permission::Unknown, Permission::Prompt] {
            assert_eq!(why(Failure::Network, permission, SECURE, false), Obstacle::NotRunning, "{permission:?}");
        }
    }

    #[test]
    fn a_call_the_browser_refused_on_a_secure_page_is_the_browsers_doing_even_if_it_let_calls_through_before() {
        assert_eq!(why(Failure::Network, Permission::Denied, SECURE, false), Obstacle::BlockedByBrowser);
        assert_eq!(why(Failure::Network, Permission::Denied, SECURE, true), Obstacle::BlockedByBrowser);
    }

    #[test]
    fn a_plain_http_site_is_told_about_https_unless_its_calls_got_through_before() {
        assert_eq!(why(Failure::Network, Permission::Denied, PLAIN_HTTP, false), Obstacle::NeedsHttps);
        assert_eq!(why(Failure::Network, Permission::Denied, PLAIN_HTTP, true), Obstacle::NotRunning);
        assert_eq!(why(Failure::Network, Permission::Granted, PLAIN_HTTP, false), Obstacle::NotRunning);
    }

    #[test]
    fn a_refusal_by_the_helper_names_the_origins_file_whatever_the_permission() {
        for permission in [Permission::Granted, Permission::Denied, Permission::Unknown] {
            assert_eq!(why(Failure::OriginRefused, permission, PLAIN_HTTP, false), Obstacle::OriginNotAllowed);
        }
    }

    #[test]
    fn only_failures_that_can_mend_themselves_are_retried_on_a_timer() {
        assert_eq!(Obstacle::NotRunning.retry_after_ms(), Some(3_000));
        assert!(Obstacle::OriginNotAllowed.retry_after_ms().is_some() && Obstacle::NeedsHttps.retry_after_ms().is_some());
        assert_eq!(Obstacle::BlockedByBrowser.retry_after_ms(), None);
    }

    #[test]
    fn permission_states_read_as_the_browser_names_them() {
        for state in ["granted", "prompt", "denied"] {
            assert_eq!(Permission::from_state(state).as_str(), state);
        }
        assert_eq!(Permission::from_state("something new"), Permission::Unknown);
    }
}
