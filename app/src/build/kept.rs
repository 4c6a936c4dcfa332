//! The pages an earlier build wrote, kept when their step (or guide) is gone.
//!
//! A step renamed or taken out of a guide, a guide taken out of the index or
//! one with errors: the helpdesk may have sent links to its page
//! (`nb/mrs/pin.html`). Those pages stay, as pages the app draws; it opens the
//! guide and says the linked step is not in it (or that the guide is not
//! there, or what is wrong with it), so such a link is never a 404.

use std::path::Path;

use veiviser_guide::{Lang, Place};

/// A page found in a language folder, before the build clears it.
pub struct Earlier {
    /// Its path in the site folder (`nb/mrs/pin.html`).
    pub path: String,
    /// Folders below the site folder: the `../` its links need.
    pub depth: usize,
}

/// The guide and step pages in the language folder of `lang` (`nb/mrs/pin.html`,
/// a guide's `nb/mrs/index.html`), sorted. Only names a page of the site can
/// have: another file there (a copy, a name the app cannot read) is not a page
/// anyone was sent to.
pub fn earlier_pages(dir: &Path, lang: Lang) -> Result<Vec<Earlier>, String> {
    let mut pages = Vec::new();
    for guide in names(&dir.join(lang.code()))? {
        for file in names(&dir.join(lang.code()).join(&guide))? {
            let path = format!("{}/{guide}/{file}", lang.code());
            let place = Place::from_address(&path, "");
            if place.page_path().as_deref() == Some(path.as_str()) {
                pages.push(Earlier { depth: place.depth(), path });
            }
        }
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// The names in `folder` that are text (none if it is not a folder).
fn names(folder: &Path) -> Result<Vec<String>, String> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", folder.display())),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        if let Ok(name) = entry.file_name().into_string() {
            names.push(name);
        }
    }
    Ok(names)
}

/// What the build says of the pages it kept: how many, and the first few.
pub fn summary(kept: &[String]) -> String {
    const NAMED: usize = 5;
    let named = kept.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", ");
    match kept.len().saturating_sub(NAMED) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}
