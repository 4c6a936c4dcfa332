//! `veiviser it-kit`: the IT kit of [`veiviser_guide::site::it_kit`], printed or written to a folder.

use std::path::Path;

use veiviser_guide::site::it_kit;

/// Prints the kit for `origins` and `port`, or only `file` of it, or writes it into `out`.
pub fn write(origins: &[String], port: u16, out: Option<&Path>, file: Option<&str>) -> Result<(), String> {
    let origins = origins.iter().map(|o| it_kit::origin(o)).collect::<Result<Vec<_>, _>>()?;
    let files = it_kit::files(&origins, port);
    if let Some(name) = file {
        let names: Vec<&str> = files.iter().map(|f| f.name).collect();
        let found = files.iter().find(|f| f.name == name);
        let found = found.ok_or_else(|| format!("the kit has no file `{name}` (it has: {})", names.join(", ")))?;
        print!("{}", found.contents);
        return Ok(());
    }
    match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for file in &files {
                let path = dir.join(file.name);
                std::fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                println!("{}: {}", path.display(), file.place);
            }
        }
        None => {
            for file in &files {
                println!("==> {} ({})\n{}", file.name, file.place, file.contents);
            }
        }
    }
    Ok(())
}
