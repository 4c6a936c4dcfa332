//! A real pcscd for the tests, with the vpcd virtual reader on ports of its own.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// pcsc-lite's daemon keeps one socket per machine, so only one can run.
const SOCKET: &str = "/run/pcscd/pcscd.comm";

/// A pcscd started by the tests; stopped when dropped.
pub struct Pcscd {
    child: Option<Child>,
    config_dir: PathBuf,
    /// vpcd's port for the first virtual reader (the second is one more).
    pub vpcd_port: u16,
}

impl Pcscd {
    /// Starts pcscd with vpcd listening on a free port, and waits until its readers are up.
    pub fn start() -> Result<Pcscd, String> {
        if let Some(pid) = running_pcscd() {
            return Err(format!(
                "a pcscd is already running (pid {pid}); the card tests need their own: stop it (for example `systemctl stop pcscd.socket pcscd`) and run again"
            ));
        }
        let vpcd_port = free_port_pair()?;
        let config_dir = std::env::temp_dir().join(format!("veiviser-pcscd-{}", std::process::id()));
        std::fs::create_dir_all(&config_dir).map_err(|e| format!("cannot create {}: {e}", config_dir.display()))?;
        let conf = format!(
            "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x{vpcd_port:X}\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x{vpcd_port:X}\n"
        );
        std::fs::write(config_dir.join("vpcd"), conf).map_err(|e| format!("cannot write the vpcd configuration: {e}"))?;
        let mut pcscd = Pcscd { child: None, config_dir, vpcd_port };
        pcscd.resume()?;
        Ok(pcscd)
    }

    /// Stops the daemon (the tests of a service that goes away use this).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the daemon again with the same readers.
    pub fn resume(&mut self) -> Result<(), String> {
        let _ = std::fs::remove_file(SOCKET);
        let child = Command::new("pcscd")
            .args(["--foreground", "--config"])
            .arg(&self.config_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start pcscd (install the pcscd package): {e}"))?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(context) = pcsc::Context::establish(pcsc::Scope::User) {
                if context.list_readers_owned().map(|r| r.len() >= 2).unwrap_or(false) {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err("pcscd started but its vpcd readers did not appear within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Pcscd {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.config_dir);
    }
}

fn running_pcscd() -> Option<String> {
    let out = Command::new("pgrep").args(["-x", "pcscd"]).output().ok()?;
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (!pid.is_empty()).then_some(pid.lines().next().unwrap_or_default().to_owned())
}

/// A port p with p+1 also free (vpcd's two readers). Looked for below the
/// ephemeral range (32768 and up on Linux): there, outgoing connections of other
/// tests (thousands in TIME_WAIT after a flood test) never hold the second port.
fn free_port_pair() -> Result<u16, String> {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let start = 20_000 + (seed ^ std::process::id()) % 10_000;
    for offset in 0..2_000 {
        let port = (20_000 + (start - 20_000 + offset * 7) % 12_000) as u16;
        let first = std::net::TcpListener::bind(("127.0.0.1", port));
        if first.is_ok() && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return Ok(port);
        }
    }
    Err("found no two free ports in a row for vpcd between 20000 and 32000".into())
}
