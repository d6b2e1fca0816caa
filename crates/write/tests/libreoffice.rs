//! What the renderers write opens in a real office suite: the DOCX and the HTML of a generated
//! report are converted by LibreOffice (headless) to PDF; the PDF's text (poppler's pdftotext)
//! holds the title, every part heading and every row of 表三 with its seven values in order, and
//! its first page is turned into PNG (pdftoppm).
//!
//! The Word document's PDF is also read back by gongkai's PDF reader: every 表三 value comes
//! back (LibreOffice wraps long row labels over several lines in narrow label columns, so a
//! row label can sit beside the last line of its group's label).
//! With `GONGKAI_SCREENSHOTS=1` the pictures are copied to `docs/screenshots/` — the committed
//! screenshots of each layout.
//!
//! Needs `soffice` (Debian: libreoffice-writer-nogui) and poppler-utils; without them the test
//! says it skipped and passes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use gongkai_model::{FormatId, Lang, Report};
use gongkai_synth::{generate, GenOptions, Scale};
use gongkai_write::render::{render, Render, Target};
use gongkai_write::Narrative;

/// Whether `tool` runs (`flag` prints its version: soffice `--version`, pdftoppm `-v`).
fn have(tool: &str, flag: &str) -> bool {
    Command::new(tool)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a command with a time limit; `true` when it finished successfully.
fn run_bounded(cmd: &mut Command, limit: Duration) -> bool {
    let Ok(mut child) = cmd.spawn() else {
        return false;
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// LibreOffice converts `file` to PDF in `out`, with a profile of its own (a user's running
/// LibreOffice does not interfere).
/// An HTML page is opened as a Writer document (the "HTML (StarWriter)" filter): LibreOffice's
/// default for HTML, Writer/Web, exports CJK text here as blank pages.
fn to_pdf(file: &Path, out: &Path) -> PathBuf {
    let profile = out.join("lo-profile");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore"]);
    if file.extension().is_some_and(|e| e == "html") {
        cmd.arg("--infilter=HTML (StarWriter)")
            .args(["--convert-to", "pdf:writer_pdf_Export"]);
    } else {
        cmd.args(["--convert-to", "pdf"]);
    }
    let ok = run_bounded(
        cmd.arg("--outdir").arg(out).arg(file),
        Duration::from_secs(120),
    );
    assert!(ok, "soffice converts {}", file.display());
    let pdf = out.join(format!(
        "{}.pdf",
        file.file_stem().and_then(|s| s.to_str()).unwrap_or("out")
    ));
    assert!(pdf.exists(), "{} written", pdf.display());
    pdf
}

/// The text of a PDF as poppler lays it out.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first two pages of a PDF as PNG (80 dpi is enough to see the layout).
fn first_pages_png(pdf: &Path, stem: &Path) -> Vec<PathBuf> {
    let ok = run_bounded(
        Command::new("pdftoppm")
            .args(["-png", "-r", "80", "-f", "1", "-l", "2"])
            .arg(pdf)
            .arg(stem),
        Duration::from_secs(60),
    );
    assert!(ok, "pdftoppm renders {}", pdf.display());
    let dir = stem.parent().unwrap_or(Path::new("."));
    let name = stem
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("page")
        .to_string();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.starts_with(&name) && s.ends_with(".png"))
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "a PNG page");
    pages
}

fn report() -> Report {
    generate(
        21,
        &GenOptions {
            format: FormatId::F2021,
            year: Some(2025),
            scale: Scale::Typical,
        },
    )
}

fn narrative() -> Narrative {
    let mut n = Narrative::new();
    n.set(
        "overview",
        vec!["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息 120 条。".into()],
    );
    n.set("problems", vec!["一是公开内容还不够全面。".into()]);
    n.set("other_matters", vec!["本年度未收取信息处理费。".into()]);
    n
}

#[test]
fn docx_and_html_open_in_libreoffice_and_read_back_from_its_pdf() {
    if !have("soffice", "--version") || !have("pdftoppm", "-v") {
        eprintln!(
            "SKIPPED: LibreOffice or poppler is not installed (apt-get install libreoffice-writer-nogui poppler-utils poppler-data fonts-noto-cjk)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let r = report();
    let n = narrative();
    let input = Render {
        report: &r,
        narrative: &n,
        appendix: None,
        lang: Lang::Zh,
    };
    let docx = dir.path().join("report-docx.docx");
    std::fs::write(
        &docx,
        gongkai_write::render::docx::render(&input).expect("docx"),
    )
    .expect("write");
    let html = dir.path().join("report-html.html");
    std::fs::write(&html, render(Target::Html, &input)).expect("write");

    let shots = std::env::var_os("GONGKAI_SCREENSHOTS").is_some();
    for (file, shot) in [(&docx, "render-docx"), (&html, "render-html")] {
        let pdf = to_pdf(file, dir.path());
        let text = pdf_text(&pdf);
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let title: String = gongkai_write::render::title(&r)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            flat.contains(&title),
            "{}: the title in\n{text}",
            file.display()
        );
        for s in r.format_def().sections {
            let heading = format!("{}、{}", s.number, s.label);
            assert!(flat.contains(&heading), "{}: {heading}", file.display());
        }
        // Each row of 表三: a line of the PDF ends with its seven values, in order.
        let lines: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        let def = r.format_def().table("requests").expect("表三");
        for row in def.rows {
            let values: Vec<String> = r
                .cells
                .iter()
                .filter(|c| c.table == "requests" && c.row == row.key)
                .map(|c| gongkai_model::report::format_value(c.value.unwrap_or(f64::NAN)))
                .collect();
            assert_eq!(values.len(), 7);
            let found = lines
                .iter()
                .any(|l| l.len() >= 7 && l[l.len() - 7..].iter().zip(&values).all(|(a, b)| a == b));
            assert!(
                found,
                "{}: row {} ({:?}) in\n{text}",
                file.display(),
                row.key,
                values
            );
        }
        if file == &docx {
            // The PDF Word users would publish: gongkai's PDF reader gets every 表三 value back
            // (LibreOffice wraps long row labels in their narrow columns; a row whose label it
            // cannot match is inferred from the table's totals, with a note).
            let read = gongkai_read::read_bytes(&std::fs::read(&pdf).expect("pdf"))
                .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
                .report;
            for c in r.cells.iter().filter(|c| c.table == "requests") {
                let got = read.cell(&c.key()).and_then(|x| x.value);
                assert_eq!(got, c.value, "{} read back from the PDF", c.key());
            }
        }
        let pngs = first_pages_png(&pdf, &dir.path().join(file.file_stem().expect("stem")));
        for (i, png) in pngs.iter().enumerate() {
            let png_bytes = std::fs::read(png).expect("png");
            assert!(png_bytes.starts_with(b"\x89PNG"), "a PNG");
            if shots {
                let to = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../docs/screenshots")
                    .join(format!("{shot}-{}.png", i + 1));
                std::fs::write(&to, png_bytes).expect("copy the screenshot");
            }
        }
    }
}
