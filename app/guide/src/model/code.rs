//! Step codes for the helpdesk: `MRS-186` names one step of one guide, the same in
//! every language, so a user can read it out on the phone and staff can open it.
//!
//! The rule:
//! - **Prefix**: the index entry's `"code"` (ASCII letters, shown upper case); without
//!   one, the guide id's ASCII letters upper-cased, at most four (`helseregister` →
//!   `HELS`).
//! - **Number**: an explicit `code=N` in the step's heading (`## PIN {#pin code=4}`,
//!   N from 1 to 9999) wins. Otherwise the number comes from the id alone: `100 +
//!   fnv1a(id) % 900`, always three digits. It depends on nothing but the id, so it
//!   stays put when other steps are added, removed or moved, and since every language
//!   uses the same ids, every language gives the same number.
//! - **Clashes**: when two ids give the same number (or an explicit code takes it),
//!   the explicit code keeps it, else the id that sorts first; the others take the
//!   next free number (999 wraps to 100). Only such a moved number can change when
//!   steps come and go, so the checker warns about it and suggests pinning it with
//!   `code=`.
//!
//! Position in the file is deliberately not used: inserting one step would renumber
//! every step after it, and codes already written in tickets would point elsewhere.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::guide::Guide;
use crate::model::index::{GuideEntry, Index};

/// Smallest and largest number an id can give (three digits, so codes stay short).
const DERIVED: std::ops::RangeInclusive<u32> = 100..=999;
/// Largest number an author may pin with `code=N`.
pub const MAX_EXPLICIT: u32 = 9999;

/// The code prefix of a guide (`MRS`).
pub fn prefix(entry: &GuideEntry) -> String {
    match &entry.code {
        Some(code) => code.trim().to_ascii_uppercase(),
        None => {
            let letters: String =
                entry.id.chars().filter(char::is_ascii_alphabetic).take(4).collect::<String>().to_ascii_uppercase();
            // An id of digits only still needs a prefix the parser can split off.
            if letters.is_empty() {
                "G".to_owned()
            } else {
                letters
            }
        }
    }
}

/// The explicit number a step's heading pins, as written: `Some(Ok(4))` for
/// `code=4`, `Some(Err(text))` when it is not a number from 1 to 9999.
pub fn explicit(step: &crate::Step) -> Option<Result<u32, String>> {
    let (_, value) = step.attrs.iter().find(|(k, _)| k == "code")?;
    let text = value.clone().unwrap_or_default();
    let valid = !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
    Some(match text.parse::<u32>() {
        Ok(n) if valid && (1..=MAX_EXPLICIT).contains(&n) => Ok(n),
        _ => Err(text),
    })
}

/// The number an id gives before clashes are settled: FNV-1a, folded into 100..=999.
pub fn derived(id: &str) -> u32 {
    // FNV-1a is fixed by its definition (unlike std's hasher), so codes never change
    // with the compiler.
    let hash = id.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    DERIVED.start() + hash % (DERIVED.end() - DERIVED.start() + 1)
}

/// A number that did not go to the step whose id gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The step that had to take another number.
    pub step: String,
    /// The step that holds the number its id gives.
    pub holder: String,
    /// The number its id gives, and the number it got.
    pub wanted: u32,
    pub got: u32,
}

/// Every step's number in one guide.
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    by_step: HashMap<String, u32>,
    by_number: BTreeMap<u32, String>,
    /// Steps whose number moved because of a clash (for the checker's warning).
    pub moved: Vec<Moved>,
}

impl Numbers {
    /// Numbers all steps of `guide` (a repeated id counts once, as its first step).
    pub fn of(guide: &Guide) -> Numbers {
        let mut numbers = Numbers::default();
        let mut pending: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for step in &guide.steps {
            if !seen.insert(step.id.as_str()) {
                continue;
            }
            match explicit(step) {
                // A duplicate explicit number is an error the checker reports; the second step still gets one.
                Some(Ok(n)) if !numbers.by_number.contains_key(&n) => numbers.assign(&step.id, n),
                _ => pending.push(&step.id),
            }
        }
        pending.sort_unstable();
        // First pass: each id takes the number it gives, unless held (sorted ids: the first wins).
        let mut losers = Vec::new();
        for id in pending {
            let wanted = derived(id);
            match numbers.by_number.get(&wanted) {
                None => numbers.assign(id, wanted),
                Some(holder) => losers.push((id, holder.clone(), wanted)),
            }
        }
        // Second pass, so that a moved number never displaces a step from its own.
        // The ring of derived numbers is probed only while it has room; past that,
        // numbers above it are handed out in turn, so numbering stays near-linear.
        let ring = DERIVED.end() - DERIVED.start() + 1;
        let mut ring_used = numbers.by_number.range(DERIVED.clone()).count() as u32;
        let mut overflow = DERIVED.end() + 1;
        for (id, holder, wanted) in losers {
            let in_ring = (ring_used < ring)
                .then(|| {
                    (1..=ring)
                        .map(|k| DERIVED.start() + (wanted - DERIVED.start() + k) % ring)
                        .find(|n| !numbers.by_number.contains_key(n))
                })
                .flatten();
            let got = match in_ring {
                Some(n) => {
                    ring_used += 1;
                    n
                }
                None => {
                    while numbers.by_number.contains_key(&overflow) {
                        overflow += 1;
                    }
                    overflow
                }
            };
            numbers.assign(id, got);
            numbers.moved.push(Moved { step: id.to_owned(), holder, wanted, got });
        }
        numbers
    }

    fn assign(&mut self, id: &str, n: u32) {
        self.by_step.insert(id.to_owned(), n);
        self.by_number.insert(n, id.to_owned());
    }

    /// The number of the step `id`.
    pub fn number(&self, id: &str) -> Option<u32> {
        self.by_step.get(id).copied()
    }

    /// The step that has number `n`.
    pub fn step(&self, n: u32) -> Option<&str> {
        self.by_number.get(&n).map(String::as_str)
    }
}

/// The code of step `step_id` of `guide` (`MRS-186`); `None` if the guide has no such step.
pub fn code_of(entry: &GuideEntry, guide: &Guide, step_id: &str) -> Option<String> {
    Numbers::of(guide).number(step_id).map(|n| code(entry, n))
}

/// The code of number `n` in the guide of `entry`: `MRS-186`.
pub fn code(entry: &GuideEntry, n: u32) -> String {
    format!("{}-{n}", prefix(entry))
}

/// Splits a code as typed into upper-case prefix and number: `mrs4`, `MRS 4`,
/// `mrs-04` and ` Mrs–4 ` all give `("MRS", 4)`.
pub fn parse(code: &str) -> Option<(String, u32)> {
    // Anything that is not a letter or digit is a separator people type or a phone adds.
    let compact: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    let split = compact.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = compact.split_at(split);
    let valid = !letters.is_empty() && letters.chars().all(|c| c.is_ascii_alphabetic());
    let number = digits.parse::<u32>().ok().filter(|_| valid && digits.len() <= 9)?;
    Some((letters.to_ascii_uppercase(), number))
}

/// The guide and step a code names, looked up among `guides` (any language will do).
pub fn find(index: &Index, guides: &[&Guide], code: &str) -> Option<(String, String)> {
    let (letters, number) = parse(code)?;
    let entry = index.guides.iter().find(|e| prefix(e) == letters)?;
    let guide = guides.iter().find(|g| g.id == entry.id)?;
    let step = Numbers::of(guide).step(number)?.to_owned();
    Some((entry.id.clone(), step))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::parse as parse_guide;
    use crate::model::source::Source;

    fn guide(id: &str, headings: &[&str]) -> Guide {
        let body: String = headings.iter().map(|h| format!("## {h}\n\n")).collect();
        parse_guide(&Source::new(format!("{id}.nb.md"), format!("---\ntitle: T\nlang: nb\n---\n{body}"))).0
    }

    fn entry(id: &str, code: Option<&str>) -> GuideEntry {
        GuideEntry {
            id: id.into(),
            languages: vec!["nb".into()],
            start: "a".into(),
            code: code.map(Into::into),
            ..GuideEntry::default()
        }
    }

    #[test]
    fn the_prefix_is_the_index_code_or_up_to_four_letters_of_the_id() {
        assert_eq!(prefix(&entry("mrs", None)), "MRS");
        assert_eq!(prefix(&entry("helseregister", None)), "HELS");
        assert_eq!(prefix(&entry("e-portal2", None)), "EPOR");
        assert_eq!(prefix(&entry("eportal", Some("ep"))), "EP");
    }

    #[test]
    fn a_derived_number_depends_on_the_id_alone() {
        let before = Numbers::of(&guide("g", &["A {#a}", "PIN {#pin}", "Z {#z .end}"]));
        let after = Numbers::of(&guide("g", &["Ny {#ny}", "Z {#z .end}", "A {#a}", "Annen {#annen}", "PIN {#pin}"]));
        for id in ["a", "pin", "z"] {
            assert_eq!(before.number(id), after.number(id), "{id}");
            assert!(DERIVED.contains(&before.number(id).unwrap()));
        }
        assert_eq!(before.number("pin"), Some(derived("pin")));
    }

    #[test]
    fn an_explicit_code_in_the_heading_wins() {
        let numbers = Numbers::of(&guide("mrs", &["PIN {#pin .end code=4}"]));
        assert_eq!(numbers.number("pin"), Some(4));
        assert_eq!(code_of(&entry("mrs", None), &guide("mrs", &["PIN {#pin .end code=4}"]), "pin").unwrap(), "MRS-4");
        assert_eq!(code_of(&entry("mrs", None), &guide("mrs", &["PIN {#pin .end}"]), "nope"), None);
    }

    #[test]
    fn a_clash_leaves_the_first_id_its_number_and_moves_the_other() {
        // Pinning `a` to the number `b` gives forces the clash without hunting for hash twins.
        let wanted = derived("b");
        let numbers = Numbers::of(&guide("g", &["B {#b}", &format!("A {{#a code={wanted}}}")]));
        assert_eq!(numbers.number("a"), Some(wanted));
        let moved = &numbers.moved[0];
        assert_eq!((moved.step.as_str(), moved.holder.as_str(), moved.wanted), ("b", "a", wanted));
        assert_eq!(numbers.number("b"), Some(moved.got));
        assert_ne!(moved.got, wanted);
    }

    #[test]
    fn an_explicit_code_that_is_not_a_number_is_rejected() {
        let g = guide("g", &["A {#a code=fire}", "B {#b code=0}", "C {#c code=12345}", "D {#d code=0042}"]);
        let codes: Vec<_> = g.steps.iter().map(|s| explicit(s).unwrap()).collect();
        assert_eq!(codes, [Err("fire".into()), Err("0".into()), Err("12345".into()), Ok(42)]);
        assert!(DERIVED.contains(&Numbers::of(&g).number("a").unwrap()));
    }

    #[test]
    fn codes_are_found_whatever_the_case_spacing_dash_or_leading_zeros() {
        let index = Index { guides: vec![entry("mrs", None), entry("eportal", Some("EP"))] };
        let mrs = guide("mrs", &["PIN {#pin code=4}", "Slutt {#slutt .end}"]);
        let ep = guide("eportal", &["Hva {#hva}"]);
        let guides = [&mrs, &ep];
        for typed in ["MRS-4", "mrs4", "MRS 4", "mrs-04", " Mrs – 4 "] {
            assert_eq!(find(&index, &guides, typed), Some(("mrs".into(), "pin".into())), "{typed}");
        }
        let hva = code_of(&index.guides[1], &ep, "hva").unwrap();
        assert_eq!(find(&index, &guides, &hva.to_lowercase().replace('-', "")), Some(("eportal".into(), "hva".into())));
        for wrong in ["MRS-5", "XYZ-4", "4", "MRS", "M4R", ""] {
            assert_eq!(find(&index, &guides, wrong), None, "{wrong}");
        }
    }
}
