//! `gongkai`: read, check and write China's government information disclosure annual reports.

mod args;
mod cmd;
mod input;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Rules(a) => cmd::rules::run(a),
        Command::Examples(a) => cmd::examples::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gongkai: {e:#}");
            ExitCode::from(2)
        }
    }
}
