//! Label variants: the ways real reports print the official labels.
//!
//! Every label comes from the format data ([`RowDef::label`], [`GroupDef::label`],
//! [`ColumnDef::label`], the table headers, the sections); this module only transforms it the
//! way mirrors, word processors and PDF extraction do: full- or half-width brackets and
//! punctuation, `1.` / `1、` / `1. ` / `１．` numbering, curly or straight quotes, 、 or ， in the
//! long （六） labels, 规范性文件 for 行政规范性文件, spaces or line breaks inside header cells, and
//! spaces inside tall merged cells. The choice is drawn once per text from `variant_seed`.

use gongkai_model::format::{ColumnDef, GroupDef, RowDef};
use rand::rngs::SmallRng;
use rand::Rng;

use crate::layout::Layout;
use crate::rng::{chance, pick, stream};

/// How `（一）` numbering is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum NumParen {
    /// `（一）`, as in the official format.
    #[default]
    Full,
    /// `(一)` (seeds 000, 001, 003: half-width mirrors).
    Half,
    /// `(一) ` (seed 004: PDF extraction keeps a space after the bracket).
    HalfSpace,
}

/// How `1.` numbering is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum NumDot {
    #[default]
    Dot,
    /// `1. ` (seed 004).
    DotSpace,
    /// `1、`.
    Dun,
    /// `１．` (full-width digits and stop).
    FullWidth,
}

/// How the report's title is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum TitleStyle {
    /// `{agency}{year}年政府信息公开工作年度报告`.
    #[default]
    Annual,
    /// `{agency}{year}年度政府信息公开工作报告` (seed 000).
    YearWork,
    /// `{agency}{year}年度政府信息公开工作年度报告`.
    YearAnnual,
}

/// The variant choices for one written text.
#[derive(Debug, Clone)]
pub(crate) struct Variants {
    pub num_paren: NumParen,
    pub num_dot: NumDot,
    /// （）：， printed half-width inside labels and notes.
    pub half_punct: bool,
    /// "三安全一稳定" with straight quotes.
    pub straight_quotes: bool,
    /// ， instead of 、 inside row labels (the long （六） labels).
    pub six_comma: bool,
    /// A row printed under the shorter official alias its label ends with (规范性文件).
    pub short_labels: bool,
    /// Numbers in prose set off by spaces, as PDF extraction does (`2021 年`).
    pub spaced_numbers: bool,
    /// Paragraph indentation.
    pub indent: &'static str,
    pub title: TitleStyle,
    /// The title split over two lines: agency, then `{year}年…报告`.
    pub split_title: bool,
    /// Chance that a header cell is broken by a space or line break.
    pub header_split_p: f64,
    /// Breaks fall anywhere (a space left by extraction, `其他结 果`) rather than where a narrow
    /// cell wraps (`本年新\n制作数量`).
    pub header_split_anywhere: bool,
    /// Chance that a tall merged label cell comes out with spaces between its characters.
    pub tall_cell_spaces_p: f64,
    /// Chance that a value is printed with a stray space before or after it.
    pub value_pad_p: f64,
    /// Chance that a section heading uses one of its known aliases.
    pub section_alias_p: f64,
    /// 表三's 自然人/总计 header cells start in the first header row (seed 004) rather than the second.
    pub ungrouped_in_first_header_row: bool,
    /// Pipe layout: the table grid is one column wider than its cells (seed 001's 表三).
    pub extra_column: bool,
    /// Pipe layout: the last row of a table is padded with empty cells like the others.
    pub pad_last_row: bool,
    /// Subsections of 一、总体情况 printed as their own heading lines (else run into the paragraph).
    pub subheads_on_own_line: bool,
    /// A provincial extra line under 表二 (seed 003: 政府信息公开发布总数量…).
    pub provincial_line: bool,
}

impl Variants {
    /// Draws the variants for a text written in `layout`. Each layout leans toward the seeds
    /// it imitates, but every variant can occur in every layout.
    pub fn pick(seed: u64, layout: Layout) -> Variants {
        let mut rng = stream(seed, 101);
        let r = &mut rng;
        let (p_half, parens, dots, p_spaced): (f64, &[NumParen], &[NumDot], f64) = match layout {
            Layout::CellPerLine => (
                0.7,
                &[NumParen::Half, NumParen::Half, NumParen::Full],
                &[
                    NumDot::Dot,
                    NumDot::Dot,
                    NumDot::Dot,
                    NumDot::Dun,
                    NumDot::FullWidth,
                ],
                0.1,
            ),
            Layout::Pipe => (
                0.7,
                &[
                    NumParen::Half,
                    NumParen::Half,
                    NumParen::Full,
                    NumParen::HalfSpace,
                ],
                &[NumDot::Dot, NumDot::Dot, NumDot::Dun, NumDot::DotSpace],
                0.1,
            ),
            Layout::Tab => (
                0.2,
                &[
                    NumParen::HalfSpace,
                    NumParen::HalfSpace,
                    NumParen::Full,
                    NumParen::Half,
                ],
                &[
                    NumDot::DotSpace,
                    NumDot::DotSpace,
                    NumDot::Dot,
                    NumDot::FullWidth,
                ],
                0.6,
            ),
        };
        Variants {
            num_paren: pick(r, parens),
            num_dot: pick(r, dots),
            half_punct: chance(r, p_half),
            straight_quotes: chance(r, 0.3),
            six_comma: chance(r, 0.4),
            short_labels: chance(r, 0.3),
            spaced_numbers: chance(r, p_spaced),
            indent: pick(r, &["", "", "　　", "    ", " "]),
            title: pick(
                r,
                &[
                    TitleStyle::Annual,
                    TitleStyle::YearWork,
                    TitleStyle::YearAnnual,
                ],
            ),
            split_title: chance(r, 0.4),
            header_split_p: match layout {
                Layout::CellPerLine => 0.35,
                Layout::Pipe => 0.15,
                Layout::Tab => 0.05,
            },
            header_split_anywhere: layout != Layout::CellPerLine,
            tall_cell_spaces_p: match layout {
                Layout::Tab => 0.6,
                _ => 0.1,
            },
            value_pad_p: match layout {
                Layout::CellPerLine => pick(r, &[0.0, 0.2, 0.5]),
                _ => 0.0,
            },
            section_alias_p: pick(r, &[0.0, 0.0, 0.15]),
            ungrouped_in_first_header_row: layout == Layout::Tab || chance(r, 0.1),
            extra_column: chance(r, 0.6),
            pad_last_row: chance(r, 0.3),
            subheads_on_own_line: chance(r, 0.6),
            provincial_line: chance(r, 0.12),
        }
    }

    /// Punctuation inside labels and notes: half-width when the mirror converted it.
    pub fn punct(&self, s: &str) -> String {
        if !self.half_punct {
            return s.to_string();
        }
        s.chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '，' => ',',
                c => c,
            })
            .collect()
    }

    fn body(&self, s: &str) -> String {
        let mut out = s.to_string();
        if self.six_comma {
            out = out.replace('、', "，");
        }
        if self.straight_quotes {
            out = out.replace(['“', '”'], "\"");
        }
        self.punct(&out)
    }

    fn numbering(&self, n: &Numbering) -> String {
        match n {
            Numbering::None => String::new(),
            Numbering::Dun(x) => format!("{x}、"),
            Numbering::Paren(x) => match self.num_paren {
                NumParen::Full => format!("（{x}）"),
                NumParen::Half => format!("({x})"),
                NumParen::HalfSpace => format!("({x}) "),
            },
            Numbering::Dot(d) => match self.num_dot {
                NumDot::Dot => format!("{d}."),
                NumDot::DotSpace => format!("{d}. "),
                NumDot::Dun => format!("{d}、"),
                NumDot::FullWidth => format!("{}．", full_width_digits(d)),
            },
        }
    }

    /// A label with its numbering restyled and its body transformed.
    pub fn label(&self, label: &str) -> String {
        let (n, body) = split_numbering(label);
        format!("{}{}", self.numbering(&n), self.body(body))
    }

    /// A row's label. With `short_labels`, a row whose official label body ends with one of its
    /// aliases (行政规范性文件 → 规范性文件) is printed under that alias, numbering kept.
    pub fn row_label(&self, row: &RowDef) -> String {
        if self.short_labels {
            let (n, body) = split_numbering(row.label);
            if let Some(alias) = row
                .aliases
                .iter()
                .find(|a| body.len() > a.len() && body.ends_with(*a))
            {
                return format!("{}{}", self.numbering(&n), self.body(alias));
            }
        }
        self.label(row.label)
    }

    pub fn group_label(&self, g: &GroupDef) -> String {
        self.label(g.label)
    }

    pub fn column_label(&self, c: &ColumnDef) -> String {
        self.punct(c.label)
    }

    /// A number in prose (`59` or ` 59 `).
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        if self.spaced_numbers {
            format!(" {n} ")
        } else {
            n.to_string()
        }
    }

    /// Where to break a header cell, if at all: after 本年新 (seed 000), in the middle of a long
    /// cell, or — for extraction spaces — anywhere inside.
    pub fn header_split(&self, rng: &mut SmallRng, text: &str) -> Option<usize> {
        let n = text.chars().count();
        if n < 4 || !chance(rng, self.header_split_p) {
            return None;
        }
        if self.header_split_anywhere {
            Some(rng.random_range(1..n))
        } else if text.starts_with("本年") && n >= 6 {
            Some(3)
        } else if n >= 5 {
            Some(n / 2)
        } else {
            None
        }
    }

    /// A tall merged cell's label (`official` as in the format data), restyled, with spaces
    /// between some characters of its body, as PDF extraction leaves them
    /// (`三、本 年度 办 理 结 果`, seed 004).
    pub fn tall_cell(&self, rng: &mut SmallRng, official: &str) -> String {
        if !chance(rng, self.tall_cell_spaces_p) {
            return self.label(official);
        }
        let (n, body) = split_numbering(official);
        let mut out = self.numbering(&n);
        let body = self.body(body);
        let count = body.chars().count();
        for (i, c) in body.chars().enumerate() {
            out.push(c);
            if i + 1 < count && chance(rng, 0.6) {
                out.push(' ');
            }
        }
        out
    }
}

/// The printed numbering of an official label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Numbering {
    None,
    /// `一、`
    Dun(String),
    /// `（一）`
    Paren(String),
    /// `1.`
    Dot(String),
}

const CN_NUMERALS: &str = "一二三四五六七八九十";

/// Splits an official label into its numbering and its body: `（一）予以公开` →
/// (Paren("一"), "予以公开"); `1.属于国家秘密` → (Dot("1"), "属于国家秘密").
pub(crate) fn split_numbering(label: &str) -> (Numbering, &str) {
    if let Some(rest) = label.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(|c| CN_NUMERALS.contains(c)) {
                return (
                    Numbering::Paren(inner.to_string()),
                    &rest[end + '）'.len_utf8()..],
                );
            }
        }
    }
    let digits: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        if let Some(body) = label[digits.len()..].strip_prefix('.') {
            return (Numbering::Dot(digits), body);
        }
    }
    let numeral: String = label
        .chars()
        .take_while(|c| CN_NUMERALS.contains(*c))
        .collect();
    if !numeral.is_empty() {
        if let Some(body) = label[numeral.len()..].strip_prefix('、') {
            return (Numbering::Dun(numeral), body);
        }
    }
    (Numbering::None, label)
}

fn full_width_digits(d: &str) -> String {
    d.chars()
        .map(|c| match c.to_digit(10) {
            Some(n) => char::from_u32(0xFF10 + n).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Variants {
        let mut v = Variants::pick(0, Layout::CellPerLine);
        v.num_paren = NumParen::Full;
        v.num_dot = NumDot::Dot;
        v.half_punct = false;
        v.straight_quotes = false;
        v.six_comma = false;
        v.short_labels = false;
        v
    }

    #[test]
    fn splits_numbering() {
        assert_eq!(
            split_numbering("（一）予以公开"),
            (Numbering::Paren("一".into()), "予以公开")
        );
        assert_eq!(
            split_numbering("1.属于国家秘密"),
            (Numbering::Dot("1".into()), "属于国家秘密")
        );
        assert_eq!(
            split_numbering("一、本年新收政府信息公开申请数量"),
            (Numbering::Dun("一".into()), "本年新收政府信息公开申请数量")
        );
        assert_eq!(split_numbering("规章"), (Numbering::None, "规章"));
    }

    #[test]
    fn restyles_like_the_seeds() {
        let mut v = plain();
        assert_eq!(v.label("（一）予以公开"), "（一）予以公开");
        v.num_paren = NumParen::HalfSpace;
        v.num_dot = NumDot::DotSpace;
        assert_eq!(v.label("（一）予以公开"), "(一) 予以公开");
        assert_eq!(v.label("3.危及“三安全一稳定”"), "3. 危及“三安全一稳定”");
        v.num_paren = NumParen::Half;
        v.half_punct = true;
        assert_eq!(
            v.label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
        );
        v.num_dot = NumDot::FullWidth;
        v.straight_quotes = true;
        assert_eq!(v.label("3.危及“三安全一稳定”"), "３．危及\"三安全一稳定\"");
        v.six_comma = true;
        v.half_punct = false;
        v.num_dot = NumDot::Dun;
        assert_eq!(
            v.label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            "1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"
        );
    }

    #[test]
    fn tall_cells_keep_their_numbering() {
        let mut v = plain();
        v.tall_cell_spaces_p = 1.0;
        let mut rng = stream(1, 1);
        let s = v.tall_cell(&mut rng, "三、本年度办理结果");
        assert!(s.starts_with("三、本"), "{s}");
        assert_eq!(s.replace(' ', ""), "三、本年度办理结果");
    }
}
