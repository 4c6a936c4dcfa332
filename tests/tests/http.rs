//! The helper's HTTP face over real sockets: who may ask (Origin, Host, method),
//! and that oversized, slow and flooding clients cannot stop a normal request.
//! No pcscd: the state is fed by the test.
//!
//! The server is tiny_http: a silent client is dropped by the socket timeout the
//! accepted socket inherits from the listening one (tiny_http answers nothing on
//! Linux, 408 on Windows), and a body that came with a request is left to tiny_http.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use veiviser_helper::config::Config;
use veiviser_helper::server::{self, Limits, Running};
use veiviser_helper::state::{Card, CardKind, ReadState, Reader, Service, Shared};
use veiviser_tests::helper::{raw, status_of};

const PAGE: &str = "https://intranet.example";

/// The socket timeout of the test helpers: a silent client is dropped after this.
const TIMEOUT: Duration = Duration::from_millis(800);

fn limits() -> Limits {
    Limits { workers: 8, long_polls: 4, timeout: TIMEOUT, ..Limits::default() }
}

/// A helper whose reader holds a read PIV card.
fn helper(limits: Limits) -> Running {
    let shared = Arc::new(Shared::new());
    shared.update(|s| {
        s.service = Service::Ok;
        let card = Card {
            kind: CardKind::Piv,
            read: ReadState::Done,
            pin_tries_left: Some(3),
            ..Card::inserted(&[0x3b, 0x7f], 1)
        };
        s.readers = vec![Reader { name: "Reader A".into(), card: Some(card) }];
    });
    server::serve(&Config::new(0, &[PAGE.into()]).unwrap(), shared, limits).expect("the server starts")
}

fn get(addr: SocketAddr, path: &str, host: &str, origin: Option<&str>) -> String {
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\r\n").as_bytes(),
        Duration::from_secs(5),
    )
}

fn host(addr: SocketAddr) -> String {
    format!("127.0.0.1:{}", addr.port())
}

/// A normal status request answers within `limit`.
fn answers_within(addr: SocketAddr, limit: Duration) -> Duration {
    let started = Instant::now();
    let answer = get(addr, "/v1/status", &host(addr), Some(PAGE));
    let took = started.elapsed();
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"kind\":\"piv\""), "{answer}");
    assert!(took < limit, "a normal request took {took:?}");
    took
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
        Duration::from_secs(5),
    );
    assert_eq!(status_of(&preflight), 403, "{preflight}");
    assert!(!preflight.contains("Access-Control-Allow-Private-Network"));
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
    let no_host = raw(running.addr, b"GET /v1/status HTTP/1.0\r\n\r\n", Duration::from_secs(5));
    assert_eq!(status_of(&no_host), 403, "{no_host}");
    running.stop();
}

#[test]
fn only_get_and_options_are_answered() {
    let running = helper(limits());
    for method in ["POST", "PUT", "DELETE", "PATCH", "HEAD", "CONNECT", "TRACE"] {
        let request = format!("{method} /v1/status HTTP/1.1\r\nHost: {}\r\nOrigin: {PAGE}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", host(running.addr));
        let answer = raw(running.addr, request.as_bytes(), Duration::from_secs(5));
        assert_eq!(status_of(&answer), 405, "{method}: {answer}");
    }
    let with_body =
        format!("POST /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 5\r\n\r\nhello", host(running.addr));
    let answer = raw(running.addr, with_body.as_bytes(), Duration::from_secs(5));
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
    let answer = raw(running.addr, request.as_bytes(), Duration::from_secs(5));
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
    let answer = raw(running.addr, huge.as_bytes(), Duration::from_secs(5));
    assert_eq!(status_of(&answer), 431, "{answer}");
    let body = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, body.as_bytes(), Duration::from_secs(5))), 413);
    let chunked =
        format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, chunked.as_bytes(), Duration::from_secs(5))), 413);
    let many = (0..100).map(|i| format!("X-{i}: a\r\n")).collect::<String>();
    let many = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\n{many}\r\n", host(running.addr));
    assert_eq!(status_of(&raw(running.addr, many.as_bytes(), Duration::from_secs(5))), 431);
    answers_within(running.addr, Duration::from_secs(1));
    running.stop();
}

#[test]
fn a_declared_body_that_never_comes_does_not_hold_a_worker() {
    // Two workers: were the unread bodies discarded on them, nothing would answer for seconds.
    let running = helper(Limits { workers: 2, long_polls: 1, ..limits() });
    let waiting: Vec<_> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(running.addr).unwrap();
            let head =
                format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n", host(running.addr));
            stream.write_all(head.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    answers_within(running.addr, Duration::from_millis(500));
    drop(waiting);
    running.stop();
}

/// Asserts that `stream` is closed by the helper about `TIMEOUT` after `since`,
/// with no answer or a 408.
fn closed_after_the_timeout(mut stream: TcpStream, since: Instant) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let took = since.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || status_of(&answer) == 408, "{answer}");
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
    // More half-sent requests than there are workers: tiny_http reads each on its own
    // thread. A little apart, as its thread pool may queue connections that arrive in
    // one burst behind each other (see API.md, Limits).
    let silent: Vec<_> = (0..32)
        .map(|_| {
            let mut stream = TcpStream::connect(running.addr).unwrap();
            let since = Instant::now();
            stream.write_all(b"GET /v1/status HTTP/1.1\r\nHost: 127.0").unwrap();
            std::thread::sleep(Duration::from_millis(10));
            (stream, since)
        })
        .collect();
    answers_within(running.addr, Duration::from_millis(500));
    std::thread::sleep(TIMEOUT / 4);
    answers_within(running.addr, Duration::from_millis(500));
    for (stream, since) in silent {
        closed_after_the_timeout(stream, since);
    }
    running.stop();
}

#[test]
fn the_helper_still_accepts_after_idling_longer_than_the_timeout() {
    // On Linux the listening socket's timeout also limits accept(), which would end tiny_http's accept thread.
    let running = helper(limits());
    std::thread::sleep(TIMEOUT * 3);
    answers_within(running.addr, Duration::from_millis(500));
    running.stop();
}

#[test]
fn trickling_slowloris_connections_do_not_keep_out_a_normal_request() {
    let running = helper(limits());
    let addr = running.addr;
    // Six times as many trickling connections as the helper has workers, reopened as they end.
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
                answers_within(addr, Duration::from_secs(2));
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
    under_attack(
        40,
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
                answers_within(addr, Duration::from_secs(2));
            }
        },
    );
    running.stop();
}

/// Runs `attack(i, stop)` again and again on `n` threads, lets them get going for
/// half a second, runs `check` meanwhile, then stops and joins them.
fn under_attack(n: usize, attack: impl Fn(usize, &AtomicBool) + Send + Sync + 'static, check: impl FnOnce()) {
    let stop = Arc::new(AtomicBool::new(false));
    let attack = Arc::new(attack);
    let attackers: Vec<_> = (0..n)
        .map(|i| {
            let (stop, attack) = (Arc::clone(&stop), Arc::clone(&attack));
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    attack(i, &stop);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    check();
    stop.store(true, Ordering::SeqCst);
    for attacker in attackers {
        attacker.join().unwrap();
    }
}

#[test]
fn a_long_poll_answers_the_moment_the_state_changes() {
    let running = helper(limits());
    let shared = Arc::clone(&running.shared);
    let seq = shared.snapshot().seq;
    let changer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        shared.update(|s| s.readers[0].card = None);
    });
    let started = Instant::now();
    let answer = get(running.addr, &format!("/v1/events?after={seq}"), &host(running.addr), Some(PAGE));
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"card\":null"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
    changer.join().unwrap();
    running.stop();
}

#[test]
fn a_long_poll_outlasts_the_socket_timeout() {
    let running = helper(limits());
    let shared = Arc::clone(&running.shared);
    let seq = shared.snapshot().seq;
    let changer = std::thread::spawn(move || {
        std::thread::sleep(TIMEOUT * 2);
        shared.update(|s| s.readers[0].card = None);
    });
    let answer = get(running.addr, &format!("/v1/events?after={seq}"), &host(running.addr), Some(PAGE));
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.contains("\"card\":null"), "{answer}");
    changer.join().unwrap();
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
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let answer = raw(addr, poll.as_bytes(), Duration::from_secs(5));
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(started.elapsed() < Duration::from_secs(1), "the fifth long poll waited {:?}", started.elapsed());
    answers_within(addr, Duration::from_millis(500));
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
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
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
