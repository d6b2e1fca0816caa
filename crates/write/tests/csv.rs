mod common;

use common::*;
use gongkai_model::{FormatId, Report};
use gongkai_write::cells_csv;

fn csv_of(r: &Report, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    cells_csv(r, &mut out, bom).expect("writing to a Vec never fails");
    out
}

const SMALL: &str = "\
table,row,column,value,state,source
proactive,regulations,issued,,missing,
proactive,normative_documents,in_force,12,number,L2:13
proactive,fees,amount,14.4,number,L4:8
requests,received,natural_person,7,number,L3:7
requests,received,business,,blank,L3:8
requests,received,total,7,inferred,
requests,carried_in,natural_person,,not_applicable,L5
requests,carried_in,business,,blank,
";

#[test]
fn tidy_csv_golden() {
    let out = csv_of(&small_report(), false);
    assert_eq!(String::from_utf8(out).expect("UTF-8"), SMALL);
}

#[test]
fn bom_on_and_off() {
    let with = csv_of(&small_report(), true);
    assert_eq!(&with[..3], b"\xEF\xBB\xBF");
    assert_eq!(&with[3..], SMALL.as_bytes());
    let without = csv_of(&small_report(), false);
    assert!(without.starts_with(b"table,row,column,"));
}

#[test]
fn amounts_keep_their_decimals_and_counts_have_none() {
    let mut r = small_report();
    let amount = key("proactive", "fees", "amount");
    let count = key("proactive", "normative_documents", "in_force");
    for c in r.cells.iter_mut() {
        if c.key() == amount {
            c.value = Some(25.1); // 251000元 as printed
        }
        if c.key() == count {
            c.value = Some(1500.0);
        }
    }
    let s = String::from_utf8(csv_of(&r, false)).expect("UTF-8");
    assert!(
        s.contains("\nproactive,fees,amount,25.1,number,L4:8\n"),
        "{s}"
    );
    assert!(
        s.contains("\nproactive,normative_documents,in_force,1500,number,L2:13\n"),
        "{s}"
    );
}

#[test]
fn every_cell_of_the_format_is_a_row() {
    let r = Report::empty(FormatId::F2019);
    let s = String::from_utf8(csv_of(&r, false)).expect("UTF-8");
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), r.cells.len() + 1);
    assert_eq!(lines[0], "table,row,column,value,state,source");
    assert!(lines[1..].iter().all(|l| l.ends_with(",,missing,")));
}
