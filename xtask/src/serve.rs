//! A static web server for dist/, sending the Content Security Policy that the
//! README tells organisations to use. It can serve the site under a sub-path, as
//! an intranet would, and sends the precompressed `.br` or `.gz` copy of a file
//! when the browser takes it (see [`crate::compress`]).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// The Content Security Policy the site is built to run under, for the helper's default port.
pub fn csp() -> String {
    veiviser_guide::it_kit::csp(veiviser_api::DEFAULT_PORT)
}

/// A running static server.
pub struct Site {
    pub url: String,
    server: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
}

impl Site {
    /// Serves `dir` on 127.0.0.1:`port` (0: any free port) under `base` (for example `/veiviser/`).
    pub fn start(dir: &Path, port: u16, base: &str) -> Result<Site, String> {
        let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {port} on 127.0.0.1 is already in use by another program; stop it or choose another port with --port"
            ),
            _ => format!("cannot listen on 127.0.0.1:{port}: {e}"),
        })?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let server = Arc::new(tiny_http::Server::from_listener(listener, None).map_err(|e| e.to_string())?);
        let threads = (0..4)
            .map(|_| {
                let (server, dir, base) = (Arc::clone(&server), dir.to_path_buf(), base.clone());
                std::thread::spawn(move || {
                    while let Ok(request) = server.recv() {
                        let accepts = request
                            .headers()
                            .iter()
                            .find(|h| h.field.equiv("Accept-Encoding"))
                            .map(|h| h.value.as_str().to_owned())
                            .unwrap_or_default();
                        let response = respond(&dir, &base, request.url(), &accepts);
                        let _ = request.respond(response);
                    }
                })
            })
            .collect();
        Ok(Site { url: format!("http://{addr}{base}"), server, threads })
    }

    /// Blocks while the server runs.
    pub fn wait(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
    }

    /// Stops the server.
    pub fn stop(self) {
        for _ in 0..self.threads.len() {
            self.server.unblock();
        }
        self.wait();
    }
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(dir: &Path, base: &str, url: &str, accepts: &str) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if format!("{path}/") == base {
        return Response::from_data(Vec::new()).with_status_code(301).with_header(header("Location", base));
    }
    let Some(relative) = path.strip_prefix(base) else {
        return text(404, "not found");
    };
    let Some(file) = safe_join(dir, relative) else {
        return text(404, "not found");
    };
    let file = if relative.is_empty() || relative.ends_with('/') { file.join("index.html") } else { file };
    let Ok(bytes) = std::fs::read(&file) else { return text(404, "not found") };
    // The precompressed copy the browser takes, if there is one.
    let takes = |coding: &str| accepts.split(',').any(|c| c.split(';').next().is_some_and(|c| c.trim() == coding));
    let copy = [("br", "br"), ("gzip", "gz")].into_iter().filter(|(coding, _)| takes(coding)).find_map(|(coding, suffix)| {
        let mut name = file.clone().into_os_string();
        name.push(format!(".{suffix}"));
        std::fs::read(name).ok().map(|bytes| (coding, bytes))
    });
    let (body, coding) = match copy {
        Some((coding, compressed)) => (compressed, Some(coding)),
        None => (bytes, None),
    };
    let response = Response::from_data(body)
        .with_header(header("Content-Type", content_type(&file)))
        .with_header(header("Content-Security-Policy", &csp()))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("Vary", "Accept-Encoding"));
    match coding {
        Some(coding) => response.with_header(header("Content-Encoding", coding)),
        None => response,
    }
}

fn text(status: u16, body: &str) -> Response {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// `dir` joined with a URL path, refusing anything that climbs out of it.
fn safe_join(dir: &Path, relative: &str) -> Option<PathBuf> {
    let decoded = percent_decode(relative)?;
    let path = Path::new(&decoded);
    path.components().all(|c| matches!(c, Component::Normal(_))).then(|| dir.join(path))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type by file extension (`application/wasm` lets browsers compile while downloading).
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        let dir = Path::new("/srv/site");
        assert_eq!(safe_join(dir, "content/mrs.nb.md"), Some(dir.join("content/mrs.nb.md")));
        assert_eq!(safe_join(dir, "../etc/passwd"), None);
        assert_eq!(safe_join(dir, "%2e%2e/etc/passwd"), None);
        assert_eq!(safe_join(dir, "/etc/passwd"), None);
    }
}
