//! `gongkai serve`: the web application (review desk, corpus, request desk, public lookup, API).
//!
//! On a database with no accounts, the first start creates the account `admin` with a random
//! password and prints it once: one command gets a working site, and no default password
//! exists anywhere.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::Args;
use gongkai_store::Role;
use gongkai_web::{AppState, Config};

use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 监听地址 / address to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// 上传大小上限（MB）/ largest upload, in MB
    #[arg(long, default_value_t = 20)]
    pub max_upload_mb: usize,
    /// 通过 HTTPS 提供服务时设置（Cookie 加 Secure）/ set when served over HTTPS (Secure cookies)
    #[arg(long)]
    pub secure_cookies: bool,
    /// 信任反向代理的 X-Forwarded-For / trust X-Forwarded-For from a reverse proxy you run
    #[arg(long)]
    pub trust_proxy: bool,
    /// 公众页面每个地址每分钟的请求上限 / requests per minute per client on the public pages
    #[arg(long, default_value_t = 30)]
    pub public_rate: u32,
    /// 数据库连接数（同时处理的数据库请求）/ database connections kept open (requests beyond
    /// this wait their turn; PostgreSQL deployments with many users may want more)
    #[arg(long, default_value_t = 4)]
    pub connections: usize,
    /// 固定“今天”（仅用于演示和培训：网上申请的收到日期取此日）/ fix "today" (demonstrations
    /// and training only: online applications are received on this day)
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let today = match &args.today {
        Some(s) => {
            Some(gongkai_desk::Day::parse(s).map_err(|e| anyhow!("--today: {}", e.message().zh))?)
        }
        None => None,
    };
    let config = Config {
        today,
        db: args.db.target(),
        max_upload: args.max_upload_mb.max(1) * 1024 * 1024,
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
        public_rate_per_minute: args.public_rate,
        connections: args.connections.clamp(1, 64),
        ..Config::default()
    };
    let state = AppState::new(config).map_err(|e| anyhow!("{e}"))?;
    first_admin(&state)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    eprintln!(
        "gongkai 网页服务：http://{} （数据库 {}；按 Ctrl-C 停止）",
        args.bind,
        state.db_target()
    );
    runtime
        .block_on(gongkai_web::serve(state, args.bind))
        .with_context(|| format!("serving on {}", args.bind))?;
    Ok(ExitCode::SUCCESS)
}

/// Creates `admin` with a random password when the database has no account yet.
fn first_admin(state: &AppState) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let users = state
            .db(|s| Ok(s.users()?))
            .await
            .map_err(|p| anyhow!("{}", p.zh))?;
        if !users.is_empty() {
            return Ok(());
        }
        let password = gongkai_web::auth::random_hex(8).map_err(|p| anyhow!("{}", p.zh))?;
        let hash = gongkai_web::auth::password::hash(&password).map_err(|p| anyhow!("{}", p.zh))?;
        state
            .db(move |s| Ok(s.create_user("admin", "管理员", Role::Admin, &hash, "system")?))
            .await
            .map_err(|p| anyhow!("{}", p.zh))?;
        eprintln!(
            "首次启动：已创建管理员账号 admin，密码 {password}\n\
             （只显示这一次；登录后可在“账号管理”中为审核、经办人员建立账号，或用 gongkai users 管理）\n\
             first start: created the account admin with password {password} (shown only once)"
        );
        Ok(())
    })
}
