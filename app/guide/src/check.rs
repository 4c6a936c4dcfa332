//! The content checker: proves that every way through a guide leads somewhere.
//!
//! Shared by the app (which shows findings instead of a broken guide) and the
//! native `veiviser check` command.

use std::collections::{HashMap, HashSet};

use crate::finding::Finding;
use crate::guide::{Guide, Target};
use crate::index::Index;
use crate::source::Source;

/// A parsed guide together with its source, so findings can point at lines.
pub struct Loaded {
    pub source: Source,
    pub guide: Guide,
}

/// Checks one guide on its own: ids, links inside it, reachability from `start`, dead ends.
/// `guide_exists` answers whether another guide (and, if given, its step) exists.
pub fn check_guide(
    loaded: &Loaded,
    start: &str,
    guide_exists: &dyn Fn(&str, Option<&str>) -> bool,
) -> Vec<Finding> {
    let Loaded { source, guide } = loaded;
    let at = |offset: usize| source.position(offset);
    let path = source.path.as_str();
    let mut findings = Vec::new();

    let mut seen: HashMap<&str, usize> = HashMap::new();
    for step in &guide.steps {
        if let Some(first) = seen.insert(&step.id, step.offset) {
            let (line, _) = at(first);
            findings.push(Finding::error(
                path,
                at(step.offset),
                format!("step id `{}` is used twice (first at line {line})", step.id),
            ));
        }
    }

    for step in &guide.steps {
        for link in &step.links {
            match &link.target {
                Target::Step(id) if guide.step(id).is_none() => findings.push(Finding::error(
                    path,
                    at(link.offset),
                    format!("link to `#{id}`, but this guide has no step with that id"),
                )),
                Target::Guide { guide: other, step: target } if !guide_exists(other, target.as_deref()) => {
                    let what = match target {
                        Some(s) => format!("`{other}#{s}`"),
                        None => format!("`{other}`"),
                    };
                    findings.push(Finding::error(path, at(link.offset), format!("link to {what}, which does not exist")))
                }
                Target::Unsafe(url) => findings.push(Finding::error(
                    path,
                    at(link.offset),
                    format!("unsafe link `{url}`: only https, http, mailto and tel links are allowed"),
                )),
                _ => {}
            }
        }
        for &offset in &step.raw_html {
            findings.push(Finding::error(path, at(offset), "raw HTML is not allowed: write it in Markdown"));
        }
        if step.ways.is_empty() && !step.is_end() {
            findings.push(Finding::error(
                path,
                at(step.offset),
                format!("step `{}` is a dead end: add a link on, or mark it as an end with {{#{} .end}}", step.id, step.id),
            ));
        }
    }

    match guide.step(start) {
        None => findings.push(Finding::error(path, (1, 1), format!("the start step `{start}` does not exist in this guide"))),
        Some(_) => {
            let reached = reachable(guide, start);
            for step in guide.steps.iter().filter(|s| !reached.contains(s.id.as_str())) {
                findings.push(Finding::error(
                    path,
                    at(step.offset),
                    format!("step `{}` cannot be reached from the start `{start}`", step.id),
                ));
            }
        }
    }
    findings
}

/// Ids of the steps reachable from `start` through ways in the same guide.
pub fn reachable<'g>(guide: &'g Guide, start: &str) -> HashSet<&'g str> {
    let by_id: HashMap<&str, usize> = guide.steps.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut seen = HashSet::new();
    let mut stack: Vec<usize> = by_id.get(start).copied().into_iter().collect();
    while let Some(i) = stack.pop() {
        let step = &guide.steps[i];
        if !seen.insert(step.id.as_str()) {
            continue;
        }
        for way in &step.ways {
            if let Target::Step(id) = &way.target {
                if let Some(&j) = by_id.get(id.as_str()) {
                    stack.push(j);
                }
            }
        }
    }
    seen
}

/// Checks every guide of the index against each other.
pub fn check_all(index: &Index, guides: &[Loaded]) -> Vec<Finding> {
    let steps: HashMap<&str, HashSet<&str>> = guides
        .iter()
        .map(|l| (l.guide.id.as_str(), l.guide.steps.iter().map(|s| s.id.as_str()).collect()))
        .collect();
    let guide_exists = |id: &str, step: Option<&str>| match (steps.get(id), step) {
        (Some(_), None) => true,
        (Some(ids), Some(step)) => ids.contains(step),
        (None, _) => false,
    };
    let mut findings = Vec::new();
    for loaded in guides {
        let start = index.guide(&loaded.guide.id).map(|e| e.start.as_str()).unwrap_or_else(|| {
            loaded.guide.steps.first().map(|s| s.id.as_str()).unwrap_or("")
        });
        findings.extend(check_guide(loaded, start, &guide_exists));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::parse;

    fn check_text(body: &str) -> Vec<String> {
        let source = Source::new("g.nb.md", format!("---\ntitle: G\nlang: nb\n---\n{body}"));
        let (guide, mut findings) = parse(&source);
        findings.extend(check_guide(&Loaded { source, guide }, "a", &|g, _| g == "other"));
        findings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_whole_guide_has_no_findings() {
        assert_eq!(check_text("## A {#a}\n\n- [Ja](#b)\n- [Nei](other.md)\n\n## B {#b .end}\n"), Vec::<String>::new());
    }

    #[test]
    fn a_link_to_a_missing_step_is_an_error_at_the_link() {
        assert_eq!(
            check_text("## A {#a}\n\n[Videre](#bb)\n"),
            ["g.nb.md:7:1: error: link to `#bb`, but this guide has no step with that id"]
        );
    }

    #[test]
    fn a_step_without_way_on_is_a_dead_end_unless_marked_end() {
        let findings = check_text("## A {#a}\n\n[Videre](#b)\n\n## B {#b}\n\nSlutt.\n");
        assert_eq!(findings, ["g.nb.md:9:1: error: step `b` is a dead end: add a link on, or mark it as an end with {#b .end}"]);
    }

    #[test]
    fn a_step_no_way_leads_to_is_unreachable() {
        let findings = check_text("## A {#a .end}\n\n## B {#b .end}\n");
        assert_eq!(findings, ["g.nb.md:7:1: error: step `b` cannot be reached from the start `a`"]);
    }

    #[test]
    fn duplicate_ids_name_the_first_line() {
        let findings = check_text("## A {#a}\n\n[x](#a)\n\n## A2 {#a .end}\n");
        assert!(findings.contains(&"g.nb.md:9:1: error: step id `a` is used twice (first at line 5)".to_owned()), "{findings:?}");
    }

    #[test]
    fn links_to_other_guides_must_exist() {
        let findings = check_text("## A {#a}\n\n[Til MRS](mrs.nb.md#start)\n");
        assert_eq!(findings, ["g.nb.md:7:1: error: link to `mrs#start`, which does not exist"]);
    }
}
