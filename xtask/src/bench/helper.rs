//! Benchmarks of veiviser-helper: insertion to event, reading an IDPrime card, status latency, requests
//! per second, memory, idle CPU and size. xtask cannot link PC/SC, so it builds
//! the helper and `helper-bench` (tests/bench/helper.rs, a binary of the tests
//! crate, with its simulated cards) in release mode and lets that drive the helper
//! binary through a real pcscd.

use std::path::PathBuf;
use std::process::Command;

use crate::command::{cargo, root, run, say};
use crate::setup;

/// Prints the helper's figures.
pub fn bench() -> Result<(), String> {
    setup::for_helper()?;
    setup::apt(&["pcscd", "vsmartcard-vpcd"], "pcscd and the vpcd virtual reader for the simulated cards")?;
    say("Building the helper and its benchmark (release)");
    run(
        cargo().current_dir(root()).args([
            "build",
            "--release",
            "--quiet",
            "--bin=veiviser-helper",
            "--bin=helper-bench",
        ]),
        "building the helper and helper-bench",
    )?;
    let release = target_dir().join("release");
    let helper = release.join("veiviser-helper");
    say("Benchmarking the helper against pcscd + vpcd with simulated PIV and IDPrime cards (about 40 s)");
    run(
        Command::new(release.join("helper-bench")).arg("--helper").arg(&helper),
        "the helper benchmark (helper-bench)",
    )?;
    let exe = target_dir().join("x86_64-pc-windows-gnu/release/veiviser-helper.exe");
    match std::fs::metadata(&exe) {
        Ok(meta) => println!("binary size, Windows: {:.2} MB ({})", meta.len() as f64 / 1e6, exe.display()),
        Err(_) => println!("binary size, Windows: not built (cargo xtask helper-windows)"),
    }
    Ok(())
}

/// Cargo's target directory, as the build sees it.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if PathBuf::from(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}
