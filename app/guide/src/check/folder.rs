//! A content folder checked as a whole: every guide against the others and
//! against the index (languages, codes, support contacts, translations).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{check_guide, Context, Parsed, Start};
use crate::model::code;
use crate::model::finding::Finding;
use crate::model::guide::Step;
use crate::model::index::{GuideEntry, Index};
use crate::model::source::Source;

/// Checks every guide of the index against each other and against the index.
/// `index_source` is the index file, so findings can point into it.
pub fn check_all(
    index_source: &Source,
    index: &Index,
    guides: &[Parsed],
    file_exists: &dyn Fn(&str) -> Option<bool>,
) -> Vec<Finding> {
    let steps: HashMap<&str, HashSet<&str>> = guides.iter().fold(HashMap::new(), |mut map, l| {
        map.entry(l.guide.id.as_str()).or_default().extend(l.guide.steps.iter().map(|s| s.id.as_str()));
        map
    });
    let guide_exists = |id: &str, step: Option<&str>| match (steps.get(id), step) {
        (Some(_), None) => true,
        (Some(ids), Some(step)) => ids.contains(step),
        (None, _) => false,
    };
    let context = Context { guide_exists: &guide_exists, file_exists };
    let mut findings = Vec::new();
    for parsed in guides {
        let entry = index.guide(&parsed.guide.id);
        let start = match entry {
            Some(entry) => start_of(index_source, entry),
            None => Start {
                id: parsed.guide.steps.first().map_or("", |s| s.id.as_str()),
                path: &parsed.source.path,
                at: (1, 1),
            },
        };
        findings.extend(check_guide(*parsed, &start, &context));
        match entry {
            None => findings.push(Finding::warning(
                &parsed.source.path,
                (1, 1),
                format!("guide `{}` is not in index.json, so the start page does not show it", parsed.guide.id),
            )),
            Some(entry) if !entry.languages.contains(&parsed.guide.lang) => findings.push(Finding::warning(
                &parsed.source.path,
                (1, 1),
                format!("index.json does not list language `{}` for guide `{}`", parsed.guide.lang, entry.id),
            )),
            Some(_) => {}
        }
    }
    findings.extend(check_index(index_source, index, guides));
    findings.extend(check_translations(guides));
    findings
}

/// The start of `entry`, as the index file `source` writes it.
pub fn start_of<'a>(source: &'a Source, entry: &'a GuideEntry) -> Start<'a> {
    Start { id: &entry.start, path: &source.path, at: Index::position(source, &entry.id, "start") }
}

/// Every guide and language the index names must have its file.
fn check_index(source: &Source, index: &Index, guides: &[Parsed]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = HashSet::new();
    let mut prefixes: HashMap<String, &str> = HashMap::new();
    for entry in &index.guides {
        let at = source.position(source.text.find(&format!("\"{}\"", entry.id)).unwrap_or(0));
        if !seen.insert(entry.id.as_str()) {
            findings.push(Finding::error(&source.path, at, format!("guide `{}` is listed twice", entry.id)));
        }
        for lang in &entry.languages {
            if !guides.iter().any(|l| l.guide.id == entry.id && &l.guide.lang == lang) {
                findings.push(Finding::error(
                    &source.path,
                    at,
                    format!("guide `{}` lists language `{lang}`, but {} does not exist", entry.id, entry.file(lang)),
                ));
            }
        }
        if entry.languages.is_empty() {
            findings.push(Finding::error(&source.path, at, format!("guide `{}` lists no languages", entry.id)));
        }
        if let Some(code) = entry.code.as_deref().filter(|c| c.is_empty() || c.len() > 8 || !c.bytes().all(|b| b.is_ascii_alphabetic())) {
            findings.push(Finding::error(
                &source.path,
                at,
                format!("code `{code}` of guide `{}` must be 1 to 8 letters A to Z", entry.id),
            ));
        }
        if entry.support.is_empty() {
            findings.push(Finding::error(
                &source.path,
                at,
                format!(
                    "guide `{}` names no support: add \"support\" with the contact its source gives, or [{{\"local_it\": true}}] if it gives none",
                    entry.id
                ),
            ));
        }
        findings.extend(support_findings(source, entry));
        // Step codes start with the prefix, so two guides with one prefix make codes ambiguous.
        let prefix = code::prefix(entry);
        if let Some(other) = prefixes.insert(prefix.clone(), entry.id.as_str()).filter(|other| *other != entry.id) {
            findings.push(Finding::error(
                &source.path,
                at,
                format!("guide `{}` has the code prefix `{prefix}`, which guide `{other}` already has: give one of them another \"code\"", entry.id),
            ));
        }
    }
    findings
}

/// Every wrong value in the support contacts of `entry`, at its line in the index:
/// the site leaves such a value out, so the author must hear of it.
pub fn support_findings(source: &Source, entry: &GuideEntry) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (k, contact) in entry.support.iter().enumerate() {
        let problems = contact.problems();
        // A contact whose every way is wrong is told by those findings; "needs a phone" would repeat them.
        let no_channel = contact.channel_problem().filter(|_| problems.is_empty());
        for (field, problem) in problems {
            // The key of this contact: the earlier contacts that have it come first.
            let nth = entry.support[..k].iter().filter(|c| c.has(field)).count();
            let at = source.position(Index::offset(source, &entry.id, field, nth));
            findings.push(Finding::error(&source.path, at, format!("support of guide `{}`: {problem}", entry.id)));
        }
        if let Some(problem) = no_channel {
            let at = Index::position(source, &entry.id, "support");
            findings.push(Finding::error(&source.path, at, format!("support of guide `{}`: {problem}", entry.id)));
        }
    }
    findings
}

/// A step id present in one language of a guide must be present in all of them.
fn check_translations(guides: &[Parsed]) -> Vec<Finding> {
    let mut by_guide: HashMap<&str, Vec<Parsed>> = HashMap::new();
    for parsed in guides {
        by_guide.entry(&parsed.guide.id).or_default().push(*parsed);
    }
    let mut findings = Vec::new();
    for versions in by_guide.values().filter(|v| v.len() > 1) {
        for parsed in versions {
            let own: HashSet<&str> = parsed.guide.steps.iter().map(|s| s.id.as_str()).collect();
            let missing: BTreeSet<(&str, &str)> = versions
                .iter()
                .flat_map(|other| other.guide.steps.iter().map(move |s| (s.id.as_str(), other.source.path.as_str())))
                .filter(|(id, _)| !own.contains(id))
                .collect();
            let mut reported = HashSet::new();
            for (id, other) in missing {
                if reported.insert(id) {
                    findings.push(Finding::error(
                        &parsed.source.path,
                        (1, 1),
                        format!("step `{id}` of {other} is missing in this translation"),
                    ));
                }
            }
        }
        findings.extend(translated_codes(versions));
    }
    findings
}

/// An explicit step code must be the same in every language, or a code read out from
/// one language would open another step in the next.
fn translated_codes(versions: &[Parsed]) -> Vec<Finding> {
    let written = |step: &Step| match code::explicit(step) {
        Some(Ok(n)) => format!("code={n}"),
        Some(Err(text)) => format!("code={text}"),
        None => "no code".to_owned(),
    };
    let Some((first, others)) = versions.split_first() else { return Vec::new() };
    let mut findings = Vec::new();
    for parsed in others {
        for step in &parsed.guide.steps {
            let Some(original) = first.guide.step(&step.id) else { continue };
            let (here, there) = (written(step), written(original));
            if here != there {
                findings.push(Finding::error(
                    &parsed.source.path,
                    parsed.source.position(step.offset),
                    format!(
                        "step `{}` has {here} here but {there} in {}: every language must give a step the same code",
                        step.id, first.source.path
                    ),
                ));
            }
        }
    }
    findings
}

