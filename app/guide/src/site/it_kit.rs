//! The IT kit: every file an administrator needs so that the site's live checks
//! work on managed PCs, made from one source (the site's origins and the
//! helper's port) for the "For IT" page and `veiviser it-kit` alike.
//!
//! - Chrome and Edge: `LoopbackNetworkAllowedForUrls` (146 and later) and
//!   `LocalNetworkAccessAllowedForUrls`, so the browser lets the site ask the
//!   helper without a prompt: a Windows `.reg` for each, a Linux JSON file, and a
//!   macOS configuration-profile snippet.
//! - Firefox: `policies.json` with `LocalNetworkAccess.SkipDomains`.
//! - The helper: its `allowed-origins.txt`.
//! - The site: the Content Security Policy with `connect-src` for the port.

/// One file of the kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Its name when saved.
    pub name: &'static str,
    /// Where it goes, for the administrator.
    pub place: String,
    pub contents: String,
}

/// The two Chromium policies that let a site call the PC itself without a prompt.
pub const POLICIES: [&str; 2] = ["LoopbackNetworkAllowedForUrls", "LocalNetworkAccessAllowedForUrls"];

/// Checks an origin for the kit: `https://host[:port]` or `http://host[:port]`, no path.
pub fn origin(text: &str) -> Result<String, String> {
    veiviser_api::origin::normalize(text)
}

/// The kit for the site at `origins` (already checked with [`origin`]) and the helper on `port`.
pub fn files(origins: &[String], port: u16) -> Vec<File> {
    vec![
        File { name: "veiviser-chrome.reg", place: "Windows, Google Chrome: import with regedit or deploy by Group Policy".into(), contents: reg(r"Google\Chrome", origins) },
        File { name: "veiviser-edge.reg", place: "Windows, Microsoft Edge: import with regedit or deploy by Group Policy".into(), contents: reg(r"Microsoft\Edge", origins) },
        File {
            name: "veiviser.json",
            place: "Linux: /etc/opt/chrome/policies/managed/ (Chrome), /etc/chromium/policies/managed/ (Chromium), /etc/opt/edge/policies/managed/ (Edge)".into(),
            contents: linux_json(origins),
        },
        File { name: "veiviser-chrome-edge.mobileconfig.xml", place: "macOS: the payloads of a configuration profile (Jamf, Intune)".into(), contents: mac_profile(origins) },
        File {
            name: "policies.json",
            place: "Firefox 145 and later: C:\\Program Files\\Mozilla Firefox\\distribution\\ (Windows), /etc/firefox/policies/ (Linux), Firefox.app/Contents/Resources/distribution/ (macOS)".into(),
            contents: firefox(origins),
        },
        File {
            name: veiviser_api::origin::ORIGINS_FILE,
            place: format!("The helper: {} (on Windows the MSI's ALLOWED_ORIGINS does the same)", veiviser_api::origin::origins_folders()),
            contents: origins_file(origins),
        },
        File { name: "content-security-policy.txt", place: "The web server's Content-Security-Policy header for the site".into(), contents: csp(port) + "\n" },
    ]
}

/// `contents` as a `data:` address, for a link that downloads it.
pub fn data_url(contents: &str) -> String {
    let mut url = String::from("data:text/plain;charset=utf-8,");
    for byte in contents.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// The site's Content Security Policy, allowing calls to the helper on `port`.
pub fn csp(port: u16) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' {}",
        veiviser_api::base_url(port)
    )
}

fn json_list(origins: &[String]) -> String {
    let quoted: Vec<String> = origins.iter().map(|o| format!("\"{o}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Chrome's and Edge's JSON policy file for Linux.
pub fn linux_json(origins: &[String]) -> String {
    let list = json_list(origins);
    let lines: Vec<String> = POLICIES.iter().map(|policy| format!("  \"{policy}\": {list}")).collect();
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

fn reg(vendor: &str, origins: &[String]) -> String {
    let mut out = String::from("Windows Registry Editor Version 5.00\r\n");
    for policy in POLICIES {
        out.push_str(&format!("\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\{vendor}\\{policy}]\r\n"));
        for (n, origin) in origins.iter().enumerate() {
            out.push_str(&format!("\"{}\"=\"{origin}\"\r\n", n + 1));
        }
    }
    out
}

fn mac_profile(origins: &[String]) -> String {
    let strings: String = origins.iter().map(|o| format!("\t\t\t\t<string>{o}</string>\n")).collect();
    let keys: String = POLICIES.iter().map(|p| format!("\t\t\t<key>{p}</key>\n\t\t\t<array>\n{strings}\t\t\t</array>\n")).collect();
    // Each payload needs a UUID of its own: fixed, so that a profile sent again replaces the last.
    let payload = |kind: &str, id: &str, uuid: &str| {
        format!(
            "\t\t<dict>\n\t\t\t<key>PayloadType</key>\n\t\t\t<string>{kind}</string>\n\t\t\t<key>PayloadIdentifier</key>\n\t\t\t<string>{id}</string>\n\t\t\t<key>PayloadUUID</key>\n\t\t\t<string>{uuid}</string>\n\t\t\t<key>PayloadVersion</key>\n\t\t\t<integer>1</integer>\n{keys}\t\t</dict>\n"
        )
    };
    format!(
        "<!-- PayloadContent of a configuration profile: one payload for Chrome, one for Edge. -->\n<array>\n{}{}</array>\n",
        payload("com.google.Chrome", "veiviser.chrome", "6F1C2D1E-5B0A-4E43-9C1F-7A7C4E9B2D11"),
        payload("com.microsoft.Edge", "veiviser.edge", "0B8E4A52-3C7D-4F1B-A2E6-9D5C1F3E7A24")
    )
}

fn firefox(origins: &[String]) -> String {
    // Firefox lists host names, not origins.
    let hosts: Vec<String> = origins.iter().map(|o| host(o).to_owned()).collect();
    format!("{{\n  \"policies\": {{\n    \"LocalNetworkAccess\": {{\n      \"SkipDomains\": {}\n    }}\n  }}\n}}\n", json_list(&hosts))
}

/// The host of an origin, without scheme or port.
fn host(origin: &str) -> &str {
    let rest = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    match rest.strip_prefix('[').and_then(|inner| inner.find(']')) {
        Some(end) => &rest[..end + 2],
        None => rest.split(':').next().unwrap_or(rest),
    }
}

fn origins_file(origins: &[String]) -> String {
    let mut out = String::from("# Pages allowed to ask veiviser-helper what the card reader sees: one origin a line.\n");
    for origin in origins {
        out.push_str(origin);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kit() -> Vec<File> {
        files(&["https://intranet.example".into(), "http://127.0.0.1:8080".into()], 17320)
    }

    fn file(name: &str) -> String {
        kit().into_iter().find(|f| f.name == name).unwrap().contents
    }

    #[test]
    fn the_linux_policy_names_both_chromium_policies_for_every_origin() {
        let json: serde_json::Value = serde_json::from_str(&file("veiviser.json")).unwrap();
        for policy in POLICIES {
            assert_eq!(json[policy], serde_json::json!(["https://intranet.example", "http://127.0.0.1:8080"]), "{policy}");
        }
    }

    #[test]
    fn the_windows_files_write_each_origin_under_each_policy_of_their_browser() {
        let chrome = file("veiviser-chrome.reg");
        assert!(chrome.starts_with("Windows Registry Editor Version 5.00\r\n"));
        assert!(chrome.contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\LoopbackNetworkAllowedForUrls]\r\n\"1\"=\"https://intranet.example\"\r\n\"2\"=\"http://127.0.0.1:8080\"\r\n"));
        assert!(chrome.contains("\\Google\\Chrome\\LocalNetworkAccessAllowedForUrls]"));
        assert!(file("veiviser-edge.reg").contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\LocalNetworkAccessAllowedForUrls]"));
    }

    #[test]
    fn firefox_gets_host_names_and_the_helper_gets_origins() {
        let json: serde_json::Value = serde_json::from_str(&file("policies.json")).unwrap();
        assert_eq!(json["policies"]["LocalNetworkAccess"]["SkipDomains"], serde_json::json!(["intranet.example", "127.0.0.1"]));
        assert!(file("allowed-origins.txt").ends_with("\nhttps://intranet.example\nhttp://127.0.0.1:8080\n"));
    }

    #[test]
    fn the_mac_snippet_has_a_payload_for_chrome_and_one_for_edge() {
        let plist = file("veiviser-chrome-edge.mobileconfig.xml");
        assert!(plist.contains("<string>com.google.Chrome</string>") && plist.contains("<string>com.microsoft.Edge</string>"));
        assert_eq!(plist.matches("<key>PayloadUUID</key>").count(), 2);
        assert_eq!(plist.matches("<string>https://intranet.example</string>").count(), 4);
    }

    #[test]
    fn a_file_downloads_as_a_data_address_that_keeps_every_byte() {
        assert_eq!(data_url("a b\r\nø"), "data:text/plain;charset=utf-8,a%20b%0D%0A%C3%B8");
    }

    #[test]
    fn the_csp_allows_exactly_the_helpers_port() {
        assert!(csp(17321).ends_with("connect-src 'self' http://127.0.0.1:17321"));
        assert_eq!(file("content-security-policy.txt"), csp(17320) + "\n");
    }

    #[test]
    fn origins_are_checked_and_written_as_browsers_send_them() {
        assert_eq!(origin("HTTPS://Intranet.Example/").unwrap(), "https://intranet.example");
        for bad in ["intranet.example", "https://intranet.example/veiviser", "https://*.example", "ftp://x", "https://a\"b"] {
            assert!(origin(bad).is_err(), "{bad}");
        }
        assert_eq!(host("https://[::1]:8080"), "[::1]");
    }
}
