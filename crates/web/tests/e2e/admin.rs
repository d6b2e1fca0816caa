//! Account management (admin).

use crate::harness::{open, ADMIN, REVIEWER};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_creates_an_account_and_a_reviewer_may_not() {
    let Some((site, b)) = open(&[ADMIN, REVIEWER]).await else {
        return;
    };
    b.login_to(&ADMIN, "/admin/users").await;
    assert_eq!(b.text("h1").await, "账号管理");
    let names = b.texts("table.list tbody td:first-child").await;
    assert_eq!(names, [ADMIN.username, REVIEWER.username]);

    b.fill("input[name=username]", "ban.zhou").await;
    b.fill("input[name=display_name]", "周办理").await;
    b.find("select[name=role]")
        .await
        .select_by_value("clerk")
        .await
        .expect("choose the clerk role");
    b.fill("input[name=password]", "clerk-pass-2025").await;
    b.submit("form[action='/admin/users'] button[type=submit]")
        .await;
    assert_eq!(b.text("p.notice[role=status]").await, "已创建账号 ban.zhou");
    let rows = b.texts("table.list tbody tr").await;
    let row = rows
        .iter()
        .find(|r| r.starts_with("ban.zhou"))
        .unwrap_or_else(|| panic!("no row for ban.zhou in {rows:?}"));
    assert!(
        row.contains("周办理") && row.contains("经办人员"),
        "{row:?}"
    );
    let stored = site
        .store()
        .user_by_name("ban.zhou")
        .expect("read the account")
        .expect("the account exists");
    assert_eq!(stored.role, gongkai_store::Role::Clerk);
    b.screenshot("admin-users").await;

    b.logout().await;
    b.login(&REVIEWER).await;
    b.goto("/admin/users").await;
    assert_eq!(b.text("h1").await, "出错了（403）");
    b.close().await;
}
