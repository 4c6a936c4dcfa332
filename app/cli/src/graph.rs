//! `veiviser graph`: one guide's flow as an SVG diagram, with each step's code.

use std::path::{Path, PathBuf};

use veiviser_guide::graph::{self, SvgOptions};
use veiviser_guide::model::code;
use veiviser_guide::{load, Place, Source};

/// What `veiviser graph` was asked to draw.
pub struct Request<'a> {
    pub dir: &'a Path,
    pub guide: &'a str,
    /// The language; `None`: the guide's first (source) language.
    pub lang: Option<&'a str>,
    /// The site's address, to make each step a link into it.
    pub link: Option<&'a str>,
}

/// The SVG of the requested guide, or why it cannot be drawn.
pub fn draw(request: &Request) -> Result<String, String> {
    let read = |name: &str| {
        let path: PathBuf = request.dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let index_text = read(load::INDEX)?;
    let index = load::index(index_text.clone()).map_err(|f| f.to_string())?;
    let entry = index.guide(request.guide).ok_or_else(|| {
        let known: Vec<&str> = index.guides.iter().map(|g| g.id.as_str()).collect();
        format!("no guide `{}` in index.json (there are: {})", request.guide, known.join(", "))
    })?;
    let lang = match request.lang {
        Some(lang) if entry.languages.iter().any(|l| l == lang) => lang,
        Some(lang) => {
            return Err(format!(
                "guide `{}` has no language `{lang}` (it has: {})",
                entry.id,
                entry.languages.join(", ")
            ))
        }
        None => entry
            .languages
            .first()
            .map(String::as_str)
            .ok_or_else(|| format!("guide `{}` lists no languages", entry.id))?,
    };
    let file = entry.file(lang);
    let (loaded, findings) = load::guide(&index, &Source::new(load::INDEX, index_text), entry, Source::new(file.clone(), read(&file)?));
    let guide = loaded.guide;
    // A guide with mistakes is still drawn (the drawing helps to find them), but say so.
    for finding in &findings {
        eprintln!("{finding}");
    }
    let layout = graph::layout(&guide, &entry.start);
    let numbers = code::Numbers::of(&guide);
    let prefix = code::prefix(entry);
    let code = |id: &str| numbers.number(id).map(|n| format!("{prefix}-{n}"));
    let base = request.link.unwrap_or_default();
    let link = |id: &str| {
        let place = Place::step(&entry.id, Some(id));
        format!("{base}{}{}", place.bundle().file(), place.to_query())
    };
    let options = SvgOptions {
        link: request.link.is_some().then_some(&link as graph::svg::LinkFn),
        code: Some(&code),
        start: Some(&entry.start),
        legend: true,
        words: None,
    };
    Ok(graph::svg(&layout, &guide, &options))
}
