//! Serves the API on 127.0.0.1 with bounded connections, threads and time.
//!
//! One thread accepts; each connection gets a thread, and there are at most
//! `max_connections` of them. A request head must arrive within `head_timeout`
//! and fit in `max_head` bytes; no body is ever read. When every slot is taken,
//! the connection that has waited longest without sending a whole request (a
//! slow client, or an idle keep-alive; at least 100 ms) is closed to make room,
//! so neither a flood nor a slow client can keep a normal request out.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::api::{self, Request, LONG_POLL};
use crate::config::Config;
use crate::http::{self, Parsed};
use crate::state::Shared;
use crate::watch::Watcher;

/// The server's bounds.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections (and so connection threads) at most.
    pub max_connections: usize,
    /// Long polls waiting at once; more answer at once with the current status.
    pub long_polls: usize,
    /// How long a long poll waits at most.
    pub long_poll: Duration,
    /// Time for a whole request head, from its first byte (or from accepting the connection).
    pub head_timeout: Duration,
    /// How long an idle keep-alive connection stays open.
    pub idle_timeout: Duration,
    /// Time for writing an answer to a client that does not read.
    pub write_timeout: Duration,
    /// Bytes of request head at most.
    pub max_head: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 64,
            long_polls: 32,
            long_poll: LONG_POLL,
            head_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(15),
            write_timeout: Duration::from_secs(5),
            max_head: 8 * 1024,
        }
    }
}

/// Stack of a connection thread: parsing and JSON need little.
const STACK: usize = 256 * 1024;
/// How long a new connection may wait for a slot before it is told "busy".
const SLOT_WAIT: Duration = Duration::from_secs(1);
/// A connection is only closed to make room once it has been idle this long, so
/// that a new one is not closed before its thread has even read its request.
const MIN_IDLE: Duration = Duration::from_millis(100);
/// How often a full table is looked at again for a connection to close.
const RECHECK: Duration = Duration::from_millis(25);

/// A running helper.
pub struct Running {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    server: Arc<Server>,
    accept: JoinHandle<()>,
    watcher: Option<Watcher>,
}

impl Running {
    /// Blocks until the server stops (it does not stop by itself).
    pub fn wait(self) {
        let _ = self.accept.join();
    }

    /// Stops answering, closes every connection, and stops the PC/SC watcher.
    pub fn stop(self) {
        self.server.stopped.store(true, Ordering::SeqCst);
        self.shared.close();
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        let _ = self.accept.join();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut table = self.server.lock();
        for entry in &table.entries {
            let _ = entry.stream.shutdown(Shutdown::Both);
        }
        while !table.entries.is_empty() && Instant::now() < deadline {
            table =
                self.server.freed.wait_timeout(table, Duration::from_millis(50)).unwrap_or_else(|p| p.into_inner()).0;
        }
        drop(table);
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
    let server = Arc::new(Server {
        config: Config { port: addr.port(), ..config.clone() },
        shared: Arc::clone(&shared),
        limits,
        stopped: AtomicBool::new(false),
        long_polls: AtomicUsize::new(0),
        table: Mutex::new(Table::default()),
        freed: Condvar::new(),
    });
    let accepting = Arc::clone(&server);
    let accept = std::thread::Builder::new()
        .name("http-accept".into())
        .spawn(move || accept_loop(&listener, &accepting))
        .map_err(|e| format!("cannot start the accept thread: {e}"))?;
    Ok(Running { addr, shared, server, accept, watcher: None })
}

struct Server {
    config: Config,
    shared: Arc<Shared>,
    limits: Limits,
    stopped: AtomicBool,
    long_polls: AtomicUsize,
    table: Mutex<Table>,
    /// Signalled when a connection ends.
    freed: Condvar,
}

#[derive(Default)]
struct Table {
    next_id: u64,
    entries: Vec<Entry>,
}

/// An open connection, as the accept thread sees it.
struct Entry {
    id: u64,
    /// A handle to close it from outside.
    stream: TcpStream,
    /// Answering a request (not closable to make room).
    busy: bool,
    /// Since when it has waited for a request without being busy.
    idle_since: Instant,
    evicted: bool,
}

impl Server {
    fn lock(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set_busy(&self, id: u64, busy: bool) {
        if let Some(entry) = self.lock().entries.iter_mut().find(|e| e.id == id) {
            entry.busy = busy;
            entry.idle_since = Instant::now();
        }
    }

    /// Waits for a free slot, closing the longest-idle connection if all are taken.
    fn make_room(&self) -> Option<MutexGuard<'_, Table>> {
        let deadline = Instant::now() + SLOT_WAIT;
        let mut table = self.lock();
        while table.entries.len() >= self.limits.max_connections {
            let victim = table
                .entries
                .iter_mut()
                .filter(|e| !e.busy && !e.evicted && e.idle_since.elapsed() >= MIN_IDLE)
                .min_by_key(|e| e.idle_since);
            if let Some(victim) = victim {
                victim.evicted = true;
                let _ = victim.stream.shutdown(Shutdown::Both);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            table = self.freed.wait_timeout(table, left.min(RECHECK)).unwrap_or_else(|p| p.into_inner()).0;
        }
        Some(table)
    }
}

fn accept_loop(listener: &TcpListener, server: &Arc<Server>) {
    for stream in listener.incoming() {
        if server.stopped.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors and the like: let connections end, then go on.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let Some(mut table) = server.make_room() else {
            refuse_busy(stream);
            continue;
        };
        let Ok(handle) = stream.try_clone() else { continue };
        table.next_id += 1;
        let id = table.next_id;
        table.entries.push(Entry { id, stream: handle, busy: false, idle_since: Instant::now(), evicted: false });
        drop(table);
        let serving = Arc::clone(server);
        let spawned = std::thread::Builder::new().name("http-conn".into()).stack_size(STACK).spawn(move || {
            connection(stream, id, &serving);
            serving.lock().entries.retain(|e| e.id != id);
            serving.freed.notify_all();
        });
        if spawned.is_err() {
            server.lock().entries.retain(|e| e.id != id);
        }
    }
}

/// Every slot is busy answering: say so at once rather than queue.
fn refuse_busy(mut stream: TcpStream) {
    let response = api::Response {
        status: 503,
        headers: vec![("Content-Type", "application/json".into()), ("Retry-After", "1".into())],
        body: r#"{"error":"the helper is busy; try again in a second"}"#.into(),
    };
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let _ = stream.write_all(&http::serialize(&response, false));
}

/// Serves the requests of one connection until it closes, times out or errs.
fn connection(mut stream: TcpStream, id: u64, server: &Server) {
    let limits = &server.limits;
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let mut buffer: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    // The first request must come within the head timeout; later ones may idle first.
    let mut deadline = Instant::now() + limits.head_timeout;
    loop {
        let head = loop {
            match http::parse(&buffer, limits.max_head) {
                Parsed::Done(head, used) => {
                    buffer.drain(..used);
                    break head;
                }
                Parsed::Bad(status, reason) => {
                    let _ = stream.write_all(&http::serialize(&error(status, reason), false));
                    return;
                }
                Parsed::Incomplete => {}
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                if !buffer.is_empty() {
                    let _ =
                        stream.write_all(&http::serialize(&error(408, "the request took too long to arrive"), false));
                }
                return;
            }
            let _ = stream.set_read_timeout(Some(left));
            match stream.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => {
                    if buffer.is_empty() {
                        deadline = deadline.min(Instant::now() + limits.head_timeout);
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
                Err(_) => return,
            }
        };
        server.set_busy(id, true);
        let (response, keep_alive) = answer(&head, server);
        if stream.write_all(&http::serialize(&response, keep_alive)).is_err()
            || !keep_alive
            || server.stopped.load(Ordering::SeqCst)
        {
            return;
        }
        server.set_busy(id, false);
        deadline = Instant::now() + limits.idle_timeout;
    }
}

/// The answer to one request, and whether the connection may stay open.
fn answer(head: &http::Head, server: &Server) -> (api::Response, bool) {
    let has_body = head.has_body();
    if has_body && matches!(head.method.as_str(), "GET" | "OPTIONS") {
        return (error(413, "requests to this helper have no body"), false);
    }
    let is_poll = head.target.starts_with("/v1/events");
    // Long polls beyond the limit answer at once, so they cannot hold every slot.
    let wait = if is_poll && server.long_polls.fetch_add(1, Ordering::SeqCst) < server.limits.long_polls {
        server.limits.long_poll
    } else {
        Duration::ZERO
    };
    let request =
        Request { method: &head.method, url: &head.target, host: head.header("Host"), origin: head.header("Origin") };
    let response = api::handle(&request, &server.config, &server.shared, wait);
    if is_poll {
        server.long_polls.fetch_sub(1, Ordering::SeqCst);
    }
    // A body we did not read would be taken for the next request: close instead.
    (response, head.keep_alive() && !has_body)
}

fn error(status: u16, message: &str) -> api::Response {
    api::Response {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body: serde_json::json!({ "error": message }).to_string(),
    }
}
