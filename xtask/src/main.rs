//! `cargo xtask`: Veiviser's task runner. Every task sets up what it needs first.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod bench;
mod command;
mod compress;
mod docs;
mod apache;
mod nginx;
mod run;
mod serve;
mod setup;
mod site;
mod test;
mod toolchain;
mod web_server;
mod windows;
mod wine;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Veiviser's tasks: run, test, dist")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the site, serve it on http://127.0.0.1:8080 and start the helper.
    Run {
        /// Port of the site.
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Run every test of the project.
    Test,
    /// Build the deployable static site into dist/.
    Dist,
    /// Install what every task needs (run and test install what they need themselves; the others say what is missing).
    Setup,
    /// Measure speed and size: prints figures, asserts nothing.
    Bench {
        /// Only the native figures of the guides (seconds, no browser or card stack).
        #[arg(long)]
        native: bool,
    },
    /// Cross-build veiviser-helper.exe for Windows and its MSI (target/windows/veiviser-helper.msi).
    HelperWindows,
    /// Serve dist/ as a static site, with the Content Security Policy.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Sub-path to serve the site under, for example /veiviser/.
        #[arg(long, default_value = "/")]
        base: String,
    },
}

/// `cargo xtask setup`: what every task needs, the benchmark's and the Windows build's too.
fn setup_everything() -> Result<(), String> {
    setup::everything()?;
    nginx::provision()?;
    apache::provision()?;
    windows::provision()?;
    wine::provision()?;
    bench::provision()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Run { port } => {
            setup::may_install();
            run::run(port)
        }
        Task::Test => {
            setup::may_install();
            test::test()
        }
        Task::Dist => setup::for_site().and_then(|tools| site::dist(&tools)),
        Task::Setup => {
            setup::may_install();
            setup_everything()
        }
        Task::Bench { native } => bench::bench(native),
        Task::HelperWindows => windows::build().map(|msi| println!("{}", msi.display())),
        Task::Serve { port, base } => serve::Site::start(&site::dist_dir(), port, &base).map(|site| {
            println!("Serving {} on {}", site::dist_dir().display(), site.url);
            site.wait();
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}
