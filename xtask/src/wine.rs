//! The Windows installer tested under Wine (Debian's wine 8.0): a fresh Wine
//! prefix, the MSI built by [`crate::windows`] and a newer one of the same
//! helper, and `tests/tests/windows_installer.rs` driving `wine msiexec`.
//!
//! Wine 8.0 lacks `bcryptprimitives.dll`, which Rust's std calls (Windows 10 and
//! later have it): a test-only shim (`tests/windows/bcryptprimitives.c`) goes
//! into the prefix's system32. The MSI never ships it.

use std::path::Path;
use std::process::Command;

use crate::command::{cargo, root, run, say};
use crate::{setup, windows};

/// Installs (or checks for) Wine.
pub fn provision() -> Result<(), String> {
    setup::apt(&["wine", "wine64", "procps"], "Wine runs the Windows installer and helper in the tests")
}

/// Installs Wine, prepares the prefix, and runs the installer tests.
pub fn test(msi: &Path) -> Result<(), String> {
    provision()?;
    let dir = windows::out_dir().join("wine");
    let prefix = dir.join("prefix");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    fresh_prefix(&prefix)?;
    let shim = prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
    run(
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(&shim)
            .arg(root().join("tests/windows/bcryptprimitives.c"))
            .args(["-ladvapi32", "-Wl,--kill-at"]),
        "building the test-only bcryptprimitives.dll for Wine",
    )?;
    // The same helper as a newer version, to prove that it replaces the older.
    let newer_version = newer(env!("CARGO_PKG_VERSION"));
    let newer = windows::msi(&windows::out_dir().join("veiviser-helper.exe"), &newer_version, &dir.join("newer/veiviser-helper.msi"))?;
    run(
        cargo()
            .current_dir(root())
            .args(["test", "-p", "veiviser-tests", "--test", "windows_installer", "--", "--ignored", "--test-threads=1"])
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .env("VEIVISER_MSI", msi)
            .env("VEIVISER_MSI_NEWER", &newer)
            .env("VEIVISER_MSI_NEWER_VERSION", &newer_version),
        "the installer tests under Wine",
    )
}

/// Makes a fresh Wine prefix at `prefix`: no installation left over from an earlier run.
///
/// The first `wineboot` on a machine where Wine was just installed once exited 1
/// with nothing printed, and the same command then passed: a failed boot is
/// tried once more from scratch, with Wine's error messages on.
fn fresh_prefix(prefix: &Path) -> Result<(), String> {
    say("Preparing a fresh Wine prefix");
    let boot = |debug: &str| {
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", prefix).status();
        if prefix.exists() {
            std::fs::remove_dir_all(prefix).map_err(|e| format!("cannot remove {}: {e}", prefix.display()))?;
        }
        run(
            Command::new("wineboot").arg("-i").env("WINEPREFIX", prefix).env("WINEDEBUG", debug),
            "creating the Wine prefix (wineboot)",
        )
    };
    boot("-all").or_else(|first| {
        say(&format!("{first}; trying once more from scratch, with Wine's error messages"));
        boot("err+all,fixme-all").map_err(|second| format!("{second}, twice"))
    })
}

/// `version` with its last number one higher: 0.1.0 → 0.1.1.
fn newer(version: &str) -> String {
    let (head, last) = version.rsplit_once('.').unwrap_or(("", version));
    let next = last.parse::<u32>().map_or(1, |n| n + 1);
    if head.is_empty() { next.to_string() } else { format!("{head}.{next}") }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_newer_version_counts_up_the_last_number() {
        assert_eq!(super::newer("0.1.0"), "0.1.1");
        assert_eq!(super::newer("1.9"), "1.10");
    }
}
