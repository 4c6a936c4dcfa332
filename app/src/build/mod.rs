//! `veiviser build`: every step of every guide, in every language, written to
//! HTML by the app's own views, beside the app in the site folder, so a step is
//! on screen before the WebAssembly arrives (the app then takes it over:
//! [`crate::browser::takeover`]).
//!
//! The site folder is read as the browser reads it (`content/index.json`,
//! `settings.json`, the guide files, the app's `index.html` and `guide.html`),
//! and the pages go beside them: `nb/index.html`, `nb/mrs/index.html` (the
//! guide's start), `nb/mrs/pin.html`, …, the root `index.html` in the default
//! language, and `theme.css` with the organisation's colours. Native only: the
//! browser layer's stand-ins render what only a browser knows (the hour, the
//! helper) as the neutral state the app starts from.

pub mod kept;
pub mod page;
mod render;
pub mod stamp;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use veiviser_guide::site::settings::PRODUCT_NAME;
use veiviser_guide::Source;
use veiviser_guide::{journey, load, Finding, Lang, Place};

use crate::browser::fetch::Failed;
use crate::content::{LoadedGuide, Problem, Site, SETTINGS};
use page::{Page, Route, THEME};

/// Marks a language folder as the build's own: it is written anew each time.
const OWN_FOLDER: &str = ".veiviser-build";

/// What a build wrote, and what kept a guide out.
#[derive(Debug, Default)]
pub struct Built {
    pub pages: usize,
    /// Pages an earlier build wrote that this one did not (a step or guide gone,
    /// or a guide with errors), kept as pages the app draws: [`kept`].
    pub kept: Vec<String>,
    /// Mistakes found: in the settings (their defaults were used) and in guides
    /// (with an error, a guide's step pages are not written).
    pub findings: Vec<Finding>,
}

/// Builds the pages of the site in `dir`.
pub fn build(dir: &Path) -> Result<Built, String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()));
    let index_text = read(&format!("content/{}", load::INDEX))?;
    let settings_text = match std::fs::read_to_string(dir.join(SETTINGS)) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Failed::Status(404, "Not Found".into())),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.join(SETTINGS).display())),
    };
    let stamp_settings = settings_text.clone().unwrap_or_default();
    let site = Site::read(index_text.clone(), settings_text).map_err(|problem| describe(&problem))?;
    let guide_template = read("guide.html")?;
    let tools_template = read("tools.html")?;
    let start_template = read("index.html")?;
    // The templates and every folder are checked before any page is removed: a
    // refusal leaves the site as it was.
    for (name, template) in [("guide.html", &guide_template), ("tools.html", &tools_template), ("index.html", &start_template)] {
        page::check(template).map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
    }
    for lang in Lang::ALL {
        check_own_folder(&dir.join(lang.code()))?;
    }
    let earlier: Vec<Vec<kept::Earlier>> = Lang::ALL.iter().map(|lang| kept::earlier_pages(dir, *lang)).collect::<Result<_, _>>()?;
    for (lang, earlier) in Lang::ALL.iter().zip(&earlier) {
        let folder = dir.join(lang.code());
        clear_language_folder(&folder)?;
        std::fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        std::fs::write(folder.join(OWN_FOLDER), "Written by `veiviser build`: this folder is written anew each time.\n")
            .map_err(|e| format!("cannot write in {}: {e}", folder.display()))?;
        // Before any other page, so that a build that stops half-way still keeps them for the next.
        for page in earlier {
            write_file(dir, &page.path, page::write(&guide_template, &Page::app_drawn(page.depth, lang.code()))?)?;
        }
    }
    // A mistake in the settings is named as the site names it; its default is used.
    let mut built = Built { findings: site.settings_findings.clone(), ..Built::default() };
    // The steps with a page, by guide and language: route.js sends an older link
    // on only to a page written in every language, whichever language it picks.
    let mut pages: BTreeMap<String, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    let written = RefCell::new(BTreeSet::new());
    let write = |path: &str, html: String| -> Result<(), String> {
        written.borrow_mut().insert(path.to_owned());
        write_file(dir, path, html)
    };
    let start_stamp = stamp::stamp(&[&index_text, &stamp_settings]);
    for lang in Lang::ALL {
        let place = Place { lang: Some(lang), ..Place::start_page() };
        let body = render::start_page(&site, &place, lang);
        let page = Page { depth: 1, lang: lang.code(), title: PRODUCT_NAME, body: Some(&body), guide_file: None, stamp: Some(&start_stamp), route: None };
        write(&place.to_address(), page::write(&start_template, &page)?)?;
        built.pages += 1;
        for entry in &site.index.guides {
            let shown = entry.language_for(lang.code());
            let file = entry.file(shown);
            let start = Place { lang: Some(lang), ..Place::step(&entry.id, None) };
            // A guide that cannot be built keeps the page its links lead to: the
            // app draws it, with the checker's findings.
            let mut unbuilt = |findings: Vec<Finding>| -> Result<(), String> {
                for finding in findings {
                    if !built.findings.contains(&finding) {
                        built.findings.push(finding);
                    }
                }
                let Some(path) = start.page_path() else { return Ok(()) };
                write(&path, page::write(&guide_template, &Page::app_drawn(start.depth(), lang.code()))?)
            };
            let text = match read(&format!("content/{file}")) {
                Ok(text) => text,
                Err(message) => {
                    unbuilt(vec![Finding::error(&file, (1, 1), message)])?;
                    continue;
                }
            };
            let missing_lang = (shown != lang.code()).then_some(lang);
            let guide = match LoadedGuide::read(&site.index, &site.index_source, entry, Source::new(file.clone(), text.clone()), missing_lang) {
                Ok(guide) => Arc::new(guide),
                Err(Problem::Findings(findings)) => {
                    unbuilt(findings)?;
                    continue;
                }
                Err(problem) => return Err(describe(&problem)),
            };
            let guide_stamp = stamp::stamp(&[&index_text, &stamp_settings, &text]);
            let g = &guide.loaded.guide;
            let steps = g.steps.iter().map(|step| {
                let answers = journey::answers_to(g, &entry.start, &step.id).unwrap_or_default();
                Place { lang: Some(lang), ..Place::answered(&g.id, &step.id, &answers) }
            });
            for place in std::iter::once(start).chain(steps) {
                let Some(path) = place.page_path() else { continue };
                let Some((body, title)) = render::step_page(&site, &guide, &place, lang) else { continue };
                let page = Page {
                    depth: place.depth(),
                    lang: lang.code(),
                    title: &title,
                    body: Some(&body),
                    guide_file: Some(&format!("content/{file}")),
                    stamp: Some(&guide_stamp),
                    route: None,
                };
                write(&path, page::write(&guide_template, &page)?)?;
                built.pages += 1;
                if let Some(step) = &place.step {
                    pages.entry(g.id.clone()).or_default().entry(lang.code()).or_default().push(step.clone());
                }
            }
        }
    }
    // A step one language has and another lacks (a translation behind, or a
    // guide that could not be built) still gets a page in every language, which
    // the app draws: the language switcher's links lead to a page, not to a 404.
    for (guide, by_lang) in &pages {
        let every_step: std::collections::BTreeSet<&String> = by_lang.values().flatten().collect();
        for lang in Lang::ALL {
            for step in every_step.iter().filter(|step| !by_lang.get(lang.code()).is_some_and(|steps| steps.contains(step))) {
                let place = Place { lang: Some(lang), ..Place::step(guide, Some(step.as_str())) };
                let Some(path) = place.page_path() else { continue };
                write(&path, page::write(&guide_template, &Page::app_drawn(place.depth(), lang.code()))?)?;
            }
        }
    }
    // Written above and not since: kept for a link sent before. Not in route.js's
    // data: an older link to such a step stays on guide.html, which says the same.
    built.kept = earlier.into_iter().flatten().map(|page| page.path).filter(|path| !written.borrow().contains(path)).collect();
    let default = site.settings.default_language;
    let in_every_language: BTreeMap<&String, &Vec<String>> = pages
        .iter()
        .filter_map(|(guide, by_lang)| {
            let first = by_lang.get(Lang::Nb.code())?;
            let everywhere = Lang::ALL.iter().all(|lang| by_lang.get(lang.code()) == Some(first));
            everywhere.then_some((guide, first))
        })
        .collect();
    let pages_json = serde_json::to_string(&in_every_language).map_err(|e| e.to_string())?;
    let route = || Route { default_lang: default.code(), pages_json: &pages_json };
    let body = render::start_page(&site, &Place::start_page(), default);
    let root = Page { depth: 0, lang: default.code(), title: PRODUCT_NAME, body: Some(&body), guide_file: None, stamp: Some(&start_stamp), route: Some(route()) };
    write("index.html", page::write(&start_template, &root)?)?;
    // guide.html stays the app's own page (the whole guide, typed codes), sending
    // older links on; it and tools.html get the theme. They carry no stamp: the
    // app there links to places through guide.html, which knows the pages built.
    let guide = Page { route: Some(route()), ..Page::app_drawn(0, default.code()) };
    write("guide.html", page::write(&guide_template, &guide)?)?;
    write("tools.html", page::write(&tools_template, &Page::app_drawn(0, default.code()))?)?;
    write(THEME, theme(&site))?;
    built.pages += 1;
    Ok(built)
}

/// The organisation's colours as custom properties (`style.css` uses them; the
/// Content Security Policy allows no inline style, so they come as a file).
fn theme(site: &Site) -> String {
    format!(
        "/* Written by `veiviser build` from settings.json: edit that file. */\n:root {{ --brand: {}; --link: {}; }}\n",
        site.settings.brand, site.settings.link
    )
}

/// Refuses a language folder the build did not write: it is left, and named.
fn check_own_folder(folder: &Path) -> Result<(), String> {
    if folder.exists() && !folder.join(OWN_FOLDER).exists() {
        return Err(format!(
            "{} exists and was not written by `veiviser build`: move it away, since the pages of that language go there",
            folder.display()
        ));
    }
    Ok(())
}

/// Writes `html` to `path` in the site folder.
fn write_file(dir: &Path, path: &str, html: String) -> Result<(), String> {
    let file = dir.join(path);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&file, html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    // A compressed copy of the page before would be served in its place.
    for stale in ["gz", "br"] {
        let _ = std::fs::remove_file(dir.join(format!("{path}.{stale}")));
    }
    Ok(())
}

/// Removes a language folder the build wrote before (a step taken out of a guide
/// must not keep its built page; it gets one the app draws).
fn clear_language_folder(folder: &Path) -> Result<(), String> {
    if !folder.exists() {
        return Ok(());
    }
    std::fs::remove_dir_all(folder).map_err(|e| format!("cannot remove {}: {e}", folder.display()))
}

/// A problem of the site, as `veiviser check` would put it.
fn describe(problem: &Problem) -> String {
    match problem {
        Problem::Fetch { path, reason } => format!("cannot read {path}: {reason}"),
        Problem::UnknownGuide(id) => format!("no guide `{id}` in the index"),
        Problem::Findings(findings) => findings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
    }
}
