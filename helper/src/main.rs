//! `veiviser-helper`: the command line around the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use veiviser_helper::config::{self, DEFAULT_PORT};

/// Tells the Veiviser page what the card reader sees, on 127.0.0.1 only.
#[derive(Parser)]
#[command(name = "veiviser-helper", version, about)]
struct Cli {
    /// Port on 127.0.0.1 to answer on.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// An origin (scheme://host[:port]) whose pages may read the status; repeat for more.
    #[arg(long = "allow-origin", value_name = "URL")]
    allow_origin: Vec<String>,
    /// A file of allowed origins, one a line, read instead of the default ones
    /// (/etc/veiviser/allowed-origins.txt and ~/.config/veiviser/allowed-origins.txt;
    /// on Windows %ProgramData%\Veiviser\ and %APPDATA%\Veiviser\).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print what the helper sees, for a person on the phone with the helpdesk.
    Doctor,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match config::load(cli.port, &cli.allow_origin, cli.config.as_deref()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("veiviser-helper: {message}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Doctor) => {
            print!("{}", veiviser_helper::doctor::report(&config));
            ExitCode::SUCCESS
        }
        None => match veiviser_helper::server::start(&config) {
            Ok(running) => {
                eprintln!("veiviser-helper {} on http://{}", env!("CARGO_PKG_VERSION"), running.addr);
                if config.allowed_origins.is_empty() {
                    eprintln!("veiviser-helper: no origin is allowed, so no web page can read it (see --allow-origin)");
                }
                match running.wait() {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(message) => {
                        eprintln!("veiviser-helper: {message}");
                        ExitCode::FAILURE
                    }
                }
            }
            Err(message) => {
                eprintln!("veiviser-helper: {message}");
                ExitCode::FAILURE
            }
        },
    }
}
