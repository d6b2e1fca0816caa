mod common;

use common::{cjk, is_row_label, is_value, lines, reports};
use gongkai_model::format::TableLayout;
use gongkai_model::{FormatId, Report};
use gongkai_synth::{
    generate, write_all_layouts, write_text, GenOptions, Layout, Scale, WriteOptions, Written,
};

fn options() -> Vec<WriteOptions> {
    let mut out = Vec::new();
    for layout in Layout::ALL {
        for chrome in [false, true] {
            for page_breaks in [false, true] {
                for variant_seed in 0..4 {
                    out.push(WriteOptions {
                        layout,
                        chrome,
                        page_breaks,
                        variant_seed: variant_seed * 7 + u64::from(chrome),
                    });
                }
            }
        }
    }
    out
}

/// Every (report, options, written) combination the structural tests look at.
fn cases() -> Vec<(Report, WriteOptions, Written)> {
    let mut out = Vec::new();
    for (_, report) in reports(0..3) {
        for opts in options() {
            let w = write_text(&report, &opts);
            out.push((report.clone(), opts, w));
        }
    }
    out
}

#[test]
fn cell_lines_point_at_the_values() {
    for (report, opts, w) in cases() {
        let ls = lines(&w.text);
        for cell in &report.cells {
            let line = w
                .cell_lines
                .get(&cell.key())
                .unwrap_or_else(|| panic!("{opts:?}: no line for {}", cell.key()));
            let text = ls.get(*line as usize - 1).copied().unwrap_or_default();
            assert!(
                text.contains(cell.text.as_str()),
                "{opts:?}: {} = {:?} not on line {line}: {text:?}",
                cell.key(),
                cell.text
            );
            assert_eq!(w.line(*line), Some(text));
        }
    }
}

#[test]
fn row_lines_point_at_the_labels() {
    for (report, opts, w) in cases() {
        let ls = lines(&w.text);
        for table in report.format_def().tables {
            for row in table.rows {
                let line = w
                    .row_lines
                    .get(&(table.key, row.key))
                    .unwrap_or_else(|| panic!("{opts:?}: no line for {}.{}", table.key, row.key));
                let text = ls.get(*line as usize - 1).copied().unwrap_or_default();
                let found = std::iter::once(row.label)
                    .chain(row.aliases.iter().copied())
                    .any(|l| cjk(text).contains(&cjk(l)));
                assert!(
                    found,
                    "{opts:?}: {}.{} not on {line}: {text:?}",
                    table.key, row.key
                );
                if opts.layout == Layout::CellPerLine && table.layout == TableLayout::LabelledRows {
                    assert!(
                        is_row_label(text, row),
                        "{opts:?}: {text:?} for {}",
                        row.key
                    );
                }
            }
        }
    }
}

#[test]
fn sections_and_tables_are_in_order() {
    for (report, opts, w) in cases() {
        let ls = lines(&w.text);
        let mut last = 0;
        for s in report.format_def().sections {
            let line = *w.section_lines.get(s.key).expect("section line");
            assert!(line > last, "{opts:?}: {} out of order", s.key);
            last = line;
            let text = ls[line as usize - 1];
            assert!(text.starts_with(&format!("{}、", s.number)), "{text:?}");
            assert!(
                std::iter::once(s.label)
                    .chain(s.aliases.iter().copied())
                    .any(|l| text.ends_with(l)),
                "{text:?}"
            );
            if let Some(t) = s.table {
                let tl = *w.table_lines.get(t).expect("table line");
                assert!(tl > line, "{opts:?}: table {t} before its section");
            }
        }
    }
}

/// After each row label, the cell-per-line layout prints exactly the row's values, one per
/// line (blank lines between), then something that is not a value.
#[test]
fn cell_per_line_rows_carry_exactly_their_values() {
    for (report, opts, w) in cases() {
        if opts.layout != Layout::CellPerLine {
            continue;
        }
        let ls = lines(&w.text);
        for table in report.format_def().tables {
            if table.layout != TableLayout::LabelledRows {
                continue;
            }
            for row in table.rows {
                let start = w.row_lines[&(table.key, row.key)] as usize;
                let following: Vec<&str> = ls[start..]
                    .iter()
                    .copied()
                    .filter(|l| !l.trim().is_empty())
                    .take(row.columns.len() + 1)
                    .collect();
                let values = following.iter().take_while(|l| is_value(l)).count();
                assert_eq!(
                    values,
                    row.columns.len(),
                    "{opts:?}: {}.{} followed by {following:?}",
                    table.key,
                    row.key
                );
            }
        }
        // 表四: the fifteen values form one run.
        let mut run: Vec<u32> = report
            .cells
            .iter()
            .filter(|c| c.table == "review_litigation")
            .map(|c| w.cell_lines[&c.key()])
            .collect();
        run.sort();
        assert_eq!(run.len(), 15);
        let between: Vec<&str> = ls[run[0] as usize - 1..run[14] as usize]
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(between.len(), 15, "{between:?}");
    }
}

/// In the pipe and tab layouts a row's line ends with its values, in order.
#[test]
fn pipe_and_tab_rows_end_with_their_values() {
    for (report, opts, w) in cases() {
        let sep = match opts.layout {
            Layout::Pipe => '|',
            Layout::Tab => '\t',
            Layout::CellPerLine => continue,
        };
        let ls = lines(&w.text);
        for table in report.format_def().tables {
            for row in table.rows {
                let texts: Vec<String> = row
                    .columns
                    .iter()
                    .filter_map(|c| report.get(table.key, row.key, c))
                    .map(|c| c.text.to_string())
                    .collect();
                let line = if table.layout == TableLayout::SingleRun {
                    w.cell_lines[&gongkai_model::CellKey {
                        table: table.key,
                        row: row.key,
                        column: row.columns[0],
                    }]
                } else {
                    w.row_lines[&(table.key, row.key)]
                };
                let cells: Vec<&str> = ls[line as usize - 1]
                    .split(sep)
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                if table.layout == TableLayout::SingleRun {
                    assert_eq!(cells.len(), 15);
                    assert!(cells.iter().all(|c| is_value(c)));
                } else {
                    let tail = &cells[cells.len() - texts.len()..];
                    assert_eq!(tail, texts, "{opts:?}: {}.{}", table.key, row.key);
                    assert!(!is_value(cells[cells.len() - texts.len() - 1]));
                }
            }
        }
    }
}

#[test]
fn layouts_look_like_their_seeds() {
    let report = generate(5, &GenOptions::new(FormatId::F2019, Scale::Typical));
    for opts in options() {
        let w = write_text(&report, &opts);
        let ls = lines(&w.text);
        let t3 = w.table_lines["requests"] as usize;
        let t4 = w.section_lines["review_litigation"] as usize;
        let table3 = &ls[t3 - 1..t4 - 1];
        match opts.layout {
            Layout::Pipe => {
                if !opts.page_breaks {
                    assert!(
                        !ls.iter().any(|l| l.is_empty()),
                        "pipe text has no blank lines"
                    );
                }
                assert!(table3
                    .iter()
                    .filter(|l| !l.is_empty())
                    .all(|l| l.ends_with('|')));
            }
            Layout::Tab => {
                assert!(table3
                    .iter()
                    .filter(|l| !l.is_empty())
                    .all(|l| l.contains('\t')));
                if opts.page_breaks {
                    let inner = &table3[..table3.len() - 2];
                    assert!(
                        inner.iter().any(|l| l.is_empty()),
                        "a page break inside 表三"
                    );
                }
            }
            Layout::CellPerLine => {
                // Every printed line is followed by a blank one.
                for pair in table3.windows(2) {
                    assert!(
                        pair[0].is_empty()
                            || pair[1].is_empty()
                            || pair[0].len() < 30 && !is_value(pair[0]) && !is_value(pair[1]),
                        "{pair:?}"
                    );
                }
            }
        }
        if opts.chrome {
            assert!(
                w.text.contains("扫一扫")
                    || w.text.contains("网站导航")
                    || w.text.contains("相关链接")
            );
        }
    }
}

#[test]
fn titles_name_agency_and_year_and_no_count_passes_for_a_year() {
    for (_, report) in reports(0..10) {
        let year = report.year.value.unwrap_or(0);
        let agency = report.agency.value.clone().unwrap_or_default();
        for opts in options() {
            let w = write_text(&report, &opts);
            let head: String = w.text.lines().take(12).collect();
            assert!(head.contains(&agency), "{head}");
            assert!(head.replace(' ', "").contains(&format!("{year}年")));
            // Every four digits before 年 are the report's year or the next (publication).
            let chars: Vec<char> = w.text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if *c != '年' {
                    continue;
                }
                let mut j = i;
                while j > 0 && chars[j - 1] == ' ' {
                    j -= 1;
                }
                let digits: String = chars[..j]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if digits.len() == 4 {
                    let n: i32 = digits.parse().unwrap_or(0);
                    assert!(n == year || n == year + 1, "{n}年 in a report for {year}");
                } else {
                    assert!(digits.is_empty(), "{digits}年 is not a year");
                }
            }
        }
    }
}

#[test]
fn label_variants_all_occur() {
    let r19 = generate(1, &GenOptions::new(FormatId::F2019, Scale::Typical));
    let r21 = generate(1, &GenOptions::new(FormatId::F2021, Scale::Typical));
    let mut texts = String::new();
    for seed in 0..60 {
        for layout in Layout::ALL {
            for r in [&r19, &r21] {
                texts.push_str(
                    &write_text(
                        r,
                        &WriteOptions {
                            layout,
                            chrome: false,
                            page_breaks: false,
                            variant_seed: seed,
                        },
                    )
                    .text,
                );
            }
        }
    }
    for needle in [
        "（一）予以公开",
        "(一)予以公开",
        "(一) 予以公开",
        "1.属于国家秘密",
        "1. 属于国家秘密",
        "1、属于国家秘密",
        "１．属于国家秘密",
        "“三安全一稳定”",
        "\"三安全一稳定\"",
        "逾期不补正、行政机关",
        "逾期不补正，行政机关",
        "(区分处理的,只计这一情形,不计其他情形)",
        "（区分处理的，只计这一情形，不计其他情形）",
        "本年新\n制作数量",
        "\n规范性文件",
        "行政规范性文件",
        "三、本 ",
        "减",
        "增",
    ] {
        assert!(texts.contains(needle), "no text has {needle:?}");
    }
    // 2021 prints 规范性文件 under the 2021 columns too (seen in 2023 reports).
    let short_2021 = (0..60).any(|seed| {
        let t = write_text(
            &r21,
            &WriteOptions {
                layout: Layout::Pipe,
                chrome: false,
                page_breaks: false,
                variant_seed: seed,
            },
        )
        .text;
        t.lines().any(|l| l.starts_with("规范性文件 |"))
    });
    assert!(short_2021);
}

#[test]
fn deterministic_and_varied() {
    let report = generate(9, &GenOptions::default());
    for opts in options() {
        assert_eq!(write_text(&report, &opts), write_text(&report, &opts));
    }
    let a = write_text(
        &report,
        &WriteOptions {
            variant_seed: 1,
            ..WriteOptions::new(Layout::Tab)
        },
    );
    let b = write_text(
        &report,
        &WriteOptions {
            variant_seed: 2,
            ..WriteOptions::new(Layout::Tab)
        },
    );
    assert_ne!(a.text, b.text);
}

#[test]
fn all_layouts_are_written() {
    let report = generate(2, &GenOptions::default());
    let all = write_all_layouts(&report);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["cell-per-line", "pipe", "tab"]);
    for (_, w) in &all {
        assert_eq!(w.cell_lines.len(), report.cells.len());
    }
}

/// Any report can be written, whatever its cells' states or format: unprinted cells are left
/// out, blank ones printed empty, not-applicable ones as their text.
#[test]
fn writes_any_report() {
    use gongkai_model::{CellState, Report};
    for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
        let empty = Report::empty(format);
        for layout in Layout::ALL {
            let w = write_text(&empty, &WriteOptions::new(layout));
            assert!(w.cell_lines.is_empty());
            assert!(!w.text.is_empty());
        }
    }
    let mut r = generate(4, &GenOptions::default());
    let states = [
        CellState::Blank,
        CellState::NotApplicable,
        CellState::Inferred,
    ];
    for (i, c) in r.cells.iter_mut().enumerate() {
        c.state = states[i % 3];
        if c.state == CellState::NotApplicable {
            c.text = "/".into();
        }
    }
    for layout in Layout::ALL {
        let w = write_text(&r, &WriteOptions::new(layout));
        let na = r
            .cells
            .iter()
            .filter(|c| c.state == CellState::NotApplicable)
            .count();
        assert_eq!(w.cell_lines.len(), na);
    }
}
