//! Prose rules: the figures a report states in its sentences (`report.statements`, read by
//! `gongkai-read`) checked against each other and against the report's tables.
//!
//! - PROSE-PARTS-SUM: parts listed after 其中 / （含…） add up to their whole;
//! - PROSE-PERCENT: a stated percentage matches its figures, to the printed precision;
//! - PROSE-VS-TABLE: a figure in the prose agrees with the table cell of the same meaning
//!   (REPORT-FORMAT.md §9 N-1); in a legacy report, with the cell an earlier statement filled;
//! - PROSE-VS-APPENDIX: in a legacy report, a figure in the prose agrees with the 附表's cell of
//!   the same meaning (the 附表 filled the cell: the table wins, the sentence is checked).
//!
//! Reading prose is interpretation — which figure is a part of which, what `占应公开数的100%`
//! divides by, whether `办理申请5件` means received or answered — so the rules fail only when no
//! reading of the text fits, hold when every reading fits, and are undecided (a notice) in
//! between. For the same reason a failing prose rule is a warning, not an error.
//!
//! [`evaluate`] returns every check, including those that hold, with its arithmetic: what the
//! tests hand-check and what a review tool can show as "checked". `check` reports the ones that
//! fail or cannot be decided.

use gongkai_model::report::format_value;
use gongkai_model::statement::parts_of;
use gongkai_model::{
    formats, CellKey, Finding, FormatId, Meaning, Message, Outcome, Quantity, Report, Severity,
    Source, Statement, StatementKind,
};

use crate::labels::cell_zh;
use crate::presence::table_shown;
use crate::rule::{t, Rule, RuleDoc, Run, ALL_FORMATS};

/// How far back (in statements) a rule looks for a denominator, a rate's operands, a count of
/// parts or a list's continuation: keeps the rules linear in the number of statements.
const WINDOW: usize = 64;

/// Terms listed one by one in evidence; longer sums end with `…`.
const MAX_LISTED_TERMS: usize = 20;

/// Rates and what they divide: (word in the subject, numerator, denominator).
const RATES: &[(&str, Meaning, Meaning)] = &[
    ("答复率", Meaning::RepliesTotal, Meaning::RequestsReceived),
    ("回复率", Meaning::RepliesTotal, Meaning::RequestsReceived),
    ("办结率", Meaning::RepliesTotal, Meaning::RequestsReceived),
];

/// Words in a share's description saying it is of a total (so a part is not the denominator).
const TOTAL_WORDS: &[&str] = &["总数", "总量", "总计", "总额", "全部", "总和"];

/// Words naming a catch-all part, which makes a list complete.
const OTHER_WORDS: &[&str] = &["其他", "其它", "其余", "剩余"];

pub(crate) static PROSE_PARTS_SUM: Rule = Rule {
    doc: RuleDoc {
        id: "PROSE-PARTS-SUM",
        severity: Severity::Warning,
        name: t("正文分项之和", "Parts stated in the prose add up"),
        summary: t(
            "正文中“其中……”“（含……）”“包括……”列出的各分项之和，应等于前面所述的总数。分项之和大于总数的不通过；小于总数时，能确定所列已是全部的（分项个数与文中写明的个数相符，分项都是答复类型，或列有“其他”项）不通过，否则只作提示。同一段落接下来的句子里接着列出的同类数字，若恰好补足总数，也算作分项。",
            "The parts a sentence lists after 其中 (of which), （含…） or 包括 must add up to the whole stated before them. Parts adding up to more than the whole fail. Parts adding up to less fail when the list is known to be complete (as many parts as the text says there are, all parts reply types, or an “other” part listed), and are a notice otherwise. Figures of the same kind that the following sentences of the paragraph go on to list count as parts when they make up the whole exactly.",
        ),
        why: t(
            "正文是多数读者唯一会读的部分，2019年以前的报告更是只有正文。分项与总数对不上，说明有数字抄错或统计有误，读者无从知道哪个数字是对的。",
            "The prose is all that most readers read, and before 2019 it was all there was. Parts that do not add up to their whole mean a figure was copied or counted wrongly, and a reader cannot tell which one.",
        ),
        example: t(
            "“主动公开信息8052条。其中，乡镇人民政府主动公开政府信息1384条，市政府有关部门主动公开政府信息6669条。”1384+6669=8053，多于8052。",
            "“主动公开信息8052条。其中，乡镇…1384条，市政府有关部门…6669条。” 1384 + 6669 = 8053, more than 8052.",
        ),
        fix: t(
            "按台账核对总数和每一个分项，改正有误的数字。所列分项本来就不是全部的，可写明“其中包括”，或补列“其他”项。",
            "Check the whole and every part against the register and correct the wrong figure. If the parts were never meant to be all of it, say so (其中包括) or add an “other” part.",
        ),
        formula: Some(t("总数 = Σ 分项", "whole = Σ parts")),
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(run_parts)),
};

pub(crate) static PROSE_PERCENT: Rule = Rule {
    doc: RuleDoc {
        id: "PROSE-PERCENT",
        severity: Severity::Warning,
        name: t("正文百分比", "Percentages stated in the prose"),
        summary: t(
            "正文中的百分比应与它所依据的数字相符，精确到报告印出的位数（四舍五入或直接截去均可）。“占……的”百分比以前面的数字为分子、以“占”后所说的数字为分母；答复率、办结率以答复（办结）数为分子、收到申请数为分母。分母有几种可能而结论不同的，只作提示。",
            "A percentage in the prose must match the figures it is computed from, to the precision printed (rounded or cut off). A share (占…的 P%) divides the figure before it by the figure its words name; a reply or completion rate (答复率, 办结率) divides the replies by the requests received. When the denominator could be more than one figure and they disagree, the finding is a notice.",
        ),
        why: t(
            "百分比是读者最先记住的数字。算错的百分比会误导读者，也说明它所依据的数字可能有误。",
            "Percentages are what readers remember. A wrong one misleads them, and often points to a wrong figure behind it.",
        ),
        example: t(
            "“全市通过政府网站公开信息7136条，占主动公开政府信息总数的86.6%”，而主动公开总数为8052条：7136÷8052=88.62%。",
            "“全市通过政府网站公开信息7136条，占主动公开政府信息总数的86.6%” with 8052 items in all: 7136 / 8052 = 88.62%.",
        ),
        fix: t(
            "用报告中的数字重新计算百分比；若百分比无误，则核对作为分子或分母的数字。",
            "Recompute the percentage from the report's figures; if it is right, check the figures it divides.",
        ),
        formula: Some(t("百分比 ≈ 分子 ÷ 分母 × 100", "percentage ≈ numerator / denominator × 100")),
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(run_percent)),
};

pub(crate) static PROSE_VS_TABLE: Rule = Rule {
    doc: RuleDoc {
        id: "PROSE-VS-TABLE",
        severity: Severity::Warning,
        name: t("正文与表格一致", "Prose agrees with the tables"),
        summary: t(
            "正文中关于依申请公开和行政复议、行政诉讼的数字，应与同一报告表格中的数字一致：收到申请数与表三“一、本年新收”的总计（写明“含上年结转”的，与“一”“二”之和），办结（答复）数与“（七）总计”，上年结转数与“二”，结转下年度数与“四”，予以公开、部分公开、不予公开的件数与相应各行，行政复议、行政诉讼件数与表四。“未收到政府信息公开申请”“未发生行政复议、行政诉讼”等说法也应与表中的0一致。2019年以前的报告没有统一表格，同一指标在正文中前后两处的数字应一致。一个说法可有几种理解（如“办理依申请公开案件5件”可指收到，也可指办结），而各种理解结论不同的，只作提示。",
            "Figures the prose gives about requests, reviews and lawsuits must agree with the same report's tables: requests received with Table 3 row 一 (total column; with 二 when the text says it includes those carried in), requests answered with （七）总计, carried over from last year with 二, carried over to next year with 四, granted, partly granted and refused with their rows, reviews and lawsuits with Table 4. “No requests received” and “no reviews or lawsuits” must agree with zeros in the tables. In pre-2019 reports, which have no unified tables, two statements of the same figure must agree. When a statement can be read more than one way (办理…申请5件: received, or answered) and the readings disagree, the finding is a notice.",
        ),
        why: t(
            "审核中常见的问题（REPORT-FORMAT §9 N-1）：正文写“收到申请12件”，表三却填11件。读者会引用正文，统计会使用表格，两者不一致就有一处是错的。",
            "A common review finding (REPORT-FORMAT §9 N-1): the text says 12 requests were received, Table 3 says 11. Readers quote the text and statistics use the tables; when they differ, one of them is wrong.",
        ),
        example: t(
            "正文：“全年共收到政府信息公开申请40件”；表三“一、本年新收政府信息公开申请数量”总计为42。",
            "Text: “全年共收到政府信息公开申请40件”; Table 3 row received, column total, is 42.",
        ),
        fix: t(
            "按台账确定正确的数字，同时改正正文和表格中错误的一处。",
            "Establish the right figure from the register and correct whichever of the text and the table is wrong.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(run_vs_table)),
};

pub(crate) static PROSE_VS_APPENDIX: Rule = Rule {
    doc: RuleDoc {
        id: "PROSE-VS-APPENDIX",
        severity: Severity::Warning,
        name: t("正文与附表一致", "Prose agrees with the statistics appendix"),
        summary: t(
            "2019年以前的报告常在文末附有“政府信息公开情况统计表”（指标名称、计量单位、本年度、历年累计）。正文中的数字应与附表中同一指标的本年度数字一致：主动公开信息数、通过政府网站公开数、收到申请数、答复总数、同意公开、同意部分公开、不予公开答复数、收费金额（元与万元换算后比较）、行政复议数、行政诉讼数、申诉数等。“未收到申请”“未发生行政诉讼”等说法应与附表中的0一致。附表和正文都有的指标，以附表为准，正文说法不同的报告此项。一个说法可有几种理解而结论不同的，只作提示。",
            "Reports before 2019 often end with a statistics appendix (政府信息公开情况统计表: indicator, unit, this year, cumulative). A figure the prose states must agree with the appendix's this-year figure of the same indicator: items published proactively, through the website, requests received, replies, granted, partly granted and refused replies, fees (compared in 万元, whatever the unit printed), reviews, lawsuits, complaints. “No requests received” and “no lawsuits” must agree with zeros in the appendix. Where both state a figure, the appendix's cell is the report's value; a sentence that says otherwise is reported here. When a statement can be read more than one way and the readings disagree, the finding is a notice.",
        ),
        why: t(
            "附表是按统一指标填报、汇总的数字，正文是读者引用的数字。两者不一致，读者和汇总统计就会得出不同的结论，其中必有一处是错的。",
            "The appendix holds the figures filed and summed by indicator; the prose holds the figures readers quote. When they differ, readers and the statistics reach different conclusions, and one of them is wrong.",
        ),
        example: t(
            "正文：“其中通过政府网站公开1102条”；附表“通过政府网站公开数”本年度为1120条。",
            "Text: “其中通过政府网站公开1102条”; the appendix row 通过政府网站公开数, this year, is 1120.",
        ),
        fix: t(
            "按台账确定正确的数字，同时改正正文和附表中错误的一处。",
            "Establish the right figure from the register and correct whichever of the text and the appendix is wrong.",
        ),
        formula: None,
        formats: &[FormatId::Legacy],
    },
    run: Some(Run::Report(run_vs_appendix)),
};

/// What a check of the prose found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Holds,
    Fails,
    /// The text can be read more than one way and the readings disagree, or a list of parts
    /// may not be complete.
    Undecided,
}

/// One check of the prose, with its arithmetic, whatever its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct ProseCheck {
    pub rule: &'static str,
    pub verdict: Verdict,
    /// The arithmetic, language-neutral: `1383 + 6669 = 8052`, `7136 / 8052 = 88.62% ≈ 88.6%`.
    pub evidence: String,
    pub message: Message,
    /// Where to show it: the statement the check is about.
    pub location: Source,
    /// The statements involved (indices into `report.statements`), the one checked first.
    pub statements: Vec<usize>,
    /// The table cells involved.
    pub cells: Vec<CellKey>,
}

/// Every check of the prose rules over `report`, in document order.
pub fn evaluate(report: &Report) -> Vec<ProseCheck> {
    let mut all = parts_sums(report);
    all.extend(percentages(report));
    all.extend(against_tables(report));
    all.sort_by_key(|c| report.order_key(&c.location));
    all
}

fn run_parts(report: &Report) -> Vec<Finding> {
    findings(&PROSE_PARTS_SUM.doc, parts_sums_with(report, false))
}

fn run_percent(report: &Report) -> Vec<Finding> {
    findings(&PROSE_PERCENT.doc, percentages(report))
}

fn run_vs_table(report: &Report) -> Vec<Finding> {
    let checks = compared_with_tables(report, false)
        .into_iter()
        .filter(|c| c.rule == PROSE_VS_TABLE.doc.id)
        .collect();
    findings(&PROSE_VS_TABLE.doc, checks)
}

fn run_vs_appendix(report: &Report) -> Vec<Finding> {
    let checks = compared_with_tables(report, false)
        .into_iter()
        .filter(|c| c.rule == PROSE_VS_APPENDIX.doc.id)
        .collect();
    findings(&PROSE_VS_APPENDIX.doc, checks)
}

/// Failing checks at the rule's severity; undecided ones as notices.
fn findings(doc: &RuleDoc, checks: Vec<ProseCheck>) -> Vec<Finding> {
    checks
        .into_iter()
        .filter_map(|c| {
            let f = match c.verdict {
                Verdict::Holds => return None,
                Verdict::Fails => doc.finding(Outcome::Fail, c.message),
                Verdict::Undecided => {
                    Finding::new(doc.id, Severity::Notice, Outcome::Uncertain, c.message)
                }
            };
            Some(
                f.with_evidence(c.evidence)
                    .with_cells(c.cells)
                    .at(c.location),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// PROSE-PARTS-SUM

/// A statement's quantity in the unit of comparison (万元 for money).
fn in_common_unit(s: &Statement) -> Quantity {
    s.wanyuan().unwrap_or(s.quantity)
}

fn sum(qs: &[Quantity]) -> Quantity {
    let lo = qs.iter().map(|q| q.lo).sum();
    let hi = qs.iter().map(|q| q.hi).sum();
    Quantity {
        lo,
        hi,
        exact: qs.iter().all(|q| q.exact),
    }
}

/// `a + b + c` (at most [`MAX_LISTED_TERMS`] terms, then `…`).
fn terms(qs: &[Quantity]) -> String {
    let mut s: Vec<String> = qs
        .iter()
        .take(MAX_LISTED_TERMS)
        .map(|q| q.to_string())
        .collect();
    if qs.len() > MAX_LISTED_TERMS {
        s.push("…".to_string());
    }
    s.join(" + ")
}

fn eps(v: f64) -> f64 {
    1e-9 * v.abs().max(1.0)
}

/// The sums of parts stated in the prose: one check per list of parts (the parts a whole gets
/// in one sentence; parts listed in another sentence are another breakdown of it).
pub fn parts_sums(report: &Report) -> Vec<ProseCheck> {
    parts_sums_with(report, true)
}

/// [`parts_sums`]; the checks that hold only when `holding` (a rule's findings leave them out,
/// and their messages are most of the work).
fn parts_sums_with(report: &Report, holding: bool) -> Vec<ProseCheck> {
    let all = &report.statements;
    let mut out = Vec::new();
    for (wi, w) in all.iter().enumerate() {
        if w.kind != StatementKind::Figure || w.parts.is_empty() {
            continue;
        }
        let parts: Vec<(usize, &Statement)> = parts_of(all, wi)
            .filter(|(_, p)| p.kind == StatementKind::Figure && w.unit.covers(p.unit))
            .collect();
        for list in parts.chunk_by(|(_, a), (_, b)| a.sentence_no == b.sentence_no) {
            out.extend(one_list(all, wi, w, list, holding));
        }
    }
    out
}

/// The check of one list of parts of `w` (statement `wi`); `None` for a check that holds unless
/// `holding`.
fn one_list(
    all: &[Statement],
    wi: usize,
    w: &Statement,
    parts: &[(usize, &Statement)],
    holding: bool,
) -> Option<ProseCheck> {
    let &(last, _) = parts.last()?;
    let whole = in_common_unit(w);
    let mut qs: Vec<Quantity> = parts.iter().map(|(_, p)| in_common_unit(p)).collect();
    let mut involved: Vec<usize> = std::iter::once(wi)
        .chain(parts.iter().map(|(i, _)| *i))
        .collect();
    let total = sum(&qs);
    let unit = w.unit.zh();
    let quote = &w.text;
    let check = |verdict, evidence, message, statements| ProseCheck {
        rule: PROSE_PARTS_SUM.doc.id,
        verdict,
        evidence,
        message,
        location: w.source,
        statements,
        cells: Vec::new(),
    };
    if total.lo > whole.hi + eps(whole.hi) {
        return Some(check(
            Verdict::Fails,
            format!("{} = {} > {}", terms(&qs), total, whole),
            Message::new(
                format!(
                    "「{quote}」其中所列{}项之和为{total}{unit}，多于总数{whole}{unit}",
                    qs.len()
                ),
                format!(
                    "the {} parts listed under “{quote}” add up to {total}, more than the whole ({whole})",
                    qs.len()
                ),
            ),
            involved,
        ));
    }
    if total.hi + eps(total.hi) >= whole.lo {
        if !holding {
            return None;
        }
        return Some(check(
            Verdict::Holds,
            format!("{} = {}", terms(&qs), total),
            Message::new(
                format!("「{quote}」其中所列各项之和与总数相符"),
                format!("the parts listed under “{quote}” add up to the whole"),
            ),
            involved,
        ));
    }
    // Short of the whole: maybe the following sentences go on listing parts.
    if total.exact && whole.exact {
        if let Some(more) = completion(all, w, last, total.lo, whole.lo) {
            if !holding {
                return None;
            }
            let taken = more.len();
            for (j, q) in more {
                qs.push(Quantity::exact(q));
                involved.push(j);
            }
            return Some(check(
                Verdict::Holds,
                format!("{} = {}", terms(&qs), whole),
                Message::new(
                    format!("「{quote}」的各分项（含后续句子中接着列出的{taken}项）之和与总数相符"),
                    format!("the parts of “{quote}”, with {taken} listed in the sentences after it, add up to the whole"),
                ),
                involved,
            ));
        }
    }
    if parts.len() < 2 {
        // One part (`其中网上申请5件`) says "of which", not "made up of".
        return None;
    }
    let (verdict, zh_end, en_end) = match completeness(all, wi, w, parts) {
        Some((zh, en)) => (
            Verdict::Fails,
            format!("；{zh}，所列应是全部"),
            format!("; {en}, so the list should be complete"),
        ),
        None => (
            Verdict::Undecided,
            "；所列可能不是全部".to_string(),
            "; the list may not be complete".to_string(),
        ),
    };
    Some(check(
        verdict,
        format!("{} = {} < {}", terms(&qs), total, whole),
        Message::new(
            format!(
                "「{quote}」其中所列{}项之和为{total}{unit}，少于总数{whole}{unit}{zh_end}",
                qs.len()
            ),
            format!(
                "the {} parts listed under “{quote}” add up to {total}, less than the whole ({whole}){en_end}",
                qs.len()
            ),
        ),
        involved,
    ))
}

/// The figures after a list's last part that make up what the listed parts (`have`) fall short
/// of the whole (`want`) exactly, if there are such: the paragraph's next figures of the same
/// kind of unit that are not parts or wholes of their own, taken in order, stopping at another
/// headline figure. An exact total over several figures does not happen by chance.
fn completion(
    all: &[Statement],
    w: &Statement,
    last: usize,
    have: f64,
    want: f64,
) -> Option<Vec<(usize, f64)>> {
    let mut acc = have;
    let mut taken = Vec::new();
    for (j, v) in continuation(all, w, last) {
        if acc + v > want + eps(want) {
            return None;
        }
        acc += v;
        taken.push((j, v));
        if (acc - want).abs() <= eps(want) {
            return Some(taken);
        }
    }
    None
}

/// Figures after a list's last part, in the same paragraph, that could go on listing parts of
/// `w`: same kind of unit, not parts or wholes of their own, not another headline figure.
fn continuation(all: &[Statement], w: &Statement, last: usize) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    for (j, s) in all.iter().enumerate().skip(last + 1).take(WINDOW) {
        if s.paragraph_no != w.paragraph_no {
            break;
        }
        if s.meaning.is_some_and(Meaning::is_headline) {
            break;
        }
        if s.kind != StatementKind::Figure
            || s.part_of.is_some()
            || !s.parts.is_empty()
            || !w.unit.covers(s.unit)
        {
            continue;
        }
        match in_common_unit(s).value() {
            Some(v) => out.push((j, v)),
            None => break,
        }
    }
    out
}

/// Why a list of parts is known to be complete, if it is.
fn completeness(
    all: &[Statement],
    wi: usize,
    w: &Statement,
    parts: &[(usize, &Statement)],
) -> Option<(String, String)> {
    let n = parts.len() as f64;
    let counted = all[..wi]
        .iter()
        .rev()
        .take(WINDOW)
        .take_while(|s| s.sentence_no == w.sentence_no)
        .find(|s| s.unit.is_classifier() && s.quantity.value() == Some(n));
    if let Some(c) = counted {
        return Some((
            format!("文中写明「{}」，与所列项数相符", c.text),
            format!("the text says “{}”, as many as are listed", c.text),
        ));
    }
    let all_replies = parts
        .iter()
        .all(|(_, p)| p.meaning.is_some_and(Meaning::is_reply_type));
    if matches!(
        w.meaning,
        Some(Meaning::RepliesTotal | Meaning::RequestsReceived)
    ) && all_replies
    {
        return Some((
            "各分项是答复类型，每件答复只属于一种类型".to_string(),
            "the parts are reply types, and each reply is of exactly one type".to_string(),
        ));
    }
    let all_channels = parts
        .iter()
        .all(|(_, p)| p.meaning.is_some_and(Meaning::is_request_channel));
    if w.meaning == Some(Meaning::RequestsReceived) && all_channels {
        return Some((
            "各分项是申请方式，每件申请只属于一种方式".to_string(),
            "the parts are ways of applying, and each request came one way".to_string(),
        ));
    }
    parts
        .iter()
        .find(|(_, p)| OTHER_WORDS.iter().any(|o| p.subject.contains(o)))
        .map(|(_, p)| {
            (
                format!("列有「{}」项", p.subject),
                format!("a catch-all part “{}” is listed", p.subject),
            )
        })
}

// ---------------------------------------------------------------------------------------------
// PROSE-PERCENT

/// Whether the percentage printed as `p` (with `decimals` digits) fits `n / d`, and the
/// computed range of `n / d` in percent. `None` when `d` may be zero.
fn ratio(n: Quantity, d: Quantity, p: Quantity, decimals: u8) -> Option<(bool, f64, f64)> {
    if d.hi <= 0.0 {
        return None;
    }
    let x_lo = 100.0 * n.lo / d.hi;
    let x_hi = if d.lo > 0.0 {
        100.0 * n.hi / d.lo
    } else {
        f64::INFINITY
    };
    let step = 10f64.powi(-i32::from(decimals));
    // Rounded (P ± step/2) or cut off (P ≤ x < P + step).
    let fits = x_hi >= p.lo - step / 2.0 - 1e-9 && x_lo < p.hi + step - 1e-9;
    Some((fits, x_lo, x_hi))
}

/// `88.62%` (one digit more than printed), or a range for approximations.
fn pct(x_lo: f64, x_hi: f64, decimals: u8) -> String {
    let d = usize::from(decimals) + 1;
    if (x_hi - x_lo).abs() < 1e-12 {
        format!("{x_lo:.d$}%")
    } else if x_hi.is_finite() {
        format!("{x_lo:.d$}%..{x_hi:.d$}%")
    } else {
        format!("≥{x_lo:.d$}%")
    }
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How much two subjects share: the number of character pairs of `a` found in `b`.
fn overlap(a: &[(char, char)], b: &str) -> usize {
    let b = bigrams(b);
    a.iter().filter(|x| b.contains(x)).count()
}

/// Stated percentages checked against their figures.
pub fn percentages(report: &Report) -> Vec<ProseCheck> {
    let all = &report.statements;
    let mut out = Vec::new();
    for (pi, p) in all.iter().enumerate() {
        if p.kind != StatementKind::Percent {
            continue;
        }
        let check = match p.share_of {
            Some(ni) => share(all, pi, p, ni),
            None => rate(all, pi, p),
        };
        out.extend(check);
    }
    out
}

/// `N条，占…的P%`: P against N over the figure the words after 占 name.
fn share(all: &[Statement], pi: usize, p: &Statement, ni: usize) -> Option<ProseCheck> {
    let n = all.get(ni)?;
    let nq = in_common_unit(n);
    let of_total = TOTAL_WORDS.iter().any(|w| p.subject.contains(w));
    let want = bigrams(&p.subject);
    let candidates: Vec<(usize, &Statement, usize)> = all[..pi]
        .iter()
        .enumerate()
        .rev()
        .take(WINDOW)
        .filter(|(j, d)| {
            *j != ni
                && d.kind == StatementKind::Figure
                && (d.unit.covers(n.unit) || n.unit.covers(d.unit))
                && !(of_total && d.part_of.is_some())
                && d.part_of != Some(ni)
                && (p.quantity.hi > 100.0 || in_common_unit(d).hi >= nq.lo)
        })
        .map(|(j, d)| (j, d, overlap(&want, &d.subject)))
        .collect();
    let same_para: Vec<&(usize, &Statement, usize)> = candidates
        .iter()
        .filter(|(_, d, _)| d.paragraph_no == p.paragraph_no)
        .collect();
    // The best named: most shared wording, then the nearest (candidates run backwards).
    let best = candidates
        .iter()
        .filter(|(_, _, s)| *s > 0)
        .max_by_key(|(j, _, s)| (*s, *j))
        .or(match same_para.as_slice() {
            [only] => Some(*only),
            _ => None,
        })?;
    let (bj, d, _) = *best;
    let (fits, x_lo, x_hi) = ratio(nq, in_common_unit(d), p.quantity, p.decimals)?;
    let printed = &p.text;
    let computed = pct(x_lo, x_hi, p.decimals);
    let evidence = format!(
        "{} / {} = {computed} {} {printed}",
        nq,
        in_common_unit(d),
        if fits { "≈" } else { "≠" }
    );
    let base = ProseCheck {
        rule: PROSE_PERCENT.doc.id,
        verdict: Verdict::Holds,
        evidence,
        message: Message::new(
            format!(
                "「{}」占「{}」（{}）的{printed}与计算相符",
                n.text, p.subject, d.text
            ),
            format!(
                "“{}” is {printed} of “{}” ({}), as computed",
                n.text, p.subject, d.text
            ),
        ),
        location: p.source,
        statements: vec![pi, ni, bj],
        cells: Vec::new(),
    };
    if fits {
        return Some(base);
    }
    // Another figure of the paragraph that fits makes the denominator ambiguous, not wrong.
    let other = same_para.iter().find_map(|(j, d2, _)| {
        let (ok, lo, hi) = ratio(nq, in_common_unit(d2), p.quantity, p.decimals)?;
        (ok && *j != bj).then_some((*j, *d2, lo, hi))
    });
    match other {
        Some((j2, d2, lo2, hi2)) => Some(ProseCheck {
            verdict: Verdict::Undecided,
            evidence: format!(
                "{} / {} = {computed}; {} / {} = {}",
                nq,
                in_common_unit(d),
                nq,
                in_common_unit(d2),
                pct(lo2, hi2, p.decimals)
            ),
            message: Message::new(
                format!(
                    "「{}」占「{}」的{printed}，分母不明确：按「{}」计为{computed}，不符；按「{}」计为{}，相符",
                    n.text,
                    p.subject,
                    d.text,
                    d2.text,
                    pct(lo2, hi2, p.decimals)
                ),
                format!(
                    "“{}” as {printed} of “{}” depends on what that is: it is {computed} of “{}” but {} of “{}”",
                    n.text,
                    p.subject,
                    d.text,
                    pct(lo2, hi2, p.decimals),
                    d2.text
                ),
            ),
            statements: vec![pi, ni, bj, j2],
            ..base
        }),
        None => Some(ProseCheck {
            verdict: Verdict::Fails,
            message: Message::new(
                format!(
                    "「{}」占「{}」（{}）的比例应为{computed}，报告写作{printed}",
                    n.text, p.subject, d.text
                ),
                format!(
                    "“{}” is {computed} of “{}” ({}), but the report says {printed}",
                    n.text, p.subject, d.text
                ),
            ),
            ..base
        }),
    }
}

/// `答复率100%`: replies over requests received, both stated in the same paragraph.
fn rate(all: &[Statement], pi: usize, p: &Statement) -> Option<ProseCheck> {
    let (word, num, den) = RATES.iter().find(|(w, _, _)| p.subject.contains(w))?;
    let find = |m: Meaning| {
        all[..pi]
            .iter()
            .enumerate()
            .rev()
            .take(WINDOW)
            .take_while(|(_, s)| s.paragraph_no == p.paragraph_no)
            .find(|(_, s)| {
                s.meaning == Some(m) && !s.is_ambiguous() && s.kind != StatementKind::Percent
            })
    };
    let (ni, n) = find(*num)?;
    let (di, d) = find(*den)?;
    let (fits, x_lo, x_hi) = ratio(n.quantity, d.quantity, p.quantity, p.decimals)?;
    let printed = &p.text;
    let computed = pct(x_lo, x_hi, p.decimals);
    Some(ProseCheck {
        rule: PROSE_PERCENT.doc.id,
        verdict: if fits { Verdict::Holds } else { Verdict::Fails },
        evidence: format!(
            "{} / {} = {computed} {} {printed}",
            n.quantity,
            d.quantity,
            if fits { "≈" } else { "≠" }
        ),
        message: if fits {
            Message::new(
                format!("{word}{printed}与「{}」「{}」相符", n.text, d.text),
                format!(
                    "the {word} of {printed} agrees with “{}” and “{}”",
                    n.text, d.text
                ),
            )
        } else {
            Message::new(
                format!(
                    "{word}应为{computed}（{}÷{}），报告写作{printed}",
                    n.text, d.text
                ),
                format!(
                    "the {word} should be {computed} (“{}” of “{}”), but the report says {printed}",
                    n.text, d.text
                ),
            )
        },
        location: p.source,
        statements: vec![pi, ni, di],
        cells: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// PROSE-VS-TABLE

use gongkai_model::formats::WITHHELD_ROWS as WITHHELD;

/// A cell of 表三's total column.
const fn req(row: &'static str) -> CellKey {
    CellKey {
        table: "requests",
        row,
        column: "total",
    }
}

/// A cell of 表四's total column.
const fn rev(row: &'static str) -> CellKey {
    CellKey {
        table: "review_litigation",
        row,
        column: "total",
    }
}

/// The 不予公开 rows' cells of 表三's total column.
const WITHHELD_TOTALS: [CellKey; WITHHELD.len()] = {
    let mut out = [req(""); WITHHELD.len()];
    let mut i = 0;
    while i < WITHHELD.len() {
        out[i] = req(WITHHELD[i]);
        i += 1;
    }
    out
};

/// The cells of the 2019/2021 tables whose sum is what a meaning counts.
fn table_terms(m: Meaning) -> Option<&'static [CellKey]> {
    const RECEIVED: &[CellKey] = &[req("received")];
    const CARRIED_IN: &[CellKey] = &[req("carried_in")];
    const CARRIED_OUT: &[CellKey] = &[req("carried_out")];
    const ON_HAND: &[CellKey] = &[req("received"), req("carried_in")];
    const REPLIES: &[CellKey] = &[req("total")];
    const GRANTED: &[CellKey] = &[req("granted")];
    const PARTIAL: &[CellKey] = &[req("partially_granted")];
    const DISCLOSED: &[CellKey] = &[req("granted"), req("partially_granted")];
    const REVIEWS: &[CellKey] = &[rev("review")];
    const LAWSUITS: &[CellKey] = &[rev("litigation_direct"), rev("litigation_after_review")];
    Some(match m {
        Meaning::RequestsReceived => RECEIVED,
        Meaning::RequestsCarriedIn => CARRIED_IN,
        Meaning::RequestsCarriedOut => CARRIED_OUT,
        Meaning::RequestsOnHand => ON_HAND,
        Meaning::RepliesTotal => REPLIES,
        Meaning::RepliesGranted => GRANTED,
        Meaning::RepliesPartial => PARTIAL,
        Meaning::RepliesDisclosed => DISCLOSED,
        Meaning::RepliesRefused => &WITHHELD_TOTALS,
        Meaning::Reviews => REVIEWS,
        Meaning::Lawsuits => LAWSUITS,
        _ => return None,
    })
}

/// One reading of a statement compared with the table: the cells, their values (when all
/// have one) and whether the statement admits their sum.
struct Compared {
    meaning: Meaning,
    /// Whether the cell is a 附表's (a legacy report's statistics appendix), not a sentence's.
    appendix: bool,
    cells: Vec<CellKey>,
    values: Option<Vec<f64>>,
    fits: Option<bool>,
}

/// Figures in the prose checked against the report's tables (or, in a legacy report, against
/// the cell its 附表 or another statement filled: PROSE-VS-APPENDIX and PROSE-VS-TABLE).
pub fn against_tables(report: &Report) -> Vec<ProseCheck> {
    compared_with_tables(report, true)
}

/// [`against_tables`]; the checks that hold only when `holding` (a rule's findings leave them
/// out, and their messages are most of the work).
fn compared_with_tables(report: &Report, holding: bool) -> Vec<ProseCheck> {
    let mut out = Vec::new();
    for (si, s) in report.statements.iter().enumerate() {
        if s.kind == StatementKind::Percent || s.meaning.is_none() {
            continue;
        }
        if !holding {
            // Most statements hold: told from whether each reading fits, before the cells and
            // values of the readings are gathered for a message.
            let fits = s.readings().filter_map(|m| fits(report, s, m));
            if matches!(verdict_of_fits(fits), None | Some(Verdict::Holds)) {
                continue;
            }
        }
        let readings: Vec<Compared> = s.readings().filter_map(|m| compare(report, s, m)).collect();
        let Some(verdict_now) = verdict_of_fits(readings.iter().map(|r| r.fits)) else {
            continue;
        };
        if !holding && verdict_now == Verdict::Holds {
            continue;
        }
        out.push(verdict(report, si, s, &readings));
    }
    out
}

/// The cells one reading of a statement is compared with.
enum Terms {
    /// Cells of the 2019/2021 tables ([`table_terms`]).
    Table(&'static [CellKey]),
    /// The `legacy` cell of the meaning.
    Legacy(CellKey),
}

impl Terms {
    fn keys(&self) -> &[CellKey] {
        match self {
            Terms::Table(keys) => keys,
            Terms::Legacy(key) => std::slice::from_ref(key),
        }
    }
}

/// What one reading of a statement is compared with: the cells whose sum it states (with, in
/// a legacy report, the cell as read) and the stated quantity (in 万元 for fees); `None` when
/// nothing in the report is to be compared with it.
fn reading<'r>(
    report: &'r Report,
    s: &Statement,
    m: Meaning,
) -> Option<(Terms, Option<&'r gongkai_model::Cell>, Quantity)> {
    let (terms, legacy_cell) = if report.format == FormatId::Legacy {
        let key = formats::intern("legacy", m.legacy_row()?, "year")?;
        // A cell this statement filled says nothing about it.
        let cell = report.cell(&key).filter(|c| c.source != s.source)?;
        (Terms::Legacy(key), Some(cell))
    } else {
        let keys = table_terms(m)?;
        let table = keys.first()?.table;
        if !table_shown(report, table) {
            return None;
        }
        (Terms::Table(keys), None)
    };
    let stated = if m == Meaning::Fees {
        match s.wanyuan() {
            Some(q) => q,
            None if s.kind == StatementKind::Words => Quantity::exact(0.0),
            None => return None,
        }
    } else {
        s.quantity
    };
    Some((terms, legacy_cell, stated))
}

/// The value of a cell that has one, for comparing prose with it.
fn term_value(report: &Report, key: &CellKey) -> Option<f64> {
    report
        .cell(key)
        .filter(|c| c.state.has_value())
        .and_then(|c| c.value)
}

/// Whether the statement admits the sum of the values (`None` when a cell has none).
fn admits_sum(stated: Quantity, values: impl Iterator<Item = Option<f64>>) -> Option<bool> {
    let sum: Option<f64> = values.sum();
    sum.map(|sum| stated.admits(sum))
}

fn compare(report: &Report, s: &Statement, m: Meaning) -> Option<Compared> {
    let (terms, legacy_cell, stated) = reading(report, s, m)?;
    let appendix = legacy_cell.is_some_and(|cell| from_appendix(report, cell));
    let cells = terms.keys().to_vec();
    let values: Option<Vec<f64>> = cells.iter().map(|k| term_value(report, k)).collect();
    let fits = values
        .as_deref()
        .and_then(|v| admits_sum(stated, v.iter().map(|x| Some(*x))));
    Some(Compared {
        meaning: m,
        appendix,
        cells,
        values,
        fits,
    })
}

/// [`compare`]'s `fits` alone, without gathering the cells and values: `None` when `compare`
/// is `None`.
fn fits(report: &Report, s: &Statement, m: Meaning) -> Option<Option<bool>> {
    let (terms, _, stated) = reading(report, s, m)?;
    Some(admits_sum(
        stated,
        terms.keys().iter().map(|k| term_value(report, k)),
    ))
}

/// Whether a `legacy` cell was read from the report's 附表: the report printed one, and no
/// statement of the prose is where the cell is (prose fills a cell with the statement's place).
fn from_appendix(report: &Report, cell: &gongkai_model::Cell) -> bool {
    report.has_table("legacy") && !report.statements.iter().any(|st| st.source == cell.source)
}

/// How a reading's cells are named: `表三「一、本年新收…」行「总计」列（L36）`.
fn cells_zh(report: &Report, cells: &[CellKey]) -> String {
    let format = report.format_def();
    let mut names: Vec<String> = cells.iter().map(|k| cell_zh(format, k)).collect();
    if names.len() > 3 {
        let n = names.len();
        names.truncate(2);
        names.push(format!("等{n}个单元格"));
    }
    let place = cells
        .iter()
        .filter_map(|k| report.cell(k))
        .map(|c| c.source)
        .find(|s| !s.is_none())
        .map(|s| format!("（{s}）"))
        .unwrap_or_default();
    let joined = names.join("、");
    if cells.len() > 1 {
        format!("{joined}之和{place}")
    } else {
        format!("{joined}{place}")
    }
}

fn cells_en(report: &Report, cells: &[CellKey]) -> String {
    let mut names: Vec<String> = cells.iter().map(|k| k.to_string()).collect();
    if names.len() > 3 {
        let n = names.len();
        names.truncate(2);
        names.push(format!("… ({n} cells)"));
    }
    let place = cells
        .iter()
        .filter_map(|k| report.cell(k))
        .map(|c| c.source)
        .find(|s| !s.is_none())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    if cells.len() > 1 {
        format!("the sum of {}{place}", names.join(" + "))
    } else {
        format!("{}{place}", names.join(""))
    }
}

fn value_text(values: &Option<Vec<f64>>) -> String {
    match values {
        Some(v) => format_value(v.iter().sum()),
        None => "?".to_string(),
    }
}

/// Holds when every reading fits the tables, fails when none does.
fn verdict_of(readings: &[Compared]) -> Verdict {
    let all_fit = readings.iter().all(|r| r.fits == Some(true));
    let none_fit = readings.iter().all(|r| r.fits == Some(false));
    if all_fit {
        Verdict::Holds
    } else if none_fit {
        Verdict::Fails
    } else {
        Verdict::Undecided
    }
}

/// The verdict on readings that fit or not as `fits` says ([`verdict_of`]), in one pass; `None`
/// when no reading is decided (no reading, or none whose cells all have values: nothing to say).
fn verdict_of_fits(fits: impl Iterator<Item = Option<bool>>) -> Option<Verdict> {
    let (mut any_decided, mut all_fit, mut none_fit) = (false, true, true);
    for fit in fits {
        any_decided |= fit.is_some();
        all_fit &= fit == Some(true);
        none_fit &= fit == Some(false);
    }
    any_decided.then_some(if all_fit {
        Verdict::Holds
    } else if none_fit {
        Verdict::Fails
    } else {
        Verdict::Undecided
    })
}

fn verdict(report: &Report, si: usize, s: &Statement, readings: &[Compared]) -> ProseCheck {
    let verdict = verdict_of(readings);
    let stated = if s.unit.is_money() {
        format!("{}{}", s.quantity, s.unit)
    } else {
        s.quantity.to_string()
    };
    let evidence = readings
        .iter()
        .map(|r| {
            let op = match r.fits {
                Some(true) => "=",
                Some(false) => "≠",
                None => "?",
            };
            let table = match &r.values {
                Some(v) if v.len() > 1 => v
                    .iter()
                    .map(|x| format_value(*x))
                    .collect::<Vec<_>>()
                    .join(" + "),
                other => value_text(other),
            };
            // Money: as printed in the prose, and the table's 万元.
            let table_unit = if s.unit.is_money() { "万元" } else { "" };
            format!("{}: {stated} {op} {table}{table_unit}", r.meaning.key())
        })
        .collect::<Vec<_>>()
        .join("; ");
    let cells: Vec<CellKey> = readings.iter().flat_map(|r| r.cells.clone()).collect();
    let text = &s.text;
    let legacy = report.format == FormatId::Legacy;
    let appendix = legacy && readings.iter().any(|r| r.appendix);
    let message = match verdict {
        Verdict::Holds if appendix => Message::new(
            format!("正文「{text}」与附表相符"),
            format!("the prose “{text}” agrees with the appendix"),
        ),
        Verdict::Fails if appendix => {
            let (zh, en): (Vec<String>, Vec<String>) = readings
                .iter()
                .map(|r| {
                    let cell = r.cells.first().and_then(|k| report.cell(k));
                    let at = cell.map(|c| c.source.to_string()).unwrap_or_default();
                    let unit = if r.meaning == Meaning::Fees {
                        "万元"
                    } else {
                        ""
                    };
                    (
                        format!(
                            "附表“{}”本年度（{at}）为{}{unit}",
                            r.meaning.zh(),
                            value_text(&r.values)
                        ),
                        format!(
                            "the appendix's {} this year ({at}) is {}{unit}",
                            r.meaning.key(),
                            value_text(&r.values)
                        ),
                    )
                })
                .unzip();
            Message::new(
                format!("正文「{text}」与附表不一致：{}", zh.join("；")),
                format!("the prose says “{text}” but {}", en.join("; ")),
            )
        }
        Verdict::Holds => Message::new(
            format!("正文「{text}」与表格相符"),
            format!("the prose “{text}” agrees with the tables"),
        ),
        Verdict::Fails => {
            // A legacy report's "table" is the cell another statement filled (or a 附表).
            let first = readings.first().filter(|_| legacy);
            if let Some(r) = first {
                let other = r.cells.first().and_then(|k| report.cell(k));
                let at = other.map(|c| c.source.to_string()).unwrap_or_default();
                Message::new(
                    format!(
                        "正文「{text}」（{}）与前文同一指标（{at}，{}）不一致",
                        r.meaning.zh(),
                        value_text(&r.values)
                    ),
                    format!(
                        "the prose “{text}” ({}) disagrees with the same figure stated at {at} ({})",
                        r.meaning.key(),
                        value_text(&r.values)
                    ),
                )
            } else {
                Message::new(
                    format!(
                        "正文「{text}」与{}不符（表中为{}）",
                        readings
                            .iter()
                            .map(|r| cells_zh(report, &r.cells))
                            .collect::<Vec<_>>()
                            .join("，也与"),
                        readings
                            .iter()
                            .map(|r| value_text(&r.values))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!(
                        "the prose says “{text}” but {} {}",
                        readings
                            .iter()
                            .map(|r| cells_en(report, &r.cells))
                            .collect::<Vec<_>>()
                            .join(" and "),
                        if readings.len() > 1 {
                            format!(
                                "are {}",
                                readings
                                    .iter()
                                    .map(|r| value_text(&r.values))
                                    .collect::<Vec<_>>()
                                    .join(" and ")
                            )
                        } else {
                            format!(
                                "is {}",
                                readings
                                    .first()
                                    .map_or_else(|| "?".to_string(), |r| value_text(&r.values))
                            )
                        }
                    ),
                )
            }
        }
        Verdict::Undecided => {
            let zh: Vec<String> = readings
                .iter()
                .map(|r| {
                    let v = match r.fits {
                        Some(true) => "相符",
                        Some(false) => "不符",
                        None => "无法核对",
                    };
                    format!(
                        "理解为{}，与{}（{}）{v}",
                        r.meaning.zh(),
                        cells_zh(report, &r.cells),
                        value_text(&r.values)
                    )
                })
                .collect();
            let en: Vec<String> = readings
                .iter()
                .map(|r| {
                    let v = match r.fits {
                        Some(true) => "agrees with",
                        Some(false) => "disagrees with",
                        None => "cannot be checked against",
                    };
                    format!(
                        "as {} it {v} {} ({})",
                        r.meaning.key(),
                        cells_en(report, &r.cells),
                        value_text(&r.values)
                    )
                })
                .collect();
            Message::new(
                format!("正文「{text}」的含义不明确：{}", zh.join("；")),
                format!(
                    "the prose “{text}” can be read more than one way: {}",
                    en.join("; ")
                ),
            )
        }
    };
    ProseCheck {
        rule: if appendix {
            PROSE_VS_APPENDIX.doc.id
        } else {
            PROSE_VS_TABLE.doc.id
        },
        verdict,
        evidence,
        message,
        location: s.source,
        statements: vec![si],
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_allow_rounding_and_cutting_off() {
        let q = Quantity::exact;
        assert!(ratio(q(7136.0), q(8052.0), q(88.6), 1).is_some_and(|r| r.0));
        assert!(ratio(q(582.0), q(8052.0), q(7.2), 1).is_some_and(|r| r.0));
        assert!(ratio(q(11.0), q(11.0), q(100.0), 0).is_some_and(|r| r.0));
        assert!(ratio(q(7136.0), q(8052.0), q(86.6), 1).is_some_and(|r| !r.0));
        // 2/3 = 66.67%: 66.7 (rounded) and 66.6 (cut off) both fit; 66.5 does not.
        assert!(ratio(q(2.0), q(3.0), q(66.7), 1).is_some_and(|r| r.0));
        assert!(ratio(q(2.0), q(3.0), q(66.6), 1).is_some_and(|r| r.0));
        assert!(ratio(q(2.0), q(3.0), q(66.5), 1).is_some_and(|r| !r.0));
        assert!(ratio(q(1.0), q(0.0), q(100.0), 0).is_none());
        // Approximate operands: any value within the bounds may fit.
        let about = Quantity::between(200.0, 299.0);
        assert!(ratio(q(100.0), about, q(40.0), 0).is_some_and(|r| r.0));
        assert!(ratio(q(100.0), about, q(60.0), 0).is_some_and(|r| !r.0));
    }

    proptest::proptest! {
        /// The checks against the tables left when the holding ones are left out (what the rules
        /// report, decided first from the readings' fits alone) are every check that does not
        /// hold, as evaluating each in full says: over reports of every format with cells of
        /// every state, tables found or not, and statements of every kind, meaning, unit and
        /// reading, some stating what the tables hold.
        #[test]
        fn checks_that_do_not_hold_are_told_as_in_full(
            format in proptest::sample::select(vec![FormatId::F2019, FormatId::F2021, FormatId::Legacy]),
            cells in proptest::collection::vec((0usize..1000, 0u8..5, 0u32..4), 0..200),
            tables_found in proptest::bool::ANY,
            statements in proptest::collection::vec(
                (0u8..3, 0usize..25, proptest::collection::vec(0usize..25, 0..3), 0u32..12, 0usize..25, 0u32..8),
                0..12,
            ),
        ) {
            use gongkai_model::{CellState, Found, Source, Unit};
            let mut report = Report::empty(format);
            let n = report.cells.len();
            for (at, state, v) in cells {
                if n == 0 {
                    break;
                }
                let cell = &mut report.cells[at % n];
                let (state, value) = match state {
                    0 => (CellState::Number, Some(f64::from(v))),
                    1 => (CellState::Inferred, Some(f64::from(v))),
                    2 => (CellState::Blank, None),
                    3 => (CellState::NotApplicable, None),
                    _ => (CellState::Missing, None),
                };
                cell.state = state;
                cell.value = value;
                cell.source = Source::line(at as u32 % 8 + 1);
            }
            if tables_found {
                report.tables = report
                    .format_def()
                    .tables
                    .iter()
                    .map(|t| Found { key: t.key, source: Source::line(1) })
                    .collect();
            }
            report.statements = statements
                .into_iter()
                .map(|(kind, meaning, alternatives, q, unit, line)| Statement {
                    kind: [StatementKind::Figure, StatementKind::Words, StatementKind::Percent]
                        [usize::from(kind)],
                    quantity: if q % 3 == 0 {
                        Quantity::between(f64::from(q), f64::from(q) * 2.0)
                    } else {
                        Quantity::exact(f64::from(q))
                    },
                    decimals: 0,
                    unit: Unit::ALL[unit % Unit::ALL.len()],
                    subject: String::new(),
                    meaning: Some(Meaning::ALL[meaning]),
                    alternatives: alternatives.into_iter().map(|m| Meaning::ALL[m]).collect(),
                    parts: Vec::new(),
                    part_of: None,
                    share_of: None,
                    text: q.to_string(),
                    sentence: String::new(),
                    sentence_no: line,
                    paragraph_no: line,
                    source: Source::line(line + 1),
                })
                .collect();
            let in_full: Vec<ProseCheck> = compared_with_tables(&report, true)
                .into_iter()
                .filter(|c| c.verdict != Verdict::Holds)
                .collect();
            proptest::prop_assert_eq!(compared_with_tables(&report, false), in_full);
        }
    }

    proptest::proptest! {
        /// The parts checks left when the holding ones are left out (what the rule reports) are
        /// every parts check that does not hold, as evaluating each in full says: over wholes
        /// and parts of every unit, exact or not, listed in one sentence or several, some adding
        /// up and some not, some completed by the figures after them.
        #[test]
        fn parts_checks_that_do_not_hold_are_told_as_in_full(
            statements in proptest::collection::vec(
                (
                    0u8..4,
                    0u32..12,
                    0usize..4,
                    proptest::collection::vec(0usize..14, 0..5),
                    0u32..3,
                ),
                0..14,
            ),
        ) {
            use gongkai_model::{Source, Unit};
            let units = [Unit::Jian, Unit::Tiao, Unit::Wanyuan, Unit::Yuan];
            let mut report = Report::empty(FormatId::F2021);
            report.statements = statements
                .into_iter()
                .enumerate()
                .map(|(i, (kind, q, unit, parts, sentence))| Statement {
                    kind: if kind == 0 { StatementKind::Words } else { StatementKind::Figure },
                    quantity: if q == 11 {
                        Quantity::between(5.0, 9.0)
                    } else {
                        Quantity::exact(f64::from(q))
                    },
                    decimals: 0,
                    unit: units[unit],
                    subject: String::new(),
                    meaning: None,
                    alternatives: Vec::new(),
                    parts,
                    part_of: None,
                    share_of: None,
                    text: q.to_string(),
                    sentence: String::new(),
                    sentence_no: sentence + i as u32 / 4,
                    paragraph_no: i as u32 / 7,
                    source: Source::line(i as u32 + 1),
                })
                .collect();
            let in_full: Vec<ProseCheck> = parts_sums(&report)
                .into_iter()
                .filter(|c| c.verdict != Verdict::Holds)
                .collect();
            proptest::prop_assert_eq!(parts_sums_with(&report, false), in_full);
        }
    }

    #[test]
    fn percent_text() {
        assert_eq!(pct(88.6239, 88.6239, 1), "88.62%");
        assert_eq!(pct(100.0, 100.0, 0), "100.0%");
    }
}
