//! `veiviser`: tools for the people who write and publish guides.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod content;
mod graph;
mod it_kit;

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
    /// Write every step of every guide, in every language, as an HTML page beside the app in a
    /// built site folder (run it again after editing content/ or settings.json there).
    Build {
        /// The site folder (with index.html, guide.html, settings.json and content/).
        dir: PathBuf,
    },
    /// Draw one guide's flow as an SVG diagram (steps, answers, ends, live checks, step codes).
    Graph {
        /// The content folder (with index.json).
        dir: PathBuf,
        /// The guide's id, as in index.json (`mrs`).
        guide: String,
        /// The language to draw (default: the guide's first language).
        #[arg(long)]
        lang: Option<String>,
        /// Write the SVG to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The site's address; each step then links to itself there (`https://intranet.example/veiviser/`).
        #[arg(long)]
        link: Option<String>,
    },
    /// Write the IT kit for a site: Chrome and Edge policies (Windows, Linux, macOS), Firefox's
    /// policies.json, the helper's allowed-origins.txt and the Content Security Policy.
    ItKit {
        /// The site's origin (`https://intranet.example`); repeat for more.
        #[arg(long = "origin", value_name = "URL", required = true)]
        origins: Vec<String>,
        /// The helper's port, as in the site's settings.json.
        #[arg(long, default_value_t = veiviser_api::DEFAULT_PORT)]
        port: u16,
        /// Write the files into this folder (else they are printed, one after another).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print only this file of the kit (`veiviser.json`, `allowed-origins.txt`, ...).
        #[arg(long, value_name = "NAME", conflicts_with = "out")]
        file: Option<String>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { dir } => check(&dir),
        Command::Build { dir } => build(&dir),
        Command::ItKit { origins, port, out, file } => {
            match it_kit::write(&origins, port, out.as_deref(), file.as_deref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("veiviser: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Graph { dir, guide, lang, output, link } => {
            let request = graph::Request { dir: &dir, guide: &guide, lang: lang.as_deref(), link: link.as_deref() };
            let written = graph::draw(&request).and_then(|svg| match &output {
                Some(path) => std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display())),
                None => {
                    print!("{svg}");
                    Ok(())
                }
            });
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("veiviser: {message}");
                    ExitCode::from(2)
                }
            }
        }
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

fn build(dir: &std::path::Path) -> ExitCode {
    match veiviser_app::build::build(dir) {
        Ok(built) => {
            for finding in &built.findings {
                eprintln!("{finding}");
            }
            println!("veiviser: wrote {} pages in {}", built.pages, dir.display());
            if !built.kept.is_empty() {
                println!(
                    "veiviser: kept {} pages of an earlier build whose steps are gone or could not be written; the app draws them and says why: {}",
                    built.kept.len(),
                    veiviser_app::build::kept::summary(&built.kept)
                );
            }
            if veiviser_guide::model::finding::has_errors(&built.findings) {
                eprintln!(
                    "veiviser: the errors above kept a guide's step pages from being written (its start page shows the findings) or a setting at its default"
                );
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("veiviser: {message}");
            ExitCode::from(2)
        }
    }
}
