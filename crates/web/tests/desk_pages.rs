//! The request desk's pages, through the whole application: registering cases, the due list,
//! recording events (and refusals), roles, CSRF, the audit trail and the year's 表三.

mod common_desk;

use axum::http::StatusCode;
use common_desk::{app, clerk, text_of_id, Client, TestApp};
use gongkai_store::Role;

/// Registers an application through the form; returns the new case's code.
async fn register(app: &TestApp, c: &mut Client, fields: &[(&str, &str)]) -> String {
    let token = c.session_csrf(app).await;
    let mut pairs = vec![("csrf", token.as_str())];
    pairs.extend_from_slice(fields);
    let r = c.post(app, "/desk/new", &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let loc = r.location().to_string();
    let code = loc
        .strip_prefix("/desk/cases/")
        .expect("redirect to the case page")
        .to_string();
    assert!(code.starts_with("YSQ"), "{code}");
    code
}

/// The doc example of gongkai-desk: posted 2026-02-10, signed for 2026-02-11.
async fn register_by_post(app: &TestApp, c: &mut Client) -> String {
    register(
        app,
        c,
        &[
            ("submitted", "2026-02-10"),
            ("channel", "post"),
            ("signed_for", "2026-02-11"),
            ("confirmed", ""),
            ("applicant_type", "natural_person"),
            ("name", "张三"),
            ("request", "2025年某项目环评批复"),
        ],
    )
    .await
}

async fn record(
    app: &TestApp,
    c: &mut Client,
    code: &str,
    fields: &[(&str, &str)],
) -> common_desk::Reply {
    let token = c.session_csrf(app).await;
    let mut pairs = vec![("csrf", token.as_str())];
    pairs.extend_from_slice(fields);
    c.post(app, &format!("/desk/cases/{code}/events"), &pairs)
        .await
}

#[tokio::test]
async fn a_registered_case_is_listed_with_its_due_date() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let code = register_by_post(&app, &mut c).await;
    assert_eq!(code, "YSQ2026-0001");

    // Counted from 2026-02-12: 02-12, 02-13, 02-14 (调休 Saturday) = 3; 春节 02-15…02-23;
    // 02-24…02-27 = 7; 02-28 (调休) = 8; 03-02…03-06 = 13; 03-09…03-13 = 18; 03-16, 03-17 = 20.
    let list = c.get(&app, "/desk?today=2026-02-12").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&code), "{}", list.body);
    assert!(list.body.contains("2026-03-17"), "{}", list.body);
    assert!(list.body.contains("张三"));
    assert!(list.body.contains("2025年某项目环评批复"));
    // Working days after 02-12 up to 03-17: 02-13, 02-14, 02-24…28 (5), 03-02…06 (5),
    // 03-09…13 (5), 03-16, 03-17 = 19.
    let row = &list.body[list.body.find(&code).expect("row")..];
    let row = &row[..row.find("</tr>").expect("end of row")];
    assert!(row.contains(">19<"), "{row}");
    assert!(!row.contains("overdue"), "{row}");

    let page = c
        .get(&app, &format!("/desk/cases/{code}?today=2026-02-12"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2026-03-17"));
    // The chain of reasons behind the date.
    assert!(
        page.body.contains("2026-02-15至02-23春节放假"),
        "{}",
        page.body
    );
    assert!(page.body.contains("2026-02-10 邮寄，2026-02-11 签收"));
    assert!(page.body.contains("clerk1"), "recorded by whom");
}

#[tokio::test]
async fn overdue_cases_come_first_with_the_overdue_badge() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let later = register_by_post(&app, &mut c).await;
    // Handed in on Monday 2026-01-05: 20 working days from 01-06 end on 2026-02-02.
    let late = register(
        &app,
        &mut c,
        &[
            ("submitted", "2026-01-05"),
            ("channel", "in_person"),
            ("applicant_type", "business"),
            ("name", "某某商贸有限公司"),
            ("request", "某路段改造工程的招标文件"),
        ],
    )
    .await;
    let list = c.get(&app, "/desk?today=2026-02-12").await;
    assert_eq!(list.status, StatusCode::OK);
    let first = list.body.find(&late).expect("overdue case listed");
    let second = list.body.find(&later).expect("other case listed");
    assert!(first < second, "the overdue case comes first");
    // 02-03…02-06 and 02-09…02-12: eight working days since 02-02.
    assert!(
        list.body
            .contains("<span class=\"badge overdue\">逾期 8 个工作日</span>"),
        "{}",
        list.body
    );
    assert!(list.body.contains("2026-02-02"));
}

#[tokio::test]
async fn a_reply_closes_the_case_and_counts_in_table_three() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let person = register_by_post(&app, &mut c).await;
    let firm = register(
        &app,
        &mut c,
        &[
            ("submitted", "2026-03-02"),
            ("channel", "online"),
            ("confirmed", "2026-03-03"),
            ("applicant_type", "business"),
            ("name", "某某科技有限公司"),
            ("request", "某政策的起草说明"),
        ],
    )
    .await;
    let r = record(
        &app,
        &mut c,
        &person,
        &[
            ("kind", "replied"),
            ("date", "2026-03-02"),
            ("reply", "granted"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = record(
        &app,
        &mut c,
        &firm,
        &[
            ("kind", "replied"),
            ("date", "2026-03-20"),
            ("reply", "not_held"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = c.get(&app, &format!("/desk/cases/{person}")).await;
    assert!(page.body.contains("已办结：予以公开"), "{}", page.body);
    assert!(page.body.contains("案件已办结，不能再记录事件"));
    let list = c.get(&app, "/desk?today=2026-03-20").await;
    let closed = &list.body[list.body.find("id=\"closed\"").expect("closed section")..];
    assert!(
        closed.contains(&person) && closed.contains(&firm),
        "{closed}"
    );
    assert!(list.body.contains("没有未办结的案件"));

    let stats = c.get(&app, "/desk/stats?year=2026").await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.body);
    let cell = |row: &str, col: &str| {
        text_of_id(&stats.body, &format!("c-requests-{row}-{col}"))
            .unwrap_or_else(|| panic!("cell {row}/{col} in {}", stats.body))
    };
    assert_eq!(cell("received", "natural_person"), "1");
    assert_eq!(cell("received", "business"), "1");
    assert_eq!(cell("received", "total"), "2");
    assert_eq!(cell("granted", "natural_person"), "1");
    assert_eq!(cell("granted", "business"), "0");
    assert_eq!(cell("unavailable_not_held", "business"), "1");
    assert_eq!(cell("unavailable_not_held", "natural_person"), "0");
    assert_eq!(cell("total", "total"), "2");
    assert_eq!(cell("carried_out", "total"), "0");
    assert!(stats.body.contains("表三检查：无错误"));

    let draft = c
        .get(&app, "/desk/stats/2026/draft.html?agency=某某县人民政府")
        .await;
    assert_eq!(draft.status, StatusCode::OK);
    let disposition = draft
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(draft
        .body
        .contains("某某县人民政府2026年政府信息公开工作年度报告"));
    assert!(draft.body.contains("收到和处理政府信息公开申请情况"));

    // A year before the 2019 format has no 表三.
    let old = c.get(&app, "/desk/stats?year=2018").await;
    assert_eq!(old.status, StatusCode::BAD_REQUEST);
    let bad = c.get(&app, "/desk/stats?year=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("统计年度"));
}

#[tokio::test]
async fn a_refused_event_is_a_conflict_and_writes_nothing() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let code = register_by_post(&app, &mut c).await;
    let r = record(
        &app,
        &mut c,
        &code,
        &[("kind", "fee_paid"), ("date", "2026-02-13")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("没有待缴费的收费通知"), "{}", r.body);
    assert!(r.body.contains("DESK-FEE-NONE"));
    // An event dated before receipt.
    let r = record(
        &app,
        &mut c,
        &code,
        &[
            ("kind", "extension_approved"),
            ("date", "2026-02-01"),
            ("approved_by", "李主任"),
            ("days", "10"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("DESK-DATE-ORDER"));
    // What was typed is still in the open form.
    assert!(r.body.contains("value=\"李主任\""), "{}", r.body);

    let mut store = app.store();
    let stored = store.load_case(&code, app.state.calendar).expect("case");
    assert_eq!(stored.case.events().len(), 1, "nothing was appended");
    let audit = store
        .audit_log(Some(&format!("case:{code}")), 10)
        .expect("audit");
    assert!(audit.iter().all(|a| a.action == "case.open"), "{audit:?}");
}

#[tokio::test]
async fn recorded_events_are_in_the_audit_trail() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let code = register_by_post(&app, &mut c).await;
    let r = record(
        &app,
        &mut c,
        &code,
        &[
            ("kind", "extension_approved"),
            ("date", "2026-03-10"),
            ("approved_by", "李主任"),
            ("days", "10"),
            ("told", "2026-03-11"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let audit = app
        .store()
        .audit_log(Some(&format!("case:{code}")), 10)
        .expect("audit");
    let event = audit
        .iter()
        .find(|a| a.action == "case.event")
        .unwrap_or_else(|| panic!("no case.event in {audit:?}"));
    assert_eq!(event.actor, "clerk1");
    assert_eq!(event.detail["event"], "extension_approved");
    assert!(audit
        .iter()
        .any(|a| a.action == "case.open" && a.actor == "clerk1"));

    // The extension moves the due date by ten working days: 03-17 → 03-31.
    let page = c
        .get(&app, &format!("/desk/cases/{code}?today=2026-03-12"))
        .await;
    assert!(page.body.contains("2026-03-31"), "{}", page.body);
    assert!(page.body.contains("经李主任批准延长10个工作日"));
}

#[tokio::test]
async fn without_a_session_the_desk_sends_to_the_login_form() {
    let app = app(1000);
    let mut anon = Client::new();
    let r = anon.get(&app, "/desk").await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_eq!(r.location(), "/login?next=/desk");
    let r = anon
        .post(
            &app,
            "/desk/new",
            &[("submitted", "2026-02-10"), ("channel", "in_person")],
        )
        .await;
    assert!(r.status.is_redirection());
    assert!(r.location().starts_with("/login"));
    assert!(app
        .store()
        .list_cases(app.state.calendar)
        .expect("cases")
        .is_empty());
}

#[tokio::test]
async fn a_reviewer_may_not_use_the_desk_but_an_admin_may() {
    let app = app(1000);
    app.create_user("reviewer1", Role::Reviewer, "reviewer-password-1");
    let mut r = Client::login(&app, "reviewer1", "reviewer-password-1").await;
    for path in [
        "/desk",
        "/desk/new",
        "/desk/stats",
        "/desk/cases/YSQ2026-0001",
    ] {
        let resp = r.get(&app, path).await;
        assert_eq!(resp.status, StatusCode::FORBIDDEN, "{path}");
        assert!(
            resp.body.contains("经办人员"),
            "{path}: says which role is needed"
        );
    }
    app.create_user("admin1", Role::Admin, "admin-password-1");
    let mut a = Client::login(&app, "admin1", "admin-password-1").await;
    assert_eq!(a.get(&app, "/desk").await.status, StatusCode::OK);
}

#[tokio::test]
async fn forms_without_the_session_token_are_refused() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let fields = [
        ("submitted", "2026-02-10"),
        ("channel", "in_person"),
        ("applicant_type", "natural_person"),
        ("name", "王五"),
        ("request", "某文件"),
    ];
    let r = c.post(&app, "/desk/new", &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("CSRF"));
    let mut with_wrong = vec![("csrf", "0123456789abcdef0123456789abcdef")];
    with_wrong.extend_from_slice(&fields);
    let r = c.post(&app, "/desk/new", &with_wrong).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(app
        .store()
        .list_cases(app.state.calendar)
        .expect("cases")
        .is_empty());

    let code = register_by_post(&app, &mut c).await;
    let r = c
        .post(
            &app,
            &format!("/desk/cases/{code}/events"),
            &[("kind", "withdrawn"), ("date", "2026-02-12")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let stored = app
        .store()
        .load_case(&code, app.state.calendar)
        .expect("case");
    assert!(stored.case.closure().is_none());
}

#[tokio::test]
async fn a_form_with_mistakes_comes_back_with_what_was_typed() {
    let app = app(1000);
    let mut c = clerk(&app).await;
    let token = c.session_csrf(&app).await;
    let r = c
        .post(
            &app,
            "/desk/new",
            &[
                ("csrf", &token),
                ("submitted", "2026-02-30"),
                ("channel", "post"),
                ("signed_for", ""),
                ("applicant_type", "natural_person"),
                ("name", "赵六"),
                ("request", "关于某小区规划许可的批复"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("日期「2026-02-30」不存在"), "{}", r.body);
    assert!(r.body.contains("请填写“签收日期”"), "{}", r.body);
    assert!(r.body.contains("value=\"赵六\""));
    assert!(r.body.contains("关于某小区规划许可的批复</textarea>"));
    // A receipt before the 2019 条例 is refused by the rules, with their reason.
    let r = c
        .post(
            &app,
            "/desk/new",
            &[
                ("csrf", &token),
                ("submitted", "2019-01-10"),
                ("channel", "in_person"),
                ("applicant_type", "natural_person"),
                ("name", "赵六"),
                ("request", "某文件"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("DESK-REGULATION"));
    // An event form with a bad value: 422, the case untouched.
    let code = register_by_post(&app, &mut c).await;
    let r = record(
        &app,
        &mut c,
        &code,
        &[
            ("kind", "fee_notice_issued"),
            ("date", "2026-02-13"),
            ("amount", "十元"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("金额（元）"), "{}", r.body);
    assert!(r.body.contains("value=\"十元\""));
    let r = c.get(&app, "/desk/cases/YSQ2099-0001").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn events_dated_after_today_are_refused() {
    // Today is 2026-02-10: a letter cannot have been signed for on the 11th yet.
    let app = common_desk::app_on(1000, gongkai_desk::Day::parse("2026-02-10").ok());
    let mut c = clerk(&app).await;
    let token = c.session_csrf(&app).await;
    let r = c
        .post(
            &app,
            "/desk/new",
            &[
                ("csrf", &token),
                ("submitted", "2026-02-10"),
                ("channel", "post"),
                ("signed_for", "2026-02-11"),
                ("applicant_type", "natural_person"),
                ("name", "赵六"),
                ("request", "某文件"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("日期 2026-02-11 晚于今天（2026-02-10）"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"赵六\""), "the input is kept");
    assert!(app
        .store()
        .list_cases(app.state.calendar)
        .expect("cases")
        .is_empty());
}
