//! Shared by the corpus dashboard and API tests: an application over a fresh SQLite file,
//! accounts and sessions, requests through the router, and a seeded corpus (the seed fixtures
//! plus synthetic reports of one unit over several years, one of them with an error).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use gongkai_model::{CellKey, FormatId, Severity};
use gongkai_store::{NewReport, Role, Stored, UnitRow};
use gongkai_synth::{generate, GenOptions, Scale};
use gongkai_web::{AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct Env {
    pub app: Router,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// A session: the `Cookie` header value and the CSRF token.
#[derive(Debug, Clone)]
pub struct Auth {
    pub cookie: String,
    pub csrf: String,
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub fn env() -> Env {
    env_with(|_| {})
}

pub fn env_with(f: impl FnOnce(&mut Config)) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        db: dir.path().join("web.db").to_string_lossy().into_owned(),
        ..Config::default()
    };
    f(&mut config);
    let state = AppState::new(config).unwrap();
    Env {
        app: gongkai_web::app(state.clone()),
        state,
        _dir: dir,
    }
}

impl Env {
    /// Creates an account with [`PASSWORD`].
    pub async fn user(&self, name: &str, role: Role) {
        let hash = gongkai_web::auth::password::hash(PASSWORD).unwrap();
        let name = name.to_string();
        self.state
            .db(move |s| Ok(s.create_user(&name, &name, role, &hash, "test")?))
            .await
            .unwrap();
    }

    /// A session for `name` without going through the login (argon2 is slow in tests).
    pub async fn session(&self, name: &str) -> Auth {
        let n = name.to_string();
        let user = self
            .state
            .db(move |s| Ok(s.user_by_name(&n)?))
            .await
            .unwrap()
            .unwrap();
        let (set, csrf) = gongkai_web::auth::session::start(&self.state, user)
            .await
            .unwrap();
        Auth {
            cookie: set.split(';').next().unwrap().to_string(),
            csrf,
        }
    }

    /// An account of `role` named after it, and its session.
    pub async fn signed(&self, role: Role) -> Auth {
        let name = format!("t-{}", role.key());
        self.user(&name, role).await;
        self.session(&name).await
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let r = self.app.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let body = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, auth: Option<&Auth>) -> Resp {
        let mut b = Request::get(path);
        if let Some(a) = auth {
            b = b.header(header::COOKIE, &a.cookie);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// A POST with `body` of `content_type`; the CSRF header is sent when `csrf` is true.
    pub async fn post(
        &self,
        path: &str,
        auth: Option<&Auth>,
        csrf: bool,
        content_type: &str,
        body: Vec<u8>,
    ) -> Resp {
        let mut b = Request::post(path).header(header::CONTENT_TYPE, content_type);
        if let Some(a) = auth {
            b = b.header(header::COOKIE, &a.cookie);
            if csrf {
                b = b.header("x-csrf-token", &a.csrf);
            }
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, auth: Option<&Auth>, body: &Value) -> Resp {
        self.post(
            path,
            auth,
            true,
            "application/json",
            serde_json::to_vec(body).unwrap(),
        )
        .await
    }
}

/// The seed fixtures at the workspace root.
pub fn seed_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A report as seeded, with what the checker says of it.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// Error-level findings of `gongkai_check::check`.
    pub errors: usize,
    /// 一、本年新收 总计.
    pub received: Option<f64>,
}

/// The synthetic unit with several years, and its child.
pub const CITY: &str = "测试市人民政府";
pub const BUREAU: &str = "测试市教育局";
pub const COUNTY: &str = "测试县人民政府";

fn received_key() -> CellKey {
    CellKey {
        table: "requests",
        row: "received",
        column: "total",
    }
}

/// Stores the seed fixtures and synthetic reports: 测试市人民政府 for 2019–2021 (2020 with an
/// error planted), 测试市教育局 (under it) for 2020, 测试县人民政府 for 2021.
pub async fn seed(env: &Env) -> Vec<Seeded> {
    env.state
        .db(|s| {
            let mut items: Vec<(String, String, gongkai_model::Report)> = Vec::new();
            for f in seed_files() {
                let bytes = std::fs::read(&f).unwrap();
                let read = gongkai_read::read_bytes(&bytes).unwrap();
                items.push((
                    gongkai_store::content_hash(&bytes),
                    f.file_name().unwrap().to_string_lossy().into_owned(),
                    read.report,
                ));
            }
            let synth = [
                (CITY, 2019, FormatId::F2019, 11, false),
                (CITY, 2020, FormatId::F2019, 12, true),
                (CITY, 2021, FormatId::F2021, 13, false),
                (BUREAU, 2020, FormatId::F2019, 14, false),
                (COUNTY, 2021, FormatId::F2021, 15, false),
            ];
            for (agency, year, format, seed, broken) in synth {
                let mut r = generate(seed, &GenOptions::new(format, Scale::Typical));
                r.agency.value = Some(agency.to_string());
                r.year.value = Some(year);
                if broken {
                    let key = received_key();
                    let cell = r.cells.iter_mut().find(|c| c.key() == key).unwrap();
                    cell.value = cell.value.map(|v| v + 3.0);
                }
                items.push((format!("synth-{seed}"), format!("synth-{seed}.txt"), r));
            }
            let mut out = Vec::new();
            for (hash, name, report) in &items {
                let findings = gongkai_check::check(report);
                let stored = s.store_report(&NewReport {
                    content_hash: hash,
                    source_name: name,
                    report,
                    findings: &findings,
                })?;
                let Stored::Inserted(id) = stored else {
                    panic!("{name} stored twice");
                };
                out.push(Seeded {
                    id,
                    unit_id: None,
                    agency: report.agency.value.clone(),
                    year: report.year.value,
                    errors: findings
                        .iter()
                        .filter(|f| f.severity == Severity::Error)
                        .count(),
                    received: report.value(&received_key()),
                });
            }
            s.import_units(&[UnitRow {
                name: BUREAU.to_string(),
                parent: Some(CITY.to_string()),
                line: 2,
                ..UnitRow::default()
            }])?;
            for l in s.report_lines()? {
                if let Some(x) = out.iter_mut().find(|x| x.id == l.id) {
                    x.unit_id = l.unit_id;
                }
            }
            Ok(out)
        })
        .await
        .unwrap()
}

/// The seeded report of `agency` for `year`.
pub fn find<'a>(seeded: &'a [Seeded], agency: &str, year: i32) -> &'a Seeded {
    seeded
        .iter()
        .find(|s| s.agency.as_deref() == Some(agency) && s.year == Some(year))
        .unwrap_or_else(|| panic!("no seeded report of {agency} for {year}"))
}
