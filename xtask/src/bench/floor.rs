//! The size floor of a guide page: `tests/bench/floor.rs` (the app crate's example
//! `floor`), an empty page built from the crates a guide page cannot do without,
//! bundled as the site's pages are. What the app's own code adds is the difference
//! to the guide page.

use std::io::Write;
use std::path::Path;

use crate::command::{root, run, say};
use crate::setup::Tools;
use crate::site::web_build;

/// Builds the floor example for the browser and prints its size, gzip as served.
pub fn floor(tools: &Tools) -> Result<(), String> {
    say("The size floor: an empty page with Leptos, leptos_router, pulldown-cmark, serde_json and gloo-net");
    run(web_build(tools).arg("--example=floor"), "building the floor example")?;
    let out = root().join("target/bench-floor");
    let built = root().join("target/wasm32-unknown-unknown/web/examples/floor.wasm");
    run(
        tools.wasm_command("wasm-bindgen").args(["--target=web", "--no-typescript", "--out-name=floor"]).arg(format!("--out-dir={}", out.display())).arg(&built),
        "wasm-bindgen of the floor example",
    )?;
    let optimised = out.join("floor.opt.wasm");
    run(tools.wasm_command("wasm-opt").arg("-Oz").arg(out.join("floor_bg.wasm")).arg("-o").arg(&optimised), "wasm-opt of the floor example")?;
    let (wasm, js) = (gzip_size(&optimised)?, gzip_size(&out.join("floor.js"))?);
    println!("  size floor: {:.1} KB gzip (WebAssembly {:.1} KB, JavaScript {:.1} KB)", (wasm + js) as f64 / 1024.0, wasm as f64 / 1024.0, js as f64 / 1024.0);
    Ok(())
}

/// Bytes of `path` gzip-compressed at the highest level, as the browser benchmark counts them.
fn gzip_size(path: &Path) -> Result<usize, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes).and_then(|()| encoder.finish()).map(|gz| gz.len()).map_err(|e| format!("cannot gzip {}: {e}", path.display()))
}
