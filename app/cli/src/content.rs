//! `veiviser check`: a content folder loaded by the shared loader, its findings
//! with paths as the author typed the folder.

use std::path::Path;

use veiviser_guide::{load, Finding};

/// Findings for the content folder `dir`, sorted by file and position.
pub fn check_dir(dir: &Path) -> Result<Vec<Finding>, String> {
    let mut findings = load::folder(dir)?.findings;
    // Paths as the author typed the folder, so editors can jump to them.
    for finding in &mut findings {
        finding.path = dir.join(&finding.path).display().to_string();
    }
    Ok(findings)
}
