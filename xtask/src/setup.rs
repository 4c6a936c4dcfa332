//! Installs what the tasks need, from the package registries only, and only what
//! is missing: a second run takes seconds.
//!
//! Only `setup`, and `run` and `test` (which the README promises set up everything
//! themselves), install; the other tasks check the same things and, for anything
//! missing, say which command installs it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use crate::command::{cargo, on_path, output, root, run, say};
use crate::toolchain::{self, Wasm};

const TRUNK_VERSION: &str = "0.21.14";

/// Debian packages and why each group is needed.
/// OpenSC: a card client no one here wrote, which must read the IDPrime simulator as the helper does.
const TEST_PACKAGES: &[&str] = &["chromium", "chromium-driver", "pcscd", "vsmartcard-vpcd", "opensc", "procps"];
const HELPER_PACKAGES: &[&str] = &["libpcsclite-dev", "pkg-config"];
const NODE_PACKAGES: &[&str] = &["nodejs", "npm"];

/// Whether this task may install what is missing (see the module's comment).
static MAY_INSTALL: AtomicBool = AtomicBool::new(false);

/// Lets this task install what is missing; without it, a missing tool is an error
/// that names `cargo xtask setup`.
pub fn may_install() {
    MAY_INSTALL.store(true, Ordering::Relaxed);
}

/// `Ok` when installing `what` may go ahead, else the error that says how to get it.
fn install_allowed(what: &str, why: &str) -> Result<(), String> {
    if installing() {
        Ok(())
    } else {
        Err(format!("{what} is missing ({why}): run `cargo xtask setup` to install it"))
    }
}

/// Whether this task may try rustup's wasm32 target (an install that may hang offline).
pub fn installing() -> bool {
    MAY_INSTALL.load(Ordering::Relaxed)
}

/// The tools found or installed, and how to run them.
pub struct Tools {
    pub wasm: Wasm,
    /// PATH for wasm builds: npm's wasm-opt, then the wasm toolchain, cargo's bin, the rest.
    pub wasm_path: OsString,
}

impl Tools {
    /// A command with the wasm build environment.
    pub fn wasm_command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.wasm_path);
        for (key, value) in self.wasm.env() {
            command.env(key, value);
        }
        command
    }
}

/// What building the site needs: the wasm toolchain, Trunk, wasm-bindgen, wasm-opt.
pub fn for_site() -> Result<Tools, String> {
    let wasm = toolchain::choose()?;
    let mut packages: Vec<&str> = wasm.packages().to_vec();
    if !on_path("npm") {
        packages.extend(NODE_PACKAGES);
    }
    apt(&packages, "the WebAssembly toolchain and Node.js")?;
    if matches!(wasm, Wasm::Debian { .. }) && !toolchain::debian_ready() {
        return Err("Debian's rustc-web is installed but /usr/lib/rustlib/src/rust/library is missing (rust-web-src)".into());
    }
    cargo_install("trunk", TRUNK_VERSION, true, "Trunk builds the web app")?;
    let bindgen = wasm_bindgen_version()?;
    cargo_install("wasm-bindgen-cli", &bindgen, false, "wasm-bindgen generates the app's JavaScript glue")?;
    npm_ci(&root().join("xtask"), "wasm-opt (npm binaryen) shrinks the web bundle")?;
    let mut path = vec![root().join("xtask/node_modules/.bin")];
    path.extend(wasm.path_first());
    path.push(cargo_bin());
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let wasm_path = std::env::join_paths(path).map_err(|e| format!("cannot build PATH: {e}"))?;
    Ok(Tools { wasm, wasm_path })
}

/// What running the helper needs: PC/SC headers to build it, pcscd to talk to.
pub fn for_helper() -> Result<(), String> {
    apt(HELPER_PACKAGES, "PC/SC for the helper")?;
    apt(&["pcscd"], "the smart-card service the helper talks to")
}

/// Everything `cargo xtask test` uses.
pub fn everything() -> Result<Tools, String> {
    let tools = for_site()?;
    for_helper()?;
    apt(TEST_PACKAGES, "Chromium, ChromeDriver, pcscd, the vpcd virtual reader and OpenSC for the tests")?;
    npm_ci(&root().join("tests"), "Playwright for the browser tests")?;
    Ok(tools)
}

pub fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version() -> Result<String, String> {
    locked_version("wasm-bindgen")
}

/// The version of `package` that Cargo.lock pins, as `cargo metadata` reads the lock.
fn locked_version(package: &str) -> Result<String, String> {
    let mut command = cargo();
    command.current_dir(root()).args(["metadata", "--format-version=1", "--locked"]);
    let out = command.output().map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    version_in(&metadata, package).ok_or_else(|| format!("Cargo.lock has no {package} package"))
}

/// The version of the registry package `name` among `cargo metadata`'s packages.
fn version_in(metadata: &serde_json::Value, name: &str) -> Option<String> {
    metadata["packages"].as_array()?.iter().find(|p| p["name"] == name)?["version"].as_str().map(str::to_owned)
}

/// Installs `krate@version` with `cargo install` unless that version is there.
pub fn cargo_install(krate: &str, version: &str, locked: bool, why: &str) -> Result<(), String> {
    let binary = if krate == "wasm-bindgen-cli" { "wasm-bindgen" } else { krate };
    let installed = output(Command::new(cargo_bin().join(binary)).arg("--version"));
    // `trunk 0.21.14`, `wasm-bindgen 0.2.130`, `mdbook v0.4.52`.
    if installed.as_deref().and_then(|v| v.split_whitespace().nth(1)).map(|v| v.trim_start_matches('v')) == Some(version) {
        return Ok(());
    }
    install_allowed(&format!("{krate} {version}"), why)?;
    say(&format!("Installing {krate} {version} with cargo install ({why}; takes a few minutes, once)"));
    let mut command = cargo();
    command.args(["install", "--force"]);
    if locked {
        command.arg("--locked");
    }
    command.arg(format!("{krate}@{version}"));
    run(&mut command, &format!("installing {krate} {version}"))
}

/// The oldest Node.js the browser tests run on (Playwright needs 20).
const NODE_MAJOR: u32 = 20;

/// Fails with what to do when Node.js is older than the tests need.
fn check_node() -> Result<(), String> {
    let version = output(Command::new("node").arg("--version")).ok_or("cannot run `node --version`: is Node.js installed?")?;
    let major = version.trim_start_matches('v').split('.').next().and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(major) if major >= NODE_MAJOR => Ok(()),
        _ => Err(format!(
            "Node.js {version} is too old: the browser tests (Playwright) need Node.js {NODE_MAJOR} or later (Debian 12's nodejs package is 18)"
        )),
    }
}

/// Runs `npm ci` in `dir` unless its node_modules was installed from exactly this
/// package.json and package-lock.json (their SHA-256 is kept beside it), so an
/// edited manifest or lock is installed, and an out-of-sync pair fails here.
fn npm_ci(dir: &Path, why: &str) -> Result<(), String> {
    check_node()?;
    let read = |name: &str| std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()));
    let mut hasher = Sha256::new();
    for name in ["package.json", "package-lock.json"] {
        let bytes = read(name)?;
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let fingerprint: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>() + "\n";
    let marker = dir.join("node_modules/.veiviser-installed");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == fingerprint) {
        return Ok(());
    }
    install_allowed(&format!("the npm packages of {} (or they changed)", dir.display()), why)?;
    say(&format!("Installing npm packages in {} ({why})", dir.display()));
    run(
        Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(dir),
        &format!("npm ci in {}", dir.display()),
    )?;
    std::fs::write(&marker, fingerprint).map_err(|e| format!("cannot write {}: {e}", marker.display()))
}

/// Installs the Debian packages of `packages` that are missing.
pub fn apt(packages: &[&str], why: &str) -> Result<(), String> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    install_allowed(&format!("Debian packages {}", missing.join(" ")), why)?;
    say(&format!("Installing Debian packages {} ({why})", missing.join(" ")));
    let sudo: &[&str] = if is_root() {
        &[]
    } else if on_path("sudo") {
        &["sudo"]
    } else {
        return Err(format!("these packages are missing and installing them needs root: apt-get install {}", missing.join(" ")));
    };
    let apt_get = |args: &[&str]| {
        let mut command = Command::new(sudo.first().copied().unwrap_or("apt-get"));
        if !sudo.is_empty() {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt_get(&["update", "-qq"]), "apt-get update")?;
    let mut install = apt_get(&["install", "-y", "-qq"]);
    install.args(&missing);
    run(&mut install, &format!("apt-get install {}", missing.join(" ")))
}

fn dpkg_installed(package: &str) -> bool {
    output(Command::new("dpkg-query").args(["-W", "-f=${db:Status-Abbrev}", package])).is_some_and(|s| s.starts_with("ii"))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_version_is_read_from_cargo_metadatas_packages() {
        let metadata = serde_json::json!({"packages": [
            {"name": "wasm-bindgen-macro", "version": "0.2.1"},
            {"name": "wasm-bindgen", "version": "0.2.100"}
        ]});
        assert_eq!(version_in(&metadata, "wasm-bindgen").as_deref(), Some("0.2.100"));
        assert_eq!(version_in(&metadata, "trunk"), None);
    }

    #[test]
    fn the_workspaces_lock_pins_the_wasm_bindgen_the_cli_must_match() {
        let version = wasm_bindgen_version().unwrap();
        assert!(version.starts_with("0.2."), "{version}");
    }

    #[test]
    fn a_task_that_does_not_install_names_the_command_that_does() {
        // MAY_INSTALL is false in tests: nothing here calls may_install().
        let error = install_allowed("Debian packages nginx", "to serve the site").unwrap_err();
        assert!(error.contains("cargo xtask setup") && error.contains("nginx"), "{error}");
    }
}
