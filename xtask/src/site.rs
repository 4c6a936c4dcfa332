//! Builds the deployable static site (dist/) with Trunk.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{root, run, say};
use crate::setup::Tools;

/// Where the built site goes.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The site's pages besides the start page (`app/index.html`, which also brings
/// the public files and content/): each has its own bundle, a binary of the app.
const OTHER_PAGES: [&str; 2] = ["guide.html", "tools.html"];

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
    for page in OTHER_PAGES {
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
    for page in OTHER_PAGES {
        copy_files(&staged(page), &dist_dir())?;
    }
    for page in ["index.html", OTHER_PAGES[0], OTHER_PAGES[1]] {
        check_no_inline_script(&dist_dir().join(page))?;
    }
    say(&format!("The site is in {}: copy it to any static web server", dist_dir().display()));
    Ok(())
}

/// `cargo build` of the app crate for the browser, as Trunk builds it; the caller
/// names the targets.
pub fn web_build(tools: &Tools) -> Command {
    let mut command = release(tools.wasm_command("cargo"));
    command.current_dir(root()).args(["build", "--quiet", "--target=wasm32-unknown-unknown", "--package=veiviser-app", "--profile=web"]);
    command
}

fn trunk(tools: &Tools) -> Command {
    let mut command = release(tools.wasm_command("trunk"));
    command.current_dir(root()).args(["build", "--release=true"]).env("NO_COLOR", "true");
    command
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
