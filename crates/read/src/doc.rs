//! Word 97–2003 (`.doc`): converted to DOCX by LibreOffice, then read as DOCX.
//!
//! The binary format is not parsed here (STACK.md: LibreOffice is the dependable reader of it);
//! without LibreOffice, reading a `.doc` is a clear error naming the package to install. Each
//! conversion gets its own LibreOffice profile directory, so conversions may run in parallel.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::error::ReadError;
use crate::layout::Layout;

/// Time allowed for one conversion (LibreOffice starts in a few seconds).
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Reads a Word 97–2003 document.
pub fn read(bytes: &[u8]) -> Result<Layout, ReadError> {
    // A Word file's compound directory names its `WordDocument` stream (UTF-16LE); other OLE
    // files (Excel, PowerPoint, damaged ones) are not handed to LibreOffice, which would import
    // almost anything as plain text.
    if !is_word(bytes) {
        return Err(corrupt(
            "an OLE compound file without a WordDocument stream: not a Word 97–2003 document"
                .to_string(),
        ));
    }
    let dir = scratch_dir()?;
    let result = convert_and_read(bytes, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn is_word(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn convert_and_read(bytes: &[u8], dir: &Path) -> Result<Layout, ReadError> {
    let input = dir.join("report.doc");
    std::fs::write(&input, bytes).map_err(|e| corrupt(format!("writing a scratch file: {e}")))?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let spawned = Command::new("soffice")
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::ToolMissing {
                tool: "LibreOffice (soffice)",
                package: "libreoffice-writer-nogui",
            })
        }
        Err(e) => return Err(corrupt(format!("soffice: {e}"))),
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(corrupt("LibreOffice did not finish in time".to_string()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(corrupt(format!("soffice: {e}"))),
        }
    }
    match std::fs::read(dir.join("report.docx")) {
        Ok(docx) => crate::docx::read(&docx),
        // LibreOffice exits 0 even when it could not open the file; no output says so.
        Err(_) => Err(corrupt(
            "LibreOffice could not convert it (damaged, encrypted, or not a Word document)"
                .to_string(),
        )),
    }
}

/// A fresh directory of our own under the system's temporary directory.
fn scratch_dir() -> Result<PathBuf, ReadError> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    for attempt in 0..100u32 {
        let dir = std::env::temp_dir().join(format!(
            "gongkai-doc-{}-{nanos}-{attempt}",
            std::process::id()
        ));
        if std::fs::create_dir(&dir).is_ok() {
            return Ok(dir);
        }
    }
    Err(corrupt("no scratch directory could be made".to_string()))
}

fn corrupt(detail: String) -> ReadError {
    ReadError::Corrupt {
        kind: "DOC",
        detail,
    }
}
