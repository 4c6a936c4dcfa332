//! `veiviser check` on one broken content folder per kind of finding: each is
//! reported at its exact `path:line:col`, and any error makes the exit status 1.

use std::path::{Path, PathBuf};
use std::process::Command;

const INDEX: &str = r#"{"guides": [{"id": "g", "title": {"nb": "G"}, "audience": {"nb": "Alle"}, "languages": ["nb"], "start": "a", "support": [{"local_it": true}]}]}"#;
const FRONT: &str = "---\ntitle: G\nlang: nb\n---\n";

/// Writes a content folder with `files` (the index defaults to one guide `g` in nb).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("veiviser-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.json"), INDEX).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// Runs the checker; returns its exit code and its findings with the folder left out.
fn check(dir: &Path) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser")).arg("check").arg(dir).output().unwrap();
    let prefix = format!("{}/", dir.display());
    let lines = String::from_utf8(out.stdout).unwrap().lines().map(|l| l.replacen(&prefix, "", 1)).collect();
    (out.status.code().unwrap(), lines)
}

fn assert_finds(name: &str, files: &[(&str, &str)], expected: &[&str]) {
    let (code, findings) = check(&folder(name, files));
    assert_eq!(findings, expected, "{name}");
    let has_error = expected.iter().any(|f| f.contains(": error: "));
    assert_eq!(code, if has_error { 1 } else { 0 }, "{name}: exit status");
}

fn guide(body: &str) -> String {
    format!("{FRONT}{body}")
}

#[test]
fn shipped_content_has_no_errors() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (code, findings) = check(&content);
    assert_eq!(code, 0, "{findings:#?}");
}

#[test]
fn a_link_to_a_missing_step() {
    assert_finds(
        "missing-step",
        &[("g.nb.md", &guide("## A {#a}\n\n[Videre](#b)\n"))],
        &["g.nb.md:7:1: error: link to `#b`, but this guide has no step with that id"],
    );
}

#[test]
fn a_link_to_a_missing_guide_or_step_of_another_guide() {
    assert_finds(
        "missing-guide",
        &[("g.nb.md", &guide("## A {#a}\n\n- [MRS](mrs.nb.md#pin)\n- [Ingen](ingen.nb.md)\n"))],
        &[
            "g.nb.md:7:3: error: link to `mrs#pin`, which does not exist",
            "g.nb.md:8:3: error: link to guide `ingen`, which does not exist",
        ],
    );
}

#[test]
fn a_duplicate_id() {
    assert_finds(
        "duplicate",
        &[("g.nb.md", &guide("## A {#a}\n\n[B](#b)\n\n## B {#b .done}\n\n## B igjen {#b .done}\n"))],
        &["g.nb.md:11:1: error: step id `b` is used twice: first at g.nb.md:9:1, where its links and answers lead; give this step its own id"],
    );
}

#[test]
fn an_unreachable_step() {
    assert_finds(
        "unreachable",
        &[("g.nb.md", &guide("## A {#a .done}\n\n## Glemt {#glemt .done}\n"))],
        &["g.nb.md:7:1: error: step `glemt` cannot be reached from the start `a`"],
    );
}

#[test]
fn a_dead_end() {
    assert_finds(
        "dead-end",
        &[("g.nb.md", &guide("## A {#a}\n\n[B](#b)\n\n## B {#b}\n\nOg så?\n"))],
        &["g.nb.md:9:1: error: step `b` is a dead end: add a link on, or mark it as an end with {#b .end}"],
    );
}

#[test]
fn an_undeclared_circle() {
    assert_finds(
        "circle",
        &[("g.nb.md", &guide("## A {#a}\n\n- [B](#b)\n- [Slutt](#s)\n\n## B {#b}\n\n[Tilbake](#a)\n\n## S {#s .done}\n"))],
        &["g.nb.md:12:1: error: step `b` leads back to `a`, making a circle: mark `b` with .loop if that is intended"],
    );
}

#[test]
fn an_id_missing_in_one_language() {
    let index = INDEX.replace(r#"["nb"]"#, r#"["nb", "en"]"#);
    let en = "---\ntitle: G\nlang: en\n---\n## A {#a .done}\n";
    assert_finds(
        "translation",
        &[("index.json", &index), ("g.nb.md", &guide("## A {#a}\n\n[B](#b)\n\n## B {#b .done}\n")), ("g.en.md", en)],
        &["g.en.md:1:1: error: step `b` of g.nb.md is missing in this translation"],
    );
}

#[test]
fn unsafe_links_and_raw_html() {
    assert_finds(
        "unsafe",
        &[("g.nb.md", &guide("## A {#a .done}\n\n[Klikk](javascript:alert(1)) og [data](data:text/html,x)\n\n<b>fet</b>\n"))],
        &[
            "g.nb.md:7:1: error: unsafe link `javascript:alert(1)`: only https, http, mailto and tel links are allowed",
            "g.nb.md:7:33: error: unsafe link `data:text/html,x`: only https, http, mailto and tel links are allowed",
            "g.nb.md:9:1: error: raw HTML is not allowed: write it in Markdown",
        ],
    );
}

#[test]
fn an_image_that_does_not_exist() {
    assert_finds(
        "image",
        &[("g.nb.md", &guide("## A {#a .done}\n\n![Dialogen](bilder/dialog.png)\n"))],
        &["g.nb.md:7:1: error: image `bilder/dialog.png` does not exist in the content folder"],
    );
}

#[test]
fn malformed_front_matter() {
    assert_finds(
        "front-matter",
        &[("g.nb.md", "---\ntitle G\nlang: nb\n---\n## A {#a .done}\n")],
        &[
            "g.nb.md:1:1: error: the guide has no `title` in its front matter",
            "g.nb.md:2:1: error: front matter line `title G` is not `key: value`",
        ],
    );
}

#[test]
fn a_malformed_check_declaration() {
    assert_finds(
        "check-block",
        &[("g.nb.md", &guide("## A {#a .done}\n\n```check\ncard: maybe\nserial: 1234\n```\n"))],
        &[
            "g.nb.md:8:1: error: check `card: maybe` is not valid: expected `card: present`",
            "g.nb.md:9:1: error: unknown check `serial`: the checks are card, issuer, purpose and pin",
        ],
    );
}

#[test]
fn a_malformed_index() {
    assert_finds(
        "index",
        &[("index.json", "{\"guides\": [\n  {\"id\": \"g\", \"start\": \"a\",}\n]}"), ("g.nb.md", &guide("## A {#a .done}\n"))],
        &["index.json:2:28: error: the guide index is not valid: trailing comma at line 2 column 28"],
    );
}

#[test]
fn a_step_without_id() {
    assert_finds(
        "no-id",
        &[("g.nb.md", &guide("## A {#a}\n\n[Videre](#uten-id)\n\n## Uten id\n\n[B](#b)\n\n## B {#b .done}\n"))],
        &["g.nb.md:9:1: error: step `Uten id` has no id: end the heading with {#uten-id}"],
    );
}

#[test]
fn a_warning_alone_keeps_exit_status_zero() {
    assert_finds(
        "warning",
        &[("g.nb.md", &guide("## A {#a .done}\n")), ("extra.nb.md", &guide("## X {#x .done}\n"))],
        &["extra.nb.md:1:1: warning: guide `extra` is not in index.json, so the start page does not show it"],
    );
}

#[test]
fn a_step_id_outside_the_documented_alphabet() {
    assert_finds(
        "id-alphabet",
        &[("g.nb.md", &guide("## A {#a}\n\n[Videre](#b.c)\n\n## B {#b.c .done}\n"))],
        &["g.nb.md:9:1: error: step id `b.c` may hold only lower-case letters a to z, digits and `-`"],
    );
}

#[test]
fn a_guide_with_no_support_contact_and_a_contact_with_a_wrong_number() {
    let none = INDEX.replace(r#", "support": [{"local_it": true}]"#, "");
    assert_finds(
        "no-support",
        &[("index.json", &none), ("g.nb.md", &guide("## A {#a .done}\n"))],
        &[r#"index.json:1:20: error: guide `g` names no support: add "support" with the contact its source gives, or [{"local_it": true}] if it gives none"#],
    );
    let wrong = INDEX.replace(r#"{"local_it": true}"#, r#"{"name": "NHN", "phone": "ring oss"}"#);
    assert_finds(
        "wrong-support",
        &[("index.json", &wrong), ("g.nb.md", &guide("## A {#a .done}\n"))],
        &[
            "index.json:1:138: error: support of guide `g`: phone `ring oss` must be one number of digits, spaces, + - ( ), then after a comma how to get through, for example `22 00 00 00, tast 2`",
        ],
    );
}

#[test]
fn each_wrong_contact_value_is_reported_at_its_own_line() {
    let support = r#"[
 {"name": "A", "phone": "22 00 00 00, tast 2"},
 {"name": "B", "phone": "22 00 00 00 / 23 00 00 00",
  "web": "nhn.no",
  "hours": [{"days": "mon-fri", "open": "08:00", "close": "25:30"}]}]"#;
    let index = INDEX.replace(r#"[{"local_it": true}]"#, support);
    assert_finds(
        "contact-values",
        &[("index.json", &index), ("g.nb.md", &guide("## A {#a .done}\n"))],
        &[
            r#"index.json:3:16: error: support of guide `g`: phone `22 00 00 00 / 23 00 00 00` holds two numbers: give each its own contact, with an "about" that says what it is for"#,
            "index.json:4:3: error: support of guide `g`: web `nhn.no` must be an address starting with https:// or http://",
            "index.json:5:3: error: support of guide `g`: times `08:00`–`25:30` must be HH:MM, for example 08:00",
        ],
    );
}

#[test]
fn a_wrong_start_is_reported_in_the_index() {
    let index = INDEX.replace(r#""start": "a""#, "\n \"start\": \"aa\"");
    assert_finds(
        "wrong-start",
        &[("index.json", &index), ("g.nb.md", &guide("## A {#a .done}\n"))],
        &["index.json:2:2: error: the start step `aa` does not exist in g.nb.md"],
    );
}

#[test]
fn front_matter_without_its_closing_fence() {
    assert_finds(
        "unclosed-front",
        &[("g.nb.md", "---\ntitle: G\nlang: nb\n\n## A {#a .done}\n")],
        &["g.nb.md:1:1: error: the front matter opened here has no closing `---`: end it with a line of three dashes before the first step"],
    );
}

#[test]
fn a_mistyped_step_id_is_one_finding() {
    assert_finds(
        "mistyped-id",
        &[("g.nb.md", &guide("## A {#a}\n\n[PIN](#pin)\n\n## PIN {#pni}\n\n[B](#b)\n\n## B {#b .done}\n"))],
        &["g.nb.md:7:1: error: link to `#pin`, but this guide has no step with that id (did you mean `#pni`?)"],
    );
}

#[test]
fn a_question_with_only_one_answer() {
    assert_finds(
        "one-answer",
        &[("g.nb.md", &guide("## A {#a}\n\n- [Jeg har fått passordet](#b)\n\n## B {#b .done}\n"))],
        &["g.nb.md:5:1: warning: step `a` is a question with one answer: give the other answers (such as «Noe annet gikk galt»), or make it a next link"],
    );
}

#[test]
fn an_end_that_names_no_help_unless_it_is_done() {
    let stuck = "## A {#a}\n\n- [Det virket](#ok)\n- [Det virket ikke](#feil)\n\n## Ferdig {#ok .done}\n\n## Feil {#feil .end}\n\nDet gikk ikke.\n";
    assert_finds(
        "stuck-end",
        &[("g.nb.md", &guide(stuck))],
        &["g.nb.md:12:1: warning: end step `feil` leaves the user with nowhere to go: name who helps (a tel:, mailto: or web link) or a next action (a link to another guide), or mark it {#feil .done} if the user has reached the goal"],
    );
    let helped = stuck.replace("Det gikk ikke.", "Ring [NHN kundesenter](tel:+4724200000).");
    assert_finds("helped-end", &[("g.nb.md", &guide(&helped))], &[]);
}

#[test]
fn a_linked_file_that_does_not_exist_and_one_that_does() {
    assert_finds(
        "pdf",
        &[
            ("g.nb.md", &guide("## A {#a .done}\n\nFyll ut [skjemaet](skjema.pdf#side=2) og [veilederen](veileder.pdf).\n")),
            ("veileder.pdf", "%PDF-1.4\n"),
        ],
        &["g.nb.md:7:9: error: file `skjema.pdf` does not exist in the content folder"],
    );
}
