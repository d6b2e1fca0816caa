//! Automatic numbering (`w:numPr`) resolved from `word/numbering.xml`, for the formats Chinese
//! reports use: `一、` (chineseCounting), `1.` (decimal), `（一）`, `①` …
//!
//! Word does not store a numbered paragraph's label: the paragraph names a list (`w:numId`) and
//! a level (`w:ilvl`); the list's abstract definition gives each level a start, a number format
//! and a label pattern (`%1、`, `（%1）`, `%1.%2`), and the counters run through the document.
//! The recognizer matches headings and row labels without their numbering, so a label that
//! cannot be resolved (bullets, unknown formats, numbering linked through styles) is left out
//! rather than guessed.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::NsReader;

use super::xml::{attr, num_val, val};

/// Levels of a list (Word has nine).
const LEVELS: usize = 9;
/// Counters at most this large are formatted (a hostile `w:start` cannot make a huge label).
const MAX_COUNTER: u32 = 100_000;
/// Lists and list definitions kept: a document has a few dozen; a hostile numbering part
/// could otherwise declare millions, each costing far more memory than its XML.
const MAX_LISTS: usize = 10_000;
/// Longest label pattern used (`%1、` is three characters; Word's dialog allows a few dozen).
/// Every numbered paragraph copies its pattern: a long one would multiply the text.
const MAX_PATTERN_CHARS: usize = 64;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// `w:lvlOverride/w:startOverride` by level: the list restarts there when first used.
    start_overrides: Vec<(u32, u32)>,
}

/// The lists of a document and their running counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    /// Counters by abstract list; Word continues a list across the `w:num`s that share it.
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    /// Lists whose start overrides have been applied.
    started: HashSet<u32>,
}

impl Numbering {
    /// Parses `word/numbering.xml`; a damaged one gives no numbering (labels are left out),
    /// never an error: the body is what matters.
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = NsReader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut level: Option<usize> = None;
        let mut override_level: Option<u32> = None;
        loop {
            let (event, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "num" => num_id = None,
                        "lvl" => level = None,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let num = |name| attr(&event, name).and_then(|v| v.trim().parse::<u32>().ok());
            match event.local_name().as_ref() {
                "abstractNum" if !empty => {
                    abstract_id = num("abstractNumId");
                    if let Some(id) = abstract_id {
                        if n.abstracts.len() < MAX_LISTS {
                            n.abstracts.insert(id, vec![Level::default(); LEVELS]);
                        }
                    }
                }
                "num" if !empty => {
                    num_id = num("numId");
                    if let Some(id) = num_id {
                        if n.nums.len() < MAX_LISTS {
                            n.nums.insert(id, Num::default());
                        }
                    }
                }
                "lvl" if !empty && abstract_id.is_some() => {
                    level = num("ilvl").map(|l| l as usize).filter(|l| *l < LEVELS);
                    if let Some(l) = level {
                        if let Some(lvl) = abstract_id
                            .and_then(|a| n.abstracts.get_mut(&a))
                            .and_then(|ls| ls.get_mut(l))
                        {
                            // Word's defaults: start at 1, decimal, no pattern.
                            *lvl = Level {
                                start: 1,
                                format: "decimal".into(),
                                text: String::new(),
                            };
                        }
                    }
                }
                "lvlOverride" if !empty => override_level = num("ilvl"),
                "start" | "numFmt" | "lvlText" => {
                    let Some(lvl) = abstract_id
                        .zip(level)
                        .and_then(|(a, l)| n.abstracts.get_mut(&a)?.get_mut(l))
                    else {
                        continue;
                    };
                    match event.local_name().as_ref() {
                        "start" => lvl.start = num_val(&event).unwrap_or(1),
                        "numFmt" => lvl.format = val(&event).unwrap_or_default(),
                        _ => lvl.text = val(&event).unwrap_or_default(),
                    }
                }
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (num_id, num_val(&event)) {
                        if let Some(num) = n.nums.get_mut(&id) {
                            num.abstract_id = a;
                        }
                    }
                }
                "startOverride" => {
                    if let (Some(id), Some(l), Some(s)) = (num_id, override_level, num_val(&event))
                    {
                        if let Some(num) = n.nums.get_mut(&id) {
                            if num.start_overrides.len() < LEVELS {
                                num.start_overrides.push((l, s));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The label of the next paragraph numbered (`num_id`, `ilvl`), advancing the counters;
    /// `None` for no numbering (numId 0), bullets and formats not known here.
    pub fn label(&mut self, num_id: u32, ilvl: u32) -> Option<String> {
        let level = ilvl as usize;
        let num = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        if level >= LEVELS {
            return None;
        }
        let counters = self
            .counters
            .entry(num.abstract_id)
            .or_insert([None; LEVELS]);
        if self.started.insert(num_id) {
            for &(l, s) in &num.start_overrides {
                if let Some(c) = counters.get_mut(l as usize) {
                    *c = Some(s.saturating_sub(1));
                }
            }
        }
        let start = levels.get(level).map_or(1, |l| l.start);
        let next = match counters[level] {
            Some(c) => c.saturating_add(1),
            None => start,
        };
        counters[level] = Some(next);
        // A deeper level restarts after its parent moves on.
        for c in counters.iter_mut().skip(level + 1) {
            *c = None;
        }
        let def = levels.get(level)?;
        if def.format == "bullet" || def.text.chars().count() > MAX_PATTERN_CHARS {
            return None;
        }
        let mut out = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = if l == level {
                        next
                    } else {
                        counters[l].unwrap_or_else(|| levels.get(l).map_or(1, |x| x.start))
                    };
                    let format = levels.get(l).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&format_number(value, format)?);
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A counter in one of Word's number formats; `None` for formats not known here.
fn format_number(n: u32, format: &str) -> Option<String> {
    if n > MAX_COUNTER {
        return Some(n.to_string());
    }
    Some(match format {
        "decimal" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)?.to_string()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1)?.to_string()
        }
        "chineseCounting" | "chineseCountingThousand" | "ideographDigital"
            if (1..10_000).contains(&n) =>
        {
            chinese(n, &DIGITS, ['十', '百', '千'])
        }
        "chineseLegalSimplified" if (1..10_000).contains(&n) => {
            chinese(n, &LEGAL, ['拾', '佰', '仟'])
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'][n as usize - 1].to_string()
        }
        "lowerLetter" | "upperLetter" if n >= 1 => {
            // a … z, aa … zz, aaa …: Word repeats the letter.
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let c = (base + ((n - 1) % 26) as u8) as char;
            std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(10) as usize).collect()
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&n) => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "none" => String::new(),
        _ => return None,
    })
}

/// 1 … 9999 in Chinese counting: 十, 十一, 二十一, 一百零五, 一千零一十.
fn chinese(n: u32, digits: &[char; 10], units: [char; 3]) -> String {
    let parts = [n / 1000, (n / 100) % 10, (n / 10) % 10, n % 10];
    let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut zero = false;
    for (i, (&d, u)) in parts.iter().zip(unit).enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, when the tens lead.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        if let Some(u) = u {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format_number(n, "chineseCounting").unwrap();
        assert_eq!(
            [f(1), f(6), f(10), f(11), f(20), f(21), f(105), f(1010)],
            [
                "一",
                "六",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百零五",
                "一千零一十"
            ]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle").unwrap(), "③");
        assert_eq!(format_number(12, "decimalFullWidth").unwrap(), "１２");
        assert_eq!(format_number(4, "upperRoman").unwrap(), "IV");
        assert_eq!(format_number(28, "lowerLetter").unwrap(), "bb");
        assert_eq!(format_number(1, "bullet"), None);
    }

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_run_through_the_levels() {
        let mut n = Numbering::parse(XML);
        let labels: Vec<Option<String>> = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 0), (1, 1)]
            .iter()
            .map(|&(id, l)| n.label(id, l))
            .collect();
        let want = ["一、", "（一）", "（二）", "一.1", "二、", "（一）"];
        assert_eq!(labels, want.map(|s| Some(s.to_string())));
        // A second list over the same definition restarts where it says.
        assert_eq!(n.label(2, 0).as_deref(), Some("五、"));
        assert_eq!(n.label(3, 0), None, "bullets have no label");
        assert_eq!(n.label(0, 0), None, "numId 0 is no numbering");
        assert_eq!(n.label(1, 40), None);
    }

    #[test]
    fn hostile_numbering_is_bounded() {
        // A pattern long enough to multiply the text is not used.
        let long = XML.replace("%1、", &"%1".repeat(1000));
        let mut n = Numbering::parse(&long);
        assert_eq!(n.label(1, 0), None);
        // Millions of list definitions are not all kept.
        let many = format!(
            r#"<w:numbering xmlns:w="x">{}</w:numbering>"#,
            (0..50_000)
                .map(|i| format!(r#"<w:abstractNum w:abstractNumId="{i}"></w:abstractNum>"#))
                .collect::<String>()
        );
        assert_eq!(Numbering::parse(&many).abstracts.len(), MAX_LISTS);
    }

    #[test]
    fn damaged_numbering_is_no_numbering() {
        let mut n = Numbering::parse("<w:numbering><w:num w:numId=");
        assert_eq!(n.label(1, 0), None);
    }
}
