//! The review desk and the account pages through the whole application (router, sessions,
//! CSRF, store), without a network: requests go to the router with `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use gongkai_store::{Role, Store};
use gongkai_web::{app, AppState, Config};
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

struct Site {
    app: Router,
    db: String,
    _dir: tempfile::TempDir,
}

impl Site {
    fn new(config: Config) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("web.db").display().to_string();
        {
            let mut store = Store::open(&db).expect("store");
            let hash = gongkai_web::auth::password::hash(PASSWORD).expect("hash");
            for (name, role) in [
                ("rev", Role::Reviewer),
                ("rev2", Role::Reviewer),
                ("clerk", Role::Clerk),
                ("boss", Role::Admin),
            ] {
                store
                    .create_user(name, &format!("{name} 姓名"), role, &hash, "test")
                    .expect("user");
            }
        }
        let state = AppState::new(Config {
            db: db.clone(),
            connections: 2,
            ..config
        })
        .expect("state");
        Site {
            app: app(state),
            db,
            _dir: dir,
        }
    }

    fn store(&self) -> Store {
        Store::open(&self.db).expect("store")
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let resp = self.app.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 64 * 1024 * 1024)
            .await
            .expect("body");
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    async fn get(&self, path: &str, cookie: &str) -> (StatusCode, HeaderMap, String) {
        self.send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    async fn post_form(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect();
        self.send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.join("&")))
                .expect("request"),
        )
        .await
    }

    async fn post_multipart(
        &self,
        path: &str,
        cookie: &str,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> (StatusCode, HeaderMap, String) {
        let boundary = "gongkaiboundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, file, data) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// Logs in through the form; returns the session cookie (`gk_session=…`).
    async fn login(&self, user: &str, password: &str) -> Option<String> {
        let (_, headers, body) = self.get("/login", "").await;
        let anon = set_cookie(&headers, "gk_csrf").expect("anonymous CSRF cookie");
        let token = csrf_in(&body).expect("token in the login form");
        let (status, headers, _) = self
            .post_form(
                "/login",
                &anon,
                &[
                    ("csrf", &token),
                    ("username", user),
                    ("password", password),
                    ("next", "/review"),
                ],
            )
            .await;
        (status == StatusCode::SEE_OTHER)
            .then(|| set_cookie(&headers, "gk_session"))
            .flatten()
    }
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `name=value` of the response's `Set-Cookie` for `name`.
fn set_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

/// The first `name="csrf" value="…"` of a page.
fn csrf_in(body: &str) -> Option<String> {
    let at = body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(body[at..].split('"').next()?.to_string())
}

fn location(headers: &HeaderMap) -> String {
    headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn workspace_file(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The `class` attribute of the table cell with this id.
fn cell_class(body: &str, id: &str) -> Option<String> {
    let at = body.find(&format!("<td id=\"{id}\""))?;
    let tag = &body[at..at + body[at..].find('>')?];
    let c = tag.find("class=\"")? + "class=\"".len();
    Some(tag[c..].split('"').next()?.to_string())
}

const DEFECT: &str = "examples/defect-t4-total.txt";

/// Uploads the example with a 表四 total error as `cookie`'s user; returns the draft's path.
async fn upload_defect(site: &Site, cookie: &str) -> String {
    let (_, _, page) = site.get("/review", cookie).await;
    let csrf = csrf_in(&page).expect("csrf on the upload page");
    let bytes = workspace_file(DEFECT);
    let (status, headers, body) = site
        .post_multipart(
            "/review",
            cookie,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("file", Some("defect.txt"), &bytes),
                ("text", None, b""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let to = location(&headers);
    assert!(to.starts_with("/review/drafts/"), "{to}");
    to
}

#[tokio::test]
async fn an_upload_shows_its_findings_and_marks_the_faulty_cells() {
    let site = Site::new(Config::default());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let draft = upload_defect(&site, &cookie).await;
    let (status, headers, page) = site.get(&draft, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("text/html; charset=utf-8")
    );
    // The same findings as the checker gives, each listed with its rule id.
    let read = gongkai_read::read_bytes(&workspace_file(DEFECT)).expect("read");
    let findings = gongkai_check::check(&read.report);
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == gongkai_model::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "the example has exactly one error");
    assert_eq!(errors[0].rule, "T4-GROUP-TOTAL");
    assert_eq!(
        page.matches("<li id=\"f-").count(),
        findings.len(),
        "one list item per finding"
    );
    assert!(page.contains("<span class=\"rule\">T4-GROUP-TOTAL</span>"));
    // Every cell the error names is marked as an error, and no other cell is.
    assert!(!errors[0].cells.is_empty());
    for key in &errors[0].cells {
        let id = gongkai_write::render::cell_anchor(key);
        let class = cell_class(&page, &id).unwrap_or_else(|| panic!("no cell {id}"));
        assert!(class.split(' ').any(|c| c == "error"), "{id}: {class}");
    }
    let marked = page.matches("class=\"error\"").count() + page.matches(" error\"").count();
    assert!(marked >= errors[0].cells.len());
    // The source text is there, line by line, with anchors the findings link to.
    let line = errors[0].location.line_no().expect("a text location");
    assert!(page.contains(&format!("<li id=\"L{line}\" data-line=\"{line}\">")));
    assert!(page.contains(&format!("data-line=\"{line}\">位置")));
    // A draft is not in the corpus until saved.
    assert_eq!(site.store().counts().expect("counts").reports, 0);
}

#[tokio::test]
async fn pasted_text_is_read_like_a_file() {
    let site = Site::new(Config::default());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let (_, _, page) = site.get("/review", &cookie).await;
    let csrf = csrf_in(&page).expect("csrf");
    let text = workspace_file("tests/fixtures/seeds/000_33abec3ff02c02bd.txt");
    let (status, headers, _) = site
        .post_multipart(
            "/review",
            &cookie,
            &[("csrf", None, csrf.as_bytes()), ("text", None, &text)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = site.get(&location(&headers), &cookie).await;
    // Seed 000 lacks part 六 (an error) and prints three rows of 表三 short (warnings).
    assert!(page.contains("<span class=\"rule\">STRUCT-SECTIONS</span>"));
    assert_eq!(
        page.matches("<span class=\"rule\">ROW-VALUE-COUNT</span>")
            .count(),
        3
    );
    assert!(page.contains("错误 1"), "the summary counts one error");
}

#[tokio::test]
async fn a_saved_report_takes_verdicts_with_comments_and_audits_them() {
    let site = Site::new(Config::default());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let draft = upload_defect(&site, &cookie).await;
    let (_, _, page) = site.get(&draft, &cookie).await;
    let csrf = csrf_in(&page).expect("csrf");
    let (status, headers, _) = site
        .post_form(&format!("{draft}/save"), &cookie, &[("csrf", &csrf)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let report = location(&headers);
    let id: i64 = report
        .strip_prefix("/reports/")
        .and_then(|s| s.parse().ok())
        .expect("report id");
    let (status, _, page) = site.get(&report, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    // The finding's stable key is in its verdict form.
    let key_at = page
        .find("name=\"finding\" value=\"")
        .expect("verdict form")
        + 22;
    let key = page[key_at..]
        .split('"')
        .next()
        .expect("key")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");

    // Dismissing needs a reason.
    let (status, _, body) = site
        .post_form(
            &format!("{report}/reviews"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("finding", &key),
                ("verdict", "dismissed"),
                ("comment", " "),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("写明理由"));
    // A verdict on a finding the report does not have is refused.
    let (status, _, _) = site
        .post_form(
            &format!("{report}/reviews"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("finding", "MADE-UP@L1"),
                ("verdict", "confirmed"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Confirmed, with a comment.
    let (status, _, _) = site
        .post_form(
            &format!("{report}/reviews"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("finding", &key),
                ("verdict", "confirmed"),
                ("comment", "复议合计与分项不符，已电话核实"),
                ("n", "1"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = site.get(&report, &cookie).await;
    assert!(page.contains("<strong>已确认</strong>：复议合计与分项不符，已电话核实"));
    assert!(page.contains("rev 姓名（rev）"), "the reviewer is named");

    let mut store = site.store();
    let reviews = store.reviews_of(id).expect("reviews");
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].reviewer, "rev");
    let audit = store
        .audit_log(Some(&format!("report:{id}")), 10)
        .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["finding.review", "report.save"]);
    assert!(audit.iter().all(|a| a.actor == "rev"));
    // The source text was kept with the report.
    assert!(store.report_source(id).expect("source").is_some());
}

#[tokio::test]
async fn pages_need_a_session_and_the_right_role() {
    let site = Site::new(Config::default());
    let (status, headers, _) = site.get("/review", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/login?next=/review");
    let clerk = site.login("clerk", PASSWORD).await.expect("login");
    let (status, _, body) = site.get("/review", &clerk).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("没有此项权限"));
    let (status, _, _) = site.get("/admin/users", &clerk).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An admin may review.
    let boss = site.login("boss", PASSWORD).await.expect("login");
    assert_eq!(site.get("/review", &boss).await.0, StatusCode::OK);
    // A made-up session token is no session.
    let fake = format!("gk_session={}", "ab".repeat(32));
    assert_eq!(site.get("/review", &fake).await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let site = Site::new(Config::default());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let bytes = workspace_file(DEFECT);
    for csrf in ["", "0123456789abcdef0123456789abcdef"] {
        let (status, _, body) = site
            .post_multipart(
                "/review",
                &cookie,
                &[
                    ("csrf", None, csrf.as_bytes()),
                    ("file", Some("a.txt"), &bytes),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("CSRF"));
    }
    // The login form's anonymous token must match its cookie.
    let (status, _, _) = site
        .post_form(
            "/login",
            "gk_csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            &[
                ("csrf", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
                ("username", "rev"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn drafts_belong_to_their_uploader() {
    let site = Site::new(Config::default());
    let a = site.login("rev", PASSWORD).await.expect("login");
    let b = site.login("rev2", PASSWORD).await.expect("login");
    let draft = upload_defect(&site, &a).await;
    let (status, _, body) = site.get(&draft, &b).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("T4-GROUP-TOTAL"));
}

#[tokio::test]
async fn oversized_and_unreadable_uploads_get_clear_errors() {
    let site = Site::new(Config {
        max_upload: 1024 * 1024,
        ..Config::default()
    });
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let (_, _, page) = site.get("/review", &cookie).await;
    let csrf = csrf_in(&page).expect("csrf");
    let big = vec![b'7'; 2 * 1024 * 1024];
    let (status, _, body) = site
        .post_multipart(
            "/review",
            &cookie,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("file", Some("big.txt"), &big),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("上传内容过大"), "{body}");
    // A PDF that is not one: a clear error, no panic, nothing stored.
    let (status, _, body) = site
        .post_multipart(
            "/review",
            &cookie,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("file", Some("x.pdf"), b"%PDF-1.7\n\x00\x01garbage"),
            ],
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    assert!(body.contains("无法读取"), "{body}");
    // Nothing chosen at all.
    let (status, _, body) = site
        .post_multipart("/review", &cookie, &[("csrf", None, csrf.as_bytes())])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("请选择一个报告文件"));
    assert_eq!(site.store().counts().expect("counts").reports, 0);
}

#[tokio::test]
async fn wrong_passwords_disabled_accounts_and_logout() {
    let site = Site::new(Config::default());
    assert!(site.login("rev", "wrong password!").await.is_none());
    assert!(site.login("nobody", PASSWORD).await.is_none());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    assert_eq!(site.get("/review", &cookie).await.0, StatusCode::OK);
    // Logging out ends the session in the database, not only in the browser.
    let (_, _, page) = site.get("/review", &cookie).await;
    let csrf = csrf_in(&page).expect("csrf");
    let (status, headers, _) = site.post_form("/logout", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(set_cookie(&headers, "gk_session").is_some_and(|c| c == "gk_session="));
    assert_eq!(site.get("/review", &cookie).await.0, StatusCode::SEE_OTHER);
    // A disabled account cannot log in, and its sessions end.
    let live = site.login("rev2", PASSWORD).await.expect("login");
    site.store()
        .set_user_disabled("rev2", true, "test")
        .expect("disable");
    assert_eq!(site.get("/review", &live).await.0, StatusCode::SEE_OTHER);
    assert!(site.login("rev2", PASSWORD).await.is_none());
}

#[tokio::test]
async fn the_login_form_is_rate_limited() {
    let site = Site::new(Config {
        public_rate_per_minute: 3,
        ..Config::default()
    });
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(site.get("/login", "").await.0);
    }
    assert_eq!(&statuses[..3], [StatusCode::OK; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn admins_create_and_disable_accounts() {
    let site = Site::new(Config::default());
    let boss = site.login("boss", PASSWORD).await.expect("login");
    let (_, _, page) = site.get("/admin/users", &boss).await;
    let csrf = csrf_in(&page).expect("csrf");
    let (status, _, page) = site
        .post_form(
            "/admin/users",
            &boss,
            &[
                ("csrf", &csrf),
                ("username", "newclerk"),
                ("display_name", "新经办"),
                ("role", "clerk"),
                ("password", "a long enough pw"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("已创建账号 newclerk"));
    assert!(site.login("newclerk", "a long enough pw").await.is_some());
    // Short passwords and bad usernames are refused with a reason.
    let (status, _, body) = site
        .post_form(
            "/admin/users",
            &boss,
            &[
                ("csrf", &csrf),
                ("username", "x y"),
                ("display_name", ""),
                ("role", "clerk"),
                ("password", "a long enough pw"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("用户名须为"));
    let (status, _, _) = site
        .post_form(
            "/admin/users/newclerk/state",
            &boss,
            &[("csrf", &csrf), ("disabled", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(site.login("newclerk", "a long enough pw").await.is_none());
    let audit = site
        .store()
        .audit_log(Some("user:newclerk"), 10)
        .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["user.disable", "login", "user.create"]);
}

#[tokio::test]
async fn unknown_pages_and_malformed_addresses_get_the_chinese_error_page() {
    let site = Site::new(Config::default());
    let cookie = site.login("rev", PASSWORD).await.expect("login");
    let (status, headers, body) = site.get("/no/such/page", &cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html")));
    assert!(body.contains("没有这个页面"), "{body}");
    // A path parameter that is not a number: axum's English plain text becomes our page.
    let (status, _, body) = site.get("/reports/abc", &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("<html lang=\"zh-CN\">") && body.contains("出错了"),
        "{body}"
    );
    // Under /api the same is JSON.
    let (status, _, body) = site.get("/api/reports/abc", &cookie).await;
    assert!(status.is_client_error());
    assert!(body.starts_with('{'), "{body}");
}

#[tokio::test]
async fn error_pages_keep_the_signed_in_users_navigation() {
    let site = Site::new(Config::default());
    let clerk = site.login("clerk", PASSWORD).await.expect("login");
    let (status, _, body) = site.get("/review", &clerk).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("clerk 姓名"), "the user is named: {body}");
    assert!(body.contains("action=\"/logout\""), "and can log out");
    let (status, _, body) = site.get("/no/such/page", &clerk).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("依申请办理"),
        "the clerk's navigation: {body}"
    );
    // Anonymous visitors get the page without it.
    let (_, _, body) = site.get("/no/such/page", "").await;
    assert!(!body.contains("action=\"/logout\""));
}
