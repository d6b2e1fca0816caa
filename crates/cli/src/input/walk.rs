//! The files `check` and `ingest` read: named files, and directories walked recursively in
//! sorted order, one directory listing at a time, so memory does not grow with the size of the
//! corpus.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use gongkai_model::Lang;

// Files picked up in directories: every kind the readers take (`gongkai_read::read_bytes`
// sniffs the content, so a file named on the command line is read whatever its name).
use super::{kinds, EXTENSIONS};

/// One item of a walk: a file to read, or a path that cannot be read (name, why).
pub type Item = Result<PathBuf, (String, String)>;

/// The files under `paths`, in order: each named file, each directory's files and
/// subdirectories by name. Problems (a missing path, an unlistable directory, a directory
/// without report files) come as `Err` items where they occur.
pub fn walk(paths: &[PathBuf], lang: Lang) -> impl Iterator<Item = Item> + Send + '_ {
    paths.iter().flat_map(move |p| top(p, lang))
}

/// How many items [`walk`] yields (files and problems): the progress bar's total. Walks the
/// directories once more rather than keeping every path.
pub fn count(paths: &[PathBuf], lang: Lang) -> usize {
    walk(paths, lang).count()
}

fn top(p: &Path, lang: Lang) -> Box<dyn Iterator<Item = Item> + Send> {
    if p.is_dir() {
        let mut files = Dir::new(p).peekable();
        if files.peek().is_none() {
            return Box::new(std::iter::once(Err((
                p.display().to_string(),
                match lang {
                    Lang::Zh => format!("目录中没有报告文件（{}）", kinds("、")),
                    Lang::En => format!("the directory holds no report files ({})", kinds(", ")),
                },
            ))));
        }
        Box::new(files)
    } else if p.exists() {
        Box::new(std::iter::once(Ok(p.to_path_buf())))
    } else {
        Box::new(std::iter::once(Err((
            p.display().to_string(),
            match lang {
                Lang::Zh => "文件不存在，请检查路径".to_string(),
                Lang::En => "no such file; check the path".to_string(),
            },
        ))))
    }
}

/// A depth-first walk of one directory: a stack of sorted listings still to visit.
struct Dir {
    stack: Vec<Listing>,
    /// An unlistable directory met on the way, reported as the next item.
    problem: Option<(String, String)>,
}

/// One directory's entries, sorted by name. The names are packed into one string rather than
/// kept as a path each: a directory of 100,000 reports took 11 MB as paths (the directory's
/// name repeated in every one, an allocation each), which made the ingest's peak memory grow
/// with the corpus; packed, it takes a third of that.
struct Listing {
    dir: PathBuf,
    /// The UTF-8 names (in practice all of them), one after another.
    packed: String,
    /// Where each packed name starts and ends, in name order.
    order: std::iter::Peekable<std::vec::IntoIter<(u32, u32)>>,
    /// Names that are not UTF-8 (or do not fit the packing), in name order.
    other: std::iter::Peekable<std::vec::IntoIter<OsString>>,
}

impl Listing {
    fn read(dir: &Path) -> std::io::Result<Listing> {
        let mut packed = String::new();
        let mut spans: Vec<(u32, u32)> = Vec::new();
        let mut other: Vec<OsString> = Vec::new();
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name();
            let span = name.to_str().and_then(|n| {
                let start = u32::try_from(packed.len()).ok()?;
                let end = u32::try_from(packed.len() + n.len()).ok()?;
                packed.push_str(n);
                Some((start, end))
            });
            match span {
                Some(span) => spans.push(span),
                None => other.push(name),
            }
        }
        spans.sort_unstable_by(|&x, &y| {
            Listing::packed_name(&packed, x).cmp(Listing::packed_name(&packed, y))
        });
        other.sort_unstable();
        Ok(Listing {
            dir: dir.to_path_buf(),
            order: spans.into_iter().peekable(),
            other: other.into_iter().peekable(),
            packed,
        })
    }

    fn packed_name(packed: &str, (a, b): (u32, u32)) -> &str {
        packed.get(a as usize..b as usize).unwrap_or_default()
    }

    /// The next entry's path, by name across both kinds of names.
    fn next_path(&mut self) -> Option<PathBuf> {
        let packed_first = match (self.order.peek(), self.other.peek()) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(&span), Some(o)) => {
                OsStr::new(Listing::packed_name(&self.packed, span)) <= o.as_os_str()
            }
        };
        if packed_first {
            let span = self.order.next()?;
            Some(self.dir.join(Listing::packed_name(&self.packed, span)))
        } else {
            self.other.next().map(|o| self.dir.join(o))
        }
    }
}

impl Dir {
    fn new(root: &Path) -> Dir {
        let mut d = Dir {
            stack: Vec::new(),
            problem: None,
        };
        d.enter(root);
        d
    }

    fn enter(&mut self, dir: &Path) {
        match Listing::read(dir) {
            Ok(listing) => self.stack.push(listing),
            Err(e) => self.problem = Some((dir.display().to_string(), e.to_string())),
        }
    }
}

impl Iterator for Dir {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(p) = self.problem.take() {
                return Some(Err(p));
            }
            let top = self.stack.last_mut()?;
            let Some(path) = top.next_path() else {
                self.stack.pop();
                continue;
            };
            if path.is_dir() {
                self.enter(&path);
            } else if is_report_file(&path) {
                return Some(Ok(path));
            }
        }
    }
}

fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_order_with_problems_in_place() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path();
        for f in ["b/2.txt", "b/1.pdf", "a.html", "c/skip.png", "c/d/3.docx"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "x").expect("write");
        }
        std::fs::create_dir_all(root.join("empty")).expect("mkdir");
        let paths = vec![
            root.to_path_buf(),
            root.join("missing.txt"),
            root.join("empty"),
        ];
        let got: Vec<String> = walk(&paths, Lang::En)
            .map(|i| match i {
                Ok(p) => p
                    .strip_prefix(root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                Err((name, why)) => format!(
                    "! {} {why}",
                    Path::new(&name)
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default()
                ),
            })
            .collect();
        assert_eq!(
            got,
            [
                "a.html".to_string(),
                "b/1.pdf".to_string(),
                "b/2.txt".to_string(),
                "c/d/3.docx".to_string(),
                "! missing.txt no such file; check the path".to_string(),
                format!(
                    "! empty the directory holds no report files ({})",
                    kinds(", ")
                ),
            ]
        );
        assert!(kinds(", ").starts_with(".txt, .text, .md, .html"));
        assert_eq!(count(&paths, Lang::En), got.len());
    }

    /// Names that are not UTF-8 are kept apart from the packed ones and still come in name
    /// order among them.
    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_place() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temporary directory");
        let odd = OsStr::from_bytes(b"b\xff.txt");
        for name in [OsStr::new("a.txt"), odd, OsStr::new("c.txt")] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let got: Vec<PathBuf> = walk(&[dir.path().to_path_buf()], Lang::En)
            .map(|i| i.expect("a file"))
            .collect();
        let want: Vec<PathBuf> = ["a.txt".as_ref(), odd, "c.txt".as_ref()]
            .iter()
            .map(|n| dir.path().join(n))
            .collect();
        assert_eq!(got, want);
    }
}
