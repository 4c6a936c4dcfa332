//! Benchmarks of the guides and the site: parse-and-check time natively and in
//! the browser, its growth with guide size, bytes of a first visit, time to the
//! first heading, and the time of a step change.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use veiviser_guide::load;
use veiviser_guide::model::index;
use veiviser_guide::Source;

use crate::command::{cargo, root, run, say};
use crate::serve::Site;
use crate::{setup, site};

/// Sizes of the synthetic guides that show how checking grows.
const SYNTHETIC: [usize; 3] = [100, 1_000, 10_000];

/// Prints the native figures: parse and check of the shipped and synthetic guides.
pub fn native() -> Result<(), String> {
    say("Guides, natively: parse and check (median of 7 runs)");
    let content = root().join("content");
    let shipped = load::read_folder(&content)?;
    let steps: usize = shipped.1.iter().map(|source| source.text.matches("\n## ").count()).sum();
    println!("  shipped content ({} guides, {steps} steps): {}", shipped.1.len(), ms(median(|| check_content(&shipped))));
    for n in SYNTHETIC {
        let synthetic = (synthetic_index(n), vec![Source::new(format!("bench{n}.nb.md"), synthetic_guide(n))]);
        let findings = check_content(&synthetic);
        assert_clean(n, findings)?;
        let time = median(|| check_content(&synthetic));
        println!("  synthetic guide of {n:>6} steps: {:>9}  ({:.2} µs per step)", ms(time), time.as_secs_f64() * 1e6 / n as f64);
    }
    Ok(())
}

/// Prints the browser figures of the built site.
pub fn site() -> Result<(), String> {
    let tools = setup::everything()?;
    site::dist(&tools)?;
    let bench_site = root().join("target/bench-site");
    copy_with_synthetic(&site::dist_dir(), &bench_site)?;
    let served = Site::start(&bench_site, 0, "/veiviser/")?;
    // The site as `dist` built it: its pages were written for its own index, which
    // the synthetic guides change (every built page would then count as stale).
    let built = Site::start(&site::dist_dir(), 0, "/veiviser/")?;
    say("The site in Chromium: first visits, step changes, parse and check in the browser");
    let result = run(
        Command::new("node")
            .arg("bench/site.mjs")
            .current_dir(root().join("tests"))
            .env("VEIVISER_URL", &served.url)
            .env("VEIVISER_BUILT_URL", &built.url),
        "the browser benchmark",
    )
    .and_then(|()| super::floor::floor(&tools))
    .and_then(|()| super::mdbook::side_by_side(&site::dist_dir()))
    .and_then(|()| lighthouse(&site::dist_dir()))
    .and_then(|()| live(&served.url));
    served.stop();
    built.stop();
    result
}

/// Lighthouse scores, mobile and desktop, with the site served as an intranet
/// would: Debian's nginx, with the precompressed files.
fn lighthouse(site: &Path) -> Result<(), String> {
    say("Lighthouse: performance, accessibility and best practices (the site on nginx, precompressed)");
    let nginx = crate::nginx::start(site)?;
    let result = ["mobile", "desktop"].into_iter().try_for_each(|preset| {
        run(
            Command::new("node")
                .arg("bench/lighthouse.mjs")
                .current_dir(root().join("tests"))
                .env("VEIVISER_URL", &nginx.url)
                .env("LIGHTHOUSE_PRESET", preset),
            "Lighthouse",
        )
    });
    nginx.stop();
    result
}

/// Card inserted in the simulator → the page showing it, through the real helper.
fn live(site: &str) -> Result<(), String> {
    say("Live checks: a simulated card through pcscd, the helper and Chromium");
    run(
        cargo()
            .current_dir(root())
            .args(["build", "--quiet", "--release", "-p", "veiviser-helper", "-p", "veiviser-tests", "--bins"]),
        "building the helper and the card simulator",
    )?;
    run(
        Command::new("node")
            .arg("bench/live.mjs")
            .current_dir(root().join("tests"))
            .env("VEIVISER_URL", site)
            .env("VEIVISER_HELPER", root().join("target/release/veiviser-helper"))
            .env("VEIVISER_CARD_SIM", root().join("target/release/card-sim")),
        "the live benchmark",
    )
}

type Content = (String, Vec<Source>);

/// Everything `veiviser check` does, from text read before the clock starts.
fn check_content((index_text, files): &Content) -> Vec<veiviser_guide::Finding> {
    load::all(index_text.clone(), files.clone(), &|_| Some(true)).findings
}

/// The synthetic guides must be free of errors (warnings about step codes that
/// share a number are expected in guides this large).
fn assert_clean(n: usize, findings: Vec<veiviser_guide::Finding>) -> Result<(), String> {
    match findings.iter().find(|f| f.severity == veiviser_guide::Severity::Error) {
        None => Ok(()),
        Some(f) => Err(format!("the synthetic guide of {n} steps has findings, first: {f}")),
    }
}

fn median(mut f: impl FnMut() -> Vec<veiviser_guide::Finding>) -> Duration {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn synthetic_index(n: usize) -> String {
    format!(
        r#"{{"guides": [{{"id": "bench{n}", "title": {{"nb": "Syntetisk {n}"}}, "audience": {{"nb": "Benchmark"}}, "languages": ["nb"], "start": "s0", "support": [{{"local_it": true}}]}}]}}"#
    )
}

/// A guide of `n` steps: every other step a question with two answers, the rest
/// "next" steps with some body text, the last an end.
pub fn synthetic_guide(n: usize) -> String {
    let mut text = format!("---\ntitle: Syntetisk veiledning med {n} steg\nlang: nb\n---\n\n");
    for i in 0..n {
        let end = if i + 1 == n { " .done" } else { "" };
        text.push_str(&format!("## Steg {i}: har du gjort **dette**? {{#s{i}{end}}}\n\n"));
        text.push_str("Sett kortet i **leseren** før du velger. Se [hjelpesiden](https://example.org/hjelp).\n\n");
        if i + 1 == n {
            continue;
        }
        if i % 2 == 0 && i + 2 < n {
            text.push_str(&format!("- [Ja](#s{})\n- [Nei](#s{}) – hopp over neste steg\n\n", i + 1, i + 2));
        } else {
            text.push_str(&format!("[Videre](#s{})\n\n", i + 1));
        }
    }
    text
}

/// Copies dist/ to `to` and adds the synthetic guides to its content.
fn copy_with_synthetic(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    run(Command::new("cp").arg("-r").arg(from).arg(to), "copying dist/ for the benchmark")?;
    let index_path = to.join("content/index.json");
    let index_text = std::fs::read_to_string(&index_path).map_err(|e| e.to_string())?;
    let mut index = load::index(index_text).map_err(|f| f.to_string())?;
    for n in SYNTHETIC {
        std::fs::write(to.join(format!("content/bench{n}.nb.md")), synthetic_guide(n)).map_err(|e| e.to_string())?;
        let synthetic = load::index(synthetic_index(n)).map_err(|f| f.to_string())?;
        index.guides.extend(synthetic.guides);
    }
    let json = serde_json_string(&index)?;
    std::fs::File::create(&index_path).and_then(|mut f| f.write_all(json.as_bytes())).map_err(|e| e.to_string())
}

fn serde_json_string(index: &index::Index) -> Result<String, String> {
    index::to_json(index).map_err(|e| format!("cannot write the benchmark index: {e}"))
}
