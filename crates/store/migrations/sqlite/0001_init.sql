-- gongkai store, SQLite dialect, version 1. Keep in step with ../postgres/0001_init.sql: the
-- same tables, columns and meanings; only the types and identity columns are spelt differently.
-- Dates and timestamps are ISO 8601 text in both dialects, so the same queries read them.

-- 发布机关 across years: one row per unit, its aliases apart. norm_name is the matching form
-- (full-width letters and digits folded, spaces removed; 市/区 prefixes kept).
CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    norm_name TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
    kind      TEXT
);

CREATE TABLE unit_aliases (
    unit_id    INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm_alias TEXT NOT NULL UNIQUE
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);

-- One row per distinct input (content_hash is the SHA-256 of the file's bytes). The *_at
-- columns hold the exact source place of a field (see the store's codec), `parts` the numbered
-- parts and tables found, as JSON.
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source_name  TEXT NOT NULL,
    agency       TEXT,
    unit_id      INTEGER REFERENCES units(id) ON DELETE SET NULL,
    year         INTEGER,
    format       TEXT NOT NULL,
    published_on TEXT,
    ingested_at  TEXT NOT NULL,
    agency_at    TEXT,
    year_at      TEXT,
    published_at TEXT,
    parts        TEXT NOT NULL
);
CREATE INDEX reports_unit_year ON reports(unit_id, year);
CREATE INDEX reports_year ON reports(year);

-- One row per cell, KEYS.md's keys and states. `ord` keeps the report's cell order. `source` is
-- the display form (L148, p2.t1.r5.c3), `at` the exact place; inferred_* name the relation
-- that fixed an inferred value.
CREATE TABLE cells (
    report_id         INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord               INTEGER NOT NULL,
    "table"           TEXT NOT NULL,
    "row"             TEXT NOT NULL,
    "column"          TEXT NOT NULL,
    value             REAL,
    state             TEXT NOT NULL,
    text              TEXT NOT NULL,
    source            TEXT NOT NULL,
    at                TEXT,
    inferred_rule     TEXT,
    inferred_along    TEXT,
    inferred_evidence TEXT,
    PRIMARY KEY (report_id, ord)
) WITHOUT ROWID;

-- Findings: scope 'report' for the rules over one report (from_reader = 1 for the reader's own
-- notes), 'across' for the rules over several reports (rewritten by each corpus check).
-- `cells` is a JSON array of [table, row, column].
CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    scope       TEXT NOT NULL,
    from_reader INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    message_zh  TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    evidence    TEXT,
    cells       TEXT NOT NULL,
    source      TEXT NOT NULL,
    at          TEXT
);
CREATE INDEX findings_report ON findings(report_id);
CREATE INDEX findings_rule ON findings(rule);
