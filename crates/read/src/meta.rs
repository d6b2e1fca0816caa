//! Report metadata (placeholder until the full reader lands).

use crate::document::Document;
use gongkai_model::{Date, Located};

pub struct Meta {
    pub agency: Located<String>,
    pub year: Located<i32>,
    pub published_on: Located<Date>,
}

pub fn read_meta(doc: &Document) -> Meta {
    let mut year = Located::none();
    for (no, line) in doc.lines().take(10) {
        if let Some(i) = line.find("年") {
            let digits: String = line[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || *c == ' ')
                .collect();
            let d: String = digits
                .chars()
                .rev()
                .filter(|c| c.is_ascii_digit())
                .collect();
            if let Ok(y) = d.parse::<i32>() {
                if (2000..2100).contains(&y) {
                    year = Located::new(y, doc.source(no, 0, line.len()));
                    break;
                }
            }
        }
    }
    Meta {
        agency: Located::none(),
        year,
        published_on: Located::none(),
    }
}
