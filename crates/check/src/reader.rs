//! Rules whose findings the reader produces while reading (`report.notes`).
//!
//! Only the reader sees how a row was printed, so it writes these findings itself; the catalogue
//! documents them so that `gongkai rules ROW-VALUE-COUNT` explains them like any other rule, and
//! `check` passes them through unchanged.

use gongkai_model::Severity;

use crate::rule::{t, Rule, RuleDoc, ALL_FORMATS, UNIFIED_FORMATS};

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

pub(crate) static ROW_UNLABELLED: Rule = Rule {
    doc: RuleDoc {
        id: "ROW-UNLABELLED",
        severity: Severity::Warning,
        name: t("无所属行的数值", "Values outside any row"),
        summary: t(
            "统计表中有数值不跟在格式规定的任何行标题之后（例如跟在省里自行增加的行、备注或无法识别的标题之后），这些数值没有读入。",
            "A table holds values that follow no row label of the format (for example a row a province added, a note, or a label that could not be recognised); those values were not read.",
        ),
        why: t(
            "这些数值可能属于某个标题写法不规范的行；若确实属于格式中的某一行，该行就会被当作缺失，勾稽核对也会因此无法进行或得出错误结论。",
            "The values may belong to a row whose label is written unusually; if so, that row is treated as missing and the checks involving it cannot be made, or come out wrong.",
        ),
        example: t(
            "表三中出现“（三）不予公开 9.其他”一行及其7个数值，格式中没有这一行。",
            "Table 3 has a row “（三）不予公开 9.其他” with 7 values; the format has no such row.",
        ),
        fix: t(
            "按格式的行标题书写各行；格式以外的补充内容放到正文中说明，不要加进统计表。",
            "Use the format's row labels; put supplementary figures in the text rather than adding rows to the table.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: None,
};

pub(crate) static FORMAT_MIXED: Rule = Rule {
    doc: RuleDoc {
        id: "FORMAT-MIXED",
        severity: Severity::Warning,
        name: t("混用两版格式", "Mixed formats"),
        summary: t(
            "统计表同时含有2019年版格式和2021年版格式特有的栏目（例如既有“本年新制作数量”又有“本年制发件数”），读取时按出现较多的一种格式处理。",
            "The tables contain labels specific to both the 2019 and the 2021 format (e.g. both 本年新制作数量 and 本年制发件数); they were read as the format whose labels occur more often.",
        ),
        why: t(
            "两版格式的表二和表三（六）其他处理栏目不同。混用说明表格是拼凑或部分改版的，按任何一版读取都可能有栏目对不上。",
            "The two formats differ in Table 2 and in Table 3's row (六). Mixing them means the tables were patched together or only partly updated, and reading them as either format may misplace columns.",
        ),
        example: t(
            "2022年度报告表二使用2021年版栏目，表三（六）其他处理却只有一行（2019年版）。",
            "A 2022 report whose Table 2 has the 2021 columns but whose Table 3 has a single row (六) as in the 2019 format.",
        ),
        fix: t(
            "按统计年度对应的格式统一重做全部统计表（见 FORMAT-YEAR）。",
            "Redo all tables in the one format of the statistical year (see FORMAT-YEAR).",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: None,
};

pub(crate) static LABEL_FUZZY: Rule = Rule {
    doc: RuleDoc {
        id: "LABEL-FUZZY",
        severity: Severity::Notice,
        name: t("行名与格式略有出入", "Row label near the format's"),
        summary: t(
            "统计表中某行的行名与格式规定的行名差几个字（错字、漏字），读取时按最接近的行名读入该行，并在此说明。只在只有一个最接近的行名、且相差不超过四分之一字数时才这样读。",
            "A table row's label differs from the format's by a few characters (a typo or a dropped word). The row is read as the nearest label of the format, and this finding says so. It is done only when one label is nearest and at most a quarter of the characters differ.",
        ),
        why: t(
            "行名是读取统计表的依据。行名有错字时，不加说明地读入或丢弃都不妥：前者可能读错行，后者会漏掉数据。",
            "Rows are read by their labels. When a label has a typo, neither reading it silently nor dropping it is right: one may read the wrong row, the other loses data.",
        ),
        example: t(
            "表三印作「2.其他法律行政止公开」，格式为「2.其他法律行政法规禁止公开」。",
            "Table 3 prints “2.其他法律行政止公开” where the format has “2.其他法律行政法规禁止公开”.",
        ),
        fix: t(
            "按格式原文更正行名。",
            "Correct the label to the format's wording.",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: None,
};

pub(crate) static ROW_GLUED: Rule = Rule {
    doc: RuleDoc {
        id: "ROW-GLUED",
        severity: Severity::Warning,
        name: t("数值连在一起", "Values run together"),
        summary: t(
            "某行的数值之间没有分隔，连成一串数字（网页被简单转换成文本时常见，如「（一）予以公开5000005」）。读取时尝试所有不含前导零的拆法，只保留符合本表勾稽关系的；只有一种结果时按它读入并在此说明，有多种时该行按缺失处理并列出候选。",
            "A row's values are printed with no separator between them, as one run of digits (common when a web page is naively converted to text, e.g. “（一）予以公开5000005”). Every split without leading zeros is tried and only those the table's arithmetic allows are kept; with one result the row is read that way and this finding says so, with several the row is treated as missing and the candidates are listed.",
        ),
        why: t(
            "连在一起的数字若按一个数读入，会得出荒谬的数值并使后续各列错位；随意拆分则可能拆错。",
            "Read as one number, the run gives an absurd value and shifts the columns after it; split at random, it may be split wrongly.",
        ),
        example: t(
            "「一、本年新收政府信息公开申请数量5000005」：只能拆为 5、0、0、0、0、0、5（总计等于各列之和）。",
            "“一、本年新收政府信息公开申请数量5000005”: only 5, 0, 0, 0, 0, 0, 5 fits (the total equals the sum of the columns).",
        ),
        fix: t(
            "在原文各数值之间恢复表格的单元格（或至少用空格分隔）。",
            "Restore the table's cells between the values in the source (or at least separate them with spaces).",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: None,
};
