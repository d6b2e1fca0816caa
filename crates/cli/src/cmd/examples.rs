//! `gongkai examples [DIR]`: writes the generated example reports the README uses.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::args::ExamplesArgs;

pub fn run(args: ExamplesArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("creating {}", args.dir.display()))?;
    // Every file is written even if the list of names cannot be printed (a closed pipe).
    let mut out = std::io::stdout().lock();
    let mut listed = true;
    for (name, text) in gongkai_synth::examples() {
        let path = args.dir.join(&name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        if listed {
            listed = writeln!(out, "{}", path.display()).is_ok();
        }
    }
    Ok(ExitCode::SUCCESS)
}
