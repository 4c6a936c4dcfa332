//! Search across the steps of all guides in one language, forgiving Nordic letters
//! typed without their marks, small typos, and a last word not yet typed out.
//!
//! The index is built in the browser from the guides it has fetched: a sorted list
//! of the distinct (folded) words with, for each, the steps that use it in their
//! title or body. Exact words are found by binary search, the last word's prefixes
//! as a range of that list, and typos by one scan of the words of similar length
//! (a few thousand for all guides), so no large prebuilt index is needed.
//!
//! A guide's opening text (before its first step) is searched too, as one more
//! document that opens the guide at its start.
//!
//! Ranking: only the steps that match the most of the query's words are shown, so
//! "Internet Explorer" does not list every step that has one of the two; then by
//! score, where a word in the title counts ten times a word in the body, so any
//! title match outranks a body match of the same word, and exact beats prefix
//! beats typo.

mod text;

pub use text::fold;

use std::collections::HashMap;

use pulldown_cmark::{Event, TagEnd};

use crate::model::guide::{Guide, Step};

/// One step (or a guide's opening text) found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub guide_id: String,
    /// The step; `None` for the guide's opening text, shown at its start.
    pub step_id: Option<String>,
    pub title: String,
    /// Body text around the first match (or its start), cut at word boundaries.
    pub snippet: String,
    pub score: f32,
}

/// How much a match counts, by where the word is and how it matched.
const IN_TITLE: f32 = 10.0;
const IN_BODY: f32 = 1.0;
const EXACT: f32 = 1.0;
const PREFIX: f32 = 0.8;
/// Characters of a snippet before and after the matched word.
const BEFORE: usize = 50;
const AFTER: usize = 110;

struct Doc {
    guide_id: String,
    step_id: Option<String>,
    title: String,
    /// The step's body and answers as plain text, for snippets.
    text: String,
}

/// Where one word is used: per step, how often in its title and in its body.
struct Term {
    word: Vec<char>,
    text: String,
    postings: Vec<(u32, u16, u16)>,
}

/// The words of every step of some guides (one language), ready to search.
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Sorted by `text`, so prefixes are ranges.
    terms: Vec<Term>,
}

impl SearchIndex {
    /// Indexes every step of `guides`, and each guide's opening text.
    pub fn build(guides: &[&Guide]) -> SearchIndex {
        let mut docs = Vec::new();
        let mut postings: HashMap<String, Vec<(u32, u16, u16)>> = HashMap::new();
        for guide in guides {
            let intro = (!guide.intro.is_empty()).then(|| (None, guide.title.as_str(), plain_text(&guide.intro, &[])));
            let steps = guide.steps.iter().map(|step| (Some(step.id.clone()), step.title.as_str(), step_text(step)));
            for (step_id, title, text) in intro.into_iter().chain(steps) {
                let doc = docs.len() as u32;
                for (in_title, source) in [(true, title), (false, text.as_str())] {
                    for (_, _, word) in text::words(source) {
                        let list = postings.entry(word).or_default();
                        if list.last().is_none_or(|p| p.0 != doc) {
                            list.push((doc, 0, 0));
                        }
                        let entry = list.last_mut().expect("just pushed");
                        let count = if in_title { &mut entry.1 } else { &mut entry.2 };
                        *count = count.saturating_add(1);
                    }
                }
                docs.push(Doc { guide_id: guide.id.clone(), step_id, title: title.to_owned(), text });
            }
        }
        let mut terms: Vec<Term> = postings
            .into_iter()
            .map(|(text, postings)| Term { word: text.chars().collect(), text, postings })
            .collect();
        terms.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        SearchIndex { docs, terms }
    }

    /// The best `limit` steps for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = text::words(query).map(|(_, _, w)| w).collect();
        // The last word is still being typed unless the query ends in a space.
        let typing = !query.ends_with(char::is_whitespace);
        // Per step: the query words it matched (a bit each), its score, and the terms matched.
        let mut found: HashMap<u32, (u64, f32, Vec<usize>)> = HashMap::new();
        for (i, word) in words.iter().enumerate().take(64) {
            let is_last = typing && i + 1 == words.len();
            let mut best: HashMap<u32, (f32, usize)> = HashMap::new();
            for (term, quality) in self.matches(word, is_last) {
                for &(doc, in_title, in_body) in &self.terms[term].postings {
                    let place = if in_title > 0 { IN_TITLE } else { IN_BODY * (1.0 + 0.1 * f32::from(in_body.min(5))) };
                    let score = quality * place;
                    let entry = best.entry(doc).or_insert((0.0, term));
                    if score > entry.0 {
                        *entry = (score, term);
                    }
                }
            }
            for (doc, (score, term)) in best {
                let entry = found.entry(doc).or_insert((0, 0.0, Vec::new()));
                entry.0 |= 1 << i;
                entry.1 += score;
                entry.2.push(term);
            }
        }
        let mut ranked: Vec<(u32, f32, u32, Vec<usize>)> =
            found.into_iter().map(|(doc, (words, score, terms))| (words.count_ones(), score, doc, terms)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        let most = ranked.first().map_or(0, |r| r.0);
        ranked
            .into_iter()
            .take_while(|r| r.0 == most)
            .take(limit)
            .map(|(_, score, doc, terms)| {
                let d = &self.docs[doc as usize];
                let matched: Vec<&str> = terms.iter().map(|&t| self.terms[t].text.as_str()).collect();
                Hit {
                    guide_id: d.guide_id.clone(),
                    step_id: d.step_id.clone(),
                    title: d.title.clone(),
                    snippet: snippet(&d.text, &matched),
                    score,
                }
            })
            .collect()
    }

    /// The terms that `word` matches, each with how well: exactly, as a prefix
    /// (when it is the word being typed), or within the typos its length allows.
    fn matches(&self, word: &str, is_last: bool) -> Vec<(usize, f32)> {
        let mut out = Vec::new();
        let from = self.terms.partition_point(|t| t.text.as_str() < word);
        if self.terms.get(from).is_some_and(|t| t.text == word) {
            out.push((from, EXACT));
        }
        if is_last {
            let end = from + self.terms[from..].partition_point(|t| t.text.starts_with(word));
            out.extend((from..end).filter(|&t| self.terms[t].text != word).map(|t| (t, PREFIX)));
        }
        let chars: Vec<char> = word.chars().collect();
        let typed = text::tolerance(chars.len());
        if typed == 0 {
            return out;
        }
        for (t, term) in self.terms.iter().enumerate() {
            if out.iter().any(|&(o, _)| o == t) {
                continue;
            }
            // A shorter word forgives only its own share of typos: `internet` is not
            // `intern` with two typos, though `pukk` is `puk` with one.
            let max = typed.min(text::tolerance(term.word.len()).max(1));
            // People rarely mistype the first letter: `pukk` is more likely `puk` than `lukk`.
            let first = if term.word.first() == chars.first() { 1.0 } else { 0.8 };
            let quality = |d: usize| (0.75 - 0.25 * (d as f32 - 1.0)) * first;
            if let Some(d) = text::distance(&chars, &term.word, max).filter(|&d| d > 0) {
                out.push((t, quality(d)));
            } else if is_last && term.word.len() > chars.len() {
                // A typo in the part typed so far: compare with the term's beginning.
                if let Some(d) = text::distance(&chars, &term.word[..chars.len()], max) {
                    out.push((t, quality(d) * PREFIX));
                }
            }
        }
        out
    }
}

/// A step's body, answers and hints as plain text.
fn step_text(step: &Step) -> String {
    plain_text(&step.body, &step.ways)
}

/// Markdown `events` and then `ways` (labels and hints) as plain text, blocks separated by spaces.
fn plain_text(events: &[Event<'static>], ways: &[crate::Way]) -> String {
    let mut text = String::new();
    let space = |text: &mut String| {
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
    };
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => space(&mut text),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => space(&mut text),
            _ => {}
        }
    }
    for way in ways {
        space(&mut text);
        text.push_str(&way.label);
        if !way.hint.is_empty() {
            text.push_str(" – ");
            text.push_str(&way.hint);
        }
    }
    text.trim_end().to_owned()
}

/// About `BEFORE + AFTER` characters of `text` around the first word that is one of
/// `matched` (or from the start), cut at spaces and marked with "…" where cut.
fn snippet(text: &str, matched: &[&str]) -> String {
    let at = text::words(text).find(|(_, _, w)| matched.contains(&w.as_str())).map_or(0, |(start, _, _)| start);
    let start = if text[..at].chars().count() <= BEFORE {
        0
    } else {
        let back = text[..at].char_indices().rev().nth(BEFORE - 1).map_or(0, |(i, _)| i);
        text[back..at].find(' ').map_or(back, |s| back + s + 1)
    };
    let limit = text[start..].char_indices().nth(BEFORE + AFTER).map_or(text.len(), |(i, _)| start + i);
    let end = if limit == text.len() { limit } else { text[start..limit].rfind(' ').map_or(limit, |s| start + s) };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::parse;
    use crate::model::source::Source;

    fn guide(id: &str, body: &str) -> Guide {
        parse(&Source::new(format!("{id}.sv.md"), format!("---\ntitle: T\nlang: sv\n---\n{body}"))).0
    }

    fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
        index.search(query, 10).into_iter().map(|h| format!("{}#{}", h.guide_id, h.step_id.unwrap_or_default())).collect()
    }

    fn sample() -> (Guide, Guide) {
        let a = guide(
            "webcert",
            "## Kortet är låst {#last}\n\nSkriv PUK-koden för att låsa upp kortet.\n\n[Vidare](#pin)\n\n\
             ## Ange PIN {#pin}\n\nKortet låses efter tre fel.\n\n[Klar](#klar)\n\n## Klar {#klar .end}\n",
        );
        let b = guide("annan", "## Byt kortläsare {#byt .end}\n\nOm PUK saknas, kontakta oss.\n");
        (a, b)
    }

    #[test]
    fn a_title_match_ranks_above_a_body_match() {
        let (a, b) = sample();
        let index = SearchIndex::build(&[&a, &b]);
        assert_eq!(ids(&index, "klar")[0], "webcert#klar");
        assert_eq!(ids(&index, "puk ")[..2], ["webcert#last", "annan#byt"]);
        assert_eq!(ids(&index, "kortläsare"), ["annan#byt"]);
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_and_marks_are_optional() {
        let (a, b) = sample();
        let index = SearchIndex::build(&[&a, &b]);
        // `lås` is short, so no typo is allowed, but as the word being typed it
        // matches låst, låsa and låses.
        assert_eq!(ids(&index, "lås"), ["webcert#last", "webcert#pin"]);
        assert_eq!(ids(&index, "las"), ids(&index, "lås"));
        assert!(ids(&index, "lås ").is_empty(), "a finished short word must match exactly");
    }

    #[test]
    fn small_typos_are_forgiven_by_word_length() {
        let (a, b) = sample();
        let index = SearchIndex::build(&[&a, &b]);
        assert_eq!(ids(&index, "kortlasere ")[0], "annan#byt");
        assert_eq!(ids(&index, "kotrläsare ")[0], "annan#byt", "two letters swapped");
        assert!(ids(&index, "pux ").is_empty(), "three letters: no typo");
    }

    #[test]
    fn words_must_all_count_and_snippets_show_the_match() {
        let (a, b) = sample();
        let index = SearchIndex::build(&[&a, &b]);
        let hits = index.search("kortet tre", 10);
        assert_eq!(hits[0].step_id.as_deref(), Some("pin"));
        assert_eq!(hits[0].snippet, "Kortet låses efter tre fel. Klar");
        let long = format!("{} PUK {}", "ord ".repeat(40), "mer ".repeat(60));
        let snip = snippet(&long, &["puk"]);
        assert!(snip.starts_with('…') && snip.ends_with('…') && snip.contains("PUK"), "{snip}");
    }
}
