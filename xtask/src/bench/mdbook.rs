//! Veiviser beside mdBook, the documentation site people would otherwise use:
//! the shipped guides built as an mdBook (each guide a chapter, in its first
//! language), both sites on Debian's nginx with precompressed files, measured by
//! `tests/bench/side_by_side.mjs`.

use std::path::Path;
use std::process::Command;

use veiviser_guide::load;

use crate::command::{root, run, say};
use crate::nginx;
use crate::setup;

/// The mdBook release measured against (installed with `cargo install` if missing).
const MDBOOK_VERSION: &str = "0.4.52";

/// Installs (or checks for) mdBook.
pub fn provision() -> Result<(), String> {
    setup::cargo_install("mdbook", MDBOOK_VERSION, true, "mdBook, which the site is measured against")
}

/// Builds the guides with mdBook and prints both sites' first-step figures.
pub fn side_by_side(site: &Path) -> Result<(), String> {
    provision()?;
    let book = root().join("target/bench-mdbook");
    let _ = std::fs::remove_dir_all(&book);
    let src = book.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot create {}: {e}", src.display()))?;
    let content = root().join("content");
    let index_text = std::fs::read_to_string(content.join(load::INDEX)).map_err(|e| format!("cannot read the guide index: {e}"))?;
    let index = load::index(index_text).map_err(|f| f.to_string())?;
    let mut summary = String::from("# Summary\n\n");
    for entry in &index.guides {
        let lang = entry.languages.first().ok_or_else(|| format!("guide `{}` lists no languages", entry.id))?;
        let file = entry.file(lang);
        std::fs::copy(content.join(&file), src.join(format!("{}.md", entry.id)))
            .map_err(|e| format!("cannot copy {file}: {e}"))?;
        summary.push_str(&format!("- [{}]({}.md)\n", entry.text(&entry.title, lang), entry.id));
    }
    let write = |path: &Path, text: &str| std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()));
    write(&src.join("SUMMARY.md"), &summary)?;
    write(&book.join("book.toml"), "[book]\ntitle = \"Veiviser\"\nlanguage = \"nb\"\n")?;
    let mdbook = setup::cargo_bin().join("mdbook");
    run(Command::new(&mdbook).arg("build").arg(&book), "mdbook build")?;
    let html = book.join("book");
    crate::compress::precompress_tree(&html)?;
    say(&format!(
        "Veiviser beside mdBook {MDBOOK_VERSION}: the MRS guide's first step and a deep link, cold, alternating, timed by paint (several minutes)"
    ));
    let (ours, theirs) = (nginx::start(site)?, nginx::start(&html)?);
    // The same step on both sides, named by the heading the user ends up with:
    // the guide's start as the start page links it, an older deep link (sent on
    // by route.js) and the step's own page as the copy-link button gives it now.
    let pages = serde_json::json!([
        {
            "name": "MRS, first step",
            "veiviser": format!("{}nb/mrs/index.html", ours.url),
            "mdbook": format!("{}mrs.html", theirs.url),
            "heading": "Hvordan vil du logge på?",
        },
        {
            "name": "MRS, older deep link to the PIN step (guide.html?guide=mrs&step=pin&a=…)",
            "veiviser": format!("{}guide.html?guide=mrs&step=pin&a=hvordan.sett-inn-kort", ours.url),
            "mdbook": format!("{}mrs.html#pin", theirs.url),
            "heading": "Tast PIN-koden din",
        },
        {
            "name": "MRS, the PIN step's own page (nb/mrs/pin.html?a=…)",
            "veiviser": format!("{}nb/mrs/pin.html?a=hvordan.sett-inn-kort", ours.url),
            "mdbook": format!("{}mrs.html#pin", theirs.url),
            "heading": "Tast PIN-koden din",
        },
    ]);
    let result = run(
        Command::new("node")
            .arg("bench/side_by_side.mjs")
            .current_dir(root().join("tests"))
            .env("VEIVISER_URL", &ours.url)
            .env("BENCH_PAGES", pages.to_string()),
        "the benchmark beside mdBook",
    );
    ours.stop();
    theirs.stop();
    result
}
