//! The prose of a report: the paragraphs of each numbered part (一、总体情况 …).
//!
//! A [`Report`] holds the figures; the prose travels beside it, keyed by the format's section
//! keys, so the figures' data contract (KEYS.md) stays as it is. A draft file carries the prose
//! the clerk wrote; a published text carries it between its part headings.

use gongkai_model::lines::line_ranges;
use gongkai_model::Report;

/// The paragraphs of each part, by section key (`overview`, `problems`, `other_matters` …).
/// Two narratives are equal when every part has the same paragraphs (a part without prose and
/// an absent part are the same).
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    parts: Vec<(String, Vec<String>)>,
}

impl PartialEq for Narrative {
    fn eq(&self, other: &Narrative) -> bool {
        self.parts
            .iter()
            .chain(&other.parts)
            .all(|(k, _)| self.paragraphs(k) == other.paragraphs(k))
    }
}

impl Eq for Narrative {}

impl Narrative {
    pub fn new() -> Narrative {
        Narrative::default()
    }

    /// Sets a part's paragraphs (empty ones are dropped; each is trimmed).
    pub fn set(&mut self, section: &str, paragraphs: Vec<String>) {
        let paragraphs: Vec<String> = paragraphs
            .into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        match self.parts.iter_mut().find(|(k, _)| k == section) {
            Some((_, ps)) => *ps = paragraphs,
            None => self.parts.push((section.to_string(), paragraphs)),
        }
    }

    /// A part's paragraphs; empty when the part has no prose.
    pub fn paragraphs(&self, section: &str) -> &[String] {
        self.parts
            .iter()
            .find(|(k, _)| k == section)
            .map_or(&[], |(_, ps)| ps.as_slice())
    }

    /// Whether no part has any prose.
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|(_, ps)| ps.is_empty())
    }

    /// The prose of a published text: for each part the reader found, the lines after its
    /// heading up to the next part's heading or, in a part with a table, up to the table. Each
    /// non-empty line is a paragraph (published texts put one paragraph on a line). Lines
    /// `skip` says are not content (site chrome) are left out.
    ///
    /// The last part runs to the end of the text, so it also holds what follows it (the
    /// signature, the date): the reader does not mark where the report ends.
    pub fn from_source(text: &str, report: &Report, skip: impl Fn(&str) -> bool) -> Narrative {
        let lines: Vec<&str> = line_ranges(text)
            .into_iter()
            .filter_map(|(s, e)| text.get(s..e))
            .collect();
        let mut heads: Vec<(u32, &'static str)> = report
            .sections
            .iter()
            .filter_map(|f| f.source.line_no().map(|l| (l, f.key)))
            .collect();
        heads.sort();
        let table_lines: Vec<(u32, &'static str)> = report
            .tables
            .iter()
            .filter_map(|f| f.source.line_no().map(|l| (l, f.key)))
            .collect();
        let def = report.format_def();
        let mut out = Narrative::new();
        for (i, &(line, key)) in heads.iter().enumerate() {
            let mut end = heads.get(i + 1).map_or(lines.len() as u32 + 1, |&(l, _)| l);
            // A part with a table: its prose stops where its table starts.
            if let Some(table) = def.section(key).and_then(|s| s.table) {
                if let Some(&(t, _)) = table_lines
                    .iter()
                    .find(|(t, k)| *k == table && *t > line && *t < end)
                {
                    end = t;
                }
            }
            let paragraphs = ((line + 1)..end)
                .filter_map(|no| lines.get(no as usize - 1))
                .map(|l| l.trim())
                .filter(|l| !l.is_empty() && !skip(l))
                .map(str::to_string)
                .collect();
            out.set(key, paragraphs);
        }
        out
    }
}

/// The paragraphs of a block of prose typed by a person: paragraphs are separated by blank
/// lines; the lines of one paragraph are joined (with no space between Chinese characters, with
/// one between two words of Latin script), because editors wrap long lines.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for (s, e) in line_ranges(text) {
        let line = text.get(s..e).unwrap_or("").trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let latin_join = current
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_join {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
        let p = paragraphs_of("\n  第一段，\n接着写。\n\n\nsecond\nline\n第三段\r\n");
        assert_eq!(p, ["第一段，接着写。", "second line第三段"]);
        assert!(paragraphs_of("  \n\n").is_empty());
    }

    #[test]
    fn set_replaces_and_drops_empty_paragraphs() {
        let mut n = Narrative::new();
        n.set("overview", vec![" a ".into(), "".into()]);
        n.set("overview", vec!["b".into()]);
        assert_eq!(n.paragraphs("overview"), ["b"]);
        assert!(n.paragraphs("problems").is_empty());
        assert!(!n.is_empty());
    }
}
