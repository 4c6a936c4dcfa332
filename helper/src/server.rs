//! Serves the API on 127.0.0.1 with a fixed number of worker threads.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::api::{self, Request, LONG_POLL};
use crate::config::Config;
use crate::state::Shared;

/// Worker threads answering requests; long polls may use all but two of them.
const WORKERS: usize = 8;
const LONG_POLLS: usize = WORKERS - 2;

/// A running helper.
pub struct Running {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
}

impl Running {
    /// Blocks until the server is stopped.
    pub fn wait(self) {
        for worker in self.workers {
            let _ = worker.join();
        }
    }

    /// Stops answering (the watcher thread ends with the process).
    pub fn stop(self) {
        self.server.unblock();
        for _ in 0..WORKERS {
            self.server.unblock();
        }
        self.wait();
    }
}

/// Binds 127.0.0.1:`config.port` (0 picks a free port), starts the PC/SC watcher and the workers.
pub fn start(config: &Config) -> Result<Running, String> {
    let shared = Arc::new(Shared::new());
    let running = serve(config, Arc::clone(&shared))?;
    crate::watch::spawn(shared);
    Ok(running)
}

/// Serves `shared` without starting a watcher (for callers that feed the state themselves).
pub fn serve(config: &Config, shared: Arc<Shared>) -> Result<Running, String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", config.port)).map_err(|e| match e.kind() {
        ErrorKind::AddrInUse => format!(
            "port {} on 127.0.0.1 is already in use (is another veiviser-helper running?); stop that program or start with --port N",
            config.port
        ),
        _ => format!("cannot listen on 127.0.0.1:{}: {e}", config.port),
    })?;
    let addr = listener.local_addr().map_err(|e| format!("cannot read the bound address: {e}"))?;
    let server = Arc::new(
        tiny_http::Server::from_listener(listener, None).map_err(|e| format!("cannot start the HTTP server: {e}"))?,
    );
    let config = Arc::new(Config { port: addr.port(), ..config.clone() });
    let long_polls = Arc::new(AtomicUsize::new(0));
    let workers = (0..WORKERS)
        .map(|i| {
            let (server, config, shared, long_polls) =
                (Arc::clone(&server), Arc::clone(&config), Arc::clone(&shared), Arc::clone(&long_polls));
            std::thread::Builder::new()
                .name(format!("http-{i}"))
                .spawn(move || work(&server, &config, &shared, &long_polls))
                .map_err(|e| format!("cannot start a worker thread: {e}"))
        })
        .collect::<Result<_, _>>()?;
    Ok(Running { addr, shared, server, workers })
}

fn work(server: &tiny_http::Server, config: &Config, shared: &Shared, long_polls: &AtomicUsize) {
    while let Ok(request) = server.recv() {
        let header = |name: &'static str| {
            request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_owned())
        };
        let (host, origin) = (header("Host"), header("Origin"));
        let is_poll = request.url().starts_with("/v1/events");
        // Long polls beyond the limit answer at once, so a flood of them cannot
        // occupy every worker.
        let wait = if is_poll && long_polls.fetch_add(1, Ordering::SeqCst) < LONG_POLLS {
            LONG_POLL
        } else {
            Duration::ZERO
        };
        let answer = api::handle(
            &Request { method: request.method().as_str(), url: request.url(), host: host.as_deref(), origin: origin.as_deref() },
            config,
            shared,
            wait,
        );
        if is_poll {
            long_polls.fetch_sub(1, Ordering::SeqCst);
        }
        let mut response = tiny_http::Response::from_string(answer.body).with_status_code(answer.status);
        for (name, value) in answer.headers {
            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(header);
            }
        }
        let _ = request.respond(response);
    }
}
