-- gongkai store, SQLite dialect, version 2: the request desk's cases. Keep in step with
-- ../postgres/0002_desk.sql.
--
-- A case is its history (gongkai-desk): `cases` only names it, `case_events` holds what
-- happened, one row per event, in order (`seq` from 0, the application received). Nothing
-- derived (state, due dates, overdue) is stored: it is recomputed from the events, so it can
-- never disagree with them. Both tables are append-only — an audit trail that cannot be edited —
-- and the triggers below refuse UPDATE and DELETE whoever issues them.

CREATE TABLE cases (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- `kind` is EventKind::key (for queries without parsing JSON); `event` is the whole event as
-- JSON (date and kind, values by their stable keys); recorded_* say who typed it in and when
-- (UTC), which may differ from the event's own date.
CREATE TABLE case_events (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    event       TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER cases_no_update BEFORE UPDATE ON cases
BEGIN SELECT RAISE(ABORT, '案件只能追加，不能修改 / cases are append-only'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, '案件只能追加，不能删除 / cases are append-only'); END;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, '案件事件只能追加，不能修改 / case events are append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, '案件事件只能追加，不能删除 / case events are append-only'); END;
