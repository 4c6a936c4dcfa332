//! One guide checked on its own: its ids, links, dead ends, step codes, and
//! (through `flow`) what its start reaches and where it circles.

use std::collections::{HashMap, HashSet};

use super::flow::{circles, unreached};
use super::{Context, Parsed, Start};
use crate::model::code::{self, Numbers};
use crate::model::finding::Finding;
use crate::model::guide::{Step, Target};

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
fn names_help(step: &Step) -> bool {
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


/// True when `a` and `b` differ by one typing slip: one letter added, left out,
/// changed, or two neighbours swapped.
pub(super) fn near_miss(a: &str, b: &str) -> bool {
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

