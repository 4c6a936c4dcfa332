//! What the helper tells whoever looks after it: that it started and on which
//! port, the pages it refused (by origin), and the smart-card service's errors.
//! Never anything read from a card: no names, numbers or certificates.
//!
//! Lines go to standard error, and, where a file is set (on Windows
//! `%LOCALAPPDATA%\Veiviser\helper.log`, since a program started at logon has no
//! console), to that file, which is kept small: past [`MAX_BYTES`] it is moved to
//! `helper.log.1` (replacing the one before) and begun anew.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The most a log file holds before it is rotated.
pub const MAX_BYTES: u64 = 256 * 1024;

/// A refused origin is logged at most once in this long, so a page that knocks
/// again and again cannot fill the log.
const REFUSAL_EVERY: Duration = Duration::from_secs(60);
/// Origins remembered for [`REFUSAL_EVERY`]; beyond this many they are forgotten.
const REFUSALS_KEPT: usize = 256;

/// A bounded log file.
pub struct File {
    path: PathBuf,
    max_bytes: u64,
}

impl File {
    /// The log at `path`, rotated past `max_bytes`.
    pub fn new(path: impl Into<PathBuf>, max_bytes: u64) -> File {
        File { path: path.into(), max_bytes }
    }

    /// Appends `line`, rotating first if the file would grow past its bound.
    pub fn write(&self, line: &str) -> std::io::Result<()> {
        let size = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if size + line.len() as u64 + 1 > self.max_bytes {
            std::fs::rename(&self.path, rotated(&self.path))?;
        }
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?;
        writeln!(file, "{line}")
    }
}

/// Where a rotated log goes: `helper.log` → `helper.log.1`.
pub fn rotated(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".1");
    PathBuf::from(name)
}

/// The log file of this system, if it keeps one.
pub fn default_file() -> Option<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(|base| PathBuf::from(base).join("Veiviser").join("helper.log"))
    } else {
        None
    }
}

struct Log {
    file: Option<File>,
    refused: Mutex<HashMap<String, Instant>>,
}

static LOG: OnceLock<Log> = OnceLock::new();

/// Sets where lines go besides standard error; call once, at start-up.
pub fn to_file(file: Option<File>) {
    let _ = LOG.set(Log { file, refused: Mutex::new(HashMap::new()) });
}

/// Logs one line, with the time.
pub fn line(message: &str) {
    let line = format!("{} veiviser-helper: {message}", crate::clock::rfc3339(crate::clock::now()));
    eprintln!("{line}");
    if let Some(file) = LOG.get().and_then(|log| log.file.as_ref()) {
        // A log that cannot be written must not stop the helper.
        let _ = file.write(&line);
    }
}

/// Logs that a page was refused (`None`: it sent no Origin), at most once a minute per origin.
pub fn refused(origin: Option<&str>) {
    let Some(log) = LOG.get() else { return };
    // No origin header can hold a line break, so this key is no page's origin.
    let key = origin.unwrap_or("\n(none)");
    {
        let mut refused = log.refused.lock().unwrap_or_else(|p| p.into_inner());
        if refused.get(key).is_some_and(|at| at.elapsed() < REFUSAL_EVERY) {
            return;
        }
        if refused.len() >= REFUSALS_KEPT {
            refused.clear();
        }
        refused.insert(key.to_owned(), Instant::now());
    }
    match origin {
        Some(origin) => {
            // Origins come from any web page: keep them printable and short.
            let shown: String = origin.chars().filter(|c| !c.is_control()).take(200).collect();
            let shown = if shown.is_empty() { "an unreadable or repeated Origin".to_owned() } else { shown };
            line(&format!("refused a page from {shown}: its origin is not in the allowed origins"));
        }
        // Veiviser's page sends one such request itself when its call was refused, to tell
        // a refused origin from a helper that is not running.
        None => line(
            "refused a web page that sent no Origin (the guide's own check does, after a refused call): \
             the helper answers only pages from the allowed origins",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_past_its_bound_is_rotated_and_never_grows_beyond_two_files() {
        let dir = std::env::temp_dir().join(format!("veiviser-log-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("Veiviser").join("helper.log");
        let log = File::new(&path, 1000);
        for n in 0..100 {
            log.write(&format!("line {n:03} {}", "x".repeat(40))).unwrap();
        }
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        assert!(size(&path) <= 1000 && size(&rotated(&path)) <= 1000);
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("line 099 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"));
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
