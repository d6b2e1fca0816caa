//! `gongkai render`: a report in the official layout, from a draft (TOML), the JSON of `gongkai
//! parse`, or a text report. The rules run first: a report with errors is refused (exit 1, the
//! findings printed as `check` prints them) unless `--force`, which renders it anyway and lists
//! the findings at the end of the document.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use gongkai_model::{Finding, FormatId, Lang, Report, Severity};
use gongkai_write::render::{render, Render, Target};
use gongkai_write::{draft, Narrative, Summary};

use crate::args::{ColorArg, RenderArgs, RenderTo};
use crate::input::single;

/// A report loaded for rendering, with the text its sources point into.
struct Loaded {
    report: Report,
    narrative: Narrative,
    /// The text the report's `Source::Text` places refer to (the draft, the text report); empty
    /// for JSON, whose places refer to a text we do not have.
    source_text: String,
}

pub fn run(args: RenderArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let target = target(&args, lang)?;
    if let Some(id) = args.stored {
        let loaded = load_stored(&args, id, lang)?;
        return finish(&args, target, &format!("#{id}"), loaded, lang);
    }
    let Some(file) = &args.file else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => "请给出要输出的文件，或用 --stored ID 输出库中的报告",
                Lang::En => "give a file to render, or --stored ID for a stored report",
            }
        );
    };
    let Some(input) = single(file, lang) else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => "render 只接受一个文件",
                Lang::En => "render takes exactly one file",
            }
        );
    };
    let bytes = match input.bytes {
        Ok(b) => b,
        Err(e) => bail!("{}: {e}", input.name),
    };
    let loaded = load(&input.name, &bytes, lang)?;
    finish(&args, target, &input.name, loaded, lang)
}

/// A report from the store: its cells as stored, and its prose when the store kept the text it
/// was read from (reports saved from the web application's review desk).
fn load_stored(args: &RenderArgs, id: i64, lang: Lang) -> Result<Loaded> {
    let mut store = args.db.open(lang)?;
    let stored = store
        .load_report(id)
        .map_err(|e| anyhow::anyhow!("{}", e.message(lang)))?;
    let Some(stored) = stored else {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "库中没有编号为 {id} 的报告（gongkai export --what reports 列出全部报告）"
                ),
                Lang::En => format!(
                    "the store has no report {id} (`gongkai export --what reports` lists them)"
                ),
            }
        );
    };
    let source_text = store
        .report_source(id)
        .map_err(|e| anyhow::anyhow!("{}", e.message(lang)))?
        .unwrap_or_default();
    let narrative = if source_text.is_empty() {
        Narrative::new()
    } else {
        Narrative::from_source(
            &source_text,
            &stored.report,
            gongkai_read::chrome::is_chrome,
        )
    };
    Ok(Loaded {
        report: stored.report,
        narrative,
        source_text,
    })
}

/// Checks and renders a loaded report (refusing one with errors unless `--force`).
fn finish(
    args: &RenderArgs,
    target: Output,
    name: &str,
    loaded: Loaded,
    lang: Lang,
) -> Result<ExitCode> {
    if loaded.report.format == FormatId::Legacy {
        bail!(
            "{}: {}",
            name,
            match lang {
                Lang::Zh => "这是 2019 年以前的报告，没有统一格式可依，无法按官方格式输出",
                Lang::En =>
                    "this is a pre-2019 report: there is no official layout to render it in",
            }
        );
    }

    let findings = gongkai_check::check(&loaded.report);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if !findings.is_empty() {
        report_findings(name, &loaded, &findings, lang, color);
    }
    if errors > 0 && !args.force {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => "报告有错误，未输出。请改正后重试；如确需输出，加 --force（检查结果会列在文末）。",
                Lang::En => "the report has errors and was not rendered; fix them, or add --force to render it with the findings listed at the end",
            }
        );
        return Ok(ExitCode::from(1));
    }

    let appendix: Option<&[Finding]> = (args.force && !findings.is_empty()).then_some(&findings);
    let input = Render {
        report: &loaded.report,
        narrative: &loaded.narrative,
        appendix,
        lang,
    };
    let out: Vec<u8> = match target {
        Output::Text(t) => render(t, &input).into_bytes(),
        Output::Docx => {
            gongkai_write::render::docx::render(&input).map_err(|e| anyhow::anyhow!(e))?
        }
        Output::Xlsx => {
            gongkai_write::render::xlsx::render(&input).map_err(|e| anyhow::anyhow!(e))?
        }
    };
    match &args.output {
        None => {
            if matches!(target, Output::Docx | Output::Xlsx) && std::io::stdout().is_terminal() {
                bail!(
                    "{}",
                    match lang {
                        Lang::Zh => "DOCX 和 XLSX 是二进制文件，请用 -o 指定输出文件",
                        Lang::En => "DOCX and XLSX are binary: give an output file with -o",
                    }
                );
            }
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            w.write_all(&out)?;
            w.flush()?;
        }
        Some(path) => std::fs::write(path, out).with_context(|| match lang {
            Lang::Zh => format!("无法写入 {}", path.display()),
            Lang::En => format!("cannot write {}", path.display()),
        })?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What `render` writes: one of the text targets, or a Word file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Text(Target),
    Docx,
    Xlsx,
}

/// `--to`, or the output file's extension.
fn target(args: &RenderArgs, lang: Lang) -> Result<Output> {
    let to = match (args.to, &args.output) {
        (Some(t), _) => Some(t),
        (None, Some(p)) => by_extension(p),
        (None, None) => None,
    };
    match to {
        Some(RenderTo::Html) => Ok(Output::Text(Target::Html)),
        Some(RenderTo::Md) => Ok(Output::Text(Target::Markdown)),
        Some(RenderTo::Txt) => Ok(Output::Text(Target::Text)),
        Some(RenderTo::Docx) => Ok(Output::Docx),
        Some(RenderTo::Xlsx) => Ok(Output::Xlsx),
        None => bail!(
            "{}",
            match lang {
                Lang::Zh => "请用 --to html|md|txt|docx|xlsx 指定输出格式（或用 -o 给出带扩展名的文件名）",
                Lang::En => "choose the output with --to html|md|txt|docx|xlsx (or an -o file name with that extension)",
            }
        ),
    }
}

fn by_extension(p: &Path) -> Option<RenderTo> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(RenderTo::Html),
        "md" | "markdown" => Some(RenderTo::Md),
        "txt" | "text" => Some(RenderTo::Txt),
        "docx" => Some(RenderTo::Docx),
        "xlsx" => Some(RenderTo::Xlsx),
        _ => None,
    }
}

/// Reads a draft, a JSON report or a text report: a file named `.toml`, or one that parses as
/// TOML with a `[report]` table, is a draft; one that starts with `{` is JSON; anything else goes
/// to the text reader. A draft or JSON that does not read gives its own error (with the line)
/// rather than falling through to the text reader, which would read it as a report of nothing.
fn load(name: &str, bytes: &[u8], lang: Lang) -> Result<Loaded> {
    let utf8 = std::str::from_utf8(bytes)
        .ok()
        .map(|s| s.strip_prefix('\u{FEFF}').unwrap_or(s));
    if let Some(text) = utf8 {
        let is_toml = name.to_ascii_lowercase().ends_with(".toml");
        if is_toml || draft::looks_like_draft(text) {
            return match draft::read(text) {
                Ok(d) => Ok(Loaded {
                    report: d.report,
                    narrative: d.narrative,
                    source_text: text.to_string(),
                }),
                Err(e) => bail!(
                    "{name}: {}\n{}",
                    match lang {
                        Lang::Zh => "无法读取填报文件：",
                        Lang::En => "cannot read the draft:",
                    },
                    indent(&e.message(lang))
                ),
            };
        }
        if text.trim_start().starts_with('{') {
            return match gongkai_write::report_from_json(text) {
                Ok(report) => Ok(Loaded {
                    report,
                    narrative: Narrative::new(),
                    source_text: String::new(),
                }),
                Err(e) => bail!("{name}: {}", e.message(lang)),
            };
        }
    }
    let read = match gongkai_read::read_text(bytes) {
        Ok(r) => r,
        Err(e) => bail!("{name}: {}", e.message(lang)),
    };
    let narrative = Narrative::from_source(
        read.document.text(),
        &read.report,
        gongkai_read::chrome::is_chrome,
    );
    Ok(Loaded {
        narrative,
        source_text: read.document.text().to_string(),
        report: read.report,
    })
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The findings on standard error, as `gongkai check` prints them, with the summary line.
fn report_findings(name: &str, loaded: &Loaded, findings: &[Finding], lang: Lang, color: bool) {
    let shown = gongkai_write::render_diagnostics_with_report(
        name,
        &loaded.source_text,
        &loaded.report,
        findings,
        lang,
        color,
    );
    let mut summary = Summary::default();
    summary.add(findings);
    let stderr = std::io::stderr();
    let mut e = stderr.lock();
    // Standard error is best effort: a closed one must not stop the rendering.
    let _ = writeln!(e, "{}\n", shown.trim_end());
    let _ = writeln!(e, "{}", summary.line(lang));
}
