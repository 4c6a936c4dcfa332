//! `cargo xtask test`: every test of the project, against the real parts.

use std::path::PathBuf;
use std::process::Command;

use crate::command::{cargo, root, run, say};
use crate::web_server::WebServer;
use crate::{apache, nginx};
use crate::serve::Site;
use crate::setup::{self, Tools};
use crate::site;

/// The sub-path the browser tests serve the site under, as an intranet would.
const SUB_PATH: &str = "/veiviser/";

/// Runs all suites, even after one fails, and reports every failure at the end.
pub fn test() -> Result<(), String> {
    let tools = setup::everything()?;
    let mut failures = Vec::new();
    let mut suite = |name: &str, result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("xtask: FAILED: {name}: {message}");
            failures.push(name.to_owned());
        }
    };

    say("Native tests: guide model, checker, helper (its HTTP face over real sockets too), card simulator with pcscd (cargo test)");
    suite("native tests", run(cargo().current_dir(root()).arg("test"), "cargo test"));
    // The app's own unit tests, natively: its `ssr` side (`veiviser build`), in an
    // invocation of its own, as `csr` and `ssr` must never be built together.
    say("Native tests of the app's build side: the pages `veiviser build` writes (cargo test --features ssr)");
    suite(
        "native tests of the app",
        run(
            cargo().current_dir(root()).args(["test", "-p", "veiviser-app", "--features", "ssr", "--lib"]),
            "cargo test -p veiviser-app --features ssr",
        ),
    );

    say("Browser unit tests: wasm-bindgen-test in headless Chromium");
    suite("browser unit tests", wasm_bindgen_tests(&tools));

    say("Windows build of the helper and its MSI (x86_64-pc-windows-gnu, MinGW, wixl)");
    let msi = crate::windows::build();
    if let Ok(msi) = &msi {
        say("The MSI and the helper under Wine: install, run, refuse, upgrade, uninstall");
        suite("Windows installer under Wine", crate::wine::test(msi));
    }
    suite("Windows build of the helper", msi.map(|_| ()));

    let built = site::dist(&tools);
    let built_ok = built.is_ok();
    suite("building dist/", built);
    if built_ok {
        say(&format!("End-to-end tests: Playwright and Chromium against dist/ served under {SUB_PATH}"));
        suite("end-to-end tests", end_to_end());
    }

    if failures.is_empty() {
        say("All test suites passed");
        Ok(())
    } else {
        Err(format!("{} failed", failures.join(", ")))
    }
}

fn wasm_bindgen_tests(tools: &Tools) -> Result<(), String> {
    let mut command = tools.wasm_command("cargo");
    command
        .current_dir(root().join("app"))
        .args(["test", "--target=wasm32-unknown-unknown", "--package=veiviser-app", "--features=csr", "--test=web"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    if matches!(tools.wasm, crate::toolchain::Wasm::Debian { .. }) {
        // Test binaries link libtest, so it is built along with std.
        command.env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort,test");
    }
    run(&mut command, "wasm-bindgen-test")
}

fn end_to_end() -> Result<(), String> {
    // The live-check tests drive the real helper and the card simulator, and
    // install a browser policy written by the authors' command line.
    run(
        cargo().current_dir(root()).args([
            "build", "--quiet", "-p", "veiviser-helper", "-p", "veiviser-tests", "-p", "veiviser", "--bins",
        ]),
        "building the helper, the card simulator and the command line",
    )?;
    let site = Site::start(&site::dist_dir(), 0, SUB_PATH)?;
    let dir = root().join("tests/e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    let result = run(
        Command::new("node")
            .arg("--test")
            .arg("--test-concurrency=1")
            .args(&files)
            .current_dir(root().join("tests"))
            .env("VEIVISER_URL", &site.url)
            .env("VEIVISER_HELPER", root().join("target/debug/veiviser-helper"))
            .env("VEIVISER_CARD_SIM", root().join("target/debug/card-sim"))
            .env("VEIVISER_CLI", root().join("target/debug/veiviser")),
        "node --test",
    );
    site.stop();
    let errors: Vec<String> = [result, on_web_server("Debian's nginx", nginx::start), on_web_server("Debian's Apache httpd", apache::start)]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// What any static server must do for the site (deep links, reloads, the policy,
/// 404s, precompressed files), checked by tests/e2e/web_server.test.mjs: the run
/// above has checked it against xtask's own server, this one against a real web
/// server configured with app/ADMINISTRATORS.md's snippets.
fn on_web_server(name: &str, start: fn(&std::path::Path) -> Result<WebServer, String>) -> Result<(), String> {
    say(&format!("The same site on {name} under {SUB_PATH} (tests/e2e/web_server.test.mjs)"));
    let server = start(&site::dist_dir())?;
    let result = run(
        Command::new("node")
            .args(["--test", "e2e/web_server.test.mjs"])
            .current_dir(root().join("tests"))
            .env("VEIVISER_URL", &server.url),
        &format!("node --test e2e/web_server.test.mjs against {name}"),
    );
    server.stop();
    result
}
