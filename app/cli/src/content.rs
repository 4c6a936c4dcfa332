//! Reads a content folder from disk and runs the shared checker over it.

use std::path::Path;

use veiviser_guide::check::{self, Loaded};
use veiviser_guide::source::Source;
use veiviser_guide::{guide, index, Finding};

/// Findings for the content folder `dir`, sorted by file and position.
pub fn check_dir(dir: &Path) -> Result<Vec<Finding>, String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let index_source = Source::new("index.json", read("index.json")?);
    let (guides, mut findings) = load_guides(dir)?;
    match index::parse(&index_source) {
        Ok(index) => {
            let file_exists = |file: &str| Some(dir.join(file).is_file());
            findings.extend(check::check_all(&index_source, &index, &guides, &file_exists));
        }
        Err(finding) => findings.push(finding),
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    // Paths as the author typed the folder, so editors can jump to them.
    for finding in &mut findings {
        finding.path = dir.join(&finding.path).display().to_string();
    }
    Ok(findings)
}

/// Parses every `*.md` guide file in `dir` (not README.md), with the findings of parsing.
pub fn load_guides(dir: &Path) -> Result<(Vec<Loaded>, Vec<Finding>), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|name| name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md"))
        .collect();
    names.sort();
    let mut guides = Vec::new();
    let mut findings = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| format!("cannot read {name}: {e}"))?;
        let source = Source::new(name, text);
        let (guide, parse_findings) = guide::parse(&source);
        findings.extend(parse_findings);
        guides.push(Loaded { source, guide });
    }
    Ok((guides, findings))
}
