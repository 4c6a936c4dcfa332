//! `veiviser it-kit` writes the kit of the shared generator, and refuses what is no origin.

use std::process::Command;

fn it_kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser")).arg("it-kit").args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn one_file_of_the_kit_is_printed_as_the_generator_makes_it() {
    let (code, policy, _) = it_kit(&["--origin", "https://Intranet.Example/", "--file", "veiviser.json"]);
    assert_eq!(code, 0);
    assert_eq!(policy, veiviser_guide::site::it_kit::linux_json(&["https://intranet.example".into()]));
    let (_, csp, _) = it_kit(&["--origin", "https://intranet.example", "--port", "17321", "--file", "content-security-policy.txt"]);
    assert!(csp.contains("connect-src 'self' http://127.0.0.1:17321"), "{csp}");
}

#[test]
fn the_whole_kit_is_written_into_a_folder() {
    let dir = std::env::temp_dir().join(format!("veiviser-it-kit-{}", std::process::id()));
    let (code, listing, _) = it_kit(&["--origin", "https://intranet.example", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{listing}");
    for name in ["veiviser-chrome.reg", "veiviser-edge.reg", "veiviser.json", "policies.json", "allowed-origins.txt"] {
        assert!(dir.join(name).is_file(), "{name} in {listing}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_address_with_a_path_is_refused_with_what_to_write() {
    let (code, _, err) = it_kit(&["--origin", "https://intranet.example/veiviser/"]);
    assert_eq!(code, 2);
    assert!(err.contains("without path"), "{err}");
}
