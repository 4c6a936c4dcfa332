//! The page's one connection to veiviser-helper on 127.0.0.1: its status first,
//! then every change through its long poll.
//!
//! It asks the browser before it asks the helper. While the browser's Local
//! Network Access permission is `prompt`, nothing is sent until the user
//! presses the button ([`Helper::ask`]), so the browser's question comes when
//! the user expects it. A call that fails is read together with the permission
//! ([`network_access::why`]), so a browser's refusal is never reported as a missing helper.
//! Started only by the views that show the helper, so other pages never knock.

use leptos::prelude::*;

use veiviser_guide::live::network_access::{self, Failure, Obstacle, Permission};
use veiviser_guide::live::Status;

use crate::browser::{document, loopback, permission, storage, timer};

/// Kept when a call from this site went through while the browser's permission
/// read `prompt`: the browser does not gate this site, so later visits need no click.
const LET_THROUGH: &str = "veiviser.helper.let-through";

/// How often to read the permission again while the browser refuses.
const PERMISSION_MS: i32 = 2_000;
/// A long poll answered sooner than this, unchanged, waits this long before the next.
const QUICK_MS: i32 = 1_000;

/// What the page knows of the helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelperState {
    /// Reading the browser's permission, or waiting for the first answer.
    Checking,
    /// The browser would ask the user first: nothing is sent until they press the button.
    NeedsClick,
    /// The page cannot see the helper, and why.
    Unreachable(Obstacle),
    /// What the helper sees.
    Seen(Status),
}

/// The page's view of the helper, shared by the views that show it.
#[derive(Clone, Copy)]
pub struct Helper {
    state: RwSignal<HelperState>,
    /// The browser's permission as last read; `None` before it is read.
    permission: RwSignal<Option<Permission>>,
    /// The port, from the organisation's settings once they are read.
    port: Signal<u16>,
    /// False where the organisation has deployed no helper (`live_check` in the settings).
    live_check: Signal<bool>,
    /// Bumped by every start of the follow loop; an older loop sees it and ends.
    run: StoredValue<u32>,
}

impl Helper {
    /// Makes the helper on `port` available to the views of this page, not followed yet.
    ///
    /// The browser's permission is read when a view starts following the helper,
    /// and the state it leads to is set in the same turn: until then a view shows
    /// a placeholder the size of "press to check" (the likeliest first state), never
    /// "connecting…" replaced a moment later (a layout shift).
    pub fn provide(port: Signal<u16>, live_check: Signal<bool>) -> Helper {
        let helper = Helper {
            state: RwSignal::new(HelperState::Checking),
            permission: RwSignal::new(None),
            port,
            live_check,
            run: StoredValue::new(0),
        };
        provide_context(helper);
        helper
    }

    /// What the page knows of the helper now.
    pub fn state(self) -> ReadSignal<HelperState> {
        self.state.read_only()
    }

    /// True once a view has started following the helper on this page.
    pub fn started(self) -> bool {
        self.run.try_get_value().is_some_and(|run| run > 0)
    }

    /// The browser's permission as last read.
    pub fn permission(self) -> ReadSignal<Option<Permission>> {
        self.permission.read_only()
    }

    /// False where the organisation has deployed no helper: steps then show no live panel.
    pub fn live_check(self) -> bool {
        self.live_check.get_untracked()
    }

    /// The port the helper answers on.
    pub fn port(self) -> u16 {
        self.port.get_untracked()
    }

    /// The user asked (a click): call the helper now, even if the browser asks them first.
    pub fn ask(self) {
        self.start(true);
    }

    fn start(self, clicked: bool) {
        let run = self.run.get_value() + 1;
        self.run.set_value(run);
        // Known already to need a click: say so now; `follow` reads it again.
        let wait_for_click = !clicked
            && self.permission.get_untracked().is_some_and(|p| !p.may_call_at_load(storage::get(LET_THROUGH).is_some()));
        self.set(if wait_for_click { HelperState::NeedsClick } else { HelperState::Checking });
        leptos::task::spawn_local(async move {
            follow(self, run, clicked).await;
        });
    }

    /// False once a newer loop has started, or the page has gone.
    fn is_run(self, run: u32) -> bool {
        self.run.try_get_value() == Some(run)
    }

    /// What `step` came to, or `None` if loop `run` was replaced (or the page went)
    /// while it waited: the newer loop says what is so.
    async fn current<T>(self, run: u32, step: impl std::future::Future<Output = T>) -> Option<T> {
        let outcome = step.await;
        self.is_run(run).then_some(outcome)
    }

    fn set(self, state: HelperState) {
        if self.state.try_with_untracked(|s| *s != state) == Some(true) {
            self.state.try_set(state);
        }
    }

    async fn read_permission(self) -> Permission {
        let permission = permission::local_network().await;
        if self.permission.try_get_untracked() != Some(Some(permission)) {
            self.permission.try_set(Some(permission));
        }
        permission
    }
}

/// The page's helper, followed from the first view that uses it on.
pub fn use_helper() -> Helper {
    let helper = expect_context::<Helper>();
    if helper.run.get_value() == 0 {
        helper.start(false);
    }
    helper
}

/// Asks for the status, then waits for each change. When a call fails, says why
/// and asks again: on a timer where that may help, or once the browser's
/// permission changes where the browser refused. Ends (`None`) at the first wait
/// after which a newer loop has replaced it, or the page has gone.
async fn follow(helper: Helper, run: u32, clicked: bool) -> Option<()> {
    let site = permission::site();
    let permission = helper.current(run, helper.read_permission()).await?;
    let remembered = storage::get(LET_THROUGH).is_some();
    if !clicked && !permission.may_call_at_load(remembered) {
        helper.set(HelperState::NeedsClick);
        return Some(());
    }
    let mut let_through = remembered;
    let mut seq = None;
    loop {
        let port = helper.port.try_get_untracked()?;
        if seq.is_some() {
            // A hidden tab holds no long poll: browsers allow only a few connections to 127.0.0.1.
            helper.current(run, document::until_shown()).await?;
        }
        let url = match seq {
            None => veiviser_api::status_url(port),
            Some(seq) => veiviser_api::events_url(port, seq),
        };
        let asked = timer::now_ms();
        match helper.current(run, call(&url)).await? {
            Ok(status) => {
                if seq == Some(status.seq) && timer::now_ms() - asked < f64::from(QUICK_MS) {
                    // A long poll answered at once, unchanged (the helper had no room to wait): not a busy loop.
                    helper.current(run, timer::sleep(QUICK_MS)).await?;
                }
                seq = Some(status.seq);
                helper.set(HelperState::Seen(status));
                if !let_through {
                    let_through = true;
                    if network_access::let_through_unasked(helper.current(run, helper.read_permission()).await?) {
                        storage::set(LET_THROUGH, "yes");
                    }
                }
            }
            Err(()) => {
                seq = None;
                let (permission, failure) = helper
                    .current(run, async {
                        let permission = helper.read_permission().await;
                        let worth = network_access::worth_probing(permission, site);
                        (permission, if worth { probe(port).await } else { Failure::Network })
                    })
                    .await?;
                let why = network_access::why(failure, permission, site, let_through);
                if why == Obstacle::BlockedByBrowser {
                    storage::remove(LET_THROUGH);
                }
                helper.set(HelperState::Unreachable(why));
                match why.retry_after_ms() {
                    Some(ms) => helper.current(run, timer::sleep(ms)).await?,
                    // Only the user (site settings) or IT (a policy) can change this: no
                    // call until the browser no longer refuses.
                    None => loop {
                        helper.current(run, timer::sleep(PERMISSION_MS)).await?;
                        match helper.current(run, helper.read_permission()).await? {
                            Permission::Denied => continue,
                            // Reset to "ask": the browser would ask again, after a click.
                            Permission::Prompt => {
                                helper.set(HelperState::NeedsClick);
                                return Some(());
                            }
                            Permission::Granted | Permission::Unknown => break,
                        }
                    },
                }
            }
        }
    }
}

/// One call to the helper: its status, or no usable answer.
async fn call(url: &str) -> Result<Status, ()> {
    let text = loopback::get(url).await.ok_or(())?;
    serde_json::from_str(&text).map_err(|_| ())
}

/// After a failed call: a second call without CORS tells a helper that refuses
/// this origin (it answers, opaquely) from no answer at all.
async fn probe(port: u16) -> Failure {
    if loopback::answers_unread(&veiviser_api::status_url(port)).await { Failure::OriginRefused } else { Failure::Network }
}
