use gongkai_model::formats;
use gongkai_model::{FormatId, Report};

#[test]
fn cell_counts_match_the_official_grids() {
    let f21 = formats::get(FormatId::F2021);
    assert_eq!(f21.table("proactive").unwrap().cell_count(), 10);
    assert_eq!(f21.table("requests").unwrap().rows.len(), 25);
    assert_eq!(f21.table("requests").unwrap().cell_count(), 175);
    assert_eq!(f21.table("review_litigation").unwrap().cell_count(), 15);
    let f19 = formats::get(FormatId::F2019);
    assert_eq!(f19.table("proactive").unwrap().cell_count(), 22);
    assert_eq!(f19.table("requests").unwrap().rows.len(), 23);
    assert_eq!(f19.table("review_litigation").unwrap().cell_count(), 15);
}

#[test]
fn relations_expand_per_row_and_column() {
    let rels = formats::relations(FormatId::F2021);
    let count = |rule: &str| rels.iter().filter(|r| r.def.rule == rule).count();
    assert_eq!(count("T3-BALANCE"), 7);
    assert_eq!(count("T3-RESULTS-TOTAL"), 7);
    assert_eq!(count("T3-ROW-TOTAL"), 25);
    assert_eq!(count("T4-GROUP-TOTAL"), 3);
    let total = rels
        .iter()
        .find(|r| r.def.rule == "T3-RESULTS-TOTAL" && r.along == "total")
        .unwrap();
    assert_eq!(total.rhs.len(), 21);
    let rels19 = formats::relations(FormatId::F2019);
    let total19 = rels19
        .iter()
        .find(|r| r.def.rule == "T3-RESULTS-TOTAL" && r.along == "natural_person")
        .unwrap();
    assert_eq!(total19.rhs.len(), 19);
    // The 2019 表二 relations apply only to the rows that have both columns.
    assert_eq!(
        rels19
            .iter()
            .filter(|r| r.def.rule == "T2-PUBLISHED-WITHIN-TOTAL")
            .count(),
        2
    );
}

#[test]
fn keys_are_unique_within_each_table() {
    for f in formats::all() {
        for t in f.tables {
            let mut rows: Vec<_> = t.rows.iter().map(|r| r.key).collect();
            rows.sort();
            rows.dedup();
            assert_eq!(rows.len(), t.rows.len(), "{} {}", f.id, t.key);
            for r in t.rows {
                for c in r.columns {
                    assert!(t.column(c).is_some(), "{} {}.{}.{}", f.id, t.key, r.key, c);
                }
            }
        }
    }
}

#[test]
fn empty_report_has_every_cell_missing() {
    let r = Report::empty(FormatId::F2019);
    assert_eq!(r.cells.len(), 22 + 161 + 15);
    assert!(r
        .cells
        .iter()
        .all(|c| c.state == gongkai_model::CellState::Missing));
}
