-- gongkai store, SQLite dialect, version 5. Keep in step with ../postgres/0005_cell_data.sql.
--
-- The cells of KEYS.md, stored compactly; the view `cells` shows them exactly as before (the same
-- name, columns, values and texts), so every query over `cells` reads what it always read.
--
-- Why: an ingest writes some 200 cells per report, and the cells table was most of what the
-- database held and most of the writer's work: three key texts, a state text and two source
-- texts per cell, 96 bytes a cell in SQLite. Here a cell names its key by number (`cell_keys`,
-- a few hundred rows: the keys of the formats and the provincial extras met), its state by a
-- code, and its place in the source by numbers, from which the view spells both the display
-- form (`source`, L148) and the exact one (`at`, T148,1,3,1).
--
-- state: 0 number, 1 not_applicable, 2 blank, 3 missing, 4 inferred.
-- at_kind: NULL nowhere; 1 text (at1..at4 = line, column, length, alone on its line);
-- 2 grid (page, table, row, cell); 3 PDF text (page, line on the page, line, column, length,
-- column on the page; the last NULL for cells moved from version 4, which did not keep it);
-- 4 paragraph (page, index).
--
-- The reference to the report is checked at commit (DEFERRABLE INITIALLY DEFERRED) rather than
-- after each statement: an immediate check obliges SQLite to keep a statement journal for every
-- multi-row INSERT (a copy of each page it touches, in case the statement must be undone),
-- which was a tenth of the writer's work; the store writes a report and its cells in one
-- transaction, and a dangling reference still fails the commit. `key_id` has no declared
-- reference: keys are only ever added, before the cells that use them, and a check per row
-- would cost a lookup per cell.

CREATE TABLE cell_keys (
    id       INTEGER PRIMARY KEY,
    "table"  TEXT NOT NULL,
    "row"    TEXT NOT NULL,
    "column" TEXT NOT NULL,
    UNIQUE ("table", "row", "column")
);

CREATE TABLE cell_data (
    report_id         INTEGER NOT NULL
                      REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    ord               INTEGER NOT NULL,
    key_id            INTEGER NOT NULL,
    value             REAL,
    state             INTEGER NOT NULL,
    text              TEXT NOT NULL,
    at_kind           INTEGER,
    at1               INTEGER,
    at2               INTEGER,
    at3               INTEGER,
    at4               INTEGER,
    at5               INTEGER,
    at6               INTEGER,
    inferred_rule     TEXT,
    inferred_along    TEXT,
    inferred_evidence TEXT,
    PRIMARY KEY (report_id, ord)
) WITHOUT ROWID;

-- The cells stored so far, moved over: the exact place `T36,5,3,0` read as the JSON array
-- [36,5,3,0].
INSERT INTO cell_keys ("table", "row", "column")
SELECT DISTINCT "table", "row", "column" FROM cells ORDER BY 1, 2, 3;

INSERT INTO cell_data (report_id, ord, key_id, value, state, text, at_kind, at1, at2, at3, at4,
                       at5, at6, inferred_rule, inferred_along, inferred_evidence)
SELECT c.report_id, c.ord, k.id, c.value,
       CASE c.state WHEN 'number' THEN 0 WHEN 'not_applicable' THEN 1 WHEN 'blank' THEN 2
                  WHEN 'missing' THEN 3 WHEN 'inferred' THEN 4 END,
       c.text,
       CASE substr(c.at, 1, 1) WHEN 'T' THEN 1 WHEN 'G' THEN 2 WHEN 'P' THEN 3 WHEN 'B' THEN 4 END,
       json_extract('[' || substr(c.at, 2) || ']', '$[0]'),
       json_extract('[' || substr(c.at, 2) || ']', '$[1]'),
       json_extract('[' || substr(c.at, 2) || ']', '$[2]'),
       json_extract('[' || substr(c.at, 2) || ']', '$[3]'),
       json_extract('[' || substr(c.at, 2) || ']', '$[4]'),
       json_extract('[' || substr(c.at, 2) || ']', '$[5]'),
       c.inferred_rule, c.inferred_along, c.inferred_evidence
FROM cells c JOIN cell_keys k ON k."table" = c."table" AND k."row" = c."row" AND k."column" = c."column";

DROP TABLE cells;

CREATE VIEW cells AS
SELECT d.report_id, d.ord, k."table", k."row", k."column", d.value,
       CASE d.state WHEN 0 THEN 'number' WHEN 1 THEN 'not_applicable' WHEN 2 THEN 'blank'
                    WHEN 3 THEN 'missing' WHEN 4 THEN 'inferred' END AS state,
       d.text,
       CASE d.at_kind
           WHEN 1 THEN 'L' || d.at1 || CASE WHEN d.at4 = 0 THEN ':' || d.at2 ELSE '' END
           WHEN 2 THEN CASE WHEN d.at1 > 0 THEN 'p' || d.at1 || '.' ELSE '' END
                       || 't' || d.at2 || '.r' || d.at3 || '.c' || d.at4
           WHEN 3 THEN 'p' || d.at1 || ':L' || d.at2 || ':' || COALESCE(d.at6, d.at4)
           WHEN 4 THEN CASE WHEN d.at1 > 0 THEN 'p' || d.at1 || '.' ELSE '' END || 'b' || d.at2
           ELSE '' END AS source,
       CASE d.at_kind
           WHEN 1 THEN 'T' || d.at1 || ',' || d.at2 || ',' || d.at3 || ',' || d.at4
           WHEN 2 THEN 'G' || d.at1 || ',' || d.at2 || ',' || d.at3 || ',' || d.at4
           WHEN 3 THEN 'P' || d.at1 || ',' || d.at2 || ',' || d.at3 || ',' || d.at4 || ',' || d.at5
                       || COALESCE(',' || d.at6, '')
           WHEN 4 THEN 'B' || d.at1 || ',' || d.at2
           END AS at,
       d.inferred_rule, d.inferred_along, d.inferred_evidence
FROM cell_data d JOIN cell_keys k ON k.id = d.key_id;
