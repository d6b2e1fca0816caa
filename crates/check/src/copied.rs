//! X-COPIED (内容雷同): a part whose prose is kept (`SectionDef::keep_text`, section 五 存在的
//! 主要问题及改进情况) repeats last year's report of the same unit.
//!
//! The comparison is on the text's characters with numbers, white space and punctuation taken
//! out (a copy that only moves "2022年" to "2023年" is still a copy), cut into overlapping
//! runs of [`SHINGLE`] characters: the share of this year's runs that also occur in last year's
//! text. Reworded sentences break the runs they touch; a copied paragraph keeps them all.

use std::collections::HashSet;

use gongkai_model::{Message, Outcome, SectionText, Severity};

use crate::across::{AcrossFinding, Entry};
use crate::rule::{t, Rule, RuleDoc, ALL_FORMATS};

/// Characters per compared run: long enough that common phrases of the genre (政府信息公开,
/// 进一步加强) do not make unrelated texts look alike, short enough to survive small edits.
const SHINGLE: usize = 6;
/// A text this share (or more) of whose runs occur in last year's is reported.
const THRESHOLD: f64 = 0.8;
/// Texts shorter than this (in compared characters) are not compared: "无" and "本年度无
/// 此类问题" may well be the same every year.
const MIN_CHARS: usize = 30;

pub(crate) static X_COPIED: Rule = Rule {
    doc: RuleDoc {
        id: "X-COPIED",
        severity: Severity::Notice,
        name: t("存在的主要问题及改进情况与上年雷同", "Problems section copied from last year"),
        summary: t(
            "同一机关相邻两年，本年报告「存在的主要问题及改进情况」部分的文字，有八成以上（不计数字、空白和标点）与上一年度报告相同。",
            "For one agency's consecutive years: 80% or more of this year's 'main problems and improvements' text (numbers, white space and punctuation aside) repeats last year's.",
        ),
        why: t(
            "这一部分应当写本年度工作中发现的问题和下一步的改进措施。照搬上年的文字，说明上年的问题没有改进或者没有认真总结，是监督检查和第三方评估通报的常见问题（内容雷同）。",
            "This part should state the problems found in this year's work and the steps planned. Repeating last year's text means last year's problems were not addressed or the year was not reviewed; supervisors and third-party evaluations list it as a common defect (内容雷同).",
        ),
        example: t(
            "2023年报告第五部分写“一是政策解读形式较为单一；二是依申请公开答复规范化水平有待提高”，与2022年报告一字不差。",
            "The 2023 report's part 5 reads word for word like the 2022 report's.",
        ),
        fix: t(
            "对照本年度工作实际，写明本年发现的问题、上年所列问题的改进情况和下一步措施。",
            "Describe the problems found this year, what became of last year's, and the next steps.",
        ),
        formula: Some(t(
            "相同比例 = 本年文字中也出现在上年文字里的6字片段数 ÷ 本年6字片段数（不计数字、空白和标点）≥ 80%",
            "share = this year's 6-character runs also found in last year's text ÷ this year's runs (numbers, white space and punctuation aside) ≥ 80%",
        )),
        formats: ALL_FORMATS,
    },
    run: None,
};

/// X-COPIED between the same unit's reports of consecutive years.
pub(crate) fn copied(prev: &Entry<'_>, cur: &Entry<'_>) -> Vec<AcrossFinding> {
    let mut out = Vec::new();
    for now in &cur.report.texts {
        let Some(before) = prev.report.texts.iter().find(|t| t.key == now.key) else {
            continue;
        };
        let Some(share) = shared_share(&before.text, &now.text) else {
            continue;
        };
        if share < THRESHOLD {
            continue;
        }
        out.push(AcrossFinding {
            report: cur.id,
            finding: finding(prev, cur, now, share),
        });
    }
    out
}

fn finding(
    prev: &Entry<'_>,
    cur: &Entry<'_>,
    now: &SectionText,
    share: f64,
) -> gongkai_model::Finding {
    let label = cur
        .report
        .format_def()
        .sections
        .iter()
        .find(|s| s.key == now.key)
        .map_or(now.key, |s| s.label);
    let percent = (share * 100.0).floor();
    X_COPIED
        .doc
        .finding(
            Outcome::Fail,
            Message::new(
                format!(
                    "「{label}」部分的文字有 {percent}% 与 {} 年度报告（{}）相同，疑似照搬上年内容",
                    prev.year, prev.name
                ),
                format!(
                    "{percent}% of the text of part '{label}' repeats the {} report ({}): it may have been copied from last year",
                    prev.year, prev.name
                ),
            ),
        )
        .with_evidence(format!(
            "相同比例 {percent}% ≥ {}%（{} 年 ↔ {} 年）",
            THRESHOLD * 100.0,
            prev.year,
            cur.year
        ))
        .at(now.source)
}

/// The share of `now`'s runs that occur in `before`, or `None` when `now` is too short to say.
fn shared_share(before: &str, now: &str) -> Option<f64> {
    let now_chars = compared_chars(now);
    if now_chars.len() < MIN_CHARS {
        return None;
    }
    let before_chars = compared_chars(before);
    let before_runs: HashSet<&[char]> = runs(&before_chars).collect();
    let (mut total, mut shared) = (0usize, 0usize);
    for run in runs(&now_chars) {
        total += 1;
        if before_runs.contains(run) {
            shared += 1;
        }
    }
    (total > 0).then(|| shared as f64 / total as f64)
}

/// The characters compared: letters and CJK ideographs, without numbers, white space and
/// punctuation.
fn compared_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphabetic() && !c.is_numeric())
        .collect()
}

fn runs(chars: &[char]) -> impl Iterator<Item = &[char]> {
    chars.windows(SHINGLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAST_YEAR: &str = "2022年，一是政策解读形式较为单一，图解、视频等形式运用不够。\n\
        二是依申请公开答复的规范化水平有待进一步提高。\n\
        下一步，我局将丰富解读形式，加强业务培训，提升答复质量。";

    #[test]
    fn a_word_for_word_copy_with_new_years_is_all_shared() {
        let now = LAST_YEAR.replace("2022年，", "2023年, ");
        assert_eq!(shared_share(LAST_YEAR, &now), Some(1.0));
    }

    #[test]
    fn a_rewritten_text_shares_little() {
        let now = "一是主动公开目录更新不够及时，部分栏目内容陈旧。\n\
                   二是基层政务公开标准化建设仍需推进。\n\
                   明年将建立栏目定期巡查机制，指导乡镇完善公开目录。";
        let share = shared_share(LAST_YEAR, now).unwrap_or(1.0);
        assert!(share < 0.3, "{share}");
    }

    #[test]
    fn one_new_sentence_in_a_copy_still_counts_as_copied() {
        let now = format!("{LAST_YEAR}\n同时做好网站栏目的日常维护。");
        let share = shared_share(LAST_YEAR, &now).unwrap_or(0.0);
        assert!((THRESHOLD..1.0).contains(&share), "{share}");
    }

    #[test]
    fn short_texts_are_not_compared() {
        assert_eq!(shared_share("无。", "无。"), None);
        assert_eq!(shared_share(LAST_YEAR, "本年度无此类问题。"), None);
    }
}
