//! The ends of the shipped guides as a person meets them: a failure whose text
//! sends the user back into the guide ("press Register again", "once the card is
//! unlocked") offers that way back, not only the way to the start page.

mod common;

use veiviser_guide::search::fold;

/// Words with which a guide's text sends the user back, folded as search folds them.
const AGAIN: [&str; 4] = ["igjen", "igen", "again", "nytt"];

#[test]
fn a_failure_whose_text_sends_the_user_back_offers_the_way_back() {
    let (_, guides) = common::content();
    for guide in &guides {
        for step in guide.steps.iter().filter(|s| s.is_end() && !s.is_done()) {
            let text = veiviser_guide::render::to_html(&step.body, &|_| String::new());
            let sends_back = text.split(|c: char| !c.is_alphanumeric()).any(|w| AGAIN.contains(&fold(w).as_str()));
            if sends_back {
                assert!(step.ways_within().next().is_some(), "{}: `{}` sends the user back but offers no way", guide.path, step.id);
            }
        }
    }
}

#[test]
fn after_a_pin_fix_or_the_puk_the_guide_leads_back_to_where_the_user_left_off() {
    let (_, guides) = common::content();
    for (guide, end, back) in [("hjemmekontor", "buypass-pin", "registrer-kort"), ("webcert", "kortet-last", "signera")] {
        for version in guides.iter().filter(|g| g.id == guide) {
            let step = version.step(end).unwrap_or_else(|| panic!("{}: no `{end}`", version.path));
            let way = step.next().unwrap_or_else(|| panic!("{}: `{end}` has no way back", version.path));
            assert_eq!(way.target, veiviser_guide::Target::Step(back.into()), "{}", version.path);
            assert!(step.is_end() && step.is_loop(), "{}: `{end}` is still a failure, and leads back on purpose", version.path);
        }
    }
}
