//! Compiler-style diagnostics: each finding with the source line(s) it is about.
//!
//! Rendering is done by annotate-snippets 0.12, which lays out CJK text by display width
//! (unicode-width: a CJK character is 2 columns; East Asian "ambiguous" characters such as
//! `“ ” ①` count as 1, as in a non-CJK terminal) and shows a tab as 4 spaces, moving the carets
//! with it. Source locations count characters; annotate-snippets wants byte spans, so this module
//! converts one into the other on the line itself and never hands over a span that is not on a
//! character boundary.

use std::ops::Range;

use annotate_snippets::{
    normalize_untrusted_str, Annotation, AnnotationKind, Group, Level, Origin, Renderer, Snippet,
};
use gongkai_model::{CellKey, Finding, Lang, Outcome, Report, Severity, Source};

/// How far (in lines) from the finding's own place another involved cell may be and still be
/// shown. Farther cells would pull a long stretch of the report into the snippet (folded or
/// not), which hides the point rather than making it.
const NEARBY_LINES: u32 = 6;

/// At most this many other involved cells are marked: a column total involves up to 25 cells,
/// and a snippet with 25 labels is unreadable.
const MAX_SECONDARY: usize = 4;

/// Diagnostics for one file, one block per finding in input order, blocks separated by a blank
/// line; the empty string when there are no findings.
///
/// Each block has a header `错误[T3-BALANCE]: message` (`error`/`warning`/`notice` in English),
/// a ` --> file:line:col` line, the source line with the finding's place marked, then
/// `= 依据: <evidence>` (`= evidence: …`) and, for uncertain findings, `= 无法判定`
/// (`= undecided`). Findings located in a grid, nowhere, or past the end of `text` get the
/// header, a `--> file`, `--> file:p2.t1.r5.c3` or `--> file:99:1` line and the notes, without
/// a snippet (annotate-snippets then indents the location and notes by one column less, as
/// there is no line-number margin).
///
/// `text` is the decoded text the findings' `Source::Text` locations point into. This function
/// does not know where the finding's other cells are; [`render_diagnostics_with_report`] marks
/// them too. Plain text unless `color` (ANSI styles for a terminal).
pub fn render_diagnostics(
    file: &str,
    text: &str,
    findings: &[Finding],
    lang: Lang,
    color: bool,
) -> String {
    render(file, text, None, findings, lang, color)
}

/// As [`render_diagnostics`], and also marks the finding's other involved cells that lie within
/// a few lines of its place (at most a few), each labelled with its keys (`row.column`, or
/// `table.row.column` when the finding spans tables); the primary mark is labelled the same way
/// when the finding's place is one of its cells.
pub fn render_diagnostics_with_report(
    file: &str,
    text: &str,
    report: &Report,
    findings: &[Finding],
    lang: Lang,
    color: bool,
) -> String {
    render(file, text, Some(report), findings, lang, color)
}

fn render(
    file: &str,
    text: &str,
    report: Option<&Report>,
    findings: &[Finding],
    lang: Lang,
    color: bool,
) -> String {
    let lines = split_lines(text);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for (i, finding) in findings.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let group = diagnostic(file, &lines, report, finding, lang);
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
    }
    out
}

/// Splits like the reader's `Document` does (`\n`, `\r\n` or a lone `\r`; no empty last line
/// after a final break), so that line numbers agree with the locations it produced.
fn split_lines(text: &str) -> Vec<&str> {
    gongkai_model::lines::line_ranges(text)
        .into_iter()
        .map(|(s, e)| text.get(s..e).unwrap_or(""))
        .collect()
}

/// A marked piece of one line: 1-based line number, byte range within that line.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    line: u32,
    range: Range<usize>,
    label: Option<String>,
}

fn diagnostic<'a>(
    file: &'a str,
    lines: &[&str],
    report: Option<&Report>,
    finding: &'a Finding,
    lang: Lang,
) -> Group<'a> {
    let title = level(finding.severity, lang)
        .primary_title(finding.message.get(lang))
        .id(finding.rule);
    let mut group = Group::with_title(title);

    group = match mark(lines, &finding.location) {
        Some(primary) => group.element(snippet(file, lines, report, finding, primary, lang)),
        None => group.element(origin(file, &finding.location)),
    };

    if let Source::Paged {
        page, page_line, ..
    } = finding.location
    {
        // The snippet shows the text extracted from the PDF; say where that is on paper.
        let (name, text) = match lang {
            Lang::Zh => ("位置", format!("第 {page} 页第 {page_line} 行")),
            Lang::En => ("location", format!("page {page}, line {page_line}")),
        };
        group = group.element(Level::NOTE.with_name(name).message(text));
    }
    if let Some(evidence) = &finding.evidence {
        let name = match lang {
            Lang::Zh => "依据",
            Lang::En => "evidence",
        };
        // Evidence may quote printed text; `message` does not sanitise it the way titles and
        // sources are, so control characters are neutralised here.
        group = group.element(
            Level::NOTE
                .with_name(name)
                .message(normalize_untrusted_str(evidence)),
        );
    }
    if finding.outcome == Outcome::Uncertain {
        let text = match lang {
            Lang::Zh => "无法判定",
            Lang::En => "undecided",
        };
        group = group.element(Level::NOTE.no_name().message(text));
    }
    group
}

fn level(severity: Severity, lang: Lang) -> Level<'static> {
    let name = match lang {
        Lang::Zh => severity.zh(),
        Lang::En => severity.key(),
    };
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Notice => Level::INFO,
    };
    level.with_name(name)
}

/// The location line for a finding that has no line to show.
fn origin<'a>(file: &'a str, source: &Source) -> Origin<'a> {
    match *source {
        Source::None => Origin::path(file),
        // A line past the end of the text (or line 0): still say where the finding points.
        Source::Text { line, column, .. } => Origin::path(file)
            .line(line as usize)
            .char_column(column.max(1) as usize),
        Source::Grid { .. } | Source::Block { .. } => Origin::path(format!("{file}:{source}")),
        Source::Paged { line, column, .. } => Origin::path(file)
            .line(line as usize)
            .char_column(column.max(1) as usize),
    }
}

/// The marked piece of a text source, if its line exists.
fn mark(lines: &[&str], source: &Source) -> Option<Mark> {
    let (line, column, len, alone) = match *source {
        Source::Text {
            line,
            column,
            len,
            alone,
        } => (line, column, len, alone),
        // A PDF's extracted text: the snippet shows it, the header names the page.
        Source::Paged {
            line, column, len, ..
        } => (line, column, len, false),
        _ => return None,
    };
    let text = *lines.get((line as usize).checked_sub(1)?)?;
    let range = if len == 0 && alone {
        // `Source::line(n)`: the whole line is the piece; mark its content, not its indent.
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        start..end
    } else {
        let first = column.saturating_sub(1) as usize;
        let start = char_to_byte(text, first);
        let end = char_to_byte(text, first.saturating_add(len as usize));
        start..end
    };
    Some(Mark {
        line,
        range,
        label: None,
    })
}

/// Byte offset of the `n`th character (0-based) of `line`, clamped to the line's end.
/// How a marked cell is labelled: by its official row and column labels in Chinese
/// (`予以公开·自然人`), by its keys in English (`granted.natural_person`); with the table when
/// the finding spans tables.
/// Cells of one row are named by their column alone, cells of one column by their row alone.
fn cell_name(
    report: &Report,
    k: &CellKey,
    one_table: bool,
    same_row: bool,
    same_column: bool,
    lang: Lang,
) -> String {
    let table = report.format_def().table(k.table);
    match (lang, table) {
        (Lang::Zh, Some(t)) => {
            let row = t.row(k.row).map_or(k.row, |r| r.label);
            let row = strip_label_numbering(row);
            let col = t.column(k.column).map_or(k.column, |c| c.label);
            if same_row && one_table {
                col.to_string()
            } else if same_column {
                row.to_string()
            } else if one_table {
                format!("{row}·{col}")
            } else {
                format!("{}{row}·{col}", t.short)
            }
        }
        _ if one_table => format!("{}.{}", k.row, k.column),
        _ => k.to_string(),
    }
}

/// `（一）予以公开` → `予以公开`, `1.属于国家秘密` → `属于国家秘密`; long labels are cut at their
/// first bracket (`部分公开（区分处理的…）` → `部分公开`).
fn strip_label_numbering(label: &str) -> &str {
    let mut s = label;
    if let Some(rest) = s.strip_prefix('（').and_then(|r| r.split_once('）')) {
        s = rest.1;
    }
    if let Some((num, rest)) = s.split_once(['、', '.']) {
        if !num.is_empty()
            && num
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        {
            s = rest;
        }
    }
    match s.find('（') {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    }
}

fn char_to_byte(line: &str, n: usize) -> usize {
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

fn snippet<'a>(
    file: &'a str,
    lines: &[&str],
    report: Option<&Report>,
    finding: &Finding,
    mut primary: Mark,
    lang: Lang,
) -> Snippet<'a, Annotation<'a>> {
    let mut secondary = Vec::new();
    if let Some(report) = report {
        let one_table = finding.cells.windows(2).all(|w| w[0].table == w[1].table);
        let same_row = finding
            .cells
            .windows(2)
            .all(|w| (w[0].table, w[0].row) == (w[1].table, w[1].row));
        let same_column = one_table && finding.cells.windows(2).all(|w| w[0].column == w[1].column);
        let name = |k: &CellKey| cell_name(report, k, one_table, same_row, same_column, lang);
        // The cell the finding is located at, if it is one of its cells. Cells are looked up
        // with `Report::get` (a scan) rather than `Report::cell` (an index) because `cells` is a
        // public field: a caller that edited it leaves the index stale, and `cell` would then
        // index out of bounds.
        let at = finding.cells.iter().find(|k| {
            report
                .get(k.table, k.row, k.column)
                .is_some_and(|c| !c.source.is_none() && c.source == finding.location)
        });
        if let Some(k) = at {
            primary.label = Some(name(k));
        }
        for key in &finding.cells {
            if secondary.len() >= MAX_SECONDARY {
                break;
            }
            if Some(key) == at {
                continue;
            }
            let Some(cell) = report.get(key.table, key.row, key.column) else {
                continue;
            };
            let Some(mut m) = mark(lines, &cell.source) else {
                continue;
            };
            let near = m.line.abs_diff(primary.line) <= NEARBY_LINES;
            let same = |o: &Mark| o.line == m.line && o.range == m.range;
            if !near || same(&primary) || secondary.iter().any(same) {
                continue;
            }
            m.label = Some(name(key));
            secondary.push(m);
        }
    }

    // Only the lines from the first to the last mark go into the snippet; annotate-snippets
    // folds the unmarked ones in between.
    let first = secondary
        .iter()
        .map(|m| m.line)
        .fold(primary.line, u32::min);
    let last = secondary
        .iter()
        .map(|m| m.line)
        .fold(primary.line, u32::max);
    let shown = lines
        .get((first as usize).saturating_sub(1)..last as usize)
        .unwrap_or_default();
    let mut starts = Vec::with_capacity(shown.len());
    let mut source = String::new();
    for (i, l) in shown.iter().enumerate() {
        if i > 0 {
            source.push('\n');
        }
        starts.push(source.len());
        source.push_str(l);
    }
    let span = |m: &Mark| {
        let base = starts
            .get(m.line.saturating_sub(first) as usize)
            .copied()
            .unwrap_or_default();
        base + m.range.start..base + m.range.end
    };

    let mut snippet = Snippet::source(source)
        .path(file)
        .line_start(first as usize)
        .annotation(
            AnnotationKind::Primary
                .span(span(&primary))
                .label(primary.label.clone()),
        );
    for m in &secondary {
        snippet = snippet.annotation(AnnotationKind::Context.span(span(m)).label(m.label.clone()));
    }
    snippet
}
