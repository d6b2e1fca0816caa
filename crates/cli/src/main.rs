//! `gongkai`: read, check and write China's government information disclosure annual reports.

mod args;
mod cmd;
mod input;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Reading allocates many small, short-lived strings and vectors; mimalloc serves them in fewer
/// instructions than the system allocator: read+check ~20% faster, ingest ~35%, for a fixed
/// 15–50 MB more resident memory (README, Benchmarks; `benches/read_check.rs`, `benches/ingest.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Rules(a) => cmd::rules::run(a),
        Command::Examples(a) => cmd::examples::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Units(a) => cmd::units::run(a),
        Command::Stats(a) => cmd::stats::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Corpus(a) => cmd::corpus::run(a),
        Command::New(a) => cmd::new::run(a),
        Command::Render(a) => cmd::render::run(a),
        Command::Desk(a) => cmd::desk::run(*a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Users(a) => cmd::users::run(a),
    };
    match result {
        Ok(code) => code,
        // `gongkai … | head`: the reader has what it wanted; that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gongkai: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a pipe whose reader has gone.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
