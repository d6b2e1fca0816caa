//! Prints the statements the reader finds in a file (any kind it reads) and every prose check
//! with its verdict and arithmetic: `cargo run -p gongkai-read --example prose_checks -- FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let read = match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| gongkai_read::read_bytes(&b).map_err(|e| e.to_string()))
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let r = &read.report;
        println!(
            "== {path} ({}, {} statements)",
            r.format,
            r.statements.len()
        );
        for s in &r.statements {
            let meaning: Vec<&str> = s.readings().map(|m| m.key()).collect();
            println!(
                "   {} {}{} [{}] {} «{}»",
                s.source,
                s.quantity,
                s.unit,
                s.subject,
                meaning.join("|"),
                s.text
            );
        }
        for c in gongkai_check::prose::evaluate(r) {
            println!(
                "  {} {:?} {} | {} | {}",
                c.rule, c.verdict, c.location, c.evidence, c.message.zh
            );
        }
    }
}
