//! Signing in and out, the home page, roles and error pages.

use crate::harness::{open, CLERK, REVIEWER};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_offers_the_public_services_and_the_staff_login() {
    let Some((_site, b)) = open(&[]).await else {
        return;
    };
    b.goto("/").await;
    assert_eq!(b.text("h1").await, "政府信息公开工作平台");
    let cards = b.texts("ul.cards a").await;
    assert_eq!(cards.len(), 3, "{cards:?}");
    assert!(cards[0].contains("申请政府信息公开"), "{cards:?}");
    assert!(cards[2].contains("工作人员登录"), "{cards:?}");
    assert_eq!(b.text("header .who a").await, "工作人员登录");
    // The stylesheet applied: the header is the accent red.
    let bg = b
        .js(
            "return getComputedStyle(document.querySelector('header.site')).backgroundColor;",
            vec![],
        )
        .await;
    assert_eq!(bg, "rgb(155, 28, 28)");
    b.screenshot("home").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_on_the_login_form() {
    let Some((_site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    b.goto("/login").await;
    assert_eq!(b.text("h1").await, "工作人员登录");
    b.screenshot("login").await;
    b.fill("input[name=username]", REVIEWER.username).await;
    b.fill("input[name=password]", "not-the-password").await;
    b.submit("main form button[type=submit]").await;
    assert_eq!(b.path().await, "/login");
    assert_eq!(
        b.text("p.problem").await,
        "用户名或密码不正确，或账号已停用"
    );
    // The username is kept, the password is not; nobody is signed in.
    assert_eq!(
        b.attr("input[name=username]", "value").await.as_deref(),
        Some(REVIEWER.username)
    );
    assert_eq!(
        b.attr("input[name=password]", "value").await.as_deref(),
        None
    );
    assert_eq!(b.text("header .who").await, "工作人员登录");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_leads_back_to_the_page_asked_for() {
    let Some((_site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    // Anonymous: the review desk sends to the login form, remembering where to come back.
    b.goto("/review").await;
    assert_eq!(b.path().await, "/login?next=/review");
    b.fill("input[name=username]", REVIEWER.username).await;
    b.fill("input[name=password]", REVIEWER.password).await;
    b.submit("main form button[type=submit]").await;
    assert_eq!(b.path().await, "/review");
    assert_eq!(b.text("h1").await, "报告审核");
    assert_eq!(b.text("header .who span").await, "李审核（审核人员）");
    // The reviewer's navigation: the review desk (current) and the corpus, not the clerk's desk.
    assert_eq!(b.text("nav a[aria-current=page]").await, "报告审核");
    let nav = b.texts("header nav a").await;
    assert!(nav.contains(&"资料库".to_string()), "{nav:?}");
    assert!(!nav.contains(&"依申请办理".to_string()), "{nav:?}");
    assert!(!nav.contains(&"账号管理".to_string()), "{nav:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_is_refused_the_review_desk() {
    let Some((_site, b)) = open(&[CLERK]).await else {
        return;
    };
    b.login(&CLERK).await;
    b.goto("/review").await;
    assert_eq!(b.text("h1").await, "出错了（403）");
    let problem = b.text("p.problem").await;
    assert!(problem.contains("没有此项权限"), "{problem:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_returns_home_and_the_desk_asks_for_a_login_again() {
    let Some((_site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    b.login_to(&REVIEWER, "/review").await;
    b.logout().await;
    assert_eq!(b.path().await, "/");
    assert_eq!(b.text("header .who").await, "工作人员登录");
    b.goto("/review").await;
    assert_eq!(b.path().await, "/login?next=/review");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_report_shows_the_chinese_error_page() {
    let Some((_site, b)) = open(&[REVIEWER]).await else {
        return;
    };
    b.login(&REVIEWER).await;
    b.goto("/reports/9999").await;
    assert_eq!(b.text("h1").await, "出错了（404）");
    assert_eq!(b.text("p.problem").await, "资料库中没有编号为 9999 的报告");
    b.goto("/review/drafts/0123456789abcdef").await;
    assert_eq!(b.text("h1").await, "出错了（404）");
    assert!(b.text("p.problem").await.contains("请重新上传"));
    b.close().await;
}
