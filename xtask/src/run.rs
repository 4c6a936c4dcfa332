//! `cargo xtask run`: the site on http://127.0.0.1:PORT and the helper beside it.

use std::process::{Child, Command};
use std::sync::mpsc;
use std::time::Duration;

use crate::command::{cargo, on_path, root, run as run_command, say};
use crate::serve::Site;
use crate::{setup, site};

/// Builds and serves the site, starts the helper, and stops both on Ctrl-C.
pub fn run(port: u16) -> Result<(), String> {
    // Claim the ports first: a busy one is reported before minutes of building.
    let site = Site::start(&site::dist_dir(), port, "/")?;
    ensure_free(HELPER_PORT, "the helper")?;
    let tools = setup::for_site()?;
    setup::for_helper()?;
    site::dist(&tools)?;
    say("Building the helper (veiviser-helper)");
    run_command(
        cargo()
            .current_dir(root())
            .args(["build", "--quiet", "--package=veiviser-helper"]),
        "building the helper",
    )?;

    let mut helper = start_helper(&site.url)?;

    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;

    if !pcscd_running() {
        say("pcscd is not running: the helper will say the card service is not running until it starts (as root: `pcscd`)");
    }
    println!(
        "\n  Veiviser is running: {}\n  The helper answers on http://127.0.0.1:{HELPER_PORT}\n  Press Ctrl-C to stop.\n",
        site.url
    );
    let _ = stopped.recv();
    say("Stopping the site and the helper");
    let _ = helper.kill();
    let _ = helper.wait();
    site.stop();
    Ok(())
}

/// The helper's default port, which the site's Content Security Policy allows.
const HELPER_PORT: u16 = 17320;

fn ensure_free(port: u16, what: &str) -> Result<(), String> {
    std::net::TcpListener::bind(("127.0.0.1", port)).map(drop).map_err(|_| {
        format!("port {port} on 127.0.0.1, needed by {what}, is already in use (is another `cargo xtask run` or veiviser-helper running?)")
    })
}

fn start_helper(site_url: &str) -> Result<Child, String> {
    let origin = site_url.trim_end_matches('/');
    let mut helper = Command::new(root().join("target/debug/veiviser-helper"))
        .args(["--allow-origin", origin])
        .spawn()
        .map_err(|e| format!("cannot start veiviser-helper: {e}"))?;
    // A helper that cannot bind its port exits at once with its own clear message.
    std::thread::sleep(Duration::from_millis(300));
    if let Ok(Some(status)) = helper.try_wait() {
        return Err(format!("the helper stopped at once ({status}); see its message above"));
    }
    Ok(helper)
}

fn pcscd_running() -> bool {
    on_path("pgrep") && Command::new("pgrep").args(["-x", "pcscd"]).output().is_ok_and(|o| o.status.success())
}
