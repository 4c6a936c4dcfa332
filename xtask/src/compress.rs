//! Precompressed copies of the site's built files: `name.br` (brotli 11) and
//! `name.gz` (gzip 9) beside each, so a server sends the smallest without
//! compressing on every request (nginx `brotli_static`/`gzip_static`, and
//! `cargo xtask serve`).
//!
//! What organisations edit in place gets none: `content/` and `settings.json`. A
//! copy made at build time would not follow an edit, and the server would send
//! the old text; those files are small, and a server may still compress them on
//! the fly.

use std::io::Write;
use std::path::Path;

/// File types worth compressing (images and PDFs already are).
const COMPRESSIBLE: [&str; 10] = ["html", "js", "wasm", "css", "svg", "json", "md", "txt", "ttf", "woff"];

/// Files in the site's folder that organisations edit, left without copies.
const EDITED: [&str; 1] = ["settings.json"];

/// What [`precompress`] wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Writes `.br` and `.gz` beside every compressible file in `dir` and its
/// folders (the pages `veiviser build` wrote: nb/, sv/, en/), except `content/`
/// and the settings, replacing older copies.
pub fn precompress(dir: &Path) -> Result<Written, String> {
    let mut written = Written::default();
    for path in files(dir)? {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !EDITED.contains(&name) {
            copies(&path, &mut written)?;
        }
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for folder in entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()) {
        if folder.file_name().is_some_and(|name| name != EDITED_FOLDER) {
            let more = precompress_tree(&folder)?;
            written.files += more.files;
            written.bytes += more.bytes;
            written.gzip += more.gzip;
            written.brotli += more.brotli;
        }
    }
    Ok(written)
}

/// The folder organisations edit, left without copies.
const EDITED_FOLDER: &str = "content";

/// As [`precompress`], for every file of `dir` and its folders (another site, for the benchmark).
pub fn precompress_tree(dir: &Path) -> Result<Written, String> {
    let mut written = Written::default();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for path in files(&folder)? {
            copies(&path, &mut written)?;
        }
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        folders.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()));
    }
    Ok(written)
}

/// The compressible files directly in `dir`.
fn files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && COMPRESSIBLE.contains(&p.extension().and_then(|e| e.to_str()).unwrap_or_default()))
        .collect())
}

/// Writes the `.gz` and `.br` copies of `path`.
fn copies(path: &Path, written: &mut Written) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (gz, br) = (gzip(&bytes)?, brotli(&bytes)?);
    for (suffix, data) in [("gz", &gz), ("br", &br)] {
        let mut out = path.as_os_str().to_owned();
        out.push(format!(".{suffix}"));
        std::fs::write(&out, data).map_err(|e| format!("cannot write {}: {e}", Path::new(&out).display()))?;
    }
    written.files += 1;
    written.bytes += bytes.len() as u64;
    written.gzip += gz.len() as u64;
    written.brotli += br.len() as u64;
    Ok(())
}

/// `bytes` as gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("gzip: {e}"))
}

/// `bytes` as brotli at quality 11.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_files_get_copies_and_edited_ones_none() {
        let dir = std::env::temp_dir().join(format!("veiviser-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::create_dir_all(dir.join("nb/mrs")).unwrap();
        let text = "<p>Veiviser</p>\n".repeat(200);
        for name in ["index.html", "app.wasm", "settings.json", "logo.png", "content/mrs.nb.md", "nb/mrs/pin.html"] {
            std::fs::write(dir.join(name), &text).unwrap();
        }
        let written = precompress(&dir).unwrap();
        assert_eq!(written.files, 3);
        for name in ["index.html", "app.wasm", "nb/mrs/pin.html"] {
            let gz = std::fs::read(dir.join(format!("{name}.gz"))).unwrap();
            let mut back = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
            assert_eq!(back, text);
            let br = std::fs::read(dir.join(format!("{name}.br"))).unwrap();
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
            assert_eq!(back, text.as_bytes());
        }
        for name in ["settings.json.br", "logo.png.gz", "content/mrs.nb.md.br"] {
            assert!(!dir.join(name).exists(), "{name}");
        }
        assert!(written.brotli < written.gzip && written.gzip < written.bytes);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
