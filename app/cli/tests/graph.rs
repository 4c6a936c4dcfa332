//! `veiviser graph` on the shipped content: every guide in every language draws a
//! standalone SVG with one node per step, to standard output or to a file.

use std::path::{Path, PathBuf};
use std::process::Command;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn graph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_veiviser")).arg("graph").arg(content()).args(args).output().unwrap()
}

/// (guide id, languages) of every guide in the shipped index.
fn guides() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(content().join("index.json")).unwrap();
    let index = veiviser_guide::model::index::parse(&veiviser_guide::Source::new("index.json", text)).unwrap();
    index.guides.into_iter().map(|g| (g.id, g.languages)).collect()
}

/// Steps of a guide file: its `## ` headings.
fn steps(file: &str) -> usize {
    std::fs::read_to_string(content().join(file)).unwrap().lines().filter(|l| l.starts_with("## ")).count()
}

#[test]
fn every_guide_and_language_draws_one_node_per_step() {
    for (id, languages) in guides() {
        for lang in &languages {
            let out = graph(&[&id, "--lang", lang]);
            assert!(out.status.success(), "{id} {lang}: {}", String::from_utf8_lossy(&out.stderr));
            let svg = String::from_utf8(out.stdout).unwrap();
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{id} {lang}");
            assert!(svg.trim_end().ends_with("</svg>"));
            assert_eq!(svg.matches("class=\"node\"").count(), steps(&format!("{id}.{lang}.md")), "{id} {lang}");
            assert!(svg.matches("class=\"edge\"").count() >= svg.matches("class=\"node\"").count() - 1, "{id} {lang}");
            assert!(!svg.contains("style"), "{id} {lang}: no inline styles");
        }
    }
}

#[test]
fn the_graph_goes_to_a_file_with_step_codes_and_links() {
    let file = std::env::temp_dir().join(format!("veiviser-graph-{}.svg", std::process::id()));
    let out = graph(&["mrs", "-o", file.to_str().unwrap(), "--link", "https://intranet.example/veiviser/"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let svg = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(svg.contains("<a href=\"https://intranet.example/veiviser/guide.html?guide=mrs&amp;step=hvordan\">"), "{svg}");
    assert!(svg.contains(">MRS-"));
    // Without --lang: the guide's first language (webcert is Swedish first).
    let svg = String::from_utf8(graph(&["webcert"]).stdout).unwrap();
    assert!(svg.contains("<title id=\"graph-title\">") && svg.contains(">SITHS-"));
}

#[test]
fn an_unknown_guide_or_language_is_an_error_that_names_what_exists() {
    let out = graph(&["ingen"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no guide `ingen` in index.json (there are: mrs,"));
    let out = graph(&["mrs", "--lang", "sv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("guide `mrs` has no language `sv` (it has: nb, en)"));
}
