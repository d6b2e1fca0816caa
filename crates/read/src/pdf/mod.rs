//! PDF: the text layer, page by page, through poppler's `pdftotext`.
//!
//! The words and their boxes (`pdftotext -bbox-layout`, [`bbox`]) are laid out again with the
//! rows and columns of tables rebuilt from the coordinates ([`columns`]): one line per table row,
//! its cells (wrapped labels joined) separated by tabs, located as page / table / row / cell. A
//! sidebar printed beside the article is taken out of its page and read after it ([`flows`]).
//! When that output cannot be read, the text as `pdftotext -layout` lays it out (table columns
//! as runs of spaces, which the tokenizer splits on) is read instead.
//!
//! poppler is an external program here (STACK.md: the pure-Rust PDF crates panic on the fonts
//! Chinese government PDFs use, or scramble table rows). Without it, reading a PDF is a clear
//! error naming the package to install. A PDF with no text on any page is a scan.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::ReadError;
use crate::layout::{Layout, LayoutBuilder};

pub mod bbox;
pub mod columns;
pub mod flows;

/// Pages read at most: no annual report has more; a hostile file cannot make us read more.
const MAX_PAGES: u32 = 300;
/// Time allowed for the extraction.
const TIME_LIMIT: Duration = Duration::from_secs(60);
const TIMED_OUT: &str = "pdftotext did not finish in time";
/// Output of pdftotext read at most (the word boxes take some 300 bytes a word): beyond it,
/// the extraction fails.
const MAX_OUTPUT_BYTES: usize = 256 * 1024 * 1024;

/// The text layer of a PDF, laid out page by page, table rows rebuilt from the words' boxes.
pub fn read(bytes: &[u8]) -> Result<Layout, ReadError> {
    let xhtml = match extract(bytes, "-bbox-layout") {
        Ok(x) => x,
        // A poppler too old for -bbox-layout, or a file it chokes on in that mode only: the
        // plain layout (which reports a damaged or encrypted file as such). Not after the time
        // limit, which a hostile file would otherwise get twice.
        Err(ReadError::Corrupt { detail, .. }) if detail != TIMED_OUT => return read_plain(bytes),
        Err(e) => return Err(e),
    };
    // Document titles and authors in the header are sometimes mis-decoded; only words count.
    match bbox::parse(&String::from_utf8_lossy(&xhtml)) {
        Ok(pages) => {
            if pages.iter().all(|p| p.words.is_empty()) {
                return Err(ReadError::PdfWithoutText);
            }
            Ok(columns::lay_out(&pages))
        }
        Err(_) => read_plain(bytes),
    }
}

/// The text layer as `pdftotext -layout` lays it out, line by line.
pub fn read_plain(bytes: &[u8]) -> Result<Layout, ReadError> {
    let text = String::from_utf8(extract(bytes, "-layout")?)
        .map_err(|e| corrupt(format!("pdftotext gave invalid UTF-8: {e}")))?;
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

fn extract(bytes: &[u8], mode: &str) -> Result<Vec<u8>, ReadError> {
    let spawned = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8", "-l"])
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
            let _ = s.take(MAX_OUTPUT_BYTES as u64 + 1).read_to_end(&mut out);
            // Drain the rest so pdftotext is not blocked writing; it is killed or ends soon.
            let _ = std::io::copy(s, &mut std::io::sink());
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
                return Err(corrupt(TIMED_OUT.to_string()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(corrupt(format!("pdftotext: {e}"))),
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    if out.len() > MAX_OUTPUT_BYTES {
        return Err(corrupt(format!(
            "pdftotext wrote more than {MAX_OUTPUT_BYTES} bytes"
        )));
    }
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
    Ok(out)
}

fn corrupt(detail: String) -> ReadError {
    ReadError::Corrupt {
        kind: "PDF",
        detail,
    }
}
