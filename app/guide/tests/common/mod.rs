//! The shipped content folder, parsed: the index and every guide in every language.

use std::path::Path;

use veiviser_guide::source::Source;
use veiviser_guide::{guide, index, Guide};

/// The index and all guides of `content/`, each parsed without findings.
pub fn content() -> (index::Index, Vec<Guide>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let index = index::parse(&Source::new("index.json", read("index.json"))).expect("the index parses");
    let guides = index
        .guides
        .iter()
        .flat_map(|entry| entry.languages.iter().map(move |lang| entry.file(lang)))
        .map(|file| {
            let (guide, findings) = guide::parse(&Source::new(file.clone(), read(&file)));
            assert!(findings.is_empty(), "{file}: {findings:?}");
            guide
        })
        .collect();
    (index, guides)
}
