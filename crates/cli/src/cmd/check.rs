//! `gongkai check`: findings the way a compiler prints them, and an exit code that says
//! whether any report has errors (0 none, 1 errors, 2 unreadable input or bad usage).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use gongkai_model::{Finding, Lang};
use gongkai_write::Summary;
use rayon::prelude::*;

use crate::args::{CheckArgs, CheckFormat, ColorArg};
use crate::input::{collect, Input};

/// The outcome for one input.
enum Checked {
    Ok {
        name: String,
        read: Box<gongkai_read::Read>,
        findings: Vec<Finding>,
    },
    Failed {
        name: String,
        error: String,
    },
}

fn check_one(input: Input, lang: Lang) -> Checked {
    let bytes = match input.bytes {
        Ok(b) => b,
        Err(e) => {
            return Checked::Failed {
                name: input.name,
                error: e,
            }
        }
    };
    match gongkai_read::read_bytes(&bytes) {
        Ok(read) => {
            let findings = gongkai_check::check(&read.report);
            Checked::Ok {
                name: input.name,
                read: Box::new(read),
                findings,
            }
        }
        Err(e) => Checked::Failed {
            name: input.name,
            error: e.message(lang),
        },
    }
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let inputs = collect(&args.files, lang)?;
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let results: Vec<Checked> = inputs.into_par_iter().map(|i| check_one(i, lang)).collect();

    // Count first, print second: the exit code is known even if the output pipe closes.
    let mut summary = Summary::default();
    for r in &results {
        match r {
            Checked::Ok { findings, .. } => summary.add(findings),
            Checked::Failed { .. } => summary.unreadable += 1,
        }
    }
    let code = if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    match print(&args, &results, &summary, lang, color) {
        Err(e) if crate::is_broken_pipe(&e) => Ok(code),
        Err(e) => Err(e),
        Ok(()) => Ok(code),
    }
}

fn print(
    args: &CheckArgs,
    results: &[Checked],
    summary: &Summary,
    lang: Lang,
    color: bool,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut json_files = Vec::new();
    for r in results {
        match r {
            Checked::Ok {
                name,
                read,
                findings,
            } => match args.format {
                CheckFormat::Text if !args.quiet => {
                    let (text, report) = (read.document.text(), &read.report);
                    let shown = gongkai_write::render_diagnostics_with_report(
                        name, text, report, findings, lang, color,
                    );
                    if !shown.is_empty() {
                        // A blank line after each file's findings keeps files apart.
                        writeln!(out, "{}", shown.trim_end())?;
                        writeln!(out)?;
                    }
                }
                CheckFormat::Json => {
                    json_files.push(gongkai_write::findings_json(name, findings, lang))
                }
                _ => {}
            },
            Checked::Failed { name, error } => {
                let label = match lang {
                    Lang::Zh => "无法读取",
                    Lang::En => "cannot read",
                };
                eprintln!("{name}: {label}: {error}");
            }
        }
    }
    match args.format {
        CheckFormat::Text => writeln!(out, "{}", summary.line(lang))?,
        CheckFormat::Json => {
            let doc = serde_json::json!({
                "files": json_files,
                "summary": {
                    "files": summary.files,
                    "files_with_errors": summary.files_with_errors,
                    "unreadable": summary.unreadable,
                    "error": summary.errors,
                    "warning": summary.warnings,
                    "notice": summary.notices,
                }
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
    }
    out.flush()?;
    Ok(())
}
