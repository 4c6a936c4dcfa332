//! `cargo xtask bench`: measures speed and size and prints the figures. It asserts
//! nothing: targets are compared by people, not by flaky timed tests.
//!
//! The Rust tasks are here; what runs in a browser, beside the helper or as a
//! WebAssembly page is in `tests/bench/` (Node scripts run from `tests/`, and two
//! Rust programs that xtask cannot link itself). Where each figure comes from:
//!
//! - parse and check of the shipped and synthetic guides, natively (`--native`
//!   runs only these): [`guides::native`];
//! - first visits (bytes, first heading), step changes, parse and check in the
//!   browser: `tests/bench/site.mjs`, on the site served by xtask ([`guides::site`]);
//! - the size floor of a guide page: `tests/bench/floor.rs`, the app crate's
//!   example `floor`, built and measured by [`floor`];
//! - Veiviser beside mdBook, cold, on loopback and on slow 4G: `tests/bench/side_by_side.mjs`,
//!   both sites built and served by [`mdbook`];
//! - Lighthouse, mobile and desktop, on nginx: `tests/bench/lighthouse.mjs`;
//! - card inserted → the page showing it, through pcscd, the helper and Chromium:
//!   `tests/bench/live.mjs`;
//! - the helper (insertion to event, reading an IDPrime card, status latency,
//!   requests per second, memory, idle CPU, binary size): `tests/bench/helper.rs`,
//!   the tests crate's `helper-bench`, run by [`helper`], which adds the Windows
//!   binary's size.

mod floor;
mod guides;
mod helper;
mod mdbook;

/// Installs (or checks for) what only the benchmark uses: mdBook, to measure the site against.
pub fn provision() -> Result<(), String> {
    mdbook::provision()
}

/// Runs every benchmark and prints its figures.
pub fn bench(native_only: bool) -> Result<(), String> {
    guides::native()?;
    if native_only {
        return Ok(());
    }
    guides::site()?;
    helper::bench()?;
    Ok(())
}
