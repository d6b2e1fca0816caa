//! A DOCX writer for tests: a generated report as a Word document whose tables are drawn as the
//! official formats draw them (real `w:tbl`s, merged header and row-label cells with
//! `w:gridSpan` and `w:vMerge`), straight from the format data in `gongkai_model::formats`,
//! with the grid position of every value written, to check the reader's sources against.
//!
//! The writer also dresses the XML as Word and WPS do, chosen by a seed: values split over
//! runs, wrapped in `w:ins` or `w:sdt`, preceded by deleted text (`w:delText`), section
//! headings numbered automatically (`word/numbering.xml`) instead of typed.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::Write as _;

use gongkai_model::format::{ColumnDef, GroupDef, TableDef, TableLayout};
use gongkai_model::{CellKey, Report};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A written DOCX and where each value went: (table, row, grid cell), all 1-based.
pub struct Docx {
    pub bytes: Vec<u8>,
    pub document_xml: String,
    pub cells: HashMap<CellKey, (u32, u32, u32)>,
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `word/document.xml` around a body.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// A package of parts (the content types and the package relationship are added).
pub fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut all: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
    ];
    all.extend_from_slice(parts);
    for (name, data) in all {
        z.start_file(name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A DOCX of one `document.xml` (and an optional numbering part).
pub fn docx(document_xml: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document_xml.as_bytes())];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    package(&parts)
}

/// Section headings numbered 一、二、… by Word.
pub const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// A tiny deterministic generator for the dressing (the values come from the report).
pub struct Dress(u64);

impl Dress {
    pub fn new(seed: u64) -> Dress {
        Dress(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A paragraph of plain runs; `\n` is a line break.
pub fn p(text: &str) -> String {
    let runs: Vec<String> = text
        .split('\n')
        .map(|l| format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, esc(l)))
        .collect();
    format!("<w:p>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

/// A value's paragraph, dressed: plain, split over two runs, inserted as a tracked change,
/// after a tracked deletion, or in a content control.
fn value_p(text: &str, d: &mut Dress) -> String {
    let run = |t: &str| {
        format!(
            r#"<w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t>{}</w:t></w:r>"#,
            esc(t)
        )
    };
    let body = match d.below(6) {
        1 if text.chars().count() > 1 => {
            let cut = text.char_indices().nth(1).map_or(text.len(), |(i, _)| i);
            format!("{}{}", run(&text[..cut]), run(&text[cut..]))
        }
        2 => format!(
            r#"<w:ins w:id="{}" w:author="x">{}</w:ins>"#,
            d.below(1000),
            run(text)
        ),
        3 => format!(
            r#"<w:del w:id="{}" w:author="x"><w:r><w:delText>{}</w:delText></w:r></w:del>{}"#,
            d.below(1000),
            d.below(1000),
            run(text)
        ),
        4 => format!(
            r#"<w:sdt><w:sdtPr><w:tag w:val="v"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            run(text)
        ),
        _ => run(text),
    };
    format!(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{body}</w:p>"#)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// A cell to write: its text (each `\n` starts a new paragraph, as Word users break headers),
/// its span, its vertical merge, and the value it holds if any.
struct C {
    text: String,
    span: u32,
    merge: Merge,
    value: Option<CellKey>,
}

fn c(text: &str, span: u32, merge: Merge) -> C {
    C {
        text: text.to_string(),
        span,
        merge,
        value: None,
    }
}

struct TableOut<'a> {
    number: u32,
    width: u32,
    rows: Vec<Vec<C>>,
    report: &'a Report,
}

impl TableOut<'_> {
    fn value(&self, key: CellKey, span: u32) -> C {
        let text = self
            .report
            .cell(&key)
            .map(|c| c.text.to_string())
            .unwrap_or_default();
        C {
            text,
            span,
            merge: Merge::None,
            value: Some(key),
        }
    }

    fn xml(&self, d: &mut Dress, cells: &mut HashMap<CellKey, (u32, u32, u32)>) -> String {
        let mut s = String::from(
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
        );
        for _ in 0..self.width {
            s.push_str(r#"<w:gridCol w:w="600"/>"#);
        }
        s.push_str("</w:tblGrid>");
        for (r, row) in self.rows.iter().enumerate() {
            s.push_str(r#"<w:tr><w:trPr><w:trHeight w:val="400"/><w:jc w:val="center"/></w:trPr>"#);
            let mut col = 1;
            for cell in row {
                s.push_str("<w:tc><w:tcPr>");
                s.push_str(&format!(
                    r#"<w:tcW w:w="{}" w:type="dxa"/>"#,
                    600 * cell.span
                ));
                if cell.span > 1 {
                    s.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
                }
                match cell.merge {
                    Merge::Restart => s.push_str(r#"<w:vMerge w:val="restart"/>"#),
                    // Word writes a continuation with no value; LibreOffice writes "continue".
                    Merge::Continue if d.below(2) == 0 => s.push_str("<w:vMerge/>"),
                    Merge::Continue => s.push_str(r#"<w:vMerge w:val="continue"/>"#),
                    Merge::None => {}
                }
                s.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
                match cell.value {
                    Some(key) => {
                        s.push_str(&value_p(&cell.text, d));
                        cells.insert(key, (self.number, r as u32 + 1, col));
                    }
                    None if cell.text.is_empty() || cell.merge == Merge::Continue => {
                        s.push_str("<w:p/>")
                    }
                    None => {
                        for para in cell.text.split('\n') {
                            s.push_str(&p(para));
                        }
                    }
                }
                s.push_str("</w:tc>");
                col += cell.span;
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        s
    }
}

/// A header label broken over two paragraphs, as the template breaks 商业\n企业 and 结果\n纠正.
fn broken(label: &str) -> String {
    let n = label.chars().count();
    if (4..=6).contains(&n) {
        let half = label.char_indices().nth(n / 2).map_or(0, |(i, _)| i);
        format!("{}\n{}", &label[..half], &label[half..])
    } else {
        label.to_string()
    }
}

fn column_label(t: &TableDef, key: &str) -> String {
    t.column(key)
        .map_or_else(String::new, |c| c.label.to_string())
}

/// 表二: for each block of rows, a block heading across the table, a header row (信息内容 and
/// the block's columns, the last spanning what is left), then the rows.
fn blocks(t: &'static TableDef, out: &mut TableOut) {
    let width = 1 + t.rows.iter().map(|r| r.columns.len()).max().unwrap_or(0) as u32;
    out.width = width;
    let is_block = |h: &str| t.rows.iter().any(|r| r.block == Some(h));
    let corner = t
        .headers
        .iter()
        .find(|h| !is_block(h))
        .copied()
        .unwrap_or("");
    let mut current = None;
    for row in t.rows {
        let n = row.columns.len() as u32;
        let span = |j: u32| if j + 1 == n { width - n } else { 1 };
        if row.block != current {
            current = row.block;
            if let Some(b) = row.block {
                out.rows.push(vec![c(b, width, Merge::None)]);
            }
            let mut head = vec![c(corner, 1, Merge::None)];
            for (j, col) in row.columns.iter().enumerate() {
                head.push(c(&column_label(t, col), span(j as u32), Merge::None));
            }
            out.rows.push(head);
        }
        let mut cells = vec![c(row.label, 1, Merge::None)];
        for (j, col) in row.columns.iter().enumerate() {
            let key = CellKey {
                table: t.key,
                row: row.key,
                column: col,
            };
            cells.push(out.value(key, span(j as u32)));
        }
        out.rows.push(cells);
    }
}

fn chain(t: &TableDef, group: Option<&str>) -> Vec<&'static GroupDef> {
    let mut out = Vec::new();
    let mut g = group;
    while let Some(key) = g {
        match t.groups.iter().find(|x| x.key == key) {
            Some(def) if out.len() <= t.groups.len() => {
                out.push(def);
                g = def.parent;
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// 表三: a three-row header (the note over the label columns, 申请人情况 over the values; 自然人
/// and 总计 two rows tall, 法人或其他组织 over its five columns), then rows whose group cells
/// are merged down over their rows.
fn grid(t: &'static TableDef, out: &mut TableOut) {
    let depth = t
        .rows
        .iter()
        .map(|r| chain(t, r.group).len())
        .max()
        .unwrap_or(0) as u32;
    let labels = depth + 1;
    let ncols = t.columns.len() as u32;
    out.width = labels + ncols;
    let is_col_group = |h: &str| t.columns.iter().any(|c| c.group == Some(h));
    let note = t
        .headers
        .iter()
        .find(|h| h.contains("勾稽"))
        .copied()
        .unwrap_or("");
    let caption = t
        .headers
        .iter()
        .find(|h| !h.contains("勾稽") && !is_col_group(h))
        .copied()
        .unwrap_or("");
    let mut r1 = vec![
        c(note, labels, Merge::Restart),
        c(caption, ncols, Merge::None),
    ];
    let mut r2 = vec![c("", labels, Merge::Continue)];
    let mut r3 = vec![c("", labels, Merge::Continue)];
    let mut i = 0;
    let cols: &[ColumnDef] = t.columns;
    while i < cols.len() {
        match cols[i].group {
            None => {
                r2.push(c(&broken(cols[i].label), 1, Merge::Restart));
                r3.push(c("", 1, Merge::Continue));
                i += 1;
            }
            Some(g) => {
                let n = cols[i..].iter().take_while(|c| c.group == Some(g)).count();
                r2.push(c(g, n as u32, Merge::None));
                for col in &cols[i..i + n] {
                    r3.push(c(&broken(col.label), 1, Merge::None));
                }
                i += n;
            }
        }
    }
    out.rows.append(&mut vec![std::mem::take(&mut r1), r2, r3]);
    let mut opened: Vec<&str> = Vec::new();
    for row in t.rows {
        let groups = chain(t, row.group);
        let mut cells = Vec::new();
        for g in &groups {
            if opened.contains(&g.key) {
                cells.push(c("", 1, Merge::Continue));
            } else {
                opened.push(g.key);
                cells.push(c(g.label, 1, Merge::Restart));
            }
        }
        cells.push(c(row.label, labels - groups.len() as u32, Merge::None));
        for col in row.columns {
            let key = CellKey {
                table: t.key,
                row: row.key,
                column: col,
            };
            cells.push(out.value(key, 1));
        }
        out.rows.push(cells);
    }
}

/// 表四: 行政复议 over its columns (each two rows tall), 行政诉讼 over the two kinds of suit,
/// each over its columns; then one row of every value.
fn single_run(t: &'static TableDef, out: &mut TableOut) {
    let mut r1 = Vec::new();
    let mut r2 = Vec::new();
    let mut r3 = Vec::new();
    let mut values = Vec::new();
    let mut opened: Vec<&str> = Vec::new();
    for row in t.rows {
        let n = row.columns.len() as u32;
        match row.group.and_then(|g| t.groups.iter().find(|x| x.key == g)) {
            None => {
                r1.push(c(row.label, n, Merge::None));
                for col in row.columns {
                    r2.push(c(&broken(&column_label(t, col)), 1, Merge::Restart));
                    r3.push(c("", 1, Merge::Continue));
                }
            }
            Some(g) => {
                if !opened.contains(&g.key) {
                    opened.push(g.key);
                    let span: u32 = t
                        .rows
                        .iter()
                        .filter(|r| r.group == Some(g.key))
                        .map(|r| r.columns.len() as u32)
                        .sum();
                    r1.push(c(g.label, span, Merge::None));
                }
                r2.push(c(row.label, n, Merge::None));
                for col in row.columns {
                    r3.push(c(&broken(&column_label(t, col)), 1, Merge::None));
                }
            }
        }
        for col in row.columns {
            values.push(out.value(
                CellKey {
                    table: t.key,
                    row: row.key,
                    column: col,
                },
                1,
            ));
        }
    }
    out.width = values.len() as u32;
    out.rows = vec![r1, r2, r3, values];
}

/// The report as a DOCX. `seed` picks the dressing; `numbered` has Word number the section
/// headings (the text holds only 总体情况, numbering.xml makes it 一、总体情况).
pub fn report_docx(report: &Report, seed: u64, numbered: bool) -> Docx {
    let mut d = Dress::new(seed);
    let def = report.format_def();
    let agency = report.agency.value.clone().unwrap_or_default();
    let year = report.year.value.unwrap_or(2024);
    let mut body = String::new();
    body.push_str(&p(&format!("{agency}{year}年政府信息公开工作年度报告")));
    body.push_str(&p(&format!(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{agency}{year}年政府信息公开工作年度报告。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )));
    let mut cells = HashMap::new();
    let mut number = 0;
    for s in def.sections {
        if numbered {
            body.push_str(&format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
                esc(s.label)
            ));
        } else {
            body.push_str(&p(&format!("{}、{}", s.number, s.label)));
        }
        let Some(t) = s.table.and_then(|k| def.table(k)) else {
            body.push_str(&p("本年度工作有序开展。\n各项任务均已完成。"));
            continue;
        };
        number += 1;
        let mut out = TableOut {
            number,
            width: 0,
            rows: Vec::new(),
            report,
        };
        if t.layout == TableLayout::SingleRun {
            single_run(t, &mut out);
        } else if t.rows.iter().any(|r| r.block.is_some()) {
            blocks(t, &mut out);
        } else {
            grid(t, &mut out);
        }
        let table = out.xml(&mut d, &mut cells);
        // Some tables sit in a block-level content control, as form templates put them.
        if d.below(3) == 0 {
            body.push_str(&format!(
                "<w:sdt><w:sdtContent>{table}</w:sdtContent></w:sdt>"
            ));
        } else {
            body.push_str(&table);
        }
        body.push_str("<w:p/>");
    }
    body.push_str(&p(&agency));
    let document_xml = document(&body);
    let bytes = docx(&document_xml, numbered.then_some(NUMBERING));
    Docx {
        bytes,
        document_xml,
        cells,
    }
}
