//! The prose of reports as data: statements read from the seeds and from generated legacy
//! reports, the `legacy` table filled from them, and the prose rules over them.
//!
//! Every figure and every sum and percentage of seed 002 is checked here against values worked
//! out by hand from the text (the arithmetic is in the comments); seeds 000, 001, 003 and 004
//! have their statements about requests, reviews and lawsuits matched with their tables.
//! Mutation tests change one figure, in the prose or in a table, and look for the finding at
//! the line of the change. Generated legacy reports (`gongkai_synth::legacy_report`) give the
//! properties; random and huge inputs give robustness.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use gongkai_check::prose::{evaluate, ProseCheck, Verdict};
use gongkai_model::report::format_value;
use gongkai_model::{Finding, Meaning, Outcome, Report, Statement, StatementKind, Unit};
use gongkai_read::read_str;
use proptest::prelude::*;

fn seed_text(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

const S000: &str = "000_33abec3ff02c02bd.txt";
const S001: &str = "001_a1fd908adc18705e.txt";
const S002: &str = "002_a636d83d73b501d7.txt";
const S003: &str = "003_d22f653d47743c2c.txt";
const S004: &str = "004_b6b282f6157a8fb9.txt";

fn read(name: &str) -> Report {
    read_str(seed_text(name)).report
}

/// The text with `from` (which must occur exactly once) replaced by `to`.
fn mutated(name: &str, from: &str, to: &str) -> Report {
    let text = seed_text(name);
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from} must be unique in {name}"
    );
    read_str(text.replacen(from, to, 1)).report
}

/// `(rule, verdict, location, evidence)` of every prose check.
fn checks(r: &Report) -> Vec<(&'static str, Verdict, String, String)> {
    evaluate(r)
        .into_iter()
        .map(|c: ProseCheck| (c.rule, c.verdict, c.location.to_string(), c.evidence))
        .collect()
}

fn prose_findings(r: &Report) -> Vec<Finding> {
    gongkai_check::check(r)
        .into_iter()
        .filter(|f| f.rule.starts_with("PROSE-"))
        .collect()
}

/// Statements about requests, reviews and lawsuits: (meaning, other readings, kind, quantity, source).
fn about_requests_and_cases(r: &Report) -> Vec<(String, StatementKind, String, String)> {
    r.statements
        .iter()
        .filter(|s| {
            s.readings().any(|m| {
                matches!(
                    m,
                    Meaning::RequestsReceived
                        | Meaning::RepliesTotal
                        | Meaning::RequestsCarriedIn
                        | Meaning::RequestsCarriedOut
                        | Meaning::Reviews
                        | Meaning::Lawsuits
                )
            })
        })
        .map(|s| {
            (
                s.readings().map(|m| m.key()).collect::<Vec<_>>().join("|"),
                s.kind,
                s.quantity.to_string(),
                s.source.to_string(),
            )
        })
        .collect()
}

fn st<'a>(r: &'a Report, text: &str, line: u32) -> &'a Statement {
    r.statements
        .iter()
        .find(|s| s.text == text && s.source.line_no() == Some(line))
        .unwrap_or_else(|| panic!("no statement «{text}» at L{line}"))
}

// ---------------------------------------------------------------------------------------------
// Seed 002: 安陆市 2017, a legacy report in prose

#[test]
fn seed_002_headline_figures_fill_the_legacy_table() {
    let r = read(S002);
    // Each cell: row, value, the figure's place, and the sentence it came from (its text).
    let want: [(&str, f64, &str, &str); 11] = [
        // L23 「2017年度,我市主动公开信息8052条。」
        ("proactive_total", 8052.0, "L23:30", "2017年度,我市主动公开信息8052条。"),
        // L23 「…全市通过政府网站公开信息7136条,占…88.6%…」
        ("proactive_website", 7136.0, "L23:124", "在门户网站全面转载国务院、省政府网站重要信息,全市通过政府网站公开信息7136条,占主动公开政府信息总数的88.6%;通过“两微一端”公开信息582条,占主动公开政府信息总数的7.2%。"),
        // L43 「2017 年度,我市共收到依申请公开信息申请11件,答复11件,实现答复率100%。」
        ("requests_received", 11.0, "L43:23", "2017 年度,我市共收到依申请公开信息申请11件,答复11件,实现答复率100%。"),
        ("replies_total", 11.0, "L43:29", "2017 年度,我市共收到依申请公开信息申请11件,答复11件,实现答复率100%。"),
        // L43 「其中,属于已主动公开范围2件,同意公开答复6件,不属于本行政机关公开3件。」
        ("replies_granted", 6.0, "L43:64", "其中,属于已主动公开范围2件,同意公开答复6件,不属于本行政机关公开3件。"),
        ("replies_not_this_agency", 3.0, "L43:77", "其中,属于已主动公开范围2件,同意公开答复6件,不属于本行政机关公开3件。"),
        ("replies_already_public", 2.0, "L43:55", "其中,属于已主动公开范围2件,同意公开答复6件,不属于本行政机关公开3件。"),
        // L47 「2017年度,我市本级未发生涉及信息公开收费行为。」: no fee, 0 万元.
        ("fees", 0.0, "L47:12", "2017年度,我市本级未发生涉及信息公开收费行为。"),
        // L51 「全年,我市未发生因政府信息公开引起的行政复议情况,无行政诉讼情况。」
        ("reviews", 0.0, "L51:67", "全年,我市未发生因政府信息公开引起的行政复议情况,无行政诉讼情况。"),
        ("lawsuits", 0.0, "L51:87", "全年,我市未发生因政府信息公开引起的行政复议情况,无行政诉讼情况。"),
        // L51 「2017年度,全市共发生1起因信息公开引起的举报投诉行为,…」
        ("complaints", 1.0, "L51:13", "2017年度,全市共发生1起因信息公开引起的举报投诉行为,涉及部门第一时间与申请人联系沟通,对相关办理情况进行了解释说明。"),
    ];
    assert_eq!(r.cells.len(), want.len());
    for (cell, (row, value, source, sentence)) in r.cells.iter().zip(want) {
        assert_eq!(cell.table, "legacy");
        assert_eq!(cell.row, row);
        assert_eq!(cell.column, "year", "{row}");
        assert_eq!(cell.value, Some(value), "{row}");
        assert_eq!(cell.source.to_string(), source, "{row}");
        assert_eq!(cell.text, sentence, "{row}");
    }
}

#[test]
fn seed_002_statements_as_data() {
    let r = read(S002);
    // 主动公开信息8052条, with its two parts in the next sentence.
    let total = st(&r, "8052条", 23);
    assert_eq!(
        (total.quantity.value(), total.unit, total.meaning),
        (Some(8052.0), Unit::Tiao, Some(Meaning::ProactiveTotal))
    );
    assert_eq!(total.subject, "主动公开信息");
    let parts: Vec<&str> = total
        .parts
        .iter()
        .map(|&i| r.statements[i].text.as_str())
        .collect();
    assert_eq!(parts, ["1383条", "6669条"]);
    assert_eq!(
        r.statements[total.parts[0]].subject,
        "乡镇人民政府(开发区)、办事处主动公开政府信息"
    );
    // A part counting the same thing as its whole has no meaning of its own.
    assert_eq!(r.statements[total.parts[0]].meaning, None);
    // 88.6% is the share of 7136条 in 主动公开政府信息总数.
    let share = st(&r, "88.6%", 23);
    assert_eq!(share.kind, StatementKind::Percent);
    assert_eq!((share.quantity.value(), share.decimals), (Some(88.6), 1));
    assert_eq!(share.subject, "主动公开政府信息总数");
    assert_eq!(r.statements[share.share_of.unwrap()].text, "7136条");
    // 1157项 of 15 乡镇, listed one by one.
    let towns = st(&r, "1157项", 29);
    assert_eq!(towns.parts.len(), 15);
    assert_eq!(r.statements[towns.parts[14]].subject, "府城办事处");
    // 11条217284人(户)次: two figures of one subject, each with the parts in its own unit.
    let people = st(&r, "217284人(户)次", 33);
    assert_eq!(people.unit, Unit::RenHuCi);
    assert_eq!(people.subject, st(&r, "11条", 33).subject);
    let p: Vec<&str> = people
        .parts
        .iter()
        .map(|&i| r.statements[i].text.as_str())
        .collect();
    assert_eq!(p, ["1103人次", "1017人次"]);
    // 答复11件 and its reply types.
    let replies = st(&r, "11件", 43);
    assert_eq!(replies.meaning, Some(Meaning::RequestsReceived));
    let replies = &r.statements[st(&r, "2件", 43).part_of.unwrap()];
    assert_eq!(replies.meaning, Some(Meaning::RepliesTotal));
    let types: Vec<_> = replies
        .parts
        .iter()
        .map(|&i| r.statements[i].meaning.unwrap().key())
        .collect();
    assert_eq!(
        types,
        [
            "replies_already_public",
            "replies_granted",
            "replies_not_this_agency"
        ]
    );
    // Zeros said in words.
    let fees = st(&r, "未发生涉及信息公开收费行为", 47);
    assert_eq!(
        (fees.kind, fees.quantity.value(), fees.unit, fees.meaning),
        (
            StatementKind::Words,
            Some(0.0),
            Unit::Wanyuan,
            Some(Meaning::Fees)
        )
    );
    assert_eq!(
        st(&r, "无行政诉讼情况", 51).meaning,
        Some(Meaning::Lawsuits)
    );
    // 六个部分 (L7) is a figure too, with nothing to map to.
    assert_eq!(st(&r, "六个", 7).quantity.value(), Some(6.0));
    assert_eq!(r.statements.len(), 60);
}

#[test]
fn seed_002_every_checkable_sum_and_percentage() {
    let r = read(S002);
    let v = |rule, verdict, at: &str, ev: &str| (rule, verdict, at.to_string(), ev.to_string());
    let sums = "PROSE-PARTS-SUM";
    let pct = "PROSE-PERCENT";
    assert_eq!(
        checks(&r),
        vec![
            // 乡镇 1383 + 市政府有关部门 6669 = 8052 ✓
            v(sums, Verdict::Holds, "L23:30", "1383 + 6669 = 8052"),
            // 7136 / 8052 = 0.886239… → 88.6% ✓
            v(
                pct,
                Verdict::Holds,
                "L23:142",
                "7136 / 8052 = 88.62% ≈ 88.6%"
            ),
            // 582 / 8052 = 0.072280… → 7.2% ✓
            v(pct, Verdict::Holds, "L23:177", "582 / 8052 = 7.23% ≈ 7.2%"),
            // 15 乡镇: 77×6 + 78×7 + 74 + 75 = 462 + 546 + 149 = 1157 ✓
            v(
                sums,
                Verdict::Holds,
                "L29:61",
                "77 + 74 + 77 + 78 + 78 + 78 + 77 + 77 + 77 + 78 + 78 + 78 + 77 + 78 + 75 = 1157"
            ),
            // 已公开专项资金48项，占应公开数的100%: 应公开 is either the province's 64 items
            // (48 / 64 = 75%) or the 48 allocated to the city (100%): undecided.
            v(
                pct,
                Verdict::Undecided,
                "L31:268",
                "48 / 64 = 75.0%; 48 / 48 = 100.0%"
            ),
            // 公开金额89693万元，占应公开数的100%: the only 万元 figure before is 下达金额89693万元 ✓
            v(
                pct,
                Verdict::Holds,
                "L31:291",
                "89693 / 89693 = 100.0% ≈ 100%"
            ),
            // 217284人(户)次 = 临时救助1103 + 医疗救助1017 (其中) + 城市低保39110 + 农村低保118001
            // + 五保35175 + 自然灾害8882 + 优抚13996 (the next sentences go on listing) ✓
            v(
                sums,
                Verdict::Holds,
                "L33:35",
                "1103 + 1017 + 39110 + 118001 + 35175 + 8882 + 13996 = 217284"
            ),
            // 答复11件 = 已主动公开2 + 同意公开6 + 不属于本机关3 = 11 ✓
            v(sums, Verdict::Holds, "L43:29", "2 + 6 + 3 = 11"),
            // 答复率 = 答复11 / 收到11 = 100% ✓
            v(pct, Verdict::Holds, "L43:38", "11 / 11 = 100.0% ≈ 100%"),
        ]
    );
    // Not checkable, so not checked: 11条 of which 2条 (and 2+3 more in later sentences, 7 ≠ 11:
    // the list is not complete), 公开率达100% (no figures), 全年共公开信息2980条 (no whole).
    let f = prose_findings(&r);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].rule, f[0].outcome),
        ("PROSE-PERCENT", Outcome::Uncertain)
    );
    assert_eq!(f[0].severity, gongkai_model::Severity::Notice);
}

// ---------------------------------------------------------------------------------------------
// Seeds 000, 001, 003, 004: prose against their tables

#[test]
fn seed_000_cases_handled_match_table_3() {
    let r = read(S000);
    // 全年办理各类依申请公开案件5件: received or answered; 表三 says 5 and 5.
    assert_eq!(
        about_requests_and_cases(&r),
        vec![(
            "requests_received|replies_total".to_string(),
            StatementKind::Figure,
            "5".to_string(),
            "L21:389".to_string()
        )]
    );
    assert_eq!(
        checks(&r),
        vec![(
            "PROSE-VS-TABLE",
            Verdict::Holds,
            "L21:389".to_string(),
            "requests_received: 5 = 5; replies_total: 5 = 5".to_string()
        )]
    );
    // 全年主动公开政府信息200余条: 200 to 299.
    let p = st(&r, "200余条", 17);
    assert_eq!(
        (p.quantity.lo, p.quantity.hi, p.quantity.exact, p.meaning),
        (200.0, 299.0, false, Some(Meaning::ProactiveTotal))
    );
    assert!(prose_findings(&r).is_empty());
}

#[test]
fn seed_001_no_requests_and_no_cases_match_the_zeros() {
    let r = read(S001);
    let words = StatementKind::Words;
    assert_eq!(
        about_requests_and_cases(&r),
        vec![
            (
                "requests_received".into(),
                words,
                "0".into(),
                "L6:138".into()
            ),
            ("reviews".into(), words, "0".into(), "L6:150".into()),
            ("lawsuits".into(), words, "0".into(), "L6:150".into()),
        ]
    );
    assert_eq!(
        st(&r, "未发生政府信息公开的行政复议、行政诉讼案件", 6).subject,
        "政府信息公开的行政复议、行政诉讼案件"
    );
    let c = checks(&r);
    assert_eq!(c.len(), 3);
    assert!(c.iter().all(|c| c.1 == Verdict::Holds), "{c:?}");
    assert_eq!(c[2].3, "lawsuits: 0 = 0 + 0");
    assert_eq!(st(&r, "92条", 4).meaning, Some(Meaning::ProactiveTotal));
    assert!(prose_findings(&r).is_empty());
}

#[test]
fn seed_003_states_nothing_about_requests_or_cases() {
    let r = read(S003);
    assert!(about_requests_and_cases(&r).is_empty());
    // Its one figure: 累计主动公开政府信息60余条, 60 to 69.
    assert_eq!(r.statements.len(), 1);
    let s = &r.statements[0];
    assert_eq!(
        (
            s.quantity.lo,
            s.quantity.hi,
            s.meaning,
            s.source.to_string()
        ),
        (
            60.0,
            69.0,
            Some(Meaning::ProactiveTotal),
            "L9:24".to_string()
        )
    );
    assert!(checks(&r).is_empty());
}

#[test]
fn seed_004_no_requests_and_no_cases_match_the_zeros() {
    let r = read(S004);
    let words = StatementKind::Words;
    // 未收到依申请公开 (L21), 没有收到需要办理的依申请公开事项 (L56),
    // 没有政府信息公开行政复议、行政诉讼情况 (L90).
    assert_eq!(
        about_requests_and_cases(&r),
        vec![
            (
                "requests_received".into(),
                words,
                "0".into(),
                "L21:64".into()
            ),
            (
                "requests_received".into(),
                words,
                "0".into(),
                "L56:13".into()
            ),
            ("reviews".into(), words, "0".into(), "L90:11".into()),
            ("lawsuits".into(), words, "0".into(), "L90:11".into()),
        ]
    );
    let v = |rule, at: &str, ev: &str| (rule, Verdict::Holds, at.to_string(), ev.to_string());
    assert_eq!(
        checks(&r),
        vec![
            // 发布信息 2020 条 = 概况类 546 + 政务动态 498 + 目录 976 ✓
            v("PROSE-PARTS-SUM", "L17:121", "546 + 498 + 976 = 2020"),
            // 目录 976 条 = 财政 89 + 文件 42 + 解读 25 + 疫情 109 + 其它 711 ✓
            v(
                "PROSE-PARTS-SUM",
                "L17:164",
                "89 + 42 + 25 + 109 + 711 = 976"
            ),
            v("PROSE-VS-TABLE", "L21:64", "requests_received: 0 = 0"),
            v("PROSE-VS-TABLE", "L56:13", "requests_received: 0 = 0"),
            v("PROSE-VS-TABLE", "L90:11", "reviews: 0 = 0"),
            v("PROSE-VS-TABLE", "L90:11", "lawsuits: 0 = 0 + 0"),
        ]
    );
    assert!(prose_findings(&r).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Mutations: one figure changed → the finding at its line

/// The one prose finding of `rule` with this outcome, asserting there is exactly one.
fn one(r: &Report, rule: &str, outcome: Outcome) -> Finding {
    let f: Vec<Finding> = prose_findings(r)
        .into_iter()
        .filter(|f| f.rule == rule && f.outcome == outcome)
        .collect();
    assert_eq!(f.len(), 1, "{rule}: {f:#?}");
    f.into_iter().next().unwrap()
}

#[test]
fn seed_002_a_changed_part_breaks_its_sum() {
    // 1384 + 6669 = 8053 > 8052.
    let r = mutated(S002, "1383条", "1384条");
    let f = one(&r, "PROSE-PARTS-SUM", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L23:30");
    assert_eq!(f.evidence.as_deref(), Some("1384 + 6669 = 8053 > 8052"));
    // 76 + … = 1156 < 1157, and the text says 15个 乡镇: the list is complete.
    let r = mutated(S002, "赵棚镇77项", "赵棚镇76项");
    let f = one(&r, "PROSE-PARTS-SUM", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L29:61");
    assert!(f.message.zh.contains("「15个」"), "{}", f.message.zh);
    // 2 + 5 + 3 = 10 < 11: reply types cover every reply.
    let r = mutated(S002, "同意公开答复6件", "同意公开答复5件");
    let f = one(&r, "PROSE-PARTS-SUM", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L43:29");
    assert_eq!(f.evidence.as_deref(), Some("2 + 5 + 3 = 10 < 11"));
    assert_eq!(
        r.get("legacy", "replies_granted", "year").unwrap().value,
        Some(5.0)
    );
}

#[test]
fn seed_002_a_changed_whole_breaks_its_sum_and_its_rate() {
    // 答复12件: 2 + 6 + 3 = 11 < 12, and 答复率 12 / 11 = 109.09% ≠ 100%.
    let r = mutated(S002, "答复11件", "答复12件");
    let f = one(&r, "PROSE-PARTS-SUM", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L43:29");
    let f = one(&r, "PROSE-PERCENT", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L43:38");
    assert_eq!(f.evidence.as_deref(), Some("12 / 11 = 109.1% ≠ 100%"));
}

#[test]
fn seed_002_a_changed_percentage_is_caught() {
    let r = mutated(S002, "88.6%", "86.6%");
    let f = one(&r, "PROSE-PERCENT", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L23:142");
    assert_eq!(f.evidence.as_deref(), Some("7136 / 8052 = 88.62% ≠ 86.6%"));
    let r = mutated(S002, "7.2%", "7.5%");
    let f = one(&r, "PROSE-PERCENT", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L23:177");
    // Or the figure behind it: 7036 / 8052 = 87.38%.
    let r = mutated(S002, "7136条", "7036条");
    let f = one(&r, "PROSE-PERCENT", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L23:142");
}

#[test]
fn seed_002_a_figure_stated_twice_differently() {
    // The overview says 12, section 三 says 11: the cell keeps the first, the second disagrees.
    let r = mutated(
        S002,
        "2017年,我市各地各部门紧紧围绕",
        "2017年,我市共收到依申请公开信息申请12件。我市各地各部门紧紧围绕",
    );
    assert_eq!(
        r.get("legacy", "requests_received", "year")
            .map(|c| (c.value, c.source.to_string())),
        Some((Some(12.0), "L11:21".to_string()))
    );
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L43:23");
    assert!(f.message.zh.contains("L11:21"), "{}", f.message.zh);
}

#[test]
fn seed_001_a_table_that_has_requests_contradicts_no_requests() {
    let r = mutated(
        S001,
        "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    );
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Fail);
    // At the sentence, naming the cell and its line.
    assert_eq!(f.location.to_string(), "L6:138");
    assert_eq!(f.cells.len(), 1);
    assert_eq!(f.cells[0].to_string(), "requests.received.total");
    assert_eq!(
        r.cell(&f.cells[0]).unwrap().source.line_no(),
        Some(36),
        "the changed table line"
    );
    assert_eq!(f.evidence.as_deref(), Some("requests_received: 0 ≠ 2"));
}

#[test]
fn seed_000_changed_prose_or_table() {
    // Prose: 办理…6件 fits neither reading (received 5, answered 5).
    let r = mutated(S000, "依申请公开案件5件", "依申请公开案件6件");
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L21:389");
    // Table: received 6 but answered 5: one reading fits, the other does not — undecided.
    let text = seed_text(S000);
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.starts_with("一、本年新收"))
        .unwrap();
    // The row's seven values follow, one per line with blank lines between; the last is 总计.
    let total_line = row + 14;
    assert_eq!(lines[total_line].trim(), "5");
    let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    changed[total_line] = "6".to_string();
    let r = read_str(changed.join("\n")).report;
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Uncertain);
    assert_eq!(f.location.to_string(), "L21:389");
    assert_eq!(
        f.evidence.as_deref(),
        Some("requests_received: 5 ≠ 6; replies_total: 5 = 5")
    );
    assert_eq!(
        r.get("requests", "received", "total")
            .unwrap()
            .source
            .line_no(),
        Some(total_line as u32 + 1)
    );
}

#[test]
fn seed_004_table_4_with_a_review_contradicts_no_reviews() {
    let r = mutated(
        S004,
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    );
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Fail);
    assert_eq!(f.location.to_string(), "L90:11");
    assert_eq!(f.cells[0].to_string(), "review_litigation.review.total");
    assert_eq!(r.cell(&f.cells[0]).unwrap().source.line_no(), Some(95));
    // And in the prose: 收到…3件 where 表三 says 0.
    let r = mutated(
        S004,
        "没有收到需要办理的依申请公开事项",
        "收到需要办理的依申请公开事项3件",
    );
    let f = one(&r, "PROSE-VS-TABLE", Outcome::Fail);
    assert_eq!(f.location.line_no(), Some(56));
}

// ---------------------------------------------------------------------------------------------
// Generated legacy reports

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every figure the text states is read into its row, at its line, and nothing else is.
    #[test]
    fn generated_legacy_reports_are_read_into_their_rows(seed in any::<u64>()) {
        let g = gongkai_synth::legacy_report(seed);
        let r = read_str(g.text.clone()).report;
        prop_assert_eq!(r.format, gongkai_model::FormatId::Legacy, "{}", g.text);
        let mut got: Vec<(&str, String, u32)> = r
            .cells
            .iter()
            .map(|c| (c.row, format_value(c.value.unwrap()), c.source.line_no().unwrap()))
            .collect();
        let mut want: Vec<(&str, String, u32)> = g
            .cells
            .iter()
            .map(|(row, v, line)| (*row, format_value(*v), *line))
            .collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want, "{}", g.text);
        prop_assert_eq!(r.year.value, Some(g.year));
    }

    /// Consistent figures: every check holds, nothing is reported.
    #[test]
    fn generated_legacy_reports_pass_the_prose_rules(seed in any::<u64>()) {
        let g = gongkai_synth::legacy_report(seed);
        let r = read_str(g.text.clone()).report;
        let c = evaluate(&r);
        prop_assert!(c.iter().all(|c| c.verdict == Verdict::Holds), "{:#?}\n{}", c, g.text);
        // At least the proactive total's parts and its website share are checked.
        prop_assert!(c.iter().filter(|c| c.rule == "PROSE-PARTS-SUM").count() >= 1);
        prop_assert!(c.iter().filter(|c| c.rule == "PROSE-PERCENT").count() >= 1);
        prop_assert!(prose_findings(&r).is_empty());
    }

    /// One figure changed: the rule that covers it fails at its line.
    #[test]
    fn a_changed_figure_fails_at_its_line(seed in any::<u64>(), pick in any::<prop::sample::Index>(), up in any::<bool>()) {
        use gongkai_synth::Role;
        let g = gongkai_synth::legacy_report(seed);
        let targets: Vec<_> = g
            .figures
            .iter()
            .filter(|f| matches!(
                f.role,
                Role::ProactivePart | Role::WebsitePercent | Role::ReplyType | Role::RepliesTotal | Role::AnswerRate
            ))
            .filter(|f| !(f.role == Role::RepliesTotal && f.value == 0.0))
            .collect();
        let f = targets[pick.index(targets.len())];
        let (rule, new) = match f.role {
            // A part one more (its sum then exceeds the whole, complete list or not).
            Role::ProactivePart => ("PROSE-PARTS-SUM", format!("{}", f.value + 1.0)),
            // Reply types cover every reply: one more or one fewer breaks the sum.
            Role::ReplyType | Role::RepliesTotal if up || f.value == 0.0 => {
                ("PROSE-PARTS-SUM", format!("{}", f.value + 1.0))
            }
            Role::ReplyType | Role::RepliesTotal => ("PROSE-PARTS-SUM", format!("{}", f.value - 1.0)),
            Role::WebsitePercent => ("PROSE-PERCENT", format!("{:.1}", if f.value >= 50.0 { f.value - 3.0 } else { f.value + 3.0 })),
            _ => ("PROSE-PERCENT", "90".to_string()),
        };
        let mut text = g.text.clone();
        text.replace_range(f.start..f.end, &new);
        let r = read_str(text.clone()).report;
        let hits: Vec<Finding> = prose_findings(&r)
            .into_iter()
            .filter(|x| x.rule == rule && x.outcome == Outcome::Fail)
            .collect();
        prop_assert!(
            hits.iter().any(|x| x.location.line_no() == Some(f.line)),
            "{:?} {} → {}: {:#?}\n{}", f.role, f.value, new, prose_findings(&r), text
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Generated 2019/2021 reports: their prose repeats their tables

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the layout, chrome and page breaks, the overview's figures agree with 表三 and
    /// 表四, and the prose rules say nothing.
    #[test]
    fn generated_reports_prose_agrees_with_their_tables(
        seed in any::<u64>(),
        format in prop_oneof![Just(gongkai_model::FormatId::F2019), Just(gongkai_model::FormatId::F2021)],
        scale in prop_oneof![Just(gongkai_synth::Scale::Quiet), Just(gongkai_synth::Scale::Typical), Just(gongkai_synth::Scale::Busy)],
        layout in prop_oneof![Just(gongkai_synth::Layout::CellPerLine), Just(gongkai_synth::Layout::Pipe), Just(gongkai_synth::Layout::Tab)],
        chrome in any::<bool>(),
        page_breaks in any::<bool>(),
        variant in any::<u64>(),
    ) {
        let g = gongkai_synth::generate(seed, &gongkai_synth::GenOptions { format, year: None, scale });
        let mut o = gongkai_synth::WriteOptions::new(layout);
        o.chrome = chrome;
        o.page_breaks = page_breaks;
        o.variant_seed = variant;
        let text = gongkai_synth::write_text(&g, &o).text;
        let r = read_str(text.clone()).report;
        let c = evaluate(&r);
        prop_assert!(c.iter().all(|c| c.verdict == Verdict::Holds), "{:#?}\n{}", c, text);
        // The overview always says something about requests: received, or none received.
        prop_assert!(
            c.iter().any(|c| c.rule == "PROSE-VS-TABLE"
                && c.evidence.starts_with("requests_received")),
            "{:#?}\n{}", c, text
        );
        prop_assert!(prose_findings(&r).is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Robustness

proptest! {
    // Generating these strings is what takes the time (debug-built proptest), not reading them.
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Text made of the pieces figures are made of never makes the reader or the rules panic.
    #[test]
    fn figure_like_noise_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("其中".to_string()), Just("（含".to_string()), Just("）".to_string()),
                Just("，".to_string()), Just("。".to_string()), Just("、".to_string()),
                Just("占".to_string()), Just("的".to_string()), Just("%".to_string()),
                Just("未收到".to_string()), Just("无".to_string()), Just("没有".to_string()),
                Just("为零".to_string()), Just("余".to_string()), Just("近".to_string()),
                Just("申请".to_string()), Just("行政复议、行政诉讼".to_string()),
                Just("答复率".to_string()), Just("主动公开信息".to_string()),
                Just("条".to_string()), Just("件".to_string()), Just("万元".to_string()),
                Just("人(户)次".to_string()), Just("个".to_string()), Just("\n".to_string()),
                Just("百分之".to_string()), Just(" ".to_string()), Just("第".to_string()),
                "[〇零一二两三四五六七八九十百千万亿]{1,6}",
                "[0-9０-９.,]{1,8}",
            ],
            0..120,
        )
    ) {
        let text: String = parts.concat();
        let r = read_str(text).report;
        let _ = gongkai_check::check(&r);
        for s in &r.statements {
            prop_assert!(s.quantity.lo <= s.quantity.hi);
            prop_assert!(s.parts.iter().all(|&p| p < r.statements.len()));
        }
    }

    #[test]
    fn random_text_never_panics_the_prose_rules(text in "\\PC{0,400}") {
        let r = read_str(text).report;
        let _ = gongkai_check::check(&r);
    }
}

/// Reads `text` and runs the prose rules, returning the seconds it took.
fn time(text: String) -> f64 {
    let start = Instant::now();
    let r = read_str(text).report;
    let _ = evaluate(&r);
    start.elapsed().as_secs_f64()
}

#[test]
fn statements_are_read_and_checked_in_linear_time() {
    // Seed 002's prose repeated: many paragraphs, sums and shares.
    let unit = seed_text(S002);
    let small = time(unit.repeat(40));
    let big = time(unit.repeat(320));
    assert!(
        big < small * 24.0 + 1.0,
        "8x input took {big:.2}s vs {small:.2}s"
    );
}

#[test]
fn one_huge_sentence_is_linear() {
    // One paragraph, one sentence: a whole and a very long list of parts, then many shares.
    let sentence = |n: usize| {
        let mut s = String::from("主动公开信息100000条，其中");
        for i in 0..n {
            s.push_str(&format!("单位{i}公开1条、"));
        }
        for _ in 0..n / 10 {
            s.push_str("占总数的5%，未收到申请，");
        }
        s
    };
    let a = time(sentence(20_000));
    let b = time(sentence(160_000));
    assert!(b < a * 24.0 + 1.0, "8x sentence took {b:.2}s vs {a:.2}s");
    // A long run without a clause mark: a subject, phrase and stored sentence stay bounded.
    let r = read_str(format!("未收到{}申请12件", "政".repeat(200_000))).report;
    assert!(r
        .statements
        .iter()
        .all(|s| s.sentence.chars().count() < 400));
}
