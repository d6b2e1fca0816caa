//! A bounded load test on loopback: the server in this process on a free port, over a fresh
//! SQLite database; concurrent clients with keep-alive connections hit
//!
//! - `POST /api/check` (a reviewer's session and CSRF header; the body is a published report,
//!   seed 000, 6.4 KB of text), and
//! - `POST /api/public/lookup` (tracking code + check code of one of 200 filed applications),
//!
//! each for a fixed time per concurrency level, and prints requests/s, p50/p99/max latency and
//! the count of non-2xx answers. It stops by itself (total ≈ 2 × levels × seconds).
//!
//! `cargo bench -p gongkai-web --bench load [-- SECONDS [LEVEL...]]` (default: 5 s at 1, 8 and 32
//! clients). The rate limit of the public endpoints is lifted for the run (every client is
//! 127.0.0.1); everything else is the server as `gongkai serve` runs it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request};
use gongkai_store::{Role, Store};
use gongkai_web::{AppState, Config};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

type Http = Client<HttpConnector, Body>;

const PASSWORD: &str = "load test password";

struct Target {
    name: &'static str,
    make: Arc<dyn Fn(usize) -> Request<Body> + Send + Sync>,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(5);
    let levels: Vec<usize> = if args.len() > 1 {
        args[1..].iter().filter_map(|a| a.parse().ok()).collect()
    } else {
        vec![1, 8, 32]
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(Duration::from_secs(seconds), &levels));
}

async fn run(per_level: Duration, levels: &[usize]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("load.db").display().to_string();
    {
        let mut store = Store::open(&db).expect("store");
        let hash = gongkai_web::auth::password::hash(PASSWORD).expect("hash");
        store
            .create_user("load", "压测", Role::Reviewer, &hash, "bench")
            .expect("user");
    }
    let state = AppState::new(Config {
        db,
        public_rate_per_minute: u32::MAX,
        today: gongkai_desk::Day::parse("2026-03-02").ok(),
        ..Config::default()
    })
    .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(gongkai_web::serve_on(state, listener));
    let base = format!("http://{addr}");
    let client: Http = Client::builder(TokioExecutor::new()).build_http();

    // A reviewer's session.
    let resp = client
        .request(json_post(
            &format!("{base}/api/login"),
            &serde_json::json!({"username": "load", "password": PASSWORD}),
        ))
        .await
        .expect("login");
    let cookie = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("gk_session="))
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_string();
    let body = body_json(resp).await;
    let csrf = body["csrf"].as_str().expect("csrf").to_string();

    // 200 applications to look up.
    let mut filed = Vec::new();
    for i in 0..200 {
        let resp = client
            .request(json_post(
                &format!("{base}/api/public/applications"),
                &serde_json::json!({
                    "name": format!("申请人{i}"),
                    "request": "2025年某项目环评批复",
                    "phone": "13800000000",
                }),
            ))
            .await
            .expect("apply");
        let v = body_json(resp).await;
        filed.push((
            v["code"].as_str().expect("code").to_string(),
            v["check"].as_str().expect("check").to_string(),
        ));
    }

    let report = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/seeds/000_33abec3ff02c02bd.txt"),
    )
    .expect("seed 000");
    let check_url = format!("{base}/api/check");
    let lookup_url = format!("{base}/api/public/lookup");
    let filed = Arc::new(filed);
    let targets = [
        Target {
            name: "POST /api/check (6.4 KB report)",
            make: Arc::new(move |_| {
                Request::builder()
                    .method(Method::POST)
                    .uri(&check_url)
                    .header(header::COOKIE, &cookie)
                    .header("x-csrf-token", &csrf)
                    .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
                    .body(Body::from(report.clone()))
                    .expect("request")
            }),
        },
        Target {
            name: "POST /api/public/lookup",
            make: Arc::new(move |i| {
                let (code, check) = &filed[i % filed.len()];
                json_post(
                    &lookup_url,
                    &serde_json::json!({"code": code, "check": check}),
                )
            }),
        },
    ];
    println!(
        "{:<34} {:>7} {:>10} {:>9} {:>9} {:>9} {:>7}",
        "endpoint", "clients", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx"
    );
    for t in &targets {
        for &n in levels {
            let r = level(&client, t, n, per_level).await;
            println!(
                "{:<34} {:>7} {:>10.0} {:>9.2} {:>9.2} {:>9.2} {:>7}",
                t.name, n, r.rate, r.p50, r.p99, r.max, r.failed
            );
        }
    }
}

struct LevelResult {
    rate: f64,
    p50: f64,
    p99: f64,
    max: f64,
    failed: usize,
}

/// `n` clients, each sending one request after the other until `for_how_long` has passed.
async fn level(client: &Http, t: &Target, n: usize, for_how_long: Duration) -> LevelResult {
    let start = Instant::now();
    let until = start + for_how_long;
    let mut tasks = Vec::new();
    for c in 0..n {
        let client = client.clone();
        let make = t.make.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut failed = 0usize;
            let mut i = c;
            while Instant::now() < until {
                let t0 = Instant::now();
                match client.request(make(i)).await {
                    Ok(resp) => {
                        let ok = resp.status().is_success();
                        let _ = axum::body::to_bytes(Body::new(resp.into_body()), usize::MAX).await;
                        if !ok {
                            failed += 1;
                        }
                    }
                    Err(_) => failed += 1,
                }
                lat.push(t0.elapsed().as_secs_f64() * 1000.0);
                i += n;
            }
            (lat, failed)
        }));
    }
    let mut all = Vec::new();
    let mut failed = 0;
    for task in tasks {
        if let Ok((lat, f)) = task.await {
            all.extend(lat);
            failed += f;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        if all.is_empty() {
            0.0
        } else {
            all[((all.len() as f64 - 1.0) * p).round() as usize]
        }
    };
    LevelResult {
        rate: all.len() as f64 / elapsed,
        p50: pct(0.50),
        p99: pct(0.99),
        max: all.last().copied().unwrap_or(0.0),
        failed,
    }
}

fn json_post(url: &str, v: &serde_json::Value) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(v.to_string()))
        .expect("request")
}

async fn body_json<B>(resp: axum::http::Response<B>) -> serde_json::Value
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let bytes = axum::body::to_bytes(Body::new(resp.into_body()), 1 << 20)
        .await
        .expect("body");
    serde_json::from_slice(&bytes).expect("json")
}
