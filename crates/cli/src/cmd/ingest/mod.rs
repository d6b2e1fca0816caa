//! `gongkai ingest PATH... [--db PATH|URL]`: read, check and store many reports.
//!
//! Files are read and checked by one thread per core but one, and written by the remaining
//! thread, which also reads whenever no report is waiting for it. Each report is written
//! wholly inside one transaction, never split over two; the writer commits up to
//! `--batch` whole reports per transaction (and whatever is pending when the readers pause or a
//! second has passed), because a commit costs the same for one report as for a hundred (an fsync
//! in PostgreSQL). So a kill at any moment leaves whole reports only, losing at most one batch,
//! and a rerun skips what is stored (by content hash) and completes the rest. Memory stays flat
//! in the corpus size: only the set of stored hashes (32 bytes each) and the listing of the
//! directory being walked (its names packed, about 40 bytes a file) grow with it; directories
//! are walked one listing at a time ([`files`]), reports flow through a bounded channel and are
//! dropped once written.

use crate::input::walk as files;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use clap::Args;
use gongkai_model::{Finding, Lang, Report, Severity};
use gongkai_store::{content_hash, NewReport, Store, StoreError, Stored};

use crate::args::LangArg;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// 报告文件或目录（递归读取 .txt、.md、.html、.docx、.pdf）/ report files or directories (recursive)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    /// 输出语言 / language of messages
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// 每个事务提交的报告数上限（1 = 每份报告一个事务）/ most reports committed per transaction (1 = one each)
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch: u32,
    /// 进度显示：auto 在终端上显示进度条，否则每隔几秒输出一行 / progress: a bar on a terminal, plain lines otherwise
    #[arg(long, value_enum, default_value = "auto")]
    pub progress: ProgressArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum ProgressArg {
    Auto,
    Bar,
    Lines,
    Never,
}

/// The `--db` option shared by the store commands.
#[derive(Debug, Args)]
pub struct DbArg {
    /// 数据库：SQLite 文件路径或 postgres:// 地址；默认取环境变量 GONGKAI_DB，否则为 gongkai.db /
    /// database: an SQLite file or a postgres:// URL; default $GONGKAI_DB, else gongkai.db
    #[arg(long = "db", value_name = "PATH|URL", global = true)]
    pub db: Option<String>,
}

impl DbArg {
    /// The database named on the command line, in `GONGKAI_DB`, or the default file.
    pub fn target(&self) -> String {
        self.db
            .clone()
            .or_else(|| std::env::var("GONGKAI_DB").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| gongkai_store::DEFAULT_DB.to_string())
    }

    pub fn open(&self, lang: Lang) -> Result<Store> {
        let target = self.target();
        Store::open(&target).map_err(|e| anyhow!("{}", e.message(lang)))
    }
}

/// A report read and checked, ready to store.
struct Ready {
    name: String,
    hash: String,
    report: Report,
    findings: Vec<Finding>,
}

/// What a worker hands the writer for one file.
enum Outcome {
    Ready(Box<Ready>),
    Known,
    Unreadable { name: String, error: String },
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    done: usize,
    stored: usize,
    skipped: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    notices: usize,
}

impl Tally {
    fn findings(&self) -> usize {
        self.errors + self.warnings + self.notices
    }
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let mut store = args.db.open(lang)?;
    let mut tally = Tally::default();
    let known: HashSet<[u8; 32]> = store
        .content_hashes()
        .map_err(|e| anyhow!("{}", e.message(lang)))?
        .iter()
        .filter_map(|h| digest(h))
        .collect();

    // The total is only shown by the progress display; counting walks every directory once
    // more, so it is skipped when nothing is shown.
    let total = match args.progress {
        ProgressArg::Never => 0,
        _ => files::count(&args.paths, lang),
    };
    let batch = args.batch as usize;
    let progress = Progress::new(args.progress, total, lang);
    let start = Instant::now();
    let stop = AtomicBool::new(false);
    let work = Work {
        files: Mutex::new(Box::new(files::walk(&args.paths, lang))),
        known: &known,
        stop: &stop,
        lang,
    };
    // One thread fewer than the cores read and check; this thread writes, and reads too
    // whenever no report is waiting. The writer is the one part that cannot be spread over
    // threads: with a reader per core besides it, three busy threads shared two cores and the
    // writer waited for a core (measured over 100,000 reports on 2 cores: 6.5 s of 42 s
    // waiting, 29 s working), which is what limited the rate. Now it keeps a core, and the
    // cores are still never idle while files remain (on one core, this thread does all).
    let readers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .saturating_sub(1);
    // Room for about the reports read while the writer stores a batch (with fewer places than
    // a batch, the reader fills them mid-batch and its core idles until the commit); bounded by
    // the batch, so memory does not depend on how far the readers could run ahead.
    let (tx, rx) = sync_channel::<Outcome>(batch.max(64));
    let write_result: Result<()> = std::thread::scope(|scope| {
        let work = &work;
        for _ in 0..readers {
            let tx = tx.clone();
            scope.spawn(move || {
                while let Some(outcome) = work.next() {
                    // A send fails only when the writer has stopped; then there is nothing to do.
                    if tx.send(outcome).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: Vec<Ready> = Vec::with_capacity(batch);
        let mut oldest = Instant::now();
        loop {
            // A report the readers made, else one read here; once the files are all taken, wait
            // a little for the readers' last ones, and when none comes, commit what is pending,
            // so a slow reader never holds stored work back (and a kill then loses little).
            let (next, idle, closed) = match rx.try_recv() {
                Ok(o) => (Some(o), false, false),
                Err(_) => match work.next() {
                    Some(o) => (Some(o), false, false),
                    None => match rx.recv_timeout(Duration::from_millis(100)) {
                        Ok(o) => (Some(o), false, false),
                        Err(RecvTimeoutError::Timeout) => (None, true, false),
                        Err(RecvTimeoutError::Disconnected) => (None, false, true),
                    },
                },
            };
            if let Some(outcome) = next {
                tally.done += 1;
                match outcome {
                    Outcome::Known => tally.skipped += 1,
                    Outcome::Unreadable { name, error } => {
                        tally.unreadable += 1;
                        progress.println(&format!("{name}: {}: {error}", unreadable_label(lang)));
                    }
                    Outcome::Ready(r) => {
                        if pending.is_empty() {
                            oldest = Instant::now();
                        }
                        pending.push(*r);
                    }
                }
            }
            let due = closed || idle || oldest.elapsed() >= Duration::from_secs(1);
            if pending.len() >= batch || (!pending.is_empty() && due) {
                if let Err(e) = flush(&mut store, &mut pending, &mut tally) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(anyhow!("{}", e.message(lang)));
                }
            }
            progress.update(&tally, start.elapsed());
            if closed {
                break;
            }
        }
        Ok(())
    });
    progress.finish();
    write_result?;
    let secs = start.elapsed().as_secs_f64();
    println!("{}", summary_line(&tally, secs, store.target(), lang));
    Ok(if tally.unreadable > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files still to read, shared by the readers and the writer: each takes the next one.
struct Work<'a> {
    files: Mutex<Box<dyn Iterator<Item = files::Item> + Send + 'a>>,
    known: &'a HashSet<[u8; 32]>,
    stop: &'a AtomicBool,
    lang: Lang,
}

impl Work<'_> {
    /// Reads and checks the next file; `None` when there are no more (or the writer failed).
    fn next(&self) -> Option<Outcome> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        // The walk holds no invariant a panic could break mid-step: a poisoned lock is usable.
        let item = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .next()?;
        Some(match item {
            Ok(path) => process(&path, self.known, self.lang),
            Err((name, error)) => Outcome::Unreadable { name, error },
        })
    }
}

/// Stores the pending reports in one transaction and counts them.
fn flush(store: &mut Store, pending: &mut Vec<Ready>, tally: &mut Tally) -> Result<(), StoreError> {
    let news: Vec<NewReport<'_>> = pending
        .iter()
        .map(|r| NewReport {
            content_hash: &r.hash,
            source_name: &r.name,
            report: &r.report,
            findings: &r.findings,
        })
        .collect();
    let stored = store.store_reports(&news)?;
    for (r, s) in pending.iter().zip(stored) {
        match s {
            Stored::Inserted(_) => {
                tally.stored += 1;
                for f in &r.findings {
                    match f.severity {
                        Severity::Error => tally.errors += 1,
                        Severity::Warning => tally.warnings += 1,
                        Severity::Notice => tally.notices += 1,
                    }
                }
            }
            Stored::Existing => tally.skipped += 1,
        }
    }
    pending.clear();
    Ok(())
}

fn unreadable_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "无法读取",
        Lang::En => "cannot read",
    }
}

/// The 32 bytes of a hex content hash: what the ingest keeps of each stored report (a third
/// of the hex string's memory, and no allocation each).
fn digest(hex: &str) -> Option<[u8; 32]> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let s = std::str::from_utf8(pair).ok()?;
        *o = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
}

fn process(path: &Path, known: &HashSet<[u8; 32]>, lang: Lang) -> Outcome {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Unreadable {
                name,
                error: match lang {
                    Lang::Zh => format!("读取失败：{e}"),
                    Lang::En => e.to_string(),
                },
            }
        }
    };
    let hash = content_hash(&bytes);
    if digest(&hash).is_some_and(|d| known.contains(&d)) {
        return Outcome::Known;
    }
    match gongkai_read::read_bytes(&bytes) {
        Ok(read) => {
            let findings = gongkai_check::check(&read.report);
            Outcome::Ready(Box::new(Ready {
                name,
                hash,
                report: read.report,
                findings,
            }))
        }
        Err(e) => Outcome::Unreadable {
            name,
            error: e.message(lang),
        },
    }
}

fn summary_line(t: &Tally, secs: f64, target: &str, lang: Lang) -> String {
    let rate = if secs > 0.0 {
        t.stored as f64 / secs
    } else {
        0.0
    };
    match lang {
        Lang::Zh => format!(
            "入库 {} 份报告，跳过 {} 份（已在库中），{} 个文件无法读取；问题 {} 个（{} 个错误、{} 个警告、{} 个提示）；用时 {secs:.1} 秒，{rate:.0} 份/秒；数据库 {target}",
            t.stored, t.skipped, t.unreadable, t.findings(), t.errors, t.warnings, t.notices
        ),
        Lang::En => format!(
            "stored {} reports, skipped {} (already stored), {} unreadable; {} findings ({} errors, {} warnings, {} notices); {secs:.1} s, {rate:.0} reports/s; database {target}",
            t.stored, t.skipped, t.unreadable, t.findings(), t.errors, t.warnings, t.notices
        ),
    }
}

/// Progress on standard error: a bar on a terminal, a plain line every few seconds otherwise
/// (logs and CI keep a readable record without control characters).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    total: usize,
    lang: Lang,
    last: std::cell::Cell<Instant>,
}

impl Progress {
    fn new(mode: ProgressArg, total: usize, lang: Lang) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let (bar, lines) = match mode {
            ProgressArg::Auto if terminal => (true, false),
            ProgressArg::Auto => (false, true),
            ProgressArg::Bar => (true, false),
            ProgressArg::Lines => (false, true),
            ProgressArg::Never => (false, false),
        };
        let bar = bar.then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            let template = match lang {
                Lang::Zh => "{elapsed_precise} [{bar:30}] {pos}/{len} 个文件 {msg}",
                Lang::En => "{elapsed_precise} [{bar:30}] {pos}/{len} files {msg}",
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
            b
        });
        Progress {
            bar,
            lines,
            total,
            lang,
            last: std::cell::Cell::new(Instant::now()),
        }
    }

    fn status(&self, t: &Tally, elapsed: Duration) -> String {
        let rate = t.stored as f64 / elapsed.as_secs_f64().max(1e-3);
        match self.lang {
            Lang::Zh => format!(
                "入库 {}，跳过 {}，无法读取 {}，{rate:.0} 份/秒，问题 {}",
                t.stored,
                t.skipped,
                t.unreadable,
                t.findings()
            ),
            Lang::En => format!(
                "stored {}, skipped {}, unreadable {}, {rate:.0} reports/s, {} findings",
                t.stored,
                t.skipped,
                t.unreadable,
                t.findings()
            ),
        }
    }

    fn update(&self, t: &Tally, elapsed: Duration) {
        if let Some(b) = &self.bar {
            b.set_position(t.done as u64);
            // The message is a formatted string: refresh it a few times a second, not per file.
            if self.last.get().elapsed() >= Duration::from_millis(200) {
                self.last.set(Instant::now());
                b.set_message(self.status(t, elapsed));
            }
        } else if self.lines
            && (self.last.get().elapsed() >= Duration::from_secs(2) || t.done == self.total)
        {
            self.last.set(Instant::now());
            let head = match self.lang {
                Lang::Zh => format!("{}/{} 个文件", t.done, self.total),
                Lang::En => format!("{}/{} files", t.done, self.total),
            };
            eprintln!("{head}: {}", self.status(t, elapsed));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
