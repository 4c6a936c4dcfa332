//! Builds the deployable static site (dist/) with Trunk.

use std::path::PathBuf;
use std::process::Command;

use crate::command::{root, run, say};
use crate::setup::Tools;

/// Where the built site goes.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Builds the web app for release and assembles dist/.
pub fn dist(tools: &Tools) -> Result<(), String> {
    say("Building the web app for the browser (wasm32; the first build takes a few minutes)");
    // Trunk runs cargo offline; a plain build first fetches what build-std needs.
    run(
        release(tools.wasm_command("cargo")).current_dir(root()).args([
            "build",
            "--quiet",
            "--target=wasm32-unknown-unknown",
            "--package=veiviser-app",
            "--bin=veiviser-app",
            "--profile=web",
        ]),
        "building the web app",
    )?;
    say("Assembling dist/ with Trunk");
    run(
        release(tools.wasm_command("trunk")).current_dir(root()).args(["build", "--release"]).env("NO_COLOR", "true"),
        "trunk build",
    )?;
    check_no_inline_script()?;
    say(&format!("The site is in {}: copy it to any static web server", dist_dir().display()));
    Ok(())
}

/// Flags that keep Debug formatting and panic locations out of the release bundle
/// (about 14 KB gzip of strings). They are unstable, hence RUSTC_BOOTSTRAP, which
/// the offline toolchain needs anyway. Both builds above must use the same flags.
fn release(mut command: Command) -> Command {
    command.env("RUSTC_BOOTSTRAP", "1").env("CARGO_ENCODED_RUSTFLAGS", "-Zfmt-debug=none\x1f-Zlocation-detail=none");
    command
}

/// The Content Security Policy allows no inline script; make sure none slipped in.
fn check_no_inline_script() -> Result<(), String> {
    let index = dist_dir().join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    for tag in html.split("<script").skip(1) {
        let open = tag.split('>').next().unwrap_or_default();
        if !open.contains("src=") {
            return Err(format!("{} has an inline <script>, which the Content Security Policy forbids", index.display()));
        }
    }
    Ok(())
}
