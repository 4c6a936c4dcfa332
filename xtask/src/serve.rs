//! A static web server for dist/, sending the Content Security Policy that the
//! README tells organisations to use. It can serve the site under a sub-path, as
//! an intranet would, and sends the precompressed `.br` or `.gz` copy of a file
//! when the browser takes it (see [`crate::compress`]).
//!
//! It runs on hyper, as the helper does: `tiny_http` queued new connections
//! behind idle keep-alive ones, so a page that opened more connections than it
//! had threads waited for good on some of its files.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::Notify;

/// The Content Security Policy the site is built to run under, for the helper's default port.
pub fn csp() -> String {
    veiviser_guide::site::it_kit::csp(veiviser_api::DEFAULT_PORT)
}

/// A running static server.
pub struct Site {
    pub url: String,
    stop: Arc<Notify>,
    thread: JoinHandle<()>,
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
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("cannot start the web server: {e}"))?;
        let stop = Arc::new(Notify::new());
        let stopping = Arc::clone(&stop);
        let (dir, served_base) = (Arc::new(dir.to_path_buf()), Arc::new(base.clone()));
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                tokio::select! {
                    () = accept(listener, dir, served_base) => {}
                    () = stopping.notified() => {}
                }
            });
        });
        Ok(Site { url: format!("http://{addr}{base}"), stop, thread })
    }

    /// Blocks while the server runs.
    pub fn wait(self) {
        let _ = self.thread.join();
    }

    /// Stops the server.
    pub fn stop(self) {
        self.stop.notify_one();
        self.wait();
    }
}

async fn accept(listener: tokio::net::TcpListener, dir: Arc<PathBuf>, base: Arc<String>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file handles, say: wait a moment rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            continue;
        };
        let (dir, base) = (Arc::clone(&dir), Arc::clone(&base));
        tokio::spawn(async move {
            let service = service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let accepts = request.headers().get("accept-encoding").and_then(|v| v.to_str().ok()).unwrap_or_default();
                let path = request.uri().path_and_query().map_or("/", |p| p.as_str());
                let answer = respond(&dir, &base, path, accepts);
                async move { Ok::<_, Infallible>(answer.into_hyper()) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// An answer, before it goes out.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn with(mut self, name: &'static str, value: impl Into<String>) -> Answer {
        self.headers.push((name, value.into()));
        self
    }

    fn into_hyper(self) -> hyper::Response<Full<Bytes>> {
        let mut response = hyper::Response::new(Full::new(Bytes::from(self.body)));
        *response.status_mut() = hyper::StatusCode::from_u16(self.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

fn respond(dir: &Path, base: &str, url: &str, accepts: &str) -> Answer {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if format!("{path}/") == base {
        return Answer { status: 301, headers: Vec::new(), body: Vec::new() }.with("Location", base);
    }
    let Some(relative) = path.strip_prefix(base) else {
        return text(404, "not found");
    };
    let Some(file) = safe_join(dir, relative) else {
        return text(404, "not found");
    };
    let file = if relative.is_empty() || relative.ends_with('/') { file.join("index.html") } else { file };
    if !file.is_file() {
        return text(404, "not found");
    }
    // The precompressed copy the browser takes, if there is one (`br;q=0` refuses it).
    let takes = |coding: &str| {
        accepts.split(',').any(|c| {
            let mut parts = c.split(';').map(str::trim);
            parts.next() == Some(coding) && !parts.any(|p| p.replace(' ', "") == "q=0")
        })
    };
    let copy = [("br", "br"), ("gzip", "gz")].into_iter().filter(|(coding, _)| takes(coding)).find_map(|(coding, suffix)| {
        let mut name = file.clone().into_os_string();
        name.push(format!(".{suffix}"));
        std::fs::read(name).ok().map(|bytes| (bytes, Some(coding)))
    });
    let Some((body, coding)) = copy.or_else(|| std::fs::read(&file).ok().map(|bytes| (bytes, None))) else {
        return text(404, "not found");
    };
    let answer = Answer { status: 200, headers: Vec::new(), body }
        .with("Content-Type", content_type(&file))
        .with("Content-Security-Policy", csp())
        .with("X-Content-Type-Options", "nosniff")
        .with("Cache-Control", "no-cache")
        .with("Vary", "Accept-Encoding");
    match coding {
        Some(coding) => answer.with("Content-Encoding", coding),
        None => answer,
    }
}

fn text(status: u16, body: &str) -> Answer {
    Answer { status, headers: Vec::new(), body: body.as_bytes().to_vec() }.with("Content-Type", "text/plain; charset=utf-8")
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
