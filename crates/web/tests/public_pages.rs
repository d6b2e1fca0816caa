//! The public side, through the whole application: the application form, the confirmation with
//! its two codes, the progress lookup (which shows the state and dates and nothing else, and
//! answers a wrong code and a wrong check code alike), CSRF and the rate limit.
//!
//! "Today" is fixed for these servers (`Config::today`), so the dates checked here are the same
//! every day the tests run.

mod common_desk;

use axum::http::StatusCode;
use common_desk::{app_on, clerk, Client, TestApp};

/// 2026-02-10, a Tuesday before the Spring Festival: the server's fixed "today".
fn today() -> Option<gongkai_desk::Day> {
    Some(gongkai_desk::Day::parse("2026-02-10").expect("a date"))
}

struct Filed {
    code: String,
    check: String,
}

fn fields<'a>(
    name: &'a str,
    phone: &'a str,
    email: &'a str,
    request: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("applicant_type", "natural_person"),
        ("id_type", "id_card"),
        ("id_number", "110101199001011234"),
        ("phone", phone),
        ("email", email),
        ("address", ""),
        ("request", request),
        ("form", if email.is_empty() { "paper" } else { "email" }),
        (
            "delivery",
            if email.is_empty() { "pickup" } else { "email" },
        ),
    ]
}

/// Between the opening tag with `marker` and its closing `</strong>`.
fn strong_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let rest = &html[at + marker.len()..];
    let start = rest.find("<strong class=\"code\">").expect("code") + 21;
    let end = rest[start..].find("</strong>").expect("end") + start;
    &rest[start..end]
}

async fn apply(app: &TestApp, c: &mut Client, fields: &[(&str, &str)]) -> Filed {
    let form = c.get(app, "/apply").await;
    assert_eq!(form.status, StatusCode::OK);
    let token = form.csrf();
    let mut pairs = vec![("csrf", token.as_str())];
    pairs.extend_from_slice(fields);
    let r = c.post(app, "/apply", &pairs).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("申请已提交"));
    Filed {
        code: strong_after(&r.body, "查询编号：").to_string(),
        check: strong_after(&r.body, "查询码：").to_string(),
    }
}

async fn track(app: &TestApp, c: &mut Client, code: &str, check: &str) -> common_desk::Reply {
    let form = c.get(app, "/track").await;
    assert_eq!(form.status, StatusCode::OK);
    let token = form.csrf();
    c.post(
        app,
        "/track",
        &[("csrf", &token), ("code", code), ("check", check)],
    )
    .await
}

#[tokio::test]
async fn an_application_gets_two_codes_and_can_be_tracked() {
    let app = app_on(1000, today());
    let mut citizen = Client::new();
    let filed = apply(
        &app,
        &mut citizen,
        &fields(
            "张三",
            "13800000000",
            "zhangsan@example.cn",
            "2025年某项目环评批复",
        ),
    )
    .await;
    assert_eq!(filed.code, "YSQ2026-0001");
    assert_eq!(filed.check.len(), 8, "{}", filed.check);

    // Online, submitted and confirmed 2026-02-10: from 02-11, 02-11…02-14 (02-14 调休) = 4,
    // 春节 02-15…02-23, 02-24…02-28 = 9, 03-02…03-06 = 14, 03-09…03-13 = 19, 03-16 = 20.
    let r = track(&app, &mut citizen, &filed.code, &filed.check).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("办理中"));
    assert!(
        r.body.contains("<dt>收到日期</dt><dd>2026-02-10</dd>"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("<dt>答复期限</dt><dd>2026-03-16"),
        "{}",
        r.body
    );
    assert!(r.body.contains("未延长"));
    // The check code is not case-sensitive and may be typed with a space.
    let lower = filed.check.to_lowercase();
    let spaced = format!("{} {}", &lower[..4], &lower[4..]);
    let r = track(&app, &mut citizen, &filed.code.to_lowercase(), &spaced).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Only the check code's hash is kept.
    let mut store = app.store();
    assert!(store
        .lookup_application(
            &filed.code,
            &gongkai_store::sha256_hex(&filed.check),
            app.state.calendar
        )
        .expect("lookup")
        .is_some());
    drop(store);
    let mut bytes = std::fs::read(&app.db).expect("db file");
    if let Ok(wal) = std::fs::read(app.db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    let hay = String::from_utf8_lossy(&bytes);
    assert!(
        !hay.contains(&filed.check),
        "the check code is stored in clear"
    );

    // The clerk sees the case with its contact details; the reply then shows on the lookup.
    let mut desk = clerk(&app).await;
    let page = desk.get(&app, &format!("/desk/cases/{}", filed.code)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("13800000000"));
    assert!(page.body.contains("zhangsan@example.cn"));
    assert!(page
        .body
        .contains("2026-02-10 网上提交，2026-02-10 双方确认"));
    assert!(page.body.contains("居民身份证"));
    // The extension and the reply come weeks later, after this server's "today" (the desk
    // refuses events dated after today), so they go straight into the store.
    let cal = gongkai_desk::Calendar::official().expect("calendar");
    let d = |s: &str| gongkai_desk::Day::parse(s).expect("date");
    let mut store = app.store();
    store
        .append_event(
            &filed.code,
            gongkai_desk::Event {
                date: d("2026-03-09"),
                kind: gongkai_desk::EventKind::ExtensionApproved {
                    approved_by: "李主任".into(),
                    days: 5,
                    applicant_told: d("2026-03-09"),
                },
            },
            "clerk",
            cal,
        )
        .expect("extension");
    store
        .append_event(
            &filed.code,
            gongkai_desk::Event {
                date: d("2026-03-18"),
                kind: gongkai_desk::EventKind::Replied {
                    reply: gongkai_desk::ReplyType::from_key("partially_granted").expect("reply"),
                },
            },
            "clerk",
            cal,
        )
        .expect("reply");
    let r = track(&app, &mut citizen, &filed.code, &filed.check).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("已办结"));
    assert!(
        r.body.contains("<dt>办结日期</dt><dd>2026-03-18</dd>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("部分公开（区分处理）"));
    assert!(r.body.contains("已延长 5 个工作日"));
    // 03-16 + 5 working days.
    assert!(
        r.body.contains("<dt>答复期限</dt><dd>2026-03-23"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("李主任"),
        "no clerk's name on the public side"
    );
    assert!(!r.body.contains("clerk1"));
}

#[tokio::test]
async fn a_wrong_check_code_and_an_unknown_code_get_the_same_answer() {
    let app = app_on(1000, today());
    let mut citizen = Client::new();
    let filed = apply(
        &app,
        &mut citizen,
        &fields("张三", "13800000000", "", "某文件"),
    )
    .await;
    let wrong_check = if filed.check == "ABCDEFGH" {
        "HGFEDCBA"
    } else {
        "ABCDEFGH"
    };
    let a = track(&app, &mut citizen, &filed.code, wrong_check).await;
    let b = track(&app, &mut citizen, "YSQ2026-9999", wrong_check).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.status, b.status);
    assert!(a.body.contains("编号或查询码不正确"));
    // Apart from the code typed (shown back in its field), the two pages are the same.
    let a_body = a
        .body
        .replace(&format!("value=\"{}\"", filed.code), "value=\"CODE\"");
    let b_body = b.body.replace("value=\"YSQ2026-9999\"", "value=\"CODE\"");
    assert_ne!(a_body, a.body, "the typed code is shown back");
    assert_eq!(a_body, b_body);
    // A right check code of another case is wrong for this one.
    let other = apply(
        &app,
        &mut citizen,
        &fields("李四", "13900000000", "", "另一文件"),
    )
    .await;
    let c = track(&app, &mut citizen, &filed.code, &other.check).await;
    assert_eq!(c.status, StatusCode::NOT_FOUND);
    assert!(c.body.contains("编号或查询码不正确"));
    // A case registered at the desk (no check code) cannot be looked up at all.
    let day = gongkai_desk::Day::parse("2026-02-10").expect("day");
    let desk_case = app
        .store()
        .add_case(
            gongkai_desk::Event {
                date: day,
                kind: gongkai_desk::EventKind::Received {
                    channel: gongkai_desk::Channel::InPerson,
                    applicant: gongkai_desk::Applicant {
                        name: "赵六".into(),
                        kind: gongkai_desk::ApplicantType::NaturalPerson,
                    },
                    request: "某文件".into(),
                },
            },
            "clerk1",
        )
        .expect("desk case");
    let d = track(&app, &mut citizen, &desk_case.code, "ABCDEFGH").await;
    assert_eq!(d.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_lookup_shows_no_personal_details() {
    let app = app_on(1000, today());
    let mut one = Client::new();
    let mut two = Client::new();
    let a = apply(
        &app,
        &mut one,
        &fields(
            "欧阳甲",
            "13511112222",
            "ouyang@example.cn",
            "甲申请的某区建设用地批复",
        ),
    )
    .await;
    let b = apply(
        &app,
        &mut two,
        &fields(
            "司马乙",
            "13633334444",
            "sima@example.cn",
            "乙申请的某项目验收报告",
        ),
    )
    .await;
    for (who, filed) in [(&mut one, &a), (&mut two, &b)] {
        let r = track(&app, who, &filed.code, &filed.check).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        for secret in [
            "欧阳甲",
            "司马乙",
            "13511112222",
            "13633334444",
            "ouyang@example.cn",
            "sima@example.cn",
            "建设用地批复",
            "验收报告",
            "110101199001011234",
            "居民身份证",
        ] {
            assert!(
                !r.body.contains(secret),
                "{secret} shown for {}",
                filed.code
            );
        }
        assert!(r.body.contains(&filed.code));
        // The check code is not written back into the page after a successful lookup.
        assert!(!r.body.contains(&filed.check));
    }
}

#[tokio::test]
async fn public_forms_need_their_csrf_cookie() {
    let app = app_on(1000, today());
    let mut citizen = Client::new();
    let page = citizen.get(&app, "/apply").await;
    let token = page.csrf();
    // Without the cookie (another site's form): refused, nothing filed, the input kept.
    let mut stranger = Client::new();
    let mut pairs = vec![("csrf", token.as_str())];
    let f = fields("王五", "13700000000", "", "某文件");
    pairs.extend_from_slice(&f);
    let r = stranger.post(&app, "/apply", &pairs).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("value=\"王五\""));
    // With the cookie but no token.
    let r = citizen.post(&app, "/apply", &f).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = citizen
        .post(
            &app,
            "/track",
            &[("code", "YSQ2026-0001"), ("check", "ABCDEFGH")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(app
        .store()
        .list_cases(app.state.calendar)
        .expect("cases")
        .is_empty());
    // Sending the same form again after it was filed is refused (a new token was issued).
    let filed = apply(&app, &mut citizen, &f).await;
    assert_eq!(filed.code, "YSQ2026-0001");
    let r = citizen.post(&app, "/apply", &pairs).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store()
            .list_cases(app.state.calendar)
            .expect("cases")
            .len(),
        1
    );
}

#[tokio::test]
async fn an_incomplete_application_comes_back_with_what_was_typed() {
    let app = app_on(1000, today());
    let mut citizen = Client::new();
    let page = citizen.get(&app, "/apply").await;
    let token = page.csrf();
    let r = citizen
        .post(
            &app,
            "/apply",
            &[
                ("csrf", &token),
                ("name", "钱七"),
                ("applicant_type", "natural_person"),
                ("id_type", "passport"),
                ("id_number", "E12345678"),
                ("phone", ""),
                ("email", ""),
                ("address", ""),
                ("request", "某街道2025年财政预算执行情况"),
                ("form", "paper"),
                ("delivery", "post"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请至少填写一种联系方式"), "{}", r.body);
    assert!(r.body.contains("选择邮寄时，请填写通信地址"));
    assert!(r.body.contains("value=\"钱七\""));
    assert!(r.body.contains("value=\"E12345678\""));
    assert!(r.body.contains("某街道2025年财政预算执行情况</textarea>"));
    assert!(r.body.contains("value=\"passport\" selected"));
    assert!(r.body.contains("value=\"post\" checked"));
    let long = "长".repeat(2001);
    let r = citizen
        .post(
            &app,
            "/apply",
            &[
                ("csrf", &token),
                ("name", "钱七"),
                ("applicant_type", "business"),
                ("id_type", "credit_code"),
                ("id_number", "91110000000000000X"),
                ("phone", "010-12345678"),
                ("request", &long),
                ("form", "paper"),
                ("delivery", "pickup"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("最多 2000 个字"));
    let r = citizen
        .post(
            &app,
            "/track",
            &[("csrf", &token), ("code", ""), ("check", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请填写查询编号"));
    assert!(app
        .store()
        .list_cases(app.state.calendar)
        .expect("cases")
        .is_empty());
}

#[tokio::test]
async fn the_public_side_is_rate_limited() {
    let app = app_on(3, today());
    let mut citizen = Client::new();
    for _ in 0..3 {
        assert_eq!(citizen.get(&app, "/track").await.status, StatusCode::OK);
    }
    let r = citizen.get(&app, "/apply").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("请求过于频繁"));
    assert!(r.headers.contains_key("retry-after"));
    let r = citizen
        .post(
            &app,
            "/track",
            &[("code", "YSQ2026-0001"), ("check", "ABCDEFGH")],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}
