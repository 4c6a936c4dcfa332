//! The helper's settings: its port and the origins allowed to read it.

/// The port the page expects the helper on unless told otherwise.
pub const DEFAULT_PORT: u16 = 17320;

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    /// Exact origins (`scheme://host[:port]`, no path) whose pages may read the status.
    pub allowed_origins: Vec<String>,
}

impl Config {
    /// Checks each origin's form; an origin with a path or a wildcard is refused.
    pub fn new(port: u16, origins: &[String]) -> Result<Config, String> {
        let allowed_origins = origins.iter().map(|o| normalize_origin(o)).collect::<Result<_, _>>()?;
        Ok(Config { port, allowed_origins })
    }

    /// True when `origin` is exactly one of the allowed ones.
    pub fn allows(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
    }
}

/// An origin as browsers send it: lower-case scheme and host, no trailing slash.
fn normalize_origin(origin: &str) -> Result<String, String> {
    let trimmed = origin.trim().trim_end_matches('/');
    let Some((scheme, rest)) = trimmed.split_once("://") else {
        return Err(format!("origin `{origin}` must look like https://intranet.example"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("origin `{origin}` must start with http:// or https://"));
    }
    if rest.is_empty() || rest.contains(['/', '*', '?', '#', '@']) {
        return Err(format!("origin `{origin}` must be scheme://host[:port] only, without path or wildcard"));
    }
    Ok(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_and_compared_exactly() {
        let config = Config::new(DEFAULT_PORT, &["HTTP://127.0.0.1:8080/".into()]).unwrap();
        assert!(config.allows("http://127.0.0.1:8080"));
        assert!(!config.allows("http://127.0.0.1:8081"));
        assert!(!config.allows("http://127.0.0.1:8080.evil.example"));
    }

    #[test]
    fn wildcards_and_paths_are_refused() {
        assert!(Config::new(1, &["*".into()]).is_err());
        assert!(Config::new(1, &["https://*.example".into()]).is_err());
        assert!(Config::new(1, &["https://intranet.example/veiviser".into()]).is_err());
    }
}
