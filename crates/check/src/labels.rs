//! How findings name tables, rows, columns and cells.
//!
//! Chinese messages use the official labels from the format data, the way a reviewer would
//! write them (表三「（一）予以公开」行「自然人」列); English messages use the stable keys of
//! KEYS.md, which are what English-speaking users search and filter by. Nothing here is
//! hard-coded per table: a new format or label variant changes the wording by itself.

use gongkai_model::format::TableDef;
use gongkai_model::{CellKey, FormatDef, FormatId};

/// Chinese ordinals as printed in part and row numbering (一、 …).
const ZH_NUMERALS: &str = "一二三四五六七八九十";

/// The short name of a table (表三), or its key when the format does not know it.
pub(crate) fn table_zh(format: &FormatDef, table: &str) -> String {
    format
        .table(table)
        .map_or_else(|| table.to_string(), |t| t.short.to_string())
}

/// `Table 3 (requests)`: the number readers know from the Chinese name, plus the key.
pub(crate) fn table_en(format: &FormatDef, table: &str) -> String {
    let number = format.table(table).and_then(|t| {
        let n = t.short.strip_prefix('表')?;
        let mut chars = n.chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        ZH_NUMERALS.chars().position(|d| d == c).map(|i| i + 1)
    });
    match number {
        Some(n) => format!("Table {n} ({table})"),
        None => format!("table {table}"),
    }
}

/// Whether a label starts with a part ordinal followed by 、 (`一、本年新收…`); returns the ordinal.
fn part_ordinal(label: &str) -> Option<&str> {
    let end = label
        .char_indices()
        .find(|(_, c)| !ZH_NUMERALS.contains(*c))
        .map(|(i, _)| i)?;
    (end > 0 && label[end..].starts_with('、')).then(|| &label[..end])
}

/// Whether a label carries numbering of its own level: 一、 / （一） / (一).
fn has_own_numbering(label: &str) -> bool {
    part_ordinal(label).is_some() || label.starts_with('（') || label.starts_with('(')
}

/// Whether a label is a numbered sub-item (`1.属于国家秘密`), which only makes sense under its group.
fn is_sub_item(label: &str) -> bool {
    label
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Drops a trailing explanatory note in brackets: `（二）部分公开（区分处理的，…）` → `（二）部分公开`.
fn without_note(label: &str) -> &str {
    if !label.ends_with('）') {
        return label;
    }
    let mut depth = 0usize;
    for (i, c) in label.char_indices().rev() {
        match c {
            '）' => depth += 1,
            '（' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let head = &label[..i];
                    // Keep labels that are nothing but numbering plus the bracket.
                    let body = head.trim_start_matches(|c: char| {
                        ZH_NUMERALS.contains(c) || matches!(c, '（' | '）' | '、')
                    });
                    return if body.is_empty() { label } else { head };
                }
            }
            _ => {}
        }
    }
    label
}

/// A row's own label as printed, without its explanatory note; the key when unknown.
fn row_label(table: Option<&TableDef>, row: &str) -> String {
    table
        .and_then(|t| t.row(row))
        .map_or_else(|| row.to_string(), |r| without_note(r.label).to_string())
}

/// The name of a row as a reviewer writes it: its label, prefixed with its group when the label
/// alone is ambiguous (`（三）不予公开 1.属于国家秘密`, `行政诉讼 未经复议直接起诉`).
pub(crate) fn row_zh(format: &FormatDef, table: &str, row: &str) -> String {
    let t = format.table(table);
    let own = row_label(t, row);
    let group = t.and_then(|t| {
        let r = t.row(row)?;
        let g = r.group?;
        let label = t.groups.iter().find(|x| x.key == g)?.label;
        (is_sub_item(r.label) || !has_own_numbering(r.label)).then_some(label)
    });
    match group {
        Some(g) => format!("{g} {own}"),
        None => own,
    }
}

/// How a row appears as a term of a formula: the part ordinal for `一、…` rows (as the table's
/// own 勾稽 note says 第一项加第二项), otherwise its name.
pub(crate) fn row_term_zh(format: &FormatDef, table: &str, row: &str) -> String {
    format
        .table(table)
        .and_then(|t| t.row(row))
        .and_then(|r| part_ordinal(r.label))
        .map_or_else(|| row_zh(format, table, row), str::to_string)
}

/// A column's official label; the key when unknown.
pub(crate) fn column_zh(format: &FormatDef, table: &str, column: &str) -> String {
    format
        .table(table)
        .and_then(|t| t.column(column))
        .map_or_else(|| column.to_string(), |c| c.label.to_string())
}

/// `表三「（一）予以公开」行`.
pub(crate) fn row_ref_zh(format: &FormatDef, table: &str, row: &str) -> String {
    format!(
        "{}「{}」行",
        table_zh(format, table),
        row_zh(format, table, row)
    )
}

/// `Table 3 (requests), row granted`.
pub(crate) fn row_ref_en(format: &FormatDef, table: &str, row: &str) -> String {
    format!("{}, row {row}", table_en(format, table))
}

/// `表三「（一）予以公开」行「自然人」列`.
pub(crate) fn cell_zh(format: &FormatDef, key: &CellKey) -> String {
    format!(
        "{}「{}」列",
        row_ref_zh(format, key.table, key.row),
        column_zh(format, key.table, key.column)
    )
}

/// `requests.granted.natural_person`.
pub(crate) fn cell_en(key: &CellKey) -> String {
    key.to_string()
}

/// `「A」「B」` — a list of labels the way Chinese review notes list them.
pub(crate) fn quoted_list_zh<I: IntoIterator<Item = String>>(labels: I) -> String {
    labels.into_iter().map(|l| format!("「{l}」")).collect()
}

/// The name of a format in Chinese, with the document that issued it.
pub(crate) fn format_zh(id: FormatId) -> String {
    let def = gongkai_model::formats::get(id);
    match id {
        FormatId::F2019 => format!("2019年版格式（{}）", def.issued_by),
        FormatId::F2021 => format!("2021年版格式（{}）", def.issued_by),
        FormatId::Legacy => "2019年以前的自由格式（无统一统计表）".to_string(),
    }
}

/// The name of a format in English.
pub(crate) fn format_en(id: FormatId) -> String {
    let def = gongkai_model::formats::get(id);
    match id {
        FormatId::F2019 => format!("the 2019 format ({})", def.issued_by),
        FormatId::F2021 => format!("the 2021 format ({})", def.issued_by),
        FormatId::Legacy => "the pre-2019 free form (no unified tables)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_model::formats;

    #[test]
    fn rows_are_named_like_a_reviewer_would() {
        let f = formats::get(FormatId::F2021);
        assert_eq!(row_zh(f, "requests", "granted"), "（一）予以公开");
        assert_eq!(row_zh(f, "requests", "partially_granted"), "（二）部分公开");
        assert_eq!(
            row_zh(f, "requests", "withheld_state_secret"),
            "（三）不予公开 1.属于国家秘密"
        );
        assert_eq!(row_zh(f, "requests", "total"), "（七）总计");
        assert_eq!(
            row_zh(f, "review_litigation", "litigation_direct"),
            "行政诉讼 未经复议直接起诉"
        );
        assert_eq!(row_term_zh(f, "requests", "received"), "一");
        assert_eq!(row_term_zh(f, "requests", "carried_out"), "四");
        assert_eq!(row_term_zh(f, "requests", "total"), "（七）总计");
        assert_eq!(table_en(f, "requests"), "Table 3 (requests)");
        assert_eq!(
            cell_zh(
                f,
                &CellKey {
                    table: "requests",
                    row: "granted",
                    column: "natural_person"
                }
            ),
            "表三「（一）予以公开」行「自然人」列"
        );
    }
}
