//! Search over the shipped guides, one language at a time, as the site does it.

mod common;

use veiviser_guide::search::SearchIndex;
use veiviser_guide::Guide;

fn index(lang: &str) -> SearchIndex {
    let (_, guides) = common::content();
    let guides: Vec<Guide> = guides.into_iter().filter(|g| g.lang == lang).collect();
    SearchIndex::build(&guides.iter().collect::<Vec<_>>())
}

/// The guides of the first `n` hits.
fn top_guides(index: &SearchIndex, query: &str, n: usize) -> Vec<String> {
    index.search(query, n).into_iter().map(|h| h.guide_id).collect()
}

#[test]
fn puk_finds_the_webcert_steps_in_every_language() {
    for lang in ["sv", "nb", "en"] {
        let guides = top_guides(&index(lang), "PUK", 3);
        assert_eq!(guides, ["webcert"; 3], "{lang}");
    }
}

#[test]
fn the_named_words_find_their_guides_even_misspelt() {
    let nb = index("nb");
    for (query, guide) in [
        ("engangskode", "helseregister"),
        ("engnagskode", "helseregister"),
        ("buypas", "hjemmekontor"),
        ("pukk", "webcert"),
    ] {
        assert_eq!(top_guides(&nb, query, 1), [guide], "{query}");
    }
}

#[test]
fn smartkort_finds_the_mrs_guide_which_is_about_it() {
    let nb = index("nb");
    // One hjemmekontor step has "smartkort" in its title, so it may come first;
    // the rest of the top is the MRS guide, typo or not.
    for query in ["smartkort", "smratkort"] {
        let top = top_guides(&nb, query, 5);
        assert_eq!(top.iter().filter(|g| *g == "mrs").count(), 4, "{query}: {top:?}");
        assert!(nb.search(query, 2).iter().any(|h| h.step_id.as_deref() == Some("sett-inn-kort")), "{query}");
    }
}

#[test]
fn swedish_las_finds_lasa_and_lases_by_prefix() {
    let sv = index("sv");
    let hits = sv.search("lås", 20);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.guide_id == "webcert"));
    assert!(
        hits.iter().any(|h| h.snippet.to_lowercase().contains("låsa")
            || h.snippet.to_lowercase().contains("låses")
            || h.snippet.to_lowercase().contains("låst")),
        "{hits:#?}"
    );
}

#[test]
fn every_step_is_found_first_or_near_the_top_by_its_own_title() {
    let (_, guides) = common::content();
    for lang in ["nb", "sv", "en"] {
        let these: Vec<&Guide> = guides.iter().filter(|g| g.lang == lang).collect();
        let index = SearchIndex::build(&these);
        for guide in &these {
            for step in &guide.steps {
                let hits = index.search(&step.title, 10);
                // Titles repeat across guides ("Lagre"), so near the top is enough;
                // but then the hit ahead must have the same words in its title.
                let at = hits.iter().position(|h| h.guide_id == guide.id && h.step_id.as_ref() == Some(&step.id));
                assert!(at.is_some(), "{}: `{}` ({}) not among {:?}", guide.path, step.title, step.id, hits);
                assert!(hits[0].score >= hits[at.unwrap()].score);
            }
        }
    }
}

#[test]
fn internet_explorer_finds_the_guide_that_names_it_and_nothing_about_interns() {
    for lang in ["nb", "en"] {
        let hits = index(lang).search("Internet Explorer", 10);
        let found: Vec<_> = hits.iter().map(|h| (h.guide_id.as_str(), h.step_id.as_deref())).collect();
        // The MRS guide's opening text names it; `intern` is another word, not a typo.
        assert_eq!(found, [("mrs", None)], "{lang}");
    }
}

#[test]
fn a_word_only_the_opening_text_holds_finds_the_guide() {
    let hits = index("nb").search("Brukerhåndtering", 10);
    assert_eq!(hits.first().map(|h| (h.guide_id.as_str(), h.step_id.as_deref())), Some(("eportal", None)), "{hits:#?}");
    assert_eq!(hits[0].title, "Administrere CGM ePortal");
}
