//! Text writers: a whole report as agencies publish it, in the layouts of the seed texts.
//!
//! The tables are first built into a layout-neutral [`model::TableModel`] (block headings, header
//! rows with grid positions, labelled rows with the merged group cells that open on them, runs of
//! values), straight from the format data and the report's cells. Each layout then prints that
//! model its own way; the document around the tables (title, prose, chrome) is shared.

mod cell_per_line;
pub(crate) mod model;
mod pipe;
mod tab;

use std::collections::HashMap;

use gongkai_model::{CellKey, Report};

use crate::document;

/// How the tables (and the spacing of the whole text) are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Layout {
    /// Seeds 000 and 003 (HTML table copied as text): every cell on its own line, blank lines
    /// between all lines, header cells sometimes broken over two lines (`本年新\n制作数量`), merged
    /// cells printed once, where they open.
    #[default]
    CellPerLine,
    /// Seed 001: `label | v | v |` rows; empty cells as bare `|`, rows padded with them to the
    /// table's grid width (`第二十条第(一)项 | |||`); no blank lines anywhere.
    Pipe,
    /// Seed 004 (PDF or Word extraction): tab-separated rows; merged label cells flattened into
    /// leading empty cells, unevenly (`\t\t2. …`, `4. …\t\t0`); spaces inside tall merged cells
    /// (`三、本 年度 办 理 结 果`); blank lines between paragraphs and at page breaks, also inside
    /// tables.
    Tab,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::CellPerLine, Layout::Pipe, Layout::Tab];

    /// A short ASCII name, for file names.
    pub fn name(self) -> &'static str {
        match self {
            Layout::CellPerLine => "cell-per-line",
            Layout::Pipe => "pipe",
            Layout::Tab => "tab",
        }
    }
}

/// How to write a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    pub layout: Layout,
    /// Site chrome before and after the report (登录 | 注册, 发布日期:…  点击数:, 扫一扫在手机打开当前页,
    /// 网站导航, chatbot lines …).
    pub chrome: bool,
    /// Page breaks: blank lines inside tables and a paragraph split across a break.
    pub page_breaks: bool,
    /// Picks the label variants, the prose and the layout quirks. The same report written with
    /// the same options always gives the same text.
    pub variant_seed: u64,
}

impl WriteOptions {
    pub fn new(layout: Layout) -> WriteOptions {
        WriteOptions {
            layout,
            chrome: false,
            page_breaks: false,
            variant_seed: 0,
        }
    }
}

/// A written report and where its pieces are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    pub text: String,
    /// The line (1-based) where each printed cell's value was written. Cells that were not
    /// printed (missing, inferred, blank) have no entry.
    pub cell_lines: HashMap<CellKey, u32>,
    /// The line of each row's label, by (table, row). 表四's rows have no label of their own in
    /// the data row: theirs is the line of the header cell that names them (行政复议, 未经复议直接起诉,
    /// 复议后起诉).
    pub row_lines: HashMap<(&'static str, &'static str), u32>,
    /// The line of each numbered part's heading, by section key.
    pub section_lines: HashMap<&'static str, u32>,
    /// The first line of each table (its first heading or header row), by table key.
    pub table_lines: HashMap<&'static str, u32>,
}

impl Written {
    /// The text of a 1-based line.
    pub fn line(&self, line: u32) -> Option<&str> {
        self.text.lines().nth((line as usize).checked_sub(1)?)
    }
}

/// Writes a whole report in the given layout.
pub fn write_text(report: &Report, opts: &WriteOptions) -> Written {
    document::write(report, report, opts)
}

/// The report in every layout (no chrome, no page breaks, variant seed 0), named by layout.
pub fn write_all_layouts(report: &Report) -> Vec<(String, Written)> {
    Layout::ALL
        .iter()
        .map(|&layout| {
            (
                layout.name().to_string(),
                write_text(report, &WriteOptions::new(layout)),
            )
        })
        .collect()
}

/// A text being written, line by line, with the positions of its pieces.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    lines: Vec<String>,
    pub cell_lines: HashMap<CellKey, u32>,
    pub row_lines: HashMap<(&'static str, &'static str), u32>,
    pub section_lines: HashMap<&'static str, u32>,
    pub table_lines: HashMap<&'static str, u32>,
}

impl Doc {
    /// Appends text (which may hold line breaks); returns the line of its first line.
    pub fn push(&mut self, text: &str) -> u32 {
        let first = self.next_line();
        for l in text.split('\n') {
            self.lines.push(l.to_string());
        }
        first
    }

    pub fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// The number the next pushed line will get.
    pub fn next_line(&self) -> u32 {
        self.lines.len() as u32 + 1
    }

    pub fn finish(self) -> Written {
        let mut text = self.lines.join("\n");
        text.push('\n');
        Written {
            text,
            cell_lines: self.cell_lines,
            row_lines: self.row_lines,
            section_lines: self.section_lines,
            table_lines: self.table_lines,
        }
    }
}

/// Prints a table model in a layout.
pub(crate) fn render(
    layout: Layout,
    table: &model::TableModel,
    doc: &mut Doc,
    v: &crate::variants::Variants,
    rng: &mut rand::rngs::SmallRng,
) {
    doc.table_lines.insert(table.key, doc.next_line());
    match layout {
        Layout::CellPerLine => cell_per_line::render(table, doc),
        Layout::Pipe => pipe::render(table, doc, v),
        Layout::Tab => tab::render(table, doc, rng),
    }
}
