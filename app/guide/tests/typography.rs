//! Punctuation in the shipped guides: no stop doubled by a bold label that ends in
//! one (`**Oppgi engangspassord:**.`), and no quotation inside a quotation of the
//! same kind (`«Trykk «Skriv under»»`: the inner one is ‹›, or ‘’ in English).

use std::path::Path;

fn guide_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_bold_label_that_ends_in_a_stop_is_not_followed_by_another() {
    let mut slips = Vec::new();
    for (file, text) in guide_files() {
        for (n, line) in text.lines().enumerate() {
            for stop in [".", ",", ":", ";"] {
                for end in [":**", ".**", "!**", "?**"] {
                    if line.contains(&format!("{end}{stop}")) {
                        slips.push(format!("{file}:{}: {line}", n + 1));
                    }
                }
            }
        }
    }
    assert!(slips.is_empty(), "{slips:#?}");
}

#[test]
fn no_quotation_opens_inside_one_of_the_same_kind() {
    let mut slips = Vec::new();
    for (file, text) in guide_files() {
        // Paragraphs: a quotation may run over a line break, never over a blank line.
        for paragraph in text.split("\n\n") {
            for (open, close) in [('«', '»'), ('“', '”')] {
                let mut depth = 0i32;
                for c in paragraph.chars() {
                    if c == open {
                        depth += 1;
                        if depth > 1 {
                            slips.push(format!("{file}: {}", paragraph.trim()));
                        }
                    } else if c == close {
                        depth = (depth - 1).max(0);
                    }
                }
            }
        }
    }
    assert!(slips.is_empty(), "{slips:#?}");
}
