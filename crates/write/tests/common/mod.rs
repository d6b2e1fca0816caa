//! A small 2021-format report and findings shared by the tests.
#![allow(dead_code)]

use gongkai_model::{
    CellKey, CellState, Date, Finding, FormatId, Inference, Located, Message, Outcome, Report,
    Severity, Source,
};

/// The text the fixture's locations point into (CRLF on line 2 on purpose).
pub const TEXT: &str = "三、收到和处理政府信息公开申请情况\n规范性文件 | 0 | 12\r\n自然人\t5\t7\n本年收费金额 14.4万元\n";

pub fn key(table: &str, row: &str, column: &str) -> CellKey {
    gongkai_model::formats::intern(table, row, column).expect("a key of the format")
}

pub fn text_at(line: u32, column: u32, len: u32) -> Source {
    Source::Text {
        line,
        column,
        len,
        alone: false,
    }
}

fn set(
    r: &mut Report,
    k: CellKey,
    state: CellState,
    value: Option<f64>,
    text: &str,
    source: Source,
) {
    let c = r.cell_mut(&k).expect("cell of the format");
    c.state = state;
    c.value = value;
    c.text = text.into();
    c.source = source;
}

/// A 2021 report with a few cells in every state.
pub fn report() -> Report {
    let mut r = Report::empty(FormatId::F2021);
    r.agency = Located::new("某市人民政府办公室".to_string(), Source::line(1));
    r.year = Located::new(2023, Source::line(1));
    r.published_on = Located::new(Date::new(2024, 1, 20).expect("a date"), Source::None);
    set(
        &mut r,
        key("proactive", "normative_documents", "in_force"),
        CellState::Number,
        Some(12.0),
        "12",
        text_at(2, 13, 2),
    );
    set(
        &mut r,
        key("proactive", "fees", "amount"),
        CellState::Number,
        Some(14.4),
        "14.4万元",
        text_at(4, 8, 6),
    );
    set(
        &mut r,
        key("requests", "received", "natural_person"),
        CellState::Number,
        Some(7.0),
        "7",
        text_at(3, 7, 1),
    );
    set(
        &mut r,
        key("requests", "received", "business"),
        CellState::Blank,
        None,
        "",
        text_at(3, 8, 0),
    );
    set(
        &mut r,
        key("requests", "carried_in", "natural_person"),
        CellState::NotApplicable,
        None,
        "/",
        Source::line(5),
    );
    // Inconsistent on purpose: a blank cell must never show a value, even if one slipped in.
    set(
        &mut r,
        key("requests", "carried_in", "business"),
        CellState::Blank,
        Some(3.0),
        "",
        Source::None,
    );
    let total = key("requests", "received", "total");
    set(
        &mut r,
        total,
        CellState::Inferred,
        Some(7.0),
        "",
        Source::None,
    );
    if let Some(c) = r.cell_mut(&total) {
        c.inferred_by = Some(Box::new(Inference {
            rule: "T3-ROW-TOTAL",
            along: "received",
            evidence: "total = 7 + 0 = 7".to_string(),
        }));
    }
    r
}

/// The fixture report with only the cells it sets plus one plain `missing` cell, in format
/// order, so that goldens stay short.
pub fn small_report() -> Report {
    let mut r = report();
    r.cells.retain(|c| {
        c.state != CellState::Missing
            || (c.table, c.row, c.column) == ("proactive", "regulations", "issued")
    });
    r
}

pub fn balance() -> Finding {
    Finding::new(
        "T3-BALANCE",
        Severity::Error,
        Outcome::Fail,
        Message::new(
            "表三 一+二 与 三(七)+四 不相等",
            "table 3: 1+2 differs from 3(7)+4",
        ),
    )
    .with_evidence("5 + 0 ≠ 12")
    .with_cells(vec![
        key("requests", "received", "natural_person"),
        key("requests", "total", "natural_person"),
    ])
    .at(text_at(2, 13, 2))
}

pub fn uncertain_nowhere() -> Finding {
    Finding::new(
        "T3-ROW-TOTAL",
        Severity::Warning,
        Outcome::Uncertain,
        Message::new("总计无法核对", "the total cannot be checked"),
    )
    .with_evidence("_ + 7 =? 7")
}
