//! Origins, as browsers send them in the `Origin` header: `scheme://host[:port]`,
//! lower case, no path. One rule for the helper's allowed origins and the IT kit.

/// Where the helper's machine-wide origins file is on each system (the folder of `allowed-origins.txt`).
pub const ORIGINS_FOLDERS: &str =
    r"C:\ProgramData\Veiviser\ (Windows), /Library/Application Support/Veiviser/ (macOS), /etc/veiviser/ (Linux)";

/// `text` as browsers send it (lower-case scheme and host, no trailing slash), or why it is no origin.
pub fn normalize(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('/');
    let Some((scheme, rest)) = trimmed.split_once("://") else {
        return Err(format!("origin `{text}` must look like https://intranet.example"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("origin `{text}` must start with http:// or https://"));
    }
    let visible = rest.bytes().all(|b| b.is_ascii_graphic());
    if rest.is_empty() || !visible || rest.contains(['/', '*', '?', '#', '@', '"', '\\', '<', '>', '&', '\'']) {
        return Err(format!("origin `{text}` must be scheme://host[:port] only, without path or wildcard"));
    }
    Ok(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_written_as_browsers_send_them() {
        assert_eq!(normalize(" HTTPS://Intranet.Example:8443/ ").unwrap(), "https://intranet.example:8443");
    }

    #[test]
    fn paths_wildcards_and_markup_are_no_origins() {
        for bad in ["intranet.example", "ftp://x", "https://", "https://a/b", "https://*.example", "https://a\"b", "https://a<b", "https://a b"] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }
}
