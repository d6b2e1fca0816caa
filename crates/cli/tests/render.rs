//! End-to-end tests of `gongkai new` and `gongkai render`: drafts written, filled in and
//! rendered; the refusal of a report with errors (exit 1) and `--force`; inputs as draft, JSON
//! and text; the output format from `--to` or the file extension; bad drafts named by line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CLEAN: &str = "examples/2021-typical-pipe.txt";

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("gongkai runs")
}

fn run_expect(args: &[&str], expected: i32) -> Output {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(expected),
        "gongkai {args:?}\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("render-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A draft of zeros with one figure filled in consistently (one granted request by a natural
/// person: received, granted and the totals move together).
fn filled_draft(dir: &Path) -> PathBuf {
    let path = dir.join("draft.toml");
    run_expect(
        &[
            "new",
            "--year",
            "2025",
            "--agency",
            "某某市某某局",
            "--zeros",
            "-o",
            s(&path),
        ],
        0,
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let mut row = "";
    for line in text.lines() {
        if let Some(r) = line.strip_prefix("[requests.") {
            row = r.trim_end_matches(']');
        } else if line.starts_with('[') {
            row = "";
        }
        let bump = matches!(row, "received" | "granted" | "total")
            && (line.starts_with("natural_person ") || line.starts_with("total "));
        if bump {
            out.push_str(&line.replacen("= 0 ", "= 1 ", 1));
        } else if line == "text = \"\"\"" && out.ends_with("[sections.other_matters]\n") {
            out.push_str("text = \"\"\"\n本年度未收取信息处理费。");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn new_writes_a_draft_and_refuses_to_overwrite_it() {
    let dir = temp_dir("new");
    let out = run_expect(&["new", "--year", "2025", "--agency", "某某局"], 0);
    let text = stdout(&out);
    assert!(text.contains("format = \"2021\""));
    assert!(text.contains("# 三、本年度办理结果 （三）不予公开 1.属于国家秘密"));
    assert!(text.contains("natural_person = \"\""));
    let path = dir.join("d.toml");
    run_expect(
        &[
            "new",
            "--year",
            "2020",
            "--agency",
            "某某局",
            "-o",
            s(&path),
        ],
        0,
    );
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("format = \"2019\""));
    let again = run_expect(
        &["new", "--year", "2025", "--agency", "x", "-o", s(&path)],
        2,
    );
    assert!(stderr(&again).contains("已存在"));
    run_expect(
        &[
            "new",
            "--year",
            "2025",
            "--agency",
            "x",
            "-o",
            s(&path),
            "--force",
        ],
        0,
    );
    let legacy = run_expect(&["new", "--year", "2017", "--agency", "x"], 2);
    assert!(stderr(&legacy).contains("没有统一格式"));
    run_expect(&["new", "--year", "2025", "--agency", " "], 2);
}

#[test]
fn a_filled_draft_renders_in_every_output() {
    let dir = temp_dir("filled");
    let draft = filled_draft(&dir);
    for (ext, marker) in [
        (
            "html",
            "<h1>某某市某某局2025年政府信息公开工作年度报告</h1>",
        ),
        ("md", "某某市某某局2025年政府信息公开工作年度报告\n==="),
        ("txt", "某某市某某局2025年政府信息公开工作年度报告\n"),
    ] {
        let out_path = dir.join(format!("report.{ext}"));
        let out = run_expect(&["render", s(&draft), "-o", s(&out_path)], 0);
        assert!(stdout(&out).is_empty());
        let text = std::fs::read_to_string(&out_path).unwrap();
        assert!(
            text.starts_with(marker) || text.contains(marker),
            "{ext}:\n{text}"
        );
        assert!(text.contains("本年度未收取信息处理费。"), "{ext}");
        assert!(!text.contains("附：检查结果"));
    }
    // What was written reads back to the same figures.
    let txt = dir.join("report.txt");
    let parsed = run_expect(&["parse", s(&txt), "--format", "csv"], 0);
    assert!(stdout(&parsed).contains("requests,received,natural_person,1,number"));
}

#[test]
fn a_report_with_errors_is_refused_unless_forced() {
    let dir = temp_dir("errors");
    let draft = filled_draft(&dir);
    let text = std::fs::read_to_string(&draft).unwrap();
    // Break the 总计 of 一、本年新收: a row total that does not add up.
    let broken = text.replacen("total          = 1 ", "total          = 7 ", 1);
    assert_ne!(broken, text);
    std::fs::write(&draft, broken).unwrap();
    let out = run_expect(
        &["render", s(&draft), "--to", "html", "--color", "never"],
        1,
    );
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("错误[T3-ROW-TOTAL]"), "{err}");
    assert!(err.contains("draft.toml:"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let forced = run_expect(&["render", s(&draft), "--to", "html", "--force"], 0);
    let html = stdout(&forced);
    let at = html.find("附：检查结果").expect("appendix");
    assert!(html[at..].contains("T3-ROW-TOTAL"));
    let en = run_expect(
        &["render", s(&draft), "--to", "md", "--force", "--lang", "en"],
        0,
    );
    assert!(stdout(&en).contains("Appendix: findings"));
}

#[test]
fn text_and_json_reports_render_too() {
    let out = run_expect(&["render", CLEAN, "--to", "txt"], 0);
    let text = stdout(&out);
    assert!(text.starts_with("武汉市洪山区住房和城乡建设局2023年政府信息公开工作年度报告\n"));
    assert!(text.contains("2023年，我局未收取信息处理费。"));
    let dir = temp_dir("json");
    let json = dir.join("report.json");
    let parsed = run_expect(&["parse", CLEAN], 0);
    std::fs::write(&json, parsed.stdout).unwrap();
    let from_json = run_expect(&["render", s(&json), "--to", "txt"], 0);
    // The same tables; the JSON has no prose.
    let tables = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains('\t'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(tables(&stdout(&from_json)), tables(&text));
    // Pre-2019 reports have no official layout.
    let legacy = run_expect(
        &[
            "render",
            "tests/fixtures/seeds/002_a636d83d73b501d7.txt",
            "--to",
            "html",
        ],
        2,
    );
    assert!(stderr(&legacy).contains("2019 年以前"));
}

#[test]
fn bad_drafts_and_usage_exit_2_with_a_reason() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[report]\nformat = \"2021\"\nyear = 2025\n[requests.received]\nnatural_person = \"十二\"\n",
    )
    .unwrap();
    let out = run_expect(&["render", s(&bad), "--to", "html"], 2);
    let err = stderr(&out);
    assert!(err.contains("无法读取填报文件"), "{err}");
    assert!(err.contains("第 5 行"), "{err}");
    let no_target = run_expect(&["render", CLEAN], 2);
    assert!(stderr(&no_target).contains("--to"));
    let unknown_ext = run_expect(&["render", CLEAN, "-o", s(&dir.join("x.pdf"))], 2);
    assert!(stderr(&unknown_ext).contains("--to"));
}

/// A stored report renders like the file it came from (cells from the store), as text and as
/// Word; an unknown id is a clear error.
#[test]
fn stored_reports_render_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    run_expect(&["ingest", CLEAN, "--db", db], 0);
    let from_store = run_expect(&["render", "--stored", "1", "--db", db, "--to", "txt"], 0);
    let from_file = run_expect(&["render", CLEAN, "--to", "txt"], 0);
    // The tables are the same (the store keeps cells, not prose, for ingested reports).
    let tables = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains('\t'))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (stdout(&from_store), stdout(&from_file));
    assert!(!tables(&a).is_empty());
    assert_eq!(tables(&a), tables(&b));
    let docx = dir.path().join("r.docx");
    run_expect(
        &[
            "render",
            "--stored",
            "1",
            "--db",
            db,
            "-o",
            docx.to_str().unwrap(),
        ],
        0,
    );
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let xlsx = dir.path().join("r.xlsx");
    run_expect(
        &[
            "render",
            "--stored",
            "1",
            "--db",
            db,
            "-o",
            xlsx.to_str().unwrap(),
        ],
        0,
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let out = run_expect(&["render", "--stored", "99", "--db", db, "--to", "txt"], 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("库中没有编号为 99 的报告"));
}
