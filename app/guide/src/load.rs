//! One loader for a content folder, wherever its files come from: a folder on
//! disk (the CLI, the benchmark, the tests) or fetched by the browser. The
//! caller reads the files; this parses and checks them, so every reader of
//! content sees the same index, guides and findings.
//!
//! The checker always sees the whole index: what an organisation's settings
//! hide is filtered from what the start page shows, never from what is proven.

use crate::check::{self, Parsed};
use crate::model::finding::{self, Finding};
use crate::model::guide::{self, Guide};
use crate::model::index::{self, GuideEntry, Index};
use crate::model::source::Source;

/// The name of the index in a content folder.
pub const INDEX: &str = "index.json";

/// A parsed guide together with its source, so findings can point at lines.
pub struct Loaded {
    pub source: Source,
    pub guide: Guide,
}

impl Loaded {
    /// The guide as the checker reads it.
    pub fn parsed(&self) -> Parsed<'_> {
        Parsed { source: &self.source, guide: &self.guide }
    }
}

/// A content folder, loaded: the index, every guide file, and what is wrong with them.
pub struct Content {
    pub index_source: Source,
    /// The index; `None` if it does not parse (its finding is in `findings`).
    pub index: Option<Index>,
    pub guides: Vec<Loaded>,
    pub findings: Vec<Finding>,
}

/// Parses the index (`index.json`).
pub fn index(text: impl Into<String>) -> Result<Index, Finding> {
    index::parse(&Source::new(INDEX, text))
}

/// Parses guide file `source` of `entry` and checks it on its own, as the page
/// does with the one guide it shows. Links to other guides are proven against
/// the whole `index` (read from `index_source`, where a wrong start is reported);
/// [`all`] proves their steps too. Findings are sorted by file and position.
pub fn guide(index: &Index, index_source: &Source, entry: &GuideEntry, source: Source) -> (Loaded, Vec<Finding>) {
    let (guide, mut findings) = guide::parse(&source);
    let loaded = Loaded { source, guide };
    let context = check::Context { guide_exists: &|other, _| index.guide(other).is_some(), file_exists: &|_| None };
    findings.extend(check::check_guide(loaded.parsed(), &check::start_of(index_source, entry), &context));
    finding::sort(&mut findings);
    (loaded, findings)
}

/// Parses the index and every guide file in `files` and checks them all
/// together. `file_exists` answers for the other files of the folder (pictures,
/// PDFs). Findings are sorted by file and position.
pub fn all(index_text: String, files: Vec<Source>, file_exists: &dyn Fn(&str) -> Option<bool>) -> Content {
    let index_source = Source::new(INDEX, index_text);
    let mut findings = Vec::new();
    let guides: Vec<Loaded> = files
        .into_iter()
        .map(|source| {
            let (guide, parse_findings) = guide::parse(&source);
            findings.extend(parse_findings);
            Loaded { source, guide }
        })
        .collect();
    let index = match index::parse(&index_source) {
        Ok(index) => {
            findings.extend(check::check_all(&index_source, &index, &guides.iter().map(Loaded::parsed).collect::<Vec<_>>(), file_exists));
            Some(index)
        }
        Err(finding) => {
            findings.push(finding);
            None
        }
    };
    finding::sort(&mut findings);
    Content { index_source, index, guides, findings }
}

/// True for the name of a guide file in a content folder (`*.md`, not its README).
pub fn is_guide_file(name: &str) -> bool {
    name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md")
}

/// Reads and loads the content folder `dir`: `index.json` and every guide file in it.
#[cfg(not(target_arch = "wasm32"))]
pub fn folder(dir: &std::path::Path) -> Result<Content, String> {
    let (index_text, files) = read_folder(dir)?;
    Ok(all(index_text, files, &|file| Some(dir.join(file).is_file())))
}

/// The text of `index.json` and of every guide file in `dir`, in name order.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_folder(dir: &std::path::Path) -> Result<(String, Vec<Source>), String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|name| is_guide_file(name))
        .collect();
    names.sort();
    let files = names.into_iter().map(|name| Ok(Source::new(name.clone(), read(&name)?))).collect::<Result<_, String>>()?;
    Ok((read(INDEX)?, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX_TEXT: &str = r#"{"guides": [
        {"id": "a", "title": {"nb": "A"}, "audience": {"nb": "Alle"}, "languages": ["nb"], "start": "s"},
        {"id": "hidden", "title": {"nb": "H"}, "audience": {"nb": "Alle"}, "languages": ["nb"], "start": "h"}]}"#;

    fn source(path: &str, body: &str) -> Source {
        Source::new(path, format!("---\ntitle: T\nlang: nb\n---\n{body}"))
    }

    #[test]
    fn a_guide_is_checked_against_the_whole_index() {
        let index = index(INDEX_TEXT).unwrap();
        let entry = index.guide("a").unwrap();
        let (loaded, findings) = guide(&index, &Source::new(INDEX, INDEX_TEXT), entry, source("a.nb.md", "## S {#s}\n\n[Videre](hidden.nb.md)\n"));
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(loaded.guide.id, "a");
    }

    #[test]
    fn all_guides_are_checked_together_and_findings_come_sorted() {
        let files = vec![source("b.nb.md", "## X {#x .end}\n"), source("a.nb.md", "## S {#s}\n\n[Videre](#nowhere)\n")];
        let content = all(INDEX_TEXT.into(), files, &|_| None);
        let paths: Vec<&str> = content.findings.iter().map(|f| f.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert!(content.findings.iter().any(|f| f.message.contains("#nowhere")), "{:?}", content.findings);
        assert!(content.findings.iter().any(|f| f.message.contains("`hidden`")), "the index names a missing file");
    }

    #[test]
    fn an_index_that_does_not_parse_is_a_finding_not_a_failure() {
        let content = all("{".into(), vec![], &|_| None);
        assert!(content.index.is_none());
        assert_eq!(content.findings.len(), 1);
        assert!(is_guide_file("mrs.nb.md") && !is_guide_file("README.md") && !is_guide_file("index.json"));
    }
}
