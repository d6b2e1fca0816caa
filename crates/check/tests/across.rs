//! The rules across reports on a generated corpus: one consolidated government and three
//! departments, 2019–2024 (2019 format for 2019–2020, 2021 format after), made consistent across
//! years and against the consolidation, then one defect planted at a time. Each scenario must
//! give exactly the findings planted — no more (the clean corpus is silent), no fewer.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use gongkai_check::{check_consolidated, check_years, AcrossFinding, Entry, UnitRef};
use gongkai_model::{formats, CellKey, CellState, FormatId, Outcome, Report};
use gongkai_synth::{generate, GenOptions, Scale};

const PARENT: i64 = 1;
const CHILDREN: [i64; 3] = [2, 3, 4];
const YEARS: std::ops::RangeInclusive<i32> = 2019..=2024;

fn k(table: &str, row: &str, column: &str) -> CellKey {
    formats::intern(table, row, column).unwrap()
}

fn val(r: &Report, key: CellKey) -> f64 {
    r.cell(&key).and_then(|c| c.value).unwrap_or(0.0)
}

fn set(r: &mut Report, key: CellKey, v: f64) {
    let c = r.cell_mut(&key).unwrap();
    c.value = Some(v);
    c.state = CellState::Number;
    c.text = gongkai_model::report::format_value(v).into();
}

fn format_for(year: i32) -> FormatId {
    FormatId::expected_for_year(year)
}

/// Makes `cur` continue `prev`: carried over requests, documents in force, prior-year items, and
/// the totals X-JUMP watches.
fn continue_from(prev: &Report, cur: &mut Report) {
    for col in formats::ALL_REQUEST_COLUMNS {
        set(
            cur,
            k("requests", "carried_in", col),
            val(prev, k("requests", "carried_out", col)),
        );
    }
    if prev.format == FormatId::F2021 && cur.format == FormatId::F2021 {
        for row in ["regulations", "normative_documents"] {
            let v = val(prev, k("proactive", row, "in_force"))
                + val(cur, k("proactive", row, "issued"))
                - val(cur, k("proactive", row, "repealed"));
            set(cur, k("proactive", row, "in_force"), v);
        }
    }
    if prev.format == FormatId::F2019 && cur.format == FormatId::F2019 {
        for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
            let v = val(prev, k("proactive", row, "prior_items"))
                + val(prev, k("proactive", row, "change"));
            set(cur, k("proactive", row, "prior_items"), v);
        }
    }
    for (t, r) in [
        ("requests", "received"),
        ("review_litigation", "review"),
        ("review_litigation", "litigation_direct"),
        ("review_litigation", "litigation_after_review"),
    ] {
        set(cur, k(t, r, "total"), val(prev, k(t, r, "total")));
    }
}

/// The corpus: (id, unit, year, report), ids unique.
struct Corpus {
    items: Vec<(i64, i64, i32, Report)>,
}

impl Corpus {
    fn clean() -> Corpus {
        let mut items = Vec::new();
        let mut id = 100;
        for unit in CHILDREN {
            let mut prev: Option<Report> = None;
            for year in YEARS {
                let mut r = generate(
                    (unit as u64) * 1000 + year as u64,
                    &GenOptions {
                        format: format_for(year),
                        year: Some(year),
                        scale: Scale::Typical,
                    },
                );
                if let Some(p) = &prev {
                    continue_from(p, &mut r);
                }
                prev = Some(r.clone());
                items.push((id, unit, year, r));
                id += 1;
            }
        }
        let mut c = Corpus { items };
        for year in YEARS {
            let p = c.consolidate(year);
            c.items.push((id, PARENT, year, p));
            id += 1;
        }
        c
    }

    /// The parent's report for `year`: 表三 and 表四 are the children's sums.
    fn consolidate(&self, year: i32) -> Report {
        let mut p = Report::empty(format_for(year));
        let keys: Vec<CellKey> = p
            .cells
            .iter()
            .filter(|c| matches!(c.table, "requests" | "review_litigation"))
            .map(|c| c.key())
            .collect();
        for key in keys {
            let sum: f64 = self
                .items
                .iter()
                .filter(|(_, u, y, _)| *y == year && CHILDREN.contains(u))
                .map(|(_, _, _, r)| val(r, key))
                .sum();
            set(&mut p, key, sum);
        }
        p
    }

    fn id_of(&self, unit: i64, year: i32) -> i64 {
        self.items
            .iter()
            .find(|(_, u, y, _)| *u == unit && *y == year)
            .unwrap()
            .0
    }

    fn report_mut(&mut self, unit: i64, year: i32) -> &mut Report {
        &mut self
            .items
            .iter_mut()
            .find(|(_, u, y, _)| *u == unit && *y == year)
            .unwrap()
            .3
    }

    fn run(&self) -> Vec<AcrossFinding> {
        let entries: Vec<Entry<'_>> = self
            .items
            .iter()
            .map(|(id, unit, year, report)| Entry {
                id: *id,
                unit: *unit,
                year: *year,
                report,
                name: "x.txt",
            })
            .collect();
        let mut out = check_years(&entries);
        let children: Vec<UnitRef<'_>> = CHILDREN
            .iter()
            .map(|&id| UnitRef { id, name: "部门" })
            .collect();
        let (parents, kids): (Vec<Entry<'_>>, Vec<Entry<'_>>) =
            entries.iter().partition(|e| e.unit == PARENT);
        out.extend(check_consolidated(
            UnitRef {
                id: PARENT,
                name: "某县人民政府",
            },
            &parents,
            &children,
            &kids,
        ));
        out
    }
}

/// The findings as (rule, report id, outcome), sorted.
fn summary(f: &[AcrossFinding]) -> BTreeSet<(&'static str, i64, Outcome)> {
    f.iter()
        .map(|a| (a.finding.rule, a.report, a.finding.outcome))
        .collect()
}

#[test]
fn the_clean_corpus_is_silent() {
    let c = Corpus::clean();
    let f = c.run();
    assert!(
        f.is_empty(),
        "{:#?}",
        f.iter().map(|x| &x.finding.message.zh).collect::<Vec<_>>()
    );
}

#[test]
fn carried_in_that_differs_from_last_year_fails_x_carry_and_the_consolidation() {
    let mut c = Corpus::clean();
    let key = k("requests", "carried_in", "natural_person");
    let r = c.report_mut(2, 2023);
    let v = val(r, key);
    set(r, key, v + 2.0);
    let f = c.run();
    let expected = BTreeSet::from([
        ("X-CARRY", c.id_of(2, 2023), Outcome::Fail),
        ("X-CONSOLIDATED", c.id_of(PARENT, 2023), Outcome::Fail),
    ]);
    assert_eq!(summary(&f), expected);
    let carry = f.iter().find(|a| a.finding.rule == "X-CARRY").unwrap();
    assert_eq!(carry.finding.cells, vec![key]);
    assert!(
        carry.finding.message.zh.contains("自然人"),
        "{}",
        carry.finding.message.zh
    );
    assert!(
        carry.finding.message.zh.contains("2022"),
        "{}",
        carry.finding.message.zh
    );
    let ev = carry.finding.evidence.as_deref().unwrap();
    assert!(ev.contains(&format!("{} ≠ {} (2022)", v + 2.0, v)), "{ev}");
}

#[test]
fn a_blank_operand_makes_x_carry_uncertain_not_failed() {
    let mut c = Corpus::clean();
    let r = c.report_mut(3, 2022);
    let cell = r
        .cell_mut(&k("requests", "carried_in", "business"))
        .unwrap();
    cell.state = CellState::Blank;
    cell.value = None;
    let f = c.run();
    // The consolidation sums that cell too, so it cannot be decided either.
    assert_eq!(
        summary(&f),
        BTreeSet::from([
            ("X-CARRY", c.id_of(3, 2022), Outcome::Uncertain),
            ("X-CONSOLIDATED", c.id_of(PARENT, 2022), Outcome::Uncertain),
        ])
    );
}

#[test]
fn documents_in_force_that_do_not_carry_over_fail_both_year_pairs() {
    let mut c = Corpus::clean();
    let key = k("proactive", "regulations", "in_force");
    let r = c.report_mut(3, 2022);
    let v = val(r, key);
    set(r, key, v + 1.0);
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([
            ("X-IN-FORCE", c.id_of(3, 2022), Outcome::Fail),
            ("X-IN-FORCE", c.id_of(3, 2023), Outcome::Fail),
        ])
    );
}

#[test]
fn prior_items_that_break_fail_x_prior_items_in_the_2019_format_only() {
    let mut c = Corpus::clean();
    let key = k("proactive", "licensing", "prior_items");
    let r = c.report_mut(4, 2020);
    let v = val(r, key);
    set(r, key, v + 3.0);
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([("X-PRIOR-ITEMS", c.id_of(4, 2020), Outcome::Fail)])
    );
    // Across the change of format (2020 → 2021) the rule does not apply: no finding on 2021.
    let mut c = Corpus::clean();
    let r = c.report_mut(4, 2021);
    if let Some(cell) = r.cell_mut(&k("proactive", "licensing", "decisions")) {
        cell.value = Some(1e6);
    }
    assert!(c.run().is_empty());
}

#[test]
fn a_tenfold_jump_is_a_notice_and_a_small_one_is_not() {
    let mut c = Corpus::clean();
    let key = k("requests", "received", "total");
    let r = c.report_mut(2, 2024);
    let v = val(r, key);
    set(r, key, (v + 10.0) * 10.0);
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([
            ("X-JUMP", c.id_of(2, 2024), Outcome::Fail),
            ("X-CONSOLIDATED", c.id_of(PARENT, 2024), Outcome::Fail),
        ])
    );
    let jump = f.iter().find(|a| a.finding.rule == "X-JUMP").unwrap();
    assert_eq!(jump.finding.severity, gongkai_model::Severity::Notice);

    // From 2 to 9: more than fivefold, but only 7 more requests.
    let mut c = Corpus::clean();
    set(c.report_mut(2, 2023), key, 2.0);
    set(c.report_mut(2, 2024), key, 9.0);
    let rules: Vec<&str> = c.run().iter().map(|a| a.finding.rule).collect();
    assert!(!rules.contains(&"X-JUMP"), "{rules:?}");
}

#[test]
fn a_second_report_for_the_same_unit_and_year_is_a_duplicate() {
    let mut c = Corpus::clean();
    let copy = c
        .items
        .iter()
        .find(|(_, u, y, _)| *u == 3 && *y == 2021)
        .unwrap()
        .3
        .clone();
    c.items.push((999, 3, 2021, copy));
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([("X-DUPLICATE", 999, Outcome::Fail)])
    );
}

#[test]
fn a_missing_unit_report_makes_the_consolidation_uncertain() {
    let mut c = Corpus::clean();
    c.items.retain(|(_, u, y, _)| !(*u == 4 && *y == 2022));
    let f = c.run();
    // The child's own year pairs lose 2022 (no 2021→2022 or 2022→2023 pair): silent.
    assert_eq!(
        summary(&f),
        BTreeSet::from([("X-CONSOLIDATED", c.id_of(PARENT, 2022), Outcome::Uncertain)])
    );
    let msg = &f[0].finding.message.zh;
    assert!(msg.contains("没有 2022 年的报告"), "{msg}");
}

#[test]
fn a_consolidated_total_off_by_one_names_the_cell() {
    let mut c = Corpus::clean();
    let key = k("review_litigation", "review", "corrected");
    let r = c.report_mut(PARENT, 2019);
    let v = val(r, key);
    set(r, key, v + 1.0);
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([("X-CONSOLIDATED", c.id_of(PARENT, 2019), Outcome::Fail)])
    );
    assert_eq!(f[0].finding.cells, vec![key]);
    assert!(
        f[0].finding.message.zh.contains("行政复议"),
        "{}",
        f[0].finding.message.zh
    );
}

/// Section 五's text for a report, as the reader keeps it.
fn problems_text(text: &str) -> gongkai_model::SectionText {
    gongkai_model::SectionText {
        key: "problems",
        text: text.to_string(),
        source: gongkai_model::Source::line(40),
    }
}

const PROBLEMS_2022: &str = "2022年，一是政策解读形式较为单一，图解、视频等形式运用不够。\n\
    二是依申请公开答复的规范化水平有待进一步提高。\n\
    下一步，我局将丰富解读形式，加强业务培训，提升答复质量。";

#[test]
fn section_five_copied_from_last_year_is_a_notice_and_a_new_text_is_not() {
    let mut c = Corpus::clean();
    c.report_mut(3, 2022).texts = vec![problems_text(PROBLEMS_2022)];
    // The same words with this year's numbers: still a copy.
    c.report_mut(3, 2023).texts =
        vec![problems_text(&PROBLEMS_2022.replace("2022年，", "2023年 "))];
    let f = c.run();
    assert_eq!(
        summary(&f),
        BTreeSet::from([("X-COPIED", c.id_of(3, 2023), Outcome::Fail)])
    );
    let copied = &f[0].finding;
    assert_eq!(copied.severity, gongkai_model::Severity::Notice);
    assert_eq!(copied.location.line_no(), Some(40));
    assert!(copied.message.zh.contains("100%"), "{}", copied.message.zh);
    assert!(copied.message.zh.contains("2022"), "{}", copied.message.zh);

    // A text of its own the next year: silent; and two years apart are not compared.
    c.report_mut(3, 2023).texts = vec![problems_text(
        "一是主动公开目录更新不够及时，部分栏目内容陈旧。\n\
         二是基层政务公开标准化建设仍需推进。\n\
         明年将建立栏目定期巡查机制，指导乡镇完善公开目录。",
    )];
    c.report_mut(3, 2024).texts = vec![problems_text(PROBLEMS_2022)];
    assert!(c.run().is_empty());
}
