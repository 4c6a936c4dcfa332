//! Debian's nginx serving dist/ under /veiviser/, set up as ADMINISTRATORS.md tells
//! an organisation to: Debian's default configuration, cut down to what a static
//! site uses, plus the guide's two nginx snippets word for word (read out of the
//! guide, so the document and the tested configuration cannot differ).
//! It runs as a child process with its own configuration, pid file and logs in a
//! fresh temporary folder, beside (never instead of) the system's nginx service.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::command::output;
use crate::docs;
use crate::setup;

/// The sub-path the site is served under, as an intranet would.
const LOCATION: &str = "/veiviser/";
/// Debian's nginx binary.
const NGINX: &str = "/usr/sbin/nginx";
/// Debian's media types, which the default configuration includes.
const MIME_TYPES: &str = "/etc/nginx/mime.types";
/// Where the guide's snippets tell administrators to copy the site; the tests serve dist/ from there.
const GUIDE_SITE: &str = "/srv/veiviser/";

/// Installs (or, in a task that does not install, checks for) Debian's nginx.
pub fn provision() -> Result<(), String> {
    setup::apt(
        &["nginx", "libnginx-mod-http-brotli-static"],
        "Debian's nginx (with brotli_static), to test the site on a real web server",
    )
}

/// A running nginx serving dist/ under [`LOCATION`].
pub struct Nginx {
    /// The site's address, `http://127.0.0.1:PORT/veiviser/`.
    pub url: String,
    child: Child,
    dir: PathBuf,
}

impl Nginx {
    /// Installs Debian's nginx if it is missing, writes a configuration for `dist`
    /// into a fresh temporary folder and starts nginx on a free port of 127.0.0.1;
    /// returns once it answers.
    pub fn start(dist: &Path) -> Result<Nginx, String> {
        provision()?;
        let dist = dist.canonicalize().map_err(|e| format!("cannot find {}: {e}", dist.display()))?;
        let mime_types = std::fs::read_to_string(MIME_TYPES).map_err(|e| format!("cannot read {MIME_TYPES}: {e}"))?;
        let root = output(Command::new("id").arg("-u")).as_deref() == Some("0");
        let snippets = docs::administrators_blocks("nginx", 2)?;
        // A free port can be taken by someone else before nginx binds it: try again.
        let mut last_error = String::new();
        for _ in 0..3 {
            let dir = fresh_dir()?;
            let port = free_port()?;
            let conf = config(&Settings { dir: &dir, dist: &dist, port, mime_types: &mime_types, root, snippets: &snippets })?;
            let conf_path = dir.join("nginx.conf");
            std::fs::write(&conf_path, conf).map_err(|e| format!("cannot write {}: {e}", conf_path.display()))?;
            // Debian's path: /usr/sbin is not on an ordinary user's PATH.
            let child = Command::new(NGINX)
                .arg("-c")
                .arg(&conf_path)
                .arg("-p")
                .arg(&dir)
                // Errors before the configuration is read go here too, not to /var/log/nginx.
                .arg("-e")
                .arg(dir.join("error.log"))
                .stdin(Stdio::null())
                .spawn()
                .map_err(|e| format!("cannot start nginx: {e}"))?;
            let mut nginx = Nginx { url: format!("http://127.0.0.1:{port}{LOCATION}"), child, dir };
            match nginx.wait_until_answering(port) {
                Ok(()) => return Ok(nginx),
                Err(e) => last_error = e,
            }
            // Dropping it stops it and removes its folder.
        }
        Err(last_error)
    }

    /// Stops nginx (fast shutdown: TERM to the master, which stops its workers).
    pub fn stop(self) {
        drop(self);
    }

    fn wait_until_answering(&mut self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("nginx stopped at once ({status}): {}", self.error_log()));
            }
            if let Some(status_line) = get_status_line(port, LOCATION) {
                if status_line.contains(" 200 ") {
                    return Ok(());
                }
                return Err(format!("nginx answers {LOCATION} with `{status_line}`, not 200: {}", self.error_log()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("nginx did not answer on 127.0.0.1:{port} within 15 s: {}", self.error_log()))
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

impl Drop for Nginx {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            if matches!(self.child.try_wait(), Ok(None)) {
                eprintln!("xtask: nginx (pid {}) did not stop on TERM; killing it", self.child.id());
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What the configuration depends on.
struct Settings<'a> {
    dir: &'a Path,
    dist: &'a Path,
    port: u16,
    /// The text of /etc/nginx/mime.types, to see whether it knows `.wasm`.
    mime_types: &'a str,
    /// Whether nginx runs as root (then its workers run as www-data, as Debian's do).
    root: bool,
    /// The guide's snippets: the one for the `http` block, then the one for the `server` block.
    snippets: &'a [String],
}

/// The configuration: Debian's default nginx.conf and default site in spirit, with
/// every path in `dir`, plus the guide's snippets with dist/ where the guide has
/// [`GUIDE_SITE`].
fn config(s: &Settings) -> Result<String, String> {
    let dir = s.dir.display();
    let port = s.port;
    let user = if s.root { "user www-data;\n" } else { "" };
    // Debian 12's mime.types has it; older ones (and some other systems') do not.
    let wasm = if knows_wasm(s.mime_types) { "" } else { "    types { application/wasm wasm; }\n" };
    let [http_snippet, server_snippet] = s.snippets else {
        return Err(format!("{} must have two nginx snippets, for `http` and `server`", docs::ADMINISTRATORS));
    };
    if !server_snippet.contains(GUIDE_SITE) || !server_snippet.contains(&format!("location {LOCATION} {{")) {
        return Err(format!(
            "the server snippet of {} must serve the site from {GUIDE_SITE} at {LOCATION}, as the tests do",
            docs::ADMINISTRATORS
        ));
    }
    let server_snippet = server_snippet.replace(GUIDE_SITE, &format!("{}/", s.dist.display()));
    Ok(format!(
        r#"# Written by `cargo xtask test` (xtask/src/nginx.rs): Debian's default nginx.conf
# and default site, cut down to a static site, with every path in this folder.
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
{user}worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
daemon off;

events {{
    worker_connections 768;
}}

http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {MIME_TYPES};
{wasm}    default_type application/octet-stream;
    access_log {dir}/access.log;
    gzip on;

    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

{http_snippet}

    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {dir}/html;
        index index.html;

        location / {{
            try_files $uri $uri/ =404;
        }}

{server_snippet}
    }}
}}
"#
    ))
}

/// True when a mime.types text maps `wasm` to application/wasm.
fn knows_wasm(mime_types: &str) -> bool {
    mime_types.lines().any(|line| {
        let mut words = line.split_whitespace();
        words.next() == Some("application/wasm") && words.any(|w| w.trim_end_matches(';') == "wasm")
    })
}

fn fresh_dir() -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("veiviser-nginx-{}-{nanos}", std::process::id()));
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
    use crate::serve::csp;

    fn conf(mime_types: &str) -> String {
        let snippets = docs::administrators_blocks("nginx", 2).unwrap();
        let settings = Settings { dir: Path::new("/tmp/x"), dist: Path::new("/srv/dist"), port: 8123, mime_types, root: true, snippets: &snippets };
        config(&settings).unwrap()
    }

    #[test]
    fn the_tested_configuration_is_the_guides_snippets_with_dist_in_place_of_its_folder() {
        let conf = conf("types {\n    application/wasm  wasm;\n}\n");
        let snippets = docs::administrators_blocks("nginx", 2).unwrap();
        assert!(conf.contains(&snippets[0]));
        assert!(conf.contains(&snippets[1].replace(GUIDE_SITE, "/srv/dist/")));
        assert!(conf.contains("location /veiviser/ {\n    alias /srv/dist/;"));
        assert!(conf.contains("listen 127.0.0.1:8123;"));
        assert!(!conf.contains("types { application/wasm"), "mime.types already has it");
    }

    #[test]
    fn the_guides_location_sends_the_policy_of_the_readme() {
        let conf = conf("");
        assert!(conf.contains(&format!("add_header Content-Security-Policy \"{}\" always;", csp())));
        assert!(conf.contains("brotli_static on;") && conf.contains("gzip_static on;"));
        // nginx would read `"` as the end of the value and `$` as a variable.
        assert!(!csp().contains(['"', '$']));
    }

    #[test]
    fn a_guide_whose_snippet_serves_another_folder_is_refused() {
        let snippets = ["map $a $b {}".to_owned(), "location /veiviser/ {\n    alias /var/www/;\n}".to_owned()];
        let settings = Settings { dir: Path::new("/tmp/x"), dist: Path::new("/srv/dist"), port: 1, mime_types: "", root: true, snippets: &snippets };
        assert!(config(&settings).unwrap_err().contains("/srv/veiviser/"));
    }

    #[test]
    fn wasm_is_added_when_mime_types_lacks_it() {
        assert!(conf("types {\n    text/html html;\n}\n").contains("types { application/wasm wasm; }"));
        assert!(knows_wasm("    application/wasm                      wasm;"));
        assert!(!knows_wasm("    application/wasm-x  wasmx;"));
    }
}
