//! `cargo xtask bench`: measures speed and size and prints the figures. It asserts
//! nothing: targets are compared by people, not by flaky timed tests.

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
