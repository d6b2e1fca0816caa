//! A rule's documentation page as plain text (what `gongkai rules ID` prints).

use gongkai_model::{FormatId, Lang};

use crate::catalogue::RuleInfo;
use crate::labels::{format_en, format_zh};

/// Headings of the page, per language.
struct Headings {
    severity: &'static str,
    formats: &'static str,
    checks: &'static str,
    formula: &'static str,
    why: &'static str,
    example: &'static str,
    fix: &'static str,
    none: &'static str,
    list_sep: &'static str,
}

const ZH: Headings = Headings {
    severity: "严重程度",
    formats: "适用格式",
    checks: "检查内容",
    formula: "公式",
    why: "为什么重要",
    example: "不通过的例子",
    fix: "如何修改",
    none: "（无）",
    list_sep: "；",
};

const EN: Headings = Headings {
    severity: "Severity",
    formats: "Formats",
    checks: "What it checks",
    formula: "Formula",
    why: "Why it matters",
    example: "Example that fails",
    fix: "How to fix",
    none: "(none)",
    list_sep: "; ",
};

fn format_name(id: FormatId, lang: Lang) -> String {
    match lang {
        Lang::Zh => format_zh(id),
        Lang::En => format_en(id),
    }
}

/// Columns a text takes in a terminal: East Asian wide characters take two. Approximate (no
/// dependency for this): everything from U+1100 up counts as wide, except the general punctuation
/// block, which holds the title's dash.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{2000}'..='\u{206F}' => 1,
            c if c >= '\u{1100}' => 2,
            _ => 1,
        })
        .sum()
}

/// The documentation page of a rule: id and name, severity, formats, what it checks (with the
/// formula), why it matters, an example that fails, and how to fix the report.
pub fn rule_page(info: &RuleInfo, lang: Lang) -> String {
    let h = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let severity = match lang {
        Lang::Zh => info.severity.zh(),
        Lang::En => info.severity.key(),
    };
    let formats = if info.formats.is_empty() {
        h.none.to_string()
    } else {
        info.formats
            .iter()
            .map(|f| format_name(*f, lang))
            .collect::<Vec<_>>()
            .join(h.list_sep)
    };
    let colon = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let title = format!("{} — {}", info.id, info.name.get(lang));
    let mut page = String::new();
    page.push_str(&title);
    page.push('\n');
    page.push_str(&"=".repeat(display_width(&title)));
    page.push_str("\n\n");
    page.push_str(&format!("{}{colon}{severity}\n", h.severity));
    page.push_str(&format!("{}{colon}{formats}\n", h.formats));
    let mut section = |heading: &str, body: &str| {
        page.push('\n');
        page.push_str(heading);
        page.push('\n');
        for line in body.lines() {
            page.push_str("  ");
            page.push_str(line);
            page.push('\n');
        }
    };
    let mut checks = info.summary.get(lang).to_string();
    if let Some(f) = &info.formula {
        checks.push('\n');
        checks.push_str(&format!("{}{colon}{}", h.formula, f.get(lang)));
    }
    section(h.checks, &checks);
    section(h.why, info.why.get(lang));
    section(h.example, info.example.get(lang));
    section(h.fix, info.fix.get(lang));
    page
}
