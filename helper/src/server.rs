//! Serves the API on 127.0.0.1 with hyper's HTTP/1.1 server on a runtime of one
//! thread: thin glue from hyper's requests to [`api::answer`] and back.
//!
//! Any web page the user opens can reach this port, so every request is
//! answered, refused or dropped within fixed bounds:
//! - a request head must arrive whole within `timeout` and fit in `max_head`
//!   bytes (else 431); an idle keep-alive connection is closed after `timeout`;
//! - a body is never read, let alone buffered: a request that declares one is
//!   answered and its connection closed;
//! - at most `connections` are open: one more closes the oldest connection that
//!   is not inside a request, so a flood of idle or slow sockets cannot keep a
//!   real request out;
//! - at most `long_polls` long polls wait at once (more answer at once), and a
//!   waiting long poll holds no thread.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, HOST, ORIGIN, TRANSFER_ENCODING};
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use crate::api::{self, LONG_POLL};
use crate::config::Config;
use crate::state::Shared;
use crate::watch::Watcher;

/// The server's bounds.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once; one more closes the oldest idle one.
    pub connections: usize,
    /// Long polls waiting at once; more answer at once with the current status.
    pub long_polls: usize,
    /// How long a long poll waits at most.
    pub long_poll: Duration,
    /// A request head must arrive within this, and an idle connection is closed after it.
    pub timeout: Duration,
    /// Bytes of request head at most (hyper's smallest read buffer, 8 KiB); more is answered 431.
    pub max_head: usize,
    /// Header lines at most; more are answered 431.
    pub max_headers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 256,
            long_polls: 32,
            long_poll: LONG_POLL,
            timeout: Duration::from_secs(5),
            max_head: 8 * 1024,
            max_headers: 64,
        }
    }
}

/// How long a connection that makes way for a newer one may finish a request already in.
const EVICTION_GRACE: Duration = Duration::from_millis(100);

/// A running helper.
pub struct Running {
    /// Where it answers.
    pub addr: SocketAddr,
    /// The state it answers from.
    pub shared: Arc<Shared>,
    server: Arc<Server>,
    stop: Arc<Notify>,
    thread: JoinHandle<Result<(), String>>,
    watcher: Option<Watcher>,
}

impl Running {
    /// Long polls waiting now.
    pub fn waiting_long_polls(&self) -> usize {
        self.server.long_polls.load(Ordering::SeqCst)
    }

    /// Connections open now.
    pub fn open_connections(&self) -> usize {
        lock(&self.server.open).counted()
    }

    /// Blocks while the server answers; returns why if it stopped on its own.
    pub fn wait(self) -> Result<(), String> {
        let result = self.thread.join().unwrap_or_else(|_| Err("the HTTP server stopped after an internal error".into()));
        if let Some(watcher) = self.watcher {
            watcher.stop();
        }
        result
    }

    /// Stops answering, wakes the long polls, and stops the PC/SC watcher.
    pub fn stop(self) {
        self.shared.close();
        self.stop.notify_one();
        let _ = self.thread.join();
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
    let listener = std::net::TcpListener::bind(("127.0.0.1", config.port)).map_err(|e| match e.kind() {
        ErrorKind::AddrInUse => format!(
            "port {} on 127.0.0.1 is already in use (is another veiviser-helper running?); stop that program or start with --port N",
            config.port
        ),
        _ => format!("cannot listen on 127.0.0.1:{}: {e}", config.port),
    })?;
    let addr = listener.local_addr().map_err(|e| format!("cannot read the bound address: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| format!("cannot serve on {addr}: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start the HTTP server: {e}"))?;
    let server = Arc::new(Server {
        config: Config { port: addr.port(), ..config.clone() },
        shared: Arc::clone(&shared),
        limits,
        long_polls: AtomicUsize::new(0),
        open: Mutex::new(Open::default()),
    });
    let stop = Arc::new(Notify::new());
    let stopping = Arc::clone(&stop);
    let serving = Arc::clone(&server);
    let thread = std::thread::Builder::new()
        .name("http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).map_err(|e| format!("cannot serve on {addr}: {e}"))?;
                tokio::select! {
                    () = accept(listener, serving) => {}
                    () = stopping.notified() => {}
                }
                Ok(())
            })
            // Dropping the runtime drops every open connection.
        })
        .map_err(|e| format!("cannot start the HTTP server's thread: {e}"))?;
    Ok(Running { addr, shared, server, stop, thread, watcher: None })
}

struct Server {
    config: Config,
    shared: Arc<Shared>,
    limits: Limits,
    long_polls: AtomicUsize,
    open: Mutex<Open>,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Open {
    next: u64,
    connections: BTreeMap<u64, Connection>,
}

struct Connection {
    /// Requests of this connection being answered (a long poll among them).
    busy: Arc<AtomicUsize>,
    /// Closes the connection.
    close: Arc<Notify>,
    closing: bool,
}

impl Open {
    fn counted(&self) -> usize {
        self.connections.values().filter(|c| !c.closing).count()
    }

    /// Closes the oldest connection not inside a request; false if every one is busy.
    fn close_oldest_idle(&mut self) -> bool {
        let oldest = self.connections.values_mut().find(|c| !c.closing && c.busy.load(Ordering::SeqCst) == 0);
        match oldest {
            Some(connection) => {
                connection.closing = true;
                connection.close.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Accepts connections for ever; an error accepting one (out of file handles) is waited out.
async fn accept(listener: TcpListener, server: Arc<Server>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                crate::log::line(&format!("cannot accept a connection: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let admitted = {
            let mut open = lock(&server.open);
            if open.counted() < server.limits.connections || open.close_oldest_idle() {
                let id = open.next;
                open.next += 1;
                let connection = Connection { busy: Arc::default(), close: Arc::default(), closing: false };
                let handles = (Arc::clone(&connection.busy), Arc::clone(&connection.close));
                open.connections.insert(id, connection);
                Some((id, handles))
            } else {
                None
            }
        };
        // Every connection is inside a request (long polls are capped below the
        // connection limit, so this is rare): the new one is closed unanswered.
        let Some((id, (busy, close))) = admitted else { continue };
        tokio::spawn(connection(stream, Arc::clone(&server), id, busy, close));
    }
}

/// Serves one connection until the client or a bound closes it.
async fn connection(stream: TcpStream, server: Arc<Server>, id: u64, busy: Arc<AtomicUsize>, close: Arc<Notify>) {
    let _ = stream.set_nodelay(true);
    let limits = &server.limits;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.timeout)
        .max_buf_size(limits.max_head.max(8 * 1024))
        .max_headers(limits.max_headers)
        // As the API documents them (Access-Control-Allow-Origin), for people reading curl -v.
        .title_case_headers(true);
    let service = {
        let server = Arc::clone(&server);
        service_fn(move |request| {
            let (server, busy) = (Arc::clone(&server), Arc::clone(&busy));
            async move {
                let _busy = Counted::enter(&busy);
                Ok::<_, Infallible>(answer(&request, &server).await)
            }
        })
    };
    let served = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(served);
    tokio::select! {
        biased;
        _ = served.as_mut() => {}
        () = close.notified() => {
            // Made way for a newer connection: a request whose head is already in is
            // answered first; a slow or idle one is closed after a moment.
            served.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(EVICTION_GRACE, served).await;
        }
    }
    lock(&server.open).connections.remove(&id);
}

/// Counts something (a request being answered, a long poll) for as long as it lives.
struct Counted<'a> {
    count: &'a AtomicUsize,
    /// How many were counted before this one.
    before: usize,
}

impl Counted<'_> {
    fn enter(count: &AtomicUsize) -> Counted<'_> {
        Counted { before: count.fetch_add(1, Ordering::SeqCst), count }
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers one request: the rules of [`api::answer`], then the status, now or
/// once it changes. The body is never read; hyper closes a connection whose
/// request body was left unread.
async fn answer(request: &hyper::Request<Incoming>, server: &Server) -> hyper::Response<Full<Bytes>> {
    let headers = request.headers();
    let method = request.method().as_str();
    let has_body = headers.contains_key(TRANSFER_ENCODING)
        || headers.get(CONTENT_LENGTH).is_some_and(|n| n.as_bytes().trim_ascii() != b"0");
    if has_body && matches!(method, "GET" | "OPTIONS") {
        return to_hyper(api::Response::error(413, "requests to this helper have no body"));
    }
    let url = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let origin = present(headers, ORIGIN);
    let fetch_site = present(headers, "sec-fetch-site");
    let parts = api::Request { method, url, host: single(headers, HOST), origin, fetch_site };
    let answer = api::answer(&parts, &server.config);
    match (parts.origin, parts.fetch_site) {
        (Some(origin), _) if !server.config.allows(origin) => crate::log::refused(Some(origin)),
        (None, Some(site)) if site != "none" => crate::log::refused(None),
        _ => {}
    }
    let status = match answer.waits_after() {
        None => server.shared.snapshot(),
        Some(after) => {
            // Counted until answered, or dropped with its connection.
            let waiting = Counted::enter(&server.long_polls);
            // Long polls beyond the cap answer at once.
            let wait = if waiting.before < server.limits.long_polls { server.limits.long_poll } else { Duration::ZERO };
            server.shared.changed_after(after, wait).await
        }
    };
    to_hyper(answer.respond(&status))
}

/// The value of a header that occurs exactly once. Two `Host` headers could mean
/// two things to two readers: they count as none (and get 403).
fn single<K: hyper::header::AsHeaderName>(headers: &HeaderMap, name: K) -> Option<&str> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    }
}

/// A header that is there: its one readable value, or `""` when it is unreadable
/// or sent twice, so that such a header never passes for none.
fn present<K: hyper::header::AsHeaderName + Clone>(headers: &HeaderMap, name: K) -> Option<&str> {
    headers.contains_key(name.clone()).then(|| single(headers, name).unwrap_or_default())
}

fn to_hyper(response: api::Response) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::new(Full::new(Bytes::from(response.body)));
    *out.status_mut() = hyper::StatusCode::from_u16(response.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = out.headers_mut();
    for (name, value) in response.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    headers.insert("X-Content-Type-Options", HeaderValue::from_static("nosniff"));
    out
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
