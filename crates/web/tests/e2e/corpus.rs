//! The corpus dashboard (reviewers): the units × years matrix with its counts, filters and chart,
//! a unit's page with its history and charts, and the CSV/XLSX exports.

use gongkai_model::{CellKey, FormatId, Severity};
use gongkai_store::{NewReport, Stored, UnitRow};
use gongkai_synth::{generate, GenOptions, Scale};

use crate::harness::{open, workspace_file, Site, REVIEWER};

/// A synthetic unit with three years of reports (2020 with an error planted), and its child.
const CITY: &str = "测试市人民政府";
const BUREAU: &str = "测试市教育局";

/// What was stored: report ids and error counts by agency and year.
struct Seeded {
    id: i64,
    agency: Option<String>,
    year: Option<i32>,
    errors: usize,
}

/// Stores the seed fixtures (read and checked as the review desk would) and the synthetic
/// reports of [`CITY`] for 2019–2021 and [`BUREAU`] (under it) for 2020.
fn seed(site: &Site) -> Vec<Seeded> {
    let mut items: Vec<(String, String, gongkai_model::Report)> = Vec::new();
    let dir = workspace_file("tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the seeds")
        .map(|e| e.expect("a seed").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "seeds in {}", dir.display());
    for f in files {
        let bytes = std::fs::read(&f).expect("read a seed");
        let read = gongkai_read::read_bytes(&bytes).expect("a readable seed");
        items.push((
            gongkai_store::content_hash(&bytes),
            f.file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned(),
            read.report,
        ));
    }
    let received = CellKey {
        table: "requests",
        row: "received",
        column: "total",
    };
    for (agency, year, format, seed, broken) in [
        (CITY, 2019, FormatId::F2019, 11, false),
        (CITY, 2020, FormatId::F2019, 12, true),
        (CITY, 2021, FormatId::F2021, 13, false),
        (BUREAU, 2020, FormatId::F2019, 14, false),
    ] {
        let mut r = generate(seed, &GenOptions::new(format, Scale::Typical));
        r.agency.value = Some(agency.to_string());
        r.year.value = Some(year);
        if broken {
            let cell = r
                .cells
                .iter_mut()
                .find(|c| c.key() == received)
                .expect("本年新收 总计");
            cell.value = cell.value.map(|v| v + 3.0);
        }
        items.push((format!("synth-{seed}"), format!("synth-{seed}.txt"), r));
    }
    let mut store = site.store();
    let mut out = Vec::new();
    for (hash, name, report) in &items {
        let findings = gongkai_check::check(report);
        let stored = store
            .store_report(&NewReport {
                content_hash: hash,
                source_name: name,
                report,
                findings: &findings,
            })
            .expect("store a report");
        let Stored::Inserted(id) = stored else {
            panic!("{name} stored twice");
        };
        out.push(Seeded {
            id,
            agency: report.agency.value.clone(),
            year: report.year.value,
            errors: findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
        });
    }
    store
        .import_units(&[UnitRow {
            name: BUREAU.to_string(),
            parent: Some(CITY.to_string()),
            line: 2,
            ..UnitRow::default()
        }])
        .expect("place the bureau under the city");
    out
}

fn find<'a>(seeded: &'a [Seeded], agency: &str, year: i32) -> &'a Seeded {
    seeded
        .iter()
        .find(|s| s.agency.as_deref() == Some(agency) && s.year == Some(year))
        .unwrap_or_else(|| panic!("no seeded report of {agency} for {year}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_reads_the_matrix_follows_a_unit_and_exports() {
    let Some((site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    let seeded = seed(&site);
    let broken = find(&seeded, CITY, 2020);
    assert!(broken.errors > 0, "the planted error is found");
    assert_eq!(find(&seeded, CITY, 2019).errors, 0);

    b.login_to(&REVIEWER, "/corpus").await;
    assert_eq!(b.text("h1").await, "资料库");
    assert_eq!(b.text("#count-reports").await, seeded.len().to_string());
    assert_eq!(
        b.text("#count-errors").await,
        seeded.iter().filter(|s| s.errors > 0).count().to_string()
    );
    // Every year with a placed report is a column, in order, without gaps.
    let years: Vec<i32> = b
        .texts("table.matrix thead th.num")
        .await
        .iter()
        .map(|y| y.parse().expect("a year column"))
        .collect();
    let placed: Vec<i32> = seeded.iter().filter_map(|s| s.year).collect();
    assert!(years.contains(&2019) && years.contains(&2021), "{years:?}");
    assert_eq!(
        years,
        (years[0]..=years[years.len() - 1]).collect::<Vec<_>>()
    );
    assert!(*placed.iter().max().expect("years") <= years[years.len() - 1]);
    let units = b.texts("table.matrix tbody th[scope=row]").await;
    assert_eq!(
        units.len().to_string(),
        b.text("#count-units").await,
        "{units:?}"
    );
    let city = units
        .iter()
        .position(|u| u == CITY)
        .unwrap_or_else(|| panic!("{CITY} in {units:?}"));
    let bureau = units
        .iter()
        .position(|u| u == BUREAU)
        .unwrap_or_else(|| panic!("{BUREAU} in {units:?}"));
    assert_eq!(
        bureau,
        city + 1,
        "the child row follows its parent: {units:?}"
    );
    let depth = b
        .attr(
            &format!("table.matrix tbody tr:nth-child({}) th", bureau + 1),
            "class",
        )
        .await
        .unwrap_or_default();
    assert_eq!(depth, "d1", "the child row is indented");

    // The city's row: a clean ✓ for 2019, the planted error's count for 2020.
    let row = format!("table.matrix tbody tr:nth-child({})", city + 1);
    let col = |y: i32| years.iter().position(|x| *x == y).expect("a column") + 2;
    let c2019 = format!("{row} td:nth-child({}) a.rep", col(2019));
    assert_eq!(
        b.attr(&c2019, "href").await.as_deref(),
        Some(format!("/reports/{}", find(&seeded, CITY, 2019).id).as_str())
    );
    assert!(b.text(&c2019).await.starts_with('✓'));
    let c2020 = format!("{row} td:nth-child({}) a.rep", col(2020));
    assert_eq!(
        b.attr(&c2020, "data-errors").await,
        Some(broken.errors.to_string())
    );
    assert!(b.text(&c2020).await.starts_with(&broken.errors.to_string()));
    // The bureau published nothing for 2021.
    let bureau_2021 = format!(
        "table.matrix tbody tr:nth-child({}) td:nth-child({})",
        bureau + 1,
        col(2021)
    );
    assert_eq!(b.count(&format!("{bureau_2021} a.rep")).await, 0);
    assert_eq!(b.count(&format!("{bureau_2021} span.none")).await, 1);
    // The corpus-wide chart.
    assert!(b.exists("figure.chart svg").await);
    b.screenshot_full("corpus-matrix").await;

    // The exports of the matrix answer: CSV (with a BOM, for Excel) and XLSX (a zip).
    let csv_href = b
        .attr("a[href^='/corpus/export.csv']", "href")
        .await
        .expect("the CSV link");
    let csv = b.fetch(&csv_href).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    assert!(
        csv.header("content-type").starts_with("text/csv"),
        "{:?}",
        csv.headers
    );
    assert!(csv.header("content-disposition").starts_with("attachment"));
    assert!(csv.text.contains(CITY) && csv.text.contains(BUREAU));
    let xlsx_href = b
        .attr("a[href^='/corpus/export.xlsx']", "href")
        .await
        .expect("the XLSX link");
    let xlsx = b.fetch(&xlsx_href).await;
    assert_eq!(xlsx.status, 200);
    assert!(
        xlsx.header("content-type").contains("spreadsheetml"),
        "{:?}",
        xlsx.headers
    );
    assert_eq!(&xlsx.head[..2], b"PK", "a zip");

    // Filters: by name, then only units with errors; the export link follows the filters.
    b.fill("form.filters input[name=q]", "测试市").await;
    b.submit("form.filters button[type=submit]").await;
    assert!(b.path().await.contains("q=%E6%B5%8B%E8%AF%95%E5%B8%82"));
    assert_eq!(
        b.texts("table.matrix tbody th[scope=row]").await,
        [CITY, BUREAU]
    );
    assert_eq!(b.text("#count-reports").await, "4");
    let filtered = b
        .attr("a[href^='/corpus/export.csv']", "href")
        .await
        .expect("the CSV link");
    assert!(filtered.contains("q="), "{filtered}");
    let csv = b.fetch(&filtered).await;
    assert!(csv.text.contains(CITY));
    assert!(
        !seeded
            .iter()
            .filter_map(|s| s.agency.as_deref())
            .filter(|a| !a.starts_with("测试市"))
            .any(|a| csv.text.contains(a)),
        "the filtered export holds only the filtered units"
    );
    b.click("form.filters input[name=errors]").await;
    b.submit("form.filters button[type=submit]").await;
    assert_eq!(b.texts("table.matrix tbody th[scope=row]").await, [CITY]);

    // The city's page: its three years with figures, and charts.
    b.submit("table.matrix th[scope=row] a").await;
    let path = b.wait_for_path("/corpus/units/").await;
    assert_eq!(b.text("h1").await, CITY);
    assert_eq!(b.fact("dl.facts", "报告").await, "3 份");
    assert_eq!(b.fact("dl.facts", "下级单位").await, BUREAU);
    let years: Vec<String> = b.texts("table.figures tbody td:first-child").await;
    assert_eq!(years, ["2019", "2020", "2021"]);
    assert_eq!(
        b.text("table.figures tbody tr:nth-child(2) .rep").await,
        broken.errors.to_string()
    );
    assert!(b.count(".charts figure.chart svg").await >= 2);
    let captions = b.texts(".charts figcaption").await;
    assert!(
        captions.iter().any(|c| c.contains("本年新收")),
        "{captions:?}"
    );
    b.screenshot_full("corpus-unit").await;
    let unit_csv = b
        .attr("a[href$='/export.csv']", "href")
        .await
        .expect("the unit's CSV link");
    assert_eq!(unit_csv, format!("{path}/export.csv"));
    let csv = b.fetch(&unit_csv).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    assert!(csv.text.lines().count() >= 4, "{}", csv.text);

    // The bureau, through the page's link to it; back to its parent through the crumbs.
    b.submit("dl.facts a[href^='/corpus/units/']").await;
    assert_eq!(b.text("h1").await, BUREAU);
    assert_eq!(b.fact("dl.facts", "上级单位").await, CITY);
    b.close().await;
}
