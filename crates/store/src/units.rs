//! Units (发布机关) across years: matching names, and the CSV that declares aliases and parents.
//!
//! The CSV has four columns, `name,aliases,parent,kind` (or the Chinese headers
//! `名称,别名,上级,类型`): aliases separated by `；` (or `;`), the parent by its name or an alias,
//! and a free kind. Kind `汇总` (or `consolidated`) says the unit's own report is the sum of its
//! children's reports, which rule X-CONSOLIDATED checks.

use std::io::{Read, Write};

use crate::error::{Result, StoreError};

/// The form of a name used for matching: full-width ASCII letters, digits and punctuation folded
/// to half width, every kind of space and invisible format character removed. Nothing else
/// changes: 市/区/县 prefixes are part of the name (鼓楼区 exists in several cities, so
/// "南京市鼓楼区" and "鼓楼区" must stay different units), and Chinese punctuation other than the
/// full-width ASCII block is kept.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// One line of the units CSV.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitRow {
    pub name: String,
    pub aliases: Vec<String>,
    pub parent: Option<String>,
    pub kind: Option<String>,
    /// The 1-based line in the CSV, for messages (0 when not from a file).
    pub line: u64,
}

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub parent: Option<i64>,
    pub kind: Option<String>,
}

impl Unit {
    /// Whether the unit's report is declared to be the sum of its children's.
    pub fn is_consolidated(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(|k| matches!(k.trim(), "汇总" | "consolidated"))
    }
}

const HEADERS_EN: [&str; 4] = ["name", "aliases", "parent", "kind"];
const HEADERS_ZH: [&str; 4] = ["名称", "别名", "上级", "类型"];

fn csv_error(line: u64, zh: &str, en: &str) -> StoreError {
    StoreError::new(
        format!("单位表第 {line} 行：{zh}"),
        format!("units CSV, line {line}: {en}"),
    )
}

/// Reads the units CSV. A UTF-8 BOM (as Excel writes it) is skipped.
pub fn read_units_csv<R: Read>(mut input: R) -> Result<Vec<UnitRow>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| {
        StoreError::new(
            format!("无法读取单位表：{e}"),
            format!("cannot read the units CSV: {e}"),
        )
    })?;
    let body = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(body);
    let headers = rdr
        .headers()
        .map_err(|e| {
            csv_error(
                1,
                &format!("无法读取表头：{e}"),
                &format!("cannot read the header: {e}"),
            )
        })?
        .clone();
    let find = |i: usize| {
        headers
            .iter()
            .position(|h| h.trim() == HEADERS_EN[i] || h.trim() == HEADERS_ZH[i])
    };
    let Some(name_col) = find(0) else {
        return Err(csv_error(
            1,
            "表头缺少 name（名称）列；表头应为 name,aliases,parent,kind",
            "the header has no name column; it should be name,aliases,parent,kind",
        ));
    };
    let (alias_col, parent_col, kind_col) = (find(1), find(2), find(3));
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec
            .map_err(|e| csv_error(line, &format!("格式错误：{e}"), &format!("malformed: {e}")))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(name) = get(Some(name_col)) else {
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            return Err(csv_error(line, "名称为空", "the name is empty"));
        };
        let aliases = get(alias_col)
            .map(|a| {
                a.split(['；', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.push(UnitRow {
            name,
            aliases,
            parent: get(parent_col),
            kind: get(kind_col),
            line,
        });
    }
    Ok(out)
}

/// Writes units as the CSV [`read_units_csv`] reads (English headers, aliases joined by `；`,
/// parents by name), with a UTF-8 BOM when `bom` (Excel on zh-CN needs it).
pub fn write_units_csv<W: Write>(units: &[Unit], out: W, bom: bool) -> Result<()> {
    let io = |e: &dyn std::fmt::Display| {
        StoreError::new(
            format!("无法写出单位表：{e}"),
            format!("cannot write the units CSV: {e}"),
        )
    };
    let mut out = out;
    if bom {
        out.write_all("\u{FEFF}".as_bytes()).map_err(|e| io(&e))?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(HEADERS_EN).map_err(|e| io(&e))?;
    for u in units {
        let parent = u
            .parent
            .and_then(|p| units.iter().find(|x| x.id == p))
            .map_or("", |p| p.name.as_str());
        w.write_record([
            u.name.as_str(),
            u.aliases.join("；").as_str(),
            parent,
            u.kind.as_deref().unwrap_or(""),
        ])
        .map_err(|e| io(&e))?;
    }
    w.flush().map_err(|e| io(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_width_and_spaces_only() {
        assert_eq!(
            normalize_name(" 杭州市 西湖区\u{3000}教育局 "),
            "杭州市西湖区教育局"
        );
        assert_eq!(normalize_name("ＡＢＣ１２３（试点）"), "ABC123(试点)");
        // Prefixes are kept: these are different units.
        assert_ne!(normalize_name("南京市鼓楼区"), normalize_name("鼓楼区"));
        assert_eq!(normalize_name("鹤岗市\u{200B}人民政府"), "鹤岗市人民政府");
    }

    #[test]
    fn csv_reads_both_headers_and_splits_aliases() {
        let csv = "\u{FEFF}名称,别名,上级,类型\n杭州市人民政府,杭州市政府；杭州市人民政府办公厅,,汇总\n杭州市教育局,杭州市教育局（本级）;市教育局,杭州市人民政府,部门\n,,,\n";
        let rows = read_units_csv(csv.as_bytes()).expect("reads");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].aliases, vec!["杭州市政府", "杭州市人民政府办公厅"]);
        assert_eq!(rows[0].kind.as_deref(), Some("汇总"));
        assert_eq!(rows[1].parent.as_deref(), Some("杭州市人民政府"));
        assert_eq!(rows[1].aliases.len(), 2);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let e = read_units_csv("name,kind\n,部门\n".as_bytes()).expect_err("empty name");
        assert!(e.zh.contains("第 2 行"), "{e}");
        let e = read_units_csv("foo,bar\nx,y\n".as_bytes()).expect_err("no name column");
        assert!(e.en.contains("no name column"), "{e}");
    }

    #[test]
    fn csv_round_trips() {
        let units = vec![
            Unit {
                id: 1,
                name: "某市人民政府".into(),
                aliases: vec!["某市政府".into()],
                parent: None,
                kind: Some("汇总".into()),
            },
            Unit {
                id: 2,
                name: "某市教育局".into(),
                aliases: vec![],
                parent: Some(1),
                kind: None,
            },
        ];
        let mut buf = Vec::new();
        write_units_csv(&units, &mut buf, true).expect("writes");
        let rows = read_units_csv(buf.as_slice()).expect("reads");
        assert_eq!(rows[0].name, "某市人民政府");
        assert_eq!(rows[0].aliases, vec!["某市政府"]);
        assert_eq!(rows[1].parent.as_deref(), Some("某市人民政府"));
        assert!(units[0].is_consolidated() && !units[1].is_consolidated());
    }
}
