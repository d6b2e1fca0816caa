//! The editable report file (TOML) a clerk fills in: `gongkai new` writes it, `gongkai render`
//! reads it.
//!
//! The file follows the report: `[report]` (format, year, agency, publication date), then the
//! six parts in order, each with its prose as a multi-line `text` and, for parts 二 to 四, one
//! TOML table per row of the part's table (`[requests.withheld_state_secret]`) holding one key
//! per column (`natural_person = 0`). The keys are the stable keys of KEYS.md; a comment above
//! every row gives its official label (`# 三、本年度办理结果 （三）不予公开 1.属于国家秘密`) and a
//! comment after every value its column's label, so the file reads like the table.
//!
//! A cell is a number (`12`, `1.5`, `-7` for 本年增/减), `""` for a blank cell or `"/"` for
//! not applicable. A blank is not zero: [`template`] writes `""` everywhere unless asked for
//! zeros, so a cell nobody filled in stays visibly unfilled (and the rules say so) instead of
//! passing as 0. Numbers typed inside the quotes (`"12"`) are read as numbers, because that is
//! what a person filling in `""` naturally types.
//!
//! [`read`] gives a [`Report`] (every cell `number`, `blank`, `not_applicable`, or `missing`
//! where the file has no such key) and the prose; its sources are the draft's own lines, so the
//! rules' findings point into the file. A file that cannot be read gives a [`DraftError`] with
//! every problem found, each with its line, what is wrong and what to do, in Chinese and
//! English.

use std::fmt;

use gongkai_model::format::{ColumnDef, TableDef};
use gongkai_model::report::format_value;
use gongkai_model::{
    formats, Cell, CellKey, CellState, Date, FormatId, Found, Lang, Located, Message, Report,
    Source, ValueKind,
};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::narrative::{paragraphs_of, Narrative};

/// A report read from a draft, with its prose.
#[derive(Debug, Clone)]
pub struct Draft {
    pub report: Report,
    pub narrative: Narrative,
}

/// What [`template`] puts in every cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fill {
    /// `""`: blank until someone fills it in.
    #[default]
    Blank,
    /// `0`, for agencies whose figures are mostly zero.
    Zero,
}

/// A new draft for an agency's report of a year: every cell `""` (or `0`), empty prose with a
/// hint of what belongs in each part.
pub fn template(format: FormatId, year: i32, agency: &str, fill: Fill) -> String {
    let mut report = Report::empty(format);
    report.year.value = Some(year);
    report.agency.value = Some(agency.to_string());
    for c in &mut report.cells {
        match fill {
            Fill::Blank => c.state = CellState::Blank,
            Fill::Zero => {
                c.state = CellState::Number;
                c.value = Some(0.0);
            }
        }
    }
    write(&report, &Narrative::new())
}

/// A report and its prose as a draft file. Cells print as [`read`] reads them back: numbers as
/// numbers, blank as `""`, not applicable as `"/"`; a missing cell as `""` with a comment that
/// the source had no such cell, an inferred one as its value with a comment naming the rule.
pub fn write(report: &Report, narrative: &Narrative) -> String {
    let def = report.format_def();
    let mut o = String::new();
    let title = crate::render::title(report);
    o.push_str(&format!("# {} · 填报文件\n#\n", one_line(&title)));
    o.push_str(&format!("# 格式：{}（{}）\n", def.name, def.issued_by));
    o.push_str(
        "# 由 gongkai new 生成。填好后生成报告：gongkai render 本文件 --to html -o 报告.html\n#\n",
    );
    o.push_str("# 怎样填写（空白不是 0）：\n");
    o.push_str("#   12     填数字。没有发生的事项填 0。金额以万元为单位，可有小数，如 1.5。\n");
    if def
        .tables
        .iter()
        .any(|t| t.columns.iter().any(|c| c.kind == ValueKind::Change))
    {
        o.push_str("#   -7     “本年增/减”减少时填负数。\n");
    }
    o.push_str("#   \"\"     留空：报告中这一格空着。空白不等于 0，检查时会提示未填。\n");
    o.push_str("#   \"/\"    不适用：报告中印“/”。\n");
    o.push_str("#   写在引号里的数字（如 \"12\"）也按数字读取。\n");
    o.push_str("# 正文写在 text = \"\"\" 与下一行 \"\"\" 之间；段落之间空一行，同一段内的换行会连成一段。\n");
    o.push_str("# 以 # 开头的是说明，不进入报告。方括号里的名称和等号左边的键名不要修改。\n\n");

    o.push_str("[report]\n");
    o.push_str(&format!(
        "format = {:<12}  # 格式版本，不要修改\n",
        quote(def.id.key())
    ));
    let year = report
        .year
        .value
        .map_or_else(|| "\"\"".to_string(), |y| y.to_string());
    o.push_str(&format!("year = {year:<14}  # 报告年度（统计年度）\n"));
    o.push_str(&format!(
        "agency = {}  # 发布机关\n",
        quote(report.agency.value.as_deref().unwrap_or(""))
    ));
    let date = report
        .published_on
        .value
        .map_or_else(String::new, |d| d.to_string());
    o.push_str(&format!(
        "published_on = {:<6}  # 发布日期，如 \"2026-01-20\"；可留空\n",
        quote(&date)
    ));

    for s in def.sections {
        o.push_str("\n# ==================================================================\n");
        o.push_str(&format!("# {}、{}\n", s.number, s.label));
        for (i, h) in hint(s.key, def.id).iter().enumerate() {
            let lead = if i == 0 { "提示：" } else { "      " };
            o.push_str(&format!("# {lead}{h}\n"));
        }
        o.push_str(&format!("[sections.{}]\n", s.key));
        o.push_str(&multiline(narrative.paragraphs(s.key)));
        if let Some(t) = s.table.and_then(|t| def.table(t)) {
            table_toml(t, report, &mut o);
        }
    }
    o
}

/// What belongs in a part, as a hint in the draft.
fn hint(section: &str, format: FormatId) -> Vec<&'static str> {
    match section {
        "overview" => vec![
            "概述本年度贯彻落实《政府信息公开条例》的情况，主要包括主动公开、依申请公开、政府信息管理、",
            "政府信息公开平台建设、监督保障等方面；各级人民政府还应报告工作考核、社会评议和责任追究结果情况。",
        ],
        "proactive" | "requests" | "review_litigation" => {
            vec!["本部分以表格形式报告，表格前一般不写文字；如需说明，写在下面的 text 中。"]
        }
        "problems" => vec!["上一年度报告所列问题的改进情况，本年度存在的主要问题和改进措施。"],
        "other_matters" if format == FormatId::F2021 => vec![
            "收取信息处理费的情况在此报告（如“本年度未收取信息处理费”）；",
            "也可报告政务公开工作要点落实、人大代表建议和政协提案办理结果公开等情况。",
        ],
        "other_matters" => vec![
            "其他需要报告的事项，如收取信息处理费的情况、政务公开工作要点落实情况等。",
        ],
        _ => Vec::new(),
    }
}

fn table_toml(t: &'static TableDef, report: &Report, o: &mut String) {
    // A table without 表二's blocks gets one heading comment; 表二 one per block.
    if t.rows.iter().all(|r| r.block.is_none()) {
        o.push_str(&format!("\n# ---- {} {} ----\n", t.short, t.label));
    }
    let mut block: Option<&str> = None;
    for row in t.rows {
        if row.block.is_some() && row.block != block {
            block = row.block;
            o.push_str(&format!(
                "\n# ---- {} {} ----\n",
                t.short,
                row.block.unwrap_or("")
            ));
        }
        // The row's official label after the labels of the merged cells it sits under.
        let mut chain: Vec<&str> = Vec::new();
        let mut g = row.group;
        while let Some(k) = g {
            match t.groups.iter().find(|x| x.key == k) {
                Some(def) if chain.len() < t.groups.len() => {
                    chain.push(def.label);
                    g = def.parent;
                }
                _ => break,
            }
        }
        chain.reverse();
        chain.push(row.label);
        o.push_str(&format!("\n# {}\n", chain.join(" ")));
        o.push_str(&format!("[{}.{}]\n", t.key, row.key));
        let width = row.columns.iter().map(|c| c.len()).max().unwrap_or(0);
        for c in row.columns {
            let key = CellKey {
                table: t.key,
                row: row.key,
                column: c,
            };
            let (value, note) = cell_toml(report, &key);
            let label = t.column(c).map_or_else(String::new, column_label);
            let note = note.map_or_else(String::new, |n| format!("（{n}）"));
            o.push_str(&format!("{c:<width$} = {value:<6}  # {label}{note}\n"));
        }
    }
}

/// A column's label as the comment shows it: with its group, `法人或其他组织 商业企业`.
fn column_label(c: &ColumnDef) -> String {
    match c.group {
        Some(g) => format!("{g} {}", c.label),
        None => c.label.to_string(),
    }
}

fn cell_toml(report: &Report, key: &CellKey) -> (String, Option<&'static str>) {
    let Some(c) = report.cell(key) else {
        return ("\"\"".to_string(), Some("原文缺少此格"));
    };
    match (c.state, c.value) {
        (CellState::Number, Some(v)) if v.is_finite() => (format_value(v), None),
        (CellState::Inferred, Some(v)) if v.is_finite() => {
            (format_value(v), Some("原文未印出，按勾稽关系推算"))
        }
        (CellState::NotApplicable, _) => ("\"/\"".to_string(), None),
        (CellState::Blank, _) => ("\"\"".to_string(), None),
        _ => ("\"\"".to_string(), Some("原文缺少此格")),
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text = """` … `"""` with the paragraphs separated by blank lines. Backslashes and quotes are
/// escaped, so no run of quotes can end the string early.
fn multiline(paragraphs: &[String]) -> String {
    let mut o = String::from("text = \"\"\"\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            o.push('\n');
        }
        for c in one_line(p).chars() {
            match c {
                '"' => o.push_str("\\\""),
                '\\' => o.push_str("\\\\"),
                c => o.push(c),
            }
        }
        o.push('\n');
    }
    o.push_str("\"\"\"\n");
    o
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

// ---- reading ----------------------------------------------------------------------------------

/// One thing wrong in a draft: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column (in characters); 0 when the problem has no place.
    pub line: u32,
    pub column: u32,
    pub what: Message,
    pub fix: Message,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        let place = match (lang, self.line) {
            (_, 0) => String::new(),
            (Lang::Zh, l) => format!("第 {l} 行第 {} 列：", self.column),
            (Lang::En, l) => format!("line {l}, column {}: ", self.column),
        };
        let sep = match lang {
            Lang::Zh => "",
            Lang::En => "; ",
        };
        format!("{place}{}{sep}{}", self.what.get(lang), self.fix.get(lang))
    }
}

/// Why a draft cannot be read: every problem found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub problems: Vec<Problem>,
}

impl DraftError {
    /// One problem per line.
    pub fn message(&self, lang: Lang) -> String {
        self.problems
            .iter()
            .map(|p| p.message(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DraftError {}

/// Whether a text looks like a draft: it parses as TOML and has a `[report]` table. Used to tell
/// a draft from a JSON or text report before reading it.
pub fn looks_like_draft(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|t| t.get_ref().get("report").is_some())
}

/// Reads a draft.
pub fn read(text: &str) -> Result<Draft, DraftError> {
    let mut r = Reader {
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        problems: Vec::new(),
    };
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| r.pos(s.start));
            return Err(DraftError {
                problems: vec![Problem {
                    line,
                    column,
                    what: Message::new(
                        format!("TOML 语法错误：{}。", e.message().trim()),
                        format!("TOML syntax error: {}", e.message().trim()),
                    ),
                    fix: Message::new(
                        "请检查这一行的引号、等号和方括号（文字要写在引号里，正文写在 \"\"\" 之间）。",
                        "check the quotes, equals signs and brackets on this line (text goes in quotes, prose between \"\"\")",
                    ),
                }],
            });
        }
    };
    let draft = r.document(root.get_ref());
    match draft {
        Some(d) if r.problems.is_empty() => Ok(d),
        _ => {
            r.problems.sort_by_key(|p| (p.line, p.column));
            // A file that is wrong everywhere (not a draft at all) would bury the first, most
            // useful problems; say how many more there are instead.
            if r.problems.len() > MAX_PROBLEMS {
                let more = r.problems.len() - MAX_PROBLEMS;
                r.problems.truncate(MAX_PROBLEMS);
                r.problems.push(Problem {
                    line: 0,
                    column: 0,
                    what: Message::new(
                        format!("另有 {more} 处问题未列出。"),
                        format!("{more} more problems not listed"),
                    ),
                    fix: Message::new("请先改正上面的问题。", "fix the ones above first"),
                });
            }
            Err(DraftError {
                problems: r.problems,
            })
        }
    }
}

type Table<'i> = DeTable<'i>;
type Val<'i> = Spanned<DeValue<'i>>;

/// At most this many problems are listed.
const MAX_PROBLEMS: usize = 50;

struct Reader<'t> {
    text: &'t str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    /// 1-based line and character column of a byte offset.
    fn pos(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count()) as u32
            + 1;
        (line as u32, column)
    }

    fn source<T>(&self, v: &Spanned<T>) -> Source {
        let span = v.span();
        let (line, column) = self.pos(span.start);
        let len = self.text.get(span.clone()).map_or(0, |s| s.chars().count()) as u32;
        Source::Text {
            line,
            column,
            len,
            alone: false,
        }
    }

    fn problem<T>(&mut self, at: Option<&Spanned<T>>, what: Message, fix: Message) {
        let (line, column) = at.map_or((0, 0), |v| self.pos(v.span().start));
        self.problems.push(Problem {
            line,
            column,
            what,
            fix,
        });
    }

    /// Complains about keys of `table` that are not in `known`.
    fn unknown_keys(&mut self, table: &Table<'_>, known: &[&str], place: &str) {
        for (k, _) in table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                let name = k.get_ref().to_string();
                self.problem(
                    Some(k),
                    Message::new(
                        format!("{place}中没有「{name}」这一项。"),
                        format!("{place} has no entry “{name}”"),
                    ),
                    Message::new(
                        format!("可用的键：{}。请改正拼写，或删除这一行。", known.join("、")),
                        format!(
                            "the keys are: {}; fix the spelling or remove the line",
                            known.join(", ")
                        ),
                    ),
                );
            }
        }
    }

    fn document(&mut self, root: &Table<'_>) -> Option<Draft> {
        let Some(meta) = root.get("report") else {
            self.problem::<()>(
                None,
                Message::new("缺少 [report] 部分。", "the [report] table is missing"),
                Message::new(
                    "请用 gongkai new 生成填报文件，再在其中填写。",
                    "start from a file written by gongkai new",
                ),
            );
            return None;
        };
        let meta_t = self.table_of(meta, "[report]")?;
        let format = self.format(meta_t, meta)?;
        let def = formats::get(format);
        let mut report = Report::empty(format);
        self.meta(meta_t, &mut report);

        let mut known: Vec<&str> = vec!["report", "sections"];
        known.extend(def.tables.iter().map(|t| t.key));
        self.unknown_keys(root, &known, "文件");

        let mut narrative = Narrative::new();
        if let Some(sections) = root.get("sections") {
            if let Some(st) = self.table_of(sections, "[sections]") {
                let keys: Vec<&str> = def.sections.iter().map(|s| s.key).collect();
                self.unknown_keys(st, &keys, "[sections]");
                for s in def.sections {
                    let Some((k, v)) = st.get_key_value(s.key) else {
                        continue;
                    };
                    report.sections.push(Found {
                        key: s.key,
                        source: self.source(k),
                    });
                    let place = format!("[sections.{}]", s.key);
                    let Some(t) = self.table_of(v, &place) else {
                        continue;
                    };
                    self.unknown_keys(t, &["text"], &place);
                    match t.get("text") {
                        None => {}
                        Some(tv) => match tv.get_ref().as_str() {
                            Some(text) => narrative.set(s.key, paragraphs_of(text)),
                            None => self.problem(
                                Some(tv),
                                Message::new(
                                    format!("{place} 的 text 应为文字。"),
                                    format!("text of {place} must be text"),
                                ),
                                Message::new(
                                    "请把正文写在 \"\"\" 与 \"\"\" 之间。",
                                    "write the prose between \"\"\" and \"\"\"",
                                ),
                            ),
                        },
                    }
                }
            }
        }

        for t in def.tables {
            let Some(tv) = root.get(t.key) else {
                continue;
            };
            let place = format!("[{}.…]", t.key);
            let Some(tt) = self.table_of(tv, &place) else {
                continue;
            };
            let rows: Vec<&str> = t.rows.iter().map(|r| r.key).collect();
            self.unknown_keys(tt, &rows, &format!("{}（{}）", t.short, t.key));
            let mut first: Option<Source> = None;
            for row in t.rows {
                let Some((rk, rv)) = tt.get_key_value(row.key) else {
                    continue;
                };
                let row_source = self.source(rk);
                first = first.or(Some(row_source));
                let place = format!("[{}.{}]", t.key, row.key);
                let Some(rt) = self.table_of(rv, &place) else {
                    continue;
                };
                self.unknown_keys(rt, row.columns, &format!("{}「{}」", t.short, row.label));
                for c in row.columns {
                    let key = CellKey {
                        table: t.key,
                        row: row.key,
                        column: c,
                    };
                    let cell = match rt.get(*c) {
                        Some(v) => self.cell(key, t, row.label, v),
                        // A deleted line: the cell is missing; point at its row.
                        None => Some(Cell::missing(key, row_source)),
                    };
                    if let (Some(cell), Some(slot)) = (cell, report.cell_mut(&key)) {
                        *slot = cell;
                    }
                }
            }
            if let Some(source) = first {
                report.tables.push(Found { key: t.key, source });
            }
        }
        Some(Draft { report, narrative })
    }

    fn table_of<'a, 'i>(&mut self, v: &'a Val<'i>, place: &str) -> Option<&'a Table<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.problem(
                    Some(v),
                    Message::new(
                        format!("{place} 应为一个表（方括号标题下的若干行）。"),
                        format!("{place} must be a table"),
                    ),
                    Message::new(
                        "请按 gongkai new 生成的样子书写。",
                        "write it as gongkai new does",
                    ),
                );
                None
            }
        }
    }

    fn format(&mut self, meta: &Table<'_>, at: &Val<'_>) -> Option<FormatId> {
        let Some(v) = meta.get("format") else {
            self.problem(
                Some(at),
                Message::new("[report] 缺少 format。", "[report] has no format"),
                Message::new(
                    "请写 format = \"2021\"（2021年起的报告）或 format = \"2019\"（2019、2020年度报告）。",
                    "add format = \"2021\" (reports from 2021) or format = \"2019\" (2019 and 2020)",
                ),
            );
            return None;
        };
        let key = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Integer(i) => i.as_str().to_string(),
            _ => String::new(),
        };
        match FormatId::from_key(key.trim()) {
            Some(f @ (FormatId::F2019 | FormatId::F2021)) => Some(f),
            _ => {
                self.problem(
                    Some(v),
                    Message::new(
                        format!("format 为「{key}」，无法识别。"),
                        format!("format “{key}” is not one gongkai can fill in"),
                    ),
                    Message::new(
                        "请写 \"2021\" 或 \"2019\"；2019年以前的报告没有统一格式。",
                        "write \"2021\" or \"2019\"; reports before 2019 have no unified format",
                    ),
                );
                None
            }
        }
    }

    fn meta(&mut self, meta: &Table<'_>, report: &mut Report) {
        self.unknown_keys(
            meta,
            &["format", "year", "agency", "published_on"],
            "[report]",
        );
        if let Some(v) = meta.get("year") {
            let year = match v.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .and_then(|y| i32::try_from(y).ok())
                    .filter(|y| (1990..=2200).contains(y)),
                DeValue::String(s) if s.trim().is_empty() => None,
                DeValue::String(s) => s.trim().parse().ok().filter(|y| (1990..=2200).contains(y)),
                _ => None,
            };
            match (year, v.get_ref()) {
                (Some(y), _) => report.year = Located::new(y, self.source(v)),
                (None, DeValue::String(s)) if s.trim().is_empty() => {}
                _ => self.problem(
                    Some(v),
                    Message::new(
                        "year 应为报告年度，如 2025。",
                        "year must be the report year, e.g. 2025",
                    ),
                    Message::new("请填写四位数的年份。", "write a four-digit year"),
                ),
            }
        }
        if let Some(v) = meta.get("agency") {
            match v.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => {
                    report.agency = Located::new(s.trim().to_string(), self.source(v))
                }
                Some(_) => {}
                None => self.problem(
                    Some(v),
                    Message::new("agency 应为机关名称。", "agency must be the agency's name"),
                    Message::new(
                        "请把名称写在引号里，如 agency = \"某某市某某局\"。",
                        "write the name in quotes, e.g. agency = \"某某市某某局\"",
                    ),
                ),
            }
        }
        if let Some(v) = meta.get("published_on") {
            let date = match v.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => Ok(None),
                DeValue::String(s) => parse_date(s.trim()).map(Some).ok_or(()),
                DeValue::Datetime(d) => d
                    .date
                    .and_then(|d| {
                        Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    })
                    .map(Some)
                    .ok_or(()),
                _ => Err(()),
            };
            match date {
                Ok(Some(d)) => report.published_on = Located::new(d, self.source(v)),
                Ok(None) => {}
                Err(()) => self.problem(
                    Some(v),
                    Message::new(
                        "published_on 不是有效日期。",
                        "published_on is not a valid date",
                    ),
                    Message::new(
                        "请写成 \"2026-01-20\" 的样子，或留空 \"\"。",
                        "write it as \"2026-01-20\", or leave it \"\"",
                    ),
                ),
            }
        }
    }

    /// One cell from its TOML value.
    fn cell(&mut self, key: CellKey, t: &TableDef, row_label: &str, v: &Val<'_>) -> Option<Cell> {
        let column = t.column(key.column);
        let kind = column.map_or(ValueKind::Count, |c| c.kind);
        let col_label = column.map_or_else(String::new, column_label);
        let here = format!("{}「{row_label}」「{col_label}」", t.short);
        let here_en = format!("{}.{}.{}", key.table, key.row, key.column);
        let fix = Message::new(
            "请填写数字，或 \"\"（留空）、\"/\"（不适用）。",
            "write a number, \"\" (blank) or \"/\" (not applicable)",
        );
        let parsed: Result<(CellState, Option<f64>), String> = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(|n| (CellState::Number, Some(n as f64)))
                .map_err(|_| i.as_str().to_string()),
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(|x| (CellState::Number, Some(x)))
                .ok_or_else(|| f.as_str().to_string()),
            DeValue::String(s) => string_value(s).ok_or_else(|| s.to_string()),
            DeValue::Boolean(b) => Err(b.to_string()),
            DeValue::Datetime(d) => Err(d.to_string()),
            DeValue::Array(_) => Err("[…]".to_string()),
            DeValue::Table(_) => Err("{…}".to_string()),
        };
        let (state, value) = match parsed {
            Ok(x) => x,
            Err(raw) => {
                self.problem(
                    Some(v),
                    Message::new(
                        format!("{here}的值「{raw}」无法识别。"),
                        format!("the value “{raw}” of {here_en} is not a cell value"),
                    ),
                    fix,
                );
                return None;
            }
        };
        if let Some(x) = value {
            let bad = match kind {
                ValueKind::Count => (x < 0.0 || x.fract() != 0.0).then(|| {
                    Message::new(
                        format!(
                            "{here}是件数，应为不小于 0 的整数，现为 {}。",
                            format_value(x)
                        ),
                        format!(
                            "{here_en} is a count: a whole number, 0 or more, not {}",
                            format_value(x)
                        ),
                    )
                }),
                ValueKind::Change => (x.fract() != 0.0).then(|| {
                    Message::new(
                        format!("{here}应为整数（减少填负数），现为 {}。", format_value(x)),
                        format!(
                            "{here_en} must be a whole number (negative for a decrease), not {}",
                            format_value(x)
                        ),
                    )
                }),
                ValueKind::Amount => (x < 0.0).then(|| {
                    Message::new(
                        format!(
                            "{here}是金额（万元），不能为负数，现为 {}。",
                            format_value(x)
                        ),
                        format!(
                            "{here_en} is an amount (万元) and cannot be negative: {}",
                            format_value(x)
                        ),
                    )
                }),
            };
            if let Some(what) = bad {
                self.problem(Some(v), what, fix);
                return None;
            }
        }
        let text = match state {
            CellState::Number => value.map_or_else(String::new, format_value),
            CellState::NotApplicable => v.get_ref().as_str().unwrap_or("/").trim().to_string(),
            _ => String::new(),
        };
        Some(Cell {
            table: key.table,
            row: key.row,
            column: key.column,
            value,
            state,
            text: text.into(),
            source: self.source(v),
            inferred_by: None,
        })
    }
}

/// A cell typed as a string: blank, a not-applicable mark, or a number typed in quotes
/// (full-width digits and thousands separators allowed). `None` if it is none of these.
fn string_value(s: &str) -> Option<(CellState, Option<f64>)> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return Some((CellState::Blank, None));
    }
    if matches!(
        t,
        "/" | "／" | "—" | "——" | "-" | "－" | "无" | "不适用" | "N/A" | "n/a"
    ) {
        return Some((CellState::NotApplicable, None));
    }
    let folded: String = t
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            '．' => Some('.'),
            '－' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '_' => None,
            c => Some(c),
        })
        .collect();
    let digits = folded.trim_start_matches(['+', '-']);
    let ok = !digits.is_empty()
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && folded.len() - digits.len() <= 1;
    if !ok {
        return None;
    }
    folded
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| (CellState::Number, Some(x)))
}

fn parse_date(s: &str) -> Option<Date> {
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Date::new(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_in_cells() {
        assert_eq!(string_value(""), Some((CellState::Blank, None)));
        assert_eq!(string_value(" / "), Some((CellState::NotApplicable, None)));
        assert_eq!(string_value("12"), Some((CellState::Number, Some(12.0))));
        assert_eq!(string_value("１２"), Some((CellState::Number, Some(12.0))));
        assert_eq!(
            string_value("1,200"),
            Some((CellState::Number, Some(1200.0)))
        );
        assert_eq!(string_value("-7"), Some((CellState::Number, Some(-7.0))));
        assert_eq!(string_value("1.5"), Some((CellState::Number, Some(1.5))));
        assert_eq!(string_value("1.5万元"), None);
        assert_eq!(string_value("abc"), None);
        assert_eq!(string_value("--5"), None);
        assert_eq!(string_value("."), None);
    }

    #[test]
    fn quote_escapes() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
