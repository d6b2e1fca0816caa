//! Pre-2019 reports in prose, for property tests of the prose reader and the prose rules.
//!
//! Before 2019 a report stated its figures in sentences (seed 002). [`legacy_report`] writes one
//! from random, consistent figures — parts that add up, percentages rounded as printed, replies
//! split into reply types — with its sentences drawn from templates written after real reports:
//! different verbs (收到/受理), 其中 in the same or the next sentence or in brackets, zeros said in
//! words (未收到, 没有, 无, 为0), Chinese numerals, spaced PDF-extraction figures, fees in 元.
//! It returns the text with the `legacy` cells the text states and where every figure is, so a
//! test can check what is read and change one figure to see the right rule fail at the right line.

use rand::rngs::SmallRng;

use crate::generate::Scale;
use crate::names;
use crate::rng::{between, chance, log_uniform, pick, split, stream};

/// What a printed figure is, for mutations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// The total of proactive disclosure, with parts.
    ProactiveTotal,
    /// One of the parts of the proactive total.
    ProactivePart,
    /// The share of the website in the proactive total, as printed (`88.6`).
    WebsitePercent,
    /// The number of items published through the website.
    Website,
    Received,
    /// The replies, whose parts are the reply types.
    RepliesTotal,
    /// One reply type (a part of the replies, or of the requests when replies are not stated).
    ReplyType,
    /// 答复率 as printed.
    AnswerRate,
    Fees,
    Reviews,
    Lawsuits,
    Complaints,
    /// A figure no rule looks at (training sessions, 期 of a bulletin).
    #[default]
    Other,
}

/// A figure as printed in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedFigure {
    pub role: Role,
    /// 1-based line.
    pub line: u32,
    /// Byte range of the number (without its unit) in the text.
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

/// A generated legacy report.
#[derive(Debug, Clone)]
pub struct LegacyReport {
    pub text: String,
    pub year: i32,
    pub agency: String,
    /// The `legacy` cells the prose states: (row key, value in the row's unit, line).
    pub cells: Vec<(&'static str, f64, u32)>,
    pub figures: Vec<PrintedFigure>,
    /// The 附表, when one was asked for ([`LegacyOptions::appendix`]).
    pub appendix: Option<Appendix>,
}

/// How a 附表 is laid out in the text (the layouts the reader knows for tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendixLayout {
    /// One cell per line; empty cells not printed.
    CellPerLine,
    /// `label|unit|year|cumulative`.
    Pipe,
    /// Tab-separated (what HTML and DOCX tables become).
    Tab,
    /// Columns aligned with runs of spaces.
    SpaceAligned,
}

impl AppendixLayout {
    pub const ALL: [AppendixLayout; 4] = [
        AppendixLayout::CellPerLine,
        AppendixLayout::Pipe,
        AppendixLayout::Tab,
        AppendixLayout::SpaceAligned,
    ];
}

/// Options of [`legacy_report_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct LegacyOptions {
    /// Append a 附表 (政府信息公开情况统计表) in this layout.
    pub appendix: Option<AppendixLayout>,
}

/// One printed cell of a 附表, with what it should read as.
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixCell {
    /// The `legacy` row key, or `extra.<n>` for an indicator the format does not have.
    pub row: String,
    /// `year` or `cumulative`.
    pub column: &'static str,
    /// The value in the row's unit (money in 万元); `None` for a not-applicable mark.
    pub value: Option<f64>,
    /// The line the value is printed on.
    pub line: u32,
}

/// A generated 附表.
#[derive(Debug, Clone)]
pub struct Appendix {
    pub layout: AppendixLayout,
    /// Whether it has the 历年累计 column.
    pub cumulative: bool,
    pub cells: Vec<AppendixCell>,
    /// The line of its header.
    pub header_line: u32,
}

impl LegacyReport {
    /// The `legacy` cells a reader should give: the 附表's, then the prose's for the rows the 附表
    /// does not print (the table wins). `(row, column, value, line)`, sorted.
    pub fn expected_cells(&self) -> Vec<(String, &'static str, Option<f64>, u32)> {
        let mut out: Vec<(String, &'static str, Option<f64>, u32)> = Vec::new();
        let in_table = |row: &str| {
            self.appendix
                .as_ref()
                .is_some_and(|a| a.cells.iter().any(|c| c.row == row))
        };
        if let Some(a) = &self.appendix {
            out.extend(
                a.cells
                    .iter()
                    .map(|c| (c.row.clone(), c.column, c.value, c.line)),
            );
        }
        for (row, v, line) in &self.cells {
            if !in_table(row) {
                out.push((row.to_string(), "year", Some(*v), *line));
            }
        }
        out.sort_by(|a, b| {
            (&a.0, a.1, a.3)
                .cmp(&(&b.0, b.1, b.3))
                .then(a.2.partial_cmp(&b.2).unwrap_or(std::cmp::Ordering::Equal))
        });
        out
    }
}

/// A piece of a paragraph.
enum Piece {
    Text(String),
    /// A figure: its role, value, and the number as printed (the unit is in the next text).
    Figure(Role, f64, String),
}

struct Writer {
    text: String,
    line: u32,
    figures: Vec<PrintedFigure>,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.line += 1;
        self.text.push_str(s);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.line += 1;
        self.text.push('\n');
    }

    /// A paragraph on one line, followed by a blank line; returns its line number.
    fn paragraph(&mut self, pieces: Vec<Piece>) -> u32 {
        self.line += 1;
        let no = self.line;
        for p in pieces {
            match p {
                Piece::Text(t) => self.text.push_str(&t),
                Piece::Figure(role, value, printed) => {
                    let lead = printed.len() - printed.trim_start().len();
                    let start = self.text.len() + lead;
                    self.text.push_str(&printed);
                    let end = self.text.len() - (printed.len() - printed.trim_end().len());
                    self.figures.push(PrintedFigure {
                        role,
                        line: no,
                        start,
                        end,
                        value,
                    });
                }
            }
        }
        self.text.push('\n');
        self.blank();
        no
    }
}

fn t(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}

/// `11`, `十一`, `两`, `１１` or ` 11 ` (spaced, as PDF extraction prints it).
fn num(rng: &mut SmallRng, v: u64) -> String {
    if (2..=99).contains(&v) && chance(rng, 0.2) {
        return chinese(v);
    }
    match pick(rng, &[0u8, 0, 0, 0, 0, 0, 1, 2]) {
        1 => v
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        2 => format!(" {v} "),
        _ => v.to_string(),
    }
}

/// Chinese numerals for 2..=99 (两 for 2, 十一, 二十, 三十五).
fn chinese(v: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u64| D.get(d as usize).copied().unwrap_or("");
    match v {
        2 => "两".to_string(),
        0..=9 => digit(v).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", digit(v % 10)),
        _ => {
            let ones = if v.is_multiple_of(10) {
                ""
            } else {
                digit(v % 10)
            };
            format!("{}十{ones}", digit(v / 10))
        }
    }
}

/// A generated pre-2019 report. Deterministic in `seed`.
pub fn legacy_report(seed: u64) -> LegacyReport {
    legacy_report_with(seed, &LegacyOptions::default())
}

/// A generated pre-2019 report with options (a 附表). Deterministic in `seed` and the options;
/// the prose is the same as [`legacy_report`]'s for the same seed.
pub fn legacy_report_with(seed: u64, options: &LegacyOptions) -> LegacyReport {
    let mut rng = stream(seed, 0x001e_6ac7);
    let rng = &mut rng;
    let year = between(rng, 2009, 2018) as i32;
    let scale = pick(rng, &Scale::ALL);
    let agency = names::agency(rng, scale);
    let me = names::self_reference(&agency);
    let mut w = Writer {
        text: String::new(),
        line: 0,
        figures: Vec::new(),
    };
    let mut cells: Vec<(&'static str, f64, u32)> = Vec::new();

    w.line(&format!("{agency}{year}年政府信息公开工作年度报告"));
    w.blank();
    w.paragraph(vec![t(format!(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{agency}{year}年政府信息公开工作年度报告。本报告统计数据的期限为{year}年1月1日至{year}年12月31日。"
    ))]);

    w.paragraph(vec![t("一、概述")]);
    let sessions = between(rng, 2, 30);
    let printed = num(rng, sessions);
    w.paragraph(vec![
        t(format!(
            "{year}年，{me}认真贯彻落实《条例》，健全政府信息公开工作机制，组织开展业务培训"
        )),
        Piece::Figure(Role::Other, sessions as f64, printed),
        t("次，编发政务公开简报"),
        Piece::Figure(Role::Other, 12.0, "12".to_string()),
        t("期，进一步规范了政府信息公开工作。"),
    ]);

    // 二、主动公开
    w.paragraph(vec![t(format!("二、{year}年度主动公开政府信息情况"))]);
    let total = log_uniform(rng, 40, 20_000);
    let a = between(rng, 1, total - 1);
    let b = total - a;
    let (x, y) = pick(
        rng,
        &[
            ("各乡镇（街道）", "市直各部门"),
            ("本机关", "所属单位"),
            ("区政府办公室", "区直各部门"),
            ("乡镇人民政府、办事处", "县政府有关部门"),
        ],
    );
    let fig = |rng: &mut SmallRng, role, v: u64| Piece::Figure(role, v as f64, num(rng, v));
    let mut p = match pick(rng, &[0u8, 1, 2]) {
        0 => vec![
            t(format!("{year}年度，{me}主动公开政府信息")),
            fig(rng, Role::ProactiveTotal, total),
            t(format!("条。其中，{x}主动公开政府信息")),
            fig(rng, Role::ProactivePart, a),
            t(format!("条，{y}主动公开政府信息")),
            fig(rng, Role::ProactivePart, b),
            t("条。"),
        ],
        1 => vec![
            t("全年共主动公开信息"),
            fig(rng, Role::ProactiveTotal, total),
            t(format!("条，其中{x}")),
            fig(rng, Role::ProactivePart, a),
            t(format!("条、{y}")),
            fig(rng, Role::ProactivePart, b),
            t("条。"),
        ],
        _ => vec![
            t(format!("{year}年，{me}累计主动公开政府信息")),
            fig(rng, Role::ProactiveTotal, total),
            t(format!("条（其中{x}")),
            fig(rng, Role::ProactivePart, a),
            t(format!("条，{y}")),
            fig(rng, Role::ProactivePart, b),
            t("条）。"),
        ],
    };
    let website = between(rng, total / 2, total);
    let pct = (1000.0 * website as f64 / total as f64).round() / 10.0;
    p.extend(match pick(rng, &[0u8, 1]) {
        0 => vec![
            t("通过政府网站公开信息"),
            fig(rng, Role::Website, website),
            t("条，占主动公开政府信息总数的"),
            Piece::Figure(Role::WebsitePercent, pct, format!("{pct:.1}")),
            t("%。"),
        ],
        _ => vec![
            t("其中，通过政府网站公开"),
            fig(rng, Role::Website, website),
            t("条，占总数的"),
            Piece::Figure(Role::WebsitePercent, pct, format!("{pct:.1}")),
            t("%。"),
        ],
    });
    let line = w.paragraph(p);
    cells.push(("proactive_total", total as f64, line));
    cells.push(("proactive_website", website as f64, line));

    // 三、依申请公开
    w.paragraph(vec![t(format!("三、{year}年度依申请公开政府信息情况"))]);
    let received = if scale == Scale::Quiet || chance(rng, 0.2) {
        0
    } else {
        log_uniform(rng, 1, 400)
    };
    if received == 0 {
        let s = match pick(rng, &[0u8, 1, 2]) {
            0 => format!("{year}年度，{me}未收到政府信息公开申请。"),
            1 => format!("{year}年，{me}没有收到依申请公开事项。"),
            _ => format!("本年度{me}无依申请公开申请。"),
        };
        let line = w.paragraph(vec![t(s)]);
        cells.push(("requests_received", 0.0, line));
    } else {
        const TYPES: [(&str, &[&str]); 6] = [
            ("replies_granted", &["同意公开", "予以公开"]),
            ("replies_partial", &["同意部分公开", "部分公开"]),
            ("replies_refused", &["不予公开"]),
            ("replies_not_held", &["信息不存在"]),
            (
                "replies_not_this_agency",
                &["不属于本机关公开", "非本机关掌握"],
            ),
            ("replies_already_public", &["属于已主动公开范围"]),
        ];
        let counts = split(rng, received, &[6.0, 1.0, 1.0, 1.0, 1.0, 2.0]);
        let sep = pick(rng, &["，", "、", "；"]);
        let mut types: Vec<Piece> = Vec::new();
        let mut first = true;
        let mut stated: Vec<(&'static str, f64)> = Vec::new();
        // Which types are printed: every one that happened, some that did not, and at least
        // two (a single type equal to the whole is not a list a reader can check).
        let mut shown: Vec<bool> = counts.iter().map(|n| *n > 0 || chance(rng, 0.2)).collect();
        for i in 0..shown.len() {
            if shown.iter().filter(|s| **s).count() >= 2 {
                break;
            }
            if let Some(s) = shown.get_mut(i) {
                *s = true;
            }
        }
        for (((row, words), n), show) in TYPES.iter().zip(&counts).zip(shown) {
            if !show {
                continue;
            }
            if !first {
                types.push(t(sep));
            }
            first = false;
            types.push(t(pick(rng, words)));
            types.push(fig(rng, Role::ReplyType, *n));
            types.push(t("件"));
            stated.push((row, *n as f64));
        }
        types.push(t("。"));
        let template = pick(rng, &[0u8, 1, 2]);
        let mut p = match template {
            0 => vec![
                t(format!("{year}年度，{me}共收到政府信息公开申请")),
                fig(rng, Role::Received, received),
                t("件，答复"),
                fig(rng, Role::RepliesTotal, received),
                t("件，实现答复率"),
                Piece::Figure(Role::AnswerRate, 100.0, "100".to_string()),
                t("%。其中，"),
            ],
            1 => vec![
                t("全年共受理依申请公开申请"),
                fig(rng, Role::Received, received),
                t("件，均已按时办结答复"),
                fig(rng, Role::RepliesTotal, received),
                t("件。其中"),
            ],
            _ => vec![
                t(format!("{year}年，{me}收到依申请公开申请")),
                fig(rng, Role::Received, received),
                t("件，其中"),
            ],
        };
        p.extend(types);
        let line = w.paragraph(p);
        cells.push(("requests_received", received as f64, line));
        if template != 2 {
            cells.push(("replies_total", received as f64, line));
        }
        for (row, v) in stated {
            cells.push((row, v, line));
        }
    }

    // 四、收费
    w.paragraph(vec![t("四、政府信息公开的收费及减免情况")]);
    let fee = if chance(rng, 0.7) {
        0
    } else {
        10 * between(rng, 1, 200)
    };
    let line = if fee == 0 {
        let s = match pick(rng, &[0u8, 1, 2]) {
            0 => format!("{year}年度，{me}未发生涉及信息公开收费行为。"),
            1 => "本年度未收取任何费用。".to_string(),
            _ => "本年度政府信息公开收费及减免金额为0。".to_string(),
        };
        w.paragraph(vec![t(s)])
    } else {
        w.paragraph(vec![
            t("全年共收取检索、复制、邮寄等费用"),
            Piece::Figure(Role::Fees, fee as f64, fee.to_string()),
            t("元。"),
        ])
    };
    cells.push(("fees", fee as f64 / 10_000.0, line));

    // 五、复议、诉讼、申诉
    w.paragraph(vec![t(
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    )]);
    let reviews = if chance(rng, 0.6) {
        0
    } else {
        between(rng, 1, 9)
    };
    let lawsuits = if chance(rng, 0.6) {
        0
    } else {
        between(rng, 1, 9)
    };
    let mut p = match (reviews, lawsuits) {
        (0, 0) => vec![t(match pick(rng, &[0u8, 1, 2]) {
            0 => format!("{year}年度，{me}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"),
            1 => "全年无行政复议和行政诉讼案件。".to_string(),
            _ => "本年度没有发生政府信息公开行政复议、行政诉讼情况。".to_string(),
        })],
        (r, l) if r == l => vec![
            t("因政府信息公开被申请行政复议、提起行政诉讼各"),
            fig(rng, Role::Reviews, r),
            t("件。"),
        ],
        (r, 0) => vec![
            t("因政府信息公开被申请行政复议"),
            fig(rng, Role::Reviews, r),
            t("件，未被提起行政诉讼。"),
        ],
        (r, l) => vec![
            t("因政府信息公开被申请行政复议"),
            fig(rng, Role::Reviews, r),
            t("件，被提起行政诉讼"),
            fig(rng, Role::Lawsuits, l),
            t("件。"),
        ],
    };
    let complaints = if chance(rng, 0.5) {
        None
    } else if chance(rng, 0.5) {
        Some(0)
    } else {
        Some(between(rng, 1, 5))
    };
    match complaints {
        Some(0) => p.push(t("未收到有关政府信息公开的举报投诉。")),
        Some(c) => {
            p.push(t("收到有关政府信息公开的举报投诉"));
            p.push(fig(rng, Role::Complaints, c));
            p.push(t("起，均已妥善处理。"));
        }
        None => {}
    }
    let line = w.paragraph(p);
    cells.push(("reviews", reviews as f64, line));
    cells.push(("lawsuits", lawsuits as f64, line));
    if let Some(c) = complaints {
        cells.push(("complaints", c as f64, line));
    }

    w.paragraph(vec![t("六、政府信息公开工作存在的主要问题及改进措施")]);
    w.paragraph(vec![t(
        "一是公开内容的全面性有待提高；二是政策解读的形式较为单一。下一步，将进一步加强业务培训，规范公开流程，提升政府信息公开工作水平。",
    )]);

    let appendix = options
        .appendix
        .map(|layout| write_appendix(&mut w, seed, layout, year, &agency, &cells));
    LegacyReport {
        text: w.text,
        year,
        agency,
        cells,
        figures: w.figures,
        appendix,
    }
}

/// Indicators 附表 print that the `legacy` table does not have: (label, unit).
const EXTRA_INDICATORS: [(&str, &str); 5] = [
    ("网站专栏页面访问量", "人次"),
    ("现场接待人数", "人次"),
    ("网上咨询数", "人次"),
    ("咨询电话接听数", "人次"),
    ("依申请公开信息目录数", "条"),
];

/// A row of a 附表 to print: label, unit, year and cumulative as printed, and what they mean.
struct TableRow {
    label: String,
    unit: &'static str,
    key: Option<String>,
    year: Option<(String, Option<f64>)>,
    cumulative: Option<(String, Option<f64>)>,
}

/// Writes a 附表 after the prose whose figures are `stated`: every stated row (most of the time)
/// with the same 本年度 figure, channel rows the prose does not state, group headings and
/// provincial extras, in `layout`.
fn write_appendix(
    w: &mut Writer,
    seed: u64,
    layout: AppendixLayout,
    year: i32,
    agency: &str,
    stated: &[(&'static str, f64, u32)],
) -> Appendix {
    let mut rng = stream(seed, 0x00a9_9e4d);
    let rng = &mut rng;
    let table = gongkai_model::formats::get(gongkai_model::FormatId::Legacy).table("legacy");
    let label_of = |rng: &mut SmallRng, key: &str| -> String {
        let words: Vec<&str> = table
            .and_then(|t| t.row(key))
            .map(|r| {
                std::iter::once(r.label)
                    .chain(r.aliases.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        // 信函申请数 and 传真申请数 are aliases of one row: printing one of them is a different
        // indicator's wording. Keep to wordings that name the whole row.
        let words: Vec<&str> = words
            .into_iter()
            .filter(|w| !matches!(*w, "信函申请数" | "传真申请数"))
            .collect();
        pick(rng, &words).to_string()
    };
    let cumulative = chance(rng, 0.7);
    let mut rows: Vec<TableRow> = Vec::new();
    let heading = |label: &str| TableRow {
        label: label.to_string(),
        unit: "",
        key: None,
        year: None,
        cumulative: None,
    };
    let mut extras = 0usize;
    let mut value_row =
        |rng: &mut SmallRng, key: Option<&str>, label: String, unit: &'static str, v: f64| {
            // Money is printed in 元 (the prose's fees are 万元).
            let (printed, value) = if key == Some("fees") {
                let yuan = (v * 10_000.0).round() as u64;
                (yuan.to_string(), Some(yuan as f64 / 10_000.0))
            } else {
                let n = v.round() as u64;
                (n.to_string(), Some(n as f64))
            };
            let cum = if !cumulative {
                None
            } else if chance(rng, 0.1) {
                Some((pick(rng, &["/", "—"]).to_string(), None))
            } else if key == Some("fees") {
                let more = 10 * between(rng, 0, 500);
                let yuan = (v * 10_000.0).round() as u64 + more;
                Some((yuan.to_string(), Some(yuan as f64 / 10_000.0)))
            } else {
                let n = v.round() as u64 + log_uniform(rng, 1, 5000);
                Some((n.to_string(), Some(n as f64)))
            };
            let key = match key {
                Some(k) => k.to_string(),
                None => {
                    extras += 1;
                    format!("extra.{extras}")
                }
            };
            TableRow {
                label,
                unit,
                key: Some(key),
                year: Some((printed, value)),
                cumulative: cum,
            }
        };
    let value_of = |key: &str| {
        stated
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, v, _)| *v)
    };
    // Which stated rows the table prints (most of them; the others stay the prose's).
    let shown: Vec<&'static str> = stated
        .iter()
        .map(|(k, _, _)| *k)
        .filter(|_| chance(rng, 0.85))
        .collect();
    let numbering = pick(rng, &[0u8, 1, 2]);
    let number = |i: usize, label: String| match numbering {
        1 => format!("{}.{label}", i + 1),
        2 => format!("（{}）{label}", i + 1),
        _ => label,
    };

    rows.push(heading("一、主动公开情况"));
    for (i, key) in ["proactive_total", "proactive_website"]
        .into_iter()
        .enumerate()
    {
        if let Some(v) = value_of(key).filter(|_| shown.contains(&key)) {
            let label = number(i, label_of(rng, key));
            rows.push(value_row(rng, Some(key), label, "条", v));
        }
    }
    if chance(rng, 0.5) {
        let (label, unit) = pick(rng, &EXTRA_INDICATORS);
        let v = log_uniform(rng, 1, 50_000) as f64;
        rows.push(value_row(rng, None, label.to_string(), unit, v));
    }
    rows.push(heading("二、依申请公开情况"));
    if let Some(v) = value_of("requests_received").filter(|_| shown.contains(&"requests_received"))
    {
        let label = label_of(rng, "requests_received");
        rows.push(value_row(rng, Some("requests_received"), label, "件", v));
        // Channels the prose does not state: parts of the requests.
        let channels = split(rng, v.round() as u64, &[3.0, 4.0, 1.0, 1.0]);
        for (i, (key, n)) in [
            "requests_in_person",
            "requests_online",
            "requests_letter_fax",
            "requests_email",
        ]
        .into_iter()
        .zip(channels)
        .enumerate()
        {
            if chance(rng, 0.6) {
                let label = format!("其中：{}", number(i, label_of(rng, key)));
                let label = if i == 0 {
                    label
                } else {
                    number(i, label_of(rng, key))
                };
                rows.push(value_row(rng, Some(key), label, "件", n as f64));
            }
        }
    }
    for key in [
        "replies_total",
        "replies_granted",
        "replies_partial",
        "replies_refused",
        "replies_not_held",
        "replies_not_this_agency",
        "replies_already_public",
    ] {
        if let Some(v) = value_of(key).filter(|_| shown.contains(&key)) {
            let label = label_of(rng, key);
            rows.push(value_row(rng, Some(key), label, "件", v));
        }
    }
    rows.push(heading("三、收费及复议、诉讼情况"));
    for (key, unit) in [
        ("fees", "元"),
        ("reviews", "件"),
        ("lawsuits", "件"),
        ("complaints", "件"),
    ] {
        if let Some(v) = value_of(key).filter(|_| shown.contains(&key)) {
            let label = label_of(rng, key);
            rows.push(value_row(rng, Some(key), label, unit, v));
        }
    }
    if chance(rng, 0.5) {
        rows.push(heading("四、咨询情况"));
        let (label, unit) = pick(rng, &EXTRA_INDICATORS[..4]);
        let v = log_uniform(rng, 1, 5_000) as f64;
        rows.push(value_row(rng, None, label.to_string(), unit, v));
    }

    w.paragraph(vec![t("七、其他需要报告的事项")]);
    w.line(&format!("附表：{agency}{year}年度政府信息公开情况统计表"));
    let mut header: Vec<&str> = vec!["指标名称", "计量单位", "本年度"];
    if cumulative {
        header.push("历年累计");
    }
    let mut cells: Vec<AppendixCell> = Vec::new();
    let pad = |s: &str, width: usize| {
        let n = s.chars().count();
        format!("{s}{}", " ".repeat(width.saturating_sub(n).max(2)))
    };
    let header_line = match layout {
        AppendixLayout::CellPerLine => {
            let first = w.line + 1;
            for h in &header {
                w.line(h);
            }
            first
        }
        AppendixLayout::Pipe => {
            w.line(&header.join("|"));
            w.line
        }
        AppendixLayout::Tab => {
            w.line(&header.join("\t"));
            w.line
        }
        AppendixLayout::SpaceAligned => {
            let mut l = pad(header[0], 24);
            for h in &header[1..] {
                l.push_str(&pad(h, 8));
            }
            w.line(l.trim_end());
            w.line
        }
    };
    for row in &rows {
        let values: Vec<&(String, Option<f64>)> =
            row.year.iter().chain(row.cumulative.iter()).collect();
        let columns = ["year", "cumulative"];
        let mut record = |line: u32, i: usize, v: &(String, Option<f64>)| {
            if let (Some(key), Some(column)) = (&row.key, columns.get(i)) {
                cells.push(AppendixCell {
                    row: key.clone(),
                    column,
                    value: v.1,
                    line,
                });
            }
        };
        match layout {
            AppendixLayout::CellPerLine => {
                w.line(&row.label);
                if !row.unit.is_empty() {
                    w.line(row.unit);
                }
                for (i, v) in values.iter().enumerate() {
                    w.line(&v.0);
                    record(w.line, i, v);
                }
            }
            AppendixLayout::Pipe | AppendixLayout::Tab => {
                let sep = if layout == AppendixLayout::Pipe {
                    "|"
                } else {
                    "\t"
                };
                let mut parts: Vec<&str> = vec![&row.label, row.unit];
                parts.extend(values.iter().map(|v| v.0.as_str()));
                while parts.len() < header.len() {
                    parts.push("");
                }
                w.line(&parts.join(sep));
                for (i, v) in values.iter().enumerate() {
                    record(w.line, i, v);
                }
            }
            AppendixLayout::SpaceAligned => {
                if row.unit.is_empty() {
                    w.line(&row.label);
                } else {
                    let mut l = pad(&row.label, 24);
                    l.push_str(&pad(row.unit, 8));
                    for v in &values {
                        l.push_str(&pad(&v.0, 8));
                    }
                    w.line(l.trim_end());
                    for (i, v) in values.iter().enumerate() {
                        record(w.line, i, v);
                    }
                }
            }
        }
    }
    w.blank();
    w.line(agency);
    w.line(&format!("{}年3月20日", year + 1));
    Appendix {
        layout,
        cumulative,
        cells,
        header_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese(2), "两");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(11), "十一");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(35), "三十五");
    }

    #[test]
    fn figures_are_where_they_say() {
        for seed in 0..50 {
            let r = legacy_report(seed);
            for f in &r.figures {
                let printed = r.text.get(f.start..f.end).unwrap_or("");
                assert!(
                    !printed.is_empty() && printed.trim() == printed,
                    "{seed}: {f:?}"
                );
                let line = r.text[..f.start].matches('\n').count() as u32 + 1;
                assert_eq!(line, f.line);
            }
        }
    }
}
