//! Rules about the report's structure: the six parts and the three tables of the unified formats.

use gongkai_model::{Finding, Message, Outcome, Report, Severity, Source};

use crate::format_year::ENCOURAGED_ONLY_YEAR;
use crate::labels::{table_en, table_zh};
use crate::presence::table_shown;
use crate::rule::{t, Rule, RuleDoc, Run, UNIFIED_FORMATS};

pub(crate) static STRUCT_SECTIONS: Rule = Rule {
    doc: RuleDoc {
        id: "STRUCT-SECTIONS",
        severity: Severity::Error,
        name: t("缺少报告部分", "Missing report part"),
        summary: t(
            "2019年版、2021年版格式规定年度报告由六个部分组成：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。每缺少一个部分给出一条。",
            "The 2019 and 2021 formats prescribe six parts: 一 overview; 二 proactive disclosure; 三 requests received and handled; 四 administrative review and litigation; 五 main problems and improvements; 六 other matters to report. One finding per missing part.",
        ),
        why: t(
            "《政府信息公开条例》第五十条规定了年度报告的内容，国办公开办函〔2021〕30号要求“不能遗漏，也不宜泛化”。缺少部分即内容不全，是审核和考核中明确的问题。",
            "Article 50 of the Regulations sets the contents of the annual report, and 国办公开办函〔2021〕30号 says nothing may be left out. A missing part makes the report incomplete, a plain defect in review and evaluation.",
        ),
        example: t(
            "报告写完“五、存在的主要问题及改进情况”即结束，没有“六、其他需要报告的事项”。",
            "The report ends after part 五 (problems and improvements); part 六 (other matters) is absent.",
        ),
        fix: t(
            "补写缺少的部分，标题按格式书写。第六部分没有其他事项的，也应保留标题并作说明；2021年版格式要求在此报告收取信息处理费的情况（如“本年度未收取信息处理费”）。",
            "Add the missing part with the format's heading. Keep part 六 even when there is little to say; the 2021 format asks for the information processing fees collected there (e.g. \"no fees were collected this year\").",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: Some(Run::Report(sections)),
};

pub(crate) static STRUCT_TABLES: Rule = Rule {
    doc: RuleDoc {
        id: "STRUCT-TABLES",
        severity: Severity::Error,
        name: t("缺少统计表", "Missing table"),
        summary: t(
            "格式规定的统计表——表二（主动公开政府信息情况）、表三（收到和处理政府信息公开申请情况）、表四（政府信息公开行政复议、行政诉讼情况）——都应出现在报告中。每缺少一张表给出一条。2019年度报告只作警告，因为当年只是鼓励使用统一格式。",
            "Each table of the format — Table 2 (proactive disclosure), Table 3 (requests received and handled), Table 4 (review and litigation) — must be in the report. One finding per missing table; only a warning for 2019 reports, when the unified format was merely encouraged.",
        ),
        why: t(
            "格式规定第二、三、四部分以表格形式报告。没有表格，数据无法按统一口径汇总和核对，也无法与其他机关、其他年度比较。",
            "The format requires parts 二 to 四 to be reported as tables. Without them the figures cannot be totalled or checked on a common basis, nor compared with other agencies or years.",
        ),
        example: t(
            "第三部分只写了“全年共收到申请12件，均已按时答复”，没有表三。",
            "Part 三 only says \"12 requests were received and all answered on time\"; Table 3 is absent.",
        ),
        fix: t(
            "按格式附上完整的统计表，逐项填写数字，没有发生的填0。",
            "Add the full table in the format's layout, with a number in every cell (0 where nothing happened).",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: Some(Run::Report(tables)),
};

/// Where a missing part would have been: the heading of the next part the report has, else the
/// last one before it, else nowhere.
fn expected_place(report: &Report, index: usize) -> Source {
    let sections = report.format_def().sections;
    let found = |key: &str| {
        report
            .sections
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.source)
    };
    let after = sections.iter().skip(index + 1).find_map(|s| found(s.key));
    let before = || sections.iter().take(index).rev().find_map(|s| found(s.key));
    after.or_else(before).unwrap_or_default()
}

/// STRUCT-SECTIONS: one finding per part of the format the report does not have.
fn sections(report: &Report) -> Vec<Finding> {
    let format = report.format_def();
    format
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !report.has_section(s.key))
        .map(|(i, s)| {
            let message = Message::new(
                format!("缺少「{}、{}」", s.number, s.label),
                format!("Part {} ({}, {}) is missing", s.number, s.key, s.label),
            );
            STRUCT_SECTIONS
                .doc
                .finding(Outcome::Fail, message)
                .at(expected_place(report, i))
        })
        .collect()
}

/// STRUCT-TABLES: one finding per table of the format the source does not show.
///
/// For statistical year 2019 the tables were only encouraged (60号), so a missing table is a
/// warning there, in line with FORMAT-YEAR.
fn tables(report: &Report) -> Vec<Finding> {
    let format = report.format_def();
    let lenient = report.year.value == Some(ENCOURAGED_ONLY_YEAR);
    format
        .tables
        .iter()
        .filter(|t| !table_shown(report, t.key))
        .map(|t| {
            // Point at the part that should hold the table, when the report has it.
            let place = format
                .sections
                .iter()
                .filter(|s| s.table == Some(t.key))
                .find_map(|s| report.sections.iter().find(|f| f.key == s.key))
                .map(|f| f.source)
                .unwrap_or_default();
            let message = Message::new(
                format!("缺少{}「{}」", table_zh(format, t.key), t.label),
                format!("{} is missing", table_en(format, t.key)),
            );
            let mut f = STRUCT_TABLES.doc.finding(Outcome::Fail, message).at(place);
            if lenient {
                f.severity = Severity::Warning;
            }
            f
        })
        .collect()
}
