//! `cargo xtask helper-windows`: cross-builds veiviser-helper.exe for
//! x86_64-pc-windows-gnu with Debian's MinGW-w64 linker, and packs it into
//! `target/windows/veiviser-helper.msi` with wixl (Debian's msitools) from
//! `helper/windows/veiviser-helper.wxs`. No Windows standard library is
//! installed (rustup's cannot be downloaded here and Debian's
//! `libstd-rust-dev-windows` matches only its old rustc), so Debian's second
//! toolchain (rustc-web, with the library source in rust-web-src) builds std
//! itself with build-std, as for wasm.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{root, run, say};
use crate::setup;

const TARGET: &str = "x86_64-pc-windows-gnu";

/// Where the installer and its inputs are written.
pub fn out_dir() -> PathBuf {
    target_dir().join("windows")
}

/// Builds the helper and its installer; returns the MSI's path.
pub fn build() -> Result<PathBuf, String> {
    let exe = exe()?;
    msi(&exe, env!("CARGO_PKG_VERSION"), &out_dir().join("veiviser-helper.msi"))
}

/// Installs (or checks for) the cross-build's tools: MinGW-w64, Debian's Rust with its source, wixl.
pub fn provision() -> Result<(), String> {
    setup::apt(
        &["gcc-mingw-w64-x86-64", "rustc-web", "cargo-web", "rust-web-src"],
        "MinGW-w64 to link for Windows, and Debian's Rust with its source to build std for Windows",
    )?;
    setup::apt(&["wixl"], "wixl (msitools) builds the helper's MSI installer")
}

/// Packs `exe` into an MSI of version `version` at `out`, with wixl.
pub fn msi(exe: &Path, version: &str, out: &Path) -> Result<PathBuf, String> {
    provision()?;
    let dir = out.parent().ok_or("the MSI needs a folder")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // wixl takes the file's Source relative to where it runs.
    std::fs::copy(exe, dir.join("veiviser-helper.exe")).map_err(|e| format!("cannot copy {}: {e}", exe.display()))?;
    let template = root().join("helper/windows/veiviser-helper.wxs");
    let wxs = std::fs::read_to_string(&template).map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let wxs_path = dir.join("veiviser-helper.wxs");
    std::fs::write(&wxs_path, wxs.replace("@VERSION@", version).replace("@EXE@", "veiviser-helper.exe"))
        .map_err(|e| format!("cannot write {}: {e}", wxs_path.display()))?;
    run(
        Command::new("wixl").args(["-a", "x64", "-o"]).arg(out).arg(&wxs_path).current_dir(dir),
        "building the MSI with wixl",
    )?;
    say(&format!("Built {} (version {version})", out.display()));
    Ok(out.to_path_buf())
}

/// Builds the Windows helper and returns the path of the .exe.
pub fn exe() -> Result<PathBuf, String> {
    provision()?;
    if !crate::toolchain::debian_ready() {
        return Err(
            "Debian's rustc-web is installed but /usr/lib/rustlib/src/rust/library is missing (rust-web-src)".into()
        );
    }
    say(&format!(
        "Cross-building veiviser-helper.exe ({TARGET}, std built from source; the first build takes a few minutes)"
    ));
    // Debian's cargo and rustc first; the rest of PATH for the linker and tools.
    let mut path = vec![PathBuf::from("/usr/bin")];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(path).map_err(|e| format!("cannot build PATH: {e}"))?;
    let mut command = Command::new("/usr/bin/cargo");
    command
        .current_dir(root())
        .env("PATH", path)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTC", "/usr/bin/rustc")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER", "x86_64-w64-mingw32-gcc")
        // No MinGW DLLs to ship beside the .exe.
        .env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS", "-C target-feature=+crt-static")
        .args(["build", "--release", "--package=veiviser-helper", "--bin=veiviser-helper"])
        .args(["--target", TARGET, "-Zbuild-std=std,panic_abort"]);
    run(&mut command, "the Windows build of the helper")?;
    let exe = target_dir().join(TARGET).join("release/veiviser-helper.exe");
    let bytes =
        std::fs::read(&exe).map_err(|e| format!("the build ended but {} cannot be read: {e}", exe.display()))?;
    if !bytes.starts_with(b"MZ") {
        return Err(format!("{} is not a Windows executable", exe.display()));
    }
    say(&format!("Built {} ({:.1} MB)", exe.display(), bytes.len() as f64 / 1e6));
    Ok(exe)
}

/// Cargo's target directory, as the build sees it.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if PathBuf::from(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}
