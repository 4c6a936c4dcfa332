//! A finding about content, reported like a compiler diagnostic.

use std::fmt;

/// How serious a finding is: errors make `veiviser check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a content file, with its position (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    /// An error at `path:line:col`.
    pub fn error(path: &str, (line, col): (usize, usize), message: impl Into<String>) -> Self {
        Finding { path: path.to_owned(), line, col, severity: Severity::Error, message: message.into() }
    }

    /// A warning at `path:line:col`.
    pub fn warning(path: &str, (line, col): (usize, usize), message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(path, (line, col), message) }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.path, self.line, self.col, self.severity, self.message)
    }
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Sorts findings by file and position (the order an author fixes them in), and
/// drops a finding given twice.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message)));
    findings.dedup();
}
