//! The shipped content folder, loaded by the shared loader: the index and every
//! guide in every language, with no errors.

use std::path::Path;
use std::sync::OnceLock;

use veiviser_guide::model::index;
use veiviser_guide::{load, Guide, Severity};

/// The index and all guides of `content/`, loaded once per test binary.
pub fn content() -> (index::Index, Vec<Guide>) {
    static CONTENT: OnceLock<(index::Index, Vec<Guide>)> = OnceLock::new();
    CONTENT
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
            let content = load::folder(&dir).unwrap_or_else(|e| panic!("{e}"));
            let errors: Vec<String> =
                content.findings.iter().filter(|f| f.severity == Severity::Error).map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{errors:#?}");
            (content.index.expect("the index parses"), content.guides.into_iter().map(|l| l.guide).collect())
        })
        .clone()
}
