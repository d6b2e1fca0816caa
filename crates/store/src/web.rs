//! What the web application keeps (migration 0003): accounts, sessions, the audit trail,
//! reviewers' verdicts on findings and the public side's applications.
//!
//! The store holds data, not policy: passwords arrive already hashed (argon2, in gongkai-web),
//! session tokens and check codes arrive as their SHA-256 ([`sha256_hex`]), and who may do what
//! is decided by the web application. What the store guarantees is that every change it makes
//! here is written with its audit row in one transaction, and that the audit trail is
//! append-only (the schema's triggers refuse UPDATE and DELETE).

use gongkai_desk::{Calendar, Event};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::backend::{Dialect, Value};
use crate::codec::now_utc;
use crate::desk::{DeskError, StoredCase};
use crate::error::{Result, StoreError};
use crate::Store;

/// The roles of the web application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Manages accounts; may also do what reviewers and clerks do.
    Admin,
    /// Reviews reports at a supervising office: the review desk and the corpus.
    Reviewer,
    /// Works the request desk.
    Clerk,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Reviewer, Role::Clerk];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Clerk => "clerk",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Reviewer => "审核人员",
            Role::Clerk => "经办人员",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The argon2 PHC string.
    pub password_hash: String,
    pub created_at: String,
    pub disabled: bool,
}

/// A live session: its user and the CSRF token its forms must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub expires_at: String,
}

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: Json,
}

/// A reviewer's verdict on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Confirmed,
    Dismissed,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed => "dismissed",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Confirmed => "已确认",
            Verdict::Dismissed => "已排除",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "confirmed" => Some(Verdict::Confirmed),
            "dismissed" => Some(Verdict::Dismissed),
            _ => None,
        }
    }
}

/// A stored verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: i64,
    pub report_id: i64,
    pub finding_key: String,
    pub verdict: Verdict,
    pub comment: String,
    pub reviewer: String,
    pub at: String,
}

/// The lower-case hex SHA-256 of `s` (session tokens and check codes are stored only so).
pub fn sha256_hex(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    let mut out = String::with_capacity(64);
    for b in d {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A stable name for a finding of a report: its rule, the cells it names and its place, which
/// stay the same when the report's findings are recomputed (by a newer version, or a corpus
/// check that rewrites the across-report findings in another order).
pub fn finding_key(f: &gongkai_model::Finding) -> String {
    let mut s = String::from(f.rule);
    for c in &f.cells {
        s.push('|');
        s.push_str(&c.to_string());
    }
    s.push('@');
    s.push_str(&f.location.to_string());
    s
}

fn text(v: Option<Value<'static>>) -> String {
    v.and_then(Value::into_string).unwrap_or_default()
}

fn int(v: Option<&Value<'static>>) -> i64 {
    v.and_then(Value::as_i64).unwrap_or(0)
}

const USER_COLUMNS: &str = "id, username, display_name, role, password_hash, created_at, disabled";

fn user_row(row: Vec<Value<'static>>) -> Result<User> {
    let id = int(row.first());
    let disabled = int(row.get(6)) != 0;
    let mut it = row.into_iter().skip(1);
    let username = text(it.next());
    let display_name = text(it.next());
    let role_key = text(it.next());
    let role = Role::parse(&role_key).ok_or_else(|| {
        StoreError::data(
            format!("账号{username}的角色“{role_key}”无法识别"),
            format!("the role {role_key:?} of account {username} is unknown"),
        )
    })?;
    Ok(User {
        id,
        username,
        display_name,
        role,
        password_hash: text(it.next()),
        created_at: text(it.next()),
        disabled,
    })
}

impl Store {
    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise (a
    /// refusal included, so a refused change leaves no trace). For everything that writes
    /// several rows that stand or fall together (a report and its cells, a change and its audit
    /// row, a case event). SQLite takes the write lock up front: a deferred transaction that
    /// reads and then writes could meet another writer doing the same and fail with "database
    /// is locked" instead of waiting its turn (the busy timeout cannot resolve that upgrade).
    pub fn in_transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let begin = match self.dialect() {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        self.db.batch(begin)?;
        match f(self) {
            Ok(v) => {
                self.db.batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.db.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Appends a row to the audit trail (inside the caller's transaction, if any).
    pub fn audit_row(
        &mut self,
        actor: &str,
        action: &str,
        target: &str,
        detail: &Json,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::text(now_utc()),
                Value::text(actor),
                Value::text(action),
                Value::text(target),
                Value::text(detail.to_string()),
            ],
        )?;
        Ok(())
    }

    /// The audit trail, newest first: all of it, or the rows whose target starts with
    /// `target_prefix` (`case:YSQ2026-0001`, `report:12`, `user:`), at most `limit` rows.
    pub fn audit_log(
        &mut self,
        target_prefix: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let pattern = format!(
            "{}%",
            target_prefix
                .unwrap_or("")
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let rows = self.db.query(
            "SELECT id, at, actor, action, target, detail FROM audit
             WHERE target LIKE $1 ESCAPE '\\' ORDER BY id DESC LIMIT $2",
            &[Value::text(pattern), Value::int(limit)],
        )?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let id = int(row.first());
                let mut it = row.into_iter().skip(1);
                let (at, actor, action, target) = (
                    text(it.next()),
                    text(it.next()),
                    text(it.next()),
                    text(it.next()),
                );
                let detail = serde_json::from_str(&text(it.next())).unwrap_or(Json::Null);
                AuditEntry {
                    id,
                    at,
                    actor,
                    action,
                    target,
                    detail,
                }
            })
            .collect())
    }

    /// Creates an account (audited as done by `actor`). A taken username is an error that says so.
    pub fn create_user(
        &mut self,
        username: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
        actor: &str,
    ) -> Result<User> {
        if self.user_by_name(username)?.is_some() {
            return Err(StoreError::new(
                format!("用户名“{username}”已被使用，请换一个"),
                format!("the username {username:?} is taken; choose another"),
            ));
        }
        let now = now_utc();
        self.in_transaction(|s| {
            let rows = s.db.query(
                "INSERT INTO users (username, display_name, role, password_hash, created_at, disabled)
                 VALUES ($1, $2, $3, $4, $5, 0) RETURNING id",
                &[
                    Value::text(username),
                    Value::text(display_name),
                    Value::text(role.key()),
                    Value::text(password_hash),
                    Value::text(now.as_str()),
                ],
            )?;
            let id = int(rows.first().and_then(|r| r.first()));
            s.audit_row(
                actor,
                "user.create",
                &format!("user:{username}"),
                &serde_json::json!({ "role": role.key(), "display_name": display_name }),
            )?;
            Ok(User {
                id,
                username: username.to_string(),
                display_name: display_name.to_string(),
                role,
                password_hash: password_hash.to_string(),
                created_at: now.clone(),
                disabled: false,
            })
        })
    }

    pub fn user_by_name(&mut self, username: &str) -> Result<Option<User>> {
        let rows = self.db.query(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"),
            &[Value::text(username)],
        )?;
        rows.into_iter().next().map(user_row).transpose()
    }

    /// Every account, by username.
    pub fn users(&mut self) -> Result<Vec<User>> {
        let rows = self.db.query(
            &format!("SELECT {USER_COLUMNS} FROM users ORDER BY username"),
            &[],
        )?;
        rows.into_iter().map(user_row).collect()
    }

    /// Enables or disables an account; disabling also ends its sessions.
    pub fn set_user_disabled(&mut self, username: &str, disabled: bool, actor: &str) -> Result<()> {
        self.in_transaction(|s| {
            let n = s.db.execute(
                "UPDATE users SET disabled = $1 WHERE username = $2",
                &[Value::int(i64::from(disabled)), Value::text(username)],
            )?;
            if n == 0 {
                return Err(no_such_user(username));
            }
            if disabled {
                s.db.execute(
                    "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = $1)",
                    &[Value::text(username)],
                )?;
            }
            s.audit_row(
                actor,
                if disabled { "user.disable" } else { "user.enable" },
                &format!("user:{username}"),
                &Json::Null,
            )
        })
    }

    /// Replaces an account's password hash and ends its sessions.
    pub fn set_password(&mut self, username: &str, password_hash: &str, actor: &str) -> Result<()> {
        self.in_transaction(|s| {
            let n = s.db.execute(
                "UPDATE users SET password_hash = $1 WHERE username = $2",
                &[Value::text(password_hash), Value::text(username)],
            )?;
            if n == 0 {
                return Err(no_such_user(username));
            }
            s.db.execute(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = $1)",
                &[Value::text(username)],
            )?;
            s.audit_row(
                actor,
                "user.password",
                &format!("user:{username}"),
                &Json::Null,
            )
        })
    }

    /// Starts a session for `user_id` (its token's hash, its CSRF token, its expiry as ISO UTC)
    /// and audits the login.
    pub fn create_session(
        &mut self,
        token_hash: &str,
        user: &User,
        csrf: &str,
        expires_at: &str,
    ) -> Result<()> {
        let now = now_utc();
        self.in_transaction(|s| {
            // Expired sessions are cleared as new ones start: no sweeper thread needed.
            s.db.execute(
                "DELETE FROM sessions WHERE expires_at < $1",
                &[Value::text(now.as_str())],
            )?;
            s.db.execute(
                "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    Value::text(token_hash),
                    Value::int(user.id),
                    Value::text(csrf),
                    Value::text(now.as_str()),
                    Value::text(expires_at),
                ],
            )?;
            s.audit_row(
                &user.username,
                "login",
                &format!("user:{}", user.username),
                &Json::Null,
            )
        })
    }

    /// The live session with this token hash: unexpired, of an enabled account.
    pub fn session(&mut self, token_hash: &str) -> Result<Option<Session>> {
        let rows = self.db.query(
            "SELECT u.id, u.username, u.display_name, u.role, u.password_hash, u.created_at,
                    u.disabled, s.csrf, s.expires_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
            &[Value::text(token_hash), Value::text(now_utc())],
        )?;
        let Some(mut row) = rows.into_iter().next() else {
            return Ok(None);
        };
        let expires_at = text(row.pop());
        let csrf = text(row.pop());
        Ok(Some(Session {
            user: user_row(row)?,
            csrf,
            expires_at,
        }))
    }

    /// Ends a session (logout).
    pub fn delete_session(&mut self, token_hash: &str, actor: &str) -> Result<()> {
        self.in_transaction(|s| {
            s.db.execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[Value::text(token_hash)],
            )?;
            s.audit_row(actor, "logout", &format!("user:{actor}"), &Json::Null)
        })
    }

    /// Records a reviewer's verdict on a finding of report `report_id`, with its audit row.
    pub fn add_review(
        &mut self,
        report_id: i64,
        finding_key: &str,
        verdict: Verdict,
        comment: &str,
        reviewer: &str,
    ) -> Result<Review> {
        let now = now_utc();
        self.in_transaction(|s| {
            let rows = s.db.query(
                "INSERT INTO finding_reviews (report_id, finding_key, verdict, comment, reviewer, at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    Value::int(report_id),
                    Value::text(finding_key),
                    Value::text(verdict.key()),
                    Value::text(comment),
                    Value::text(reviewer),
                    Value::text(now.as_str()),
                ],
            )?;
            let id = int(rows.first().and_then(|r| r.first()));
            s.audit_row(
                reviewer,
                "finding.review",
                &format!("report:{report_id}"),
                &serde_json::json!({ "finding": finding_key, "verdict": verdict.key(), "comment": comment }),
            )?;
            Ok(Review {
                id,
                report_id,
                finding_key: finding_key.to_string(),
                verdict,
                comment: comment.to_string(),
                reviewer: reviewer.to_string(),
                at: now.clone(),
            })
        })
    }

    /// Every verdict on the findings of a report, oldest first (the last one per finding is in
    /// force).
    pub fn reviews_of(&mut self, report_id: i64) -> Result<Vec<Review>> {
        let rows = self.db.query(
            "SELECT id, report_id, finding_key, verdict, comment, reviewer, at
             FROM finding_reviews WHERE report_id = $1 ORDER BY id",
            &[Value::int(report_id)],
        )?;
        rows.into_iter()
            .map(|row| {
                let (id, report_id) = (int(row.first()), int(row.get(1)));
                let mut it = row.into_iter().skip(2);
                let finding_key = text(it.next());
                let v = text(it.next());
                let verdict = Verdict::parse(&v).ok_or_else(|| {
                    StoreError::data(
                        format!("审核结论“{v}”无法识别"),
                        format!("the verdict {v:?} is unknown"),
                    )
                })?;
                Ok(Review {
                    id,
                    report_id,
                    finding_key,
                    verdict,
                    comment: text(it.next()),
                    reviewer: text(it.next()),
                    at: text(it.next()),
                })
            })
            .collect()
    }

    /// Files an application from the public side: opens the case with `first` (recorded by
    /// `public`), keeps the check code's hash and the contact details, and audits it — all in
    /// one transaction.
    pub fn file_application(
        &mut self,
        first: Event,
        check_hash: &str,
        contact: &Json,
    ) -> Result<StoredCase, DeskError> {
        let contact = contact.to_string();
        self.add_case_with(first, "public", |s, case_id| {
            s.db.execute(
                "INSERT INTO applications (case_id, check_hash, contact, submitted_at)
                 VALUES ($1, $2, $3, $4)",
                &[
                    Value::int(case_id),
                    Value::text(check_hash),
                    Value::text(contact.as_str()),
                    Value::text(now_utc()),
                ],
            )?;
            Ok(())
        })
    }

    /// The case `code` if `check_hash` is its application's check code hash; `None` for an
    /// unknown code, a case not filed on the public side, or a wrong check code alike (the
    /// caller cannot tell which, and neither can whoever is guessing).
    pub fn lookup_application(
        &mut self,
        code: &str,
        check_hash: &str,
        cal: &Calendar,
    ) -> Result<Option<StoredCase>, DeskError> {
        let rows = self.db.query(
            "SELECT a.check_hash FROM applications a JOIN cases c ON c.id = a.case_id
             WHERE c.code = $1",
            &[Value::text(code)],
        )?;
        // An unknown code is compared against a hash of the same shape, so the answer takes
        // the same time whichever of the two was wrong.
        let stored = rows.into_iter().next().map(|r| text(r.into_iter().next()));
        let known = stored.is_some();
        let h = stored.unwrap_or_else(|| "0".repeat(64));
        if constant_time_eq(h.as_bytes(), check_hash.as_bytes()) && known {
            self.load_case(code, cal).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The contact details filed with the application of case `case_id` (for clerks).
    pub fn application_contact(&mut self, case_id: i64) -> Result<Option<Json>> {
        let rows = self.db.query(
            "SELECT contact FROM applications WHERE case_id = $1",
            &[Value::int(case_id)],
        )?;
        Ok(rows
            .into_iter()
            .next()
            .map(|r| serde_json::from_str(&text(r.into_iter().next())).unwrap_or(Json::Null)))
    }
}

/// No account has this username.
fn no_such_user(username: &str) -> StoreError {
    StoreError::new(
        format!("没有用户名为“{username}”的账号"),
        format!("no account is named {username:?}"),
    )
}

/// Compares two byte strings in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Store {
    /// Keeps the text report `report_id` was read from (see migration 0003), audited as a save
    /// by `actor`, in one transaction.
    pub fn save_report_source(&mut self, report_id: i64, text: &str, actor: &str) -> Result<()> {
        self.in_transaction(|s| {
            s.db.execute(
                "INSERT INTO report_sources (report_id, text) VALUES ($1, $2)
                 ON CONFLICT (report_id) DO NOTHING",
                &[Value::int(report_id), Value::text(text)],
            )?;
            s.audit_row(
                actor,
                "report.save",
                &format!("report:{report_id}"),
                &Json::Null,
            )
        })
    }

    /// The text report `report_id` was read from, when it was kept.
    pub fn report_source(&mut self, report_id: i64) -> Result<Option<String>> {
        let rows = self.db.query(
            "SELECT text FROM report_sources WHERE report_id = $1",
            &[Value::int(report_id)],
        )?;
        Ok(rows.into_iter().next().map(|r| text(r.into_iter().next())))
    }
}
