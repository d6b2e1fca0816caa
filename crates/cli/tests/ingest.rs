//! End-to-end tests of the store commands: `gongkai ingest` (idempotent, crash-safe),
//! `units`, `corpus check`, `stats`, `export`. Each runs against SQLite and, when
//! `GONGKAI_TEST_PG` names a reachable server, against PostgreSQL in a fresh schema.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use gongkai_store::Store;
use rand::{Rng, SeedableRng};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("GONGKAI_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write_corpus(dir: &Path, seed: u64, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    gongkai_synth::corpus(seed, n)
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

/// A database for one test: an SQLite file, or a PostgreSQL URL whose connections use a fresh
/// schema (dropped at the end).
struct Db {
    target: String,
    pg: Option<(String, String)>,
}

impl Db {
    /// Empties the database (a fresh start for the next crash round).
    fn reset(&self) {
        match &self.pg {
            Some((url, schema)) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.batch_execute(&format!(
                    "DROP SCHEMA {schema} CASCADE; CREATE SCHEMA {schema}"
                ))
                .unwrap();
            }
            None => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.target));
                }
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.pg {
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

fn sqlite_db(dir: &Path, name: &str) -> Db {
    Db {
        target: dir.join(name).display().to_string(),
        pg: None,
    }
}

fn pg_db() -> Option<Db> {
    let Ok(url) = std::env::var("GONGKAI_TEST_PG") else {
        eprintln!("skipping PostgreSQL: GONGKAI_TEST_PG is not set");
        return None;
    };
    let mut c = match postgres::Client::connect(&url, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("skipping PostgreSQL: cannot connect to {url}: {e}");
            return None;
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let schema = format!("t_cli_{}_{nanos}", std::process::id());
    c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(Db {
        target: format!("{url}{sep}options=-c%20search_path%3D{schema}"),
        pg: Some((url, schema)),
    })
}

/// Everything stored, by content hash, without ids and times: what must be equal between a
/// clean ingest and a crashed-and-rerun one.
type Snapshot = BTreeMap<String, String>;

fn snapshot(target: &str) -> Snapshot {
    let mut s = Store::open(target).unwrap();
    let mut out = BTreeMap::new();
    for info in s.reports().unwrap() {
        let r = s.load_report(info.id).unwrap().unwrap();
        let cells: Vec<String> = r
            .report
            .cells
            .iter()
            .map(|c| {
                format!(
                    "{}={:?}/{}/{}/{}",
                    c.key(),
                    c.value,
                    c.state,
                    c.text,
                    c.source
                )
            })
            .collect();
        let findings: Vec<String> = r
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{}",
                    f.finding.rule,
                    f.finding.outcome.key(),
                    f.finding.message.zh
                )
            })
            .collect();
        out.insert(
            info.content_hash.clone(),
            format!(
                "{}|{:?}|{:?}|{}|{}|{}",
                info.source_name,
                info.agency,
                info.year,
                info.format,
                cells.join(";"),
                findings.join(";")
            ),
        );
    }
    out
}

fn idempotent_ingest(db: &Db, dir: &Path) {
    let corpus = dir.join("corpus");
    write_corpus(&corpus.join("nested"), 11, 30);
    std::fs::write(corpus.join("empty.txt"), "  \n").unwrap();
    let corpus = corpus.display().to_string();
    let o = gongkai(&["ingest", &corpus, "--db", &db.target, "--progress", "never"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unreadable file gives exit 2: {o:?}"
    );
    let out = stdout(&o);
    assert!(out.contains("入库 30 份报告，跳过 0 份"), "{out}");
    assert!(out.contains("1 个文件无法读取"), "{out}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("empty.txt"),
        "{o:?}"
    );
    let first = snapshot(&db.target);
    assert_eq!(first.len(), 30);

    let o = gongkai(&[
        "ingest",
        &corpus,
        "--db",
        &db.target,
        "--lang",
        "en",
        "--progress",
        "lines",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("stored 0 reports, skipped 30 (already stored), 1 unreadable"),
        "{out}"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("31/31 files"),
        "{o:?}"
    );
    assert_eq!(snapshot(&db.target), first);
}

#[test]
fn ingest_is_idempotent_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    idempotent_ingest(&sqlite_db(dir.path(), "t.db"), dir.path());
}

#[test]
fn ingest_is_idempotent_postgres() {
    let Some(db) = pg_db() else { return };
    let dir = tempfile::tempdir().unwrap();
    idempotent_ingest(&db, dir.path());
}

/// Kills `gongkai ingest` with SIGKILL at random moments, checks after each kill that every
/// stored report is whole (equal to its clean-ingest self), then reruns to completion and
/// compares with a clean ingest.
fn crash_and_rerun(db: &Db, clean: &Db, dir: &Path, kills: usize) {
    let corpus = dir.join("corpus");
    let files = write_corpus(&corpus, 2026, 400);
    let corpus = corpus.display().to_string();
    let t = Instant::now();
    let o = gongkai(&[
        "ingest",
        &corpus,
        "--db",
        &clean.target,
        "--progress",
        "never",
    ]);
    assert!(o.status.success(), "{o:?}");
    let clean_time = t.elapsed();
    let expected = snapshot(&clean.target);
    assert_eq!(expected.len(), files.len());

    let seed: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("crash test seed {seed}, clean ingest {clean_time:?}");
    let mut rng = rand::rngs::SmallRng::seed_from_u64(seed);
    let mut partial_seen = 0;
    let mut stored = 0;
    for round in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            // Every other round commits each report on its own, the others in batches.
            .args(["ingest", &corpus, "--db", &db.target, "--progress", "never"])
            .args(["--batch", if round % 2 == 0 { "1" } else { "100" }])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from before the database is open to the expected end of what is left to do.
        let left = (expected.len() - stored) as f64 / expected.len() as f64;
        let span = (clean_time.as_millis() as f64 * left).max(50.0) as u64;
        let ms = rng.random_range(0..=span);
        std::thread::sleep(Duration::from_millis(ms));
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback by the process
        child.wait().unwrap();
        let got = snapshot(&db.target);
        for (hash, record) in &got {
            let want = expected.get(hash).map_or("", String::as_str);
            if record != want {
                let short = |s: &str| s.chars().take(300).collect::<String>();
                panic!(
                    "round {round} (seed {seed}): a half or different report for {hash}: stored {} bytes, expected {}:\n{}\n{}",
                    record.len(),
                    want.len(),
                    short(record),
                    short(want)
                );
            }
        }
        if !got.is_empty() && got.len() < expected.len() {
            partial_seen += 1;
        }
        eprintln!(
            "round {round}: killed after {ms} ms with {} of {} stored",
            got.len(),
            expected.len()
        );
        stored = got.len();
        if stored == expected.len() {
            // Nothing left to interrupt: start again from an empty database.
            db.reset();
            stored = 0;
        }
    }
    let o = gongkai(&["ingest", &corpus, "--db", &db.target, "--progress", "never"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(snapshot(&db.target), expected, "seed {seed}");
    eprintln!("{partial_seen} of {kills} kills landed mid-ingest (seed {seed})");
}

#[test]
fn a_killed_ingest_leaves_whole_reports_and_a_rerun_completes_it_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(dir.path(), "crash.db");
    let clean = sqlite_db(dir.path(), "clean.db");
    crash_and_rerun(&db, &clean, dir.path(), 6);
}

#[test]
fn a_killed_ingest_leaves_whole_reports_and_a_rerun_completes_it_postgres() {
    let (Some(db), Some(clean)) = (pg_db(), pg_db()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    crash_and_rerun(&db, &clean, dir.path(), 4);
}

/// Two years of one agency whose carried over requests do not match, one unit CSV, and every
/// read-out command over the result.
fn corpus_workflow(db: &Db, dir: &Path) {
    use gongkai_model::{FormatId, Located, Source};
    use gongkai_synth::{generate, write_text, GenOptions, Layout, Scale, WriteOptions};
    let corpus = dir.join("two-years");
    std::fs::create_dir_all(&corpus).unwrap();
    let carried_in =
        gongkai_model::formats::intern("requests", "carried_in", "natural_person").unwrap();
    let carried_out =
        gongkai_model::formats::intern("requests", "carried_out", "natural_person").unwrap();
    let mut last_out = 0.0;
    let mut texts = Vec::new();
    for (seed, year) in [(1u64, 2022), (2, 2023)] {
        let mut r = generate(
            seed,
            &GenOptions {
                format: FormatId::F2021,
                year: Some(year),
                scale: Scale::Typical,
            },
        );
        if year == 2023 {
            // Three more carried in than 2022 carried out: X-CARRY must say so.
            let c = r.cell_mut(&carried_in).unwrap();
            c.value = Some(last_out + 3.0);
            c.text = gongkai_model::report::format_value(last_out + 3.0).into();
        }
        last_out = r.value(&carried_out).unwrap();
        let agency = if year == 2022 {
            "测试市教育局"
        } else {
            "测试市 教育局"
        };
        r.agency = Located::new(agency.to_string(), Source::None);
        texts.push(write_text(&r, &WriteOptions::new(Layout::Tab)).text);
    }
    // 2023 repeats 2022's section 五 word for word: X-COPIED must say so.
    let five = |t: &str| {
        let start = t.find("\n五、").unwrap();
        let end = start + t[start..].find("\n六、").unwrap();
        start..end
    };
    let copied_five = texts[0][five(&texts[0])].to_string();
    let range = five(&texts[1]);
    texts[1].replace_range(range, &copied_five);
    for (year, text) in [2022, 2023].iter().zip(&texts) {
        std::fs::write(corpus.join(format!("{year}.txt")), text).unwrap();
    }
    let corpus = corpus.display().to_string();
    let o = gongkai(&["ingest", &corpus, "--db", &db.target]);
    assert!(o.status.success(), "{o:?}");

    let csv = dir.join("units.csv");
    std::fs::write(
        &csv,
        "名称,别名,上级,类型\n测试市教育局,测试市教育局（本级）,测试市人民政府,部门\n",
    )
    .unwrap();
    let o = gongkai(&[
        "units",
        "import",
        &csv.display().to_string(),
        "--db",
        &db.target,
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("新建 1 个单位"), "{}", stdout(&o));
    let o = gongkai(&["units", "export", "--db", &db.target]);
    let units = stdout(&o);
    assert!(
        units.contains("测试市教育局,测试市教育局（本级）,测试市人民政府,部门"),
        "{units}"
    );

    let o = gongkai(&["corpus", "check", "--db", &db.target]);
    assert!(o.status.success(), "{o:?}");
    let out = stdout(&o);
    assert!(out.contains("[X-CARRY]"), "{out}");
    assert!(out.contains("[X-COPIED]"), "{out}");
    assert!(out.contains("2023.txt"), "{out}");

    let o = gongkai(&["export", "--what", "findings", "--db", &db.target]);
    let findings = stdout(&o);
    assert!(
        findings
            .lines()
            .any(|l| l.contains(",across,X-CARRY,warning,")),
        "{findings}"
    );

    let o = gongkai(&[
        "stats", "--by", "year", "--format", "csv", "--db", &db.target,
    ]);
    let stats = stdout(&o);
    assert!(
        stats.starts_with("分组,报告数,有错误的报告,本年新收"),
        "{stats}"
    );
    assert_eq!(stats.lines().count(), 3, "{stats}");

    let o = gongkai(&["export", "--db", &db.target]);
    let cells = stdout(&o);
    let mut lines = cells.lines();
    assert_eq!(
        lines.next(),
        Some("report_id,source_name,agency,unit,year,format,table,row,column,value,state,source")
    );
    assert!(lines.count() > 300);

    let o = gongkai(&["export", "--format", "json", "--db", &db.target]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[0]["unit"], v[1]["unit"], "one unit for both spellings");

    let xlsx = dir.join("out.xlsx");
    let o = gongkai(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        &xlsx.display().to_string(),
        "--db",
        &db.target,
    ]);
    assert!(o.status.success(), "{o:?}");
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    let o = gongkai(&["export", "--format", "xlsx", "--db", &db.target]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o"), "{o:?}");
}

#[test]
fn units_corpus_check_stats_and_exports_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    corpus_workflow(&sqlite_db(dir.path(), "w.db"), dir.path());
}

#[test]
fn units_corpus_check_stats_and_exports_postgres() {
    let Some(db) = pg_db() else { return };
    let dir = tempfile::tempdir().unwrap();
    corpus_workflow(&db, dir.path());
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let o = gongkai(&["stats", "--db", "postgres://nobody@127.0.0.1:1/none"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("无法连接 PostgreSQL 数据库"), "{err}");
    let o = gongkai(&["stats", "--db", "/nonexistent-dir/x.db"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("无法打开 SQLite 数据库"), "{err}");
}

/// A 2015 report in prose with its 附表, and a 2023 report of the same unit in the 2021 format:
/// `stats` puts them side by side (the legacy figures where the meaning matches, and says which
/// come from legacy reports), and `export --format json` gives the legacy report's statements
/// and the 附表's cumulative column as stored.
fn legacy_and_modern_years(db: &Db, dir: &Path) {
    use gongkai_model::{formats, FormatId, Located, Source};
    use gongkai_synth::{generate, write_text, GenOptions, Layout, Scale, WriteOptions};
    let corpus = dir.join("years");
    std::fs::create_dir_all(&corpus).unwrap();
    let legacy = "测试县人民政府2015年政府信息公开工作年度报告

一、概述

2015年，我县认真贯彻落实《条例》，政府信息公开工作有序推进。

二、主动公开政府信息情况

全年共主动公开政府信息1286条。

三、依申请公开政府信息情况

全年共受理政府信息公开申请15件，其中同意公开11件，同意部分公开2件，不予公开2件。

四、政府信息公开的收费及减免情况

全年未收取任何费用。

五、因政府信息公开申请行政复议、提起行政诉讼的情况

全年发生政府信息公开行政复议1件，未发生行政诉讼。

六、政府信息公开工作存在的主要问题及改进情况

公开内容不够全面，下一步将加强培训。

附表：2015年度政府信息公开情况统计表
指标名称|计量单位|本年度|历年累计
主动公开政府信息数|条|1286|6835
申请总数|件|15|62
对申请的答复总数|件|15|62
其中：1.同意公开答复数|件|11|45
2.同意部分公开答复数|件|2|6
3.不予公开答复数|件|2|11
行政复议数|件|1|3
行政诉讼数|件|0|1
网站专栏页面访问量|人次|35620|128400
";
    std::fs::write(corpus.join("2015.txt"), legacy).unwrap();
    let mut modern = generate(
        7,
        &GenOptions {
            format: FormatId::F2021,
            year: Some(2023),
            scale: Scale::Typical,
        },
    );
    modern.agency = Located::new("测试县人民政府".to_string(), Source::None);
    let w = write_text(&modern, &WriteOptions::new(Layout::Tab));
    std::fs::write(corpus.join("2023.txt"), w.text).unwrap();
    let o = gongkai(&["ingest", &corpus.display().to_string(), "--db", &db.target]);
    assert!(o.status.success(), "{o:?}");

    // The 2023 figures, from the generated report's own cells.
    let cell = |table: &str, row: &str, column: &str| {
        modern
            .value(&formats::intern(table, row, column).unwrap())
            .unwrap()
    };
    let withheld: f64 = formats::WITHHELD_ROWS
        .iter()
        .map(|r| cell("requests", r, "total"))
        .sum();
    let reviews = cell("review_litigation", "review", "total");
    let lawsuits = cell("review_litigation", "litigation_direct", "total")
        + cell("review_litigation", "litigation_after_review", "total");

    let o = gongkai(&[
        "stats", "--by", "year", "--format", "json", "--db", &db.target,
    ]);
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{v:#}");
    let y2015 = &rows[0];
    assert_eq!(y2015["group"], "2015");
    assert_eq!(y2015["reports"], 1);
    assert_eq!(y2015["legacy_reports"], 1);
    assert_eq!(y2015["received"], 15.0);
    assert_eq!(y2015["answered"], 15.0);
    assert_eq!(y2015["granted"], 11.0);
    assert_eq!(y2015["partially_granted"], 2.0);
    assert_eq!(y2015["withheld_unspecified"], 2.0);
    assert_eq!(y2015["withheld_total"], 2.0);
    assert_eq!(y2015["reviews_total"], 1.0);
    assert_eq!(y2015["lawsuits_total"], 0.0);
    // 11 of 15 answered were granted.
    let rate = y2015["granted_rate"].as_f64().unwrap();
    assert!((rate - 11.0 / 15.0).abs() < 1e-12, "{rate}");
    let y2023 = &rows[1];
    assert_eq!(y2023["group"], "2023");
    assert_eq!(y2023["legacy_reports"], 0);
    assert_eq!(y2023["received"], cell("requests", "received", "total"));
    assert_eq!(y2023["answered"], cell("requests", "total", "total"));
    assert_eq!(y2023["granted"], cell("requests", "granted", "total"));
    assert_eq!(y2023["withheld_total"], withheld);
    assert_eq!(y2023["withheld_unspecified"], 0.0);
    assert_eq!(y2023["reviews_total"], reviews);
    assert_eq!(y2023["lawsuits_total"], lawsuits);

    // One unit over both years: the sums of both.
    let o = gongkai(&[
        "stats", "--by", "unit", "--format", "json", "--db", &db.target,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v:#}");
    assert_eq!(v[0]["reports"], 2);
    assert_eq!(v[0]["legacy_reports"], 1);
    assert_eq!(
        v[0]["received"],
        15.0 + cell("requests", "received", "total")
    );

    // The text says where the legacy figures come from.
    let o = gongkai(&["stats", "--by", "year", "--db", &db.target]);
    let text = stdout(&o);
    assert!(text.contains("其中旧式报告"), "{text}");
    assert!(
        text.contains("注：“其中旧式报告”为2019年以前的报告"),
        "{text}"
    );
    let o = gongkai(&[
        "stats", "--by", "year", "--format", "csv", "--db", &db.target,
    ]);
    let csv = stdout(&o);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("复议总数,诉讼总数,其中旧式报告,国家秘密,法律行政法规禁止,三安全一稳定,第三方合法权益,内部事务信息,过程性信息,行政执法案卷,行政查询事项,未分理由（旧式报告）"),
        "{csv}"
    );

    // export --format json: statements and the 附表's columns, as stored.
    let o = gongkai(&["export", "--format", "json", "--db", &db.target]);
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reports = v.as_array().unwrap();
    let old = reports.iter().find(|r| r["year"] == 2015).unwrap();
    let statements = old["statements"].as_array().unwrap();
    let received = statements
        .iter()
        .find(|s| s["meaning"] == "requests_received")
        .unwrap();
    assert_eq!(received["quantity"]["lo"], 15);
    assert_eq!(received["unit"], "件");
    assert_eq!(received["text"], "15件");
    // Its parts are the three reply types (indices into the same array).
    let parts: Vec<&str> = received["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            statements[i.as_u64().unwrap() as usize]["text"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(parts, ["11件", "2件", "2件"]);
    let cells = old["cells"].as_array().unwrap();
    let find = |row: &str, column: &str| {
        cells
            .iter()
            .find(|c| c["row"] == row && c["column"] == column)
            .map(|c| c["value"].clone())
    };
    assert_eq!(find("requests_received", "cumulative"), Some(62.into()));
    assert_eq!(find("extra.1", "year"), Some(35620.into()));
    let new = reports.iter().find(|r| r["year"] == 2023).unwrap();
    assert!(new["statements"].is_array());
}

#[test]
fn legacy_and_modern_years_side_by_side_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    legacy_and_modern_years(&sqlite_db(dir.path(), "y.db"), dir.path());
}

#[test]
fn legacy_and_modern_years_side_by_side_postgres() {
    let Some(db) = pg_db() else { return };
    let dir = tempfile::tempdir().unwrap();
    legacy_and_modern_years(&db, dir.path());
}
