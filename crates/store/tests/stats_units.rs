//! Stats hand-checked on a tiny store, and units: matching, aliases, merging, parents.
#![allow(clippy::unwrap_used)]

mod common;

use gongkai_model::{
    CellState, Finding, FormatId, Located, Message, Outcome, Report, Severity, Source,
};
use gongkai_store::{GroupBy, NewReport, Stored, UnitRow};

fn set(r: &mut Report, t: &str, row: &str, c: &str, v: f64) {
    let k = gongkai_model::formats::intern(t, row, c).unwrap();
    let cell = r.cell_mut(&k).unwrap();
    cell.value = Some(v);
    cell.state = CellState::Number;
}

fn report(agency: &str, year: i32, format: FormatId) -> Report {
    let mut r = Report::empty(format);
    r.agency = Located::new(agency.to_string(), Source::line(1));
    r.year = Located::new(year, Source::line(1));
    r
}

fn put(t: &mut gongkai_store::Store, hash: &str, r: &Report, findings: &[Finding]) -> i64 {
    match t
        .store_report(&NewReport {
            content_hash: hash,
            source_name: &format!("{hash}.txt"),
            report: r,
            findings,
        })
        .unwrap()
    {
        Stored::Inserted(id) => id,
        Stored::Existing => panic!("{hash} existed"),
    }
}

#[test]
fn stats_by_year_and_unit_add_up_by_hand() {
    for mut t in common::stores() {
        let s = &mut t.store;
        // 2022, unit A: 10 received; 8 answered = 5 granted + 1 partial + 2 withheld (third party).
        // Reviews: 3 upheld, 1 corrected; lawsuits: 1 upheld, 1 corrected (direct).
        let mut a = report("某市教育局", 2022, FormatId::F2021);
        for (row, v) in [
            ("received", 10.0),
            ("total", 8.0),
            ("granted", 5.0),
            ("partially_granted", 1.0),
            ("withheld_third_party", 2.0),
        ] {
            set(&mut a, "requests", row, "total", v);
        }
        // Other columns are not summed: only 总计.
        set(&mut a, "requests", "received", "natural_person", 1000.0);
        set(&mut a, "review_litigation", "review", "upheld", 3.0);
        set(&mut a, "review_litigation", "review", "corrected", 1.0);
        set(&mut a, "review_litigation", "review", "total", 4.0);
        set(
            &mut a,
            "review_litigation",
            "litigation_direct",
            "upheld",
            1.0,
        );
        set(
            &mut a,
            "review_litigation",
            "litigation_direct",
            "corrected",
            1.0,
        );
        put(s, "a", &a, &[]);
        // 2022, unit B (2019 format, late): 6 received, 2 answered, both granted; 2 withheld as
        // process information; a pending review does not count as decided.
        let mut b = report("某市 公安局", 2022, FormatId::F2019);
        set(&mut b, "requests", "received", "total", 6.0);
        set(&mut b, "requests", "total", "total", 2.0);
        set(&mut b, "requests", "granted", "total", 2.0);
        set(&mut b, "requests", "withheld_process", "total", 2.0);
        set(&mut b, "review_litigation", "review", "pending", 7.0);
        set(
            &mut b,
            "review_litigation",
            "litigation_after_review",
            "other",
            2.0,
        );
        let error = Finding::new(
            "T3-BALANCE",
            Severity::Error,
            Outcome::Fail,
            Message::new("x", "x"),
        );
        let warn = Finding::new(
            "CELL-MISSING",
            Severity::Warning,
            Outcome::Fail,
            Message::new("y", "y"),
        );
        put(s, "b", &b, &[error.clone(), warn.clone()]);
        // 2023, unit A again: a blank received cell is not a zero and not summed; an uncertain
        // error is not an error.
        let mut c = report("某市教育局", 2023, FormatId::F2021);
        set(&mut c, "requests", "total", "total", 4.0);
        set(&mut c, "requests", "granted", "total", 1.0);
        let k = gongkai_model::formats::intern("requests", "received", "total").unwrap();
        c.cell_mut(&k).unwrap().state = CellState::Blank;
        let mut uncertain = error.clone();
        uncertain.outcome = Outcome::Uncertain;
        put(s, "c", &c, &[uncertain, warn]);

        let by_year = s.stats(GroupBy::Year).unwrap();
        assert_eq!(by_year.len(), 2, "{}", t.name);
        let y22 = &by_year[0];
        assert_eq!(
            (y22.group.as_str(), y22.reports, y22.reports_with_errors),
            ("2022", 2, 1)
        );
        assert_eq!(y22.received, 16.0);
        assert_eq!(y22.answered, 10.0);
        assert_eq!(y22.granted, 7.0);
        assert_eq!(y22.partially_granted, 1.0);
        assert_eq!(y22.granted_rate(), Some(0.7));
        assert_eq!(y22.withheld[3], 2.0, "third party");
        assert_eq!(y22.withheld[5], 2.0, "process");
        assert_eq!(y22.withheld_total(), 4.0);
        assert_eq!((y22.review_decided, y22.review_corrected), (4.0, 1.0));
        assert_eq!(y22.review_correction_rate(), Some(0.25));
        assert_eq!(
            (y22.litigation_decided, y22.litigation_corrected),
            (4.0, 1.0)
        );
        assert_eq!(y22.litigation_correction_rate(), Some(0.25));
        let y23 = &by_year[1];
        assert_eq!(
            (y23.group.as_str(), y23.reports, y23.reports_with_errors),
            ("2023", 1, 0)
        );
        assert_eq!((y23.received, y23.answered, y23.granted), (0.0, 4.0, 1.0));
        assert_eq!(y23.granted_rate(), Some(0.25));
        assert_eq!(y23.review_correction_rate(), None);

        let by_unit = s.stats(GroupBy::Unit).unwrap();
        let names: Vec<&str> = by_unit.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(names, ["某市 公安局", "某市教育局"], "{}", t.name);
        assert_eq!(by_unit[1].reports, 2);
        assert_eq!(by_unit[1].answered, 12.0);

        let all = s.stats(GroupBy::All).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].reports, 3);
        assert_eq!(all[0].answered, 14.0);

        // Regions: before any parent is declared, each unit is its own region; once the city's
        // government is declared the parent of its bureaus (two levels down for one of them),
        // the city is one region with everything under it.
        let by_region = s.stats(GroupBy::Region).unwrap();
        let names: Vec<&str> = by_region.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(names, ["某市 公安局", "某市教育局"], "{}", t.name);
        let rows = vec![
            UnitRow {
                name: "某市人民政府".into(),
                line: 2,
                ..Default::default()
            },
            UnitRow {
                name: "某市政法委".into(),
                parent: Some("某市人民政府".into()),
                line: 3,
                ..Default::default()
            },
            UnitRow {
                name: "某市 公安局".into(),
                parent: Some("某市政法委".into()),
                line: 4,
                ..Default::default()
            },
            UnitRow {
                name: "某市教育局".into(),
                parent: Some("某市人民政府".into()),
                line: 5,
                ..Default::default()
            },
        ];
        s.import_units(&rows).unwrap();
        let by_region = s.stats(GroupBy::Region).unwrap();
        assert_eq!(by_region.len(), 1, "{}: {by_region:?}", t.name);
        assert_eq!(by_region[0].group, "某市人民政府");
        assert_eq!(by_region[0].reports, 3);
        assert_eq!(by_region[0].reports_with_errors, 1);
        assert_eq!(by_region[0].answered, 14.0);
        assert_eq!(by_region[0].received, 16.0);
    }
}

#[test]
fn units_match_by_normalised_name_merge_by_alias_and_refuse_loops() {
    for mut t in common::stores() {
        let s = &mut t.store;
        // Full-width letters and spaces do not make a new unit.
        let r1 = put(
            s,
            "1",
            &report("杭州市西湖区 教育局（ＡＢ）", 2022, FormatId::F2021),
            &[],
        );
        let r2 = put(
            s,
            "2",
            &report("杭州市西湖区教育局(AB)", 2023, FormatId::F2021),
            &[],
        );
        let r3 = put(s, "3", &report("西湖区教育局", 2023, FormatId::F2021), &[]);
        let u = |s: &mut gongkai_store::Store, id: i64| {
            s.load_report(id).unwrap().unwrap().info.unit_id
        };
        assert_eq!(u(s, r1), u(s, r2), "{}", t.name);
        assert_ne!(u(s, r1), u(s, r3), "prefix kept");
        assert_eq!(s.units().unwrap().len(), 2);

        // The CSV names the unit, declares the short name an alias (merging its unit), and a
        // parent that does not exist yet.
        let csv = "name,aliases,parent,kind\n杭州市西湖区教育局（AB）,西湖区教育局；西湖教育,杭州市西湖区人民政府,部门\n杭州市西湖区人民政府,,,汇总\n";
        let rows = gongkai_store::read_units_csv(csv.as_bytes()).unwrap();
        let sum = s.import_units(&rows).unwrap();
        assert_eq!(sum.merged, 1, "{}: {sum:?}", t.name);
        assert_eq!(u(s, r3), u(s, r1), "merged by alias");
        let units = s.units().unwrap();
        assert_eq!(units.len(), 2, "{units:?}");
        let edu = units
            .iter()
            .find(|x| x.name == "杭州市西湖区教育局（AB）")
            .unwrap();
        let gov = units
            .iter()
            .find(|x| x.name == "杭州市西湖区人民政府")
            .unwrap();
        assert_eq!(edu.parent, Some(gov.id));
        assert!(gov.is_consolidated());
        assert!(
            edu.aliases.contains(&"西湖区教育局".to_string()),
            "{:?}",
            edu.aliases
        );
        assert!(edu.aliases.contains(&"西湖教育".to_string()));
        assert_eq!(Some(edu.id), u(s, r1));

        // A later report under an alias lands on the unit.
        let r4 = put(s, "4", &report("西湖教育", 2024, FormatId::F2021), &[]);
        assert_eq!(u(s, r4), Some(edu.id));

        // Import is idempotent.
        s.import_units(&rows).unwrap();
        assert_eq!(s.units().unwrap(), units);

        // A loop is refused, naming the line, and changes nothing.
        let bad = vec![UnitRow {
            name: "杭州市西湖区人民政府".into(),
            parent: Some("西湖区教育局".into()),
            line: 7,
            ..Default::default()
        }];
        let e = s.import_units(&bad).unwrap_err();
        assert!(e.zh.contains("第 7 行") && e.zh.contains("循环"), "{e}");
        assert_eq!(s.units().unwrap(), units);

        // Export → import round trip.
        let mut buf = Vec::new();
        gongkai_store::write_units_csv(&units, &mut buf, false).unwrap();
        let back = gongkai_store::read_units_csv(buf.as_slice()).unwrap();
        s.import_units(&back).unwrap();
        assert_eq!(s.units().unwrap(), units);
    }
}

#[test]
fn across_findings_are_replaced_not_appended() {
    for mut t in common::stores() {
        let s = &mut t.store;
        let id = put(s, "x", &report("某局", 2022, FormatId::F2021), &[]);
        let f = Finding::new(
            "X-JUMP",
            Severity::Notice,
            Outcome::Fail,
            Message::new("跳", "jump"),
        );
        s.replace_across_findings(&[(id, f.clone())]).unwrap();
        s.replace_across_findings(&[(id, f.clone())]).unwrap();
        let got = s.findings_of(id).unwrap();
        assert_eq!(got.len(), 1, "{}", t.name);
        assert_eq!(got[0].scope, gongkai_store::Scope::Across);
        assert_eq!(got[0].finding, f);
        s.replace_across_findings(&[]).unwrap();
        assert!(s.findings_of(id).unwrap().is_empty());
    }
}
