//! `veiviser-helper`: the command line around the library.
// On Windows: no console window at logon; `doctor` attaches to the one it is run from.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use veiviser_api::origin::{System, ORIGINS_FILE};
use veiviser_helper::config::{self, Machine, DEFAULT_PORT};
use veiviser_helper::log;

/// Tells the Veiviser page what the card reader sees, on 127.0.0.1 only.
#[derive(Parser)]
#[command(name = "veiviser-helper", version, about)]
struct Cli {
    /// Port on 127.0.0.1 to answer on (default: the installer's, else 17320).
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// An origin (scheme://host[:port]) whose pages may read the status; repeat for more.
    #[arg(long = "allow-origin", value_name = "URL")]
    allow_origin: Vec<String>,
    #[arg(long, value_name = "FILE", help = config_help())]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// `--config`'s help: the default files on every system, from the one list of them.
fn config_help() -> String {
    let folders = System::ALL.map(|s| format!("{}: {} and {}", s.name(), s.machine_folder(), s.user_folder()));
    format!("A file of allowed origins, one a line, read instead of the default {ORIGINS_FILE} files ({})", folders.join("; "))
}

#[derive(Subcommand)]
enum Command {
    /// Print what the helper sees, for a person on the phone with the helpdesk.
    Doctor,
}

fn main() -> ExitCode {
    #[cfg(windows)]
    veiviser_helper::windows::attach_console();
    let cli = Cli::parse();
    // Before the settings: a helper started at logon has no console, so a wrong
    // setting must reach the log to be seen at all.
    if cli.command.is_none() {
        log::to_file(log::default_file().map(|path| log::File::new(path, log::MAX_BYTES)));
    }
    let config = Machine::installed().and_then(|machine| {
        config::load(cli.port, &cli.allow_origin, cli.config.as_deref(), machine)
    });
    let config = match config {
        Ok(config) => config,
        Err(message) => {
            log::line(&message);
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Doctor) => {
            print!("{}", veiviser_helper::doctor::report(&config));
            ExitCode::SUCCESS
        }
        None => serve(&config),
    }
}

/// Runs the helper until it is stopped.
fn serve(config: &config::Config) -> ExitCode {
    #[cfg(windows)]
    let _instance = match veiviser_helper::windows::SingleInstance::take() {
        Ok(instance) => instance,
        Err(message) => {
            log::line(&message);
            return ExitCode::from(3);
        }
    };
    match veiviser_helper::server::start(config) {
        Ok(running) => {
            let origins = config.allowed_origins.join(" ");
            log::line(&format!(
                "{} started on http://{}{}; allowed origins: {}",
                env!("CARGO_PKG_VERSION"),
                running.addr,
                if config.port == DEFAULT_PORT { "" } else { " (not the default port)" },
                if origins.is_empty() { "none, so no web page can read it (see --allow-origin)" } else { &origins }
            ));
            match running.wait() {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    log::line(&message);
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            log::line(&message);
            ExitCode::FAILURE
        }
    }
}
