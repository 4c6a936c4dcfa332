//! HTTP API v1: who may ask, and the answers. Pure: a request's parts in, a
//! response out, so every rule is tested without a socket. A long poll is
//! planned here ([`Answer::Events`]) and waited for by the server.

use std::time::Duration;

use crate::config::Config;
use crate::state::Status;
#[cfg(test)]
use crate::state::Shared;

/// The longest a `GET /v1/events` waits before answering with the unchanged status.
pub const LONG_POLL: Duration = Duration::from_secs(veiviser_api::LONG_POLL_SECS);

/// The parts of a request the API looks at.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The path and query (`/v1/events?after=3`).
    pub url: &'a str,
    /// The `Host` header, if there is exactly one.
    pub host: Option<&'a str>,
    /// The `Origin` header; an unreadable or repeated one is `Some("")`, which no rule allows.
    pub origin: Option<&'a str>,
    /// The `Sec-Fetch-Site` header, which browsers send with every request (and local programs do not);
    /// an unreadable or repeated one is `Some("")`, which counts as a browser's.
    pub fetch_site: Option<&'a str>,
}

/// A complete answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Response {
    fn json(status: u16, body: String) -> Response {
        Response { status, headers: vec![("Content-Type", "application/json".into())], body }
    }

    /// An error with its message as JSON: `{"error": "..."}`.
    pub fn error(status: u16, message: &str) -> Response {
        Response::json(status, serde_json::json!({ "error": message }).to_string())
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The value of header `name`, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What a request gets: an answer now, or one made from the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Complete already: a refusal, an error or a preflight.
    Ready(Response),
    /// The current status.
    Status { cors: Option<String> },
    /// The status once its `seq` differs from `after` (the helper restarted, or something changed), or when the long poll ends.
    Events { after: u64, cors: Option<String> },
}

impl Answer {
    /// The `seq` a long poll waits to change from, if this is one.
    pub fn waits_after(&self) -> Option<u64> {
        match self {
            Answer::Events { after, .. } => Some(*after),
            _ => None,
        }
    }

    /// The response, with `status` for the answers made from it.
    pub fn respond(self, status: &Status) -> Response {
        match self {
            Answer::Ready(response) => response,
            Answer::Status { cors } | Answer::Events { cors, .. } => {
                let body = serde_json::to_string(status).expect("the status always serializes");
                decorate(Response::json(200, body), cors.as_deref())
            }
        }
    }
}

/// Decides the answer to one request by the rules: Host, Origin, method, path.
pub fn answer(request: &Request, config: &Config) -> Answer {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    let host_ok = request.host.is_some_and(|host| {
        host == format!("127.0.0.1:{}", config.port) || host == format!("localhost:{}", config.port)
    });
    if !host_ok {
        return Answer::Ready(Response::error(
            403,
            "this helper answers only to http://127.0.0.1 and http://localhost on its port",
        ));
    }
    // Browsers send Origin on every CORS request, but not on a plain GET from an
    // <img> or a no-cors fetch; they do send Sec-Fetch-Site (`none` only when the
    // user typed the address). Local programs (curl, doctor) send neither.
    let refused = || Answer::Ready(Response::error(403, "this page's origin is not allowed to read the card reader"));
    let cors = match request.origin {
        Some(origin) if config.allows(origin) => Some(origin.to_owned()),
        Some(_) => return refused(),
        None if request.fetch_site.is_some_and(|site| site != "none") => return refused(),
        None => None,
    };
    let ready = |response: Response| Answer::Ready(decorate(response, cors.as_deref()));
    match request.method {
        "OPTIONS" => ready(
            Response { status: 204, headers: Vec::new(), body: String::new() }
                .with("Access-Control-Allow-Methods", "GET, OPTIONS")
                .with("Access-Control-Allow-Private-Network", "true")
                .with("Access-Control-Max-Age", "600"),
        ),
        "GET" => {
            let (path, query) = request.url.split_once('?').unwrap_or((request.url, ""));
            match path {
                veiviser_api::STATUS_PATH => Answer::Status { cors },
                veiviser_api::EVENTS_PATH => {
                    let after = query.split('&').find_map(|pair| pair.strip_prefix("after="));
                    match after.map(str::parse::<u64>) {
                        Some(Ok(after)) => Answer::Events { after, cors },
                        _ => ready(Response::error(400, "give the last seq you saw: /v1/events?after=SEQ")),
                    }
                }
                _ => ready(Response::error(404, "no such endpoint: see /v1/status and /v1/events")),
            }
        }
        _ => ready(Response::error(405, "only GET and OPTIONS are answered").with("Allow", "GET, OPTIONS")),
    }
}

/// What every answer past the origin check carries: no caching, and CORS for exactly that origin.
fn decorate(response: Response, cors: Option<&str>) -> Response {
    let response = response.with("Cache-Control", "no-store");
    match cors {
        Some(origin) => response.with("Access-Control-Allow-Origin", origin).with("Vary", "Origin"),
        None => response.with("Vary", "Origin"),
    }
}

/// Answers one request from `shared`, a long poll waiting at most `long_poll` on
/// this thread, as the server does on its runtime (for the tests of the rules).
#[cfg(test)]
fn handle(request: &Request, config: &Config, shared: &Shared, long_poll: Duration) -> Response {
    let answer = answer(request, config);
    let status = match answer.waits_after() {
        Some(after) => shared.wait_after(after, long_poll),
        None => shared.snapshot(),
    };
    answer.respond(&status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Service;

    const PAGE: &str = "http://127.0.0.1:8080";

    fn config() -> Config {
        Config::new(17320, &[PAGE.into()]).unwrap()
    }

    fn get(url: &str, origin: Option<&str>) -> Response {
        let request = Request { method: "GET", url, host: Some("127.0.0.1:17320"), origin, ..Request::default() };
        handle(&request, &config(), &Shared::new(), Duration::from_millis(10))
    }

    #[test]
    fn an_allowed_origin_gets_the_status_with_cors_for_exactly_that_origin() {
        let response = get("/v1/status", Some(PAGE));
        assert_eq!(response.status, 200);
        assert_eq!(response.header("Access-Control-Allow-Origin"), Some(PAGE));
        let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
        assert_eq!(json["seq"], 0);
        assert!(json["readers"].as_array().unwrap().is_empty());
    }

    #[test]
    fn another_origin_gets_403_and_no_card_data() {
        let response = get("/v1/status", Some("https://evil.example"));
        assert_eq!(response.status, 403);
        assert!(!response.body.contains("readers"));
        assert_eq!(response.header("Access-Control-Allow-Origin"), None);
    }

    #[test]
    fn a_page_that_sends_no_origin_is_refused_and_a_local_program_is_not() {
        let from_page = |fetch_site| Request { method: "GET", url: "/v1/events?after=0", host: Some("127.0.0.1:17320"), origin: None, fetch_site };
        for site in ["cross-site", "same-site", "same-origin"] {
            let response = handle(&from_page(Some(site)), &config(), &Shared::new(), Duration::ZERO);
            assert_eq!(response.status, 403, "{site}");
            assert!(!response.body.contains("readers"));
        }
        // The user typed the address, or curl: no page is asking.
        assert_eq!(handle(&from_page(Some("none")), &config(), &Shared::new(), Duration::ZERO).status, 200);
        assert_eq!(handle(&from_page(None), &config(), &Shared::new(), Duration::ZERO).status, 200);
        let unreadable = Request { origin: Some(""), ..from_page(None) };
        assert_eq!(handle(&unreadable, &config(), &Shared::new(), Duration::ZERO).status, 403);
    }

    #[test]
    fn a_foreign_host_header_is_refused() {
        for host in [Some("evil.example:17320"), Some("127.0.0.1:80"), None] {
            let request = Request { method: "GET", url: "/v1/status", host, origin: Some(PAGE), ..Request::default() };
            let response = handle(&request, &config(), &Shared::new(), Duration::ZERO);
            assert_eq!(response.status, 403, "{host:?}");
        }
    }

    #[test]
    fn localhost_is_accepted_as_host() {
        let request = Request { method: "GET", url: "/v1/status", host: Some("localhost:17320"), ..Request::default() };
        assert_eq!(handle(&request, &config(), &Shared::new(), Duration::ZERO).status, 200);
    }

    #[test]
    fn only_get_and_options_are_answered() {
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let request = Request { method, url: "/v1/status", host: Some("127.0.0.1:17320"), origin: Some(PAGE), ..Request::default() };
            let response = handle(&request, &config(), &Shared::new(), Duration::ZERO);
            assert_eq!(response.status, 405, "{method}");
        }
    }

    #[test]
    fn the_preflight_allows_private_network_access_for_allowed_origins() {
        let request = Request { method: "OPTIONS", url: "/v1/status", host: Some("127.0.0.1:17320"), origin: Some(PAGE), ..Request::default() };
        let response = handle(&request, &config(), &Shared::new(), Duration::ZERO);
        assert_eq!(response.status, 204);
        assert_eq!(response.header("Access-Control-Allow-Private-Network"), Some("true"));
        assert_eq!(response.header("Access-Control-Allow-Origin"), Some(PAGE));
    }

    #[test]
    fn events_answer_at_once_when_seq_is_already_newer() {
        let shared = Shared::new();
        shared.update(|s| s.service = Service::Ok);
        let request = Request { method: "GET", url: "/v1/events?after=0", host: Some("127.0.0.1:17320"), ..Request::default() };
        let response = handle(&request, &config(), &shared, Duration::from_secs(30));
        let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
        assert_eq!(json["seq"], 1);
    }

    #[test]
    fn events_without_after_is_a_clear_400() {
        let response = get("/v1/events", None);
        assert_eq!(response.status, 400);
        assert!(response.body.contains("after=SEQ"));
    }
}
