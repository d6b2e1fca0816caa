//! PDF: the text layer, as poppler's `pdftotext -layout` lays it out (table columns become runs
//! of spaces, which the tokenizer splits on), page by page.
//!
//! poppler is an external program here (STACK.md: the pure-Rust PDF crates panic on the fonts
//! Chinese government PDFs use, or scramble table rows). Without it, reading a PDF is a clear
//! error naming the package to install. A PDF with no text on any page is a scan.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::ReadError;
use crate::layout::{Layout, LayoutBuilder};

/// Pages read at most: no annual report has more; a hostile file cannot make us read more.
const MAX_PAGES: u32 = 300;
/// Time allowed for the extraction.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The text layer of a PDF, laid out page by page.
pub fn read(bytes: &[u8]) -> Result<Layout, ReadError> {
    let text = extract(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::PdfWithoutText);
    }
    let mut b = LayoutBuilder::new();
    for (p, page) in text.split('\u{c}').enumerate() {
        let page_no = p as u32 + 1;
        for (l, line) in page.lines().enumerate() {
            b.page_line(page_no, l as u32 + 1, line);
        }
    }
    Ok(b.finish())
}

fn extract(bytes: &[u8]) -> Result<String, ReadError> {
    let spawned = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-l"])
        .arg(MAX_PAGES.to_string())
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::ToolMissing {
                tool: "pdftotext",
                package: "poppler-utils",
            })
        }
        Err(e) => return Err(corrupt(format!("pdftotext: {e}"))),
    };
    // Feed stdin from a thread so a large PDF cannot dead-lock against a full stdout pipe.
    let input = bytes.to_vec();
    let mut stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(corrupt("pdftotext did not finish in time".to_string()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(corrupt(format!("pdftotext: {e}"))),
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if !status.success() {
        // pdftotext: 1 = cannot open (damaged), 3 = permissions (encrypted).
        let detail = err
            .lines()
            .find(|l| l.contains("Error"))
            .unwrap_or("pdftotext failed")
            .to_string();
        return Err(corrupt(detail));
    }
    String::from_utf8(out).map_err(|e| corrupt(format!("pdftotext gave invalid UTF-8: {e}")))
}

fn corrupt(detail: String) -> ReadError {
    ReadError::Corrupt {
        kind: "PDF",
        detail,
    }
}
