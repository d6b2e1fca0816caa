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
    /// The `legacy` cells the text states: (row key, value in the row's unit, line).
    pub cells: Vec<(&'static str, f64, u32)>,
    pub figures: Vec<PrintedFigure>,
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

    LegacyReport {
        text: w.text,
        year,
        agency,
        cells,
        figures: w.figures,
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
