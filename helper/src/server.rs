//! Serves the API on 127.0.0.1 over `tiny_http`: thin glue from its requests
//! to [`api::handle`] and back, run by a fixed pool of worker threads.
//!
//! `tiny_http` reads every connection on a thread of its own and has no limits
//! of its own on time or size. Time is bounded by socket timeouts set on the
//! listening socket, which accepted sockets inherit (Linux; Windows too, untested
//! here): a client that sends nothing for `timeout` is dropped. What cannot be bounded this way
//! is written down under "Limits" in `helper/API.md`.

use std::io::{Cursor, ErrorKind};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, StatusCode};

use crate::api::{self, LONG_POLL};
use crate::config::Config;
use crate::state::Shared;
use crate::watch::Watcher;

/// The server's bounds.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Worker threads answering requests, long polls included.
    pub workers: usize,
    /// Long polls waiting at once (at most `workers - 1`); more answer at once with the current status.
    pub long_polls: usize,
    /// How long a long poll waits at most.
    pub long_poll: Duration,
    /// Socket read and write timeout of every connection: a client silent this long is dropped.
    pub timeout: Duration,
    /// Bytes of request head at most; a longer head is answered 431.
    pub max_head: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            workers: 36,
            long_polls: 32,
            long_poll: LONG_POLL,
            timeout: Duration::from_secs(5),
            max_head: 8 * 1024,
        }
    }
}

/// Header lines a request may have at most; more are answered 431.
const MAX_HEADERS: usize = 64;
/// Stack of a worker thread: routing and JSON need little.
const STACK: usize = 256 * 1024;

/// A running helper.
pub struct Running {
    /// Where it answers.
    pub addr: SocketAddr,
    /// The state it answers from.
    pub shared: Arc<Shared>,
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
    waker: JoinHandle<()>,
    failed: Receiver<String>,
    watcher: Option<Watcher>,
}

impl Running {
    /// Blocks while the server answers; returns why if it can no longer accept connections.
    pub fn wait(self) -> Result<(), String> {
        match self.failed.recv() {
            Ok(reason) => Err(reason),
            // Every worker ended without a failure: only `stop` does that.
            Err(_) => Ok(()),
        }
    }

    /// Stops answering, wakes the long polls, and stops the PC/SC watcher.
    pub fn stop(self) {
        self.server.stopped.store(true, Ordering::SeqCst);
        self.shared.close();
        // One unblock wakes one worker waiting in `recv`.
        for _ in &self.workers {
            self.server.http.unblock();
        }
        for worker in self.workers {
            let _ = worker.join();
        }
        let _ = self.waker.join();
        // Dropping the last handle closes tiny_http's listening socket.
        drop(self.server);
        if let Some(watcher) = self.watcher {
            watcher.stop();
        }
    }
}

/// Binds 127.0.0.1:`config.port` (0 picks a free port), starts the PC/SC watcher and the server.
pub fn start(config: &Config) -> Result<Running, String> {
    let shared = Arc::new(Shared::new());
    let mut running = serve(config, Arc::clone(&shared), Limits::default())?;
    running.watcher = Some(crate::watch::spawn(shared));
    Ok(running)
}

/// Serves `shared` without starting a watcher (for callers that feed the state themselves).
pub fn serve(config: &Config, shared: Arc<Shared>, limits: Limits) -> Result<Running, String> {
    let listener = TcpListener::bind(("127.0.0.1", config.port)).map_err(|e| match e.kind() {
        ErrorKind::AddrInUse => format!(
            "port {} on 127.0.0.1 is already in use (is another veiviser-helper running?); stop that program or start with --port N",
            config.port
        ),
        _ => format!("cannot listen on 127.0.0.1:{}: {e}", config.port),
    })?;
    let addr = listener.local_addr().map_err(|e| format!("cannot read the bound address: {e}"))?;
    let listener = with_timeouts(listener, limits.timeout)
        .map_err(|e| format!("cannot set the socket timeouts on 127.0.0.1:{}: {e}", addr.port()))?;
    let http = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| format!("cannot serve on 127.0.0.1:{}: {e}", addr.port()))?;
    let workers = limits.workers.max(2);
    let server = Arc::new(Server {
        config: Config { port: addr.port(), ..config.clone() },
        shared: Arc::clone(&shared),
        // Long polls never take every worker: the rest answer at once.
        long_poll_cap: limits.long_polls.min(workers - 1),
        limits,
        http,
        stopped: AtomicBool::new(false),
        long_polls: AtomicUsize::new(0),
    });
    let (report, failed) = mpsc::channel();
    let workers = (0..workers)
        .map(|_| {
            let (server, report) = (Arc::clone(&server), report.clone());
            std::thread::Builder::new()
                .name("http-worker".into())
                .stack_size(STACK)
                .spawn(move || work(&server, &report))
                .map_err(|e| format!("cannot start a worker thread: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    drop(report);
    let waking = Arc::clone(&server);
    let waker = std::thread::Builder::new()
        .name("http-waker".into())
        .stack_size(64 * 1024)
        .spawn(move || keep_accept_awake(addr, &waking))
        .map_err(|e| format!("cannot start the waker thread: {e}"))?;
    Ok(Running { addr, shared, server, workers, waker, failed, watcher: None })
}

/// Sets SO_RCVTIMEO and SO_SNDTIMEO on the listening socket; accepted sockets inherit them.
fn with_timeouts(listener: TcpListener, timeout: Duration) -> std::io::Result<TcpListener> {
    let socket = socket2::Socket::from(listener);
    socket.set_read_timeout(Some(timeout))?;
    socket.set_write_timeout(Some(timeout))?;
    Ok(socket.into())
}

/// On Linux SO_RCVTIMEO also limits `accept`, and tiny_http's accept thread
/// ends for good on its first error; so connect briefly at half the timeout to
/// keep `accept` from ever waiting that long. The empty connection is read to
/// its end by tiny_http and never reaches a worker.
fn keep_accept_awake(addr: SocketAddr, server: &Server) {
    let period = server.limits.timeout / 2;
    let mut slept = Duration::ZERO;
    let step = Duration::from_millis(50).min(period);
    while !server.stopped.load(Ordering::SeqCst) {
        std::thread::sleep(step);
        slept += step;
        if slept >= period {
            slept = Duration::ZERO;
            let _ = TcpStream::connect_timeout(&addr, period);
        }
    }
}

struct Server {
    config: Config,
    shared: Arc<Shared>,
    limits: Limits,
    long_poll_cap: usize,
    http: tiny_http::Server,
    stopped: AtomicBool,
    long_polls: AtomicUsize,
}

/// A worker: answers requests until the server stops or can no longer accept.
fn work(server: &Server, report: &Sender<String>) {
    loop {
        match server.http.recv() {
            Ok(request) => answer(request, server),
            Err(_) if server.stopped.load(Ordering::SeqCst) => return,
            // tiny_http passes on the error that ended its accept thread, once.
            Err(e) => {
                let _ = report.send(format!("stopped accepting connections on 127.0.0.1:{}: {e}", server.config.port));
                return;
            }
        }
    }
}

/// Answers one request: the limits tiny_http does not enforce, then the API.
fn answer(request: tiny_http::Request, server: &Server) {
    let header = |name: &'static str| request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str());
    let method = request.method().as_str();
    let head_size = method.len()
        + request.url().len()
        + request.headers().iter().map(|h| h.field.as_str().len() + h.value.len() + 4).sum::<usize>();
    if head_size > server.limits.max_head || request.headers().len() > MAX_HEADERS {
        return respond(request, error(431, "the request head is too large"));
    }
    let has_body = header("Transfer-Encoding").is_some() || header("Content-Length").is_some_and(|n| n.trim() != "0");
    if has_body && matches!(method, "GET" | "OPTIONS") {
        return respond(request, error(413, "requests to this helper have no body"));
    }
    // Two Host headers could mean two things to two readers: treat as none (403).
    let mut hosts = request.headers().iter().filter(|h| h.field.equiv("Host"));
    let host = match (hosts.next(), hosts.next()) {
        (Some(host), None) => Some(host.value.as_str()),
        _ => None,
    };
    let is_poll = request.url().starts_with("/v1/events");
    // Long polls beyond the cap answer at once, so they cannot hold every worker.
    let wait = if is_poll && server.long_polls.fetch_add(1, Ordering::SeqCst) < server.long_poll_cap {
        server.limits.long_poll
    } else {
        Duration::ZERO
    };
    let parts = api::Request { method, url: request.url(), host, origin: header("Origin") };
    let response = api::handle(&parts, &server.config, &server.shared, wait);
    if is_poll {
        server.long_polls.fetch_sub(1, Ordering::SeqCst);
    }
    respond(request, response);
}

/// Sends `response`. A request that declared a body is answered on a thread of
/// its own: tiny_http reads and discards an unread body when the request is
/// dropped, for as long as the client keeps sending, and that must not hold a worker.
fn respond(request: tiny_http::Request, response: api::Response) {
    let declared_body = request.body_length().is_some_and(|n| n > 0)
        || request.headers().iter().any(|h| h.field.equiv("Transfer-Encoding") || h.field.equiv("Expect"));
    let mut headers: Vec<Header> = response
        .headers
        .iter()
        .filter_map(|(name, value)| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
        .collect();
    headers.extend(Header::from_bytes(&b"X-Content-Type-Options"[..], &b"nosniff"[..]));
    let length = response.body.len();
    let out =
        tiny_http::Response::new(StatusCode(response.status), headers, Cursor::new(response.body), Some(length), None);
    if declared_body {
        // Should no thread be left, the request is dropped here (tiny_http then answers 500).
        let _ = std::thread::Builder::new().name("http-discard".into()).stack_size(64 * 1024).spawn(move || {
            let _ = request.respond(out);
        });
    } else {
        let _ = request.respond(out);
    }
}

fn error(status: u16, message: &str) -> api::Response {
    api::Response {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body: serde_json::json!({ "error": message }).to_string(),
    }
}
