//! The helper's HTTP face over real sockets: who may ask (Origin, Host, method),
//! and that no request a web page or a local program can send stops it: huge
//! declared bodies, chunked bodies, broken request lines, hundreds of held
//! connections, slow clients and floods. After each, the same server answers a
//! normal request, and where slow clients hold connections, without waiting for
//! their timeout to make room. No pcscd: the state is fed by the test.
//!
//! The tests take turns (each helper holds [`TURN`]): a flood in one test would
//! otherwise slow the helper of another, and the timings read would not be its own.

mod client;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use veiviser_helper::api::LONG_POLL;
use veiviser_helper::config::Config;
use veiviser_helper::server::{self, Limits, Running};
use veiviser_helper::state::{inserted, Card, CardKind, ReadState, Reader, Service, Shared};

use client::{raw, status_of};

const PAGE: &str = "https://intranet.example";

/// The head timeout of the test helpers: a silent client is dropped after this.
/// Long enough that "answered before the slow clients time out" (under half of
/// it) has a wide margin over the millisecond a request takes on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(2);

/// The head timeout of test helpers whose held connections only the connection cap may close.
const HELD: Duration = Duration::from_secs(60);

fn limits() -> Limits {
    Limits { long_polls: 4, timeout: TIMEOUT, ..Limits::default() }
}

/// One test's helper at a time.
static TURN: Mutex<()> = Mutex::new(());

/// A running test helper, with the turn it holds until it stops. A test that
/// fails stops its helper too (on drop), so the next test meets no leftover load.
struct Helper {
    running: Option<Running>,
    _turn: MutexGuard<'static, ()>,
}

impl Deref for Helper {
    type Target = Running;
    fn deref(&self) -> &Running {
        self.running.as_ref().expect("the helper runs until it is stopped")
    }
}

impl Helper {
    /// Stops the helper and gives up the turn (as dropping it does).
    fn stop(self) {}
}

impl Drop for Helper {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

/// A helper whose reader holds a read PIV card.
fn helper(limits: Limits) -> Helper {
    // A test that failed while it held the turn leaves it poisoned; the next takes it anyway.
    let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let shared = Arc::new(Shared::new());
    shared.update(|s| {
        s.service = Service::Ok;
        let card = Card {
            kind: CardKind::Piv,
            read: ReadState::Done,
            pin_tries_left: Some(3),
            ..inserted(&[0x3b, 0x7f])
        };
        s.readers = vec![Reader { name: "Reader A".into(), card: Some(card) }];
    });
    let running = server::serve(&Config::new(0, &[PAGE.into()]).unwrap(), shared, limits).expect("the server starts");
    Helper { running: Some(running), _turn: turn }
}

/// How long a test's client waits for an answer: far below the held
/// connections' timeout ([`HELD`]) and a long poll's wait, so a request that
/// waited for either fails.
const CLIENT_WAIT: Duration = Duration::from_secs(5);

fn get(addr: SocketAddr, path: &str, host: &str, origin: Option<&str>) -> String {
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    raw(addr, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\r\n").as_bytes(), CLIENT_WAIT)
}

fn host(addr: SocketAddr) -> String {
    format!("127.0.0.1:{}", addr.port())
}

/// A normal status request is answered with the card; the client waits
/// [`CLIENT_WAIT`] at most, so a request held for longer fails here.
fn answers(addr: SocketAddr) {
    let answer = get(addr, "/v1/status", &host(addr), Some(PAGE));
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"kind\":\"piv\""), "{answer}");
}

/// A normal status request is answered while connections that time out after
/// `timeout` hold the server: in less than half that (and within [`CLIENT_WAIT`]),
/// so it did not wait for them to be closed. Answered at once, it takes a millisecond.
fn answers_before_they_time_out(addr: SocketAddr, timeout: Duration) {
    let started = Instant::now();
    answers(addr);
    let took = started.elapsed();
    assert!(took < timeout / 2, "a normal request took {took:?}, as if it waited for held connections to time out after {timeout:?}");
}

#[test]
fn an_allowed_origin_gets_cors_for_exactly_that_origin_never_a_wildcard() {
    let running = helper(limits());
    let answer = get(running.addr, "/v1/status", &host(running.addr), Some(PAGE));
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains(&format!("Access-Control-Allow-Origin: {PAGE}\r\n")), "{answer}");
    assert!(!answer.contains("Access-Control-Allow-Origin: *"));
    let by_localhost = get(running.addr, "/v1/status", &format!("localhost:{}", running.addr.port()), Some(PAGE));
    assert_eq!(status_of(&by_localhost), 200);
    running.stop();
}

#[test]
fn another_origin_gets_403_and_no_card_data() {
    let running = helper(limits());
    for origin in ["https://evil.example", "https://intranet.example.evil.example", "null", "http://intranet.example"] {
        let answer = get(running.addr, "/v1/status", &host(running.addr), Some(origin));
        assert_eq!(status_of(&answer), 403, "{origin}: {answer}");
        assert!(!answer.contains("readers") && !answer.contains("3b7f"), "{answer}");
        assert!(!answer.contains("Access-Control-Allow-Origin"), "{answer}");
    }
    let preflight = raw(
        running.addr,
        format!("OPTIONS /v1/status HTTP/1.1\r\nHost: {}\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n", host(running.addr)).as_bytes(),
        CLIENT_WAIT,
    );
    assert_eq!(status_of(&preflight), 403, "{preflight}");
    assert!(!preflight.contains("Access-Control-Allow-Private-Network"));
    running.stop();
}

#[test]
fn a_page_that_sends_no_origin_gets_no_status_and_no_long_poll() {
    let running = helper(limits());
    let seq = running.shared.snapshot().seq;
    for path in ["/v1/status".to_owned(), format!("/v1/events?after={seq}")] {
        // What an <img> or a no-cors fetch sends: Sec-Fetch-Site, and no Origin.
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nSec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n", host(running.addr));
        let started = Instant::now();
        let answer = raw(running.addr, request.as_bytes(), CLIENT_WAIT);
        assert_eq!(status_of(&answer), 403, "{path}: {answer}");
        assert!(!answer.contains("readers") && started.elapsed() < LONG_POLL / 2, "{path}: {answer}");
        let twice = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nOrigin: {PAGE}\r\nOrigin: {PAGE}\r\nConnection: close\r\n\r\n", host(running.addr));
        assert_eq!(status_of(&raw(running.addr, twice.as_bytes(), CLIENT_WAIT)), 403, "{path}: two origins");
        let sites = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Site: none\r\nConnection: close\r\n\r\n",
            host(running.addr)
        );
        assert_eq!(status_of(&raw(running.addr, sites.as_bytes(), CLIENT_WAIT)), 403, "{path}: two Sec-Fetch-Site");
    }
    assert_eq!(running.waiting_long_polls(), 0);
    running.stop();
}

#[test]
fn a_foreign_host_header_is_refused_against_dns_rebinding() {
    let running = helper(limits());
    let port = running.addr.port();
    for bad in
        [format!("evil.example:{port}"), "127.0.0.1".into(), format!("127.0.0.1:{}", port + 1), format!("[::1]:{port}")]
    {
        let answer = get(running.addr, "/v1/status", &bad, Some(PAGE));
        assert_eq!(status_of(&answer), 403, "{bad}: {answer}");
        assert!(!answer.contains("readers"));
    }
    let no_host = raw(running.addr, b"GET /v1/status HTTP/1.0\r\n\r\n", CLIENT_WAIT);
    assert_eq!(status_of(&no_host), 403, "{no_host}");
    running.stop();
}

#[test]
fn only_get_and_options_are_answered() {
    let running = helper(limits());
    for method in ["POST", "PUT", "DELETE", "PATCH", "HEAD", "CONNECT", "TRACE"] {
        let request = format!("{method} /v1/status HTTP/1.1\r\nHost: {}\r\nOrigin: {PAGE}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", host(running.addr));
        let answer = raw(running.addr, request.as_bytes(), CLIENT_WAIT);
        assert_eq!(status_of(&answer), 405, "{method}: {answer}");
    }
    let with_body =
        format!("POST /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 5\r\n\r\nhello", host(running.addr));
    let answer = raw(running.addr, with_body.as_bytes(), CLIENT_WAIT);
    assert_eq!(status_of(&answer), 405, "{answer}");
    assert!(!answer.contains("readers"), "{answer}");
    running.stop();
}

#[test]
fn the_preflight_answers_private_network_access_for_allowed_origins() {
    let running = helper(limits());
    let request = format!(
        "OPTIONS /v1/events?after=0 HTTP/1.1\r\nHost: {}\r\nOrigin: {PAGE}\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n",
        host(running.addr)
    );
    let answer = raw(running.addr, request.as_bytes(), CLIENT_WAIT);
    assert_eq!(status_of(&answer), 204, "{answer}");
    assert!(answer.contains("Access-Control-Allow-Private-Network: true\r\n"));
    assert!(answer.contains(&format!("Access-Control-Allow-Origin: {PAGE}\r\n")));
    assert!(answer.contains("Access-Control-Allow-Methods: GET, OPTIONS\r\n"));
    running.stop();
}

#[test]
fn oversized_requests_and_bodies_are_refused() {
    let running = helper(limits());
    let huge =
        format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nX-Padding: {}\r\n\r\n", host(running.addr), "a".repeat(20_000));
    let answer = raw(running.addr, huge.as_bytes(), CLIENT_WAIT);
    assert_eq!(status_of(&answer), 431, "{answer}");
    let body = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, body.as_bytes(), CLIENT_WAIT)), 413);
    let chunked =
        format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, chunked.as_bytes(), CLIENT_WAIT)), 413);
    let many = (0..100).map(|i| format!("X-{i}: a\r\n")).collect::<String>();
    let many = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\n{many}\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, many.as_bytes(), CLIENT_WAIT)), 431);
    answers(running.addr);
    running.stop();
}

#[test]
fn a_declared_body_that_never_comes_is_answered_without_waiting_for_it() {
    let running = helper(limits());
    let head = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n", host(running.addr));
    let waiting: Vec<_> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(running.addr).unwrap();
            stream.write_all(head.as_bytes()).unwrap();
            stream
        })
        .collect();
    for mut stream in waiting {
        stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut answer = [0u8; 512];
        let n = stream.read(&mut answer).expect("answered before the body came");
        assert_eq!(status_of(&String::from_utf8_lossy(&answer[..n])), 413);
    }
    answers(running.addr);
    running.stop();
}

/// Asserts that `stream` is closed by the helper about `TIMEOUT` after `since`, with no answer.
fn closed_after_the_timeout(mut stream: TcpStream, since: Instant) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let took = since.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty(), "{answer}");
    assert!(took >= TIMEOUT.mul_f32(0.8) && took < TIMEOUT * 2, "closed after {took:?}");
}

#[test]
fn a_silent_client_is_cut_off_after_the_timeout() {
    let running = helper(limits());
    let mut stream = TcpStream::connect(running.addr).unwrap();
    let started = Instant::now();
    stream.write_all(b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1").unwrap();
    closed_after_the_timeout(stream, started);
    running.stop();
}

#[test]
fn silent_slowloris_connections_are_closed_after_the_timeout_and_a_normal_request_is_answered_meanwhile() {
    let running = helper(limits());
    let silent: Vec<_> = (0..32)
        .map(|_| {
            let mut stream = TcpStream::connect(running.addr).unwrap();
            let since = Instant::now();
            stream.write_all(b"GET /v1/status HTTP/1.1\r\nHost: 127.0").unwrap();
            (stream, since)
        })
        .collect();
    answers_before_they_time_out(running.addr, TIMEOUT);
    for (stream, since) in silent {
        closed_after_the_timeout(stream, since);
    }
    answers_before_they_time_out(running.addr, TIMEOUT);
    running.stop();
}

#[test]
fn the_helper_still_accepts_after_idling_longer_than_the_timeout() {
    // Time passing is what is tested: the accept loop must not give up when nothing comes.
    let running = helper(limits());
    std::thread::sleep(TIMEOUT * 3);
    answers(running.addr);
    running.stop();
}

#[test]
fn trickling_slowloris_connections_do_not_keep_out_a_normal_request() {
    let running = helper(limits());
    let addr = running.addr;
    // 48 connections trickling a byte at a time, reopened as the head timeout ends them.
    under_attack(
        48,
        move |_, stop| {
            let Ok(mut stream) = TcpStream::connect(addr) else { return };
            for byte in b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:1\r\n" {
                if stop.load(Ordering::SeqCst) || stream.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        },
        || {
            for _ in 0..5 {
                answers_before_they_time_out(addr, TIMEOUT);
                std::thread::sleep(Duration::from_millis(200));
            }
        },
    );
    running.stop();
}

#[test]
fn a_flood_of_requests_and_long_polls_does_not_stop_a_normal_request() {
    let running = helper(limits());
    let addr = running.addr;
    // 50 clients, as many as a busy PC's browser tabs and programs would never be.
    under_attack(
        50,
        move |i, _| {
            let request = match i % 4 {
                0 => format!("GET /v1/events?after=1 HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", addr.port()),
                1 => "garbage\r\n\r\n".to_owned(),
                _ => format!("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", addr.port()),
            };
            let Ok(mut stream) = TcpStream::connect(addr) else { return };
            let _ = stream.set_read_timeout(Some(Duration::from_millis(300)));
            let _ = stream.write_all(request.as_bytes());
            let _ = stream.read(&mut [0u8; 512]);
        },
        || {
            for _ in 0..5 {
                answers(addr);
            }
        },
    );
    running.stop();
}

/// Runs `attack(i, stop)` again and again on `n` threads, runs `check` once
/// every attacker has begun, then stops and joins them.
fn under_attack(n: usize, attack: impl Fn(usize, &AtomicBool) + Send + Sync + 'static, check: impl FnOnce()) {
    let stop = Arc::new(AtomicBool::new(false));
    // Stops the attackers if `check` fails too, so that they do not outlive the test.
    let _stop_anyway = StopOnDrop(Arc::clone(&stop));
    let begun = Arc::new(std::sync::Barrier::new(n + 1));
    let attack = Arc::new(attack);
    let attackers: Vec<_> = (0..n)
        .map(|i| {
            let (stop, attack, begun) = (Arc::clone(&stop), Arc::clone(&attack), Arc::clone(&begun));
            std::thread::spawn(move || {
                attack(i, &stop);
                begun.wait();
                while !stop.load(Ordering::SeqCst) {
                    attack(i, &stop);
                }
            })
        })
        .collect();
    begun.wait();
    check();
    stop.store(true, Ordering::SeqCst);
    for attacker in attackers {
        attacker.join().unwrap();
    }
}

struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Waits until the server has `n` long polls waiting.
fn until_waiting(running: &Running, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while running.waiting_long_polls() < n {
        assert!(Instant::now() < deadline, "{} long polls wait, not {n}", running.waiting_long_polls());
        std::thread::yield_now();
    }
}

#[test]
fn a_long_poll_answers_the_moment_the_state_changes() {
    let running = helper(limits());
    let seq = running.shared.snapshot().seq;
    let (addr, path) = (running.addr, format!("/v1/events?after={seq}"));
    let poll = std::thread::spawn(move || get(addr, &path, &host(addr), Some(PAGE)));
    until_waiting(&running, 1);
    let changed = Instant::now();
    running.shared.update(|s| s.readers[0].card = None);
    let answer = poll.join().unwrap();
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"card\":null"), "{answer}");
    assert!(changed.elapsed() < LONG_POLL / 2, "answered {:?} after the change", changed.elapsed());
    running.stop();
}

#[test]
fn a_long_poll_outlasts_the_head_timeout() {
    let running = helper(limits());
    let seq = running.shared.snapshot().seq;
    let (addr, path) = (running.addr, format!("/v1/events?after={seq}"));
    let started = Instant::now();
    // Its client waits as long as a long poll may: this one is held on purpose.
    let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nOrigin: {PAGE}\r\nConnection: close\r\n\r\n", host(addr));
    let poll = std::thread::spawn(move || raw(addr, request.as_bytes(), LONG_POLL));
    until_waiting(&running, 1);
    // Time passing is what is tested: the poll must still wait after twice the head timeout.
    std::thread::sleep(TIMEOUT * 2);
    assert_eq!(running.waiting_long_polls(), 1, "the long poll still waits");
    running.shared.update(|s| s.readers[0].card = None);
    let answer = poll.join().unwrap();
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"card\":null"), "{answer}");
    assert!(started.elapsed() >= TIMEOUT * 2);
    running.stop();
}

#[test]
fn long_polls_beyond_the_cap_answer_at_once() {
    let running = helper(limits());
    let addr = running.addr;
    let seq = running.shared.snapshot().seq;
    let poll = format!("GET /v1/events?after={seq} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", host(addr));
    // The cap of the test helper is 4: these wait until the state changes.
    let waiting: Vec<_> = (0..4)
        .map(|_| {
            let poll = poll.clone();
            std::thread::spawn(move || raw(addr, poll.as_bytes(), Duration::from_secs(10)))
        })
        .collect();
    until_waiting(&running, 4);
    let started = Instant::now();
    let answer = raw(addr, poll.as_bytes(), CLIENT_WAIT);
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(started.elapsed() < LONG_POLL / 2, "the fifth long poll waited {:?}", started.elapsed());
    answers(addr);
    running.shared.update(|s| s.readers.clear());
    for poll in waiting {
        let answer = poll.join().unwrap();
        assert!(answer.contains("\"readers\":[]"), "{answer}");
    }
    running.stop();
}

#[test]
fn keep_alive_connections_serve_several_requests() {
    let running = helper(limits());
    let mut stream = TcpStream::connect(running.addr).unwrap();
    stream.set_read_timeout(Some(CLIENT_WAIT)).unwrap();
    let request = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\n\r\n", host(running.addr));
    for _ in 0..3 {
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&answer).contains("}]}") {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "closed early");
            answer.extend_from_slice(&buf[..n]);
        }
        assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200 OK"));
    }
    running.stop();
}

/// Sends `head`, then up to `body` bytes of zeros in 64 KiB writes, and reads
/// whatever comes back; the server may answer and close at any point.
fn send_and_read(addr: SocketAddr, head: &[u8], body: usize) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    let _ = stream.write_all(head);
    let zeros = vec![0u8; 64 * 1024];
    let mut sent = 0;
    while sent < body && stream.write_all(&zeros).is_ok() {
        sent += zeros.len();
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_body_of_any_declared_size_on_any_method_is_never_read_and_the_server_answers_on() {
    let running = helper(limits());
    let lengths = ["1099511627776", "18446744073709551615", "99999999999999999999999", "-1", "1, 2"];
    for method in ["GET", "POST", "PUT", "OPTIONS", "DELETE", "PATCH"] {
        for length in lengths {
            let head = format!(
                "{method} /v1/status HTTP/1.1\r\nHost: {}\r\nOrigin: https://evil.example\r\nContent-Length: {length}\r\n\r\n",
                host(running.addr)
            );
            let answer = send_and_read(running.addr, head.as_bytes(), 4 << 20);
            assert!(!answer.contains("readers"), "{method} with {length}: {answer}");
            answers(running.addr);
        }
    }
    running.stop();
}

#[test]
fn chunked_bodies_endless_or_broken_are_never_read_and_the_server_answers_on() {
    let running = helper(limits());
    for method in ["POST", "GET"] {
        for first_chunk in ["100000\r\n", "ffffffffffffffff\r\n", "zzzz\r\n", "0\r\n\r\n"] {
            let head = format!(
                "{method} /v1/status HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n{first_chunk}",
                host(running.addr)
            );
            let answer = send_and_read(running.addr, head.as_bytes(), 4 << 20);
            assert!(!answer.contains("readers"), "{method} chunked {first_chunk:?}: {answer}");
            answers(running.addr);
        }
    }
    running.stop();
}

#[test]
fn http2_and_broken_request_lines_are_refused_and_the_server_answers_on() {
    let running = helper(limits());
    let host = host(running.addr);
    let requests: Vec<Vec<u8>> = vec![
        format!("GET /v1/status HTTP/2.0\r\nHost: {host}\r\n\r\n").into_bytes(),
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
        b"garbage\r\n\r\n".to_vec(),
        b"\x00\xff\xfe\xfd\r\n\r\n".to_vec(),
        format!("GET  HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        format!("GET /v1/status HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").into_bytes(),
        format!("GET /v1/status HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n")
            .into_bytes(),
        format!("GET /v1/status HTTP/1.1\r\nHost: {host}\r\nX: \u{7f}\u{0}\r\n\r\n").into_bytes(),
        format!("GET /{} HTTP/1.1\r\nHost: {host}\r\n\r\n", "a".repeat(9000)).into_bytes(),
    ];
    for request in requests {
        let answer = raw(running.addr, &request, Duration::from_secs(2));
        assert!(!answer.contains("readers"), "{:?}: {answer}", String::from_utf8_lossy(&request));
        answers(running.addr);
    }
    running.stop();
}

#[test]
fn five_hundred_connections_opened_at_once_and_held_do_not_keep_out_a_normal_request() {
    // A long head timeout, so that nothing but the connection cap closes them.
    let running = helper(Limits { timeout: HELD, ..limits() });
    let held: Vec<TcpStream> = (0..500)
        .map(|_| {
            let mut stream = TcpStream::connect(running.addr).unwrap();
            let _ = stream.write_all(b"GET /v1/status HTTP/1.1\r\nHost: 127.0");
            stream
        })
        .collect();
    answers_before_they_time_out(running.addr, HELD);
    // The oldest made way: the server closed them (end of stream), the newest stay open.
    let mut oldest = &held[0];
    oldest.set_read_timeout(Some(CLIENT_WAIT)).unwrap();
    assert_eq!(oldest.read(&mut [0u8; 16]).unwrap(), 0, "the oldest held connection was closed");
    assert!(running.open_connections() <= Limits::default().connections, "{} open", running.open_connections());
    drop(held);
    answers(running.addr);
    running.stop();
}

#[test]
fn a_client_that_pipelines_requests_and_never_reads_the_answers_does_not_hold_the_server() {
    let running = helper(limits());
    let request = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\n\r\n", host(running.addr));
    let mut stream = TcpStream::connect(running.addr).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    let _ = stream.write_all(request.repeat(2000).as_bytes());
    answers(running.addr);
    drop(stream);
    running.stop();
}

#[test]
fn connections_beyond_the_cap_close_the_oldest_idle_one_not_a_long_poll() {
    let running = helper(Limits { connections: 4, timeout: HELD, ..limits() });
    let (addr, seq) = (running.addr, running.shared.snapshot().seq);
    let poll = std::thread::spawn(move || get(addr, &format!("/v1/events?after={seq}"), &host(addr), Some(PAGE)));
    until_waiting(&running, 1);
    let idle: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // One more than the cap: the oldest idle connection makes way, the long poll stays.
    answers_before_they_time_out(addr, HELD);
    let mut oldest = &idle[0];
    oldest.set_read_timeout(Some(CLIENT_WAIT)).unwrap();
    assert_eq!(oldest.read(&mut [0u8; 16]).unwrap(), 0, "the oldest idle connection was closed");
    assert_eq!(running.waiting_long_polls(), 1);
    running.shared.update(|s| s.readers.clear());
    assert_eq!(status_of(&poll.join().unwrap()), 200);
    running.stop();
}
