//! The 附表 of a pre-2019 report (政府信息公开情况统计表: 指标名称 / 计量单位 / 本年度 / 历年累计)
//! → cells of the `legacy` table (KEYS.md), `year` and, where printed, `cumulative`.
//!
//! A 附表 comes in the layouts the rest of the reader knows — one cell per line, `|` rows, tab
//! rows (which is also what HTML and DOCX tables become), space-aligned columns — so it is read
//! from the lines of the text: first its header (the words are data: the `legacy` table's column
//! labels and [`APPENDIX_HEADERS`]), which says what each column holds, then one row per
//! indicator until the prose resumes. Each cell of a row fills the next column the header
//! names, so a row printed with fewer cells (space-aligned, blanks dropped; one cell per line)
//! is read in the header's order.
//!
//! Rows are mapped to `legacy` rows by their label, as the format data words it (numbering,
//! quotes, explanations in brackets and a trailing 数/数量 set aside). An indicator the format
//! does not have — or a second row of a row already filled — is kept under `extra.<n>`
//! (numbered in print order), with its printed label in the cell's text (`网站专栏页面访问量：
//! 1200人次`). Money is converted to 万元 (KEYS.md), the printed text kept. A row whose label
//! comes with no unit and no value is a group heading (`一、主动公开情况`) and has no cells.

use gongkai_model::formats::legacy::{
    extra_row, AppendixHeader, APPENDIX_HEADERS, APPENDIX_TITLES,
};
use gongkai_model::{formats, Cell, CellState, FormatId, Found, Report, Source};

use crate::document::Document;
use crate::normalize::norm_core;
use crate::prose::numbers::unit_at;
use crate::value::{parse_token, Printed, Unit};

/// The table the 附表 fills.
const TABLE: &str = "legacy";

/// A text piece longer than this (in characters) is prose: the table has ended.
const MAX_LABEL_CHARS: usize = 48;

/// How many lines after a name header its other header cells may follow (one per line).
const HEADER_LINES: usize = 12;

/// What a column of a 附表 holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Unit,
    Code,
    /// A value column: the `legacy` column it fills, or `None` for one the table does not keep.
    Value(Option<&'static str>),
}

/// One printed cell of the text: trimmed, with its place.
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    text: &'a str,
    line: u32,
    /// Byte offset of `text` in its line.
    start: usize,
}

/// One row of a 附表 as printed.
#[derive(Debug, Clone, Default)]
struct Row<'a> {
    label: String,
    label_at: Option<Piece<'a>>,
    unit: Option<Piece<'a>>,
    /// The value cells read so far, by value column (in the header's order); `None` text for a
    /// cell printed empty.
    values: Vec<(Option<&'static str>, Option<Piece<'a>>)>,
    /// The next role of the header to fill.
    next: usize,
}

impl Row<'_> {
    fn printed_anything(&self) -> bool {
        self.unit.is_some() || self.values.iter().any(|(_, p)| p.is_some())
    }
}

/// A 附表 as read: where it is and its rows.
#[derive(Debug, Clone)]
pub struct Appendix<'a> {
    /// The header's first line.
    pub first_line: u32,
    /// The last line of its last row.
    pub last_line: u32,
    header: Source,
    roles: Vec<Role>,
    rows: Vec<Row<'a>>,
}

/// The 附表 of `doc` (none, one or several), skipping the lines `skip` says are chrome.
pub fn read<'a>(doc: &'a Document, skip: &dyn Fn(u32) -> bool) -> Vec<Appendix<'a>> {
    let lines: Vec<(u32, &str)> = doc
        .lines()
        .filter(|(no, l)| !l.trim().is_empty() && !skip(*no))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match header_at(doc, &lines, i) {
            Some((roles, header, body)) => {
                let (appendix, next) = body_from(&lines, body, roles, header, lines[i].0);
                if !appendix.rows.is_empty() {
                    out.push(appendix);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Fills the `legacy` table of `report` from the 附表 `appendices`: the rows they print, and
/// the table as found. Cells already there are kept (there are none before this runs).
pub fn fill(report: &mut Report, appendices: &[Appendix<'_>], doc: &Document) {
    let Some(table) = formats::get(FormatId::Legacy).table(TABLE) else {
        return;
    };
    let mut cells = report.cells.clone();
    let mut extras = 0usize;
    for a in appendices {
        let mut any = false;
        for row in &a.rows {
            if !row.printed_anything() {
                continue;
            }
            let mapped = row_key(&row.label).filter(|k| !cells.iter().any(|c| c.row == *k));
            let (key, extra) = match mapped {
                Some(k) => (k, false),
                None => {
                    extras += 1;
                    match extra_row(extras) {
                        Some(k) => (k, true),
                        None => continue,
                    }
                }
            };
            let unit_text = row.unit.map_or("", |p| p.text);
            let label_source = row.label_at.map_or(Source::None, |p| source(doc, &p));
            for (column, piece) in &row.values {
                let Some(column) = column.and_then(|c| table.columns.iter().find(|x| x.key == c))
                else {
                    continue;
                };
                let (state, value, printed, at) = match piece {
                    None => (CellState::Blank, None, String::new(), label_source),
                    Some(p) => {
                        let (state, value) = value_of(p.text, unit_text);
                        let printed = if unit_in(p.text) || state != CellState::Number {
                            p.text.to_string()
                        } else {
                            format!("{}{unit_text}", p.text)
                        };
                        (state, value, printed, source(doc, p))
                    }
                };
                // Blank cells of an empty row slot point at the row's label.
                let at = if piece.is_none() { label_source } else { at };
                let text = if extra {
                    format!("{}：{printed}", row.label)
                } else {
                    printed
                };
                cells.push(Cell {
                    table: table.key,
                    row: key,
                    column: column.key,
                    value,
                    state,
                    text: text.into(),
                    source: at,
                    inferred_by: None,
                });
                any = true;
            }
            // The header has a value column this row printed nothing for (a short row).
            for role in &a.roles {
                let Role::Value(Some(c)) = role else { continue };
                if row.values.iter().any(|(k, _)| k == &Some(*c)) {
                    continue;
                }
                if let Some(column) = table.columns.iter().find(|x| x.key == *c) {
                    cells.push(Cell {
                        text: if extra {
                            format!("{}：", row.label).into()
                        } else {
                            Default::default()
                        },
                        ..Cell::missing(
                            gongkai_model::CellKey {
                                table: table.key,
                                row: key,
                                column: column.key,
                            },
                            label_source,
                        )
                    });
                }
            }
        }
        if any && !report.tables.iter().any(|t| t.key == table.key) {
            report.tables.push(Found {
                key: table.key,
                source: a.header,
            });
        }
    }
    report.replace_cells(cells);
}

/// The `legacy` row a printed label names, if the format has it.
pub fn row_key(label: &str) -> Option<&'static str> {
    let want = match_form(label);
    if want.is_empty() {
        return None;
    }
    let table = formats::get(FormatId::Legacy).table(TABLE)?;
    table
        .rows
        .iter()
        .find(|r| {
            std::iter::once(r.label)
                .chain(r.aliases.iter().copied())
                .any(|l| match_form(l) == want)
        })
        .map(|r| r.key)
}

/// The form labels are compared in: [`norm_core`] (numbering, brackets, quotes, white space
/// gone), then a leading 其中 and a trailing 数量 / 数 dropped.
fn match_form(label: &str) -> String {
    let folded = crate::normalize::fold(label);
    let t = folded.trim_start();
    let t = t
        .strip_prefix("其中")
        .map_or(t, |r| r.trim_start_matches([':', ' ']));
    let n = norm_core(t);
    let n = n.strip_prefix("其中").unwrap_or(&n);
    let n = n
        .strip_suffix("数量")
        .or_else(|| n.strip_suffix('数'))
        .unwrap_or(n);
    n.to_string()
}

/// The state and value (in the row's unit; money in 万元) of a printed value cell.
fn value_of(text: &str, unit_text: &str) -> (CellState, Option<f64>) {
    match parse_token(text) {
        Some(Printed::Number { value, unit, .. }) => {
            let factor = match unit {
                Unit::Yuan => 1e-4,
                Unit::WanYuan => 1.0,
                _ => money_factor(unit_text).unwrap_or(1.0),
            };
            let v = value * factor;
            // 251000元 → 25.1万元 exactly as printed, not 25.100000000000001.
            let v = if factor != 1.0 {
                (v * 1e8).round() / 1e8
            } else {
                v
            };
            (CellState::Number, Some(v))
        }
        Some(Printed::NotApplicable) => (CellState::NotApplicable, None),
        // `缺`, or words where a value should be: the cell is there, its value is not.
        Some(Printed::Missing) | None => (CellState::Missing, None),
    }
}

/// The factor to 万元 of a money unit cell.
fn money_factor(unit_text: &str) -> Option<f64> {
    let compact: String = unit_text.chars().filter(|c| !c.is_whitespace()).collect();
    match unit_at(&compact, 0) {
        Some((u, end)) if end == compact.len() => u.to_wanyuan(),
        _ => None,
    }
}

/// Whether a value cell carries its own unit (`251000元`).
fn unit_in(text: &str) -> bool {
    matches!(
        parse_token(text),
        Some(Printed::Number {
            unit: Unit::Yuan | Unit::WanYuan | Unit::Count,
            ..
        })
    )
}

fn source(doc: &Document, p: &Piece<'_>) -> Source {
    doc.source(p.line, p.start, p.text.len())
}

// ---------------------------------------------------------------------------------------------
// Lines → pieces

/// The cells of one line: tab- or `|`-separated, or space-aligned (two or more spaces, or an
/// ideographic space); the outer empty cells of `|a|b|` dropped.
fn pieces(no: u32, line: &str) -> Vec<Piece<'_>> {
    let mut raw: Vec<(usize, &str)> = Vec::new();
    let sep: Option<&[char]> = if line.contains('\t') {
        Some(&['\t'])
    } else if line.contains(['|', '｜']) {
        Some(&['|', '｜'])
    } else {
        None
    };
    match sep {
        Some(sep) => {
            let mut start = 0;
            for (i, c) in line.char_indices() {
                if sep.contains(&c) {
                    raw.push((start, &line[start..i]));
                    start = i + c.len_utf8();
                }
            }
            raw.push((start, &line[start..]));
            let t = line.trim();
            if t.starts_with(['|', '｜']) && raw.first().is_some_and(|(_, s)| s.trim().is_empty())
            {
                raw.remove(0);
            }
            if t.ends_with(['|', '｜']) && raw.last().is_some_and(|(_, s)| s.trim().is_empty()) {
                raw.pop();
            }
        }
        None => raw = split_wide(line),
    }
    raw.into_iter()
        .map(|(off, s)| {
            let lead = s.len() - s.trim_start().len();
            Piece {
                text: s.trim(),
                line: no,
                start: off + lead,
            }
        })
        .collect()
}

/// Splits on runs of white space at least two wide (an ideographic space counts two).
fn split_wide(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut gap: Option<(usize, usize)> = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            let w = if c == '\u{3000}' { 2 } else { 1 };
            gap = Some(gap.map_or((i, w), |(s, n)| (s, n + w)));
        } else if let Some((gs, width)) = gap.take() {
            if width >= 2 && gs > start {
                out.push((start, &line[start..gs]));
                start = i;
            }
        }
    }
    out.push((start, &line[start..]));
    out
}

/// A piece with white space removed (`指 标 名 称` → `指标名称`).
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(crate::normalize::fold_char)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The header

/// What a header cell names, if it is one.
fn header_word(text: &str) -> Option<Header> {
    let c = compact(text);
    if c.is_empty() {
        return None;
    }
    if let Some((_, h)) = APPENDIX_HEADERS.iter().find(|(w, _)| *w == c) {
        return Some(match h {
            AppendixHeader::Name => Header::Name,
            AppendixHeader::Unit => Header::Role(Role::Unit),
            AppendixHeader::Code => Header::Role(Role::Code),
            AppendixHeader::Ignored => Header::Role(Role::Value(None)),
        });
    }
    let table = formats::get(FormatId::Legacy).table(TABLE)?;
    if let Some(col) = table
        .columns
        .iter()
        .find(|col| col.label == c || col.aliases.contains(&c.as_str()))
    {
        return Some(Header::Role(Role::Value(Some(col.key))));
    }
    // A year as the column header (`2017年`, `2017年度`).
    let digits = c.trim_end_matches('度').strip_suffix('年')?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(Header::Year)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    Name,
    Role(Role),
    /// A year printed as a column header: the first is 本年度, later ones are other years.
    Year,
}

/// If a header starts at line `i` (a name header cell), its roles, its place, and the index of
/// the first body line.
fn header_at(
    doc: &Document,
    lines: &[(u32, &str)],
    i: usize,
) -> Option<(Vec<Role>, Source, usize)> {
    let (no, line) = *lines.get(i)?;
    let ps = pieces(no, line);
    let name = ps
        .iter()
        .position(|p| header_word(p.text) == Some(Header::Name))?;
    let mut roles = Vec::new();
    let push = |h: Header, roles: &mut Vec<Role>| match h {
        Header::Role(r) => roles.push(r),
        Header::Year => {
            let first = !roles.iter().any(|r| matches!(r, Role::Value(Some("year"))));
            roles.push(Role::Value(first.then_some("year")));
        }
        Header::Name => {}
    };
    for p in ps.iter().skip(name + 1) {
        if let Some(h) = header_word(p.text) {
            push(h, &mut roles);
        }
    }
    let mut next = i + 1;
    if ps.len() == 1 {
        // One header cell per line (a cell may wrap: `计量` / `单位`).
        let mut pending = String::new();
        while let Some((n, l)) = lines.get(next) {
            if next > i + HEADER_LINES {
                break;
            }
            let here = pieces(*n, l);
            let [p] = here.as_slice() else { break };
            match header_word(p.text) {
                Some(h) => {
                    push(h, &mut roles);
                    pending.clear();
                }
                None => {
                    let joined = format!("{pending}{}", p.text);
                    match header_word(&joined) {
                        Some(h) if !pending.is_empty() => {
                            push(h, &mut roles);
                            pending.clear();
                        }
                        _ if pending.is_empty() && compact(p.text).chars().count() <= 4 => {
                            pending = compact(p.text)
                        }
                        _ => break,
                    }
                }
            }
            next += 1;
        }
        // What did not join is the first row's label.
        if !pending.is_empty() {
            next -= 1;
        }
    }
    if !roles.contains(&Role::Value(Some("year"))) {
        return None;
    }
    // The column-number line of statistical forms (`甲 乙 丙 1 2`).
    while let Some((n, l)) = lines.get(next) {
        let here = pieces(*n, l);
        let filler = !here.is_empty()
            && here.iter().all(|p| {
                let c = compact(p.text);
                matches!(c.as_str(), "甲" | "乙" | "丙" | "丁" | "戊")
                    || (c.len() == 1 && c.bytes().all(|b| b.is_ascii_digit()))
            });
        let starts = here
            .first()
            .is_some_and(|p| compact(p.text) == "甲" || here.len() > 1);
        if filler && (starts || next > i + 1) {
            next += 1;
        } else {
            break;
        }
    }
    let header = doc.source(no, ps[name].start, ps[name].text.len());
    Some((roles, header, next))
}

// ---------------------------------------------------------------------------------------------
// The body

/// What a piece is, for filling a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    Value,
    Unit,
    /// Digits that may be a row code (`01`).
    CodeLike,
    Text,
}

fn kind(text: &str) -> Kind {
    if text.is_empty() {
        return Kind::Empty;
    }
    let c = compact(text);
    if c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit()) && c.starts_with('0') && c.len() > 1 {
        return Kind::CodeLike;
    }
    if parse_token(text).is_some() {
        return Kind::Value;
    }
    if c.chars().count() <= 5 && matches!(unit_at(&c, 0), Some((_, end)) if end == c.len()) {
        return Kind::Unit;
    }
    Kind::Text
}

/// Whether a text piece is prose (or a note, or a signature's date), not a row label.
fn ends_table(text: &str) -> bool {
    let c = compact(text);
    c.chars().count() > MAX_LABEL_CHARS
        || c.contains('。')
        || c.starts_with("注:")
        || c.starts_with("注：")
        || c.starts_with("说明:")
        || c.starts_with("说明：")
        || c.starts_with("附表")
        || APPENDIX_TITLES.iter().any(|t| c.contains(t))
}

impl<'a> Row<'a> {
    fn new(label: Piece<'a>) -> Row<'a> {
        Row {
            label: label.text.to_string(),
            label_at: Some(label),
            ..Row::default()
        }
    }

    /// Fills the next role with `p`, skipping roles `p` cannot be (a unit not printed, a code
    /// column absent). False when `p` fits no remaining role.
    fn take(&mut self, roles: &[Role], p: Piece<'a>, positional: bool) -> bool {
        let k = kind(p.text);
        while let Some(role) = roles.get(self.next) {
            self.next += 1;
            match (role, k) {
                (Role::Unit, Kind::Unit) => {
                    self.unit = Some(p);
                    return true;
                }
                (Role::Code, Kind::CodeLike | Kind::Value) => return true,
                (Role::Value(c), Kind::Value) => {
                    self.values.push((*c, Some(p)));
                    return true;
                }
                (_, Kind::Empty) if positional => {
                    if let Role::Value(c) = role {
                        self.values.push((*c, None));
                    }
                    return true;
                }
                // Words in a value cell (`暂无统计`): the cell is there, its value is not.
                (Role::Value(c), Kind::Text | Kind::CodeLike) if positional => {
                    self.values.push((*c, Some(p)));
                    return true;
                }
                (Role::Unit | Role::Code, _) => continue,
                (Role::Value(_), _) if positional => return true,
                (Role::Value(_), _) => {
                    self.next -= 1;
                    return false;
                }
            }
        }
        false
    }
}

/// Reads rows from line `start` on, until the prose resumes; returns the 附表 and the index of
/// the line after it.
fn body_from<'a>(
    lines: &[(u32, &'a str)],
    start: usize,
    roles: Vec<Role>,
    header: Source,
    header_line: u32,
) -> (Appendix<'a>, usize) {
    let mut rows: Vec<Row<'a>> = Vec::new();
    let mut pending: Option<Row<'a>> = None;
    let mut last_line = header_line;
    let mut i = start;
    let finish = |row: Option<Row<'a>>, rows: &mut Vec<Row<'a>>| {
        if let Some(r) = row.filter(Row::printed_anything) {
            rows.push(r);
        }
    };
    while let Some(&(no, line)) = lines.get(i) {
        let mut ps = pieces(no, line);
        if ps.len() == 1 {
            ps = split_words(ps[0]);
        }
        let non_empty: Vec<&Piece<'a>> = ps.iter().filter(|p| !p.text.is_empty()).collect();
        let Some(first) = non_empty.first() else {
            i += 1;
            continue;
        };
        if non_empty.len() == 1 {
            // One cell on its own line.
            let p = **first;
            match kind(p.text) {
                Kind::Text => {
                    if ends_table(p.text) || header_word(p.text) == Some(Header::Name) {
                        break;
                    }
                    match pending.as_mut() {
                        // A label with nothing after it yet: a group heading, or a label
                        // wrapped over two lines.
                        Some(row) if !row.printed_anything() => {
                            let joined = format!("{}{}", row.label, p.text);
                            if row_key(&row.label).is_none() && row_key(&joined).is_some() {
                                row.label = joined;
                            } else {
                                pending = Some(Row::new(p));
                            }
                        }
                        _ => {
                            finish(pending.take(), &mut rows);
                            pending = Some(Row::new(p));
                        }
                    }
                }
                _ => {
                    if let Some(row) = pending.as_mut() {
                        if row.take(&roles, p, false) {
                            last_line = no;
                        }
                    }
                }
            }
            i += 1;
            continue;
        }
        // A row on one line.
        finish(pending.take(), &mut rows);
        let Some(li) = ps.iter().position(|p| kind(p.text) == Kind::Text) else {
            // Values with no label: not a row of this table.
            i += 1;
            continue;
        };
        if ends_table(ps[li].text) {
            break;
        }
        if header_word(ps[li].text) == Some(Header::Name) {
            // The header printed again (a table continued on a new page).
            i += 1;
            continue;
        }
        // A merged group label printed before the row's own label.
        let mut li = li;
        while ps
            .get(li + 1)
            .is_some_and(|p| kind(p.text) == Kind::Text && !ends_table(p.text))
            && ps.len() - li - 1 > roles.len()
        {
            li += 1;
        }
        let mut row = Row::new(ps[li]);
        let rest = &ps[li + 1..];
        let positional = rest.len() == roles.len();
        for p in rest {
            if !positional && p.text.is_empty() {
                continue;
            }
            if !row.take(&roles, *p, positional) {
                break;
            }
        }
        if row.printed_anything() {
            last_line = no;
        }
        finish(Some(row), &mut rows);
        i += 1;
    }
    finish(pending.take(), &mut rows);
    (
        Appendix {
            first_line: header_line,
            last_line,
            header,
            roles,
            rows,
        },
        i,
    )
}

/// A single cell that is a label followed by its unit and values, separated by single spaces
/// (`主动公开信息数 条 734 5210`), as several pieces; otherwise the piece itself.
fn split_words(p: Piece<'_>) -> Vec<Piece<'_>> {
    let words: Vec<(usize, &str)> = p
        .text
        .split_whitespace()
        .map(|w| {
            let off = crate::scan::offset_in(p.text, w).unwrap_or(0);
            (off, w)
        })
        .collect();
    let Some(first_value) = words
        .iter()
        .position(|(_, w)| matches!(kind(w), Kind::Value | Kind::Unit))
    else {
        return vec![p];
    };
    if first_value == 0
        || words[first_value..]
            .iter()
            .any(|(_, w)| matches!(kind(w), Kind::Text))
    {
        return vec![p];
    }
    let label_end = words
        .get(first_value - 1)
        .map_or(0, |(off, w)| off + w.len());
    let mut out = vec![Piece {
        text: &p.text[..label_end],
        ..p
    }];
    out.extend(words[first_value..].iter().map(|(off, w)| Piece {
        text: w,
        line: p.line,
        start: p.start + off,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_by_their_wording() {
        assert_eq!(row_key("主动公开信息数"), Some("proactive_total"));
        assert_eq!(row_key("其中：1.当面申请数"), Some("requests_in_person"));
        assert_eq!(row_key("（2）“信息不存在”数"), Some("replies_not_held"));
        assert_eq!(row_key("3.否决公开答复总数"), Some("replies_refused"));
        assert_eq!(row_key("四、行政复议数量"), Some("reviews"));
        assert_eq!(row_key("网站专栏页面访问量"), None);
        assert_eq!(row_key(""), None);
    }

    #[test]
    fn header_words() {
        assert_eq!(header_word("指 标 名 称"), Some(Header::Name));
        assert_eq!(
            header_word("历年累计"),
            Some(Header::Role(Role::Value(Some("cumulative"))))
        );
        assert_eq!(
            header_word("本年累计"),
            Some(Header::Role(Role::Value(None)))
        );
        assert_eq!(header_word("2017年"), Some(Header::Year));
        assert_eq!(header_word("主动公开信息数"), None);
    }

    #[test]
    fn money_is_converted() {
        assert_eq!(value_of("251000", "元"), (CellState::Number, Some(25.1)));
        assert_eq!(value_of("1.5", "万元"), (CellState::Number, Some(1.5)));
        assert_eq!(value_of("300元", ""), (CellState::Number, Some(0.03)));
        assert_eq!(value_of("12", "条"), (CellState::Number, Some(12.0)));
        assert_eq!(value_of("/", "条"), (CellState::NotApplicable, None));
    }
}
