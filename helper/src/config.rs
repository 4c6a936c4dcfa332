//! The helper's settings: its port and the origins allowed to read it, from the
//! command line and from origin files (one origin per line, `#` starts a comment).

use std::path::{Path, PathBuf};

pub use veiviser_api::origin::ORIGINS_FILE;
use veiviser_api::origin::System;
pub use veiviser_api::DEFAULT_PORT;

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

/// Where origins files are looked for when no `--config` is given: the machine's
/// (for administrators), then the user's. Missing files are simply skipped.
pub fn default_files() -> Vec<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let system = System::current();
    let machine = PathBuf::from(system.machine_base());
    let folders: Vec<Option<PathBuf>> = match system {
        System::Windows => vec![env("ProgramData").or(Some(machine)), env("APPDATA")],
        System::MacOs => vec![Some(machine), env("HOME").map(|h| h.join("Library/Application Support"))],
        System::Linux => vec![Some(machine), env("XDG_CONFIG_HOME").or_else(|| env("HOME").map(|h| h.join(".config")))],
    };
    folders.into_iter().flatten().map(|f| f.join(system.folder_name()).join(ORIGINS_FILE)).collect()
}

/// The origins listed in an origins file's text: one per line; blank lines and
/// everything after `#` are ignored. Each is checked as [`Config::new`] does.
pub fn parse_origins(text: &str, source: &str) -> Result<Vec<String>, String> {
    // Windows editors and PowerShell 5.1's UTF8 encoding start the file with a byte-order mark.
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.split('#').next().unwrap_or_default().trim()))
        .filter(|(_, line)| !line.is_empty())
        .map(|(n, line)| normalize_origin(line).map_err(|e| format!("{source}:{n}: {e}")))
        .collect()
}

/// Settings an installer wrote for the whole machine: on Windows the MSI's
/// `ALLOWED_ORIGINS` (space-separated) and `PORT`, under `HKLM\SOFTWARE\Veiviser\Helper`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Machine {
    pub origins: Vec<String>,
    pub port: Option<u16>,
}

impl Machine {
    /// The machine's settings from their text, as the installer wrote them (`source` names where).
    pub fn parse(origins: Option<&str>, port: Option<&str>, source: &str) -> Result<Machine, String> {
        let origins = origins.unwrap_or_default().split_whitespace().map(|o| normalize_origin(o).map_err(|e| format!("{source}: {e}")));
        let port = match port.map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(text) => Some(
                text.parse::<u64>()
                    .ok()
                    .and_then(veiviser_api::helper_port)
                    .ok_or_else(|| format!("{source}: port `{text}` must be {}", veiviser_api::ports_rule()))?,
            ),
        };
        Ok(Machine { origins: origins.collect::<Result<_, _>>()?, port })
    }

    /// The settings this machine's installer wrote (none outside Windows).
    pub fn installed() -> Result<Machine, String> {
        #[cfg(windows)]
        {
            let (origins, port) = (crate::windows::setting("AllowedOrigins")?, crate::windows::setting("Port")?);
            Machine::parse(origins.as_deref(), port.as_deref(), &format!("HKLM\\{}", crate::windows::SETTINGS_KEY))
        }
        #[cfg(not(windows))]
        Ok(Machine::default())
    }
}

/// The settings from the command line, the installer's and the origins files:
/// `config` if given (it must exist), else whichever [`default_files`] exist. The
/// port is the command line's, else the installer's, else [`DEFAULT_PORT`].
pub fn load(port: Option<u16>, origins: &[String], config: Option<&Path>, machine: Machine) -> Result<Config, String> {
    let mut all = origins.to_vec();
    all.extend(machine.origins);
    let files = match config {
        Some(path) => vec![(path.to_path_buf(), true)],
        None => default_files().into_iter().map(|p| (p, false)).collect(),
    };
    for (path, required) in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => all.extend(parse_origins(&text, &path.display().to_string())?),
            Err(e) if required || e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot read the origins file {}: {e}", path.display()))
            }
            Err(_) => {}
        }
    }
    Config::new(port.or(machine.port).unwrap_or(DEFAULT_PORT), &all)
}

/// An origin as browsers send it (see [`veiviser_api::origin`]).
fn normalize_origin(origin: &str) -> Result<String, String> {
    veiviser_api::origin::normalize(origin)
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
    fn an_origins_file_has_one_origin_a_line_with_comments() {
        let text =
            "# pages allowed to read the helper\nhttps://intranet.example  # the intranet\n\nhttp://127.0.0.1:8080\n";
        assert_eq!(parse_origins(text, "f").unwrap(), vec!["https://intranet.example", "http://127.0.0.1:8080"]);
        assert_eq!(
            parse_origins("https://ok.example\n*\n", "f").unwrap_err().split(':').take(2).collect::<Vec<_>>(),
            ["f", "2"]
        );
    }

    #[test]
    fn an_origins_file_with_a_byte_order_mark_is_read() {
        let origins = parse_origins("\u{feff}https://intranet.example\r\n", "allowed-origins.txt").unwrap();
        assert_eq!(origins, ["https://intranet.example"]);
    }

    #[test]
    fn load_joins_command_line_and_file_and_requires_a_named_file() {
        let dir = std::env::temp_dir().join(format!("veiviser-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(ORIGINS_FILE);
        std::fs::write(&file, "https://intranet.example\n").unwrap();
        let config = load(Some(1), &["http://127.0.0.1:8080".into()], Some(&file), Machine::default()).unwrap();
        assert!(config.allows("https://intranet.example") && config.allows("http://127.0.0.1:8080"));
        assert!(load(Some(1), &[], Some(&dir.join("missing.txt")), Machine::default()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_installers_origins_are_space_separated_and_its_port_yields_to_the_command_line() {
        let machine = Machine::parse(Some(" https://intranet.example  HTTP://127.0.0.1:8080/ "), Some("17321"), "HKLM").unwrap();
        assert_eq!(machine.origins, ["https://intranet.example", "http://127.0.0.1:8080"]);
        let dir = std::env::temp_dir().join(format!("veiviser-machine-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(ORIGINS_FILE);
        std::fs::write(&file, "").unwrap();
        let config = load(None, &[], Some(&file), machine.clone()).unwrap();
        assert_eq!(config.port, 17321);
        assert!(config.allows("http://127.0.0.1:8080"));
        assert_eq!(load(Some(17400), &[], Some(&file), machine).unwrap().port, 17400);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(Machine::parse(Some("*"), None, "HKLM").unwrap_err().starts_with("HKLM: "));
        assert!(Machine::parse(None, Some("80"), "HKLM").unwrap_err().contains("from 1024 to 65535"));
        assert_eq!(Machine::parse(None, None, "HKLM").unwrap(), Machine::default());
    }

    #[test]
    fn default_files_are_per_machine_then_per_user() {
        let files = default_files();
        assert!(files.iter().all(|f| f.ends_with(ORIGINS_FILE)));
        if cfg!(target_os = "linux") {
            assert_eq!(files[0], Path::new("/etc/veiviser/allowed-origins.txt"));
            assert_eq!(files[0].parent().unwrap().to_str().unwrap(), System::Linux.machine_folder().trim_end_matches('/'));
        }
    }

    #[test]
    fn wildcards_and_paths_are_refused() {
        assert!(Config::new(1, &["*".into()]).is_err());
        assert!(Config::new(1, &["https://*.example".into()]).is_err());
        assert!(Config::new(1, &["https://intranet.example/veiviser".into()]).is_err());
    }
}
