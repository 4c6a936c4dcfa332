//! A journey through a guide: which way the user took at each step, and where
//! that leads. The answers live in the URL, so any point can be linked: a link
//! that names a step without (all) the answers gets the answers that lead there
//! worked out, and a link whose answers lead elsewhere lands on the nearest step
//! they do lead to.
//!
//! The [`answers`] are the ways chosen so far; a [`place`] is where the user is
//! in the site, as its URL names it; this module walks the one to the other.

pub mod answers;
pub mod place;

pub use answers::Answers;

use std::collections::{HashSet, VecDeque};

use crate::model::guide::{Guide, Step, Target, Way};
use place::Place;

/// Where the answers lead from the start.
#[derive(Debug, Clone)]
pub struct Walk<'g> {
    /// The steps passed, from the start to where the walk stopped.
    pub path: Vec<&'g Step>,
    /// True when the walk stopped at the step asked for.
    pub reached: bool,
}

impl<'g> Walk<'g> {
    /// The step the walk stopped at: the one asked for, or the nearest one the answers lead to.
    pub fn here(&self) -> &'g Step {
        self.path.last().expect("a walk holds at least its start")
    }

    /// The step before `here`, for the back link.
    pub fn previous(&self) -> Option<&'g Step> {
        self.path.len().checked_sub(2).map(|i| self.path[i])
    }
}

/// The way out of `step` that `answers` (or its single "next") take, if any.
pub fn chosen_way<'g>(step: &'g Step, answers: &Answers) -> Option<&'g Way> {
    let local = |w: &&Way| matches!(&w.target, Target::Step(_));
    match answers.get(&step.id) {
        Some(target) => step.ways.iter().find(|w| w.target == Target::Step(target.to_owned())),
        None => step.next().filter(local),
    }
}

/// Follows `answers` from `start` until `to` (or, with `None`, as far as they go).
/// Returns `None` when the guide has no step `start`.
pub fn walk<'g>(guide: &'g Guide, start: &str, answers: &Answers, to: Option<&str>) -> Option<Walk<'g>> {
    let mut here = guide.step(start)?;
    let mut path = vec![here];
    let mut seen = HashSet::from([here.id.as_str()]);
    loop {
        if Some(here.id.as_str()) == to {
            return Some(Walk { path, reached: true });
        }
        let next = chosen_way(here, answers).and_then(|way| match &way.target {
            Target::Step(id) => guide.step(id),
            _ => None,
        });
        match next {
            Some(step) if seen.insert(step.id.as_str()) => {
                path.push(step);
                here = step;
            }
            // No answer yet, an end, another guide, or back where we were.
            _ => return Some(Walk { reached: to.is_none(), path }),
        }
    }
}

/// The answers that still apply: those of the steps the answers lead through.
pub fn pruned(guide: &Guide, start: &str, answers: &Answers) -> Answers {
    let Some(walk) = walk(guide, start, answers, None) else { return Answers::default() };
    let on_path: HashSet<&str> = walk.path.iter().map(|s| s.id.as_str()).collect();
    Answers(answers.0.iter().filter(|(step, _)| on_path.contains(step.as_str())).cloned().collect())
}

/// The answers after taking `way` at `step`: recorded unless it is the step's plain "next".
pub fn answers_after(guide: &Guide, start: &str, answers: &Answers, step: &Step, way: &Way) -> Answers {
    let Target::Step(target) = &way.target else { return answers.clone() };
    if !way.is_answer() && answers.get(&step.id).is_none() {
        return answers.clone();
    }
    pruned(guide, start, &answers.with(&step.id, target))
}

/// The fewest answers that lead from `start` to `target` (for links that name a
/// step outright: a step code, a search hit, the helpdesk's list, a link written
/// into an e-mail).
pub fn answers_to(guide: &Guide, start: &str, target: &str) -> Option<Answers> {
    let mut queue = VecDeque::from([(guide.step(start)?, Answers::default())]);
    let mut seen = HashSet::from([start]);
    while let Some((step, answers)) = queue.pop_front() {
        if step.id == target {
            return Some(answers);
        }
        for (way, id) in step.ways_within() {
            let Some(next) = guide.step(id) else { continue };
            if seen.insert(next.id.as_str()) {
                let after = if way.is_answer() { answers.with(&step.id, id) } else { answers.clone() };
                queue.push_back((next, after));
            }
        }
    }
    None
}

/// The step a place shows and the steps that lead there: the walk from `start`
/// through the place's answers to its step (the start itself when it names none).
pub fn walk_to<'g>(guide: &'g Guide, start: &str, place: &Place) -> Option<Walk<'g>> {
    walk(guide, start, &place.answers, Some(place.step.as_deref().unwrap_or(start)))
}

/// Where a place lands in its guide.
#[derive(Debug, Clone, PartialEq)]
pub enum Landing {
    /// The guide has no step to start from.
    NoStart,
    /// The answers lead to the step asked for.
    Reached,
    /// The step asked for, with the answers that lead there worked out: the link
    /// named the step without any answers.
    Answered(Place),
    /// The answers lead elsewhere: the nearest step they do lead to, naming the
    /// step asked for in `from` (shown as a note).
    Moved(Place),
}

/// Where `place` lands in `guide` when it starts at `start`. Answers that a link
/// gives are the user's and are never made up around: only a link with none gets
/// them worked out, as a step code does.
pub fn landing(guide: &Guide, start: &str, place: &Place) -> Landing {
    let Some(walk) = walk_to(guide, start, place) else { return Landing::NoStart };
    if walk.reached {
        return Landing::Reached;
    }
    let worked_out = place.answers.is_empty().then(|| answers_to(guide, start, place.step.as_deref()?)).flatten();
    match worked_out {
        Some(answers) => Landing::Answered(Place { answers, from: None, ..place.clone() }),
        None => Landing::Moved(Place {
            step: Some(walk.here().id.clone()),
            answers: pruned(guide, start, &place.answers),
            from: place.step.clone(),
            ..place.clone()
        }),
    }
}

/// One answered question for the "your answers" summary.
#[derive(Debug, Clone)]
pub struct Answered<'g> {
    pub question: &'g Step,
    pub answer: &'g Way,
}

/// The questions answered on the way to where the walk stopped, in order: not
/// the step it stopped at, whose answer (if the user came back to it) is theirs
/// to give again, nor any step past it.
pub fn answered<'g>(walk: &Walk<'g>, answers: &Answers) -> Vec<Answered<'g>> {
    walk.path[..walk.path.len() - 1]
        .iter()
        .filter(|step| step.choices().next().is_some())
        .filter_map(|step| chosen_way(step, answers).map(|answer| Answered { question: step, answer }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::{parse, WayKind};
    use crate::model::source::Source;

    const GUIDE: &str = "---\ntitle: T\nlang: nb\n---\n\
## Har du kort? {#kort}\n\n- [Ja](#sett-inn)\n- [Nei](#sms)\n\n\
## Sett inn {#sett-inn}\n\n[Videre](#to)\n\n\
## To sertifikater? {#to}\n\n- [Ja](#velg)\n- [Nei](#ferdig)\n\n\
## Velg {#velg}\n\n[Videre](#ferdig)\n\n\
## SMS {#sms}\n\nSe [om kort](#sett-inn).\n\n[Videre](#ferdig)\n\n\
## Ferdig {#ferdig .end}\n";

    fn guide() -> Guide {
        parse(&Source::new("t.nb.md", GUIDE)).0
    }

    fn ids(walk: &Walk) -> Vec<String> {
        walk.path.iter().map(|s| s.id.clone()).collect()
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    #[test]
    fn answers_and_next_links_lead_to_the_step_asked_for() {
        let guide = guide();
        let walk = walk(&guide, "kort", &answers(&[("kort", "sett-inn"), ("to", "velg")]), Some("velg")).unwrap();
        assert!(walk.reached);
        assert_eq!(ids(&walk), ["kort", "sett-inn", "to", "velg"]);
        assert_eq!(walk.previous().unwrap().id, "to");
    }

    #[test]
    fn a_step_the_answers_do_not_lead_to_lands_on_the_nearest_one_that_they_do() {
        let guide = guide();
        let walk = walk(&guide, "kort", &answers(&[("kort", "sms")]), Some("velg")).unwrap();
        assert!(!walk.reached);
        assert_eq!(walk.here().id, "ferdig");
        let unanswered = super::walk(&guide, "kort", &Answers::default(), Some("velg")).unwrap();
        assert_eq!(unanswered.here().id, "kort");
    }

    #[test]
    fn changing_an_earlier_answer_keeps_the_later_ones_that_still_apply() {
        let guide = guide();
        let kept = answers(&[("kort", "sett-inn"), ("to", "velg")]);
        let step = guide.step("kort").unwrap();
        let to_sms = step.choices().find(|w| w.label == "Nei").unwrap();
        assert_eq!(answers_after(&guide, "kort", &kept, step, to_sms), answers(&[("kort", "sms")]));
        // Back to "yes": the answer about two certificates applies again only if still given.
        let yes = step.choices().find(|w| w.label == "Ja").unwrap();
        assert_eq!(answers_after(&guide, "kort", &kept, step, yes), kept);
    }

    #[test]
    fn a_link_in_prose_is_remembered_as_the_way_taken() {
        let guide = guide();
        let sms = guide.step("sms").unwrap();
        let inline = sms.ways.iter().find(|w| w.kind == WayKind::Inline).unwrap();
        let after = answers_after(&guide, "kort", &answers(&[("kort", "sms")]), sms, inline);
        assert_eq!(after, answers(&[("kort", "sms"), ("sms", "sett-inn")]));
        let walk = walk(&guide, "kort", &after, Some("sett-inn")).unwrap();
        assert!(walk.reached);
    }

    #[test]
    fn the_fewest_answers_to_a_step_lead_there() {
        let guide = guide();
        let answers = answers_to(&guide, "kort", "velg").unwrap();
        assert_eq!(answers, super::Answers(vec![("kort".into(), "sett-inn".into()), ("to".into(), "velg".into())]));
        assert!(walk(&guide, "kort", &answers, Some("velg")).unwrap().reached);
        assert_eq!(answers_to(&guide, "kort", "kort"), Some(Answers::default()));
        assert_eq!(answers_to(&guide, "kort", "finnes-ikke"), None);
    }

    #[test]
    fn a_step_reached_only_through_a_link_in_prose_gets_the_answers_that_lead_there() {
        let guide = parse(&Source::new(
            "t.nb.md",
            "---\ntitle: T\nlang: nb\n---\n## Start {#start}\n\nLes [om kort](#kort) først.\n\n[Videre](#slutt)\n\n\
             ## Kort {#kort}\n\n[Videre](#slutt)\n\n## Slutt {#slutt .end}\n",
        ))
        .0;
        let answers = answers_to(&guide, "start", "kort").expect("the checker counts the prose link, so must the journey");
        assert_eq!(answers, super::Answers(vec![("start".into(), "kort".into())]));
        assert!(walk(&guide, "start", &answers, Some("kort")).unwrap().reached);
    }

    fn place(query: &str) -> Place {
        Place::from_query(query)
    }

    #[test]
    fn a_guide_opens_at_its_start_step_even_when_that_step_has_a_single_next() {
        let guide = guide();
        // `sett-inn` has one "next" only; opened as the start it must not walk on to `to`.
        let walk = walk_to(&guide, "sett-inn", &place("?guide=t")).unwrap();
        assert_eq!((ids(&walk), walk.reached), (vec!["sett-inn".to_owned()], true));
        assert!(walk.previous().is_none(), "the first step's back link goes to the start page");
        assert_eq!(landing(&guide, "sett-inn", &place("?guide=t")), Landing::Reached);
    }

    #[test]
    fn a_link_to_a_step_without_answers_opens_that_step_with_the_answers_worked_out() {
        let guide = guide();
        let landed = landing(&guide, "kort", &place("?guide=t&step=velg"));
        assert_eq!(landed, Landing::Answered(place("?guide=t&step=velg&a=kort.sett-inn&a=to.velg")));
        let Landing::Answered(there) = landed else { unreachable!() };
        assert_eq!(landing(&guide, "kort", &there), Landing::Reached);
        // The language and the view named in the link are kept.
        assert_eq!(
            landing(&guide, "kort", &place("?lang=sv&guide=t&step=sett-inn")),
            Landing::Answered(place("?lang=sv&guide=t&step=sett-inn&a=kort.sett-inn"))
        );
    }

    #[test]
    fn a_link_whose_answers_lead_elsewhere_lands_on_the_nearest_step_with_a_note() {
        let guide = guide();
        // The user said "no card": no answers are made up around theirs, though
        // a link in the SMS step's text leads on to the card steps.
        assert_eq!(
            landing(&guide, "kort", &place("?guide=t&step=velg&a=kort.sms")),
            Landing::Moved(place("?guide=t&step=ferdig&a=kort.sms&from=velg"))
        );
        assert_eq!(
            landing(&guide, "kort", &place("?guide=t&step=finnes-ikke")),
            Landing::Moved(place("?guide=t&step=kort&from=finnes-ikke"))
        );
        assert_eq!(landing(&guide, "nope", &place("?guide=t")), Landing::NoStart);
    }

    #[test]
    fn the_summary_leaves_out_the_question_shown_now() {
        let guide = guide();
        // Back at the first question: the answers past it stay in the URL, not in the summary.
        let given = answers(&[("kort", "sett-inn"), ("to", "velg")]);
        let walk = walk(&guide, "kort", &given, Some("to")).unwrap();
        let summary: Vec<_> = answered(&walk, &given).iter().map(|a| a.question.id.clone()).collect();
        assert_eq!(summary, ["kort"]);
        let at_start = super::walk(&guide, "kort", &given, Some("kort")).unwrap();
        assert!(answered(&at_start, &given).is_empty());
    }

    #[test]
    fn the_summary_lists_each_answered_question_with_its_answer() {
        let guide = guide();
        let given = answers(&[("kort", "sett-inn"), ("to", "ferdig")]);
        let walk = walk(&guide, "kort", &given, Some("ferdig")).unwrap();
        let summary: Vec<_> = answered(&walk, &given).iter().map(|a| (a.question.id.clone(), a.answer.label.clone())).collect();
        assert_eq!(summary, [("kort".to_owned(), "Ja".to_owned()), ("to".to_owned(), "Nei".to_owned())]);
    }
}
