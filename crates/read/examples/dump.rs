//! Prints what the reader makes of a text file: metadata, each row's cells, and the notes.
//! `cargo run -p gongkai-read --example dump -- FILE`
use gongkai_model::report::format_value;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let read = match gongkai_read::read_text(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let r = &read.report;
    println!(
        "format={} year={:?} agency={:?} published={:?}",
        r.format,
        r.year.value,
        r.agency.value,
        r.published_on.value.map(|d| d.to_string())
    );
    println!(
        "sections: {:?}",
        r.sections
            .iter()
            .map(|s| (s.key, s.source.to_string()))
            .collect::<Vec<_>>()
    );
    println!(
        "tables: {:?}",
        r.tables
            .iter()
            .map(|s| (s.key, s.source.to_string()))
            .collect::<Vec<_>>()
    );
    let mut last = ("", "");
    let mut line = String::new();
    for c in &r.cells {
        if (c.table, c.row) != last {
            if !line.is_empty() {
                println!("{line}");
            }
            line = format!("{:>18}.{:<28}", c.table, c.row);
            last = (c.table, c.row);
        }
        let v = match c.state {
            gongkai_model::CellState::Number => format_value(c.value.unwrap_or(0.0)),
            gongkai_model::CellState::Inferred => {
                format!("({})", format_value(c.value.unwrap_or(0.0)))
            }
            gongkai_model::CellState::Blank => "_".into(),
            gongkai_model::CellState::NotApplicable => "/".into(),
            gongkai_model::CellState::Missing => "?".into(),
        };
        line.push_str(&format!(" {v}@{}", c.source));
    }
    println!("{line}");
    for n in &r.notes {
        println!(
            "NOTE {} {:?} {} @{}",
            n.rule, n.outcome, n.message.zh, n.location
        );
    }
}
