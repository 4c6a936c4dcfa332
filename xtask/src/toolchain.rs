//! Which Rust toolchain builds for the browser, and with what environment.
//!
//! rustup's wasm32 target is used when it is installed or installs quickly.
//! Offline, `rustup target add` hangs, so the fallback is Debian's second
//! toolchain (rustc-web, with the standard library's source in rust-web-src),
//! building std itself (build-std) and linking with rustup's rust-lld for the
//! host the build runs on.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::command::{output, root, say};

/// How long `rustup target add` may take before we give up on it.
const RUSTUP_TIMEOUT: Duration = Duration::from_secs(15);
const TARGET: &str = "wasm32-unknown-unknown";

/// The environment that builds wasm32.
#[derive(Debug, Clone)]
pub enum Wasm {
    /// rustup's toolchain with its wasm32 standard library.
    Rustup,
    /// Debian's rustc-web in /usr/bin, building std; `lld` is rustup's rust-lld.
    Debian { lld: PathBuf },
}

impl Wasm {
    /// Environment variables a wasm build needs.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        match self {
            Wasm::Rustup => Vec::new(),
            Wasm::Debian { lld } => vec![
                ("RUSTC_BOOTSTRAP", "1".into()),
                ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort".into()),
                ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", lld.display().to_string()),
            ],
        }
    }

    /// Directories that must come first on PATH (Debian's cargo and rustc).
    pub fn path_first(&self) -> Vec<PathBuf> {
        match self {
            Wasm::Rustup => Vec::new(),
            Wasm::Debian { .. } => vec![PathBuf::from("/usr/bin")],
        }
    }

    /// Debian packages this toolchain needs.
    pub fn packages(&self) -> &'static [&'static str] {
        match self {
            Wasm::Rustup => &[],
            Wasm::Debian { .. } => &["rustc-web", "cargo-web", "rust-web-src"],
        }
    }
}

/// rustup's sysroot of the toolchain that runs xtask.
fn rustup_sysroot() -> Option<PathBuf> {
    output(Command::new("rustc").args(["--print", "sysroot"])).map(PathBuf::from)
}

/// How long a failed `rustup target add` is remembered before it is tried again.
const RETRY_RUSTUP_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Picks the wasm toolchain. When rustup's target is missing it is tried, and a
/// failure is remembered for a day, so offline runs do not wait on it every time
/// and a machine that comes online gets rustup's target the next day.
pub fn choose() -> Result<Wasm, String> {
    let sysroot = rustup_sysroot().ok_or("cannot run `rustc --print sysroot`: is Rust installed with rustup?")?;
    if sysroot.join("lib/rustlib").join(TARGET).is_dir() {
        return Ok(Wasm::Rustup);
    }
    let marker = root().join("target/xtask/rustup-wasm-unavailable");
    let failed_lately = std::fs::metadata(&marker)
        .and_then(|m| m.modified())
        .is_ok_and(|at| at.elapsed().is_ok_and(|age| age < RETRY_RUSTUP_AFTER));
    // Only a task that installs tries rustup; the others use Debian's toolchain when it is there.
    if !failed_lately && crate::setup::installing() && rustup_target_add() {
        let _ = std::fs::remove_file(&marker);
        return Ok(Wasm::Rustup);
    }
    if !failed_lately && crate::setup::installing() {
        let _ = std::fs::create_dir_all(marker.parent().expect("marker has a parent"));
        let _ = std::fs::write(&marker, "rustup could not install wasm32-unknown-unknown; using Debian's rustc-web\n");
    }
    let host = host_triple().ok_or("cannot read the host triple from `rustc -vV`")?;
    let lld = sysroot.join("lib/rustlib").join(&host).join("bin/rust-lld");
    if !lld.exists() {
        return Err(format!("rust-lld not found at {}: the rustup toolchain should ship it", lld.display()));
    }
    Ok(Wasm::Debian { lld })
}

/// The triple rustc builds for by default (`x86_64-unknown-linux-gnu`, `aarch64-unknown-linux-gnu`).
fn host_triple() -> Option<String> {
    let verbose = output(Command::new("rustc").arg("-vV"))?;
    verbose.lines().find_map(|line| line.strip_prefix("host: ")).map(str::to_owned)
}

fn rustup_target_add() -> bool {
    say(&format!(
        "Trying `rustup target add {TARGET}` (up to {} s; offline it cannot finish)",
        RUSTUP_TIMEOUT.as_secs()
    ));
    let added = Command::new("timeout")
        .arg(RUSTUP_TIMEOUT.as_secs().to_string())
        .args(["rustup", "target", "add", TARGET])
        .status()
        .is_ok_and(|s| s.success());
    if !added {
        say("rustup's wasm32 target is out of reach: building the standard library with Debian's rustc-web instead");
    }
    added
}

/// True when Debian's toolchain can build std (used to report a clear error).
pub fn debian_ready() -> bool {
    Path::new("/usr/bin/cargo").exists() && Path::new("/usr/lib/rustlib/src/rust/library/std").is_dir()
}
