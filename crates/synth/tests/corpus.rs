mod common;

use std::collections::HashSet;

use gongkai_model::arith::{evaluate, Eval};
use gongkai_model::{formats, CellState, FormatId};
use gongkai_synth::{corpus, example_reports, examples, samples, Layout};

#[test]
fn corpus_is_mixed_deterministic_and_consistent() {
    let a: Vec<(String, String)> = corpus(7, 60).collect();
    let b: Vec<(String, String)> = corpus(7, 60).collect();
    assert_eq!(a, b);
    assert_eq!(a.len(), 60);
    let names: HashSet<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 60);
    let mut formats_seen = HashSet::new();
    let mut layouts = HashSet::new();
    let (mut chrome, mut breaks) = (0, 0);
    for s in samples(7, 60) {
        formats_seen.insert(s.report.format);
        layouts.insert(s.options.layout);
        chrome += usize::from(s.options.chrome);
        breaks += usize::from(s.options.page_breaks);
        assert!(s.name.ends_with(".txt"));
        assert_eq!(s.written.cell_lines.len(), s.report.cells.len());
    }
    assert_eq!(formats_seen.len(), 2);
    assert_eq!(layouts.len(), Layout::ALL.len());
    assert!(chrome > 5 && breaks > 5);
    let c: Vec<_> = corpus(8, 3).collect();
    assert_ne!(c[0], a[0]);
}

#[test]
fn examples_plant_what_they_say() {
    let all = example_reports();
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2021-typical-pipe.txt",
            "2021-quiet-tab.txt",
            "2019-busy-cell-per-line.txt",
            "2020-typical-tab.txt",
            "defect-t3-balance.txt",
            "defect-t3-deleted-value.txt",
            "defect-t4-total.txt",
            "defect-format-2019-for-2022.txt",
        ]
    );
    for e in &all {
        let fails: Vec<&str> = formats::relations(e.report.format)
            .iter()
            .filter(|r| matches!(evaluate(r, &e.report), Eval::Fails { .. }))
            .map(|r| r.def.rule)
            .collect();
        match e.name.as_str() {
            "defect-t3-balance.txt" => {
                assert_eq!(
                    fails,
                    ["T3-BALANCE", "T3-BALANCE"],
                    "natural_person and total"
                )
            }
            "defect-t4-total.txt" => assert_eq!(fails, ["T4-GROUP-TOTAL"]),
            _ => assert!(fails.is_empty(), "{}: {fails:?}", e.name),
        }
        let mut deduped = fails.clone();
        deduped.dedup();
        assert_eq!(e.failing_rules, deduped);
    }
    let deleted = &all[5].report;
    assert_eq!(
        deleted
            .cells
            .iter()
            .filter(|c| c.state == CellState::Missing)
            .count(),
        1
    );
    let mismatch = &all[7].report;
    assert_eq!(
        (mismatch.format, mismatch.year.value),
        (FormatId::F2019, Some(2022))
    );
    assert_eq!(examples().len(), all.len());
}
