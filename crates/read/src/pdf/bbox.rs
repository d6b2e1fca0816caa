//! The words of a PDF with their boxes, from poppler's `pdftotext -bbox-layout` (XHTML: `page`
//! elements holding `flow` / `block` / `line` / `word`, every `word` with `xMin`, `yMin`,
//! `xMax`, `yMax` in points from the page's top left corner).
//!
//! Only pages and words are used: poppler's blocks and lines are its own guesses at reading
//! order, which split a table cell's wrapped lines into separate blocks and put words of
//! neighbouring cells into one line; the rows and columns are rebuilt from the words' boxes
//! (see `columns`). Parsed with quick-xml, streaming; anything unexpected is an error, and the
//! caller falls back to `pdftotext -layout`.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Words read at most over the whole document: far above any report (a dense A4 page holds a
/// few thousand), so a hostile file cannot make the layout work unbounded.
pub const MAX_WORDS: usize = 2_000_000;

/// One word and its box, in points, y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    /// A word for tests: 10 points a character wide and 10 high, its top left at (x0, y0).
    #[cfg(test)]
    pub(crate) fn test(x0: f64, y0: f64, text: &str) -> Word {
        let width = 10.0 * text.chars().count() as f64;
        Word {
            x0,
            y0,
            x1: x0 + width,
            y1: y0 + 10.0,
            text: text.to_string(),
        }
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// The words of one page, in poppler's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub words: Vec<Word>,
}

/// The pages of `pdftotext -bbox-layout` output.
pub fn parse(xhtml: &str) -> Result<Vec<Page>, String> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    let mut total = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "pdftotext -bbox-layout output is not well-formed at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "page" => pages.push(Page::default()),
                "word" => {
                    if pages.is_empty() {
                        return Err("a word outside any page".to_string());
                    }
                    word = Some(word_box(&e)?);
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "page" => pages.push(Page::default()),
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    if let Some(c) = crate::xml_ref::resolve(&r) {
                        w.text.push(c);
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let (Some(w), Some(page)) = (word.take(), pages.last_mut()) {
                    if !w.text.trim().is_empty() {
                        total += 1;
                        if total > MAX_WORDS {
                            return Err(format!("more than {MAX_WORDS} words"));
                        }
                        page.words.push(w);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if word.is_some() {
        return Err("the output ends inside a word".to_string());
    }
    if pages.is_empty() {
        return Err("no pages in the output".to_string());
    }
    Ok(pages)
}

fn word_box(e: &BytesStart) -> Result<Word, String> {
    let mut b = [f64::NAN; 4];
    for a in e.attributes().with_checks(false).flatten() {
        let i = match a.key.local_name().as_ref() {
            "xMin" => 0,
            "yMin" => 1,
            "xMax" => 2,
            "yMax" => 3,
            _ => continue,
        };
        b[i] = a.value.trim().parse::<f64>().unwrap_or(f64::NAN);
    }
    if b.iter().any(|v| !v.is_finite()) || b[2] < b[0] || b[3] < b[1] {
        return Err("a word without a valid box".to_string());
    }
    Ok(Word {
        x0: b[0],
        y0: b[1],
        x1: b[2],
        y1: b[3],
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_and_words() {
        let x = r#"<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>ÿþ</title></head><body><doc>
<page width="595" height="842"><flow><block xMin="1" yMin="2" xMax="3" yMax="4"><line xMin="1" yMin="2" xMax="3" yMax="4">
<word xMin="78.84" yMin="92.9" xMax="118.78" yMax="102.84">信息&amp;内容</word>
<word xMin="120" yMin="92.9" xMax="130" yMax="102.84">  </word></line></block></flow></page>
<page width="595" height="842"></page></doc></body></html>"#;
        let pages = parse(x).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words.len(), 1);
        assert_eq!(pages[0].words[0].text, "信息&内容");
        assert_eq!(pages[0].words[0].x0, 78.84);
        assert!(pages[1].words.is_empty());
    }

    #[test]
    fn broken_output_is_an_error() {
        assert!(parse("").is_err());
        assert!(parse(
            r#"<doc><page><word xMin="a" yMin="1" xMax="2" yMax="3">x</word></page></doc>"#
        )
        .is_err());
        assert!(parse(r#"<doc><page><word xMin="1" yMin="1" xMax="2" yMax="3">x"#).is_err());
        assert!(
            parse(r#"<doc><page><word xMin="1" yMin="1" xMax="2" yMax="3">x</wrd></page>"#)
                .is_err()
        );
    }
}
