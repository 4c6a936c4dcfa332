//! No private person is named in the published content, and no national identity
//! number is copied into it. The source documents show real-looking people in
//! their screenshots: the registry's user administrator in the helseregister.no
//! guide, and doctors and patients (with their national identity numbers) in the
//! CGM ePortal guide. A guide names the role ("brukeradministrator", "fastlegen")
//! or describes the field ("Fødselsnummer") instead.

use std::fs;
use std::path::{Path, PathBuf};

/// People named in the sources' screenshots: the user administrator of the
/// arthritis register (001, helseregister.no), and the users and patients of the
/// test clinic in the ePortal administration guide (003). Full names, and the
/// parts of them that are distinctive on their own.
const PRIVATE_PERSONS: &[&str] = &[
    // 001 helseregister.no: the table of user administrators.
    "Björg-Tilde",
    "Bjorg-Tilde",
    "Fevang",
    // 003 CGM ePortal: users (doctors) in the delegation matrix, the templates and the new-user wizard.
    "Magnard Koman",
    "Magnard",
    "Koman",
    "Konsu Lent",
    "Billy Durant",
    "Durant",
    "Sjef Lege",
    "Test User",
    "TEST1 TEST2",
    "Test Test",
    // 003 CGM ePortal: patients in the special-rights window, the Personalia window and the patient log.
    "Line Danser",
    "Finn Dottno",
    "Dottno",
    "Donald Duck",
    "Bibi Bobo",
    "Biba Bobo",
    "Bobo",
    "Mickey Mouse",
    "Mickey",
    "Numberone",
    "Toberegistered",
    "Erbwqteqrt",
    "Retrewtre",
    "Roland Gundersen",
    "Gundersen",
];

/// Every file of the content folder the site publishes: the guides and the index.
fn content_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".md") || name == "index.json"
        })
        .collect();
    files.sort();
    assert!(files.len() > 10, "the content folder holds the guides and the index: {files:?}");
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The private persons `text` names (case does not matter).
fn persons_named(text: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    PRIVATE_PERSONS.iter().copied().filter(|name| text.contains(&name.to_lowercase())).collect()
}

/// Runs of digits that look like a Norwegian national identity number
/// (fødselsnummer): exactly 11 digits, or 6 and 5 digits with one space between
/// them ("241280 12345"). A run that follows a `+` is a phone number
/// ("+46812345678"), and digits grouped in pairs ("+47 24 20 00 00") are never 11
/// in a row.
fn identity_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits_from = |start: usize| chars[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let phone = i > 0 && chars[i - 1] == '+';
        let first = digits_from(i);
        let mut end = i + first;
        let mut len = first;
        if first == 6 && chars.get(end) == Some(&' ') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
            let second = digits_from(end + 1);
            if second == 5 {
                end += 1 + second;
                len = 11;
            }
        }
        if len == 11 && !phone {
            found.push(chars[i..end].iter().collect());
        }
        i = end;
    }
    found
}

#[test]
fn the_scan_finds_identity_numbers_but_not_phone_numbers() {
    assert_eq!(identity_numbers("Fødselsnummer 14091349664 og 241280 12345."), ["14091349664", "241280 12345"]);
    assert!(identity_numbers("Ring +47 24 20 00 00, 24 20 00 00 eller 61 13 59 20.").is_empty());
    assert!(identity_numbers("[24 20 00 00](tel:+4724200000), tel:+46812345678").is_empty());
    assert!(identity_numbers("HUS (111961), versjon 2.1.0.56, jobbpc-01042020.exe").is_empty());
    assert!(identity_numbers("123456789012 er tolv sifre, 1234567890 ti").is_empty());
    assert!(identity_numbers("111961 12345678").is_empty(), "6 digits, a space and 8 digits are not a number of 11");
}

#[test]
fn the_scan_finds_every_person_of_the_list_whatever_the_case() {
    assert_eq!(persons_named("I eksemplet er *Magnard Koman* fastlege."), ["Magnard Koman", "Magnard", "Koman"]);
    assert_eq!(persons_named("for eksempel BJÖRG-TILDE FEVANG"), ["Björg-Tilde", "Fevang"]);
    assert!(persons_named("Siden viser hvem som er brukeradministrator, med fornavn og etternavn.").is_empty());
}

#[test]
fn no_content_file_names_a_private_person() {
    let found: Vec<String> = content_files()
        .iter()
        .flat_map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            persons_named(&read(path)).into_iter().map(move |name| format!("{file}: {name}"))
        })
        .collect();
    assert!(found.is_empty(), "content names private persons; name the role instead: {found:#?}");
}

#[test]
fn no_content_file_holds_a_national_identity_number() {
    let found: Vec<String> = content_files()
        .iter()
        .flat_map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            identity_numbers(&read(path)).into_iter().map(move |number| format!("{file}: {number}"))
        })
        .collect();
    assert!(found.is_empty(), "content holds what looks like national identity numbers: {found:#?}");
}
