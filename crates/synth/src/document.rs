//! The whole text around the tables: chrome, title, intro, the six parts in order, signature.

use gongkai_model::Report;
use rand::Rng;

use crate::chrome;
use crate::layout::model::{self, Draws};
use crate::layout::{self, Doc, Layout, WriteOptions, Written};
use crate::prose::{self, Facts};
use crate::rng::{between, chance, pick, stream};
use crate::variants::Variants;

// Streams of the variant seed (see `rng`): each concern draws on its own.
const S_PROSE: u64 = 201;
const S_CHROME: u64 = 202;
const S_TABLES: u64 = 203;
const S_BREAKS: u64 = 204;
const S_LAYOUT: u64 = 205;
const S_PROSE_BREAK: u64 = 206;

/// Lines with the layout's spacing: a blank line after every line except in the pipe layout,
/// which has none (seed 001).
struct Writer {
    doc: Doc,
    gap: bool,
    indent: &'static str,
}

impl Writer {
    fn line(&mut self, text: &str) -> u32 {
        let n = self.doc.push(text);
        if self.gap {
            self.doc.blank();
        }
        n
    }

    fn para(&mut self, text: &str) -> u32 {
        self.line(&format!("{}{}", self.indent, text.trim_start()))
    }
}

/// Writes `tables`' tables with `prose`'s prose. They are the same report except when a
/// mutation is written: its prose still tells the original figures, as a report whose table
/// has a typo does.
pub(crate) fn write(tables: &Report, prose_from: &Report, opts: &WriteOptions) -> Written {
    let v = Variants::pick(opts.variant_seed, opts.layout);
    let facts = Facts::of(prose_from);
    let def = tables.format_def();
    let mut prose_rng = stream(opts.variant_seed, S_PROSE);
    let mut chrome_rng = stream(opts.variant_seed, S_CHROME);
    let mut table_rng = stream(opts.variant_seed, S_TABLES);
    let mut break_rng = stream(opts.variant_seed, S_BREAKS);
    let mut layout_rng = stream(opts.variant_seed, S_LAYOUT);
    let mut prose_break_rng = stream(opts.variant_seed, S_PROSE_BREAK);
    let mut w = Writer {
        doc: Doc::default(),
        gap: opts.layout != Layout::Pipe,
        indent: v.indent,
    };

    let title = prose::title(&v, &facts);
    if opts.chrome {
        let page_title = title.concat();
        for l in chrome::before(
            &mut chrome_rng,
            &page_title,
            &facts.agency,
            prose_from.published_on.value,
        ) {
            w.line(&l);
        }
    }
    for l in &title {
        w.line(l);
    }
    if !opts.chrome && chance(&mut prose_rng, 0.3) {
        let (m, d) = facts.signed;
        w.line(&format!("（{}年{m}月{d}日）", facts.year + 1));
    }
    for p in prose::intro(&mut prose_rng, &v, &facts) {
        w.para(&p);
    }

    for s in def.sections {
        let label = if !s.aliases.is_empty() && chance(&mut prose_rng, v.section_alias_p) {
            pick(&mut prose_rng, s.aliases)
        } else {
            s.label
        };
        let line = w.line(&format!("{}、{}", s.number, label));
        w.doc.section_lines.insert(s.key, line);
        let Some(table) = s.table.and_then(|t| def.table(t)) else {
            let paras = match s.key {
                "overview" => prose::overview(&mut prose_rng, &v, &facts),
                "problems" => prose::problems(&mut prose_rng, &v, &facts),
                "other_matters" => prose::other_matters(&mut prose_rng, &v, &facts),
                _ => vec!["无。".to_string()],
            };
            let split_at = (opts.page_breaks && s.key == "problems")
                .then(|| prose_break_rng.random_range(0.3..0.7));
            for (i, p) in paras.iter().enumerate() {
                match split_at {
                    // A page break in the middle of a paragraph (seed 004: `…仍\n\n需加强。`).
                    Some(at) if i == paras.len() - 1 && p.chars().count() > 10 => {
                        let cut = (p.chars().count() as f64 * at) as usize;
                        let head: String = p.chars().take(cut).collect();
                        let tail: String = p.chars().skip(cut).collect();
                        w.para(&head);
                        if !w.gap {
                            w.doc.blank();
                        }
                        w.doc.push(&tail);
                        if w.gap {
                            w.doc.blank();
                        }
                    }
                    _ => {
                        w.para(p);
                    }
                }
            }
            continue;
        };
        if let Some(p) = prose::before_table(&mut prose_rng, &v, &facts, table.key) {
            w.para(&p);
        }
        let mut draws = Draws {
            variants: &v,
            rng: &mut table_rng,
            breaks: opts.page_breaks.then_some(&mut break_rng),
        };
        let m = model::build(table, tables, &mut draws);
        layout::render(opts.layout, &m, &mut w.doc, &v, &mut layout_rng);
        if opts.layout == Layout::Tab {
            w.doc.blank();
        }
        if table.key == "proactive" && v.provincial_line {
            // A provincial addition under 表二 (seed 003), half-width as that mirror prints it.
            w.line(&format!(
                "{}年本行政区域(或本部门)政府信息公开发布总数量(非新闻类、消息类):{}",
                facts.year,
                between(&mut prose_rng, 0, 400)
            ));
        }
    }

    for l in prose::signature(&mut prose_rng, &facts) {
        w.line(&l);
    }
    if opts.chrome {
        for l in chrome::after(&mut chrome_rng) {
            w.line(&l);
        }
    }
    w.doc.finish()
}
