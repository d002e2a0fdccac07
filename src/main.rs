//! The `runde` binary: parses the command line, runs it, and turns errors
//! into one clear line on stderr and an exit code (1 runtime, 2 usage).
#![forbid(unsafe_code)]
use clap::Parser;

fn main() {
    runde::complete::answer_if_asked();
    let cli = runde::cli::Cli::parse();
    if let Err(e) = runde::commands::run(cli) {
        if !matches!(e, runde::error::Error::OutputClosed) {
            eprintln!("runde: {e}");
        }
        std::process::exit(e.exit_code());
    }
}
