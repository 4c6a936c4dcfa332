//! Step codes over the shipped guides: the same in every language, and found again
//! from the code however it is typed.

mod common;

use veiviser_guide::code::{self, Numbers};

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
