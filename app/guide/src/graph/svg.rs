//! Writes a [`Layout`] as a standalone, accessible SVG.
//!
//! Only presentation attributes (`fill`, `stroke`, `font-size`, ...), never a
//! `style` attribute or element: the site's Content Security Policy forbids inline
//! styles. Kinds of step differ in shape as well as colour: an end is fully rounded
//! with a thick border, a step with a live check has a double border, the start a
//! thick square border; an exit to another guide is dashed, as are ways back up.

use std::fmt::Write;

use super::{Edge, Layout, Node, NodeKind};
use crate::model::guide::{Guide, WayKind};

/// The address of a step, by its id.
pub type LinkFn<'a> = &'a dyn Fn(&str) -> String;
/// A short text for a step, by its id (`None`: nothing).
pub type CodeFn<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What to add to the drawing besides the layout.
#[derive(Default)]
pub struct SvgOptions<'a> {
    /// The address a step's node links to; `None`: no links.
    pub link: Option<LinkFn<'a>>,
    /// A short code shown in each step's node (the helpdesk code, `MRS-186`).
    pub code: Option<CodeFn<'a>>,
    /// The step the layout started from (drawn with a thick border).
    pub start: Option<&'a str>,
    /// Draw a key to the shapes above the diagram.
    pub legend: bool,
    /// The words of the key, the titles and the description (`None`: English).
    pub words: Option<&'a Words>,
}

/// The words a diagram speaks, so the site can draw it in the reader's language.
pub struct Words {
    pub step: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub checks_card: &'static str,
    pub back: &'static str,
    /// The diagram's description; `{steps}`, `{ways}` and `{layers}` are filled in.
    pub description: &'static str,
}

impl Words {
    /// The diagram in English (`veiviser graph`).
    pub const ENGLISH: Words = Words {
        step: "step",
        start: "start",
        end: "end",
        checks_card: "checks the card",
        back: "back to an earlier step",
        description: "{steps} steps and {ways} ways in {layers} layers, from the top down. \
                      Rounded boxes are ends, double borders check the card, dashed lines lead back.",
    };
}

/// Height of the band above the diagram that holds the key.
const LEGEND_HEIGHT: f32 = 40.0;
/// Characters per line of a node's title, and of an answer's label (at their font sizes).
const TITLE_CHARS: usize = 25;
const LABEL_CHARS: usize = 22;

/// The SVG document of `layout`, a diagram of `guide`.
pub fn svg(layout: &Layout, guide: &Guide, options: &SvgOptions) -> String {
    let words = options.words.unwrap_or(&Words::ENGLISH);
    let top = if options.legend { LEGEND_HEIGHT } else { 0.0 };
    let (w, h) = (layout.width.ceil(), (layout.height + top).ceil());
    let mut out = String::with_capacity(400 * (layout.nodes.len() + layout.edges.len()));
    let ways = layout.edges.len();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"graph-title graph-desc\" font-family=\"sans-serif\">\n\
         <title id=\"graph-title\">{}</title>\n<desc id=\"graph-desc\">{}</desc>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#444\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
        esc(&guide.title),
        esc(&words
            .description
            .replace("{steps}", &guide.steps.len().to_string())
            .replace("{ways}", &ways.to_string())
            .replace("{layers}", &layout.layers.to_string())),
    );
    if options.legend {
        legend(&mut out, words);
    }
    let _ = writeln!(out, "<g transform=\"translate(0 {top})\">");
    for edge in &layout.edges {
        write_edge(&mut out, edge, layout, guide);
    }
    for node in &layout.nodes {
        write_node(&mut out, node, guide, options);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn write_edge(out: &mut String, edge: &Edge, layout: &Layout, guide: &Guide) {
    let way = &guide.steps[edge.step].ways[edge.way];
    let name = |n: usize| match &layout.nodes[n].kind {
        NodeKind::Step(s) => guide.steps[*s].title.clone(),
        NodeKind::Exit { guide, step } => exit_label(guide, step.as_deref()),
    };
    let what = if way.label.is_empty() { String::new() } else { format!(": {}", way.label) };
    let _ = write!(
        out,
        "<g class=\"edge\"><title>{} → {}{}</title>",
        esc(&name(edge.from)),
        esc(&name(edge.to)),
        esc(&what)
    );
    let d: String = edge
        .points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x, y))
        .collect();
    let dash = if edge.back { " stroke-dasharray=\"6 4\"" } else { "" };
    let _ = write!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.4\"{dash} marker-end=\"url(#arrow)\"/>"
    );
    if way.kind == WayKind::Choice && edge.points.len() >= 2 {
        // On the first segment, towards its far end where siblings have fanned out,
        // staggered by the answer's place so neighbours sit at different heights.
        let siblings = guide.steps[edge.step].choices().count().max(1);
        let rank = guide.steps[edge.step].ways[..edge.way].iter().filter(|w| w.kind == WayKind::Choice).count();
        let t = if siblings == 1 { 0.5 } else { 0.5 + 0.35 * rank as f32 / (siblings - 1) as f32 };
        let ((x0, y0), (x1, y1)) = (edge.points[0], edge.points[1]);
        let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + 4.0);
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#222\" \
             stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            esc(&cut(&way.label, LABEL_CHARS))
        );
    }
    out.push_str("</g>\n");
}

fn write_node(out: &mut String, node: &Node, guide: &Guide, options: &SvgOptions) {
    let (x, y, w, h) = (node.x, node.y, node.width, node.height);
    let (id, title, kind) = match &node.kind {
        NodeKind::Exit { guide: other, step } => {
            let label = exit_label(other, step.as_deref());
            let _ = write!(
                out,
                "<g class=\"exit\"><title>{t}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w}\" height=\"{h}\" rx=\"6\" \
                 fill=\"#f5f5f5\" stroke=\"#666\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                t = esc(&label)
            );
            write_title(out, node, &label);
            out.push_str("</g>\n");
            return;
        }
        NodeKind::Step(s) => {
            let step = &guide.steps[*s];
            let kind = if step.is_end() {
                "end"
            } else if step.live.is_some() {
                "live"
            } else if options.start == Some(step.id.as_str()) {
                "start"
            } else {
                "step"
            };
            (step.id.as_str(), step.title.as_str(), kind)
        }
    };
    let words = options.words.unwrap_or(&Words::ENGLISH);
    let note = match kind {
        "end" => format!(" ({})", words.end),
        "live" => format!(" ({})", words.checks_card),
        "start" => format!(" ({})", words.start),
        _ => String::new(),
    };
    let _ = write!(
        out,
        "<g class=\"node\" id=\"step-{}\" data-kind=\"{kind}\"><title>{}{}</title>",
        esc(id),
        esc(title),
        esc(&note)
    );
    let link = options.link.map(|link| link(id));
    if let Some(href) = &link {
        let _ = write!(out, "<a href=\"{}\">", esc(href));
    }
    let rect = |out: &mut String, inset: f32, rx: f32, fill: &str, stroke_width: f32| {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"{stroke_width}\"/>",
            x + inset,
            y + inset,
            w - 2.0 * inset,
            h - 2.0 * inset
        );
    };
    match kind {
        "end" => rect(out, 0.0, h / 2.0, "#e6f4ea", 3.0),
        "live" => {
            rect(out, 0.0, 6.0, "#e3efff", 1.5);
            rect(out, 4.0, 3.0, "none", 1.5);
        }
        "start" => rect(out, 0.0, 2.0, "#fff8d6", 3.0),
        _ => rect(out, 0.0, 6.0, "#ffffff", 1.5),
    }
    write_title(out, node, title);
    if let Some(code) = options.code.and_then(|code| code(id)) {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            x + w - 10.0,
            y + h - 7.0,
            esc(&code)
        );
    }
    if link.is_some() {
        out.push_str("</a>");
    }
    out.push_str("</g>\n");
}

/// The title in at most two lines, cut with "…" (the whole title is in `<title>`).
fn write_title(out: &mut String, node: &Node, title: &str) {
    let lines = wrap(title, TITLE_CHARS, 2);
    let cx = node.x + node.width / 2.0;
    let first = node.y + if lines.len() == 1 { 25.0 } else { 19.0 };
    let _ = write!(out, "<text x=\"{cx:.1}\" y=\"{first:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#111\">");
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { 15.0 };
        let _ = write!(out, "<tspan x=\"{cx:.1}\" dy=\"{dy}\">{}</tspan>", esc(line));
    }
    out.push_str("</text>");
}

fn legend(out: &mut String, words: &Words) {
    let items: [(&str, f32, f32, bool, &str); 4] = [
        (words.step, 6.0, 1.5, false, "#ffffff"),
        (words.start, 2.0, 3.0, false, "#fff8d6"),
        (words.end, 11.0, 3.0, false, "#e6f4ea"),
        (words.checks_card, 6.0, 1.5, true, "#e3efff"),
    ];
    out.push_str("<g class=\"legend\" font-size=\"11\" fill=\"#222\">");
    let mut x = 24.0;
    for (label, rx, sw, double, fill) in items {
        let _ = write!(out, "<rect x=\"{x}\" y=\"10\" width=\"34\" height=\"22\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"{sw}\"/>");
        if double {
            let _ = write!(out, "<rect x=\"{}\" y=\"13\" width=\"28\" height=\"16\" rx=\"3\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>", x + 3.0);
        }
        let _ = write!(out, "<text x=\"{}\" y=\"25\">{}</text>", x + 42.0, esc(label));
        x += 56.0 + 6.5 * label.chars().count() as f32;
    }
    let _ = writeln!(
        out,
        "<path d=\"M{x},21L{},21\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.4\" stroke-dasharray=\"6 4\" marker-end=\"url(#arrow)\"/>\
         <text x=\"{}\" y=\"25\">{}</text></g>",
        x + 34.0,
        x + 42.0,
        esc(words.back)
    );
}

fn exit_label(guide: &str, step: Option<&str>) -> String {
    match step {
        Some(step) => format!("→ {guide}#{step}"),
        None => format!("→ {guide}"),
    }
}

/// Greedy word wrap into at most `max_lines` lines of `width` characters; what does
/// not fit ends in "…".
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            if lines.len() + 1 == max_lines {
                let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
                lines.push(cut(&format!("{line} {}", rest.join(" ")), width));
                return lines;
            }
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(cut(&line, width));
    }
    lines
}

/// `text` cut to `width` characters, ending in "…" when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let kept: String = text.chars().take(width - 1).collect();
    format!("{}…", kept.trim_end())
}

/// Escapes text for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::layout;
    use crate::model::guide::parse;
    use crate::model::source::Source;

    fn drawn(options: &SvgOptions) -> String {
        let text =
            "---\ntitle: Kort & PIN\nlang: nb\n---\n## Har du kort? {#a}\n\n- [Ja](#b)\n- [Nei & «ikke»](#c)\n\n\
                    ## Sett inn kortet {#b}\n\n```check\ncard: present\n```\n\n[Videre](#c)\n\n## Ferdig {#c .end}\n";
        let guide = parse(&Source::new("g.nb.md", text)).0;
        svg(&layout(&guide, "a"), &guide, options)
    }

    #[test]
    fn the_svg_has_a_title_a_node_per_step_and_an_edge_per_way() {
        let svg = drawn(&SvgOptions::default());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        assert!(svg.contains("<title id=\"graph-title\">Kort &amp; PIN</title>"));
        assert_eq!(svg.matches("class=\"node\"").count(), 3);
        assert_eq!(svg.matches("class=\"edge\"").count(), 3);
        assert!(svg.contains(">Nei &amp; «ikke»</text>"), "answers are labelled and escaped");
        assert!(svg.contains("marker-end=\"url(#arrow)\""));
    }

    #[test]
    fn ends_and_live_checks_differ_in_shape_not_only_colour() {
        let svg = drawn(&SvgOptions::default());
        let node =
            |id: &str| svg.split(&format!("id=\"step-{id}\"")).nth(1).unwrap().split("</g>").next().unwrap().to_owned();
        assert!(node("c").contains("data-kind=\"end\"") && node("c").contains("rx=\"26\""), "{}", node("c"));
        assert_eq!(node("b").matches("<rect").count(), 2, "a live check has a double border");
        assert!(node("b").contains("<title>Sett inn kortet (checks the card)</title>"));
    }

    #[test]
    fn the_key_titles_and_description_speak_the_words_given() {
        let norsk = Words {
            step: "steg",
            start: "start",
            end: "slutt",
            checks_card: "sjekker kortet",
            back: "tilbake til et tidligere steg",
            description: "{steps} steg og {ways} veier",
        };
        let svg = drawn(&SvgOptions { legend: true, words: Some(&norsk), ..SvgOptions::default() });
        assert!(svg.contains(">sjekker kortet</text>") && svg.contains(">tilbake til et tidligere steg</text>"), "{svg}");
        assert!(svg.contains("<title>Sett inn kortet (sjekker kortet)</title>"));
        assert!(svg.contains("<desc id=\"graph-desc\">3 steg og"), "{svg}");
        assert!(!svg.contains("checks the card") && !svg.contains("back to an earlier step"));
    }

    #[test]
    fn no_inline_styles_because_the_policy_forbids_them() {
        let svg = drawn(&SvgOptions { legend: true, ..SvgOptions::default() });
        assert!(!svg.contains("style"), "{svg}");
    }

    #[test]
    fn steps_link_and_show_their_code_when_asked() {
        let link = |id: &str| format!("?guide=g&step={id}");
        let code = |id: &str| Some(format!("G-{}", id.len()));
        let svg = drawn(&SvgOptions { link: Some(&link), code: Some(&code), start: Some("a"), legend: false, words: None });
        assert!(svg.contains("<a href=\"?guide=g&amp;step=b\">"));
        assert!(svg.contains(">G-1</text>"));
        assert!(svg.contains("id=\"step-a\" data-kind=\"start\""));
    }

    #[test]
    fn long_titles_wrap_into_two_lines_and_are_cut() {
        assert_eq!(wrap("Kort tittel", 25, 2), ["Kort tittel"]);
        let lines = wrap("Gi spesielle rettigheter til pasienter som ikke har intern fastlege", 25, 2);
        assert_eq!(lines, ["Gi spesielle rettigheter", "til pasienter som ikke h…"]);
        assert_eq!(cut("Ja, jeg har et smartkort", 10), "Ja, jeg h…");
    }
}
