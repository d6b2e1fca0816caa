//! `word/document.xml` streamed into paragraphs and tables, in reading order.
//!
//! Only what a reader of the printed page sees is kept:
//! - a paragraph's text is its runs' `w:t`, with `w:tab` as a tab and `w:br`/`w:cr` as a line
//!   break; deleted text (`w:del`, `w:moveFrom`, whose runs hold `w:delText`) is dropped and
//!   inserted text (`w:ins`, `w:moveTo`) kept, as Word shows the document with its changes
//!   accepted; field codes (`w:instrText`) are not text, a field's shown result is;
//! - wrappers (`w:sdt`, `w:smartTag`, `w:hyperlink`, `w:customXml`, `w:fldSimple`, `mc:Choice`)
//!   are transparent; `mc:Fallback` repeats its `mc:Choice` for old readers and is skipped;
//!   ruby text (`w:rt`, a pronunciation guide) is skipped; old properties kept by tracked
//!   formatting changes (`w:tcPrChange` …) are skipped, lest an old `w:gridSpan` win;
//! - a table is its rows of cells with their `w:gridSpan`, `w:vMerge`, `w:gridBefore` and
//!   `w:gridAfter`; a row deleted as a tracked change is dropped; a cell holds paragraphs and
//!   nested tables, in order;
//! - a text box's paragraphs (`w:txbxContent`, inside a paragraph of the body) become
//!   paragraphs of their own, just before the paragraph that anchors them.
//!
//! Elements are told apart by namespace, not by prefix: DrawingML's `a:t` and math's `m:t`
//! are not Word text, and a file may bind the Word namespace to any prefix (or use the Strict
//! namespace).

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::grid::VMerge;
use super::numbering::Numbering;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Limits against hostile files (a report has three or four tables of a few hundred cells).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Tables inside tables, counting the outermost.
    pub table_depth: usize,
    /// Cells (`w:tc`) in the whole document.
    pub cells: usize,
    /// XML elements open at once.
    pub xml_depth: usize,
}

/// A block of the body or of a table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph's text (with its numbering label, when it has one); may hold `\n` (line
    /// breaks) and `\t` (tabs).
    Para(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// 1-based, counting every table of the document (nested ones too) in the order they start.
    pub number: u32,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub before: u32,
    pub after: u32,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub span: u32,
    pub vmerge: VMerge,
    pub blocks: Vec<Block>,
}

/// What an open element is to the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Nothing to do when it closes.
    Plain,
    /// It pushed a frame, popped when it closes.
    Frame,
    /// A run (`w:r`): tabs and breaks count only directly inside one.
    Run,
    /// A `w:t`: its text is the paragraph's.
    Text,
    /// A subtree to skip.
    Skip,
}

/// The containers being built.
enum Frame {
    Body(Vec<Block>),
    Table(Table),
    Row { row: Row, deleted: bool },
    Cell(Cell),
    Para(Para),
}

#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<u32>,
    ilvl: u32,
}

struct Parser<'n> {
    limits: Limits,
    frames: Vec<Frame>,
    opens: Vec<Open>,
    skipping: usize,
    tables: u32,
    table_depth: usize,
    cells: usize,
    numbering: Option<&'n mut Numbering>,
    /// Whether `w:body` was seen: a part without one is not a Word document.
    body: bool,
}

/// Parses the body of `word/document.xml`. Errors are the detail of a `Corrupt` error, in
/// Chinese and English.
pub fn parse(
    xml: &str,
    limits: Limits,
    numbering: Option<&mut Numbering>,
) -> Result<Vec<Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut spaces = Namespaces::default();
    let mut p = Parser {
        limits,
        frames: vec![Frame::Body(Vec::new())],
        opens: Vec::new(),
        skipping: 0,
        tables: 0,
        table_depth: 0,
        cells: 0,
        numbering,
        body: false,
    };
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(format!(
                    "word/document.xml 在第 {pos} 字节处不是合法的 XML / word/document.xml is not well-formed XML at byte {pos}: {e}",
                    pos = reader.error_position()
                ))
            }
        };
        match event {
            // Inside a skipped subtree (formatting, tracked deletions) an element only needs
            // counting — unless it declares a namespace, which must still be taken in.
            Event::Start(e) if p.skipping > 0 && !declares_namespace(e.attributes_raw()) => {
                p.open_skipped()?;
            }
            Event::Empty(e) if p.skipping > 0 && !declares_namespace(e.attributes_raw()) => {
                p.open_skipped()?;
                p.close();
            }
            Event::Start(e) => {
                let (ns, local) = spaces.enter(&e, p.opens.len())?;
                p.open(ns, local, &e)?;
            }
            Event::Empty(e) => {
                let (ns, local) = spaces.enter(&e, p.opens.len())?;
                p.open(ns, local, &e)?;
                p.close();
                spaces.leave(p.opens.len());
            }
            Event::End(_) => {
                p.close();
                spaces.leave(p.opens.len());
            }
            Event::Text(t) => p.text(&t),
            Event::CData(t) => p.text(&t),
            Event::GeneralRef(r) => {
                // quick-xml 0.42 reports `&amp;` and `&#20013;` as events of their own.
                if let Some(c) = crate::xml_ref::resolve(&r) {
                    p.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.body {
        return Err(
            "word/document.xml 中没有正文（w:body） / word/document.xml has no body (w:body)"
                .to_string(),
        );
    }
    if !p.opens.is_empty() {
        return Err(
            "word/document.xml 在元素未结束时中断（文件不完整） / word/document.xml ends inside an element (the file is incomplete)"
                .to_string(),
        );
    }
    match p.frames.pop() {
        Some(Frame::Body(blocks)) if p.frames.is_empty() => Ok(blocks),
        _ => Err("word/document.xml 结构不完整 / word/document.xml is incomplete".to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

fn classify(uri: &str) -> Ns {
    match uri {
        W_TRANSITIONAL | W_STRICT => Ns::W,
        MC => Ns::Mc,
        _ => Ns::Other,
    }
}

/// Namespace prefixes in scope. quick-xml's `NsReader` does this too, but parses every
/// element's attributes to look for declarations, which doubled the time of a whole read;
/// Word declares its namespaces once, on the root, so a substring test skips nearly all.
/// Namespace declarations in scope at once.
const MAX_BINDINGS: usize = 1_000;

#[derive(Default)]
struct Namespaces {
    /// (element depth, prefix, namespace), innermost last.
    bindings: Vec<(usize, String, Ns)>,
    /// The last prefix resolved and its namespace, while no binding changes (nearly every
    /// element of a document is `w:`).
    last: Option<(String, Ns)>,
}

impl Namespaces {
    /// Takes the declarations of an element opening at `depth` and resolves its name: its
    /// namespace and its local name (found here once, since the prefix is looked at anyway).
    fn enter<'e>(&mut self, e: &'e BytesStart, depth: usize) -> Result<(Ns, &'e str), String> {
        if declares_namespace(e.attributes_raw()) {
            for a in e.attributes().with_checks(false).flatten() {
                let key: &str = a.key.as_ref();
                let prefix = match key.strip_prefix("xmlns") {
                    Some("") => "",
                    Some(p) => match p.strip_prefix(':') {
                        Some(p) => p,
                        None => continue,
                    },
                    None => continue,
                };
                let uri = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .unwrap_or_default();
                // Resolving scans the bindings: a document declaring thousands would make every
                // element cost thousands of comparisons (Word declares a few dozen).
                if self.bindings.len() >= MAX_BINDINGS {
                    return Err(format!(
                        "XML 命名空间声明超过 {MAX_BINDINGS} 个 / more than {MAX_BINDINGS} XML namespace declarations"
                    ));
                }
                self.bindings
                    .push((depth, prefix.to_string(), classify(uri.trim())));
                self.last = None;
            }
        }
        let name: &'e str = e.name().into_inner();
        // Element names are short: a plain search (memchr's set-up costs more than the scan).
        let (prefix, local) = match name.bytes().position(|b| b == b':') {
            Some(i) => (
                name.get(..i).unwrap_or_default(),
                name.get(i + 1..).unwrap_or_default(),
            ),
            None => ("", name),
        };
        if let Some((p, ns)) = &self.last {
            if p == prefix {
                return Ok((*ns, local));
            }
        }
        let ns = self
            .bindings
            .iter()
            .rev()
            .find(|(_, p, _)| p == prefix)
            .map_or(Ns::Other, |(_, _, ns)| *ns);
        self.last = Some((prefix.to_string(), ns));
        Ok((ns, local))
    }

    /// Drops the declarations of the elements closed down to `depth`.
    fn leave(&mut self, depth: usize) {
        while self.bindings.last().is_some_and(|(d, _, _)| *d >= depth) {
            self.bindings.pop();
            self.last = None;
        }
    }
}

/// Whether an element's attributes may declare a namespace (`xmlns` or `xmlns:…`): a byte
/// search for the rare `x` first, since nearly no element of a document declares one.
fn declares_namespace(attributes: &str) -> bool {
    let b = attributes.as_bytes();
    memchr::memchr_iter(b'x', b).any(|i| b.get(i..).is_some_and(|r| r.starts_with(b"xmlns")))
}

/// The `w:val` (or any `val`) attribute of an element.
pub(crate) fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// An attribute by local name (Word's attributes are all in its own namespace).
pub(crate) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// A small non-negative number attribute (spans, levels), clamped rather than trusted.
pub(crate) fn num_val(e: &BytesStart) -> Option<u32> {
    val(e)?.trim().parse::<u32>().ok()
}

/// A local name packed into an integer, so that telling elements apart is an integer match
/// rather than a chain of string comparisons: most of a document's elements are formatting
/// (`w:rFonts`, `w:sz` …) that match nothing. Names of interest are ASCII and at most 16
/// bytes, so packing is one-to-one on them; longer names pack to 0, which matches none.
const fn pack(name: &[u8]) -> u128 {
    if name.len() > 16 {
        return 0;
    }
    let mut k = 0u128;
    let mut i = 0;
    while i < name.len() {
        k = (k << 8) | name[i] as u128;
        i += 1;
    }
    k
}

const K_P: u128 = pack(b"p");
const K_TBL: u128 = pack(b"tbl");
const K_TR: u128 = pack(b"tr");
const K_TC: u128 = pack(b"tc");
const K_BODY: u128 = pack(b"body");
const K_R: u128 = pack(b"r");
const K_T: u128 = pack(b"t");
const K_TAB: u128 = pack(b"tab");
const K_PTAB: u128 = pack(b"ptab");
const K_BR: u128 = pack(b"br");
const K_CR: u128 = pack(b"cr");
const K_NO_BREAK_HYPHEN: u128 = pack(b"noBreakHyphen");
const K_GRID_SPAN: u128 = pack(b"gridSpan");
const K_V_MERGE: u128 = pack(b"vMerge");
const K_GRID_BEFORE: u128 = pack(b"gridBefore");
const K_GRID_AFTER: u128 = pack(b"gridAfter");
const K_NUM_ID: u128 = pack(b"numId");
const K_ILVL: u128 = pack(b"ilvl");
const K_DEL: u128 = pack(b"del");
const K_MOVE_FROM: u128 = pack(b"moveFrom");
const K_RT: u128 = pack(b"rt");
const K_TC_PR_CHANGE: u128 = pack(b"tcPrChange");
const K_TR_PR_CHANGE: u128 = pack(b"trPrChange");
const K_P_PR_CHANGE: u128 = pack(b"pPrChange");
const K_R_PR_CHANGE: u128 = pack(b"rPrChange");
const K_TBL_PR_CHANGE: u128 = pack(b"tblPrChange");
const K_TBL_PR_EX_CHANGE: u128 = pack(b"tblPrExChange");
const K_TBL_GRID_CHANGE: u128 = pack(b"tblGridChange");
const K_SECT_PR_CHANGE: u128 = pack(b"sectPrChange");
const K_NUMBERING_CHANGE: u128 = pack(b"numberingChange");
const K_R_PR: u128 = pack(b"rPr");
const K_TC_BORDERS: u128 = pack(b"tcBorders");
const K_TBL_BORDERS: u128 = pack(b"tblBorders");
const K_P_BDR: u128 = pack(b"pBdr");
const K_TBL_PR: u128 = pack(b"tblPr");
const K_TBL_GRID: u128 = pack(b"tblGrid");
const K_SECT_PR: u128 = pack(b"sectPr");

impl Parser<'_> {
    fn top(&mut self) -> Option<&mut Frame> {
        self.frames.last_mut()
    }

    fn para(&mut self) -> Option<&mut Para> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn too_deep(&self) -> Result<(), String> {
        if self.opens.len() >= self.limits.xml_depth {
            return Err(format!(
                "XML 元素嵌套超过 {} 层 / XML elements nested deeper than {} levels",
                self.limits.xml_depth, self.limits.xml_depth
            ));
        }
        Ok(())
    }

    /// An element inside a skipped subtree: counted for the nesting, nothing else.
    fn open_skipped(&mut self) -> Result<(), String> {
        self.too_deep()?;
        self.opens.push(Open::Plain);
        Ok(())
    }

    fn open(&mut self, ns: Ns, local: &str, e: &BytesStart) -> Result<(), String> {
        self.too_deep()?;
        let open = if self.skipping > 0 {
            Open::Plain
        } else {
            match ns {
                Ns::W => self.open_w(local, e)?,
                Ns::Mc if local == "Fallback" => Open::Skip,
                _ => Open::Plain,
            }
        };
        if open == Open::Skip {
            self.skipping += 1;
        }
        self.opens.push(open);
        Ok(())
    }

    fn open_w(&mut self, name: &str, e: &BytesStart) -> Result<Open, String> {
        let in_run = self.opens.last() == Some(&Open::Run);
        Ok(match pack(name.as_bytes()) {
            K_P => {
                self.frames.push(Frame::Para(Para::default()));
                Open::Frame
            }
            K_TBL => {
                if self.table_depth >= self.limits.table_depth {
                    return Err(format!(
                        "表格嵌套超过 {n} 层 / tables nested deeper than {n} levels",
                        n = self.limits.table_depth
                    ));
                }
                self.table_depth += 1;
                self.tables += 1;
                self.frames.push(Frame::Table(Table {
                    number: self.tables,
                    rows: Vec::new(),
                }));
                Open::Frame
            }
            K_TR if matches!(self.top(), Some(Frame::Table(_))) => {
                self.frames.push(Frame::Row {
                    row: Row::default(),
                    deleted: false,
                });
                Open::Frame
            }
            K_TC if matches!(self.top(), Some(Frame::Row { .. })) => {
                self.cells += 1;
                if self.cells > self.limits.cells {
                    return Err(format!(
                        "表格单元格超过 {n} 个 / more than {n} table cells",
                        n = self.limits.cells
                    ));
                }
                self.frames.push(Frame::Cell(Cell {
                    span: 1,
                    vmerge: VMerge::None,
                    blocks: Vec::new(),
                }));
                Open::Frame
            }
            K_BODY => {
                self.body = true;
                Open::Plain
            }
            K_R => Open::Run,
            K_T if self.para().is_some() => Open::Text,
            K_TAB | K_PTAB if in_run => {
                self.push_text("\t");
                Open::Plain
            }
            K_BR | K_CR if in_run => {
                self.push_text("\n");
                Open::Plain
            }
            K_NO_BREAK_HYPHEN if in_run => {
                self.push_text("-");
                Open::Plain
            }
            K_GRID_SPAN => {
                let span = num_val(e).unwrap_or(1).max(1);
                if let Some(Frame::Cell(c)) = self.top() {
                    c.span = span;
                }
                Open::Plain
            }
            K_V_MERGE => {
                let merge = match val(e).as_deref() {
                    Some("restart") => VMerge::Restart,
                    // No value means continue (ST_Merge's default), as Word writes it.
                    _ => VMerge::Continue,
                };
                if let Some(Frame::Cell(c)) = self.top() {
                    c.vmerge = merge;
                }
                Open::Plain
            }
            K_GRID_BEFORE | K_GRID_AFTER => {
                let n = num_val(e).unwrap_or(0);
                if let Some(Frame::Row { row, .. }) = self.top() {
                    if name == "gridBefore" {
                        row.before = n;
                    } else {
                        row.after = n;
                    }
                }
                Open::Plain
            }
            K_NUM_ID | K_ILVL => {
                let n = num_val(e);
                if let Some(p) = self.para() {
                    if name == "numId" {
                        p.num_id = n;
                    } else {
                        p.ilvl = n.unwrap_or(0);
                    }
                }
                Open::Plain
            }
            K_DEL => {
                // Directly in a row, `w:del` is the row's `w:trPr` marking it deleted.
                if let Some(Frame::Row { deleted, .. }) = self.top() {
                    *deleted = true;
                }
                Open::Skip
            }
            // Formatting whose contents nothing here reads (run properties, borders, table
            // and section properties, the column grid): most of a document's elements.
            K_R_PR | K_TC_BORDERS | K_TBL_BORDERS | K_P_BDR | K_TBL_PR | K_TBL_GRID | K_SECT_PR => {
                Open::Skip
            }
            K_MOVE_FROM | K_RT | K_TC_PR_CHANGE | K_TR_PR_CHANGE | K_P_PR_CHANGE
            | K_R_PR_CHANGE | K_TBL_PR_CHANGE | K_TBL_PR_EX_CHANGE | K_TBL_GRID_CHANGE
            | K_SECT_PR_CHANGE | K_NUMBERING_CHANGE => Open::Skip,
            _ => Open::Plain,
        })
    }

    fn close(&mut self) {
        let Some(open) = self.opens.pop() else {
            return;
        };
        match open {
            Open::Skip => self.skipping = self.skipping.saturating_sub(1),
            Open::Frame => self.pop_frame(),
            _ => {}
        }
    }

    fn pop_frame(&mut self) {
        // The body is never popped here: it was not pushed by an element.
        if self.frames.len() <= 1 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Para(p) => {
                let label = match (&mut self.numbering, p.num_id) {
                    (Some(n), Some(id)) => n.label(id, p.ilvl),
                    _ => None,
                };
                let text = match label {
                    Some(l) => join_label(&l, &p.text),
                    None => p.text,
                };
                self.attach(Block::Para(text));
            }
            Frame::Table(t) => {
                self.table_depth = self.table_depth.saturating_sub(1);
                self.attach(Block::Table(t));
            }
            Frame::Row { row, deleted } => {
                if let (Some(Frame::Table(t)), false) = (self.top(), deleted) {
                    t.rows.push(row);
                }
            }
            Frame::Cell(c) => {
                if let Some(Frame::Row { row, .. }) = self.top() {
                    row.cells.push(c);
                }
            }
            Frame::Body(_) => {}
        }
    }

    /// Puts a finished block into the nearest container of blocks: the cell or the body (a text
    /// box's paragraph, inside another paragraph, goes before that paragraph).
    fn attach(&mut self, block: Block) {
        for f in self.frames.iter_mut().rev() {
            match f {
                Frame::Cell(c) => return c.blocks.push(block),
                Frame::Body(b) => return b.push(block),
                _ => {}
            }
        }
    }

    fn text(&mut self, t: &str) {
        if self.skipping == 0 && self.opens.last() == Some(&Open::Text) {
            self.push_text(t);
        }
    }

    fn push_text(&mut self, t: &str) {
        if let Some(p) = self.para() {
            p.text.push_str(t);
        }
    }
}

/// A numbering label before its paragraph's text: `一、` + `总体情况`, `1.` + `规章`; a label
/// that ends in a numeral (`%1` alone) gets a space, as Word's tab after it shows.
fn join_label(label: &str, text: &str) -> String {
    let spaced = label.chars().last().is_some_and(|c| c.is_alphanumeric());
    let mut s = String::with_capacity(label.len() + text.len() + 1);
    s.push_str(label);
    if spaced && !text.is_empty() {
        s.push(' ');
    }
    s.push_str(text);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        table_depth: 4,
        cells: 100,
        xml_depth: 64,
    };

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_TRANSITIONAL}" xmlns:mc="{MC}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn paras(body: &str) -> Vec<String> {
        parse(&doc(body), LIMITS, None)
            .unwrap()
            .into_iter()
            .filter_map(|b| match b {
                Block::Para(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let p = paras(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space="preserve">情况 </w:t><w:tab/><w:t>A&amp;B&#20013;&lt;</w:t><w:br/><w:t>第二行</w:t><w:cr/></w:r></w:p>"#,
        );
        // The tab stop in the paragraph's properties is not a tab of the text.
        assert_eq!(p, ["一、总体情况 \tA&B中<\n第二行\n"]);
    }

    #[test]
    fn deleted_text_is_dropped_and_inserted_text_kept() {
        let p = paras(
            r#"<w:p><w:r><w:t>予以</w:t></w:r><w:del w:id="1"><w:r><w:delText>不</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>公开</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"#,
        );
        assert_eq!(p, ["予以公开"]);
    }

    #[test]
    fn wrappers_are_transparent_and_fallbacks_skipped() {
        let p = paras(
            r#"<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:hyperlink><w:r><w:t>规</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t>章</w:t></w:r></w:smartTag><w:r><mc:AlternateContent><mc:Choice><w:t>!</w:t></mc:Choice><mc:Fallback><w:t>?</w:t></mc:Fallback></mc:AlternateContent></w:r><w:r><a:t>drawing</a:t></w:r><w:ruby><w:rt><w:r><w:t>pin</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>音</w:t></w:r></w:rubyBase></w:ruby></w:p></w:sdtContent></w:sdt>"#,
        );
        assert_eq!(p, ["规章!音"]);
    }

    #[test]
    fn any_prefix_for_the_word_namespace() {
        let xml = format!(
            r#"<x:document xmlns:x="{W_STRICT}"><x:body><x:p><x:r><x:t>严格</x:t></x:r></x:p></x:body></x:document>"#
        );
        assert_eq!(
            parse(&xml, LIMITS, None).unwrap(),
            [Block::Para("严格".into())]
        );
    }

    #[test]
    fn namespace_declarations_are_scoped() {
        // A run that binds `w` to another namespace is not Word's, nor is its text; the binding
        // ends with it (and with an empty element that makes one).
        let p = paras(
            r#"<w:p><w:r><w:t>a</w:t></w:r><w:r xmlns:w="urn:other"><w:t>b</w:t></w:r><w:br xmlns:w="urn:other"/><w:r><w:t>c</w:t></w:r></w:p>"#,
        );
        assert_eq!(p, ["ac"]);
        // Word's namespace as the default one.
        let xml = format!(
            r#"<document xmlns="{W_TRANSITIONAL}"><body><p><r><t>默认</t></r></p></body></document>"#
        );
        assert_eq!(
            parse(&xml, LIMITS, None).unwrap(),
            [Block::Para("默认".into())]
        );
        // Thousands of declarations are refused (resolving would cost as much per element).
        let decls: String = (0..2_000)
            .map(|i| format!(r#" xmlns:p{i}="urn:{i}""#))
            .collect();
        let xml =
            format!(r#"<w:document xmlns:w="{W_TRANSITIONAL}"{decls}><w:body/></w:document>"#);
        assert!(parse(&xml, LIMITS, None)
            .unwrap_err()
            .contains("namespace declarations"));
        // No namespace at all: not a Word document.
        assert!(parse("<document><body><p/></body></document>", LIMITS, None).is_err());
    }

    #[test]
    fn tables_with_merges_deleted_rows_and_nesting() {
        let body = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/><w:tcPrChange><w:tcPr><w:gridSpan w:val="9"/></w:tcPr></w:tcPrChange></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:del w:id="3"/></w:trPr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:tbl><w:tr><w:tc><w:p><w:r><w:t>n</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>"#;
        let blocks = parse(&doc(body), LIMITS, None).unwrap();
        let Block::Table(t) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.number, 1);
        assert_eq!(t.rows.len(), 2, "the deleted row is dropped");
        assert_eq!(t.rows[0].before, 1);
        let c = &t.rows[0].cells[0];
        assert_eq!((c.span, c.vmerge), (2, VMerge::Restart));
        assert_eq!(c.blocks, [Block::Para("a".into()), Block::Para("b".into())]);
        let c = &t.rows[1].cells[0];
        assert_eq!(c.vmerge, VMerge::Continue);
        match &c.blocks[0] {
            Block::Table(n) => assert_eq!(n.number, 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(blocks[1], Block::Para("after".into()));
    }

    #[test]
    fn limits_are_errors() {
        let deep = "<w:tbl><w:tr><w:tc>".repeat(5) + &"</w:tc></w:tr></w:tbl>".repeat(5);
        assert!(parse(&doc(&deep), LIMITS, None)
            .unwrap_err()
            .contains("nested deeper"));
        let many = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", "<w:tc/>".repeat(101));
        assert!(parse(&doc(&many), LIMITS, None)
            .unwrap_err()
            .contains("cells"));
        let xml_deep = "<w:x>".repeat(70) + &"</w:x>".repeat(70);
        assert!(parse(&doc(&xml_deep), LIMITS, None).is_err());
        assert!(parse(&doc("<w:p><w:r>"), LIMITS, None).is_err());
        assert!(parse("<w:document", LIMITS, None).is_err());
    }

    #[test]
    fn text_box_paragraphs_come_before_their_anchor() {
        let p = paras(
            r#"<w:p><w:r><w:t>锚</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>"#,
        );
        assert_eq!(p, ["框", "锚"]);
    }
}
