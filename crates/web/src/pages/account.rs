//! The home page, signing in and out, and account management (admin).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{middleware, Form, Router};
use gongkai_store::{Role, User};
use serde::Deserialize;

use super::{page, safe_next, see_other, with_cookie, Chrome};
use crate::auth::{csrf, password, session, Signed, Viewer};
use crate::problem::Problem;
use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    // The login form is rate-limited like the public pages: it is where passwords are guessed.
    let login = Router::new()
        .route("/login", get(login_form).post(login_submit))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::limit::limited,
        ));
    Router::new()
        .route("/", get(home))
        .route("/logout", post(logout))
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/{username}/state", post(set_state))
        .merge(login)
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
    signed_in: bool,
}

async fn home(viewer: Viewer) -> Result<Response, Problem> {
    page(&Home {
        chrome: Chrome::new("首页", viewer.0.as_ref(), "/"),
        signed_in: viewer.0.is_some(),
    })
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    chrome: Chrome,
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, Problem> {
    let (token, set) = csrf::anon_token(&headers, state.config.secure_cookies)?;
    let r = page(&Login {
        chrome: Chrome::new("登录", None, ""),
        csrf: token,
        next: safe_next(q.next.as_deref()),
        username: String::new(),
        error: None,
    })?;
    Ok(with_cookie(r, set))
}

#[derive(Deserialize)]
struct LoginForm {
    csrf: String,
    username: String,
    password: String,
    next: Option<String>,
}

async fn login_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, Problem> {
    csrf::check_anon(&headers, &f.csrf)?;
    let user = authenticate(&state, &f.username, &f.password).await?;
    let Some(user) = user else {
        let mut r = page(&Login {
            chrome: Chrome::new("登录", None, ""),
            csrf: f.csrf,
            next: safe_next(f.next.as_deref()),
            username: f.username,
            error: Some("用户名或密码不正确，或账号已停用".to_string()),
        })?;
        *r.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
        return Ok(r);
    };
    let (cookie, _) = session::start(&state, user).await?;
    Ok(see_other(&safe_next(f.next.as_deref()), Some(cookie)))
}

/// The account if the password is right and the account enabled. The hash is checked even when
/// the account does not exist, so the time taken does not tell which usernames exist.
pub async fn authenticate(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Option<User>, Problem> {
    let name = username.trim().to_string();
    let user = state.db(move |s| Ok(s.user_by_name(&name)?)).await?;
    let password = password.to_string();
    let ok = state
        .compute(move || {
            let hash = user
                .as_ref()
                .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
            let matches = password::verify(&password, hash);
            user.filter(|u| matches && !u.disabled)
        })
        .await?;
    Ok(ok)
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Result<Response, Problem> {
    signed.check_csrf(&f.csrf)?;
    let clear = session::end(&state, &headers, signed.username()).await?;
    Ok(see_other("/", Some(clear)))
}

#[derive(Template)]
#[template(path = "users.html")]
struct Users {
    chrome: Chrome,
    users: Vec<User>,
    roles: Vec<(&'static str, &'static str)>,
    message: Option<String>,
    me: String,
}

async fn users(State(state): State<AppState>, signed: Signed) -> Result<Response, Problem> {
    signed.require(&[Role::Admin])?;
    users_page(&state, &signed, None).await
}

async fn users_page(
    state: &AppState,
    signed: &Signed,
    message: Option<String>,
) -> Result<Response, Problem> {
    let mut users = state.db(|s| Ok(s.users()?)).await?;
    for u in &mut users {
        u.created_at = crate::view::time::beijing_time(&u.created_at);
    }
    // The least powerful role first: a new account is a clerk unless the admin says otherwise.
    let roles = [Role::Clerk, Role::Reviewer, Role::Admin]
        .iter()
        .map(|r| (r.key(), r.zh()))
        .collect();
    page(&Users {
        chrome: Chrome::new("账号管理", Some(&signed.0), "/admin/users"),
        users,
        roles,
        message,
        me: signed.username().to_string(),
    })
}

#[derive(Deserialize)]
struct NewUser {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    password: String,
}

async fn create_user(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<NewUser>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Admin])?;
    signed.check_csrf(&f.csrf)?;
    let role =
        Role::parse(&f.role).ok_or_else(|| Problem::bad_request("请选择角色", "choose a role"))?;
    let username = valid_username(&f.username)?;
    let display = if f.display_name.trim().is_empty() {
        username.clone()
    } else {
        f.display_name.trim().to_string()
    };
    let pw = f.password;
    let hash = state.compute(move || password::hash(&pw)).await??;
    let actor = signed.username().to_string();
    let name = username.clone();
    state
        .db(move |s| Ok(s.create_user(&name, &display, role, &hash, &actor)?))
        .await?;
    users_page(&state, &signed, Some(format!("已创建账号 {username}"))).await
}

/// A username: 2–32 letters, digits, `.`, `_` or `-`.
pub fn valid_username(name: &str) -> Result<String, Problem> {
    let n = name.trim();
    let ok = (2..=32).contains(&n.chars().count())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(n.to_string())
    } else {
        Err(Problem::bad_request(
            "用户名须为 2 至 32 个字母、数字、点、下划线或连字符",
            "a username is 2 to 32 letters, digits, dots, underscores or hyphens",
        ))
    }
}

#[derive(Deserialize)]
struct StateForm {
    csrf: String,
    disabled: String,
}

async fn set_state(
    State(state): State<AppState>,
    signed: Signed,
    Path(username): Path<String>,
    Form(f): Form<StateForm>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Admin])?;
    signed.check_csrf(&f.csrf)?;
    if username == signed.username() {
        return Err(Problem::bad_request(
            "不能停用自己的账号",
            "you cannot disable your own account",
        ));
    }
    let disabled = f.disabled == "1";
    let actor = signed.username().to_string();
    let name = username.clone();
    state
        .db(move |s| Ok(s.set_user_disabled(&name, disabled, &actor)?))
        .await?;
    let msg = if disabled { "已停用" } else { "已启用" };
    users_page(&state, &signed, Some(format!("{msg}账号 {username}"))).await
}
