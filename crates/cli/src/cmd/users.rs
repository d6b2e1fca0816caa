//! `gongkai users add|list|disable|enable|password`: the web application's accounts.
//! Passwords are read from standard input (one line), never from the command line, where they
//! would end up in the shell's history and the process list.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use gongkai_store::Role;

use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub command: UsersCommand,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// 新建账号（密码从标准输入读取一行）/ add an account (password: one line on stdin)
    Add {
        username: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// 姓名 / display name
        #[arg(long)]
        name: Option<String>,
    },
    /// 列出账号 / list the accounts
    List,
    /// 停用账号（并结束其会话）/ disable an account (ending its sessions)
    Disable { username: String },
    /// 启用账号 / enable an account
    Enable { username: String },
    /// 重设密码（从标准输入读取一行）/ set a new password (one line on stdin)
    Password { username: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Reviewer,
    Clerk,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Reviewer => Role::Reviewer,
            RoleArg::Clerk => Role::Clerk,
        }
    }
}

fn read_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.is_empty() {
        bail!("标准输入中没有密码 / no password on standard input");
    }
    Ok(pw)
}

/// The CLI acts as this account in the audit trail.
const ACTOR: &str = "cli";

pub fn run(args: UsersArgs) -> Result<ExitCode> {
    let mut store = args.db.open(gongkai_model::Lang::Zh)?;
    match args.command {
        UsersCommand::Add {
            username,
            role,
            name,
        } => {
            let username = gongkai_web::pages::account::valid_username(&username)
                .map_err(|p| anyhow!("{}", p.zh))?;
            let hash = gongkai_web::auth::password::hash(&read_password()?)
                .map_err(|p| anyhow!("{}", p.zh))?;
            let display = name.unwrap_or_else(|| username.clone());
            let u = store
                .create_user(&username, &display, role.into(), &hash, ACTOR)
                .map_err(|e| anyhow!("{e}"))?;
            println!("已创建账号 {}（{}）", u.username, u.role.zh());
        }
        UsersCommand::List => {
            for u in store.users().map_err(|e| anyhow!("{e}"))? {
                println!(
                    "{}\t{}\t{}\t{}",
                    u.username,
                    u.display_name,
                    u.role.key(),
                    if u.disabled { "disabled" } else { "active" }
                );
            }
        }
        UsersCommand::Disable { username } => {
            store
                .set_user_disabled(&username, true, ACTOR)
                .map_err(|e| anyhow!("{e}"))?;
            println!("已停用账号 {username}");
        }
        UsersCommand::Enable { username } => {
            store
                .set_user_disabled(&username, false, ACTOR)
                .map_err(|e| anyhow!("{e}"))?;
            println!("已启用账号 {username}");
        }
        UsersCommand::Password { username } => {
            let hash = gongkai_web::auth::password::hash(&read_password()?)
                .map_err(|p| anyhow!("{}", p.zh))?;
            store
                .set_password(&username, &hash, ACTOR)
                .map_err(|e| anyhow!("{e}"))?;
            println!("已重设账号 {username} 的密码（其会话已结束）");
        }
    }
    Ok(ExitCode::SUCCESS)
}
