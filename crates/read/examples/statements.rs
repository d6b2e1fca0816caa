//! Prints the figures the reader found in a text's prose, one per line: index, source, kind,
//! quantity and unit, meaning (with other readings), subject, parts and shares.
//! `cargo run -p gongkai-read --example statements -- FILE...`

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: statements FILE...");
        std::process::exit(2);
    }
    for path in paths {
        let read = match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| gongkai_read::read_text(&b).map_err(|e| e.to_string()))
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        println!("== {path} ({})", read.report.format);
        for (i, s) in read.report.statements.iter().enumerate() {
            let mut meaning = s.meaning.map_or("-".to_string(), |m| m.key().to_string());
            for a in &s.alternatives {
                meaning.push('|');
                meaning.push_str(a.key());
            }
            let mut links = String::new();
            if !s.parts.is_empty() {
                links.push_str(&format!(" parts={:?}", s.parts));
            }
            if let Some(w) = s.part_of {
                links.push_str(&format!(" part_of={w}"));
            }
            if let Some(w) = s.share_of {
                links.push_str(&format!(" share_of={w}"));
            }
            println!(
                "{i:>3} {:<8} {:?} {}{} {meaning} [{}] «{}»{links}",
                s.source.to_string(),
                s.kind,
                s.quantity,
                s.unit,
                s.subject,
                s.text
            );
        }
        for c in &read.report.cells {
            if c.table == "legacy" {
                println!(
                    "    cell {}.{} = {:?} at {}",
                    c.row, c.column, c.value, c.source
                );
            }
        }
    }
}
