//! The prose rules over hand-built statements: each test states a few figures the way the
//! reader would, and looks for exactly the expected verdict, finding and arithmetic.

mod common;

use common::*;
use gongkai_check::check;
use gongkai_check::prose::{evaluate, Verdict};
use gongkai_model::{
    Cell, CellState, FormatId, Meaning, Outcome, Quantity, Report, Severity, Source, Statement,
    StatementKind, Unit,
};

/// A consistent report of the format with these statements; a legacy report has no cells
/// (as one the reader fills from prose before the statements are known).
fn with(format: FormatId, statements: Vec<Statement>) -> Report {
    let mut r = if format == FormatId::Legacy {
        Report::with_cells(FormatId::Legacy, Vec::new())
    } else {
        consistent(format)
    };
    r.statements = statements;
    r
}

fn verdicts(r: &Report) -> Vec<(&'static str, Verdict, String)> {
    evaluate(r)
        .into_iter()
        .map(|c| (c.rule, c.verdict, c.evidence))
        .collect()
}

fn words(meaning: Meaning, line: u32) -> Statement {
    Statement {
        kind: StatementKind::Words,
        text: "未收到…".to_string(),
        ..stated(0.0, Unit::Jian, Some(meaning), line)
    }
}

// ---------------------------------------------------------------------------------------------
// PROSE-PARTS-SUM

#[test]
fn parts_that_exceed_their_whole_fail_at_the_whole() {
    let mut st = vec![
        stated(100.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 3),
        stated(60.0, Unit::Tiao, None, 3),
        stated(41.0, Unit::Tiao, None, 3),
    ];
    list_parts(&mut st, 0, &[1, 2]);
    let r = with(FormatId::F2021, st);
    assert_eq!(
        verdicts(&r),
        vec![(
            "PROSE-PARTS-SUM",
            Verdict::Fails,
            "60 + 41 = 101 > 100".to_string()
        )]
    );
    let f = check(&r);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].rule, f[0].severity, f[0].outcome),
        ("PROSE-PARTS-SUM", Severity::Warning, Outcome::Fail)
    );
    assert_eq!(f[0].location.line_no(), Some(3));
    assert!(
        f[0].message.zh.contains("多于总数100条"),
        "{}",
        f[0].message.zh
    );
}

#[test]
fn parts_short_of_their_whole_fail_only_when_the_list_is_complete() {
    // Two parts, nothing says they are all: a notice.
    let mut st = vec![
        stated(100.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 3),
        stated(60.0, Unit::Tiao, None, 3),
        stated(30.0, Unit::Tiao, None, 3),
    ];
    list_parts(&mut st, 0, &[1, 2]);
    let r = with(FormatId::F2021, st.clone());
    assert_eq!(
        verdicts(&r),
        vec![(
            "PROSE-PARTS-SUM",
            Verdict::Undecided,
            "60 + 30 = 90 < 100".to_string()
        )]
    );
    let f = check(&r);
    assert_eq!(
        (f[0].severity, f[0].outcome),
        (Severity::Notice, Outcome::Uncertain)
    );
    // An "other" part makes the list complete.
    st[2].subject = "其他单位".to_string();
    let r = with(FormatId::F2021, st.clone());
    assert_eq!(verdicts(&r)[0].1, Verdict::Fails);
    // So does a count of the parts in the same sentence: 两个 … with two parts.
    st[2].subject = "县直部门".to_string();
    let mut count = stated(2.0, Unit::Ge, None, 3);
    count.text = "两个".to_string();
    let mut with_count = vec![count];
    with_count.extend(st.iter().cloned().map(|mut s| {
        s.parts = s.parts.iter().map(|p| p + 1).collect();
        s.part_of = s.part_of.map(|p| p + 1);
        s
    }));
    let r = with(FormatId::F2021, with_count);
    let c = evaluate(&r);
    assert_eq!(c[0].verdict, Verdict::Fails);
    assert!(c[0].message.zh.contains("「两个」"), "{}", c[0].message.zh);
    // A single part short of its whole says "of which": nothing to check.
    let mut st = vec![
        stated(100.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 3),
        stated(60.0, Unit::Tiao, None, 3),
    ];
    list_parts(&mut st, 0, &[1]);
    assert!(verdicts(&with(FormatId::F2021, st)).is_empty());
}

#[test]
fn reply_types_are_a_complete_list() {
    let mut st = vec![
        stated(6.0, Unit::Jian, Some(Meaning::RepliesTotal), 3),
        stated(4.0, Unit::Jian, Some(Meaning::RepliesGranted), 3),
        stated(1.0, Unit::Jian, Some(Meaning::RepliesRefused), 3),
    ];
    list_parts(&mut st, 0, &[1, 2]);
    let r = with(FormatId::Legacy, st);
    let c = evaluate(&r);
    let sum = c.iter().find(|c| c.rule == "PROSE-PARTS-SUM").unwrap();
    assert_eq!(sum.verdict, Verdict::Fails);
    assert_eq!(sum.evidence, "4 + 1 = 5 < 6");
}

#[test]
fn the_next_sentences_may_complete_a_list() {
    // 11 people: 其中 3 + 2 in the sentence, 4 and 2 in the next ones.
    let mut st = vec![
        stated(11.0, Unit::RenHuCi, None, 3),
        stated(3.0, Unit::RenCi, None, 3),
        stated(2.0, Unit::HuCi, None, 3),
        stated(4.0, Unit::HuCi, None, 4),
        stated(9.0, Unit::Tiao, None, 4),
        stated(2.0, Unit::RenCi, None, 5),
    ];
    for s in st.iter_mut() {
        s.paragraph_no = 3;
    }
    list_parts(&mut st, 0, &[1, 2]);
    let r = with(FormatId::Legacy, st.clone());
    assert_eq!(
        verdicts(&r),
        vec![(
            "PROSE-PARTS-SUM",
            Verdict::Holds,
            "3 + 2 + 4 + 2 = 11".to_string()
        )]
    );
    // Not in another paragraph.
    st[5].paragraph_no = 4;
    let r = with(FormatId::Legacy, st);
    assert_eq!(verdicts(&r)[0].1, Verdict::Undecided);
}

#[test]
fn money_parts_are_compared_in_wanyuan() {
    let mut st = vec![
        stated(1.5, Unit::Wanyuan, None, 3),
        stated(5000.0, Unit::Yuan, None, 3),
        stated(1.0, Unit::Wanyuan, None, 3),
    ];
    list_parts(&mut st, 0, &[1, 2]);
    let r = with(FormatId::Legacy, st);
    assert_eq!(
        verdicts(&r),
        vec![(
            "PROSE-PARTS-SUM",
            Verdict::Holds,
            "0.5 + 1 = 1.5".to_string()
        )]
    );
}

#[test]
fn approximate_parts_fail_only_when_no_value_fits() {
    let mut st = vec![
        stated(300.0, Unit::Tiao, None, 3),
        stated(200.0, Unit::Tiao, None, 3),
        stated(0.0, Unit::Tiao, None, 3),
    ];
    st[2].quantity = Quantity::between(60.0, 69.0);
    list_parts(&mut st, 0, &[1, 2]);
    // 200 + 60..=69 = 260..=269 < 300, and nothing says the list is complete.
    assert_eq!(
        verdicts(&with(FormatId::Legacy, st.clone()))[0].1,
        Verdict::Undecided
    );
    st[0].quantity = Quantity::exact(265.0);
    assert_eq!(
        verdicts(&with(FormatId::Legacy, st.clone()))[0].1,
        Verdict::Holds
    );
    st[0].quantity = Quantity::exact(250.0);
    assert_eq!(
        verdicts(&with(FormatId::Legacy, st))[0],
        (
            "PROSE-PARTS-SUM",
            Verdict::Fails,
            "200 + 60..=69 = 260..=269 > 250".to_string()
        )
    );
}

#[test]
fn breakdowns_in_different_sentences_are_checked_apart() {
    // 100 = 60 + 40 by place (sentence 3) and = 70 + 30 by channel (sentence 4).
    let mut st = vec![
        stated(100.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 3),
        stated(60.0, Unit::Tiao, None, 3),
        stated(40.0, Unit::Tiao, None, 3),
        stated(70.0, Unit::Tiao, None, 4),
        stated(30.0, Unit::Tiao, None, 4),
    ];
    list_parts(&mut st, 0, &[1, 2, 3, 4]);
    let v = verdicts(&with(FormatId::Legacy, st));
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|c| c.1 == Verdict::Holds), "{v:?}");
}

// ---------------------------------------------------------------------------------------------
// PROSE-PERCENT

#[test]
fn a_share_divides_by_the_total_it_names() {
    // 主动公开信息8052条，其中 A 1383条、B 6669条。网站7136条，占主动公开政府信息总数的88.6%。
    let mut st = vec![
        stated(8052.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 3),
        stated(1383.0, Unit::Tiao, None, 3),
        stated(6669.0, Unit::Tiao, None, 3),
        stated(7136.0, Unit::Tiao, Some(Meaning::ProactiveWebsite), 3),
    ];
    st[0].subject = "主动公开信息".to_string();
    st[1].subject = "乡镇主动公开政府信息".to_string();
    list_parts(&mut st, 0, &[1, 2]);
    st.push(share(88.6, 1, 3, "主动公开政府信息总数", 3));
    let r = with(FormatId::Legacy, st.clone());
    let c = evaluate(&r);
    let p = c.iter().find(|c| c.rule == "PROSE-PERCENT").unwrap();
    assert_eq!(
        (p.verdict, p.evidence.as_str()),
        (Verdict::Holds, "7136 / 8052 = 88.62% ≈ 88.6%")
    );
    assert_eq!(p.statements, vec![4, 3, 0]);
    // 86.6% fits no figure of the paragraph.
    st[4].quantity = Quantity::exact(86.6);
    st[4].text = "86.6%".to_string();
    let r = with(FormatId::Legacy, st);
    let f = check(&r);
    let f: Vec<_> = f.iter().filter(|f| f.rule == "PROSE-PERCENT").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].outcome, f[0].evidence.as_deref()),
        (Outcome::Fail, Some("7136 / 8052 = 88.62% ≠ 86.6%"))
    );
    assert!(
        f[0].message.zh.contains("应为88.62%"),
        "{}",
        f[0].message.zh
    );
}

#[test]
fn a_share_whose_denominator_is_unclear_is_undecided() {
    // 在省确定应公开的64项中，下达48项…已公开48项，占应公开数的100%.
    let mut st = vec![
        stated(64.0, Unit::Xiang, None, 3),
        stated(48.0, Unit::Xiang, None, 3),
        stated(48.0, Unit::Xiang, None, 3),
    ];
    st[0].subject = "在省确定应公开的专项资金中".to_string();
    st[1].subject = "已向我市下达资金".to_string();
    st[2].subject = "已公开专项资金".to_string();
    st.push(share(100.0, 0, 2, "应公开数", 3));
    let c = evaluate(&with(FormatId::Legacy, st.clone()));
    assert_eq!(
        (c[0].verdict, c[0].evidence.as_str()),
        (Verdict::Undecided, "48 / 64 = 75.0%; 48 / 48 = 100.0%")
    );
    // Without the 48 allocated, 64 is the only reading: 75% ≠ 100%.
    st.remove(1);
    st[1].share_of = None;
    st[2].share_of = Some(1);
    let c = evaluate(&with(FormatId::Legacy, st));
    assert_eq!(c[0].verdict, Verdict::Fails);
}

#[test]
fn a_reply_rate_divides_replies_by_requests() {
    let mut rate = stated(100.0, Unit::Percent, None, 3);
    rate.kind = StatementKind::Percent;
    rate.subject = "答复率".to_string();
    rate.text = "100%".to_string();
    let st = vec![
        stated(11.0, Unit::Jian, Some(Meaning::RequestsReceived), 3),
        stated(10.0, Unit::Jian, Some(Meaning::RepliesTotal), 3),
        rate.clone(),
    ];
    let c = evaluate(&with(FormatId::Legacy, st));
    assert_eq!(
        (c[0].verdict, c[0].evidence.as_str()),
        (Verdict::Fails, "10 / 11 = 90.9% ≠ 100%")
    );
    // A rate with nothing to divide is not checked; nor one over zero requests.
    assert!(evaluate(&with(FormatId::Legacy, vec![rate.clone()])).is_empty());
    let st = vec![
        words(Meaning::RequestsReceived, 3),
        stated(0.0, Unit::Jian, Some(Meaning::RepliesTotal), 3),
        rate,
    ];
    assert!(evaluate(&with(FormatId::Legacy, st)).is_empty());
}

// ---------------------------------------------------------------------------------------------
// PROSE-VS-TABLE

#[test]
fn prose_figures_match_table_3_and_table_4() {
    // consistent(): received 6, carried in 1, results total 6, carried out 1, granted 4,
    // partly 1, reviews 4, lawsuits 1 + 0.
    let st = vec![
        stated(6.0, Unit::Jian, Some(Meaning::RequestsReceived), 3),
        stated(1.0, Unit::Jian, Some(Meaning::RequestsCarriedIn), 3),
        stated(6.0, Unit::Jian, Some(Meaning::RepliesTotal), 3),
        stated(5.0, Unit::Jian, Some(Meaning::RepliesDisclosed), 3),
        stated(1.0, Unit::Jian, Some(Meaning::RequestsCarriedOut), 3),
        stated(4.0, Unit::Jian, Some(Meaning::Reviews), 4),
        stated(1.0, Unit::Jian, Some(Meaning::Lawsuits), 4),
        stated(92.0, Unit::Tiao, Some(Meaning::ProactiveTotal), 2),
    ];
    for format in [FormatId::F2019, FormatId::F2021] {
        let r = with(format, st.clone());
        let v = verdicts(&r);
        assert_eq!(v.len(), 7, "{v:?}");
        assert!(v.iter().all(|c| c.1 == Verdict::Holds), "{v:?}");
        assert!(check(&r).is_empty());
    }
    let r = with(FormatId::F2021, st);
    let ev: Vec<String> = evaluate(&r).into_iter().map(|c| c.evidence).collect();
    assert!(
        ev.contains(&"replies_disclosed: 5 = 4 + 1".to_string()),
        "{ev:?}"
    );
}

#[test]
fn a_prose_figure_that_differs_from_its_cell_fails_at_the_prose() {
    let st = vec![stated(7.0, Unit::Jian, Some(Meaning::RequestsReceived), 3)];
    let r = with(FormatId::F2021, st);
    let f = check(&r);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].rule, f[0].outcome, f[0].location.line_no()),
        ("PROSE-VS-TABLE", Outcome::Fail, Some(3))
    );
    assert_eq!(f[0].cells[0].to_string(), "requests.received.total");
    assert_eq!(f[0].evidence.as_deref(), Some("requests_received: 7 ≠ 6"));
    assert!(
        f[0].message
            .zh
            .contains("表三「一、本年新收政府信息公开申请数量」行「总计」列"),
        "{}",
        f[0].message.zh
    );
    assert!(f[0].message.en.contains("requests.received.total"));
}

#[test]
fn no_requests_in_words_against_a_table_with_requests() {
    let r = with(
        FormatId::F2019,
        vec![
            words(Meaning::RequestsReceived, 3),
            words(Meaning::Reviews, 4),
        ],
    );
    let v = verdicts(&r);
    assert_eq!(
        v,
        vec![
            (
                "PROSE-VS-TABLE",
                Verdict::Fails,
                "requests_received: 0 ≠ 6".to_string()
            ),
            (
                "PROSE-VS-TABLE",
                Verdict::Fails,
                "reviews: 0 ≠ 4".to_string()
            ),
        ]
    );
}

#[test]
fn an_ambiguous_statement_is_undecided_when_its_readings_disagree() {
    // 办理…申请6件: received (6) fits, answered (6) fits → holds; 7 fits neither → fails.
    let mut s = stated(6.0, Unit::Jian, Some(Meaning::RequestsReceived), 3);
    s.alternatives = vec![Meaning::RepliesTotal];
    assert_eq!(
        verdicts(&with(FormatId::F2021, vec![s.clone()]))[0].1,
        Verdict::Holds
    );
    s.quantity = Quantity::exact(7.0);
    assert_eq!(
        verdicts(&with(FormatId::F2021, vec![s.clone()]))[0].1,
        Verdict::Fails
    );
    // Received 6 but answered 5: one reading fits.
    let mut r = with(FormatId::F2021, vec![s.clone()]);
    r.statements[0].quantity = Quantity::exact(6.0);
    set(&mut r, key("requests", "total", "total"), 5.0);
    let c = evaluate(&r);
    let c: Vec<_> = c.iter().filter(|c| c.rule == "PROSE-VS-TABLE").collect();
    assert_eq!(
        (c[0].verdict, c[0].evidence.as_str()),
        (
            Verdict::Undecided,
            "requests_received: 6 = 6; replies_total: 6 ≠ 5"
        )
    );
    assert!(c[0].message.zh.contains("含义不明确"));
}

#[test]
fn approximations_and_unreadable_cells() {
    // 近10件 (8..=9) against 6 fails; 约6件 (5..=7) holds.
    let mut s = stated(0.0, Unit::Jian, Some(Meaning::RequestsReceived), 3);
    s.quantity = Quantity::between(8.0, 9.0);
    assert_eq!(
        verdicts(&with(FormatId::F2021, vec![s.clone()]))[0].1,
        Verdict::Fails
    );
    s.quantity = Quantity::between(5.0, 7.0);
    assert_eq!(
        verdicts(&with(FormatId::F2021, vec![s.clone()]))[0].1,
        Verdict::Holds
    );
    // A blank cell or a missing table: nothing to compare (other rules report those).
    let mut r = with(FormatId::F2021, vec![s.clone()]);
    blank(&mut r, key("requests", "received", "total"));
    assert!(verdicts(&r).is_empty());
    let mut r = with(FormatId::F2021, vec![s]);
    r.tables.retain(|t| t.key != "requests");
    for c in r.cells.iter_mut().filter(|c| c.table == "requests") {
        *c = Cell::missing(c.key(), Source::None);
    }
    assert!(verdicts(&r).is_empty());
}

#[test]
fn legacy_figures_stated_twice_must_agree() {
    let mut r = Report::with_cells(FormatId::Legacy, Vec::new());
    let first = stated(12.0, Unit::Jian, Some(Meaning::RequestsReceived), 5);
    let second = stated(11.0, Unit::Jian, Some(Meaning::RequestsReceived), 9);
    let fee = Statement {
        text: "500元".to_string(),
        ..stated(500.0, Unit::Yuan, Some(Meaning::Fees), 12)
    };
    let cell = |row: &'static str, v: f64, s: &Statement| Cell {
        table: "legacy",
        row,
        column: "year",
        value: Some(v),
        state: CellState::Number,
        text: Default::default(),
        source: s.source,
        inferred_by: None,
    };
    // As the reader fills it: the first statement of each row; a fee in 万元.
    let mut fee_table = fee.clone();
    fee_table.source = Source::line(20);
    r.replace_cells(vec![
        cell("requests_received", 12.0, &first),
        cell("fees", 0.05, &fee_table),
    ]);
    r.statements = vec![first, second, fee];
    assert_eq!(
        verdicts(&r),
        vec![
            (
                "PROSE-VS-TABLE",
                Verdict::Fails,
                "requests_received: 11 ≠ 12".to_string()
            ),
            (
                "PROSE-VS-TABLE",
                Verdict::Holds,
                "fees: 500元 = 0.05万元".to_string()
            ),
        ]
    );
    let f: Vec<_> = check(&r)
        .into_iter()
        .filter(|f| f.rule.starts_with("PROSE-"))
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.line_no(), Some(9));
    assert!(f[0].message.zh.contains("L5:10"), "{}", f[0].message.zh);
}
