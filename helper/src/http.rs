//! HTTP/1.1 on the wire, as little of it as the API needs: the request head in,
//! the response out. Pure, so the limits are tested (and fuzzed) without sockets.

use crate::api::Response;

/// The most header lines a request may have.
const MAX_HEADERS: usize = 64;

/// A request head: request line and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// True for HTTP/1.1, false for HTTP/1.0.
    pub http11: bool,
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The value of header `name` (the first, if repeated).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether the client wants the connection kept open after the answer.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or("").to_ascii_lowercase();
        if self.http11 {
            !connection.split(',').any(|t| t.trim() == "close")
        } else {
            connection.split(',').any(|t| t.trim() == "keep-alive")
        }
    }

    /// Whether a body follows (this API takes none, so it is never read).
    pub fn has_body(&self) -> bool {
        self.header("Transfer-Encoding").is_some() || self.header("Content-Length").is_some_and(|n| n.trim() != "0")
    }
}

/// The outcome of looking at the bytes received so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// More bytes are needed.
    Incomplete,
    /// A whole head, and how many bytes it took.
    Done(Head, usize),
    /// A request to refuse with this status and reason; the connection is closed after.
    Bad(u16, &'static str),
}

/// Parses the head at the start of `buf`, refusing heads longer than `max` bytes.
pub fn parse(buf: &[u8], max: usize) -> Parsed {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() >= max { Parsed::Bad(431, "the request head is too large") } else { Parsed::Incomplete };
    };
    if end + 4 > max {
        return Parsed::Bad(431, "the request head is too large");
    }
    let Ok(text) = std::str::from_utf8(&buf[..end]) else {
        return Parsed::Bad(400, "the request head is not text");
    };
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (request_line.next(), request_line.next(), request_line.next(), request_line.next())
    else {
        return Parsed::Bad(400, "the request line is malformed");
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Parsed::Bad(505, "only HTTP/1.0 and HTTP/1.1 are spoken"),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || !target.starts_with('/') {
        return Parsed::Bad(400, "the request line is malformed");
    }
    let mut headers = Vec::new();
    for line in lines {
        if headers.len() == MAX_HEADERS {
            return Parsed::Bad(431, "too many header lines");
        }
        let Some((name, value)) = line.split_once(':') else {
            return Parsed::Bad(400, "a header line without a colon");
        };
        // Folded lines and spaces before the colon are how request smuggling starts.
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
            return Parsed::Bad(400, "a malformed header name");
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let head = Head { method: method.to_owned(), target: target.to_owned(), http11, headers };
    if head.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("Host")).count() > 1 {
        return Parsed::Bad(400, "more than one Host header");
    }
    Parsed::Done(head, end + 4)
}

/// The bytes of `response`, with `Connection: close` unless `keep_alive`.
pub fn serialize(response: &Response, keep_alive: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    out.push_str("X-Content-Type-Options: nosniff\r\n");
    out.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    out.push_str(&response.body);
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn done(raw: &str) -> Head {
        match parse(raw.as_bytes(), 8192) {
            Parsed::Done(head, used) => {
                assert_eq!(used, raw.find("\r\n\r\n").unwrap() + 4);
                head
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_browser_request_is_parsed() {
        let head = done("GET /v1/events?after=3 HTTP/1.1\r\nHost: 127.0.0.1:17320\r\nOrigin: http://x\r\n\r\nGET");
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/v1/events?after=3");
        assert_eq!(head.header("host"), Some("127.0.0.1:17320"));
        assert!(head.keep_alive());
        assert!(!head.has_body());
    }

    #[test]
    fn a_partial_head_waits_for_more() {
        assert_eq!(parse(b"GET /v1/status HTTP/1.1\r\nHost: 127", 8192), Parsed::Incomplete);
    }

    #[test]
    fn an_oversized_head_is_refused_before_it_ends() {
        let big = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(9000));
        assert_eq!(parse(big.as_bytes(), 8192), Parsed::Bad(431, "the request head is too large"));
    }

    #[test]
    fn malformed_heads_are_refused() {
        for raw in [
            "GET /\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost a\r\n\r\n",
        ] {
            assert!(matches!(parse(raw.as_bytes(), 8192), Parsed::Bad(..)), "{raw:?}");
        }
    }

    #[test]
    fn bodies_are_noticed() {
        assert!(done("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").has_body());
        assert!(done("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").has_body());
        assert!(!done("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").has_body());
    }

    #[test]
    fn http10_closes_unless_asked_and_http11_keeps_unless_asked() {
        assert!(!done("GET / HTTP/1.0\r\n\r\n").keep_alive());
        assert!(done("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive());
        assert!(!done("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keep_alive());
    }

    #[test]
    fn responses_carry_their_length() {
        let response =
            Response { status: 200, headers: vec![("Content-Type", "application/json".into())], body: "{}".into() };
        let text = String::from_utf8(serialize(&response, false)).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(
            text.contains("Content-Length: 2\r\n")
                && text.contains("Connection: close\r\n")
                && text.ends_with("\r\n\r\n{}")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn any_bytes_parse_or_are_refused_without_panic(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse(&data, 512);
        }

        #[test]
        fn near_valid_heads_never_panic(line in "[A-Z]{0,8} /[ -~]{0,40} HTTP/1\\.[01]", headers in proptest::collection::vec("[ -~]{0,30}", 0..10)) {
            let raw = format!("{line}\r\n{}\r\n\r\n", headers.join("\r\n"));
            if let Parsed::Done(head, used) = parse(raw.as_bytes(), 8192) {
                prop_assert!(used <= raw.len());
                let _ = (head.keep_alive(), head.has_body());
            }
        }
    }
}
