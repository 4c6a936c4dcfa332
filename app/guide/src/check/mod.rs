//! The content checker: proves that every way through the guides leads somewhere,
//! and reports what does not as findings at a file, line and column.
//!
//! Shared by the app (which shows findings instead of a broken guide) and the
//! native `veiviser check` command. `guide` checks one guide on its own,
//! `flow` follows its ways (what the start reaches, circles), and `folder`
//! checks the guides of a content folder against each other and the index.

mod flow;
mod folder;
mod guide;

pub use flow::reachable;
pub use folder::{check_all, start_of, support_findings};
pub use guide::check_guide;

use crate::model::guide::Guide;
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

#[cfg(test)]
mod tests {
    use super::guide::near_miss;
    use super::*;
    use crate::model::code::{self, Numbers};
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

