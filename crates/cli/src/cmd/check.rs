//! `gongkai check`: findings the way a compiler prints them, and an exit code that says
//! whether any report has errors (0 none, 1 errors, 2 unreadable input or bad usage).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use gongkai_model::{Finding, Lang};
use gongkai_write::Summary;
use rayon::prelude::*;

use crate::args::{CheckArgs, CheckFormat, ColorArg};
use crate::input::{pending, Input};

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

/// Inputs read and checked at once (in parallel), then printed and dropped before the next:
/// memory stays that of one batch whatever the number of files, and output keeps input order.
const BATCH: usize = 256;

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = std::io::stdout();
    let mut printer = Printer {
        args: &args,
        out: stdout.lock(),
        lang,
        color,
        files: 0,
        closed: false,
    };
    let mut summary = Summary::default();
    let mut inputs = pending(&args.files, lang);
    loop {
        let batch: Vec<_> = inputs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Checked> = batch
            .into_par_iter()
            .map(|p| check_one(p.read(lang), lang))
            .collect();
        for r in &results {
            match r {
                Checked::Ok { findings, .. } => summary.add(findings),
                Checked::Failed { .. } => summary.unreadable += 1,
            }
            printer.file(r)?;
        }
    }
    printer.end(&summary)?;
    // The exit code counts every file, even when the output pipe closed early.
    Ok(if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints the findings file by file as they come (JSON as one document, streamed).
struct Printer<'a, W: Write> {
    args: &'a CheckArgs,
    out: W,
    lang: Lang,
    color: bool,
    /// Files printed so far in the JSON document.
    files: usize,
    /// Whether the reader of the output has gone (a closed pipe): nothing more is printed, the
    /// files are still checked for the exit code.
    closed: bool,
}

impl<W: Write> Printer<'_, W> {
    /// Runs a write, noting a closed pipe instead of failing on it.
    fn write(&mut self, f: impl FnOnce(&mut W) -> std::io::Result<()>) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match f(&mut self.out) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(e.into()),
            Ok(()) => Ok(()),
        }
    }

    fn file(&mut self, r: &Checked) -> Result<()> {
        match r {
            Checked::Ok {
                name,
                read,
                findings,
            } => match self.args.format {
                CheckFormat::Text if !self.args.quiet => {
                    let (text, report) = (read.document.text(), &read.report);
                    let shown = gongkai_write::render_diagnostics_with_report(
                        name, text, report, findings, self.lang, self.color,
                    );
                    if !shown.is_empty() {
                        // A blank line after each file's findings keeps files apart.
                        self.write(|out| writeln!(out, "{}\n", shown.trim_end()))?;
                    }
                }
                CheckFormat::Json => {
                    let file = gongkai_write::findings_json(name, findings, self.lang);
                    let text = json_element(&file)?;
                    let first = self.files == 0;
                    self.files += 1;
                    self.write(|out| {
                        if first {
                            write!(out, "{{\n  \"files\": [\n{text}")
                        } else {
                            write!(out, ",\n{text}")
                        }
                    })?;
                }
                _ => {}
            },
            Checked::Failed { name, error } => {
                let label = match self.lang {
                    Lang::Zh => "无法读取",
                    Lang::En => "cannot read",
                };
                eprintln!("{name}: {label}: {error}");
            }
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> Result<()> {
        match self.args.format {
            CheckFormat::Text => {
                let line = summary.line(self.lang);
                self.write(|out| writeln!(out, "{line}"))?;
            }
            CheckFormat::Json => {
                let summary =
                    serde_json::to_string_pretty(&summary_json(summary))?.replace('\n', "\n  ");
                let files = self.files;
                self.write(|out| {
                    if files == 0 {
                        write!(out, "{{\n  \"files\": [],")?;
                    } else {
                        write!(out, "\n  ],")?;
                    }
                    writeln!(out, "\n  \"summary\": {summary}\n}}")
                })?;
            }
        }
        self.write(|out| out.flush())
    }
}

/// The closing `summary` object of the JSON document.
fn summary_json(summary: &Summary) -> serde_json::Value {
    serde_json::json!({
        "files": summary.files,
        "files_with_errors": summary.files_with_errors,
        "unreadable": summary.unreadable,
        "error": summary.errors,
        "warning": summary.warnings,
        "notice": summary.notices,
    })
}

/// One element of the `files` array, pretty-printed at its depth in the document (as
/// `serde_json::to_string_pretty` prints the whole document; strings hold no raw line breaks).
fn json_element(v: &serde_json::Value) -> Result<String> {
    let pretty = serde_json::to_string_pretty(v)?;
    Ok(pretty
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::Cli;
    use clap::Parser as _;

    /// The streamed JSON document is exactly what printing it whole would give.
    #[test]
    fn streamed_json_equals_the_whole_document() {
        let args = match Cli::try_parse_from(["gongkai", "check", "--format", "json", "x"]) {
            Ok(Cli {
                command: crate::args::Command::Check(a),
                ..
            }) => a,
            _ => panic!("arguments parse"),
        };
        let finding = gongkai_model::Finding::new(
            "T3-BALANCE",
            gongkai_model::Severity::Error,
            gongkai_model::Outcome::Fail,
            gongkai_model::Message::new("不平衡", "unbalanced"),
        );
        for n in 0..3 {
            let mut printer = Printer {
                args: &args,
                out: Vec::new(),
                lang: Lang::Zh,
                color: false,
                files: 0,
                closed: false,
            };
            let mut summary = Summary::default();
            let mut whole = Vec::new();
            for i in 0..n {
                let name = format!("r{i}.txt");
                let findings = vec![finding.clone(); i];
                summary.add(&findings);
                whole.push(gongkai_write::findings_json(&name, &findings, Lang::Zh));
                let read = gongkai_read::read_str("一、总体情况".to_string());
                printer
                    .file(&Checked::Ok {
                        name,
                        read: Box::new(read),
                        findings,
                    })
                    .expect("prints");
            }
            printer.end(&summary).expect("ends");
            let doc = serde_json::json!({
                "files": whole,
                "summary": summary_json(&summary),
            });
            let want = format!("{}\n", serde_json::to_string_pretty(&doc).expect("pretty"));
            assert_eq!(
                String::from_utf8(printer.out).expect("utf-8"),
                want,
                "{n} files"
            );
        }
    }
}
