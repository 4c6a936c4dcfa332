//! Where a guide's ways lead: the steps its start reaches, the regions it
//! does not, and the ways that lead back round in a circle.

use std::collections::HashSet;

use super::Parsed;
use crate::model::finding::Finding;
use crate::model::guide::{Guide, Step, WayKind};

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
pub(super) struct Unreached<'g> {
    pub root: &'g str,
    pub behind: usize,
}

pub(super) fn unreached<'g>(guide: &'g Guide, start: &str) -> Vec<Unreached<'g>> {
    let reached = reachable(guide, start);
    let lost: Vec<&Step> = guide.steps.iter().filter(|s| !reached.contains(s.id.as_str())).collect();
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


/// Ways (answers and "next", not links in prose) that lead back to a step on the
/// current path, from a step not marked `.loop`.
pub(super) fn circles(parsed: Parsed, start: &str) -> Vec<Finding> {
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

