//! The review desk: paste or upload a report, see its findings beside the marked tables, save
//! it to the corpus and give each finding a verdict.

use crate::harness::{open, workspace_file, Browser, REVIEWER};

/// A seed report whose findings are known (`gongkai check tests/fixtures/seeds/`): one error
/// without cells (a missing section), warnings and notices that name cells of 表二 and 表三.
const SEED: &str = "tests/fixtures/seeds/000_33abec3ff02c02bd.txt";
/// An example with two errors on 表三's balance (cells named) and a prose/table mismatch.
const T3_BALANCE: &str = "examples/defect-t3-balance.txt";

/// The rule ids of the findings list, in order.
async fn rules(b: &Browser) -> Vec<String> {
    b.texts("ol.findings > li .rule").await
}

/// The cell ids the `n`th finding (from 1) names, from its location link.
async fn cells_of(b: &Browser, n: usize) -> Vec<String> {
    b.attr(&format!("#f-{n} a[data-cells]"), "data-cells")
        .await
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The number (from 1) of the first finding of `rule`.
async fn finding_of(b: &Browser, rule: &str) -> usize {
    let all = rules(b).await;
    all.iter()
        .position(|r| r == rule)
        .unwrap_or_else(|| panic!("no {rule} among the findings {all:?}"))
        + 1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_report_shows_its_findings_beside_the_marked_tables() {
    let Some((_site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    b.login_to(&REVIEWER, "/review").await;
    b.screenshot("review-upload").await;
    let text = std::fs::read_to_string(workspace_file(SEED)).expect("read the seed report");
    b.set_value("textarea[name=text]", &text).await;
    b.submit("main form button[type=submit]").await;
    b.wait_for_path("/review/drafts/").await;
    b.wait_for("ol.findings").await;
    assert!(b.text("h1").await.contains("政府信息公开工作年度报告"));
    assert_eq!(b.text("dl.facts .badge.error").await, "错误 1");
    assert_eq!(b.text("dl.facts .badge.warning").await, "警告 3");

    let rules = rules(&b).await;
    for rule in [
        "STRUCT-SECTIONS",
        "ROW-VALUE-COUNT",
        "CELL-INFERRED",
        "T2-PUBLISHED-WITHIN-MADE",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule} missing: {rules:?}");
    }
    assert_eq!(rules.len(), 8, "{rules:?}");
    assert_eq!(
        b.text("#findings-h").await,
        format!("检查结果（{}）", rules.len())
    );

    // A warning naming cells: each of them is marked as a warning in the tables.
    let n = finding_of(&b, "ROW-VALUE-COUNT").await;
    let cells = cells_of(&b, n).await;
    assert!(!cells.is_empty());
    for id in &cells {
        let classes = b.classes_of(id).await;
        assert!(classes.iter().any(|c| c == "warning"), "{id}: {classes:?}");
    }
    // The source text is shown with numbered lines.
    assert!(b.count("ol.source > li").await > 500);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_report_is_saved_and_its_findings_confirmed_or_dismissed() {
    let Some((site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    b.login_to(&REVIEWER, "/review").await;
    b.upload("input[type=file][name=file]", &workspace_file(T3_BALANCE))
        .await;
    b.submit("main form button[type=submit]").await;
    b.wait_for_path("/review/drafts/").await;
    assert_eq!(
        b.text("dl.facts dd:nth-of-type(4)").await,
        "defect-t3-balance.txt"
    );
    assert_eq!(
        rules(&b).await,
        ["PROSE-VS-TABLE", "T3-BALANCE", "T3-BALANCE"]
    );

    // Every cell an error names is marked as an error.
    let n = finding_of(&b, "T3-BALANCE").await;
    let cells = cells_of(&b, n).await;
    assert!(cells.len() >= 2, "{cells:?}");
    for id in &cells {
        let classes = b.classes_of(id).await;
        assert!(classes.iter().any(|c| c == "error"), "{id}: {classes:?}");
    }
    // Clicking the finding's location puts the focus on its cells and its source line.
    assert!(!b.exists(".focus").await);
    let line = b
        .attr(&format!("#f-{n} a[data-cells]"), "data-line")
        .await
        .expect("the finding has a source line");
    b.click(&format!("#f-{n} a[data-cells]")).await;
    for id in &cells {
        let classes = b.classes_of(id).await;
        assert!(classes.iter().any(|c| c == "focus"), "{id}: {classes:?}");
    }
    let source = b.classes_of(&format!("L{line}")).await;
    assert!(source.iter().any(|c| c == "focus"), "L{line}: {source:?}");
    assert_eq!(b.count(".focus").await, cells.len() + 1);
    b.screenshot("review-draft").await;

    // Save: the stored report's page, with a verdict form for each finding.
    b.submit("form[action$='/save'] button").await;
    let path = b.wait_for_path("/reports/").await;
    let id: i64 = path
        .trim_start_matches("/reports/")
        .parse()
        .expect("a report id");
    assert_eq!(site.store().reports().expect("reports").len(), 1);
    assert!(!b.exists("form[action$='/save']").await);
    assert_eq!(b.count("ol.findings > li details.no-print").await, 3);

    // Dismissing without a reason: the browser asks for it and sends nothing (the server
    // refuses such a form too: tests/review_pages.rs).
    b.click(&format!("#f-{n} details.no-print summary")).await;
    b.click(&format!("#f-{n} button[value=dismissed]")).await;
    let missing = b
        .js(
            &format!(
                "return document.querySelector('#f-{n} textarea[name=comment]').validity.valueMissing;"
            ),
            vec![],
        )
        .await;
    assert_eq!(missing, serde_json::json!(true));
    assert_eq!(b.path().await, format!("/reports/{id}"));
    assert!(!b.exists("p.verdict").await);

    // Confirming with a comment: the verdict shows on the finding, with the reviewer.
    b.goto(&format!("/reports/{id}")).await;
    assert!(!b.exists("p.verdict").await);
    b.click(&format!("#f-{n} details.no-print summary")).await;
    b.fill(
        &format!("#f-{n} textarea[name=comment]"),
        "表三自然人列不平衡，已通知发布单位更正",
    )
    .await;
    b.submit(&format!("#f-{n} button[value=confirmed]")).await;
    assert_eq!(b.path().await, format!("/reports/{id}"));
    assert_eq!(
        b.fragment().await.as_deref(),
        Some(format!("f-{n}").as_str())
    );
    let verdict = b.text(&format!("#f-{n} p.verdict")).await;
    assert!(
        verdict.starts_with("已确认：表三自然人列不平衡"),
        "{verdict:?}"
    );
    assert!(verdict.contains(REVIEWER.username), "{verdict:?}");
    let classes = b.classes_of(&format!("f-{n}")).await;
    assert!(classes.iter().any(|c| c == "confirmed"), "{classes:?}");
    // The other findings have no verdict yet.
    assert_eq!(b.count("p.verdict").await, 1);
    assert_eq!(b.text("dl.facts .badge.error").await, "错误 2");

    // Dismissing the other balance error with a reason: greyed, its cells no longer marked,
    // and no longer counted.
    let m = n + 1;
    assert_eq!(b.text(&format!("#f-{m} .rule")).await, "T3-BALANCE");
    let other = cells_of(&b, m).await;
    assert!(!other.is_empty());
    b.click(&format!("#f-{m} details.no-print summary")).await;
    b.fill(
        &format!("#f-{m} textarea[name=comment]"),
        "总计列为原文排版错误，已核对纸质件",
    )
    .await;
    b.submit(&format!("#f-{m} button[value=dismissed]")).await;
    let verdict = b.text(&format!("#f-{m} p.verdict")).await;
    assert!(
        verdict.starts_with("已排除：总计列为原文排版错误"),
        "{verdict:?}"
    );
    let classes = b.classes_of(&format!("f-{m}")).await;
    assert!(classes.iter().any(|c| c == "dismissed"), "{classes:?}");
    for id in other.iter().filter(|id| !cells.contains(id)) {
        let classes = b.classes_of(id).await;
        assert!(!classes.iter().any(|c| c == "error"), "{id}: {classes:?}");
    }
    assert_eq!(b.text("dl.facts .badge.error").await, "错误 1");
    b.goto(&format!("/reports/{id}#f-{n}")).await;
    b.screenshot("report-verdict").await;

    // The review desk lists the stored report; the same file uploaded again is recognised.
    b.goto("/review").await;
    assert_eq!(
        b.text("table.list tbody td:nth-child(5)").await,
        "defect-t3-balance.txt"
    );
    b.upload("input[type=file][name=file]", &workspace_file(T3_BALANCE))
        .await;
    b.submit("main form button[type=submit]").await;
    b.wait_for_path("/review/drafts/").await;
    assert_eq!(
        b.attr(".notice a", "href").await,
        Some(format!("/reports/{id}"))
    );
    assert!(!b.exists("form[action$='/save']").await);
    b.close().await;
}
