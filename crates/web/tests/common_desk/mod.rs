//! What the request desk's and the public side's tests share: an application over a fresh
//! SQLite file, accounts, a tiny cookie jar, and requests through `tower::ServiceExt::oneshot`.

#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use gongkai_store::{Role, Store};
use gongkai_web::{AppState, Config};
use tower::ServiceExt;

/// The application and its database.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

/// An application over a new database, with `rate` requests a minute on the public routes.
pub fn app(rate: u32) -> TestApp {
    app_on(rate, None)
}

/// [`app`] with "today" fixed (the server's `Config::today`).
pub fn app_on(rate: u32, today: Option<gongkai_desk::Day>) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("gongkai.db");
    let state = AppState::new(Config {
        db: db.to_string_lossy().into_owned(),
        public_rate_per_minute: rate,
        today,
        ..Config::default()
    })
    .expect("state");
    TestApp {
        router: gongkai_web::app(state.clone()),
        state,
        db,
        _dir: dir,
    }
}

impl TestApp {
    /// A store connection of its own (the tests' view of the database).
    pub fn store(&self) -> Store {
        Store::open(&self.db.to_string_lossy()).expect("store")
    }

    pub fn create_user(&self, username: &str, role: Role, password: &str) {
        let hash = gongkai_web::auth::password::hash(password).expect("hash");
        self.store()
            .create_user(username, username, role, &hash, "test")
            .expect("user");
    }
}

/// A response, its body read.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the first hidden `csrf` field on the page.
    pub fn csrf(&self) -> String {
        field_value(&self.body, "csrf").expect("a csrf field on the page")
    }
}

/// The `value` of the first input named `name` in `html`.
pub fn field_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_string())
}

/// `application/x-www-form-urlencoded` from pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                gongkai_web::pages::url_encode(k),
                gongkai_web::pages::url_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A browser: keeps the cookies the application sets.
#[derive(Default, Clone)]
pub struct Client {
    pub cookies: Vec<(String, String)>,
}

impl Client {
    pub fn new() -> Client {
        Client::default()
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(header::SET_COOKIE) {
            let Ok(v) = v.to_str() else { continue };
            let first = v.split(';').next().unwrap_or("");
            let Some((k, val)) = first.split_once('=') else {
                continue;
            };
            self.cookies.retain(|(n, _)| n != k);
            if !v.contains("Max-Age=0") {
                self.cookies.push((k.to_string(), val.to_string()));
            }
        }
    }

    pub async fn send(&mut self, app: &TestApp, req: Request<Body>) -> Reply {
        let resp = app.router.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 64 * 1024 * 1024)
            .await
            .expect("body");
        self.keep(&headers);
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, app: &TestApp, uri: &str) -> Reply {
        let mut b = Request::builder().method(Method::GET).uri(uri);
        if !self.cookies.is_empty() {
            b = b.header(header::COOKIE, self.cookie_header());
        }
        self.send(app, b.body(Body::empty()).expect("request"))
            .await
    }

    pub async fn post(&mut self, app: &TestApp, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !self.cookies.is_empty() {
            b = b.header(header::COOKIE, self.cookie_header());
        }
        self.send(app, b.body(Body::from(form(pairs))).expect("request"))
            .await
    }

    /// Signs in through the login form (its anonymous CSRF token first).
    pub async fn login(app: &TestApp, username: &str, password: &str) -> Client {
        let mut c = Client::new();
        let page = c.get(app, "/login").await;
        assert_eq!(page.status, StatusCode::OK);
        let token = page.csrf();
        let r = c
            .post(
                app,
                "/login",
                &[
                    ("csrf", &token),
                    ("username", username),
                    ("password", password),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {username}: {}",
            r.body
        );
        assert!(
            c.cookies.iter().any(|(k, _)| k == "gk_session"),
            "a session cookie after login"
        );
        c
    }

    /// The session's CSRF token, from a page that has forms.
    pub async fn session_csrf(&mut self, app: &TestApp) -> String {
        let r = self.get(app, "/desk/new").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.csrf()
    }
}

/// A signed-in clerk.
pub async fn clerk(app: &TestApp) -> Client {
    app.create_user("clerk1", Role::Clerk, "clerk-password-1");
    Client::login(app, "clerk1", "clerk-password-1").await
}

/// The text of the element whose `id` is given (up to the next `<`), e.g. a table cell.
pub fn text_of_id(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let rest = &html[at..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find('<')? + start;
    Some(rest[start..end].to_string())
}
