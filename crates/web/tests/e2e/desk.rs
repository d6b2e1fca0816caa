//! The request desk (clerks): registering applications received by post and in person, the due
//! list with the overdue case first, a case's deadline with the chain of reasons behind it, and
//! an event the rules refuse.
//!
//! The server's "today" is Thursday 2026-02-12, just before the Spring Festival; the list is
//! also looked at as of 2026-03-18 through its 按日期查看 form.

use crate::harness::{open_at, Browser, CLERK};

/// Registers an application through `/desk/new`; returns the new case's code (the browser ends
/// on the case's page).
async fn register(
    b: &Browser,
    submitted: &str,
    channel: &str,
    signed_for: &str,
    applicant_type: &str,
    name: &str,
    request: &str,
) -> String {
    b.goto("/desk").await;
    b.submit("a[href='/desk/new']").await;
    assert_eq!(b.text("h1").await, "登记政府信息公开申请");
    b.set_value("input[name=submitted]", submitted).await;
    b.click(&format!("input[name=channel][value={channel}]"))
        .await;
    b.set_value("input[name=signed_for]", signed_for).await;
    b.choose("select[name=applicant_type]", applicant_type)
        .await;
    b.fill("input[name=name]", name).await;
    b.fill("textarea[name=request]", request).await;
    b.submit("main form button[type=submit]").await;
    let path = b.wait_for_path("/desk/cases/").await;
    path.trim_start_matches("/desk/cases/").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_posted_application_has_its_deadline_explained_and_a_refused_event_says_why() {
    let Some((site, b)) = open_at(&[CLERK], "2026-02-12").await else {
        return;
    };
    b.login_to(&CLERK, "/desk").await;
    assert_eq!(b.text("h1").await, "依申请办理");
    assert!(b.text("main").await.contains("没有未办结的案件"));
    b.goto("/desk/new").await;
    assert_eq!(
        b.value("input[name=submitted]").await,
        "2026-02-12",
        "the form starts from the server's today"
    );

    // Posted on 2026-02-10, signed for on 02-11: received 02-11, due 03-17.
    let posted = register(
        &b,
        "2026-02-10",
        "post",
        "2026-02-11",
        "natural_person",
        "张三",
        "2025年某项目环境影响评价批复文件",
    )
    .await;
    assert_eq!(posted, "YSQ2026-0001");
    assert_eq!(b.text("h1").await, format!("案件 {posted}"));
    assert_eq!(
        b.fact("dl.facts", "收到").await,
        "2026-02-10 邮寄，2026-02-11 签收；收到日期 2026-02-11"
    );
    let due = b.fact("dl.facts", "答复期限").await;
    assert!(due.starts_with("2026-03-17"), "{due:?}");
    assert_eq!(b.text("dl.facts dd strong").await, "2026-03-17");
    assert_eq!(
        b.text("dl.facts dd:has(strong) .muted").await,
        "剩余 19 个工作日"
    );
    let explain = b.text("dl.facts p.explain").await;
    for part in ["春节", "调休", "2026-02-15至02-23春节放假", "2026-03-17"] {
        assert!(explain.contains(part), "{part} not in {explain:?}");
    }
    let history = b.texts("#history + table tbody tr").await;
    assert_eq!(history.len(), 1, "{history:?}");
    assert!(history[0].contains(CLERK.username), "{history:?}");
    b.screenshot_full("desk-case").await;

    // Recording a payment without a fee notice: refused with the rule's reason, nothing written.
    b.click("details:has(input[name=kind][value=fee_paid]) summary")
        .await;
    let form = "form:has(input[name=kind][value=fee_paid])";
    b.set_value(&format!("{form} input[name=date]"), "2026-02-12")
        .await;
    b.submit(&format!("{form} button[type=submit]")).await;
    let refused = b.text("#refused").await;
    assert!(
        refused.starts_with("“缴纳费用”未记录：") && refused.contains("没有待缴费的收费通知"),
        "{refused:?}"
    );
    assert!(refused.contains("DESK-FEE-NONE"), "{refused:?}");
    assert!(refused.ends_with("案件记录没有改动"), "{refused:?}");
    // The refused form is shown open, with the date typed.
    assert!(
        b.exists("details[open]:has(input[name=kind][value=fee_paid])")
            .await
    );
    assert_eq!(
        b.value(&format!("{form} input[name=date]")).await,
        "2026-02-12"
    );
    assert_eq!(b.texts("#history + table tbody tr").await.len(), 1);
    let stored = site
        .store()
        .load_case(
            &posted,
            gongkai_desk::Calendar::official().expect("calendar"),
        )
        .expect("the case");
    assert_eq!(stored.case.events().len(), 1, "nothing written");

    // An extension before the receipt date: refused too (the date order).
    b.goto(&format!("/desk/cases/{posted}")).await;
    b.click("details:has(input[name=kind][value=extension_approved]) summary")
        .await;
    let form = "form:has(input[name=kind][value=extension_approved])";
    b.set_value(&format!("{form} input[name=date]"), "2026-02-01")
        .await;
    b.fill(&format!("{form} input[name=approved_by]"), "李主任")
        .await;
    b.fill(&format!("{form} input[name=days]"), "10").await;
    b.submit(&format!("{form} button[type=submit]")).await;
    let refused = b.text("#refused").await;
    assert!(refused.starts_with("“延长答复期限”未记录："), "{refused:?}");
    assert!(refused.contains("DESK-DATE-ORDER"), "{refused:?}");
    assert_eq!(
        b.value(&format!("{form} input[name=approved_by]")).await,
        "李主任",
        "what was typed is kept"
    );

    // Handed in on Monday 2026-01-05 by a company: due 2026-02-02, overdue by 02-12.
    let late = register(
        &b,
        "2026-01-05",
        "in_person",
        "",
        "business",
        "某某商贸有限公司",
        "某路段改造工程的招标文件",
    )
    .await;
    assert_eq!(late, "YSQ2026-0002");
    assert_eq!(b.text("dl.facts .badge.overdue").await, "已逾期");

    // The list: the overdue case first with its badge (8 working days: 02-03…06, 02-09…12),
    // then the posted one with 19 working days left (02-13, 02-14 调休, 02-24…03-17).
    b.goto("/desk").await;
    let rows = b.texts("table.desk-cases tbody tr td:first-child").await;
    assert_eq!(rows, [late.as_str(), posted.as_str()]);
    assert_eq!(
        b.text("table.desk-cases tbody tr.overdue .badge.overdue")
            .await,
        "逾期 8 个工作日"
    );
    assert!(b.text("main > p.muted").await.contains("已逾期 1 件"));
    let first = b.texts("table.desk-cases tbody tr:first-child td").await;
    assert_eq!(first[4], "2026-02-02", "{first:?}");
    let second = b.texts("table.desk-cases tbody tr:nth-child(2) td").await;
    assert_eq!(second[3], "办理中", "{second:?}");
    assert_eq!(second[4], "2026-03-17", "{second:?}");
    assert_eq!(second[5], "19", "{second:?}");
    b.screenshot("desk-list").await;

    // Looking ahead to 2026-03-18 with the date form: the posted case is a day late too, and
    // the links keep the day.
    b.set_value("form.desk-today input[name=today]", "2026-03-18")
        .await;
    b.submit("form.desk-today button[type=submit]").await;
    assert_eq!(b.path().await, "/desk?today=2026-03-18");
    let badges = b
        .texts("table.desk-cases tbody tr.overdue .badge.overdue")
        .await;
    assert_eq!(badges.len(), 2, "{badges:?}");
    assert_eq!(badges[1], "逾期 1 个工作日");
    b.submit(&format!("a[href='/desk/cases/{posted}?today=2026-03-18']"))
        .await;
    assert_eq!(b.text("main > p.muted").await, "以 2026-03-18 为今天计算。");
    assert_eq!(b.text("dl.facts dd .badge.overdue").await, "已逾期");
    assert_eq!(
        b.text("dl.facts dd:has(strong) .badge.overdue").await,
        "逾期 1 个工作日"
    );
    b.close().await;
}
