//! The main flows again in Firefox ESR (the browser many government desktops run), through
//! geckodriver: the review desk (paste a report, see its findings and marked cells, click a
//! finding to focus its cells and source line) and the public side (file an application, look
//! it up). Without firefox-esr and geckodriver each test prints `SKIPPED: …` and passes.

use crate::harness::{open_in, open_in_at, workspace_file, Kind, REVIEWER};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn firefox_review_desk_shows_and_focuses_findings() {
    let Some((_site, b)) = open_in(Kind::Firefox, &[REVIEWER]).await else {
        return;
    };
    b.login_to(&REVIEWER, "/review").await;
    let text = std::fs::read_to_string(workspace_file("examples/defect-t3-balance.txt"))
        .expect("read the example");
    b.set_value("textarea[name=text]", &text).await;
    b.submit("main form button[type=submit]").await;
    b.wait_for_path("/review/drafts/").await;
    b.wait_for("ol.findings").await;
    let rules = b.texts("ol.findings > li .rule").await;
    let n = rules
        .iter()
        .position(|r| r == "T3-BALANCE")
        .unwrap_or_else(|| panic!("T3-BALANCE among {rules:?}"))
        + 1;
    let cells: Vec<String> = b
        .attr(&format!("#f-{n} a[data-cells]"), "data-cells")
        .await
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert!(!cells.is_empty());
    for id in &cells {
        assert!(b.classes_of(id).await.iter().any(|c| c == "error"), "{id}");
    }
    // app.js works in Firefox too: the click marks the cells and the source line.
    b.click(&format!("#f-{n} a[data-cells]")).await;
    for id in &cells {
        let classes = b.classes_of(id).await;
        assert!(classes.iter().any(|c| c == "focus"), "{id}: {classes:?}");
    }
    assert!(b.classes_of("L36").await.iter().any(|c| c == "focus"));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn firefox_public_application_and_lookup() {
    let Some((_site, b)) = open_in_at(Kind::Firefox, &[], "2026-02-10").await else {
        return;
    };
    b.goto("/apply").await;
    assert_eq!(b.text("h1").await, "申请政府信息公开");
    b.fill("input[name=name]", "张三").await;
    b.choose("select[name=applicant_type]", "natural_person")
        .await;
    b.choose("select[name=id_type]", "id_card").await;
    b.fill("input[name=id_number]", "110101199001011234").await;
    b.fill("input[name=phone]", "13800000000").await;
    b.fill(
        "textarea[name=request]",
        "2025年本县农村公路建设项目的招标文件",
    )
    .await;
    b.click("input[name=form][value=paper]").await;
    b.click("input[name=delivery][value=pickup]").await;
    b.submit("main form button[type=submit]").await;
    assert_eq!(b.text("h1").await, "申请已提交");
    let codes = b.texts(".codes strong.code").await;
    let [code, check] = codes.as_slice() else {
        panic!("two codes: {codes:?}");
    };
    b.goto("/track").await;
    b.fill("input[name=code]", code).await;
    b.fill("input[name=check]", check).await;
    b.submit("main form button[type=submit]").await;
    let page = b.text("main").await;
    assert!(page.contains("2026-03-16"), "the due date: {page}");
    assert!(!page.contains("张三"), "no personal details: {page}");
    b.close().await;
}
