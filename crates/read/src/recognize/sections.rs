//! Section headings: `一、总体情况` … `六、其他需要报告的事项`, as the format lists them.

use gongkai_model::format::SectionDef;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::OnceLock;

use gongkai_model::{FormatDef, FormatId};

use crate::normalize::{fold, is_cn_digit, norm};

/// The section a line opens, if it is a numbered heading of one of the format's parts.
/// The heading must start with a Chinese ordinal and `、` (or `.`), or `第X部分`; its words
/// must be the part's label or a known variant (a year inside, `2017年度`, is ignored).
pub fn heading(line: &str, format: &'static FormatDef) -> Option<&'static SectionDef> {
    // Most lines are not headings: decide that without allocating.
    if !may_open_section(line.trim_start()) {
        return None;
    }
    let words = heading_words(line)?;
    let words: &str = &words;
    normalized_sections(format)
        .iter()
        .find(|(_, forms)| {
            forms
                .iter()
                .any(|l| words == l.text || (l.may_prefix && words.starts_with(l.text.as_str())))
        })
        .map(|(s, _)| *s)
}

/// Entries kept by the memo of [`heading_words`] on each thread.
const MEMO_ENTRIES: usize = 1024;
/// Longer lines are worked out each time rather than remembered: headings are short.
const MEMO_MAX_BYTES: usize = 256;

/// The matching form of a heading's words, its ordinal and any year taken out; `None` when the
/// line is no numbered heading. Remembered per thread ([`crate::memo`]): the ordinal-led lines
/// are the parts' headings and 表三's rows (`一、本年新收…`), printed alike in every report.
fn heading_words(line: &str) -> Option<Rc<str>> {
    let work = || {
        let folded = fold(line);
        let t = folded.trim();
        if t.chars().count() > 200 {
            return None;
        }
        let words = norm(&drop_years(strip_ordinal(t)?));
        (words.chars().count() >= 2).then(|| Rc::from(words))
    };
    if line.len() > MEMO_MAX_BYTES {
        return work();
    }
    thread_local! {
        static MEMO: crate::memo::Store<Option<Rc<str>>> = std::cell::RefCell::default();
    }
    crate::memo::remembered(&MEMO, MEMO_ENTRIES, line, work)
}

/// A section with the matching forms of its label and variants.
type SectionForms = (&'static SectionDef, Vec<SectionForm>);

/// One matching form of a section's label.
struct SectionForm {
    text: String,
    /// Whether the form is long enough (four characters) to match the start of a heading.
    may_prefix: bool,
}

/// Each section of the format with the matching forms of its label and variants, computed once.
fn normalized_sections(format: &'static FormatDef) -> &'static [SectionForms] {
    static CACHE: [OnceLock<Vec<SectionForms>>; FormatId::COUNT] =
        [const { OnceLock::new() }; FormatId::COUNT];
    CACHE[format.id.index()].get_or_init(|| {
        format
            .sections
            .iter()
            .map(|s| {
                let forms = std::iter::once(s.label)
                    .chain(s.aliases.iter().copied())
                    .map(|l| {
                        let text = norm(l);
                        SectionForm {
                            may_prefix: text.chars().count() >= 4,
                            text,
                        }
                    })
                    .collect();
                (s, forms)
            })
            .collect()
    })
}

/// Whether a (left-trimmed, unfolded) line has the shape [`strip_ordinal`] needs once folded:
/// `第…部分`, or Chinese ordinals followed by `、` or `.` in any width. Folding changes none of
/// the characters looked at here but the mark after the ordinal, whose forms are all listed.
fn may_open_section(t: &str) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first == '第' {
        return t.contains("部分");
    }
    let rest = t.trim_start_matches(is_cn_digit);
    rest.len() < t.len() && rest.starts_with(['、', '﹑', '.', '．'])
}

fn strip_ordinal(t: &str) -> Option<&str> {
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if first == '第' {
        let end = t.find("部分")?;
        return Some(&t[end + "部分".len()..]);
    }
    if !is_cn_digit(first) {
        return None;
    }
    for (i, c) in chars {
        if is_cn_digit(c) {
            continue;
        }
        return match c {
            '、' | '.' | '，' => Some(&t[i + c.len_utf8()..]),
            _ => None,
        };
    }
    None
}

/// Removes `2017年度` / `2017年` / `2017 年` from a heading.
fn drop_years(s: &str) -> Cow<'_, str> {
    // Most headings have no digits at all.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let is_year = i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_year {
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '年' {
                j += 1;
                if j < chars.len() && chars[j] == '度' {
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_model::{formats, FormatId};

    #[test]
    fn finds_headings_and_their_variants() {
        let f = formats::get(FormatId::F2021);
        let key = |l: &str| heading(l, f).map(|s| s.key);
        assert_eq!(key("一、总体情况"), Some("overview"));
        assert_eq!(
            key("四、政府信息公开行政复议、行政诉讼情况"),
            Some("review_litigation")
        );
        assert_eq!(key("四、结转下年度继续办理"), None);
        assert_eq!(key("三、本年度办理结果"), None);
        assert_eq!(
            key("五、政府信息公开工作存在的主要问题及改进情况"),
            Some("problems")
        );
        assert_eq!(key("六、其他需要报告的事项"), Some("other_matters"));
        assert_eq!(key("（一）主动公开政府信息情况"), None);
        let legacy = formats::get(FormatId::Legacy);
        assert_eq!(
            heading("二、2017年度主动公开政府信息情况", legacy).map(|s| s.key),
            Some("proactive")
        );
    }
}
