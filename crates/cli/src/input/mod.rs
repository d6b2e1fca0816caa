//! Where reports come from: files, directories (recursively, [`walk`]) and standard input.

pub mod walk;

use std::io::Read as _;
use std::path::{Path, PathBuf};

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

/// The one input `path` names, read; `None` when it names several (a directory of reports) or
/// none. Only as many entries as that takes are looked at, and only the one file is read.
pub fn single(path: &Path, lang: Lang) -> Option<Input> {
    let paths = [path.to_path_buf()];
    let mut inputs = pending(&paths, lang);
    let first = inputs.next()?;
    match inputs.next() {
        Some(_) => None,
        None => Some(first.read(lang)),
    }
}

/// The arguments as inputs, in order, listed as they are reached and not read yet: a directory
/// is walked one listing at a time ([`walk`]), so memory does not grow with the number of files;
/// `-` is standard input (read when reached: it can be read only once).
pub fn pending(paths: &[PathBuf], lang: Lang) -> impl Iterator<Item = Pending> + '_ {
    paths
        .iter()
        .flat_map(move |p| -> Box<dyn Iterator<Item = Pending> + '_> {
            if p.as_os_str() == "-" {
                let mut buf = Vec::new();
                let bytes = std::io::stdin()
                    .read_to_end(&mut buf)
                    .map(|_| buf)
                    .map_err(|e| io_message(&e, lang));
                return Box::new(std::iter::once(Pending {
                    name: "<stdin>".to_string(),
                    what: PendingKind::Read(bytes),
                }));
            }
            Box::new(
                walk::walk(std::slice::from_ref(p), lang).map(|item| match item {
                    Ok(path) => Pending {
                        name: path.display().to_string(),
                        what: PendingKind::File(path),
                    },
                    Err((name, error)) => Pending {
                        name,
                        what: PendingKind::Read(Err(error)),
                    },
                }),
            )
        })
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
