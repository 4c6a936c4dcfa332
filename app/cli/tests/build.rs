//! `veiviser build` on a site folder as an organisation has it: the pages it
//! writes, what a broken guide gets, and the folders it will not touch.

use std::path::{Path, PathBuf};
use std::process::Command;

/// An HTML page of the app as Trunk writes it (the start script with `data-js`).
const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>Veiviser</title>
  <script type="module" src="./start.js" data-js="./app.js" data-wasm="./app_bg.wasm"></script>
</head>
<body>
  <noscript>Veiviser trenger JavaScript.</noscript>
</body>
</html>
"#;

const INDEX: &str = r#"{"guides": [{"id": "g", "title": {"nb": "G", "sv": "G"}, "audience": {"nb": "Alle", "sv": "Alla"}, "languages": ["nb", "sv"], "start": "a", "support": [{"local_it": true}]}]}"#;

fn guide(lang: &str, body: &str) -> String {
    format!("---\ntitle: G\nlang: {lang}\n---\n## A {{#a}}\n\n- [Ja](#b)\n- [Nei](#c)\n\n## B {{#b .done}}\n\nFerdig.\n\n## C {{#c .done}}\n\n{body}\n")
}

/// A site folder (the app's pages, the index, a guide in nb and sv) named `name`.
fn site(name: &str, sv_body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("veiviser-build-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    for page in ["index.html", "guide.html", "tools.html"] {
        std::fs::write(dir.join(page), TEMPLATE).unwrap();
    }
    std::fs::write(dir.join("content/index.json"), INDEX).unwrap();
    std::fs::write(dir.join("content/g.nb.md"), guide("nb", "Ferdig.")).unwrap();
    std::fs::write(dir.join("content/g.sv.md"), guide("sv", sv_body)).unwrap();
    dir
}

/// Runs `veiviser build` on `dir`: its exit code and what it printed on stderr.
fn build(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser")).arg("build").arg(dir).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn every_step_gets_a_page_in_every_language_and_building_again_changes_nothing() {
    let dir = site("whole", "Klart.");
    assert_eq!(build(&dir), (0, String::new()));
    for lang in ["nb", "sv", "en"] {
        for page in ["index.html", "g/index.html", "g/a.html", "g/b.html", "g/c.html"] {
            let html = read(&dir, &format!("{lang}/{page}"));
            assert!(html.contains("id=\"veiviser-built\""), "{lang}/{page} holds the rendered page");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}/{page}");
        }
    }
    assert!(read(&dir, "sv/g/c.html").contains("Klart."), "the Swedish page shows the Swedish file");
    // Older links are sent only to pages that exist: every step of g, in every language.
    assert!(read(&dir, "guide.html").contains(r#"data-pages="{&quot;g&quot;:[&quot;a&quot;,&quot;b&quot;,&quot;c&quot;]}""#));
    for page in ["guide.html", "tools.html"] {
        assert!(read(&dir, page).contains("theme.css"), "{page} has the organisation's colours");
    }
    let first: Vec<String> = ["nb/g/b.html", "index.html", "guide.html", "tools.html", "theme.css"].iter().map(|f| read(&dir, f)).collect();
    assert_eq!(build(&dir).0, 0);
    let second: Vec<String> = ["nb/g/b.html", "index.html", "guide.html", "tools.html", "theme.css"].iter().map(|f| read(&dir, f)).collect();
    assert_eq!(first, second);
}

#[test]
fn a_step_taken_out_keeps_a_page_the_app_draws_so_that_links_sent_before_are_no_404() {
    let dir = site("gone", "Klart.");
    assert_eq!(build(&dir), (0, String::new()));
    // The step c is renamed d, in both languages.
    for lang in ["nb", "sv"] {
        let file = format!("content/g.{lang}.md");
        std::fs::write(dir.join(&file), read(&dir, &file).replace("#c", "#d")).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser")).arg("build").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("kept 3 pages") && said.contains(": nb/g/c.html, sv/g/c.html, en/g/c.html\n"), "{said}");
    for lang in ["nb", "sv", "en"] {
        let kept = read(&dir, &format!("{lang}/g/c.html"));
        assert!(!kept.contains("veiviser-built") && kept.contains(&format!("<html lang=\"{lang}\">")), "{kept}");
        assert!(kept.contains(r#"data-root="../../""#), "its links reach the site folder: {kept}");
        assert!(read(&dir, &format!("{lang}/g/d.html")).contains("veiviser-built"), "the new step is built");
    }
    // Older links to c stay on guide.html, which says it is gone.
    assert!(read(&dir, "guide.html").contains(r#"data-pages="{&quot;g&quot;:[&quot;a&quot;,&quot;b&quot;,&quot;d&quot;]}""#));
    // Kept by every build after, the same.
    let before = read(&dir, "nb/g/c.html");
    assert_eq!(build(&dir).0, 0);
    assert_eq!(read(&dir, "nb/g/c.html"), before);
}

#[test]
fn a_guide_taken_out_keeps_its_pages_and_only_pages_are_kept() {
    let dir = site("guide-gone", "Klart.");
    assert_eq!(build(&dir).0, 0);
    // Files no link of the site names: not pages anyone was sent to.
    std::fs::write(dir.join("nb/g/Kopi av a.html"), "x").unwrap();
    std::fs::write(dir.join("nb/g/notes.txt"), "x").unwrap();
    std::fs::write(dir.join("content/index.json"), r#"{"guides": []}"#).unwrap();
    assert_eq!(build(&dir).0, 0);
    for page in ["index.html", "a.html", "b.html", "c.html"] {
        let kept = read(&dir, &format!("sv/g/{page}"));
        assert!(!kept.contains("veiviser-built") && kept.contains(r#"<html lang="sv">"#), "{page}: {kept}");
    }
    assert!(!dir.join("nb/g/Kopi av a.html").exists() && !dir.join("nb/g/notes.txt").exists());
}

#[test]
fn a_guide_broken_in_one_language_is_named_keeps_its_start_page_and_older_links_stay_on_the_guide_page() {
    let dir = site("broken-sv", "Se [PIN](#pni).");
    let (code, stderr) = build(&dir);
    assert_eq!(code, 1, "{stderr}");
    // Named once, as `veiviser check` names it.
    assert_eq!(stderr.matches("g.sv.md:16:4: error: link to `#pni`").count(), 1, "{stderr}");
    // The link from the start page still leads somewhere: a page the app draws, with the findings.
    let start = read(&dir, "sv/g/index.html");
    assert!(!start.contains("veiviser-built"), "{start}");
    // So do the language switcher's links from the bokmål steps.
    for step in ["a", "b", "c"] {
        let page = read(&dir, &format!("sv/g/{step}.html"));
        assert!(!page.contains("veiviser-built") && page.contains(r#"<html lang="sv">"#), "{page}");
    }
    assert!(read(&dir, "nb/g/a.html").contains("veiviser-built"), "the bokmål pages are built");
    // route.js would send a Swedish reader to a page that is not there: g is not listed.
    assert!(read(&dir, "guide.html").contains(r#"data-pages="{}""#), "{}", read(&dir, "guide.html"));
}

#[test]
fn a_page_that_is_not_the_apps_is_refused_before_anything_is_removed() {
    let dir = site("template", "Klart.");
    assert_eq!(build(&dir).0, 0);
    std::fs::write(dir.join("tools.html"), "<html><head></head><body></body></html>").unwrap();
    let (code, stderr) = build(&dir);
    assert_eq!(code, 2);
    assert!(stderr.contains("tools.html: the page has no start.js script"), "{stderr}");
    assert!(dir.join("nb/g/a.html").exists(), "the pages are left as they were");
}

#[test]
fn a_language_folder_the_build_did_not_write_is_refused_before_anything_is_removed() {
    let dir = site("foreign", "Klart.");
    assert_eq!(build(&dir).0, 0);
    std::fs::remove_dir_all(dir.join("sv")).unwrap();
    std::fs::create_dir_all(dir.join("sv")).unwrap();
    std::fs::write(dir.join("sv/notes.txt"), "ours").unwrap();
    let (code, stderr) = build(&dir);
    assert_eq!(code, 2);
    assert!(stderr.contains("sv exists and was not written by `veiviser build`"), "{stderr}");
    assert!(dir.join("nb/g/a.html").exists(), "the bokmål pages are left as they were");
    assert_eq!(read(&dir, "sv/notes.txt"), "ours");
}

#[test]
fn a_mistake_in_the_settings_is_named_at_its_line_and_the_pages_use_the_default() {
    let dir = site("settings", "Klart.");
    std::fs::write(dir.join("settings.json"), "{\n  \"colours\": { \"brand\": \"#ffcc00\" }\n}\n").unwrap();
    let (code, stderr) = build(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("settings.json:2:"), "{stderr}");
    assert!(stderr.contains("contrast"), "{stderr}");
    assert!(read(&dir, "nb/g/a.html").contains("veiviser-built"), "the pages are written");
    assert!(!read(&dir, "theme.css").contains("#ffcc00"), "{}", read(&dir, "theme.css"));
}
