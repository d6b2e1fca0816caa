//! A self-contained HTML page: inline CSS (screen and an A4 print stylesheet), no scripts, no
//! external fonts or images; `lang="zh-CN"`; tables with `<caption>`, `<th scope>` and real
//! `rowspan`/`colspan` as the format draws them. Everything taken from the report (agency,
//! prose, cell texts, finding messages) is HTML-escaped.

use gongkai_model::format::TableDef;
use gongkai_model::{CellKey, CellState, Lang, Report};

use crate::narrative::Narrative;

use super::layout::{Content, Grid, GridCell, RowKind, Scope};
use super::{appendix_title, finding_line, heading, shown, title, Render};

/// The stylesheet. Font stacks follow the conventions of government documents (GB/T 9704):
/// 仿宋 for the body, 黑体 for part headings, 小标宋 for the title, each with fallbacks that
/// exist on Windows, macOS and Linux (Noto CJK), then the generic family. The print part sets
/// A4 with the 公文 margins, keeps each table on one page where it fits and keeps headings
/// with what follows them.
const CSS: &str = r#"@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 820px; padding: 24px 16px 48px;
  font-family: "FangSong", "STFangsong", "仿宋", "仿宋_GB2312", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 1.6; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; margin: 0 0 0.8em; }
h2 { font-family: "SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 1.2em 0 0.5em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.date { text-indent: 0; text-align: center; margin-bottom: 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 10.5pt; line-height: 1.35; }
caption { caption-side: top; }
th, td { border: 1px solid #000; padding: 0.3em 0.4em; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th[scope="row"], th[scope="rowgroup"] { text-align: left; }
tr.block th { font-family: "SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
td { text-align: center; }
td.note { font-size: 9pt; text-align: left; }
/* A width on a cell of an auto-layout table acts as its minimum: two characters for 其他 and
   总计, so the long row labels, not the value columns, take the wrapping. */
th[scope="col"] { width: 2.4em; }
td.missing { color: #b00000; }
td.inferred { font-style: italic; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
section.findings { margin-top: 2em; border-top: 2px solid #b00000; }
section.findings ul { font-size: 12pt; padding-left: 1.5em; }
section.findings li.error { color: #b00000; }
@media print {
  body { max-width: none; padding: 0; }
  /* Smaller tables in print so that 表三 fits one A4 page; a table that fits is moved whole to
     the next page rather than split. Rows are not marked unbreakable: a row holding a tall
     merged cell (三、本年度办理结果) would then push the whole group to a new page. */
  table { font-size: 9pt; line-height: 1.25; break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: 0.15em 0.25em; }
  thead { display: table-header-group; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
}
"#;

pub(super) fn render(r: &Render<'_>) -> String {
    let report = r.report;
    let def = report.format_def();
    let t = escape(&title(report));
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"gongkai\">\n");
    o.push_str(&format!(
        "<title>{t}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
    ));
    o.push_str("<article class=\"report\">\n<header>\n");
    o.push_str(&format!("<h1>{t}</h1>\n"));
    if let Some(d) = report.published_on.value {
        o.push_str(&format!(
            "<p class=\"date\"><time datetime=\"{d}\">（{}年{}月{}日）</time></p>\n",
            d.year, d.month, d.day
        ));
    }
    o.push_str("</header>\n");
    for s in def.sections {
        let id = format!("part-{}", escape(s.key));
        o.push_str(&format!("<section aria-labelledby=\"{id}\">\n"));
        o.push_str(&format!(
            "<h2 id=\"{id}\">{}</h2>\n",
            escape(&heading(s.number, s.label))
        ));
        for p in r.narrative.paragraphs(s.key) {
            o.push_str(&format!("<p>{}</p>\n", escape(p)));
        }
        if let Some(table) = s.table.and_then(|t| def.table(t)) {
            table_html(&Grid::of(table), r, &mut o);
        }
        o.push_str("</section>\n");
    }
    if let Some(findings) = r.appendix {
        o.push_str("<section class=\"findings\" aria-labelledby=\"findings\">\n");
        o.push_str(&format!(
            "<h2 id=\"findings\">{}</h2>\n<ul>\n",
            escape(appendix_title(r.lang))
        ));
        for f in findings {
            o.push_str(&format!(
                "<li class=\"{}\">{}</li>\n",
                f.severity.key(),
                escape(&finding_line(f, r.lang))
            ));
        }
        o.push_str("</ul>\n</section>\n");
    }
    o.push_str("</article>\n</body>\n</html>\n");
    o
}

/// How an interactive page (the web application's review desk) marks a value cell: extra
/// classes and a title, e.g. the findings that name it. The cell also gets an `id` and a
/// `data-cell` attribute (`c-requests-granted-total`, `requests.granted.total`) so a finding can
/// point at it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellMark {
    /// Space-separated class names (`error`, `warning`, `notice`), added to the state's class.
    pub class: String,
    /// Shown on hover, after the state's own note.
    pub title: String,
}

/// The `id` of a value cell in a marked table (see [`table_fragment`]).
pub fn cell_anchor(key: &CellKey) -> String {
    format!("c-{}-{}-{}", key.table, key.row, key.column)
}

/// One table of a report in the official layout, as an HTML fragment (no page around it),
/// with each value cell marked by `mark` (`None`: no mark) and anchored by [`cell_anchor`].
pub fn table_fragment(
    table: &'static TableDef,
    report: &Report,
    lang: Lang,
    mark: &dyn Fn(&CellKey) -> Option<CellMark>,
) -> String {
    let narrative = Narrative::default();
    let r = Render {
        report,
        narrative: &narrative,
        appendix: None,
        lang,
    };
    let mut o = String::new();
    table_html_with(&Grid::of(table), &r, Some(mark), &mut o);
    o
}

fn table_html(grid: &Grid, r: &Render<'_>, o: &mut String) {
    table_html_with(grid, r, None, o)
}

type Marker<'m> = Option<&'m dyn Fn(&CellKey) -> Option<CellMark>>;

fn table_html_with(grid: &Grid, r: &Render<'_>, mark: Marker<'_>, o: &mut String) {
    let table = grid.table;
    // `border="1"` for renderers without CSS (office suites importing the page, old browsers).
    o.push_str(&format!(
        "<table class=\"{}\" border=\"1\">\n",
        escape(table.key)
    ));
    // The part heading above already names the table; the caption is for screen readers.
    o.push_str(&format!(
        "<caption class=\"vh\">{}</caption>\n",
        escape(table.label)
    ));
    // Leading header rows form the <thead> (repeated on each printed page); 表二's headers sit
    // between its blocks, so it has none.
    let thead = grid
        .rows
        .iter()
        .take_while(|row| row.kind == RowKind::Header)
        .count();
    if thead > 0 {
        o.push_str("<thead>\n");
    }
    for (i, row) in grid.rows.iter().enumerate() {
        if i == thead {
            if thead > 0 {
                o.push_str("</thead>\n");
            }
            o.push_str("<tbody>\n");
        }
        let class = match row.kind {
            RowKind::Block => " class=\"block\"",
            RowKind::Header => " class=\"head\"",
            RowKind::Body => "",
        };
        o.push_str(&format!("<tr{class}>"));
        for c in &row.cells {
            cell_html(c, r, mark, o);
        }
        o.push_str("</tr>\n");
    }
    if thead == grid.rows.len() {
        o.push_str("</thead>\n");
    } else {
        o.push_str("</tbody>\n");
    }
    o.push_str("</table>\n");
}

/// ` rowspan="3" colspan="2"`, each only when more than one.
fn spans(c: &GridCell) -> String {
    let mut s = String::new();
    if c.rowspan > 1 {
        s.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
    }
    if c.colspan > 1 {
        s.push_str(&format!(" colspan=\"{}\"", c.colspan));
    }
    s
}

fn cell_html(c: &GridCell, r: &Render<'_>, mark: Marker<'_>, o: &mut String) {
    let spans = spans(c);
    match c.content {
        Content::Head { text, scope, .. } => {
            let scope = match scope {
                Scope::Col => "col",
                Scope::ColGroup => "colgroup",
                Scope::Row => "row",
                Scope::RowGroup => "rowgroup",
                Scope::None => {
                    o.push_str(&format!("<td class=\"note\"{spans}>{}</td>", escape(text)));
                    return;
                }
            };
            o.push_str(&format!(
                "<th scope=\"{scope}\"{spans}>{}</th>",
                escape(text)
            ));
        }
        Content::Value(k) => {
            let shown = shown(r.report, &k);
            let (class, note) = match shown.state {
                Some(CellState::Number) => ("", None),
                Some(CellState::NotApplicable) => (" class=\"na\"", None),
                Some(CellState::Blank) => (" class=\"blank\"", None),
                Some(CellState::Inferred) => {
                    let why = r
                        .report
                        .cell(&k)
                        .and_then(|c| c.inferred_by.as_ref())
                        .map(|i| format!("{}：{}", i.rule, i.evidence));
                    (" class=\"inferred\"", Some(inferred_note(r.lang, why)))
                }
                Some(CellState::Missing) | None => {
                    (" class=\"missing\"", Some(missing_note(r.lang)))
                }
            };
            let Some(mark) = mark else {
                let title = note
                    .map(|n| format!(" title=\"{}\"", escape(&n)))
                    .unwrap_or_default();
                o.push_str(&format!(
                    "<td{class}{title}{spans}>{}</td>",
                    escape(&shown.text)
                ));
                return;
            };
            let m = mark(&k).unwrap_or_default();
            let state_class = class
                .strip_prefix(" class=\"")
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or("");
            let classes: Vec<&str> = [state_class, m.class.as_str()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect();
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", escape(&classes.join(" ")))
            };
            let titles: Vec<String> = note
                .into_iter()
                .chain((!m.title.is_empty()).then_some(m.title))
                .collect();
            let title = if titles.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", escape(&titles.join("\n")))
            };
            o.push_str(&format!(
                "<td id=\"{}\" data-cell=\"{}\"{class}{title}{spans}>{}</td>",
                escape(&cell_anchor(&k)),
                escape(&k.to_string()),
                escape(&shown.text)
            ));
        }
    }
}

fn missing_note(lang: Lang) -> String {
    match lang {
        Lang::Zh => "原文缺少此格".to_string(),
        Lang::En => "the source has no such cell".to_string(),
    }
}

fn inferred_note(lang: Lang, why: Option<String>) -> String {
    match (lang, why) {
        (Lang::Zh, Some(w)) => format!("推算值（原文未印出）：{w}"),
        (Lang::Zh, None) => "推算值（原文未印出）".to_string(),
        (Lang::En, Some(w)) => format!("inferred (not printed in the source): {w}"),
        (Lang::En, None) => "inferred (not printed in the source)".to_string(),
    }
}

/// HTML-escapes text for element content and double- or single-quoted attributes (also what
/// SVG and XML need).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no place in a document (and some are not allowed in
            // HTML at all); line breaks inside a paragraph become spaces.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
