//! FORMAT-YEAR: the report's format must be the one its statistical year calls for.

use gongkai_model::{Finding, FormatId, Message, Outcome, Report, Severity};

use crate::labels::{format_en, format_zh};
use crate::presence::table_shown;
use crate::rule::{t, Rule, RuleDoc, Run, ALL_FORMATS};

/// The first statistical year for which a unified format exists (60号 was issued for 2019).
const FIRST_UNIFIED_YEAR: i32 = 2019;

/// The one year for which using the unified format was only encouraged (60号: "鼓励按照统一格式发布").
pub(crate) const ENCOURAGED_ONLY_YEAR: i32 = 2019;

pub(crate) static FORMAT_YEAR: Rule = Rule {
    doc: RuleDoc {
        id: "FORMAT-YEAR",
        severity: Severity::Error,
        name: t("格式与年度不符", "Format does not match year"),
        summary: t(
            "报告使用的格式应与统计年度相符：2019、2020年度使用国办公开办函〔2019〕60号格式（试行），2021年度起使用国办公开办函〔2021〕30号格式；2019年度起的报告都应有统一格式的统计表。2019年度报告没有统一格式的统计表的，只作警告。",
            "The format must match the statistical year: 2019 and 2020 reports use the 2019 format (国办公开办函〔2019〕60号), reports from 2021 on use the 2021 format (国办公开办函〔2021〕30号), and every report from 2019 on has the unified tables. A 2019 report without the unified tables is only a warning.",
        ),
        why: t(
            "两个版本的表二和表三（六）其他处理栏目不同，用错格式就会缺少或多出栏目，数据无法与其他机关、其他年度比较。国办公开办函〔2019〕60号对2019年度报告只是“鼓励按照统一格式发布”，因此2019年度报告仍用旧式写法的，只作警告。",
            "The two formats differ in Table 2 and in Table 3's row (六): the wrong format lacks or adds columns, and its figures cannot be compared with other agencies or years. 60号 only encouraged the unified format for 2019 reports, so an old-style 2019 report is a warning only.",
        ),
        example: t(
            "2022年度报告的表二仍使用“本年新制作数量、本年新公开数量、对外公开总数量”和“第二十条第（九）项 政府集中采购”，即2019年版格式。",
            "A 2022 report whose Table 2 still has 本年新制作数量 / 本年新公开数量 / 对外公开总数量 and the 第二十条第（九）项 procurement block — the 2019 format.",
        ),
        fix: t(
            "按统计年度对应的格式重新填报统计表。若是年度识别有误（例如把发布年度当成了统计年度），请核对标题中的年度。",
            "Redo the tables in the format of the statistical year. If the year itself is wrong (e.g. the publication year was taken for the statistical year), check the year in the title.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(format_year)),
};

/// Whether the report reads like a pre-2019 free-form report: it was recognised as one, or none
/// of its format's tables is there.
fn looks_legacy(report: &Report) -> bool {
    report.format == FormatId::Legacy
        || !report
            .format_def()
            .tables
            .iter()
            .any(|t| table_shown(report, t.key))
}

fn format_year(report: &Report) -> Vec<Finding> {
    let Some(year) = report.year.value else {
        return Vec::new();
    };
    let expected = FormatId::expected_for_year(year);
    let finding = if year >= FIRST_UNIFIED_YEAR && looks_legacy(report) {
        let lenient = year == ENCOURAGED_ONLY_YEAR;
        let (note_zh, note_en) = if lenient {
            (
                "（国办公开办函〔2019〕60号对2019年度报告只是鼓励使用统一格式，故作警告）",
                " (60号 only encouraged the unified format for 2019 reports, hence a warning)",
            )
        } else {
            ("", "")
        };
        let message = Message::new(
            format!(
                "{year}年度报告没有统一格式的统计表，仍是2019年以前的写法；该年度应使用{}{note_zh}",
                format_zh(expected)
            ),
            format!(
                "the {year} report has none of the unified tables and reads like a pre-2019 report; {year} reports use {}{note_en}",
                format_en(expected)
            ),
        );
        let mut f = FORMAT_YEAR
            .doc
            .finding(Outcome::Fail, message)
            .with_evidence(format!(
                "year {year}: no unified tables (read as {}); expected {expected}",
                report.format
            ));
        if lenient {
            f.severity = Severity::Warning;
        }
        f
    } else if report.format != expected {
        let message = Message::new(
            format!(
                "{year}年度报告使用了{}，该年度应使用{}",
                format_zh(report.format),
                format_zh(expected)
            ),
            format!(
                "the {year} report follows {}; {year} reports use {}",
                format_en(report.format),
                format_en(expected)
            ),
        );
        FORMAT_YEAR
            .doc
            .finding(Outcome::Fail, message)
            .with_evidence(format!(
                "year {year}: format {} ≠ expected {expected}",
                report.format
            ))
    } else {
        return Vec::new();
    };
    vec![finding.at(report.year.source)]
}
