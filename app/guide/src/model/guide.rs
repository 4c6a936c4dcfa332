//! A guide parsed from Markdown: its steps, and for each step the ways on.
//!
//! The format, for authors (see content/README.md):
//! - front matter with at least `title` and `lang`;
//! - every `##` heading is a step and carries an id: `## Har du et smartkort? {#har-kort}`;
//! - a list whose items each start with a link to a step is a choice (a question);
//! - a paragraph that is only one link to a step is the "next" button;
//! - a step marked `{#id .end}` is an end of the guide, `{#id .loop}` may lead back;
//! - a fenced block marked `check` declares the step's live checks ([`crate::model::live_check`]).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

use crate::model::finding::Finding;
use crate::model::frontmatter::{self, FrontMatter};
use crate::model::live_check::{self, LiveCheck};
use crate::model::source::Source;

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A step of the same guide: `#id`.
    Step(String),
    /// A step (or the start) of another guide: `other.nb.md#id` or `other.md`.
    Guide { guide: String, step: Option<String> },
    /// A page elsewhere: `https:`, `http:`, `mailto:` or `tel:`.
    External(String),
    /// A file in the content folder, such as a PDF or an image.
    File(String),
    /// A scheme that can run code or smuggle content (`javascript:`, `data:`, ...).
    Unsafe(String),
}

impl Target {
    /// Classifies a link destination as written by the author.
    pub fn parse(dest: &str) -> Target {
        let dest = dest.trim();
        if let Some(id) = dest.strip_prefix('#') {
            return Target::Step(id.to_owned());
        }
        let lower = dest.to_ascii_lowercase();
        if let Some((scheme, _)) = lower.split_once(':') {
            let is_scheme = !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            if is_scheme {
                return match scheme {
                    "https" | "http" | "mailto" | "tel" => Target::External(dest.to_owned()),
                    _ => Target::Unsafe(dest.to_owned()),
                };
            }
        }
        if lower.starts_with("//") {
            return Target::External(dest.to_owned());
        }
        let (file, fragment) = match dest.split_once('#') {
            Some((file, fragment)) => (file, Some(fragment)),
            None => (dest, None),
        };
        match file.strip_suffix(".md").filter(|f| !f.contains('/')) {
            Some(stem) => Target::Guide {
                // `mrs.nb.md` and `mrs.md` both name the guide `mrs`.
                guide: stem.split('.').next().unwrap_or(stem).to_owned(),
                step: fragment.filter(|f| !f.is_empty()).map(str::to_owned),
            },
            None => Target::File(dest.to_owned()),
        }
    }

    /// True for links that move through guides (rather than leave them).
    pub fn is_way(&self) -> bool {
        matches!(self, Target::Step(_) | Target::Guide { .. })
    }
}

/// How a way on is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WayKind {
    /// One answer of a question (an item of a list of links).
    Choice,
    /// The single "next" link of a step.
    Next,
    /// A link to a step inside the prose.
    Inline,
}

/// A link out of a step to another step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Way {
    pub label: String,
    /// Any text after the link in a choice item, shown as a hint.
    pub hint: String,
    pub target: Target,
    pub kind: WayKind,
    /// Byte offset of the link in the source.
    pub offset: usize,
}

/// Any link in a step (ways and others), kept for the checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub offset: usize,
    pub image: bool,
}

/// One step (or question) of a guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub classes: Vec<String>,
    /// The heading's `key=value` attributes (`{#pin code=4}`), in order; a bare key has no value.
    pub attrs: Vec<(String, Option<String>)>,
    /// Byte offset of the heading in the source.
    pub offset: usize,
    /// The step's content without its choice list and "next" link.
    pub body: Vec<Event<'static>>,
    pub ways: Vec<Way>,
    pub links: Vec<Link>,
    /// Byte offsets of raw HTML in the step (rendered as text, reported by the checker).
    pub raw_html: Vec<usize>,
    /// What the helper can check on this step, if the author declared it.
    pub live: Option<LiveCheck>,
}

impl Step {
    /// True when the author marked the step as an end: `{#id .end}`, or `{#id .done}`
    /// where the user has reached what the guide is for.
    pub fn is_end(&self) -> bool {
        self.has_class("end") || self.is_done()
    }

    /// True for an end where the user has reached the goal (`{#id .done}`); any
    /// other end must say who helps or what to do next.
    pub fn is_done(&self) -> bool {
        self.has_class("done")
    }

    /// True when the author marked the step as leading back on purpose (`{#id .loop}`).
    pub fn is_loop(&self) -> bool {
        self.has_class("loop")
    }

    /// True when the heading carries `.name`.
    pub fn has_class(&self, name: &str) -> bool {
        self.classes.iter().any(|c| c == name)
    }

    /// The value of the heading attribute `key` (`code` in `{#pin code=4}`).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_deref())
    }

    /// The answers of a question, in order (empty for a plain step).
    pub fn choices(&self) -> impl Iterator<Item = &Way> {
        self.ways.iter().filter(|w| w.kind == WayKind::Choice)
    }

    /// The "next" link of a plain step.
    pub fn next(&self) -> Option<&Way> {
        self.ways.iter().find(|w| w.kind == WayKind::Next)
    }

    /// The ways on to steps of the same guide, with the id each leads to: answers,
    /// "next" and links in the prose alike. The checker proves a step reachable
    /// through these, and the journey finds the answers to it through the same.
    pub fn ways_within(&self) -> impl Iterator<Item = (&Way, &str)> {
        self.ways.iter().filter_map(|way| match &way.target {
            Target::Step(id) => Some((way, id.as_str())),
            _ => None,
        })
    }
}

impl Way {
    /// True when taking this way is recorded in the URL as an answer (`a=step.target`):
    /// every way but a plain "next", which the step has only one of.
    pub fn is_answer(&self) -> bool {
        self.kind != WayKind::Next
    }
}

/// True for a step id of the documented alphabet: lower-case letters a–z, digits
/// and `-`. An answer is written `step.target`, so an id must never hold a `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A whole guide in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// The guide's id, from its file name (`mrs` for `mrs.nb.md`).
    pub id: String,
    pub path: String,
    pub title: String,
    pub lang: String,
    pub front: FrontMatter,
    /// Content before the first step, shown above it.
    pub intro: Vec<Event<'static>>,
    pub steps: Vec<Step>,
    /// Position of each step id in `steps`: the one step index, read by the page,
    /// the journey and the checker alike. It keeps an id's first step, and the
    /// checker reports any other step with that id.
    by_id: HashMap<String, usize>,
}

impl Guide {
    /// The step with `id`.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.step_index(id).map(|i| &self.steps[i])
    }

    /// Position of the step with `id` in `steps`.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// The guide id a content file name stands for: `mrs.nb.md` → `mrs`.
pub fn guide_id_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// The language a content file name states: `mrs.nb.md` → `nb`.
pub fn lang_of(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.strip_suffix(".md")?.split('.');
    let (_, lang) = (parts.next()?, parts.next()?);
    Some(lang)
}

/// Parses one guide file. Problems of form are returned as findings; the guide is
/// always built as far as it can be, so the view can still show what is there.
pub fn parse(source: &Source) -> (Guide, Vec<Finding>) {
    let mut findings = Vec::new();
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(&source.text, options).into_offset_iter().collect();

    let mut guide = Guide {
        id: guide_id_of(&source.path).to_owned(),
        path: source.path.clone(),
        title: String::new(),
        lang: String::new(),
        front: FrontMatter::default(),
        intro: Vec::new(),
        steps: Vec::new(),
        by_id: HashMap::new(),
    };
    let mut h1_title = None;
    let mut has_front = false;

    for block in top_level_blocks(&events) {
        let (first, range) = &block[0];
        match first {
            Event::Start(Tag::MetadataBlock(_)) => {
                let (text, offset) = block
                    .iter()
                    .find_map(|(e, r)| match e {
                        Event::Text(t) => Some((t.as_ref(), r.start)),
                        _ => None,
                    })
                    .unwrap_or(("", range.start));
                guide.front = frontmatter::parse(source, text, offset, &mut findings);
                guide.front.offset = range.start;
                has_front = true;
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, classes, attrs }) => {
                let title = plain_text(block);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        let slug = slug(&title);
                        findings.push(Finding::error(
                            &source.path,
                            source.position(range.start),
                            format!("step `{title}` has no id: end the heading with {{#{slug}}}"),
                        ));
                        slug
                    }
                };
                guide.steps.push(Step {
                    id,
                    title,
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string()))).collect(),
                    offset: range.start,
                    body: Vec::new(),
                    ways: Vec::new(),
                    links: Vec::new(),
                    raw_html: Vec::new(),
                    live: None,
                });
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })
                if guide.steps.is_empty() && h1_title.is_none() =>
            {
                h1_title = Some(plain_text(block));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "check" => {
                let text = plain_text_raw(block);
                let offset = block.get(1).map(|(_, r)| r.start).unwrap_or(range.start);
                let check = live_check::parse(source, &text, offset, &mut findings);
                match guide.steps.last_mut() {
                    Some(step) if step.live.is_none() => step.live = Some(check),
                    Some(step) => findings.push(Finding::error(
                        &source.path,
                        source.position(range.start),
                        format!("step `{}` has a second check block: put all its checks in one", step.id),
                    )),
                    None => findings.push(Finding::error(
                        &source.path,
                        source.position(range.start),
                        "a check block must be inside a step (after a `##` heading)",
                    )),
                }
            }
            _ => match guide.steps.last_mut() {
                Some(step) => add_block(step, block),
                None => {
                    let mut intro = Step {
                        id: String::new(),
                        title: String::new(),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                        offset: 0,
                        body: std::mem::take(&mut guide.intro),
                        ways: Vec::new(),
                        links: Vec::new(),
                        raw_html: Vec::new(),
                        live: None,
                    };
                    add_block(&mut intro, block);
                    guide.intro = intro.body;
                }
            },
        }
    }

    let at_top = source.position(guide.front.offset);
    // A `---` that opens front matter and none that closes it: Markdown reads the
    // fields as text, so say that, not that `title` and `lang` are missing.
    let unclosed = !has_front && source.text.lines().next().is_some_and(|line| line.trim_end() == "---");
    if unclosed {
        findings.push(Finding::error(
            &source.path,
            (1, 1),
            "the front matter opened here has no closing `---`: end it with a line of three dashes before the first step",
        ));
        guide.lang = lang_of(&source.path).unwrap_or_default().to_owned();
        guide.title = h1_title.clone().unwrap_or_default();
    }
    match guide.front.get("title").map(str::to_owned).or(h1_title) {
        _ if unclosed => {}
        Some(title) => guide.title = title,
        None => findings.push(Finding::error(&source.path, at_top, "the guide has no `title` in its front matter")),
    }
    match guide.front.field("lang") {
        _ if unclosed => {}
        Some(field) => {
            guide.lang = field.value.clone();
            if let Some(file_lang) = lang_of(&source.path).filter(|l| *l != field.value) {
                findings.push(Finding::error(
                    &source.path,
                    source.position(field.offset),
                    format!("`lang: {}` does not match the file name, which says `{file_lang}`", field.value),
                ));
            }
        }
        None => findings.push(Finding::error(&source.path, at_top, "the guide has no `lang` in its front matter")),
    }
    if guide.steps.is_empty() {
        findings.push(Finding::error(&source.path, at_top, "the guide has no steps: each step is a `##` heading"));
    }
    for (i, step) in guide.steps.iter().enumerate() {
        guide.by_id.entry(step.id.clone()).or_insert(i);
    }
    (guide, findings)
}

/// Splits the event stream into top-level blocks (a heading, a paragraph, a list, ...).
fn top_level_blocks<'e, 'a>(events: &'e [(Event<'a>, Range<usize>)]) -> Vec<&'e [(Event<'a>, Range<usize>)]> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            blocks.push(&events[start..=i]);
            start = i + 1;
        }
    }
    blocks
}

/// Files one block of a step: a choice list or "next" paragraph becomes ways on,
/// anything else becomes body.
fn add_block(step: &mut Step, block: &[(Event<'_>, Range<usize>)]) {
    record_links(step, block);
    match &block[0].0 {
        Event::Start(Tag::List(_)) => {
            if let Some(choices) = choice_list(block) {
                step.ways.extend(choices);
                return;
            }
        }
        Event::Start(Tag::Paragraph) => {
            if let Some(next) = lone_link(block) {
                step.ways.push(next);
                return;
            }
        }
        _ => {}
    }
    for (event, range) in block {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let target = Target::parse(dest_url);
            if target.is_way() {
                let label = link_text(block, range.start);
                step.ways.push(Way { label, hint: String::new(), target, kind: WayKind::Inline, offset: range.start });
            }
        }
    }
    step.body.extend(block.iter().map(|(e, _)| e.clone().into_static()));
}

fn record_links(step: &mut Step, block: &[(Event<'_>, Range<usize>)]) {
    for (event, range) in block {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                step.links.push(Link { target: Target::parse(dest_url), offset: range.start, image: false })
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                step.links.push(Link { target: Target::parse(dest_url), offset: range.start, image: true })
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => step.raw_html.push(range.start),
            _ => {}
        }
    }
}

/// A list in which every item starts with a link to a step is a question's answers.
fn choice_list(block: &[(Event<'_>, Range<usize>)]) -> Option<Vec<Way>> {
    let inner = &block[1..block.len() - 1];
    let mut ways = Vec::new();
    for item in top_level_blocks(inner) {
        let (Event::Start(Tag::Item), item_range) = &item[0] else { return None };
        // A loose list wraps the item's text in a paragraph.
        let content: Vec<_> = item[1..item.len() - 1]
            .iter()
            .filter(|(e, _)| !matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)))
            .collect();
        let (Event::Start(Tag::Link { dest_url, .. }), link_range) = content.first()? else { return None };
        let target = Target::parse(dest_url);
        if !target.is_way() {
            return None;
        }
        let end = content.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Link)))?;
        let label = collect_text(content[1..end].iter().map(|(e, _)| e));
        let hint = collect_text(content[end + 1..].iter().map(|(e, _)| e));
        let hint = hint.trim().trim_start_matches(['–', '-', ':', '—']).trim().to_owned();
        ways.push(Way { label, hint, target, kind: WayKind::Choice, offset: link_range.start.max(item_range.start) });
    }
    (!ways.is_empty()).then_some(ways)
}

/// A paragraph that holds nothing but one link to a step is the step's "next".
fn lone_link(block: &[(Event<'_>, Range<usize>)]) -> Option<Way> {
    let inner = &block[1..block.len() - 1];
    let (Event::Start(Tag::Link { dest_url, .. }), range) = inner.first()? else { return None };
    let (Event::End(TagEnd::Link), _) = inner.last()? else { return None };
    let target = Target::parse(dest_url);
    let nested_link = inner[1..inner.len() - 1].iter().any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })));
    if !target.is_way() || nested_link {
        return None;
    }
    let label = collect_text(inner[1..inner.len() - 1].iter().map(|(e, _)| e));
    Some(Way { label, hint: String::new(), target, kind: WayKind::Next, offset: range.start })
}

/// The text of the link that starts at `offset` in `block`.
fn link_text(block: &[(Event<'_>, Range<usize>)], offset: usize) -> String {
    let start = block.iter().position(|(_, r)| r.start == offset).unwrap_or(0) + 1;
    let len = block[start..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Link))).unwrap_or(0);
    collect_text(block[start..start + len].iter().map(|(e, _)| e))
}

/// The text of a block as written (a code block's lines).
fn plain_text_raw(block: &[(Event<'_>, Range<usize>)]) -> String {
    block.iter().filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None }).collect()
}

fn plain_text(block: &[(Event<'_>, Range<usize>)]) -> String {
    collect_text(block.iter().map(|(e, _)| e)).trim().to_owned()
}

fn collect_text<'a, 'e: 'a>(events: impl Iterator<Item = &'a Event<'e>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// A suggested id for a heading that has none.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let c = match c {
            'æ' => "ae".into(),
            'ø' | 'ö' => "o".into(),
            'å' | 'ä' => "a".into(),
            c if c.is_alphanumeric() => c.to_string(),
            _ => "-".into(),
        };
        if !(c == "-" && (slug.is_empty() || slug.ends_with('-'))) {
            slug.push_str(&c);
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MRS: &str = "---\ntitle: Logg inn i MRS\nlang: nb\n---\n\n# Logg inn i MRS\n\nIntro.\n\n\
## Har du et smartkort? {#har-kort}\n\nVelg det som gjelder deg.\n\n\
- [Ja, jeg har smartkort](#smartkort)\n- [Nei, jeg bruker kode på SMS](#sms) – du får en kode på mobilen\n\n\
## Sett inn kortet {#smartkort}\n\nSett kortet i leseren **før** du velger.\n\n[Videre](#ferdig)\n\n\
## Kode på SMS {#sms}\n\nSe [smartkort](#smartkort) og <b>rå</b> HTML.\n\n[Videre](#ferdig)\n\n\
## Du er logget inn {#ferdig .end}\n\nFerdig.\n";

    fn mrs() -> Guide {
        let (guide, findings) = parse(&Source::new("mrs.nb.md", MRS));
        assert!(findings.is_empty(), "{findings:?}");
        guide
    }

    #[test]
    fn every_level_two_heading_is_a_step_with_its_id() {
        let ids: Vec<_> = mrs().steps.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids, ["har-kort", "smartkort", "sms", "ferdig"]);
    }

    #[test]
    fn a_list_of_step_links_is_a_question_with_labels_and_hints() {
        let guide = mrs();
        let choices: Vec<_> = guide.steps[0].choices().collect();
        assert_eq!(choices.len(), 2);
        assert_eq!(choices[0].label, "Ja, jeg har smartkort");
        assert_eq!(choices[0].target, Target::Step("smartkort".into()));
        assert_eq!(choices[1].hint, "du får en kode på mobilen");
        assert!(guide.steps[0].next().is_none());
    }

    #[test]
    fn a_paragraph_with_one_step_link_is_next_and_leaves_the_body() {
        let guide = mrs();
        let step = &guide.steps[1];
        assert_eq!(step.next().unwrap().target, Target::Step("ferdig".into()));
        assert!(!step.body.iter().any(|e| matches!(e, Event::Start(Tag::Link { .. }))));
    }

    #[test]
    fn links_inside_prose_are_inline_ways_and_raw_html_is_noted() {
        let guide = mrs();
        let sms = guide.step("sms").unwrap();
        assert!(sms.ways.iter().any(|w| w.kind == WayKind::Inline && w.target == Target::Step("smartkort".into())));
        assert_eq!(sms.raw_html.len(), 2);
    }

    #[test]
    fn end_class_marks_an_end_and_title_comes_from_front_matter() {
        let guide = mrs();
        assert!(guide.step("ferdig").unwrap().is_end());
        assert_eq!(guide.title, "Logg inn i MRS");
        assert_eq!(guide.lang, "nb");
        assert_eq!(guide.id, "mrs");
    }

    #[test]
    fn a_step_heading_without_id_is_reported_with_a_suggested_id() {
        let (guide, findings) = parse(&Source::new("x.nb.md", "---\ntitle: X\nlang: nb\n---\n## Før du går\n"));
        assert_eq!(guide.steps[0].id, "for-du-gar");
        assert_eq!(findings[0].to_string(), "x.nb.md:5:1: error: step `Før du går` has no id: end the heading with {#for-du-gar}");
    }

    #[test]
    fn a_check_block_becomes_the_steps_live_check_and_leaves_the_body() {
        let text = "---\ntitle: T\nlang: nb\n---\n## Sett inn kortet {#kort}\n\n```check\ncard: present\n```\n\n[Videre](#kort)\n";
        let (guide, findings) = parse(&Source::new("t.nb.md", text));
        assert!(findings.is_empty(), "{findings:?}");
        let step = &guide.steps[0];
        assert!(step.live.as_ref().unwrap().card_present);
        assert!(!step.body.iter().any(|e| matches!(e, Event::Start(Tag::CodeBlock(_)))));
    }

    #[test]
    fn key_value_heading_attributes_are_kept_beside_id_and_classes() {
        let (guide, findings) = parse(&Source::new("t.nb.md", "---\ntitle: T\nlang: nb\n---\n## PIN {#pin .end code=4}\n"));
        assert!(findings.is_empty(), "{findings:?}");
        let step = &guide.steps[0];
        assert_eq!((step.id.as_str(), step.is_end(), step.attr("code")), ("pin", true, Some("4")));
    }

    #[test]
    fn a_lang_that_contradicts_the_file_name_is_an_error() {
        let (_, findings) = parse(&Source::new("mrs.nb.md", "---\ntitle: T\nlang: sv\n---\n## A {#a .end}\n"));
        assert_eq!(findings[0].to_string(), "mrs.nb.md:3:1: error: `lang: sv` does not match the file name, which says `nb`");
    }

    #[test]
    fn link_targets_are_classified() {
        assert_eq!(Target::parse("#a"), Target::Step("a".into()));
        assert_eq!(
            Target::parse("hjemmekontor.nb.md#registrer"),
            Target::Guide { guide: "hjemmekontor".into(), step: Some("registrer".into()) }
        );
        assert_eq!(Target::parse("webcert.md"), Target::Guide { guide: "webcert".into(), step: None });
        assert_eq!(Target::parse("https://helseregister.no"), Target::External("https://helseregister.no".into()));
        assert_eq!(Target::parse("tel:+4700000000"), Target::External("tel:+4700000000".into()));
        assert_eq!(Target::parse("JavaScript:alert(1)"), Target::Unsafe("JavaScript:alert(1)".into()));
        assert_eq!(Target::parse("data:text/html,x"), Target::Unsafe("data:text/html,x".into()));
        assert_eq!(Target::parse("bilder/kort.png"), Target::File("bilder/kort.png".into()));
    }
}
