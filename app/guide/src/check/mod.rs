//! The content checker: proves that every way through the guides leads somewhere.
//!
//! Shared by the app (which shows findings instead of a broken guide) and the
//! native `veiviser check` command.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::code::{self, Numbers};
use crate::model::finding::Finding;
use crate::model::guide::{Guide, Target, WayKind};
use crate::model::index::Index;
use crate::model::source::Source;

/// A parsed guide and the source it was parsed from, as the checker reads it,
/// so findings can point at lines (the loader keeps both: [`crate::load::Loaded`]).
#[derive(Clone, Copy)]
pub struct Parsed<'a> {
    pub source: &'a Source,
    pub guide: &'a Guide,
}

/// What the checker may ask about the world outside one guide.
pub struct Context<'a> {
    /// Whether another guide (and, if given, its step) exists.
    pub guide_exists: &'a dyn Fn(&str, Option<&str>) -> bool,
    /// Whether a file in the content folder exists (`None`: cannot tell, as in the browser).
    pub file_exists: &'a dyn Fn(&str) -> Option<bool>,
}

/// The step a guide starts at, and where that is written (the index's `"start"`),
/// so a wrong start is reported in the file that names it.
pub struct Start<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub at: (usize, usize),
}

/// Checks one guide on its own: ids, links, reachability from `start`, dead ends, circles.
pub fn check_guide(parsed: Parsed, start: &Start, context: &Context) -> Vec<Finding> {
    let Parsed { source, guide } = parsed;
    let at = |offset: usize| source.position(offset);
    let path = source.path.as_str();
    let mut findings = Vec::new();

    for step in guide.steps.iter().filter(|s| !crate::model::guide::is_valid_id(&s.id)) {
        findings.push(Finding::error(
            path,
            at(step.offset),
            format!("step id `{}` may hold only lower-case letters a to z, digits and `-`", step.id),
        ));
    }
    // The guide's own step index is the one every reader uses: it keeps an id's
    // first step, so that is where links and answers lead, and the others are found.
    for (i, step) in guide.steps.iter().enumerate() {
        let first = guide.step_index(&step.id).filter(|&first| first != i);
        if let Some(first) = first.map(|first| &guide.steps[first]) {
            let (line, column) = at(first.offset);
            findings.push(Finding::error(
                path,
                at(step.offset),
                format!(
                    "step id `{}` is used twice: first at {path}:{line}:{column}, where its links and answers lead; give this step its own id",
                    step.id
                ),
            ));
        }
    }

    let unreached = match guide.step(start.id) {
        Some(_) => unreached(guide, start.id),
        None => Vec::new(),
    };
    // A step whose id is one slip away from a broken link is most likely what the
    // link meant: the link's finding names it, and the step is not reported again.
    let mut meant: HashSet<&str> = HashSet::new();
    for step in &guide.steps {
        for link in &step.links {
            let message = match &link.target {
                Target::Step(id) if guide.step(id).is_none() => {
                    let near = unreached.iter().map(|u| u.root).find(|root| near_miss(id, root));
                    meant.extend(near);
                    Some(match near {
                        Some(root) => format!("link to `#{id}`, but this guide has no step with that id (did you mean `#{root}`?)"),
                        None => format!("link to `#{id}`, but this guide has no step with that id"),
                    })
                }
                Target::Guide { guide: other, step: target } if !(context.guide_exists)(other, target.as_deref()) => {
                    Some(match target {
                        Some(s) => format!("link to `{other}#{s}`, which does not exist"),
                        None => format!("link to guide `{other}`, which does not exist"),
                    })
                }
                Target::Unsafe(url) => {
                    Some(format!("unsafe link `{url}`: only https, http, mailto and tel links are allowed"))
                }
                Target::File(file) => {
                    let file = file.split(['#', '?']).next().unwrap_or(file);
                    let what = if link.image { "image" } else { "file" };
                    ((context.file_exists)(file) == Some(false))
                        .then(|| format!("{what} `{file}` does not exist in the content folder"))
                }
                _ => None,
            };
            if let Some(message) = message {
                findings.push(Finding::error(path, at(link.offset), message));
            }
        }
        // One finding per line: `<b>x</b>` is one mistake, not two.
        let mut html_lines = HashSet::new();
        for &offset in &step.raw_html {
            if html_lines.insert(at(offset).0) {
                findings.push(Finding::error(path, at(offset), "raw HTML is not allowed: write it in Markdown"));
            }
        }
        if step.choices().count() == 1 {
            findings.push(Finding::warning(
                path,
                at(step.offset),
                format!(
                    "step `{}` is a question with one answer: give the other answers (such as «Noe annet gikk galt»), or make it a next link",
                    step.id
                ),
            ));
        }
        if step.is_end() && !step.is_done() && !names_help(step) {
            findings.push(Finding::warning(
                path,
                at(step.offset),
                format!(
                    "end step `{}` leaves the user with nowhere to go: name who helps (a tel:, mailto: or web link) or a next action (a link to another guide), or mark it {{#{} .done}} if the user has reached the goal",
                    step.id, step.id
                ),
            ));
        }
        if step.ways.is_empty() && !step.is_end() {
            findings.push(Finding::error(
                path,
                at(step.offset),
                format!("step `{}` is a dead end: add a link on, or mark it as an end with {{#{} .end}}", step.id, step.id),
            ));
        }
    }

    match guide.step(start.id) {
        None => findings.push(Finding::error(
            start.path,
            start.at,
            format!("the start step `{}` does not exist in {}", start.id, parsed.source.path),
        )),
        Some(_) => {
            for region in unreached.iter().filter(|u| !meant.contains(u.root)) {
                let step = guide.step(region.root).expect("a region's root is a step");
                let message = match region.behind {
                    0 => format!("step `{}` cannot be reached from the start `{}`", step.id, start.id),
                    n => format!(
                        "step `{}` cannot be reached from the start `{}` (nor can the {n} step(s) only it leads to)",
                        step.id, start.id
                    ),
                };
                findings.push(Finding::error(path, at(step.offset), message));
            }
            findings.extend(circles(parsed, start.id));
        }
    }
    findings.extend(check_codes(parsed));
    findings
}

/// True when a step's text names whom to contact or where to go on: a phone,
/// e-mail or web link, or a link to another guide.
fn names_help(step: &crate::model::guide::Step) -> bool {
    step.links.iter().any(|link| matches!(link.target, Target::External(_) | Target::Guide { .. }) && !link.image)
}

/// Explicit step codes (`{#pin code=4}`) must be numbers and unique; a number that
/// had to move because of a clash is a warning, since it is the one code that can change.
fn check_codes(parsed: Parsed) -> Vec<Finding> {
    let Parsed { source, guide } = parsed;
    let mut findings = Vec::new();
    let mut pinned: HashMap<u32, &str> = HashMap::new();
    for step in &guide.steps {
        let at = source.position(step.offset);
        match code::explicit(step) {
            Some(Err(text)) => findings.push(Finding::error(
                &source.path,
                at,
                format!("`code={text}` on step `{}` is not a step number: use a whole number from 1 to {}", step.id, code::MAX_EXPLICIT),
            )),
            Some(Ok(n)) => {
                if let Some(first) = pinned.insert(n, &step.id).filter(|first| *first != step.id) {
                    findings.push(Finding::error(
                        &source.path,
                        at,
                        format!("code={n} is given to both `{first}` and `{}`: each step needs its own number", step.id),
                    ));
                }
            }
            None => {}
        }
    }
    for moved in Numbers::of(guide).moved {
        let offset = guide.step(&moved.step).map_or(0, |s| s.offset);
        findings.push(Finding::warning(
            &source.path,
            source.position(offset),
            format!(
                "step `{s}` gives code number {w} like `{h}`, so it gets {g}, which can change as steps come and go: \
                 pin it with {{#{s} code={g}}} (or code={w} if `{h}` is the newer step and `{s}` had {w} before)",
                s = moved.step,
                w = moved.wanted,
                h = moved.holder,
                g = moved.got
            ),
        ));
    }
    findings
}

/// Ids of the steps reachable from `start` through ways in the same guide.
pub fn reachable<'g>(guide: &'g Guide, start: &str) -> HashSet<&'g str> {
    let mut seen = HashSet::new();
    let mut stack: Vec<usize> = guide.step_index(start).into_iter().collect();
    while let Some(i) = stack.pop() {
        let step = &guide.steps[i];
        if !seen.insert(step.id.as_str()) {
            continue;
        }
        stack.extend(step.ways_within().filter_map(|(_, id)| guide.step_index(id)));
    }
    seen
}

/// Steps the start does not reach, as regions: a root (a step no other unreached
/// step leads to, or the first of a circle of them) and how many more it alone leads to.
/// One missing link leaves a whole branch behind; that is one finding, not one per step.
struct Unreached<'g> {
    root: &'g str,
    behind: usize,
}

fn unreached<'g>(guide: &'g Guide, start: &str) -> Vec<Unreached<'g>> {
    let reached = reachable(guide, start);
    let lost: Vec<&crate::model::guide::Step> = guide.steps.iter().filter(|s| !reached.contains(s.id.as_str())).collect();
    let led_to: HashSet<&str> = lost
        .iter()
        .flat_map(|s| s.ways_within().map(|(_, id)| id).filter(move |id| *id != s.id))
        .collect();
    let mut covered: HashSet<&str> = HashSet::new();
    let mut regions = Vec::new();
    // Roots first (in document order), then whatever circles remain.
    let roots = lost.iter().filter(|s| !led_to.contains(s.id.as_str())).chain(lost.iter());
    for root in roots {
        if covered.contains(root.id.as_str()) {
            continue;
        }
        let from_root: HashSet<&str> = reachable(guide, &root.id).into_iter().filter(|id| !reached.contains(id)).collect();
        let behind = from_root.iter().filter(|id| **id != root.id && !covered.contains(*id)).count();
        covered.extend(from_root);
        regions.push(Unreached { root: &root.id, behind });
    }
    regions
}

/// True when `a` and `b` differ by one typing slip: one letter added, left out,
/// changed, or two neighbours swapped.
fn near_miss(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let common_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let common_end = a[common_start..].iter().rev().zip(b[common_start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (rest_a, rest_b) = (a.len() - common_start - common_end, b.len() - common_start - common_end);
    let swapped = rest_a == 2 && rest_b == 2 && a[common_start] == b[common_start + 1] && a[common_start + 1] == b[common_start];
    (rest_a <= 1 && rest_b <= 1) || swapped
}

/// Ways (answers and "next", not links in prose) that lead back to a step on the
/// current path, from a step not marked `.loop`.
fn circles(parsed: Parsed, start: &str) -> Vec<Finding> {
    let guide = parsed.guide;
    let mut findings = Vec::new();
    // 0: not visited, 1: on the path, 2: done.
    let mut state = vec![0u8; guide.steps.len()];
    let Some(first) = guide.step_index(start) else { return findings };
    let edges = |i: usize| -> Vec<(usize, usize)> {
        guide.steps[i]
            .ways_within()
            .filter(|(w, _)| w.kind != WayKind::Inline)
            .filter_map(|(w, id)| guide.step_index(id).map(|j| (j, w.offset)))
            .collect()
    };
    let mut stack = vec![(first, edges(first), 0usize)];
    state[first] = 1;
    while let Some((node, out, next)) = stack.last_mut() {
        let node = *node;
        if let Some(&(to, offset)) = out.get(*next) {
            *next += 1;
            match state[to] {
                0 => {
                    state[to] = 1;
                    let out = edges(to);
                    stack.push((to, out, 0));
                }
                1 if !guide.steps[node].is_loop() => findings.push(Finding::error(
                    &parsed.source.path,
                    parsed.source.position(offset),
                    format!(
                        "step `{}` leads back to `{}`, making a circle: mark `{}` with .loop if that is intended",
                        guide.steps[node].id, guide.steps[to].id, guide.steps[node].id
                    ),
                )),
                _ => {}
            }
        } else {
            state[node] = 2;
            stack.pop();
        }
    }
    findings
}

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
pub fn start_of<'a>(source: &'a Source, entry: &'a crate::model::index::GuideEntry) -> Start<'a> {
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
pub fn support_findings(source: &Source, entry: &crate::model::index::GuideEntry) -> Vec<Finding> {
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
    let written = |step: &crate::Step| match code::explicit(step) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::parse;

    fn load(path: &str, body: &str) -> crate::load::Loaded {
        let lang = crate::model::guide::lang_of(path).unwrap_or("nb");
        let source = Source::new(path, format!("---\ntitle: G\nlang: {lang}\n---\n{body}"));
        let (guide, _) = parse(&source);
        crate::load::Loaded { source, guide }
    }

    fn check_text(body: &str) -> Vec<String> {
        let source = Source::new("g.nb.md", format!("---\ntitle: G\nlang: nb\n---\n{body}"));
        let (guide, mut findings) = parse(&source);
        let context = Context { guide_exists: &|g, _| g == "other", file_exists: &|f| Some(f == "bilde.png") };
        let start = Start { id: "a", path: "index.json", at: (3, 14) };
        findings.extend(check_guide(Parsed { source: &source, guide: &guide }, &start, &context));
        crate::model::finding::sort(&mut findings);
        findings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_wrong_start_is_reported_in_the_index_that_names_it() {
        assert_eq!(
            check_text("## B {#b .done}\n"),
            ["index.json:3:14: error: the start step `a` does not exist in g.nb.md"]
        );
    }

    #[test]
    fn a_mistyped_id_is_one_finding_that_names_what_was_meant_not_a_trail_of_unreachable_steps() {
        let findings = check_text(
            "## A {#a}\n\n[PIN](#pin)\n\n## PIN {#pni}\n\n[C](#c)\n\n## C {#c}\n\n[D](#d)\n\n## D {#d .done}\n",
        );
        assert_eq!(findings, ["g.nb.md:7:1: error: link to `#pin`, but this guide has no step with that id (did you mean `#pni`?)"]);
    }

    #[test]
    fn a_branch_nothing_leads_to_is_one_finding_at_its_first_step() {
        let findings = check_text(
            "## A {#a .done}\n\n## B {#b}\n\n[C](#c)\n\n## C {#c}\n\n- [B](#b)\n- [D](#d)\n\n## D {#d .done}\n\n## E {#e .loop}\n\n[F](#f)\n\n## F {#f .loop}\n\n[E](#e)\n",
        );
        assert_eq!(
            findings,
            [
                "g.nb.md:7:1: error: step `b` cannot be reached from the start `a` (nor can the 2 step(s) only it leads to)",
                "g.nb.md:18:1: error: step `e` cannot be reached from the start `a` (nor can the 1 step(s) only it leads to)",
            ]
        );
    }

    #[test]
    fn a_whole_guide_has_no_findings() {
        assert_eq!(
            check_text("## A {#a}\n\n![Kortleser](bilde.png)\n\n- [Ja](#b)\n- [Nei](other.md)\n\n## B {#b .done}\n"),
            Vec::<String>::new()
        );
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
    fn one_slip_is_a_near_miss() {
        assert!(near_miss("pin", "pni") && near_miss("pin", "pinn") && near_miss("pin", "pn") && near_miss("pin", "pun"));
        assert!(!near_miss("pin", "pin") && !near_miss("pin", "puk") && !near_miss("start", "slutt"));
    }

    #[test]
    fn a_step_no_way_leads_to_is_unreachable() {
        let findings = check_text("## A {#a .done}\n\n## B {#b .done}\n");
        assert_eq!(findings, ["g.nb.md:7:1: error: step `b` cannot be reached from the start `a`"]);
    }

    #[test]
    fn a_duplicated_id_names_both_places() {
        let findings = check_text("## A {#a}\n\n[x](#a2)\n\n## A2 {#a2 .done}\n\n## A {#a .done}\n");
        assert!(
            findings.contains(&"g.nb.md:11:1: error: step id `a` is used twice: first at g.nb.md:5:1, where its links and answers lead; give this step its own id".to_owned()),
            "{findings:?}"
        );
    }

    #[test]
    fn the_checker_follows_a_duplicated_id_to_the_step_the_page_shows() {
        // The page opens the first `b`, which leads on to `c`; the checker must
        // walk the same way, or it calls `c` unreachable and misses the real trouble.
        let text = "## A {#a}\n\n[B](#b)\n\n## B {#b}\n\n[C](#c)\n\n## C {#c .done}\n\n## B igjen {#b .done}\n";
        let source = Source::new("g.nb.md", format!("---\ntitle: G\nlang: nb\n---\n{text}"));
        let (guide, _) = parse(&source);
        assert_eq!(guide.step("b").map(|s| s.title.as_str()), Some("B"));
        assert!(reachable(&guide, "a").contains("c"));
        assert_eq!(
            check_text(text),
            ["g.nb.md:15:1: error: step id `b` is used twice: first at g.nb.md:9:1, where its links and answers lead; give this step its own id"]
        );
    }

    #[test]
    fn links_to_other_guides_must_exist() {
        let findings = check_text("## A {#a}\n\n[Til MRS](mrs.nb.md#start)\n");
        assert_eq!(findings, ["g.nb.md:7:1: error: link to `mrs#start`, which does not exist"]);
    }

    #[test]
    fn a_circle_is_an_error_unless_the_step_leading_back_is_marked_loop() {
        let circle = "## A {#a}\n\n- [B](#b)\n- [Slutt](#s)\n\n## B {#b}\n\n[Igjen](#a)\n\n## S {#s .done}\n";
        assert_eq!(
            check_text(circle),
            ["g.nb.md:12:1: error: step `b` leads back to `a`, making a circle: mark `b` with .loop if that is intended"]
        );
        assert_eq!(check_text(&circle.replace("{#b}", "{#b .loop}")), Vec::<String>::new());
    }

    #[test]
    fn missing_images_and_unsafe_links_are_errors() {
        let findings = check_text("## A {#a .done}\n\n![Bilde](mangler.png) [x](javascript:alert(1))\n");
        assert_eq!(
            findings,
            [
                "g.nb.md:7:1: error: image `mangler.png` does not exist in the content folder",
                "g.nb.md:7:23: error: unsafe link `javascript:alert(1)`: only https, http, mailto and tel links are allowed",
            ]
        );
    }

    #[test]
    fn ids_missing_in_one_language_are_reported_in_that_file() {
        let nb = load("g.nb.md", "## A {#a}\n\n[B](#b)\n\n## B {#b .done}\n");
        let en = load("g.en.md", "## A {#a .done}\n");
        let index_source = Source::new(
            "index.json",
            r#"{"guides": [{"id": "g", "title": {}, "audience": {}, "languages": ["nb", "en", "sv"], "start": "a", "support": [{"local_it": true}]}]}"#,
        );
        let index = crate::model::index::parse(&index_source).unwrap();
        let findings: Vec<String> =
            check_all(&index_source, &index, &[nb.parsed(), en.parsed()], &|_| None).iter().map(ToString::to_string).collect();
        assert_eq!(
            findings,
            [
                "index.json:1:20: error: guide `g` lists language `sv`, but g.sv.md does not exist",
                "g.en.md:1:1: error: step `b` of g.nb.md is missing in this translation",
            ]
        );
    }

    #[test]
    fn two_steps_pinned_to_one_code_number_is_an_error() {
        let findings = check_text("## A {#a code=4}\n\n[B](#b)\n\n## B {#b .done code=4}\n");
        assert_eq!(findings, ["g.nb.md:9:1: error: code=4 is given to both `a` and `b`: each step needs its own number"]);
    }

    #[test]
    fn a_code_that_is_not_a_number_is_an_error() {
        let findings = check_text("## A {#a .done code=fire}\n");
        assert_eq!(findings, ["g.nb.md:5:1: error: `code=fire` on step `a` is not a step number: use a whole number from 1 to 9999"]);
    }

    #[test]
    fn a_number_moved_by_a_clash_is_a_warning_that_suggests_pinning_it() {
        let taken = code::derived("b");
        let findings = check_text(&format!("## A {{#a code={taken}}}\n\n[B](#b)\n\n## B {{#b .done}}\n"));
        let got = Numbers::of(&load("g.nb.md", &format!("## A {{#a code={taken}}}\n\n## B {{#b .done}}\n")).guide).number("b").unwrap();
        assert_eq!(
            findings,
            [format!(
                "g.nb.md:9:1: warning: step `b` gives code number {taken} like `a`, so it gets {got}, which can change as steps \
                 come and go: pin it with {{#b code={got}}} (or code={taken} if `a` is the newer step and `b` had {taken} before)"
            )]
        );
    }

    #[test]
    fn a_code_prefix_used_by_two_guides_and_codes_that_differ_between_languages_are_errors() {
        let nb = load("g.nb.md", "## A {#a .done code=4}\n");
        let en = load("g.en.md", "## A {#a .done code=5}\n");
        let h = load("h.nb.md", "## A {#a .done}\n");
        let index_source = Source::new(
            "index.json",
            r#"{"guides": [{"id": "g", "title": {}, "audience": {}, "languages": ["nb", "en"], "start": "a", "code": "HG", "support": [{"local_it": true}]},
 {"id": "h", "title": {}, "audience": {}, "languages": ["nb"], "start": "a", "code": "HG", "support": [{"local_it": true}]}]}"#,
        );
        let index = crate::model::index::parse(&index_source).unwrap();
        let findings: Vec<String> =
            check_all(&index_source, &index, &[nb.parsed(), en.parsed(), h.parsed()], &|_| None).iter().map(ToString::to_string).collect();
        assert_eq!(
            findings,
            [
                "index.json:2:9: error: guide `h` has the code prefix `HG`, which guide `g` already has: give one of them another \"code\"",
                "g.en.md:5:1: error: step `a` has code=5 here but code=4 in g.nb.md: every language must give a step the same code",
            ]
        );
    }
}
