//! Builds the deployable static site (dist/) with Trunk.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{cargo, root, run, say};
use crate::setup::Tools;

/// Where the built site goes.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The site's pages besides the start page, each with its own bundle (a binary of
/// the app): made from `app/index.html`, so the page head is written once.
const OTHER_PAGES: [(&str, &str); 2] = [("guide.html", "guide"), ("tools.html", "tools")];

/// Builds the web app for release and assembles dist/.
pub fn dist(tools: &Tools) -> Result<(), String> {
    say("Building the web app for the browser (wasm32, one bundle per page; the first build takes a few minutes)");
    // Trunk runs cargo offline; a plain build first fetches what build-std needs,
    // and builds the three bundles at once, sharing the library.
    run(web_build(tools).arg("--bins"), "building the web app")?;
    say("Assembling dist/ with Trunk");
    // Trunk replaces its whole output folder: the other pages go to folders of
    // their own first, and are added to dist/ once the start page's build is in.
    let staging = root().join("target/site");
    let staged = |page: &str| staging.join(page.trim_end_matches(".html"));
    for (page, bin) in OTHER_PAGES {
        write_page(page, bin)?;
        let out = staged(page);
        run(
            trunk(tools)
                .arg(Path::new("app").join(page))
                .arg(format!("--dist={}", out.display()))
                .arg(format!("--html-output={page}")),
            &format!("trunk build of {page}"),
        )?;
    }
    run(&mut trunk(tools), "trunk build of index.html")?;
    for (page, _) in OTHER_PAGES {
        copy_files(&staged(page), &dist_dir())?;
    }
    say("Writing every step's page with the app's own views (veiviser build)");
    run(cargo().current_dir(root()).args(["build", "--quiet", "-p", "veiviser"]), "building the veiviser command")?;
    run(Command::new(root().join("target/debug/veiviser")).arg("build").arg(dist_dir()), "veiviser build of dist/")?;
    for page in html_files(&dist_dir())? {
        check_no_inline_script(&page)?;
    }
    let written = crate::compress::precompress(&dist_dir())?;
    say(&format!(
        "Precompressed {} files: {} KB, {} KB gzip, {} KB brotli (content/ and settings.json stay editable, without copies)",
        written.files,
        written.bytes / 1000,
        written.gzip / 1000,
        written.brotli / 1000
    ));
    say(&format!("The site is in {}: copy it to any static web server", dist_dir().display()));
    Ok(())
}

/// Writes `app/<page>` (ignored by git) from `app/index.html`: the same head, the
/// bundle `bin`, and neither its comments nor the files its build copies.
fn write_page(page: &str, bin: &str) -> Result<(), String> {
    let index_path = root().join("app/index.html");
    let index = std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let start_bundle = "data-bin=\"veiviser-app\"";
    if !index.contains(start_bundle) {
        return Err(format!("{} has no `{start_bundle}` to make {page} from", index_path.display()));
    }
    let html: String = index
        .lines()
        .filter(|line| !line.contains("rel=\"copy-") && !line.trim_start().starts_with("<!--"))
        .map(|line| match line.trim_start().starts_with("<!DOCTYPE") {
            true => format!("{line}\n<!-- Made from app/index.html by `cargo xtask dist`: edit that file. -->\n"),
            false => format!("{}\n", line.replace(start_bundle, &format!("data-bin=\"{bin}\""))),
        })
        .collect();
    let path = root().join("app").join(page);
    std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo build` of the app crate for the browser, as Trunk builds it; the caller
/// names the targets.
pub fn web_build(tools: &Tools) -> Command {
    let mut command = release(tools.wasm_command("cargo"));
    command.current_dir(root()).args(["build", "--quiet", "--target=wasm32-unknown-unknown", "--package=veiviser-app", "--features=csr", "--profile=web"]);
    command
}

fn trunk(tools: &Tools) -> Command {
    let mut command = release(tools.wasm_command("trunk"));
    command.current_dir(root()).args(["build", "--release=true"]).env("NO_COLOR", "true");
    command
}

/// The HTML pages in `dir` and its folders.
fn html_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut pages = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            pages.extend(html_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    Ok(pages)
}

/// Copies the files (not folders) of `from` into `to`.
fn copy_files(from: &Path, to: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|e| format!("cannot copy {} to {}: {e}", entry.path().display(), to.display()))?;
        }
    }
    Ok(())
}

/// Flags that keep Debug formatting and panic locations out of the release bundle
/// (about 14 KB gzip of strings). They are unstable, hence RUSTC_BOOTSTRAP, which
/// the offline toolchain needs anyway. Both builds above must use the same flags.
fn release(mut command: Command) -> Command {
    command.env("RUSTC_BOOTSTRAP", "1").env("CARGO_ENCODED_RUSTFLAGS", "-Zfmt-debug=none\x1f-Zlocation-detail=none");
    command
}

/// The Content Security Policy allows no inline script; make sure none slipped in.
fn check_no_inline_script(index: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    for tag in html.split("<script").skip(1) {
        let open = tag.split('>').next().unwrap_or_default();
        if !open.contains("src=") {
            return Err(format!("{} has an inline <script>, which the Content Security Policy forbids", index.display()));
        }
    }
    Ok(())
}
