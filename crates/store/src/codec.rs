//! How model values that are not plain text or numbers are written into columns, and read back.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use gongkai_model::report::write_u32;
use gongkai_model::{formats, CellKey, Date, Source};
use sha2::{Digest, Sha256};

use crate::error::{Result, StoreError};

/// The content hash of an input: SHA-256 of its bytes, lower-case hex. A collision would make
/// two different files one report; with SHA-256 that is not a practical concern.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The exact form of a source place (`at` columns): `T<line>,<column>,<len>,<alone>`,
/// `G<page>,<table>,<row>,<cell>`, `P<page>,<page_line>,<line>,<column>,<len>,<page_column>`
/// (PDF text; stored without the last number before the printed column was kept, read back
/// with the text's column) or `B<page>,<index>` (a paragraph); `None` for nowhere. The display form (`L148`) drops the
/// column and length of a piece alone on its line, so it cannot be read back.
pub fn encode_source(s: &Source) -> Option<String> {
    let mut out = String::new();
    write_source(&mut out, s).then_some(out)
}

/// Appends the exact form of `s` (as [`encode_source`]) to `out`; false (nothing written) for
/// [`Source::None`]. Lets a writer format a report's many sources into one buffer.
pub fn write_source(out: &mut String, s: &Source) -> bool {
    // Digits are pushed directly: this runs for every cell an ingest stores.
    let mut put = |tag: char, nums: &[u32]| {
        out.push(tag);
        for (i, n) in nums.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Writing into a String cannot fail.
            let _ = write_u32(out, *n);
        }
    };
    match *s {
        Source::None => return false,
        Source::Text {
            line,
            column,
            len,
            alone,
        } => put('T', &[line, column, len, u32::from(alone)]),
        Source::Grid {
            page,
            table,
            row,
            cell,
        } => put('G', &[page, table, row, cell]),
        Source::Paged {
            page,
            page_line,
            page_column,
            line,
            column,
            len,
        } => put('P', &[page, page_line, line, column, len, page_column]),
        Source::Block { page, index } => put('B', &[page, index]),
    }
    true
}

/// A source place as the numbers of `cell_data` (migration 0005): the kind (1 text, 2 grid,
/// 3 PDF text, 4 paragraph; `None` for nowhere) and up to six fields, in the order of the
/// exact form ([`encode_source`]). Numbers rather than text: nothing to format per cell, and
/// binding an integer copies nothing.
pub fn source_numbers(s: &Source) -> (Option<i64>, [Option<i64>; 6]) {
    let n = |x: u32| Some(i64::from(x));
    match *s {
        Source::None => (None, [None; 6]),
        Source::Text {
            line,
            column,
            len,
            alone,
        } => (
            Some(1),
            [n(line), n(column), n(len), n(u32::from(alone)), None, None],
        ),
        Source::Grid {
            page,
            table,
            row,
            cell,
        } => (Some(2), [n(page), n(table), n(row), n(cell), None, None]),
        Source::Paged {
            page,
            page_line,
            page_column,
            line,
            column,
            len,
        } => (
            Some(3),
            [
                n(page),
                n(page_line),
                n(line),
                n(column),
                n(len),
                n(page_column),
            ],
        ),
        Source::Block { page, index } => (Some(4), [n(page), n(index), None, None, None, None]),
    }
}

/// The place [`source_numbers`] made; `None` when the numbers do not make one.
pub fn source_from_numbers(kind: Option<i64>, at: [Option<i64>; 6]) -> Option<Source> {
    let Some(kind) = kind else {
        return Some(Source::None);
    };
    let f = |i: usize| {
        at.get(i)
            .copied()
            .flatten()
            .and_then(|x| u32::try_from(x).ok())
    };
    Some(match kind {
        1 => Source::Text {
            line: f(0)?,
            column: f(1)?,
            len: f(2)?,
            alone: f(3)? != 0,
        },
        2 => Source::Grid {
            page: f(0)?,
            table: f(1)?,
            row: f(2)?,
            cell: f(3)?,
        },
        3 => Source::Paged {
            page: f(0)?,
            page_line: f(1)?,
            line: f(2)?,
            column: f(3)?,
            len: f(4)?,
            // Cells moved from version 4 have no printed column: it was the extracted text's.
            page_column: f(5).or(f(3))?,
        },
        4 => Source::Block {
            page: f(0)?,
            index: f(1)?,
        },
        _ => return None,
    })
}

pub fn decode_source(s: Option<&str>) -> Result<Source> {
    let Some(s) = s.filter(|s| !s.is_empty()) else {
        return Ok(Source::None);
    };
    let bad = || {
        StoreError::data(
            format!("来源位置“{s}”格式不对"),
            format!("bad source place {s:?}"),
        )
    };
    let (kind, rest) = s.split_at_checked(1).ok_or_else(bad)?;
    let parts: Vec<u32> = rest
        .split(',')
        .map(|p| p.parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    match (kind, parts.as_slice()) {
        ("T", [line, column, len, alone]) => Ok(Source::Text {
            line: *line,
            column: *column,
            len: *len,
            alone: *alone != 0,
        }),
        ("G", [page, table, row, cell]) => Ok(Source::Grid {
            page: *page,
            table: *table,
            row: *row,
            cell: *cell,
        }),
        // Stored before the printed column was kept: it was the extracted text's column.
        ("P", [page, page_line, line, column, len]) => Ok(Source::Paged {
            page: *page,
            page_line: *page_line,
            page_column: *column,
            line: *line,
            column: *column,
            len: *len,
        }),
        ("P", [page, page_line, line, column, len, page_column]) => Ok(Source::Paged {
            page: *page,
            page_line: *page_line,
            page_column: *page_column,
            line: *line,
            column: *column,
            len: *len,
        }),
        ("B", [page, index]) => Ok(Source::Block {
            page: *page,
            index: *index,
        }),
        _ => Err(bad()),
    }
}

/// A string from the database as the `&'static str` the model uses for keys and rule ids.
///
/// Keys of the formats come back as the format data's own strings (which the model's cell
/// lookups compare by address first). Anything else (a rule id, a provincial `extra.<n>` row) is
/// leaked once per distinct string: the set of distinct keys and rule ids is small and bounded
/// by the catalogue and the formats, whatever the size of the store.
pub fn intern(s: &str) -> &'static str {
    static SET: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let set = SET.get_or_init(|| Mutex::new(HashSet::new()));
    let mut guard = match set.lock() {
        Ok(g) => g,
        // A panic elsewhere while holding the lock leaves the set intact (inserts are atomic).
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(found) = guard.get(s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    guard.insert(leaked);
    leaked
}

/// The static key of a stored cell.
pub fn cell_key(table: &str, row: &str, column: &str) -> CellKey {
    formats::intern(table, row, column).unwrap_or_else(|| CellKey {
        table: intern(table),
        row: intern(row),
        column: intern(column),
    })
}

/// `YYYY-MM-DD` back into a date.
pub fn decode_date(s: &str) -> Result<Date> {
    let bad = || StoreError::data(format!("日期“{s}”格式不对"), format!("bad date {s:?}"));
    let mut it = s.splitn(3, '-');
    let y = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    let m = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    let d = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    Date::new(y, m, d).ok_or_else(bad)
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ` (UTC), without a date-time dependency.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_round_trip() {
        for s in [
            Source::None,
            Source::line(148),
            Source::Text {
                line: 36,
                column: 5,
                len: 3,
                alone: false,
            },
            Source::Grid {
                page: 2,
                table: 1,
                row: 5,
                cell: 3,
            },
            Source::Paged {
                page: 3,
                page_line: 18,
                page_column: 2,
                line: 140,
                column: 5,
                len: 2,
            },
            Source::Block { page: 0, index: 12 },
        ] {
            let e = encode_source(&s);
            assert_eq!(decode_source(e.as_deref()), Ok(s));
            let (kind, at) = source_numbers(&s);
            assert_eq!(source_from_numbers(kind, at), Some(s));
        }
        // A PDF place moved from version 4's cells, before the printed column was kept.
        assert_eq!(
            source_from_numbers(
                Some(3),
                [Some(3), Some(17), Some(140), Some(5), Some(2), None]
            )
            .map(|s| s.to_string()),
            Some("p3:L17:5".to_string())
        );
        // A PDF place stored before the printed column was kept.
        assert_eq!(
            decode_source(Some("P3,17,140,5,2")).map(|s| s.to_string()),
            Ok("p3:L17:5".to_string())
        );
        assert!(decode_source(Some("X1")).is_err());
        assert!(decode_source(Some("T1,2")).is_err());
        assert!(decode_source(Some("T")).is_err());
        assert_eq!(source_from_numbers(Some(9), [Some(1); 6]), None);
        assert_eq!(
            source_from_numbers(Some(1), [Some(1), None, None, None, None, None]),
            None
        );
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(
            decode_date("2024-02-29").map(|d| d.to_string()).ok(),
            Some("2024-02-29".into())
        );
        assert!(decode_date("2023-02-29").is_err());
        assert_eq!(now_utc().len(), 20);
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn interned_keys_are_the_format_strings() {
        let k = cell_key("requests", "received", "total");
        let f = formats::intern("requests", "received", "total");
        assert_eq!(Some(k), f);
        let x = cell_key("legacy", "extra.1", "year");
        assert_eq!(x.row, "extra.1");
        assert!(std::ptr::eq(intern("X-CARRY"), intern("X-CARRY")));
    }
}
