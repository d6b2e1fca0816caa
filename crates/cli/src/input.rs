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

/// The files picked up when a directory is given: every kind the readers know (the content
/// decides how a file is read; the name only which files are looked at).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "html", "htm", "shtml", "docx", "doc", "pdf",
];

/// The extensions read, as `.txt、.md…`, joined with `sep`.
pub fn kinds(sep: &str) -> String {
    EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// An input not read yet: a file (read when its turn comes, so that a directory of any size
/// is never held in memory at once), standard input, or an error found while listing.
pub struct Pending {
    name: String,
    what: PendingKind,
}

enum PendingKind {
    File(PathBuf),
    Read(Result<Vec<u8>, String>),
}

impl Pending {
    /// Reads the input's bytes.
    pub fn read(self, lang: Lang) -> Input {
        match self.what {
            PendingKind::File(p) => read_file(&p, lang),
            PendingKind::Read(bytes) => Input {
                name: self.name,
                bytes,
            },
        }
    }
}

/// Expands the arguments into inputs, in order, reading them all: a directory yields its
/// report files sorted by path; `-` is standard input.
pub fn collect(paths: &[PathBuf], lang: Lang) -> Result<Vec<Input>> {
    Ok(list(paths, lang)?
        .into_iter()
        .map(|p| p.read(lang))
        .collect())
}

/// Expands the arguments into inputs, in order, without reading the files yet (standard input
/// is read at once: it can be read only once).
pub fn list(paths: &[PathBuf], lang: Lang) -> Result<Vec<Pending>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("reading standard input")?;
            out.push(Pending {
                name: "<stdin>".to_string(),
                what: PendingKind::Read(Ok(buf)),
            });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files)?;
            files.sort();
            if files.is_empty() {
                // A directory with nothing to check is almost always the wrong directory.
                let kinds = kinds(match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                });
                out.push(Pending {
                    name: p.display().to_string(),
                    what: PendingKind::Read(Err(match lang {
                        Lang::Zh => format!("目录中没有报告文件（{kinds}）"),
                        Lang::En => format!("the directory holds no report files ({kinds})"),
                    })),
                });
            }
            out.extend(files.into_iter().map(|f| Pending {
                name: f.display().to_string(),
                what: PendingKind::File(f),
            }));
        } else {
            out.push(Pending {
                name: p.display().to_string(),
                what: PendingKind::File(p.clone()),
            });
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
