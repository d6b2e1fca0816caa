-- gongkai store, SQLite dialect, version 4: the figures each report's prose states
-- (`Report::statements`, see the model's statement module), one row per statement in document
-- order, written in the same transaction as the report. Keep in step with
-- ../postgres/0004_statements.sql.
--
-- `lo`..`hi` are the bounds the text allows, in `unit` as printed (条, 件, 元, %); `hi` is NULL
-- when unbounded (超过10件). `meaning` is a stable meaning key (the `legacy` row key where the
-- legacy table has it), `alternatives` a JSON array of the other readings. `parts` (a JSON
-- array), `part_of` and `share_of` are `ord`s of statements of the same report. `source` is the
-- display form (L148), `at` the exact place (see the store's codec).
CREATE TABLE statements (
    report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('figure', 'words', 'percent')),
    lo           REAL NOT NULL,
    hi           REAL,
    exact        INTEGER NOT NULL,
    decimals     INTEGER NOT NULL,
    unit         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    meaning      TEXT,
    alternatives TEXT NOT NULL,
    parts        TEXT NOT NULL,
    part_of      INTEGER,
    share_of     INTEGER,
    text         TEXT NOT NULL,
    sentence     TEXT NOT NULL,
    sentence_no  INTEGER NOT NULL,
    paragraph_no INTEGER NOT NULL,
    source       TEXT NOT NULL,
    at           TEXT,
    PRIMARY KEY (report_id, ord)
) WITHOUT ROWID;
CREATE INDEX statements_meaning ON statements(meaning);
