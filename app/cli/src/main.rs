//! `veiviser`: tools for the people who write and publish guides.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod content;

#[derive(Parser)]
#[command(name = "veiviser", version, about = "Tools for Veiviser's guides")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every guide in a content folder; exit status 1 on any error.
    Check {
        /// The content folder (with index.json).
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { dir } => check(&dir),
    }
}

fn check(dir: &std::path::Path) -> ExitCode {
    let findings = match content::check_dir(dir) {
        Ok(findings) => findings,
        Err(message) => {
            eprintln!("veiviser: {message}");
            return ExitCode::from(2);
        }
    };
    for finding in &findings {
        println!("{finding}");
    }
    let errors = findings.iter().filter(|f| f.severity == veiviser_guide::Severity::Error).count();
    let warnings = findings.len() - errors;
    eprintln!("veiviser check: {errors} error(s), {warnings} warning(s) in {}", dir.display());
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
