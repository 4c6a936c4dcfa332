//! Fetching the site's own files (the content folder, the settings) as text.

/// How a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// The server answered this status (404: no such file).
    Status(u16, String),
    /// No answer, or no readable body.
    Network(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Status(code, text) => write!(f, "HTTP {code} {text}"),
            Failed::Network(reason) => f.write_str(reason),
        }
    }
}

/// The text at `url`, relative to the page.
pub async fn text(url: &str) -> Result<String, Failed> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| Failed::Network(e.to_string()))?;
    if !response.ok() {
        return Err(Failed::Status(response.status(), response.status_text()));
    }
    response.text().await.map_err(|e| Failed::Network(e.to_string()))
}
