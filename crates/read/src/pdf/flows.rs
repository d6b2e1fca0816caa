//! A page's words split into flows read one after the other: the article, then any sidebar
//! printed beside it.
//!
//! A PDF printed from a government web page often has a column of site navigation or related
//! links (相关链接) beside the article. Grouped into visual lines across the page's width, the
//! sidebar's words would land on the title's and the paragraphs' lines. Here such a column is
//! found and taken out of the page, to be laid out after it as a flow of its own.
//!
//! A sidebar is a block of text set apart from the rest by a vertical gutter — a band of x that
//! no word reaches — over a run of consecutive lines, and:
//! - it is narrow beside the other side (at most [`MAX_SIDEBAR_WIDTH`] of its width);
//! - it is tall: at least [`MIN_SIDEBAR_LINES`] lines over at least [`MIN_SIDEBAR_HEIGHT`] of
//!   the page's text;
//! - both sides are text, not a table's columns: few of their characters are in values
//!   ([`MAX_VALUE_SHARE`]), and no second gutter runs through the other side (a table's
//!   columns have gutters too, between its label column and its value columns, but those hold
//!   values and come several abreast). Tables are left whole, to be rebuilt as before.
//!
//! Where the sidebar runs beside the article, the article's lines end at the gutter: those
//! lines are full lines of a paragraph even though the paragraph's later lines are wider
//! ([`Band`], used when wrapped lines are joined).

use crate::value::parse_token;

use super::bbox::Word;
use super::columns::{visual_lines, Line};

/// The narrowest gutter, in line heights (a sidebar's margin is about one; the spaces between
/// Latin words a quarter).
const MIN_GUTTER: f64 = 0.6;
/// The fewest lines a sidebar has.
pub const MIN_SIDEBAR_LINES: usize = 4;
/// The least height of a sidebar, as a share of the height of the page's text.
pub const MIN_SIDEBAR_HEIGHT: f64 = 0.3;
/// The widest a sidebar is, as a share of the width of the other side.
pub const MAX_SIDEBAR_WIDTH: f64 = 0.6;
/// The largest share of either side's characters that are in values (numbers, `/`, `—`):
/// counted in characters, as poppler prints a sentence's figures as words of their own.
pub const MAX_VALUE_SHARE: f64 = 0.25;

/// Words read as one flow.
#[derive(Debug, Default)]
pub struct Flow {
    pub words: Vec<Word>,
    /// Where the flow's text is narrowed by a sidebar beside it.
    pub bands: Vec<Band>,
}

/// A stretch of the page (`y0..y1`) where the article's lines end at `right`, the edge of
/// the gutter before a sidebar, rather than at the page's margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub y0: f64,
    pub y1: f64,
    pub right: f64,
}

impl Band {
    /// The right edge of the text at a segment spanning `y0..y1`: the band's when its middle is
    /// in the band, else none (infinity).
    pub fn right_at(bands: &[Band], y0: f64, y1: f64) -> f64 {
        let cy = (y0 + y1) / 2.0;
        bands
            .iter()
            .find(|b| (b.y0..=b.y1).contains(&cy))
            .map_or(f64::INFINITY, |b| b.right)
    }
}

/// The words of a page as flows: the page without its sidebars first (all of it when it has
/// none), then each sidebar, top to bottom. `h` is the page's line height.
pub fn split(words: &[Word], h: f64) -> Vec<Flow> {
    let lines = visual_lines(words, h);
    let Some((top, bottom)) = heights(words) else {
        return vec![Flow::default()];
    };
    let mut main = Flow::default();
    let mut sidebars: Vec<Flow> = Vec::new();
    // The sidebar words per line (indices in order), to leave out of the article.
    let mut side_words: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for run in runs(&lines, h) {
        if let Some(s) = sidebar(&lines, &run, h, bottom - top) {
            let mut flow = Flow::default();
            for (li, ws) in s.words {
                for &wi in &ws {
                    flow.words.push(lines[li].words[wi].clone());
                }
                side_words[li] = ws;
            }
            main.bands.push(s.band);
            sidebars.push(flow);
        }
    }
    if sidebars.is_empty() {
        main.words = words.to_vec();
        return vec![main];
    }
    for (li, l) in lines.iter().enumerate() {
        for (wi, w) in l.words.iter().enumerate() {
            if side_words[li].binary_search(&wi).is_err() {
                main.words.push(w.clone());
            }
        }
    }
    let mut flows = vec![main];
    flows.extend(sidebars);
    flows
}

/// A run of consecutive lines (`start..end`) with the gutters free on all of them.
#[derive(Debug)]
struct Run {
    start: usize,
    end: usize,
    gutters: Vec<(f64, f64)>,
}

/// The page's lines cut into runs: each as long as some band of x at least [`MIN_GUTTER`] wide
/// stays free of words on all its lines (a line crossing every such band starts the next).
fn runs(lines: &[Line], h: f64) -> Vec<Run> {
    let Some((x0, x1)) = extent(lines.iter().flat_map(|l| &l.words)) else {
        return Vec::new();
    };
    let min = MIN_GUTTER * h;
    let mut out = Vec::new();
    let mut start = 0;
    let mut free: Vec<(f64, f64)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let mine = free_bands(&l.words, x0, x1, min);
        let both = if i == start {
            mine
        } else {
            intersect(&free, &mine, min)
        };
        if both.is_empty() && i > start {
            out.push(Run {
                start,
                end: i,
                gutters: std::mem::take(&mut free),
            });
            start = i;
            free = free_bands(&l.words, x0, x1, min);
        } else {
            free = both;
        }
    }
    if start < lines.len() {
        out.push(Run {
            start,
            end: lines.len(),
            gutters: free,
        });
    }
    out
}

/// A sidebar found in a run: its words (line index, word indices on the line) and the band
/// of the article beside it.
struct Sidebar {
    words: Vec<(usize, Vec<usize>)>,
    band: Band,
}

/// One side of a gutter over a run.
#[derive(Default)]
struct Side {
    words: Vec<(usize, usize)>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    chars: usize,
    value_chars: usize,
}

impl Side {
    fn add(&mut self, li: usize, wi: usize, w: &Word) {
        if self.words.is_empty() {
            (self.x0, self.x1, self.y0, self.y1) = (w.x0, w.x1, w.y0, w.y1);
        }
        self.x0 = self.x0.min(w.x0);
        self.x1 = self.x1.max(w.x1);
        self.y0 = self.y0.min(w.y0);
        self.y1 = self.y1.max(w.y1);
        let n = w.text.chars().count();
        self.chars += n;
        if parse_token(&w.text).is_some() {
            self.value_chars += n;
        }
        self.words.push((li, wi));
    }

    fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    fn mostly_text(&self) -> bool {
        (self.value_chars as f64) <= MAX_VALUE_SHARE * self.chars as f64
    }
}

/// The sidebar of a run, if one of its gutters sets one apart (see the module docs);
/// `height` is the height of the page's text.
fn sidebar(lines: &[Line], run: &Run, h: f64, height: f64) -> Option<Sidebar> {
    let mut best: Option<(f64, Sidebar)> = None;
    for &(a, b) in &run.gutters {
        let (mut left, mut right) = (Side::default(), Side::default());
        let run_lines = lines.iter().enumerate().take(run.end).skip(run.start);
        for (li, line) in run_lines {
            for (wi, w) in line.words.iter().enumerate() {
                if w.x1 <= a {
                    left.add(li, wi, w);
                } else if w.x0 >= b {
                    right.add(li, wi, w);
                }
            }
        }
        if left.words.is_empty() || right.words.is_empty() {
            continue;
        }
        let sidebar_right = right.width() < left.width();
        let (narrow, wide) = if sidebar_right {
            (&right, &left)
        } else {
            (&left, &right)
        };
        if narrow.width() > MAX_SIDEBAR_WIDTH * wide.width()
            || !narrow.mostly_text()
            || !wide.mostly_text()
            || has_gutter(lines, &wide.words, h)
        {
            continue;
        }
        // Lines of the narrow side above the other side's first are above the columns (a
        // site's header), not beside them: they stay with the page.
        let beside: Vec<(usize, usize)> = narrow
            .words
            .iter()
            .copied()
            .filter(|&(li, wi)| lines[li].words[wi].cy() >= wide.y0 - 0.5 * h)
            .collect();
        let mut per_line: Vec<(usize, Vec<usize>)> = Vec::new();
        for (li, wi) in beside {
            match per_line.last_mut() {
                Some((l, ws)) if *l == li => ws.push(wi),
                _ => per_line.push((li, vec![wi])),
            }
        }
        let (Some(first), Some(last)) = (per_line.first(), per_line.last()) else {
            continue;
        };
        let y0 = lines[first.0].y0;
        let y1 = lines[last.0].y1;
        if per_line.len() < MIN_SIDEBAR_LINES || y1 - y0 < MIN_SIDEBAR_HEIGHT * height {
            continue;
        }
        let band = Band {
            y0: lines[run.start].y0,
            y1: lines[run.end - 1].y1,
            right: if sidebar_right {
                wide.x1
            } else {
                f64::INFINITY
            },
        };
        let width = b - a;
        if best.as_ref().is_none_or(|(w, _)| width > *w) {
            best = Some((
                width,
                Sidebar {
                    words: per_line,
                    band,
                },
            ));
        }
    }
    best.map(|(_, s)| s)
}

/// Whether the words (line index, word index) have a gutter of their own through all their
/// lines, with words on both sides: the columns of a table, not a column of text.
fn has_gutter(lines: &[Line], words: &[(usize, usize)], h: f64) -> bool {
    let Some((x0, x1)) = extent(words.iter().map(|&(li, wi)| &lines[li].words[wi])) else {
        return false;
    };
    let min = MIN_GUTTER * h;
    let mut free: Option<Vec<(f64, f64)>> = None;
    let mut at = 0;
    while at < words.len() {
        let li = words[at].0;
        let mut on_line: Vec<&Word> = Vec::new();
        while at < words.len() && words[at].0 == li {
            on_line.push(&lines[li].words[words[at].1]);
            at += 1;
        }
        let mine = free_bands_of(&on_line, x0, x1, min);
        let both = match &free {
            None => mine,
            Some(f) => intersect(f, &mine, min),
        };
        if both.is_empty() {
            return false;
        }
        free = Some(both);
    }
    // A band at either edge has words on one side only.
    free.is_some_and(|f| f.iter().any(|&(a, b)| a > x0 && b < x1))
}

/// The bands of `x0..x1` at least `min` wide that no word of the line reaches.
fn free_bands(words: &[Word], x0: f64, x1: f64, min: f64) -> Vec<(f64, f64)> {
    let refs: Vec<&Word> = words.iter().collect();
    free_bands_of(&refs, x0, x1, min)
}

fn free_bands_of(words: &[&Word], x0: f64, x1: f64, min: f64) -> Vec<(f64, f64)> {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out = Vec::new();
    let mut at = x0;
    for w in sorted {
        if w.x0 - at >= min {
            out.push((at, w.x0));
        }
        at = at.max(w.x1);
    }
    if x1 - at >= min {
        out.push((at, x1));
    }
    out
}

/// The bands free in both lists (each sorted and disjoint), at least `min` wide.
fn intersect(a: &[(f64, f64)], b: &[(f64, f64)], min: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if hi - lo >= min {
            out.push((lo, hi));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The horizontal extent of some words.
fn extent<'a>(words: impl Iterator<Item = &'a Word>) -> Option<(f64, f64)> {
    words.fold(None, |acc, w| match acc {
        None => Some((w.x0, w.x1)),
        Some((a, b)) => Some((f64::min(a, w.x0), f64::max(b, w.x1))),
    })
}

/// The vertical extent of some words: top and bottom.
fn heights(words: &[Word]) -> Option<(f64, f64)> {
    let first = words.first()?;
    Some(words.iter().fold((first.y0, first.y1), |(y0, y1), w| {
        (y0.min(w.y0), y1.max(w.y1))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x0: f64, y0: f64, text: &str) -> Word {
        Word::test(x0, y0, text)
    }

    /// An article of 30-character lines beside a column of links for 13 lines, then lines
    /// across the page.
    fn page_with_sidebar(sidebar_x: f64, article_x: f64) -> Vec<Word> {
        let mut words = Vec::new();
        for i in 0..13 {
            let y = 10.0 + 15.0 * i as f64;
            words.push(w(article_x, y, &"文".repeat(30)));
            words.push(w(sidebar_x, y, &format!("链接{i:02}号")));
        }
        for i in 13..20 {
            words.push(w(10.0, 10.0 + 15.0 * i as f64, &"字".repeat(39)));
        }
        words
    }

    #[test]
    fn a_column_of_links_beside_the_article_is_a_flow_of_its_own() {
        for (sidebar_x, article_x, right) in [(330.0, 10.0, 310.0), (10.0, 100.0, f64::INFINITY)] {
            let flows = split(&page_with_sidebar(sidebar_x, article_x), 10.0);
            assert_eq!(flows.len(), 2);
            assert_eq!(flows[0].words.len(), 13 + 7);
            assert!(flows[0].words.iter().all(|w| !w.text.starts_with("链接")));
            assert_eq!(flows[1].words.len(), 13);
            assert!(flows[1].words.iter().all(|w| w.text.starts_with("链接")));
            assert_eq!(
                flows[0].bands,
                vec![Band {
                    y0: 10.0,
                    y1: 200.0,
                    right
                }]
            );
        }
    }

    #[test]
    fn a_short_column_or_a_table_stays_in_the_page() {
        // Beside four lines only, on a page of twenty: not a sidebar.
        let mut words = page_with_sidebar(330.0, 10.0);
        words.retain(|w| !w.text.starts_with("链接") || w.y0 < 60.0);
        assert_eq!(split(&words, 10.0).len(), 1);
        // A table: labels, and columns of values.
        let mut table = Vec::new();
        for i in 0..20 {
            let y = 10.0 + 15.0 * i as f64;
            table.push(w(10.0, y, "行政许可事项"));
            for (k, x) in [200.0, 250.0, 300.0].into_iter().enumerate() {
                table.push(w(x, y, &format!("{}", i * 3 + k)));
            }
        }
        assert_eq!(split(&table, 10.0).len(), 1);
        // Labels beside a block of header text over the values: still a table.
        for i in 0..6 {
            table.push(w(200.0, 320.0 + 15.0 * i as f64, "申请人情况"));
        }
        assert_eq!(split(&table, 10.0).len(), 1);
    }

    #[test]
    fn the_bands_free_of_words_are_intersected() {
        let line = [w(0.0, 0.0, "一二"), w(50.0, 0.0, "三")];
        assert_eq!(
            free_bands(&line, 0.0, 100.0, 5.0),
            vec![(20.0, 50.0), (60.0, 100.0)]
        );
        assert_eq!(
            intersect(&[(20.0, 50.0), (60.0, 100.0)], &[(40.0, 70.0)], 5.0),
            vec![(40.0, 50.0), (60.0, 70.0)]
        );
        assert!(intersect(&[(20.0, 50.0)], &[(48.0, 70.0)], 5.0).is_empty());
    }
}
