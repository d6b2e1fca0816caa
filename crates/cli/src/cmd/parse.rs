//! `gongkai parse`: a report as data — JSON per KEYS.md, or the tidy CSV.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Result};
use gongkai_model::Lang;

use crate::args::{ParseArgs, ParseFormat};
use crate::input::single;

pub fn run(args: ParseArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let Some(input) = single(&args.file, lang) else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => "parse 只接受一个文件；多个文件请用 check 或逐个解析",
                Lang::En => "parse takes exactly one file; use check for many",
            }
        );
    };
    let bytes = match input.bytes {
        Ok(b) => b,
        Err(e) => bail!("{}: {e}", input.name),
    };
    let read = match gongkai_read::read_bytes(&bytes) {
        Ok(r) => r,
        Err(e) => bail!("{}: {}", input.name, e.message(lang)),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ParseFormat::Json => {
            let findings = gongkai_check::check(&read.report);
            let value =
                gongkai_write::report_json(&read.report, &findings, lang, Some(&input.name));
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        ParseFormat::Csv => {
            gongkai_write::cells_csv(&read.report, &mut out, args.bom)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
