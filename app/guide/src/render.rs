//! Turns a step's Markdown events into HTML for the view.
//!
//! Links are resolved by the caller (the app knows its URL scheme); raw HTML from
//! the content is shown as text, never injected.

use pulldown_cmark::{CowStr, Event, Tag};

use crate::model::guide::Target;

/// Renders `events` to HTML, letting `resolve` choose every link's and image's URL.
pub fn to_html(events: &[Event<'static>], resolve: &dyn Fn(&Target) -> String) -> String {
    let mapped = events.iter().map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: CowStr::from(resolve(&Target::parse(dest_url))),
            title: title.clone(),
            id: id.clone(),
        }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: CowStr::from(resolve(&Target::parse(dest_url))),
            title: title.clone(),
            id: id.clone(),
        }),
        // Content is trusted no further than its Markdown: raw HTML shows as text.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html.clone()),
        other => other.clone(),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, mapped);
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::parse;
    use crate::model::source::Source;

    fn body_html(markdown: &str) -> String {
        let text = format!("---\ntitle: T\nlang: nb\n---\n## S {{#s}}\n\n{markdown}\n");
        let (guide, _) = parse(&Source::new("t.nb.md", text));
        to_html(&guide.steps[0].body, &|target| match target {
            Target::Step(id) => format!("?step={id}"),
            Target::Unsafe(_) => "#".into(),
            Target::External(url) | Target::File(url) => url.clone(),
            Target::Guide { guide, .. } => format!("?guide={guide}"),
        })
    }

    #[test]
    fn step_links_in_prose_are_resolved_by_the_caller() {
        assert_eq!(body_html("Se [PIN](#pin)."), "<p>Se <a href=\"?step=pin\">PIN</a>.</p>\n");
    }

    #[test]
    fn raw_html_is_escaped_not_injected() {
        let html = body_html("Hei <script>alert(1)</script>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        assert_eq!(body_html("[x](javascript:alert(1))"), "<p><a href=\"#\">x</a></p>\n");
    }
}
