//! Walks every way of every shipped guide (not one path): for each step, the
//! answers that lead to it, and from there each answer and "next" must lead to
//! its step, and each link to another guide to a guide and step that exist.

use std::collections::{HashMap, VecDeque};

use veiviser_guide::journey::{self, Answers};
use veiviser_guide::Target;

mod common;
use common::content;


#[test]
fn every_answer_and_next_of_every_guide_leads_to_its_step() {
    let (index, guides) = content();
    let mut edges = 0;
    for guide in &guides {
        let start = &index.guide(&guide.id).expect("guide in index").start;
        // Breadth first: the first answers found that lead to each step.
        let mut reached: HashMap<&str, Answers> = HashMap::from([(start.as_str(), Answers::default())]);
        let mut queue = VecDeque::from([start.as_str()]);
        while let Some(id) = queue.pop_front() {
            let answers = reached[id].clone();
            let step = guide.step(id).expect("reached steps exist");
            let walk = journey::walk(guide, start, &answers, Some(id)).unwrap();
            assert!(walk.reached, "{}: the answers {answers:?} do not lead to `{id}`", guide.path);
            for way in &step.ways {
                edges += 1;
                match &way.target {
                    Target::Step(target) => {
                        let after = journey::answers_after(guide, start, &answers, step, way);
                        let walk = journey::walk(guide, start, &after, Some(target)).unwrap();
                        assert!(walk.reached, "{}: `{id}` → `{target}` ({}) does not arrive", guide.path, way.label);
                        if !reached.contains_key(target.as_str()) {
                            reached.insert(guide.step(target).unwrap().id.as_str(), after);
                            queue.push_back(guide.step(target).unwrap().id.as_str());
                        }
                    }
                    Target::Guide { guide: other, step: target } => {
                        let entry = index.guide(other).unwrap_or_else(|| panic!("{}: no guide `{other}`", guide.path));
                        let target = target.as_deref().unwrap_or(&entry.start);
                        assert!(
                            guides.iter().any(|g| g.id == *other && g.step(target).is_some()),
                            "{}: `{id}` → `{other}#{target}` does not exist",
                            guide.path
                        );
                    }
                    other => panic!("{}: way `{}` of `{id}` leads outside the guides: {other:?}", guide.path, way.label),
                }
            }
        }
        assert_eq!(reached.len(), guide.steps.len(), "{}: every step is reached by some answers", guide.path);
    }
    assert!(edges > 100, "only {edges} ways walked");
}

#[test]
fn every_guide_has_an_end_that_its_start_leads_to() {
    let (index, guides) = content();
    for guide in &guides {
        let start = &index.guide(&guide.id).unwrap().start;
        let reachable = veiviser_guide::check::reachable(guide, start);
        assert!(
            guide.steps.iter().any(|s| s.is_end() && reachable.contains(s.id.as_str())),
            "{} has no reachable end",
            guide.path
        );
    }
}
