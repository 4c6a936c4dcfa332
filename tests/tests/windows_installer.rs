//! The helper as IT deploys it on Windows, under Wine: the MSI installs silently
//! with `ALLOWED_ORIGINS` and `PORT`, puts the file, the logon Run value and the
//! settings where they belong; the installed helper (a GUI program: no console
//! window) answers the allowed origin and refuses another, logs both, prints
//! `doctor`, runs once per session; a newer MSI replaces it; uninstalling leaves
//! no file, no Run value, no settings and no process.
//!
//! Run by `cargo xtask test` after the Windows build (it sets WINEPREFIX and the
//! MSIs' paths); a plain `cargo test` skips it. Wine 8.0's winscard is a stub, so
//! the card path is covered by the Linux tests of the same code.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use veiviser_tests::helper::{raw, status_of};

/// The helper's port in these tests, given to the MSI as `PORT`.
const PORT: u16 = 17331;
const ALLOWED: &str = "http://127.0.0.1:8080";
const INSTALLED: &str = r"C:\Program Files\Veiviser\veiviser-helper.exe";
const RUN_KEY: &str = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run";
const SETTINGS_KEY: &str = r"HKLM\SOFTWARE\Veiviser\Helper";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run this test with `cargo xtask test`"))
}

fn prefix() -> PathBuf {
    PathBuf::from(env("WINEPREFIX"))
}

fn wine(args: &[&str]) -> Output {
    Command::new("wine").args(args).output().unwrap_or_else(|e| panic!("cannot run wine {args:?}: {e}"))
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// `wine reg query KEY /v NAME`: the value's data, if it is there.
fn registry(key: &str, name: &str) -> Option<String> {
    let out = wine(&["reg", "query", key, "/v", name]);
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    out.lines().find_map(|line| line.trim().strip_prefix(name)?.trim().strip_prefix("REG_SZ").map(|v| v.trim().to_owned()))
}

/// A path inside the Wine prefix's C: drive.
fn drive_c(path: &str) -> PathBuf {
    prefix().join("drive_c").join(path.trim_start_matches(r"C:\").replace('\\', "/"))
}

fn msiexec(args: &[&str]) {
    let out = wine(&[&["msiexec"][..], args].concat());
    assert!(out.status.success(), "msiexec {args:?}: {}", text(&out));
}

/// Helper processes that run now (Wine shows them under their Windows path).
fn helpers_running() -> usize {
    let out = Command::new("pgrep").args(["-f", "veiviser-helper.exe"]).output().expect("pgrep runs");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

/// Waits until `done` holds, or `limit` passes; true if it held.
fn until(limit: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

/// Waits until a helper answers on `port`, or `limit` passes.
fn answering(port: u16, limit: Duration) -> bool {
    until(limit, || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok())
}

/// The `version` a helper on `PORT` reports.
fn version() -> String {
    let answer = get_status(ALLOWED);
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(body).map(|v| v["version"].as_str().unwrap_or_default().to_owned()).unwrap_or_default()
}

fn get_status(origin: &str) -> String {
    let request = format!("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n");
    raw(([127, 0, 0, 1], PORT).into(), request.as_bytes(), Duration::from_secs(10))
}

/// The products Windows lists as installed under the name "Veiviser helper", with their versions.
fn installed_versions() -> Vec<String> {
    let out = wine(&["reg", "query", r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall", "/s"]);
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    listing
        .split("\n\n")
        .filter(|entry| entry.contains("Veiviser helper"))
        .filter_map(|entry| entry.lines().find_map(|l| l.trim().strip_prefix("DisplayVersion")?.trim().strip_prefix("REG_SZ").map(|v| v.trim().to_owned())))
        .collect()
}

/// The Windows subsystem a PE file asks for (2: GUI, 3: console).
fn subsystem(exe: &Path) -> u16 {
    let bytes = std::fs::read(exe).unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    let pe = u32::from_le_bytes(bytes[0x3c..0x40].try_into().unwrap()) as usize;
    assert_eq!(&bytes[pe..pe + 4], b"PE\0\0", "{} is not a PE file", exe.display());
    u16::from_le_bytes(bytes[pe + 0x5c..pe + 0x5e].try_into().unwrap())
}

struct Started(Child);

impl Drop for Started {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs Wine and the MSI: run by `cargo xtask test`"]
fn the_msi_installs_silently_runs_as_a_windows_program_upgrades_and_uninstalls_without_a_trace() {
    let (msi, newer) = (env("VEIVISER_MSI"), env("VEIVISER_MSI_NEWER"));

    // Installed silently, per machine, with the public properties.
    msiexec(&["/i", &msi, "/qn", &format!("ALLOWED_ORIGINS={ALLOWED} https://intranet.example"), &format!("PORT={PORT}")]);
    let exe = drive_c(INSTALLED);
    assert!(exe.is_file(), "{} is installed", exe.display());
    assert_eq!(subsystem(&exe), 2, "a GUI program: no console window at logon");
    assert_eq!(registry(RUN_KEY, "Veiviser helper").as_deref(), Some(format!("\"{INSTALLED}\"").as_str()));
    assert_eq!(registry(SETTINGS_KEY, "AllowedOrigins").as_deref(), Some("http://127.0.0.1:8080 https://intranet.example"));
    assert_eq!(registry(SETTINGS_KEY, "Port").as_deref(), Some(PORT.to_string().as_str()));
    assert_eq!(installed_versions(), [env!("CARGO_PKG_VERSION")]);

    // The installed helper, as the Run value starts it: no arguments.
    let helper = Started(Command::new("wine").arg(INSTALLED).spawn().expect("wine starts the helper"));
    assert!(answering(PORT, Duration::from_secs(30)), "the installed helper answers on the MSI's port {PORT}");
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    let allowed = get_status(ALLOWED);
    assert_eq!(status_of(&allowed), 200, "{allowed}");
    assert!(allowed.contains(&format!("Access-Control-Allow-Origin: {ALLOWED}\r\n")), "{allowed}");
    assert_eq!(status_of(&get_status("https://evil.example")), 403);

    let doctor = wine(&[INSTALLED, "doctor"]);
    let printed = String::from_utf8_lossy(&doctor.stdout);
    assert!(printed.contains("Smart card service:"), "doctor prints: {}", text(&doctor));
    assert!(printed.contains("Pages allowed to ask: http://127.0.0.1:8080, https://intranet.example"), "{printed}");
    assert!(printed.contains(&format!("Pages ask on: http://127.0.0.1:{PORT}\n")), "the MSI's port: {printed}");

    let second = wine(&[INSTALLED]);
    assert_eq!(second.status.code(), Some(3), "{}", text(&second));
    assert!(text(&second).contains("already running in this session"), "{}", text(&second));

    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    let log = std::fs::read_to_string(drive_c(&format!(r"C:\users\{user}\AppData\Local\Veiviser\helper.log"))).expect("the helper keeps a log");
    assert!(log.contains(&format!("started on http://127.0.0.1:{PORT}")), "{log}");
    assert!(log.contains("refused a page from https://evil.example"), "{log}");
    assert!(log.contains("already running in this session"), "{log}");

    // A port written by Group Policy Preferences as a number (REG_DWORD) is read too.
    let dword = wine(&["reg", "add", SETTINGS_KEY, "/v", "Port", "/t", "REG_DWORD", "/d", "17332", "/f"]);
    assert!(dword.status.success(), "{}", text(&dword));
    let doctor_port = wine(&[INSTALLED, "doctor"]);
    let printed = String::from_utf8_lossy(&doctor_port.stdout);
    assert!(printed.contains("Pages ask on: http://127.0.0.1:17332\n"), "a REG_DWORD port is read: {}", text(&doctor_port));
    let _ = wine(&["reg", "add", SETTINGS_KEY, "/v", "Port", "/t", "REG_SZ", "/d", &PORT.to_string(), "/f"]);

    // A newer MSI replaces the older one, and stops the helper that ran from it.
    msiexec(&["/i", &newer, "/qn", &format!("ALLOWED_ORIGINS={ALLOWED}"), &format!("PORT={PORT}")]);
    assert_eq!(installed_versions(), [env("VEIVISER_MSI_NEWER_VERSION")], "one product, the newer");
    assert!(exe.is_file());
    assert!(until(Duration::from_secs(10), || helpers_running() == 0), "the upgrade stopped the running helper");
    drop(helper);

    // Uninstalled: nothing is left, and no helper runs.
    let again = Started(Command::new("wine").arg(INSTALLED).spawn().expect("wine starts the helper"));
    assert!(answering(PORT, Duration::from_secs(30)), "the upgraded helper answers");
    msiexec(&["/x", &newer, "/qn"]);
    assert!(!exe.exists() && !exe.parent().unwrap().exists(), "no file and no folder left");
    assert_eq!(registry(RUN_KEY, "Veiviser helper"), None, "no Run value left");
    assert_eq!(registry(SETTINGS_KEY, "AllowedOrigins"), None, "no settings left");
    assert!(installed_versions().is_empty());
    assert!(until(Duration::from_secs(10), || helpers_running() == 0), "a helper still runs after the uninstall");
    drop(again);
}
