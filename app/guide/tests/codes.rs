//! Step codes over the shipped guides: the same in every language, and found again
//! from the code however it is typed.

mod common;

use veiviser_guide::model::code::{self, Numbers};

#[test]
fn every_language_of_a_guide_gives_each_step_the_same_code() {
    let (index, guides) = common::content();
    for entry in &index.guides {
        let versions: Vec<_> = guides.iter().filter(|g| g.id == entry.id).collect();
        assert_eq!(versions.len(), entry.languages.len(), "{}", entry.id);
        for step in &versions[0].steps {
            let first = code::code_of(entry, versions[0], &step.id).expect("a step has a code");
            for other in &versions[1..] {
                assert_eq!(
                    code::code_of(entry, other, &step.id).as_deref(),
                    Some(first.as_str()),
                    "{} in {}",
                    step.id,
                    other.path
                );
            }
        }
    }
}

#[test]
fn every_step_of_every_guide_has_its_own_code_and_is_found_by_it() {
    let (index, guides) = common::content();
    let all: Vec<_> = guides.iter().collect();
    for guide in &guides {
        let entry = index.guide(&guide.id).unwrap();
        let numbers = Numbers::of(guide);
        let mut seen = std::collections::HashSet::new();
        for step in &guide.steps {
            let n = numbers.number(&step.id).unwrap();
            assert!(seen.insert(n), "{}: two steps have number {n}", guide.path);
            let typed = format!(" {} {n:04}", code::prefix(entry).to_lowercase());
            assert_eq!(code::find(&index, &all, &typed), Some((guide.id.clone(), step.id.clone())), "{typed}");
        }
    }
}

#[test]
fn the_shipped_prefixes_are_distinct() {
    let (index, _) = common::content();
    let prefixes: Vec<String> = index.guides.iter().map(code::prefix).collect();
    assert_eq!(prefixes, ["MRS", "HREG", "HJEM", "EP", "SITHS"]);
}

/// Every step code (`MRS-186`) that `text` names.
fn codes_named(text: &str) -> Vec<String> {
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
    words
        .filter_map(|word| {
            let (letters, digits) = word.split_once('-')?;
            let is_code = (1..=8).contains(&letters.len())
                && letters.bytes().all(|b| b.is_ascii_uppercase())
                && (1..=4).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit());
            (is_code && letters != "UTF").then(|| word.to_owned())
        })
        .collect()
}

#[test]
fn the_example_codes_in_the_documentation_and_the_interface_name_real_steps() {
    let (index, guides) = common::content();
    let guides: Vec<_> = guides.iter().collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = ["README.md", "content/README.md", "app/ADMINISTRATORS.md", "app/src/i18n/nb.rs", "app/src/i18n/sv.rs", "app/src/i18n/en.rs"];
    let mut named = 0;
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for example in codes_named(&text) {
            named += 1;
            assert!(code::find(&index, &guides, &example).is_some(), "{file} names the step code {example}, which no step has");
        }
    }
    assert!(named >= 6, "the interface's three languages and the documentation each show an example code");
}
