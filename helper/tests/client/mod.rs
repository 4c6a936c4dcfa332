//! A raw HTTP client for the helper's tests: a request sent byte for byte as the
//! test wrote it (broken, huge or slow ones too), the answer read as text.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Sends `request` as it is over a new connection and returns the whole answer
/// (status line, headers, body) as text; the helper closes after it or within `wait`.
pub fn raw(addr: SocketAddr, request: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(addr).expect("the helper accepts connections");
    stream.set_read_timeout(Some(wait)).expect("read timeout");
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code of a raw answer (0 if there was none).
pub fn status_of(answer: &str) -> u16 {
    answer.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0)
}
