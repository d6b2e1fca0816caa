//! The JSON API against its OpenAPI description: every served route is documented and every
//! documented route served; every documented operation, called with valid input, answers a
//! documented status with a body of the documented shape; and the security rules (401 without
//! a session, 403 for the wrong role or a missing CSRF header, 413, 429, a lookup that gives
//! nothing away).
#![allow(clippy::unwrap_used)]

mod common_api;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common_api::{env, env_with, find, seed, seed_files, Auth, Env, Resp, CITY, PASSWORD};
use gongkai_store::Role;
use serde_json::{json, Value};

fn spec() -> Value {
    serde_json::from_str(gongkai_web::api::OPENAPI).unwrap()
}

// ---- a small JSON-schema checker: $ref, type, required, properties, items, allOf, oneOf /
// anyOf (any alternative), const, enum. Enough for the description's own schemas.

fn resolve<'a>(spec: &'a Value, r: &str) -> &'a Value {
    let path = r
        .strip_prefix("#/")
        .unwrap_or_else(|| panic!("external $ref {r}"));
    path.split('/').fold(spec, |v, k| {
        v.get(k).unwrap_or_else(|| panic!("dangling $ref {r}"))
    })
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}

fn validate(spec: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return validate(spec, resolve(spec, r), v, at);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(spec, s, v, at)?;
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            if !alts.iter().any(|s| validate(spec, s, v, at).is_ok()) {
                return Err(format!("{at}: {v} matches none of its {key}"));
            }
        }
    }
    if let Some(c) = schema.get("const") {
        if v != c {
            return Err(format!("{at}: {v} is not {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return Err(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type {t}"),
        };
        if !types.iter().any(|t| type_ok(t, v)) {
            return Err(format!("{at}: {v} is not of type {types:?}"));
        }
    }
    if let Some(obj) = v.as_object() {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                return Err(format!("{at}: required property {r} is missing"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                if let Some(x) = obj.get(k) {
                    validate(spec, s, x, &format!("{at}.{k}"))?;
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(spec, items, x, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[test]
fn the_schema_checker_catches_what_it_should() {
    let spec = spec();
    let error = json!({"$ref": "#/components/schemas/Error"});
    let good = json!({"error": {"status": 404, "message": "没有", "message_en": "none"}});
    assert!(validate(&spec, &error, &good, "$").is_ok());
    let missing = json!({"error": {"status": 404, "message": "没有"}});
    assert!(validate(&spec, &error, &missing, "$")
        .unwrap_err()
        .contains("message_en"));
    let wrong_type = json!({"error": {"status": "404", "message": "", "message_en": ""}});
    assert!(validate(&spec, &error, &wrong_type, "$").is_err());
    let cell = json!({"$ref": "#/components/schemas/Cell"});
    let bad_state = json!({"table": "requests", "row": "received", "column": "total",
        "value": 1, "state": "zero", "text": "1", "source": null});
    assert!(validate(&spec, &cell, &bad_state, "$").is_err());
    let list = json!({"type": "array", "items": cell});
    assert!(validate(&spec, &list, &json!([{"table": 1}]), "$").is_err());
    let event = json!({"$ref": "#/components/schemas/Event"});
    let replied = json!({"date": "2026-02-20", "kind": {"event": "replied", "reply": "granted"}});
    assert!(validate(&spec, &event, &replied, "$").is_ok());
    let bogus = json!({"date": "2026-02-20", "kind": {"event": "replied", "reply": "maybe"}});
    assert!(validate(&spec, &event, &bogus, "$").is_err());
}

// ---- the description's operations

/// The operation `method path`.
fn operation<'a>(spec: &'a Value, method: &str, path: &str) -> &'a Value {
    spec["paths"]
        .get(path)
        .and_then(|p| p.get(method.to_ascii_lowercase()))
        .unwrap_or_else(|| panic!("{method} {path} is not documented"))
}

/// Asserts that the response's status is documented for the operation and that its JSON body
/// has the documented shape.
fn assert_documented(spec: &Value, method: &str, path: &str, r: &Resp) {
    let op = operation(spec, method, path);
    let code = r.status.as_u16().to_string();
    let mut resp = op["responses"].get(&code).unwrap_or_else(|| {
        panic!(
            "{method} {path} answered {code}, which is not documented: {}",
            String::from_utf8_lossy(&r.body)
        )
    });
    if let Some(rf) = resp.get("$ref").and_then(Value::as_str) {
        resp = resolve(spec, rf);
    }
    if let Some(schema) = resp.pointer("/content/application~1json/schema") {
        assert!(
            r.header("content-type").starts_with("application/json"),
            "{method} {path}: {code} is not JSON"
        );
        let body = r.json();
        if let Err(e) = validate(spec, schema, &body, "$") {
            panic!("{method} {path} {code}: {e}\n{body:#}");
        }
    }
}

fn documented_routes(spec: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    out
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "1").replace("{code}", "YSQ2026-0001")
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_is_served() {
    let env = env();
    let spec = spec();
    // The description served is the file, and it is OpenAPI 3.1.
    let r = env.get("/api/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), spec);
    assert_eq!(spec["openapi"], "3.1.0");

    let served: BTreeSet<(String, String)> = gongkai_web::api::ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(served, documented_routes(&spec));
    assert_eq!(
        served.len(),
        gongkai_web::api::ROUTES.len(),
        "no route twice"
    );

    // Each answers from its handler (not the catch-all 404, not 405), as documented.
    for route in gongkai_web::api::ROUTES {
        let path = concrete(route.path);
        let r = match route.method {
            "GET" => env.get(&path, None).await,
            _ => {
                env.post(&path, None, false, "application/json", b"{}".to_vec())
                    .await
            }
        };
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
        if r.status == StatusCode::NOT_FOUND {
            assert!(
                !r.json()["error"]["message_en"]
                    .as_str()
                    .unwrap()
                    .contains("no such endpoint"),
                "{path} is not routed"
            );
        }
        assert_documented(&spec, route.method, route.path, &r);
    }
    // Limited routes are exactly the login and the public ones.
    for route in gongkai_web::api::ROUTES {
        let public = operation(&spec, route.method, route.path)["security"]
            .as_array()
            .is_some_and(|s| s.is_empty());
        let doc = route.path != "/api/openapi.json";
        assert_eq!(route.limited, public && doc, "{}", route.path);
    }

    // Anything else under /api: JSON errors.
    let r = env.get("/api/nothing-here", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["status"], 404);
    let r = env
        .send(
            axum::http::Request::delete("/api/reports")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["error"]["status"], 405);
}

/// Logs in through the API: the cookie and the CSRF token it returns.
async fn login(env: &Env, spec: &Value, username: &str) -> Auth {
    let r = env
        .post_json(
            "/api/login",
            None,
            &json!({"username": username, "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_documented(spec, "POST", "/api/login", &r);
    let set = r.header("set-cookie").to_string();
    assert!(
        set.starts_with("gk_session=") && set.contains("HttpOnly"),
        "{set}"
    );
    let v = r.json();
    assert_eq!(v["user"]["username"], username);
    Auth {
        cookie: set.split(';').next().unwrap().to_string(),
        csrf: v["csrf"].as_str().unwrap().to_string(),
    }
}

/// Every documented operation, called with valid input in an order that makes sense (log in,
/// check, list, review; register a case, record an event; file, look up; log out).
#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let env = env();
    let spec = spec();
    let seeded = seed(&env).await;
    env.user("rev", Role::Reviewer).await;
    env.user("clerk", Role::Clerk).await;
    let mut called: BTreeSet<String> = BTreeSet::new();
    let mut done = |method: &str, path: &str| {
        let id = operation(&spec, method, path)["operationId"]
            .as_str()
            .unwrap()
            .to_string();
        called.insert(id);
    };

    let r = env.get("/api/openapi.json", None).await;
    assert_documented(&spec, "GET", "/api/openapi.json", &r);
    done("GET", "/api/openapi.json");

    let rev = login(&env, &spec, "rev").await;
    done("POST", "/api/login");

    // Check a seed file: the same findings as the checker gives.
    let bytes = std::fs::read(&seed_files()[0]).unwrap();
    let want = gongkai_check::check(&gongkai_read::read_bytes(&bytes).unwrap().report);
    let r = env
        .post("/api/check", Some(&rev), true, "text/plain", bytes)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_documented(&spec, "POST", "/api/check", &r);
    let v = r.json();
    assert_eq!(v["findings"].as_array().unwrap().len(), want.len());
    let errors = want
        .iter()
        .filter(|f| f.severity == gongkai_model::Severity::Error)
        .count();
    assert_eq!(v["summary"]["error"], errors);
    assert!(v["cells"].as_array().unwrap().len() > 100);
    done("POST", "/api/check");

    // Reports of 2020 with errors: exactly the seeded ones.
    let r = env
        .get("/api/reports?year=2020&with_errors=true", Some(&rev))
        .await;
    assert_documented(&spec, "GET", "/api/reports", &r);
    let got: BTreeSet<i64> = r.json()["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_i64().unwrap())
        .collect();
    let want: BTreeSet<i64> = seeded
        .iter()
        .filter(|s| s.year == Some(2020) && s.errors > 0)
        .map(|s| s.id)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    done("GET", "/api/reports");

    // One report with its findings; dismiss an error, and it no longer counts.
    let broken = find(&seeded, CITY, 2020);
    let path = format!("/api/reports/{}", broken.id);
    let r = env.get(&path, Some(&rev)).await;
    assert_documented(&spec, "GET", "/api/reports/{id}", &r);
    let v = r.json();
    assert_eq!(v["id"], broken.id);
    assert_eq!(v["agency"], CITY);
    assert_eq!(v["summary"]["error"], broken.errors);
    let key = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "error")
        .unwrap()["key"]
        .clone();
    done("GET", "/api/reports/{id}");
    let r = env
        .post_json(
            &format!("{path}/reviews"),
            Some(&rev),
            &json!({"finding": key, "verdict": "dismissed", "comment": "核实无误，系排版所致"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_documented(&spec, "POST", "/api/reports/{id}/reviews", &r);
    assert_eq!(r.json()["reviewer"], "rev");
    let v = env.get(&path, Some(&rev)).await.json();
    assert_eq!(v["summary"]["error"], broken.errors - 1);
    assert_eq!(v["reviews"].as_array().unwrap().len(), 1);
    done("POST", "/api/reports/{id}/reviews");

    let r = env.get("/api/units", Some(&rev)).await;
    assert_documented(&spec, "GET", "/api/units", &r);
    let units: BTreeSet<i64> = seeded.iter().filter_map(|s| s.unit_id).collect();
    assert_eq!(r.json()["count"], units.len());
    done("GET", "/api/units");

    let r = env.get("/api/stats?by=year", Some(&rev)).await;
    assert_documented(&spec, "GET", "/api/stats", &r);
    let groups = r.json()["groups"].clone();
    let g2020 = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "2020")
        .unwrap()
        .clone();
    assert_eq!(
        g2020["reports"],
        seeded.iter().filter(|s| s.year == Some(2020)).count()
    );
    done("GET", "/api/stats");

    // The desk.
    let clerk = login(&env, &spec, "clerk").await;
    let received = json!({
        "date": "2026-02-10",
        "kind": {
            "event": "received",
            "channel": {"type": "post", "signed_for": "2026-02-11"},
            "applicant": {"name": "张三", "kind": "natural_person"},
            "request": "2025年某项目环评批复"
        }
    });
    let r = env.post_json("/api/cases", Some(&clerk), &received).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_documented(&spec, "POST", "/api/cases", &r);
    let v = r.json();
    let code = v["code"].as_str().unwrap().to_string();
    assert_eq!(code, "YSQ2026-0001");
    assert_eq!(v["received_on"], "2026-02-11");
    assert_eq!(v["deadline"]["due"], "2026-03-17");
    assert!(v["deadline"]["explanation"]
        .as_str()
        .unwrap()
        .contains("春节"));
    done("POST", "/api/cases");

    let r = env.get("/api/cases", Some(&clerk)).await;
    assert_documented(&spec, "GET", "/api/cases", &r);
    assert_eq!(r.json()["cases"][0]["code"], code);
    done("GET", "/api/cases");

    let r = env.get(&format!("/api/cases/{code}"), Some(&clerk)).await;
    assert_documented(&spec, "GET", "/api/cases/{code}", &r);
    assert_eq!(r.json()["events"][0]["event"], received);
    done("GET", "/api/cases/{code}");

    let r = env
        .post_json(
            &format!("/api/cases/{code}/events"),
            Some(&clerk),
            &json!({"date": "2026-02-20", "kind": {"event": "replied", "reply": "granted"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_documented(&spec, "POST", "/api/cases/{code}/events", &r);
    let v = r.json();
    assert_eq!(v["status"]["state"], "closed");
    assert_eq!(v["events"][1]["recorded_by"], "clerk");
    done("POST", "/api/cases/{code}/events");

    // The public side.
    let r = env
        .post_json(
            "/api/public/applications",
            None,
            &json!({"name": "李四", "request": "本单位2025年度部门预算", "phone": "13800000000"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_documented(&spec, "POST", "/api/public/applications", &r);
    let filed = r.json();
    done("POST", "/api/public/applications");
    let r = env
        .post_json(
            "/api/public/lookup",
            None,
            &json!({"code": filed["code"], "check": filed["check"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_documented(&spec, "POST", "/api/public/lookup", &r);
    assert_eq!(r.json()["code"], filed["code"]);
    done("POST", "/api/public/lookup");

    // The clerk sees the application with its contact details.
    let code2 = filed["code"].as_str().unwrap();
    let v = env
        .get(&format!("/api/cases/{code2}"), Some(&clerk))
        .await
        .json();
    assert_eq!(v["applicant"]["name"], "李四");
    assert_eq!(v["contact"]["phone"], "13800000000");

    let r = env
        .post("/api/logout", Some(&rev), true, "application/json", vec![])
        .await;
    assert_documented(&spec, "POST", "/api/logout", &r);
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    let r = env.get("/api/reports", Some(&rev)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the session is gone");
    done("POST", "/api/logout");

    // Every documented operation was called.
    let all: BTreeSet<String> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(called, all);
}

#[tokio::test]
async fn staff_endpoints_need_a_session_the_role_and_the_csrf_header() {
    let env = env();
    let spec = spec();
    let reviewer = env.signed(Role::Reviewer).await;
    let clerk = env.signed(Role::Clerk).await;
    let report = seed_files()[1].clone();
    let bytes = std::fs::read(report).unwrap();
    let event = serde_json::to_vec(&json!({
        "date": "2026-02-10",
        "kind": {"event": "received", "channel": {"type": "in_person"},
                 "applicant": {"name": "张三", "kind": "natural_person"}, "request": "x"}
    }))
    .unwrap();

    // No session: 401, as JSON.
    for (m, p) in [
        ("GET", "/api/reports"),
        ("GET", "/api/reports/{id}"),
        ("GET", "/api/units"),
        ("GET", "/api/stats"),
        ("GET", "/api/cases"),
        ("GET", "/api/cases/{code}"),
    ] {
        let r = env.get(&concrete(p), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{p}");
        assert_documented(&spec, m, p, &r);
    }
    let r = env
        .post("/api/check", None, false, "text/plain", bytes.clone())
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_documented(&spec, "POST", "/api/check", &r);
    assert_eq!(r.json()["error"]["message"], "请先登录");

    // The wrong role: 403 (checked before the body is looked at).
    let r = env
        .post(
            "/api/check",
            Some(&clerk),
            true,
            "text/plain",
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_documented(&spec, "POST", "/api/check", &r);
    for p in ["/api/reports", "/api/units", "/api/stats"] {
        let r = env.get(p, Some(&clerk)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{p}");
        assert_documented(&spec, "GET", p, &r);
    }
    let r = env.get("/api/cases", Some(&reviewer)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_documented(&spec, "GET", "/api/cases", &r);
    let r = env
        .post(
            "/api/cases",
            Some(&reviewer),
            true,
            "application/json",
            event.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_documented(&spec, "POST", "/api/cases", &r);

    // The right role without the CSRF header, or with a wrong one: 403.
    let r = env
        .post(
            "/api/check",
            Some(&reviewer),
            false,
            "text/plain",
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("CSRF"));
    assert_documented(&spec, "POST", "/api/check", &r);
    let forged = Auth {
        csrf: "0".repeat(32),
        ..reviewer.clone()
    };
    let r = env
        .post(
            "/api/check",
            Some(&forged),
            true,
            "text/plain",
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = env
        .post(
            "/api/reports/1/reviews",
            Some(&reviewer),
            false,
            "application/json",
            b"{\"finding\":\"x\",\"verdict\":\"confirmed\"}".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_documented(&spec, "POST", "/api/reports/{id}/reviews", &r);
    for p in ["/api/cases", "/api/cases/{code}/events"] {
        let r = env
            .post(
                &concrete(p),
                Some(&clerk),
                false,
                "application/json",
                event.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{p}");
        assert_documented(&spec, "POST", p, &r);
    }
    let r = env
        .post(
            "/api/logout",
            Some(&clerk),
            false,
            "application/json",
            vec![],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_documented(&spec, "POST", "/api/logout", &r);
    // The session survived the refused logout.
    assert_eq!(
        env.get("/api/cases", Some(&clerk)).await.status,
        StatusCode::OK
    );

    // With everything right, the reviewer's check goes through.
    let r = env
        .post("/api/check", Some(&reviewer), true, "text/plain", bytes)
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // A wrong password: 401, the same for an unknown user.
    let r = env
        .post_json(
            "/api/login",
            None,
            &json!({"username": "t-reviewer", "password": "wrong password!!"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_documented(&spec, "POST", "/api/login", &r);
    let r2 = env
        .post_json(
            "/api/login",
            None,
            &json!({"username": "nobody", "password": "wrong password!!"}),
        )
        .await;
    assert_eq!(r2.body, r.body);
    assert!(r.header("set-cookie").is_empty());
}

#[tokio::test]
async fn bodies_that_are_too_large_malformed_or_not_json_are_refused_as_documented() {
    let env = env_with(|c| c.max_upload = 2048);
    let spec = spec();
    let reviewer = env.signed(Role::Reviewer).await;
    let big = vec![b'x'; 8192];
    let r = env
        .post(
            "/api/check",
            Some(&reviewer),
            true,
            "text/plain",
            big.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_documented(&spec, "POST", "/api/check", &r);
    let big_json = serde_json::to_vec(&json!({"code": "x".repeat(8192), "check": "y"})).unwrap();
    for p in ["/api/public/lookup", "/api/login"] {
        let r = env
            .post(p, None, false, "application/json", big_json.clone())
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{p}");
        assert_documented(&spec, "POST", p, &r);
    }
    // Malformed JSON 400, the wrong shape 422, not JSON at all 415.
    let r = env
        .post(
            "/api/public/lookup",
            None,
            false,
            "application/json",
            b"{\"code\":".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_documented(&spec, "POST", "/api/public/lookup", &r);
    let r = env
        .post(
            "/api/public/lookup",
            None,
            false,
            "application/json",
            b"{\"code\":1}".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_documented(&spec, "POST", "/api/public/lookup", &r);
    let r = env
        .post(
            "/api/public/lookup",
            None,
            false,
            "text/plain",
            b"{\"code\":\"a\",\"check\":\"b\"}".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_documented(&spec, "POST", "/api/public/lookup", &r);
    // Something that is not a report: 422, not a panic.
    let r = env
        .post(
            "/api/check",
            Some(&reviewer),
            true,
            "application/octet-stream",
            vec![0xff; 100],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert_documented(&spec, "POST", "/api/check", &r);
    // Bad parameters: 400.
    for p in [
        "/api/reports?year=abc",
        "/api/reports?with_errors=perhaps",
        "/api/stats?by=month",
    ] {
        let r = env.get(p, Some(&reviewer)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{p}");
        assert_documented(&spec, "GET", p.split('?').next().unwrap(), &r);
    }
    let r = env.get("/api/reports/abc", Some(&reviewer)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_documented(&spec, "GET", "/api/reports/{id}", &r);
}

#[tokio::test]
async fn the_public_lookup_gives_nothing_away() {
    let env = env();
    let spec = spec();
    let name = "王小明";
    let request = "某街道2025年老旧小区改造方案";
    let r = env
        .post_json(
            "/api/public/applications",
            None,
            &json!({"name": name, "request": request, "email": "wxm@example.invalid",
                    "applicant_type": "natural_person"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let filed = r.json();
    let (code, check) = (
        filed["code"].as_str().unwrap().to_string(),
        filed["check"].as_str().unwrap().to_string(),
    );
    assert_eq!(check.len(), gongkai_web::auth::CHECK_LEN);

    let ok = env
        .post_json(
            "/api/public/lookup",
            None,
            &json!({"code": code, "check": check}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let text = ok.text();
    for secret in [name, request, "wxm@example.invalid", check.as_str()] {
        assert!(!text.contains(secret), "the lookup leaks {secret}: {text}");
    }
    let keys: BTreeSet<String> = ok.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        ["code", "due", "label", "state"]
            .into_iter()
            .map(String::from)
            .collect()
    );

    // A wrong check code and an unknown tracking code get the very same answer.
    let wrong_check = env
        .post_json(
            "/api/public/lookup",
            None,
            &json!({"code": code, "check": "ABCDEFGHJKMN"}),
        )
        .await;
    let unknown_code = env
        .post_json(
            "/api/public/lookup",
            None,
            &json!({"code": "YSQ1999-9999", "check": check}),
        )
        .await;
    assert_eq!(wrong_check.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_code.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong_check.body, unknown_code.body);
    assert_documented(&spec, "POST", "/api/public/lookup", &wrong_check);
    assert!(!wrong_check.text().contains(name));

    // A case registered at the desk (not filed online) cannot be looked up at all.
    let clerk = env.signed(Role::Clerk).await;
    let r = env
        .post_json(
            "/api/cases",
            Some(&clerk),
            &json!({"date": "2026-03-02", "kind": {"event": "received", "channel": {"type": "in_person"},
                    "applicant": {"name": "赵六", "kind": "business"}, "request": "y"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let desk_code = r.json()["code"].as_str().unwrap().to_string();
    let r = env
        .post_json(
            "/api/public/lookup",
            None,
            &json!({"code": desk_code, "check": ""}),
        )
        .await;
    assert_eq!(r.body, unknown_code.body);

    // Filing validates: no contact, an unknown applicant type.
    for body in [
        json!({"name": "甲", "request": "乙"}),
        json!({"name": "甲", "request": "乙", "phone": "1", "applicant_type": "alien"}),
        json!({"name": "", "request": "乙", "phone": "1"}),
    ] {
        let r = env.post_json("/api/public/applications", None, &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_documented(&spec, "POST", "/api/public/applications", &r);
    }
}

#[tokio::test]
async fn public_endpoints_and_the_login_are_rate_limited() {
    let env = env_with(|c| c.public_rate_per_minute = 2);
    let spec = spec();
    let body = json!({"code": "YSQ2026-0001", "check": "AAAA"});
    for _ in 0..2 {
        let r = env.post_json("/api/public/lookup", None, &body).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let r = env.post_json("/api/public/lookup", None, &body).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").parse::<u64>().unwrap() > 0);
    assert_documented(&spec, "POST", "/api/public/lookup", &r);
    for p in ["/api/public/applications", "/api/login"] {
        let r = env.post_json(p, None, &json!({})).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{p}");
        assert_documented(&spec, "POST", p, &r);
    }
    // Staff endpoints are not limited.
    let reviewer = env.signed(Role::Reviewer).await;
    for _ in 0..5 {
        assert_eq!(
            env.get("/api/units", Some(&reviewer)).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn an_event_the_rules_refuse_is_409_with_the_reason_and_nothing_is_written() {
    let env = env();
    let spec = spec();
    let clerk = env.signed(Role::Clerk).await;
    let r = env
        .post_json(
            "/api/cases",
            Some(&clerk),
            &json!({"date": "2026-02-10", "kind": {"event": "received", "channel": {"type": "in_person"},
                    "applicant": {"name": "张三", "kind": "natural_person"}, "request": "x"}}),
        )
        .await;
    let code = r.json()["code"].as_str().unwrap().to_string();
    let path = format!("/api/cases/{code}/events");
    let r = env
        .post_json(
            &path,
            Some(&clerk),
            &json!({"date": "2026-02-12", "kind": {"event": "fee_paid"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_documented(&spec, "POST", "/api/cases/{code}/events", &r);
    let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(msg.contains("规则"), "{msg}");
    let v = env
        .get(&format!("/api/cases/{code}"), Some(&clerk))
        .await
        .json();
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    // A first event that is not a receipt is refused the same way.
    let r = env
        .post_json(
            "/api/cases",
            Some(&clerk),
            &json!({"date": "2026-02-12", "kind": {"event": "withdrawn"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // An unknown case: 404.
    let r = env
        .post_json(
            "/api/cases/YSQ1999-0001/events",
            Some(&clerk),
            &json!({"date": "2026-02-12", "kind": {"event": "withdrawn"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_documented(&spec, "POST", "/api/cases/{code}/events", &r);
}
