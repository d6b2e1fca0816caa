//! The public side and what follows it at the desk: an applicant files an application on
//! `/apply` and looks it up on `/track`; a clerk answers it on the request desk; the lookup then
//! shows it closed, and the year's 表三 counts it. A wrong check code is answered like an unknown
//! tracking code.
//!
//! The server's "today" is 2026-02-10 (a Tuesday before the Spring Festival): an application
//! filed online that day is received that day and due 2026-03-16 — 20 working days from 02-11,
//! with 02-14 and 02-28 worked (调休) and 02-15…02-23 off (春节).

use crate::harness::{open_at, Browser, CLERK};

const TODAY: &str = "2026-02-10";

/// The codes the confirmation page shows once.
struct Codes {
    code: String,
    check: String,
}

/// Fills the application form (a natural person asking for a document by e-mail).
async fn fill_application(b: &Browser, name: &str, request: &str) {
    b.goto("/apply").await;
    assert_eq!(b.text("h1").await, "申请政府信息公开");
    b.fill("input[name=name]", name).await;
    b.choose("select[name=applicant_type]", "natural_person")
        .await;
    b.choose("select[name=id_type]", "id_card").await;
    b.fill("input[name=id_number]", "110101199001011234").await;
    b.fill("input[name=phone]", "13800000000").await;
    b.fill("input[name=email]", "zhangsan@example.cn").await;
    b.fill("textarea[name=request]", request).await;
    b.click("input[name=form][value=email]").await;
    b.click("input[name=delivery][value=email]").await;
}

/// Sends the filled form; returns the two codes of the confirmation page.
async fn send_application(b: &Browser) -> Codes {
    b.submit("main form button[type=submit]").await;
    assert_eq!(b.text("h1").await, "申请已提交");
    let codes = b.texts(".codes strong.code").await;
    let [code, check] = codes.as_slice() else {
        panic!("two codes on the confirmation: {codes:?}");
    };
    Codes {
        code: code.clone(),
        check: check.clone(),
    }
}

/// Looks a case up on `/track`.
async fn track(b: &Browser, code: &str, check: &str) {
    b.goto("/track").await;
    b.fill("input[name=code]", code).await;
    b.fill("input[name=check]", check).await;
    b.submit("main form button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_is_tracked_answered_by_a_clerk_and_counted_in_table_three() {
    let Some((site, b)) = open_at(&[CLERK], TODAY).await else {
        return;
    };
    // The applicant, anonymous: the form, then the confirmation with both codes.
    fill_application(&b, "张三", "2025年本县农村公路建设项目的招标文件及中标公告").await;
    b.screenshot_full("public-apply").await;
    let codes = send_application(&b).await;
    assert_eq!(codes.code, "YSQ2026-0001");
    assert_eq!(codes.check.len(), 8, "{:?}", codes.check);
    assert!(
        codes
            .check
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
        "{:?}",
        codes.check
    );
    assert!(b
        .text("p.problem[role=alert]")
        .await
        .contains("只在本页显示这一次"));
    let receipt = b.fact("dl.facts", "收到日期").await;
    assert!(receipt.starts_with(TODAY), "{receipt:?}");
    let due = b.fact("dl.facts", "答复期限").await;
    assert!(due.starts_with("2026-03-16"), "{due:?}");
    b.screenshot("public-applied").await;

    // The lookup, from the confirmation's link: the state and the dates, nothing personal.
    b.submit("main a[href='/track']").await;
    assert_eq!(b.path().await, "/track");
    b.fill("input[name=code]", &codes.code).await;
    // As people type it: lower case, with a space in the middle.
    let lower = codes.check.to_lowercase();
    b.fill(
        "input[name=check]",
        &format!("{} {}", &lower[..4], &lower[4..]),
    )
    .await;
    b.submit("main form button[type=submit]").await;
    assert_eq!(
        b.text("#progress-h").await,
        format!("查询编号 {}", codes.code)
    );
    assert_eq!(b.fact("section.progress dl", "办理状态").await, "办理中");
    assert_eq!(b.fact("section.progress dl", "收到日期").await, TODAY);
    assert_eq!(
        b.fact("section.progress dl", "答复期限").await,
        "2026-03-16"
    );
    assert_eq!(
        b.fact("section.progress dl", "延长答复期限").await,
        "未延长"
    );
    assert!(!b.exists("#lookup-problem").await);
    assert_eq!(
        b.value("input[name=check]").await,
        "",
        "the check code is not echoed"
    );
    let main = b.text("main").await;
    for private in ["张三", "13800000000", "zhangsan@example.cn", "招标文件"] {
        assert!(!main.contains(private), "{private} on the lookup: {main}");
    }

    // The clerk: the case on the desk, due 2026-03-16 with 20 working days left.
    b.login_to(&CLERK, "/desk").await;
    let row = format!(
        "table.desk-cases tr:has(a[href='/desk/cases/{}'])",
        codes.code
    );
    let cells = b.texts(&format!("{row} td")).await;
    assert_eq!(cells.len(), 6, "{cells:?}");
    assert!(cells[1].starts_with("张三"), "{cells:?}");
    assert!(cells[1].contains("自然人"), "{cells:?}");
    assert!(cells[2].contains("农村公路"), "{cells:?}");
    assert_eq!(cells[4], "2026-03-16");
    assert_eq!(cells[5], "20");
    b.submit(&format!("{row} a")).await;
    assert_eq!(b.path().await, format!("/desk/cases/{}", codes.code));
    assert_eq!(b.text("h1").await, format!("案件 {}", codes.code));
    assert_eq!(b.fact("dl.facts.contact", "联系电话").await, "13800000000");
    assert_eq!(b.fact("dl.facts.contact", "身份证明").await, "居民身份证");
    assert!(b
        .fact("dl.facts:not(.contact)", "收到")
        .await
        .contains("2026-02-10 网上提交，2026-02-10 双方确认"));

    // The reply form: its date is today; 予以公开 is counted in 表三's row 三（一）.
    b.click("details:has(input[name=kind][value=replied]) summary")
        .await;
    let form = "form:has(input[name=kind][value=replied])";
    assert_eq!(b.value(&format!("{form} input[name=date]")).await, TODAY);
    let granted = b
        .text(&format!(
            "{form} label:has(input[name=reply][value=granted])"
        ))
        .await;
    assert!(granted.starts_with("予以公开"), "{granted:?}");
    b.click(&format!("{form} input[name=reply][value=granted]"))
        .await;
    b.submit(&format!("{form} button[type=submit]")).await;
    assert_eq!(b.path().await, format!("/desk/cases/{}", codes.code));
    assert_eq!(b.fragment().await.as_deref(), Some("history"));
    assert_eq!(
        b.text("dl.facts .badge").await,
        "已办结：予以公开",
        "the state after the reply"
    );
    assert_eq!(b.text("p.notice").await, "案件已办结，不能再记录事件。");
    assert!(!b.exists("form[action$='/events']").await);
    let history = b.texts("#history + table tbody tr").await;
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[1].contains("予以公开"), "{history:?}");
    assert!(history[1].contains(CLERK.username), "{history:?}");
    let stored = site
        .store()
        .load_case(
            &codes.code,
            gongkai_desk::Calendar::official().expect("calendar"),
        )
        .expect("the case is stored");
    assert_eq!(stored.case.events().len(), 2);

    // The applicant's lookup (signed out): closed, with the reply's date and kind.
    b.logout().await;
    track(&b, &codes.code, &codes.check).await;
    let dl = "section.progress dl";
    assert_eq!(b.fact(dl, "办理状态").await, "已办结");
    assert_eq!(b.fact(dl, "办结日期").await, TODAY);
    assert_eq!(b.fact(dl, "办理结果").await, "予以公开");
    assert_eq!(b.fact(dl, "答复期限").await, "2026-03-16");
    assert!(!b.text("main").await.contains(CLERK.username));
    b.screenshot("public-track").await;

    // The year's 表三 counts the case: received and granted, natural person.
    b.login_to(&CLERK, "/desk/stats?year=2026").await;
    assert_eq!(
        b.text("h1").await,
        "2026年度 表三 收到和处理政府信息公开申请情况"
    );
    for (cell, want) in [
        ("c-requests-received-natural_person", "1"),
        ("c-requests-received-total", "1"),
        ("c-requests-granted-natural_person", "1"),
        ("c-requests-granted-business", "0"),
        ("c-requests-total-total", "1"),
        ("c-requests-carried_out-total", "0"),
    ] {
        assert_eq!(b.text(&format!("#{cell}")).await, want, "{cell}");
    }
    assert_eq!(b.text(".badge.ok").await, "表三检查：无错误");
    b.screenshot_full("desk-stats").await;

    // The draft report: a download with 表三 filled in.
    let href = b
        .attr("a[download]", "href")
        .await
        .expect("the draft's link");
    assert_eq!(href, "/desk/stats/2026/draft.html");
    let draft = b.fetch(&href).await;
    assert_eq!(draft.status, 200, "{}", draft.text);
    assert!(
        draft
            .header("content-disposition")
            .starts_with("attachment"),
        "{:?}",
        draft.headers
    );
    assert!(draft.text.contains("2026年政府信息公开工作年度报告"));
    assert!(draft.text.contains("收到和处理政府信息公开申请情况"));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_check_code_is_answered_like_an_unknown_tracking_code() {
    let Some((_site, b)) = open_at(&[], TODAY).await else {
        return;
    };
    fill_application(&b, "李四", "某街道2025年财政预算执行情况").await;
    let codes = send_application(&b).await;
    // Another valid-looking check code (same alphabet, one letter changed).
    let wrong: String = codes
        .check
        .chars()
        .enumerate()
        .map(|(i, c)| match (i, c) {
            (0, 'A') => 'B',
            (0, _) => 'A',
            (_, c) => c,
        })
        .collect();
    assert_ne!(wrong, codes.check);

    track(&b, &codes.code, &wrong).await;
    let wrong_check = b.text("#lookup-problem").await;
    assert!(
        wrong_check.starts_with("编号或查询码不正确"),
        "{wrong_check:?}"
    );
    assert!(!b.exists("section.progress").await);
    assert_eq!(
        b.value("input[name=code]").await,
        codes.code,
        "kept as typed"
    );

    track(&b, "YSQ2026-0999", &codes.check).await;
    let unknown = b.text("#lookup-problem").await;
    assert!(!b.exists("section.progress").await);
    assert_eq!(wrong_check, unknown);

    // The right codes still find it.
    track(&b, &codes.code, &codes.check).await;
    assert!(!b.exists("#lookup-problem").await);
    assert_eq!(b.fact("section.progress dl", "办理状态").await, "办理中");
    b.close().await;
}
