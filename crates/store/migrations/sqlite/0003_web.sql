-- gongkai store, SQLite dialect, version 3: the web application's accounts, sessions, audit
-- trail, reviewers' verdicts on findings and the public side's applications. Keep in step with
-- ../postgres/0003_web.sql.

-- Accounts. `role` is one of admin, reviewer, clerk; `password_hash` is an argon2id PHC string
-- (salt and parameters inside). A disabled account keeps its rows (the audit trail names it).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0
);

-- Sessions. Only the SHA-256 of the cookie's token is kept: a copy of the database does not
-- hold live sessions. `csrf` is the token every form of the session must send back.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Every change made through the web application or its API: who (a username, or `public` for
-- the application form), what (`action`, e.g. report.save), on what (`target`), details as JSON.
-- Append-only, like the desk's cases.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_target ON audit(target);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改 / the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除 / the audit trail is append-only'); END;

-- A reviewer's verdict on a finding of a stored report: confirmed or dismissed, with a comment.
-- Findings are named by `finding_key` (rule, cells and place; see gongkai-store's web module),
-- which survives a corpus check rewriting the across-report findings. The latest verdict on a
-- finding is the one in force; earlier ones stay as its history.
CREATE TABLE finding_reviews (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    finding_key TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
    comment     TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX finding_reviews_report ON finding_reviews(report_id);

-- An application filed on the public side (条例 art. 29): the case it opened, the SHA-256 of
-- the applicant's check code (the tracking code alone is sequential and guessable), and the
-- contact details the form asked for, as JSON. Clerks see them; the public lookup never does.
CREATE TABLE applications (
    case_id      INTEGER PRIMARY KEY REFERENCES cases(id),
    check_hash   TEXT NOT NULL,
    contact      TEXT NOT NULL,
    submitted_at TEXT NOT NULL
);

-- The text a report was read from (what its source locations point into), kept for reports
-- saved from the review desk so that a finding can be shown at its line. Optional: reports
-- ingested in bulk do not keep it.
CREATE TABLE report_sources (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    text      TEXT NOT NULL
);
