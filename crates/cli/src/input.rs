//! Where reports come from: files, directories (recursively) and standard input.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One input to read: its display name and bytes, or why it could not be read.
pub struct Input {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Text-like files picked up when a directory is given.
const EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// Expands the arguments into inputs, in order: a directory yields its report files sorted by
/// path; `-` is standard input.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("reading standard input")?;
            out.push(Input {
                name: "<stdin>".to_string(),
                bytes: Ok(buf),
            });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files)?;
            files.sort();
            for f in files {
                out.push(read_file(&f));
            }
        } else {
            out.push(read_file(p));
        }
    }
    Ok(out)
}

fn read_file(p: &Path) -> Input {
    Input {
        name: p.display().to_string(),
        bytes: std::fs::read(p).map_err(|e| e.to_string()),
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("reading directory {}", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}
