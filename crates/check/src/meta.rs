//! Rules about report-level metadata: the statistical year and the publishing agency.

use gongkai_model::{Finding, Outcome, Report, Severity};

use crate::rule::{t, Rule, RuleDoc, Run, ALL_FORMATS};

pub(crate) static META_YEAR: Rule = Rule {
    doc: RuleDoc {
        id: "META-YEAR",
        severity: Severity::Warning,
        name: t("未识别报告年度", "Report year not found"),
        summary: t(
            "未能从报告中识别统计年度（报告年度），即报告所统计的那一年，而不是发布的年份。",
            "The statistical year (the year the report covers, not the year it was published) could not be found in the report.",
        ),
        why: t(
            "年度决定报告应使用哪个格式、跨年度核对（上年结转）以哪份报告为准，以及发布时限。没有年度，这些核对都无法进行。",
            "The year decides which format applies, which report the year-to-year checks (carried in) compare with, and the publication deadline. Without it none of these checks can run.",
        ),
        example: t(
            "标题为“政府信息公开工作年度报告”，正文中也没有“本报告统计期限自2023年1月1日起至2023年12月31日止”之类的表述。",
            "The title is just \"政府信息公开工作年度报告\" and the text has no statement such as \"this report covers 1 January to 31 December 2023\".",
        ),
        fix: t(
            "在标题中写明年度，例如“××局2023年政府信息公开工作年度报告”，并在引言中写明统计期限。",
            "Put the year in the title, e.g. \"××局2023年政府信息公开工作年度报告\", and state the period covered in the introduction.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(year)),
};

pub(crate) static META_AGENCY: Rule = Rule {
    doc: RuleDoc {
        id: "META-AGENCY",
        severity: Severity::Warning,
        name: t("未识别发布机关", "Agency not found"),
        summary: t(
            "未能从报告中识别发布机关。",
            "The agency that published the report could not be found.",
        ),
        why: t(
            "发布机关决定报告的归属、上下级汇总，以及适用的发布时限（县级以上人民政府部门1月31日前，本级政府报告3月31日前）。",
            "The agency decides whose report it is, how it rolls up into its parent, and which deadline applies (31 January for government departments, 31 March for a government's own report).",
        ),
        example: t(
            "标题只有“2023年政府信息公开工作年度报告”，没有机关名称，落款也没有署名。",
            "The title is only \"2023年政府信息公开工作年度报告\" with no agency, and the report is unsigned.",
        ),
        fix: t(
            "在标题中写明机关全称，例如“××市生态环境局2023年政府信息公开工作年度报告”。",
            "Put the agency's full name in the title, e.g. \"××市生态环境局2023年政府信息公开工作年度报告\".",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: Some(Run::Report(agency)),
};

fn year(report: &Report) -> Vec<Finding> {
    if report.year.value.is_some() {
        return Vec::new();
    }
    vec![META_YEAR
        .doc
        .finding(
            Outcome::Fail,
            t(
                "未能识别报告年度（统计年度）",
                "the statistical year could not be found",
            )
            .message(),
        )
        .at(report.year.source)]
}

fn agency(report: &Report) -> Vec<Finding> {
    let found = report
        .agency
        .value
        .as_deref()
        .is_some_and(|a| !a.trim().is_empty());
    if found {
        return Vec::new();
    }
    vec![META_AGENCY
        .doc
        .finding(
            Outcome::Fail,
            t(
                "未能识别发布机关",
                "the publishing agency could not be found",
            )
            .message(),
        )
        .at(report.agency.source)]
}
