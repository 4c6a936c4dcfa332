//! A Debian web server (nginx, Apache httpd) run by the tests as a child process,
//! with its own configuration, pid file and logs in a fresh temporary folder, beside
//! (never instead of) the system's service. The servers' own modules say how each is
//! configured; this one starts, waits for and stops them alike.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::command::output;

/// The sub-path the site is served under, as an intranet would.
pub const LOCATION: &str = "/veiviser/";

/// Where the administrators' guide tells organisations to copy the site; the tests serve dist/ from there.
pub const GUIDE_SITE: &str = "/srv/veiviser";

/// A running web server serving the site under [`LOCATION`].
pub struct WebServer {
    /// The site's address, `http://127.0.0.1:PORT/veiviser/`.
    pub url: String,
    name: &'static str,
    child: Child,
    dir: PathBuf,
}

/// True when the servers run as root (then their workers run as www-data, as Debian's do).
pub fn as_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

impl WebServer {
    /// Starts the server `name` on a free port of 127.0.0.1: `prepare` writes its
    /// configuration into a fresh folder for that port and returns the command that
    /// runs it in the foreground, with its error log at `<folder>/error.log`.
    /// Returns once it answers [`LOCATION`] with 200.
    pub fn start(name: &'static str, prepare: &dyn Fn(&Path, u16) -> Result<Command, String>) -> Result<WebServer, String> {
        // A free port can be taken by someone else before the server binds it: try again.
        let mut last_error = String::new();
        for _ in 0..3 {
            let dir = fresh_dir(name)?;
            let port = free_port()?;
            let mut command = prepare(&dir, port)?;
            let child = command.stdin(Stdio::null()).spawn().map_err(|e| format!("cannot start {name}: {e}"))?;
            let mut server = WebServer { url: format!("http://127.0.0.1:{port}{LOCATION}"), name, child, dir };
            match server.wait_until_answering(port) {
                Ok(()) => return Ok(server),
                Err(e) => last_error = e,
            }
            // Dropping it stops it and removes its folder.
        }
        Err(last_error)
    }

    /// Stops the server (TERM to the parent, which stops its workers).
    pub fn stop(self) {
        drop(self);
    }

    fn wait_until_answering(&mut self, port: u16) -> Result<(), String> {
        let name = self.name;
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("{name} stopped at once ({status}): {}", self.error_log()));
            }
            if let Some(status_line) = get_status_line(port, LOCATION) {
                if status_line.contains(" 200 ") {
                    return Ok(());
                }
                return Err(format!("{name} answers {LOCATION} with `{status_line}`, not 200: {}", self.error_log()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("{name} did not answer on 127.0.0.1:{port} within 15 s: {}", self.error_log()))
    }

    fn error_log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect();
        if tail.is_empty() {
            "its error log is empty".into()
        } else {
            format!("its error log ends with:\n{}", tail.join("\n"))
        }
    }
}

impl Drop for WebServer {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            if matches!(self.child.try_wait(), Ok(None)) {
                eprintln!("xtask: {} (pid {}) did not stop on TERM; killing it", self.name, self.child.id());
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `snippet` with the folder the guide copies the site to replaced by `dist`, or why
/// the snippet cannot be tested as it is (it must serve [`GUIDE_SITE`] at [`LOCATION`]).
pub fn with_dist(snippet: &str, dist: &Path, what: &str) -> Result<String, String> {
    if !snippet.contains(GUIDE_SITE) || !snippet.contains(LOCATION.trim_end_matches('/')) {
        return Err(format!(
            "the {what} snippet of {} must serve the site from {GUIDE_SITE} at {LOCATION}, as the tests do",
            crate::docs::ADMINISTRATORS
        ));
    }
    Ok(snippet.replace(GUIDE_SITE, &dist.display().to_string()))
}

fn fresh_dir(name: &str) -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("veiviser-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::create_dir(dir.join("html")).map_err(|e| format!("cannot create {}/html: {e}", dir.display()))?;
    Ok(dir)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// The status line of `GET path`, or `None` while nothing answers.
fn get_status_line(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut head = [0u8; 64];
    let n = stream.read(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head[..n]);
    text.lines().next().filter(|l| l.starts_with("HTTP/")).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_serves_dist_where_the_guide_has_its_folder() {
        let snippet = "location /veiviser/ {\n    alias /srv/veiviser/;\n}\n";
        assert_eq!(with_dist(snippet, Path::new("/w/dist"), "nginx").unwrap(), "location /veiviser/ {\n    alias /w/dist/;\n}\n");
    }

    #[test]
    fn a_snippet_that_serves_another_folder_cannot_be_tested_as_it_is() {
        let error = with_dist("location /veiviser/ {\n    alias /var/www/;\n}", Path::new("/w/dist"), "nginx").unwrap_err();
        assert!(error.contains("/srv/veiviser") && error.contains("ADMINISTRATORS.md"), "{error}");
    }
}
