//! The prose of the parts whose text a report keeps (`SectionDef::keep_text`): section 五's
//! problems and improvements, which the corpus compares with last year's (内容雷同).

use gongkai_model::{Report, SectionText};

use crate::tokens::{LineInfo, LineKind};
use crate::Document;

/// Longest kept text, in bytes: a part of a few pages at most; a longer run means the next
/// heading was not recognised and the "part" is the rest of the document.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The kept parts' texts: for each part found whose format definition keeps its text, the
/// non-empty, non-chrome lines after its heading up to the next part's heading (or the end),
/// trimmed and joined with `\n`. `lines` are the records of the document's lines
/// ([`crate::tokens::Content::lines`]): each line's trimmed text, and whether it is chrome.
/// Must run while the report's sources are still lines of `document`.
pub fn section_texts(document: &Document, lines: &[LineInfo], report: &Report) -> Vec<SectionText> {
    let def = report.format_def();
    let mut headings: Vec<u32> = report
        .sections
        .iter()
        .filter_map(|s| s.source.line_no())
        .collect();
    headings.sort_unstable();
    let mut texts = Vec::new();
    for found in &report.sections {
        let keep = def
            .sections
            .iter()
            .any(|s| s.key == found.key && s.keep_text);
        let Some(start) = found.source.line_no().filter(|_| keep) else {
            continue;
        };
        let end = headings
            .iter()
            .copied()
            .find(|&h| h > start)
            .unwrap_or(document.line_count() + 1);
        // The part's lines: those after the heading, before the next (records past the end of
        // the document are none).
        let part = lines
            .get(start as usize..(end as usize).saturating_sub(1))
            .unwrap_or_default();
        let kept = || {
            part.iter()
                .filter(|l| l.len > 0 && l.kind != LineKind::Chrome)
                .map(|l| l.trimmed(document.text()))
        };
        // Sized once for the part's lines (their lengths and line breaks, at most the longest
        // text kept), rather than grown line by line.
        let mut room = 0;
        for line in kept() {
            room += line.len() + 1;
            if room >= MAX_TEXT_BYTES {
                room = MAX_TEXT_BYTES;
                break;
            }
        }
        let mut text = String::with_capacity(room);
        for line in kept() {
            if text.len() + line.len() > MAX_TEXT_BYTES {
                break;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        texts.push(SectionText {
            key: found.key,
            text,
            source: found.source,
        });
    }
    texts
}

#[cfg(test)]
mod tests {
    use crate::read_str;

    #[test]
    fn section_five_text_runs_to_the_next_heading_without_chrome() {
        let text = "某某局2022年政府信息公开工作年度报告\n\
                    一、总体情况\n全年工作。\n\
                    五、存在的主要问题及改进情况\n\
                    一是公开内容不够全面。\n\n二是解读形式单一。\n分享到：\n\
                    六、其他需要报告的事项\n无。\n";
        let read = read_str(text.to_string());
        let texts = &read.report.texts;
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert_eq!(texts[0].key, "problems");
        assert_eq!(texts[0].text, "一是公开内容不够全面。\n二是解读形式单一。");
        assert_eq!(texts[0].source.line_no(), Some(4));
    }

    #[test]
    fn a_report_without_section_five_keeps_no_text() {
        let read = read_str("一、总体情况\n全年工作。\n六、其他需要报告的事项\n无。\n".into());
        assert!(read.report.texts.is_empty());
    }
}
