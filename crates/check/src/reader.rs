//! Rules whose findings the reader produces while reading (`report.notes`).
//!
//! Only the reader sees how a row was printed, so it writes these findings itself; the catalogue
//! documents them so that `gongkai rules ROW-VALUE-COUNT` explains them like any other rule, and
//! `check` passes them through unchanged.

use gongkai_model::Severity;

use crate::rule::{t, Rule, RuleDoc, ALL_FORMATS};

pub(crate) static ROW_VALUE_COUNT: Rule = Rule {
    doc: RuleDoc {
        id: "ROW-VALUE-COUNT",
        severity: Severity::Warning,
        name: t("行内数值个数不符", "Row value count"),
        summary: t(
            "某行印出的数值多于或少于格式规定的个数。读取时说明各数值放入了哪些单元格；有多种可能放法的，列出各种候选读法。",
            "A row is printed with more or fewer values than the format has. The finding says which cells the values were placed in and, when the placement is ambiguous, lists the candidate readings.",
        ),
        why: t(
            "数值个数不对时，无法确定每个数字属于哪一列，后续核对可能建立在错位的数字上。常见原因是合并单元格、网页转换丢列，或把序号当成了数值。",
            "With the wrong number of values it is unclear which figure belongs to which column, and every later check may rest on misplaced figures. Typical causes are merged cells, columns lost in HTML conversion, or row numbers taken for values.",
        ),
        example: t(
            "表三「（一）予以公开」行印出6个数值，格式规定为7个（自然人、五类法人或其他组织、总计）。",
            "Table 3, row granted prints 6 values where the format has 7 (natural persons, five kinds of organisations, total).",
        ),
        fix: t(
            "对照格式补齐缺少的数值或删去多余的内容，使每行数值个数与格式一致；没有发生的填0。",
            "Add the missing values or remove the extra ones so that each row has exactly the format's values, with 0 where nothing happened.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: None,
};

pub(crate) static CELL_UNREADABLE: Rule = Rule {
    doc: RuleDoc {
        id: "CELL-UNREADABLE",
        severity: Severity::Error,
        name: t("无法识别的数值", "Unreadable value"),
        summary: t(
            "统计表单元格中的内容不是数字，也不是“/”“—”等不适用标记，无法读取为数值。",
            "A table cell holds something that is neither a number nor a not-applicable mark such as \"/\" or \"—\", so no value can be read from it.",
        ),
        why: t(
            "统计表只应填写数字。文字、备注或乱码使该单元格无法统计，也使涉及它的勾稽关系无法核对。",
            "Statistics tables take numbers only. Words, notes or garbled characters make the cell impossible to count and the relations involving it impossible to check.",
        ),
        example: t(
            "表三「（一）予以公开」行「自然人」列填写“见附件”或“3件（含转办）”。",
            "Table 3, requests.granted.natural_person reads \"见附件\" (see annex) or \"3件（含转办）\".",
        ),
        fix: t(
            "把单元格改为纯数字，说明性文字移到正文中。",
            "Put a plain number in the cell and move any explanation to the text.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: None,
};

pub(crate) static ROW_DUPLICATE: Rule = Rule {
    doc: RuleDoc {
        id: "ROW-DUPLICATE",
        severity: Severity::Warning,
        name: t("重复的行", "Duplicate row"),
        summary: t(
            "同一张表中同一行标题出现了两次。读取时采用第一次出现的数值。",
            "A row label is printed twice in one table. The values of its first occurrence are used.",
        ),
        why: t(
            "重复的行说明表格可能被粘贴了两次，或某行标题写错；两处数值不同时，无法确定哪一处是准确的。",
            "A repeated row suggests the table was pasted twice or a label is wrong; when the two rows differ, there is no telling which is right.",
        ),
        example: t(
            "表三中“（一）予以公开”出现两次，「自然人」列分别为 3 和 5。",
            "Table 3 prints the row （一）予以公开 twice, with 3 and 5 in the natural_person column.",
        ),
        fix: t(
            "删除重复的行，或改正写错的行标题。",
            "Delete the duplicate row, or correct the mistaken label.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: None,
};
