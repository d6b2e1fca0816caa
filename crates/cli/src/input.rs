//! Where reports come from: files, directories (recursively) and standard input.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use gongkai_model::Lang;

/// One input to read: its display name and bytes, or why it could not be read.
pub struct Input {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Text-like files picked up when a directory is given.
const EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// Expands the arguments into inputs, in order: a directory yields its report files sorted by
/// path; `-` is standard input.
pub fn collect(paths: &[PathBuf], lang: Lang) -> Result<Vec<Input>> {
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
            if files.is_empty() {
                // A directory with nothing to check is almost always the wrong directory.
                out.push(Input {
                    name: p.display().to_string(),
                    bytes: Err(match lang {
                        Lang::Zh => "目录中没有报告文件（.txt、.text、.md）".to_string(),
                        Lang::En => {
                            "the directory holds no report files (.txt, .text, .md)".to_string()
                        }
                    }),
                });
            }
            for f in files {
                out.push(read_file(&f, lang));
            }
        } else {
            out.push(read_file(p, lang));
        }
    }
    Ok(out)
}

fn read_file(p: &Path, lang: Lang) -> Input {
    Input {
        name: p.display().to_string(),
        bytes: std::fs::read(p).map_err(|e| io_message(&e, lang)),
    }
}

/// An I/O error in the user's language (the common ones; others as the system words them).
fn io_message(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    match (e.kind(), lang) {
        (NotFound, Lang::Zh) => "文件不存在，请检查路径".to_string(),
        (NotFound, Lang::En) => "no such file; check the path".to_string(),
        (PermissionDenied, Lang::Zh) => "没有读取该文件的权限".to_string(),
        (PermissionDenied, Lang::En) => "permission denied".to_string(),
        (IsADirectory, Lang::Zh) => "这是一个目录".to_string(),
        (_, Lang::Zh) => format!("读取失败：{e}"),
        (_, Lang::En) => e.to_string(),
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
