//! The corpus dashboard through the router: the matrix against what the checker says of each
//! seeded report, the filters, the exports, one unit's page and its charts, and who may see it.
#![allow(clippy::unwrap_used)]

mod common_api;

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use axum::http::StatusCode;
use common_api::{env, find, seed, Auth, Env, Seeded, BUREAU, CITY, COUNTY};
use gongkai_store::Role;

/// The `<tr>` of unit `unit` in the matrix.
fn row_of(html: &str, unit: i64) -> Option<&str> {
    let start = html.find(&format!("<tr data-unit=\"{unit}\">"))?;
    let end = html[start..].find("</tr>")?;
    Some(&html[start..start + end])
}

/// The cells (`<td>` contents) of a row, one per year column.
fn cells_of(row: &str) -> Vec<&str> {
    row.split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap())
        .collect()
}

/// The year columns of the matrix.
fn years_of(html: &str) -> Vec<i32> {
    let head = html
        .split("<thead>")
        .nth(1)
        .unwrap()
        .split("</thead>")
        .next()
        .unwrap();
    head.split("<th scope=\"col\" class=\"num\">")
        .skip(1)
        .map(|h| h.split('<').next().unwrap().parse().unwrap())
        .collect()
}

/// Unit ids of the matrix's rows, in order.
fn units_of(html: &str) -> Vec<i64> {
    html.split("<tr data-unit=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect()
}

fn count(html: &str, id: &str) -> usize {
    let marker = format!("id=\"{id}\">");
    let at = html.find(&marker).unwrap() + marker.len();
    html[at..].split('<').next().unwrap().parse().unwrap()
}

async fn setup() -> (Env, Auth, Vec<Seeded>) {
    let env = env();
    let auth = env.signed(Role::Reviewer).await;
    let seeded = seed(&env).await;
    (env, auth, seeded)
}

#[tokio::test]
async fn the_matrix_shows_each_unit_and_year_with_the_checkers_error_count() {
    let (env, auth, seeded) = setup().await;
    let r = env.get("/corpus", Some(&auth)).await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    let years = years_of(&html);
    let placed: Vec<&Seeded> = seeded
        .iter()
        .filter(|s| s.unit_id.is_some() && s.year.is_some())
        .collect();
    // Every year with a report is a column, in order, gaps filled.
    let want: BTreeSet<i32> = placed.iter().filter_map(|s| s.year).collect();
    let (lo, hi) = (*want.first().unwrap(), *want.last().unwrap());
    assert_eq!(years, (lo..=hi).collect::<Vec<_>>());
    // Each report sits in its unit's row, in its year's column, with the checker's count.
    for s in &placed {
        let row = row_of(&html, s.unit_id.unwrap())
            .unwrap_or_else(|| panic!("no row for {:?}", s.agency));
        let col = years.iter().position(|y| Some(*y) == s.year).unwrap();
        let cell = cells_of(row)[col];
        let mark = format!("data-report=\"{}\" data-errors=\"{}\"", s.id, s.errors);
        assert!(cell.contains(&mark), "{:?} {:?}: {cell}", s.agency, s.year);
        assert!(cell.contains(&format!("href=\"/reports/{}\"", s.id)));
    }
    // The planted error shows, and the clean years of the same unit show none.
    let broken = find(&seeded, CITY, 2020);
    assert!(broken.errors > 0, "the planted error is found");
    assert_eq!(find(&seeded, CITY, 2019).errors, 0);
    let city_row = row_of(&html, broken.unit_id.unwrap()).unwrap();
    let cells = cells_of(city_row);
    let c2020 = cells[years.iter().position(|y| *y == 2020).unwrap()];
    assert!(c2020.contains("class=\"rep e"), "{c2020}");
    assert!(!c2020.contains("rep e0"), "{c2020}");
    // A year without a report says so.
    let bureau = find(&seeded, BUREAU, 2020);
    let bureau_cells = cells_of(row_of(&html, bureau.unit_id.unwrap()).unwrap());
    let c2021 = bureau_cells[years.iter().position(|y| *y == 2021).unwrap()];
    assert!(
        c2021.contains("未发布") && !c2021.contains("data-report"),
        "{c2021}"
    );
    // The parent's row comes before its child's.
    let order = units_of(&html);
    let pos = |id: i64| order.iter().position(|u| *u == id).unwrap();
    assert!(pos(broken.unit_id.unwrap()) < pos(bureau.unit_id.unwrap()));
    // Counts on top: every report, every unit, the reports with errors.
    assert_eq!(count(&html, "count-reports"), seeded.len());
    let units: BTreeSet<i64> = seeded.iter().filter_map(|s| s.unit_id).collect();
    assert_eq!(count(&html, "count-units"), units.len());
    assert_eq!(
        count(&html, "count-errors"),
        seeded.iter().filter(|s| s.errors > 0).count()
    );
    // The corpus-wide chart: one bar per year column.
    assert!(html.contains("<svg"), "chart drawn");
    for y in &years {
        assert!(html.contains(&format!("<title>{y}：")), "bar for {y}");
    }
}

#[tokio::test]
async fn filters_narrow_the_matrix() {
    let (env, auth, seeded) = setup().await;
    let city = find(&seeded, CITY, 2019).unit_id.unwrap();
    let bureau = find(&seeded, BUREAU, 2020).unit_id.unwrap();
    let county = find(&seeded, COUNTY, 2021).unit_id.unwrap();

    // By name (URL-encoded 测试市).
    let html = env
        .get("/corpus?q=%E6%B5%8B%E8%AF%95%E5%B8%82", Some(&auth))
        .await
        .text();
    assert_eq!(units_of(&html), vec![city, bureau]);
    assert_eq!(years_of(&html), vec![2019, 2020, 2021]);
    assert_eq!(count(&html, "count-reports"), 4);

    // By year range.
    let html = env
        .get("/corpus?from=2021&to=2021", Some(&auth))
        .await
        .text();
    assert_eq!(years_of(&html), vec![2021]);
    let in_2021 = seeded.iter().filter(|s| s.year == Some(2021)).count();
    assert_eq!(count(&html, "count-reports"), in_2021);

    // With errors only.
    let html = env.get("/corpus?errors=1", Some(&auth)).await.text();
    let with_errors: BTreeSet<i64> = seeded
        .iter()
        .filter(|s| s.errors > 0)
        .filter_map(|s| s.unit_id)
        .collect();
    assert_eq!(
        units_of(&html).into_iter().collect::<BTreeSet<_>>(),
        with_errors
    );
    assert!(!units_of(&html).contains(&county));

    // By parent: the parent and the units under it.
    let html = env
        .get(&format!("/corpus?parent={city}"), Some(&auth))
        .await
        .text();
    assert_eq!(units_of(&html), vec![city, bureau]);
    assert!(html.contains(&format!("<option value=\"{city}\" selected>")));

    // Combined: nothing matches.
    let html = env
        .get(&format!("/corpus?parent={city}&from=2022"), Some(&auth))
        .await
        .text();
    assert_eq!(count(&html, "count-reports"), 0);

    // Nonsense is a 400 page, not a panic.
    for bad in [
        "/corpus?from=abc",
        "/corpus?from=2022&to=2019",
        "/corpus?parent=x",
    ] {
        let r = env.get(bad, Some(&auth)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            r.text().contains("年度") || r.text().contains("编号"),
            "{bad}"
        );
    }
}

const HEADS: [&str; 17] = [
    "单位编号",
    "单位",
    "上级单位",
    "年度",
    "已发布",
    "报告编号",
    "错误数",
    "本年新收",
    "办理总计",
    "予以公开",
    "部分公开",
    "予以公开率",
    "不予公开",
    "复议（已审结）",
    "复议纠错率",
    "诉讼（已审结）",
    "诉讼纠错率",
];

fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text.strip_prefix('\u{FEFF}').unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn csv_export_has_a_bom_chinese_headers_and_a_row_per_unit_year_and_report() {
    let (env, auth, seeded) = setup().await;
    let r = env
        .get(
            "/corpus/export.csv?q=%E6%B5%8B%E8%AF%95%E5%B8%82",
            Some(&auth),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").starts_with("text/csv"));
    assert!(r.header("content-disposition").contains("attachment"));
    assert!(r.body.starts_with("\u{FEFF}".as_bytes()), "BOM for Excel");
    let rows = csv_rows(&r.body);
    assert_eq!(rows[0], HEADS);
    // 测试市人民政府 2019–2021 (three reports) and 测试市教育局 (2020, and two empty years).
    assert_eq!(rows.len() - 1, 6);
    let broken = find(&seeded, CITY, 2020);
    let line = rows.iter().find(|r| r[5] == broken.id.to_string()).unwrap();
    assert_eq!(line[1], CITY);
    assert_eq!(line[3], "2020");
    assert_eq!(line[4], "是");
    assert_eq!(line[6], broken.errors.to_string());
    assert_eq!(
        line[7],
        gongkai_model::report::format_value(broken.received.unwrap())
    );
    let empty: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "否").collect();
    assert_eq!(empty.len(), 2);
    assert!(empty.iter().all(|r| r[1] == BUREAU && r[2] == CITY));

    // The whole corpus: a row per unit and year column (at least one), plus the reports without
    // a unit or year.
    let html = env.get("/corpus", Some(&auth)).await.text();
    let years = years_of(&html).len();
    let mut per_cell: HashMap<(i64, i32), usize> = HashMap::new();
    let mut unplaced = 0;
    for s in &seeded {
        match (s.unit_id, s.year) {
            (Some(u), Some(y)) => *per_cell.entry((u, y)).or_default() += 1,
            _ => unplaced += 1,
        }
    }
    let units: BTreeSet<i64> = seeded.iter().filter_map(|s| s.unit_id).collect();
    let want = units.len() * years + per_cell.values().map(|n| n - 1).sum::<usize>() + unplaced;
    let r = env.get("/corpus/export.csv", Some(&auth)).await;
    assert_eq!(csv_rows(&r.body).len() - 1, want);
}

#[tokio::test]
async fn xlsx_export_is_a_workbook_with_the_chinese_headers() {
    let (env, auth, _) = setup().await;
    let r = env.get("/corpus/export.xlsx?errors=1", Some(&auth)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").contains("spreadsheetml"));
    assert!(r.body.starts_with(b"PK"), "a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains("<cols>"), "column widths are set");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    for h in HEADS {
        assert!(strings.contains(h), "{h}");
    }
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    assert!(book.contains("资料库"), "sheet name");
}

#[tokio::test]
async fn a_units_page_shows_its_years_figures_and_charts() {
    let (env, auth, seeded) = setup().await;
    let city = find(&seeded, CITY, 2019).unit_id.unwrap();
    let r = env.get(&format!("/corpus/units/{city}"), Some(&auth)).await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains(&format!("<h1>{CITY}</h1>")));
    // The child unit is linked.
    let bureau = find(&seeded, BUREAU, 2020).unit_id.unwrap();
    assert!(html.contains(&format!("href=\"/corpus/units/{bureau}\"")));
    // Each year's report is listed with its figures.
    for y in [2019, 2020, 2021] {
        let s = find(&seeded, CITY, y);
        assert!(html.contains(&format!("data-report=\"{}\"", s.id)));
        // The requests chart has a bar per year whose title carries the year's value.
        let v = gongkai_model::report::format_value(s.received.unwrap());
        assert!(
            html.contains(&format!("<title>{y}：{v}</title>")),
            "bar for {y} = {v}"
        );
    }
    // Four charts, each an accessible SVG.
    assert_eq!(html.matches("<svg").count(), 4);
    assert_eq!(html.matches("role=\"img\"").count(), 4);
    assert!(html.contains("行政复议纠错率"));
    assert!(html.contains("予以公开："), "share segments are titled");

    // Its CSV: a row per report.
    let r = env
        .get(&format!("/corpus/units/{city}/export.csv"), Some(&auth))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let rows = csv_rows(&r.body);
    assert_eq!(rows.len() - 1, 3);
    assert_eq!(
        rows[0][..5],
        ["报告编号", "年度", "格式", "来源文件", "错误数"]
    );
    assert_eq!(rows[1][1], "2019");

    // Unknown and malformed ids: a 404 page.
    for p in [
        "/corpus/units/999999",
        "/corpus/units/abc",
        "/corpus/units/1/export.csv?x",
    ] {
        let r = env.get(p, Some(&auth)).await;
        if p.ends_with("?x") {
            assert_eq!(r.status, StatusCode::OK, "{p}");
        } else {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{p}");
        }
    }
}

#[tokio::test]
async fn only_reviewers_and_admins_see_the_corpus() {
    let env = env();
    let r = env.get("/corpus", None).await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert!(r.header("location").starts_with("/login"));
    let clerk = env.signed(Role::Clerk).await;
    for p in [
        "/corpus",
        "/corpus/export.csv",
        "/corpus/export.xlsx",
        "/corpus/units/1",
    ] {
        assert_eq!(
            env.get(p, Some(&clerk)).await.status,
            StatusCode::FORBIDDEN,
            "{p}"
        );
    }
    let admin = env.signed(Role::Admin).await;
    let r = env.get("/corpus", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.text().contains("没有符合条件的单位"),
        "an empty corpus says so"
    );
}
