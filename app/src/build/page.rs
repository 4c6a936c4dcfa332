//! A page of the built site as a file: the app's own HTML page as Trunk wrote
//! it (`index.html`, `guide.html`), with the rendered page in its body, its
//! title and language, its links reaching the site folder from where it lies,
//! the organisation's colours, and what `start.js` needs to take it over.
//!
//! Every edit is made so that building again over a built page gives the same
//! file: the build's own lines carry [`MARK`] and are replaced, never added twice.

use veiviser_guide::site::settings::PRODUCT_NAME;

/// Marks the lines the build adds to a page's head.
const MARK: &str = "data-veiviser-build";

/// The stylesheet with the organisation's colours, in the site folder.
pub const THEME: &str = "theme.css";

/// The stylesheet a built page loads only without JavaScript (public/noscript.css):
/// it removes what only the app fills in, such as the live panel's reserved box.
pub const NO_SCRIPT: &str = "noscript.css";

/// What goes into one page.
pub struct Page<'a> {
    /// Folders below the site folder (`nb/mrs/pin.html`: 2).
    pub depth: usize,
    /// The interface language (`<html lang>`).
    pub lang: &'a str,
    pub title: &'a str,
    /// The rendered page (the frame and its `<main>`); `None` leaves the body as it is.
    pub body: Option<&'a str>,
    /// The guide file the page shows, for `start.js` to fetch ahead (`content/mrs.nb.md`).
    pub guide_file: Option<&'a str>,
    /// The stamp of the files the page was built from.
    pub stamp: Option<&'a str>,
    /// The redirect of older links (`route.js` with its data), on the pages that get them.
    pub route: Option<Route<'a>>,
}

impl<'a> Page<'a> {
    /// A page the app draws itself, `depth` folders down, in `lang`: no body
    /// rendered at build time, no stamp, no redirect of older links.
    pub fn app_drawn(depth: usize, lang: &'a str) -> Page<'a> {
        Page { depth, lang, title: PRODUCT_NAME, body: None, guide_file: None, stamp: None, route: None }
    }
}

/// What `route.js` needs: the default language and the pages written, by guide.
pub struct Route<'a> {
    pub default_lang: &'a str,
    /// `{"mrs":["hvordan","pin",…],…}`
    pub pages_json: &'a str,
}

/// Checks that `template` is an HTML page of the app that pages can be made from.
pub fn check(template: &str) -> Result<(), String> {
    let page = Page { depth: 0, lang: "nb", title: "", body: Some(""), guide_file: None, stamp: None, route: None };
    write(template, &page).map(|_| ())
}

/// `template` (an HTML page of the app) made into `page`.
pub fn write(template: &str, page: &Page) -> Result<String, String> {
    let body_at = template.find("<body").ok_or("the page has no <body>")?;
    let (head, rest) = template.split_at(body_at);
    if !head.contains("data-js=") {
        return Err("the page has no start.js script with data-js (is it a page Trunk built for Veiviser?)".into());
    }
    let mut head: String = head.lines().filter(|line| !line.contains(MARK)).map(|line| format!("{line}\n")).collect();
    head = set_html_lang(&head, page.lang);
    head = set_between(&head, "<title>", "</title>", &escape(page.title))?;
    head = start_script(&head, page);
    if let Some(route) = &page.route {
        let line = format!(
            "  <script src=\"route.js\" {MARK} data-default-lang=\"{}\" data-pages=\"{}\"></script>\n",
            escape(route.default_lang),
            escape(route.pages_json)
        );
        head = insert_after_line(&head, "<meta charset", &line);
    }
    // On a line of its own (Trunk ends the head with its links on one line, which must stay).
    let at = head.find("</head>").ok_or("the page has no </head>")?;
    let newline = if head[..at].ends_with('\n') { "" } else { "\n" };
    head.insert_str(at, &format!("{newline}  <link rel=\"stylesheet\" href=\"{THEME}\" {MARK}>\n"));
    if page.body.is_some() {
        head = without_app_preloads(&head);
        let at = head.find("</head>").ok_or("the page has no </head>")?;
        head.insert_str(at, &format!("  <noscript><link rel=\"stylesheet\" href=\"{NO_SCRIPT}\" {MARK}></noscript>\n"));
    }
    if page.depth > 0 {
        head = relative(&head, &"../".repeat(page.depth));
    }
    let rest = match page.body {
        None => rest.to_owned(),
        Some(body) => format!("<body>\n<div class=\"page\" id=\"{}\">{body}</div>\n</body>\n</html>\n", crate::browser::takeover::BUILT),
    };
    Ok(format!("{head}{rest}"))
}

/// `head` without Trunk's preloads of the app's JavaScript and WebAssembly: on
/// a built page they would share the line with the stylesheets the first paint
/// waits for, and `start.js` asks for the app once the page is painted.
fn without_app_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(at) = rest.find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |end| at + end + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if !(tag.contains("rel=\"modulepreload\"") || tag.contains("type=\"application/wasm\"")) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.lines().filter(|line| !line.trim().is_empty()).map(|line| format!("{line}\n")).collect()
}

fn set_html_lang(head: &str, lang: &str) -> String {
    let Some(start) = head.find("<html") else { return head.to_owned() };
    let Some(end) = head[start..].find('>') else { return head.to_owned() };
    format!("{}<html lang=\"{}\">{}", &head[..start], escape(lang), &head[start + end + 1..])
}

fn set_between(text: &str, open: &str, close: &str, value: &str) -> Result<String, String> {
    let start = text.find(open).ok_or_else(|| format!("the page has no {open}"))? + open.len();
    let end = start + text[start..].find(close).ok_or_else(|| format!("the page has no {close}"))?;
    Ok(format!("{}{value}{}", &text[..start], &text[end..]))
}

fn insert_after_line(text: &str, containing: &str, line: &str) -> String {
    match text.find(containing).and_then(|at| text[at..].find('\n').map(|end| at + end + 1)) {
        Some(at) => format!("{}{line}{}", &text[..at], &text[at..]),
        None => format!("{line}{text}"),
    }
}

/// The start.js tag with the page's data (`data-root`, `data-guide-file`, `data-stamp`), old data dropped.
fn start_script(head: &str, page: &Page) -> String {
    let Some(at) = head.find("data-js=") else { return head.to_owned() };
    let tag_start = head[..at].rfind("<script").unwrap_or(at);
    let tag_end = at + head[at..].find('>').unwrap_or(0);
    let mut tag = head[tag_start..tag_end].to_owned();
    for name in ["data-root", "data-guide-file", "data-stamp"] {
        if let Some(attr) = tag.find(&format!(" {name}=\"")) {
            let value_end = tag[attr + name.len() + 3..].find('"').map_or(tag.len(), |end| attr + name.len() + 4 + end);
            tag.replace_range(attr..value_end, "");
        }
    }
    let mut data = format!(" data-root=\"{}\"", "../".repeat(page.depth));
    if let Some(file) = page.guide_file {
        data.push_str(&format!(" data-guide-file=\"{}\"", escape(file)));
    }
    if let Some(stamp) = page.stamp {
        data.push_str(&format!(" data-stamp=\"{}\"", escape(stamp)));
    }
    format!("{}{tag}{data}{}", &head[..tag_start], &head[tag_end..])
}

/// Every relative `href`, `src`, `data-js` and `data-wasm` reaching the site folder from `up` (`../../`).
fn relative(head: &str, up: &str) -> String {
    let mut out = head.to_owned();
    for attr in ["href=\"", "src=\"", "data-js=\"", "data-wasm=\""] {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(attr) {
            let value_start = at + attr.len();
            let value = &rest[value_start..];
            // `data-src=` and the like are other attributes: only whole names count.
            let whole = at == 0 || rest[..at].ends_with(char::is_whitespace);
            result.push_str(&rest[..value_start]);
            let local = !(value.starts_with('/') || value.starts_with('#') || value.split('"').next().unwrap_or("").contains(':'));
            if whole && local {
                result.push_str(up);
                rest = value.strip_prefix("./").unwrap_or(value);
            } else {
                rest = value;
            }
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// `text` safe inside HTML text and quoted attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>Veiviser</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="preload" href="content/index.json" as="fetch" crossorigin="anonymous">
  <script type="module" src="./start.js" data-js="./guide-1.js" data-wasm="./guide-1_bg.wasm"></script>
  <link rel="stylesheet" href="./style-2.css" integrity="sha384-x"/>
<link rel="modulepreload" href="./guide-1.js" crossorigin="anonymous"></head>
<body>
  <noscript>Veiviser trenger JavaScript.</noscript>
</body>
</html>
"#;

    fn step_page<'a>(body: &'a str, stamp: &'a str) -> Page<'a> {
        Page {
            depth: 2,
            lang: "sv",
            title: "PIN – MRS – Veiviser",
            body: Some(body),
            guide_file: Some("content/mrs.nb.md"),
            stamp: Some(stamp),
            route: None,
        }
    }

    #[test]
    fn a_step_page_reaches_the_site_folder_from_two_folders_down() {
        let html = write(TEMPLATE, &step_page("<main>PIN</main>", "1.2.3")).unwrap();
        assert!(html.contains(r#"<html lang="sv">"#), "{html}");
        assert!(html.contains("<title>PIN – MRS – Veiviser</title>"), "{html}");
        assert!(html.contains(r#"href="../../favicon.svg""#), "{html}");
        assert!(html.contains(r#"href="../../content/index.json""#), "{html}");
        assert!(html.contains(r#"src="../../start.js" data-js="../../guide-1.js" data-wasm="../../guide-1_bg.wasm" data-root="../../" data-guide-file="content/mrs.nb.md" data-stamp="1.2.3""#), "{html}");
        assert!(html.contains(r#"href="../../style-2.css""#), "{html}");
        assert!(html.contains(r#"<link rel="stylesheet" href="../../theme.css""#), "{html}");
        assert!(html.contains(r#"<div class="page" id="veiviser-built"><main>PIN</main></div>"#), "{html}");
        assert!(!html.contains("Veiviser trenger JavaScript"), "a built page works without JavaScript: {html}");
        assert!(html.contains(r#"<noscript><link rel="stylesheet" href="../../noscript.css""#), "{html}");
        assert!(!html.contains("modulepreload"), "the app is asked for once the page is painted: {html}");
        assert!(html.contains("</head>"), "{html}");
    }

    #[test]
    fn the_apps_own_page_keeps_its_preloads() {
        let html = write(TEMPLATE, &Page { body: None, guide_file: None, stamp: None, ..step_page("", "") }).unwrap();
        assert!(html.contains(r#"<link rel="modulepreload" href="../../guide-1.js""#), "{html}");
    }

    #[test]
    fn building_over_a_built_page_gives_the_same_file() {
        let page = Page { depth: 0, route: Some(Route { default_lang: "nb", pages_json: r#"{"mrs":["pin"]}"# }), ..step_page("<main>A</main>", "1") };
        let once = write(TEMPLATE, &page).unwrap();
        let twice = write(&once, &page).unwrap();
        assert_eq!(once, twice);
        assert_eq!(once.matches("route.js").count(), 1);
        assert!(once.contains(r#"data-pages="{&quot;mrs&quot;:[&quot;pin&quot;]}""#), "{once}");
        let changed = write(&once, &Page { stamp: Some("2"), ..page }).unwrap();
        assert!(changed.contains(r#"data-stamp="2""#) && !changed.contains(r#"data-stamp="1""#), "{changed}");
    }

    #[test]
    fn titles_are_escaped() {
        let html = write(TEMPLATE, &Page { title: "<b>&</b>", ..step_page("", "") }).unwrap();
        assert!(html.contains("<title>&lt;b&gt;&amp;&lt;/b&gt;</title>"), "{html}");
    }

    #[test]
    fn a_file_that_is_not_the_apps_page_is_refused() {
        assert!(write("<html><head></head><body></body></html>", &step_page("", "")).is_err());
    }
}
