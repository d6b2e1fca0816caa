//! The XLSX export opens in a real spreadsheet program: LibreOffice (headless) converts the
//! workbook of two ingested seeds to CSV, one file per sheet, and every 表三 figure of each
//! report comes back from its sheet as `gongkai parse` reads it, with the Chinese headers and
//! sheet names intact.
//!
//! Needs LibreOffice with Calc (Debian: libreoffice-calc-nogui);
//! without it the test says it skipped and passes.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gongkai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("GONGKAI_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn seed(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// LibreOffice converts every sheet of `xlsx` to `<stem>-<sheet>.csv` in `out` (UTF-8, comma
/// separated: the CSV filter's options, last one -1 = every sheet). False when it cannot run.
fn sheets_to_csv(xlsx: &Path, out: &Path) -> bool {
    let profile = out.join("lo-profile");
    let Ok(mut child) = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(out)
        .arg(xlsx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(s)) => return s.success(),
            Ok(None) if start.elapsed() < Duration::from_secs(120) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Whether `soffice` runs and has its spreadsheet part (Calc's library beside the program):
/// a Writer-only LibreOffice opens no workbook.
fn have_calc() -> bool {
    let runs = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let calc = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .filter_map(|d| std::fs::canonicalize(d.join("soffice")).ok())
            .filter_map(|bin| bin.parent().map(|p| p.join("libsclo.so")))
            .any(|lib| lib.exists())
    });
    runs && calc
}

#[test]
fn the_xlsx_export_opens_in_libreoffice_with_every_table_three_figure() {
    if !have_calc() {
        eprintln!("skipped: LibreOffice Calc (soffice with libreoffice-calc) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db").display().to_string();
    let seeds = ["000_33abec3ff02c02bd.txt", "004_b6b282f6157a8fb9.txt"];
    for s in seeds {
        let o = gongkai(&["ingest", &seed(s), "--db", &db, "--progress", "never"]);
        assert!(o.status.success(), "{o:?}");
    }
    let xlsx = dir.path().join("corpus.xlsx");
    let o = gongkai(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        &xlsx.display().to_string(),
        "--db",
        &db,
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(
        sheets_to_csv(&xlsx, dir.path()),
        "LibreOffice could not convert the workbook"
    );
    let sheet = |name: &str| {
        let path = dir.path().join(format!("corpus-{name}.csv"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    for name in ["表二 主动公开", "表四 复议诉讼", "问题", "报告"] {
        assert!(!sheet(name).is_empty(), "{name}");
    }
    let t3 = sheet("表三 依申请公开");
    let mut rows = csv::Reader::from_reader(t3.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(&headers[1], "来源文件");
    assert_eq!(&headers[6], "行");
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();

    for s in seeds {
        let o = gongkai(&["parse", &seed(s), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let format = v["format"].as_str().unwrap().to_string();
        let mut checked = 0;
        for c in v["cells"].as_array().unwrap() {
            if c["table"] != "requests" {
                continue;
            }
            let (row, column) = (c["row"].as_str().unwrap(), c["column"].as_str().unwrap());
            let def =
                gongkai_model::formats::get(gongkai_model::FormatId::from_key(&format).unwrap());
            let table = def.table("requests").unwrap();
            let row_label = table.row(row).unwrap().label;
            let col_label = table
                .columns
                .iter()
                .find(|k| k.key == column)
                .unwrap()
                .label;
            let record = records
                .iter()
                .find(|r| r[1].ends_with(s) && &r[6] == row_label)
                .unwrap_or_else(|| panic!("{s}: no row {row_label}"));
            let i = headers.iter().position(|h| h == col_label).unwrap();
            let got = &record[i];
            match c["value"].as_f64() {
                Some(v) => assert_eq!(got.parse::<f64>().ok(), Some(v), "{s} {row}.{column}"),
                None => assert!(got.parse::<f64>().is_err(), "{s} {row}.{column}: {got}"),
            }
            checked += 1;
        }
        assert!(checked >= 100, "{s}: {checked} cells of 表三");
    }
}
