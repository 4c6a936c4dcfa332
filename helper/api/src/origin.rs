//! Origins, as browsers send them in the `Origin` header: `scheme://host[:port]`,
//! lower case, no path. One rule for the helper's allowed origins and the IT kit,
//! and one place for the file that lists them: its name and its folder on each system.

/// The name of the helper's origins file, one allowed origin a line.
pub const ORIGINS_FILE: &str = "allowed-origins.txt";

/// A system the helper runs on, for where its origins files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Windows,
    MacOs,
    Linux,
}

impl System {
    /// Every system, in the order documents list them.
    pub const ALL: [System; 3] = [System::Windows, System::MacOs, System::Linux];

    /// The system this code is built for (Linux stands for the other Unix systems).
    pub fn current() -> System {
        if cfg!(windows) {
            System::Windows
        } else if cfg!(target_os = "macos") {
            System::MacOs
        } else {
            System::Linux
        }
    }

    /// Its name, as documents write it.
    pub fn name(self) -> &'static str {
        match self {
            System::Windows => "Windows",
            System::MacOs => "macOS",
            System::Linux => "Linux",
        }
    }

    /// The helper's own folder inside a configuration folder.
    pub fn folder_name(self) -> &'static str {
        match self {
            System::Windows | System::MacOs => "Veiviser",
            System::Linux => "veiviser",
        }
    }

    /// The machine-wide configuration folder the helper's folder is in (on Windows, `%ProgramData%`'s usual place).
    pub fn machine_base(self) -> &'static str {
        match self {
            System::Windows => r"C:\ProgramData",
            System::MacOs => "/Library/Application Support",
            System::Linux => "/etc",
        }
    }

    /// The machine-wide origins file's folder, as people read it (`/etc/veiviser/`).
    pub fn machine_folder(self) -> String {
        let separator = if self == System::Windows { '\\' } else { '/' };
        format!("{}{separator}{}{separator}", self.machine_base(), self.folder_name())
    }

    /// The user's own origins file's folder, as people read it (`~/.config/veiviser/`).
    pub fn user_folder(self) -> String {
        match self {
            System::Windows => format!(r"%APPDATA%\{}\", self.folder_name()),
            System::MacOs => format!("~/Library/Application Support/{}/", self.folder_name()),
            System::Linux => format!("~/.config/{}/", self.folder_name()),
        }
    }
}

/// Where the machine-wide origins file's folder is on each system, for messages:
/// `C:\ProgramData\Veiviser\ (Windows), … /etc/veiviser/ (Linux)`.
pub fn origins_folders() -> String {
    System::ALL.map(|system| format!("{} ({})", system.machine_folder(), system.name())).join(", ")
}

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
    fn the_origins_files_folders_are_named_for_each_system() {
        assert_eq!(
            origins_folders(),
            r"C:\ProgramData\Veiviser\ (Windows), /Library/Application Support/Veiviser/ (macOS), /etc/veiviser/ (Linux)"
        );
        assert_eq!(System::Linux.user_folder(), "~/.config/veiviser/");
        assert_eq!(System::Windows.user_folder(), r"%APPDATA%\Veiviser\");
    }

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
