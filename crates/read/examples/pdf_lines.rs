//! Prints the text a PDF is laid out as before recognition: rows rebuilt from the words' boxes
//! (`pdftotext -bbox-layout`), or with `--plain` the lines of `pdftotext -layout`.
//! `cargo run -p gongkai-read --example pdf_lines -- [--plain] FILE.pdf`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plain = args.iter().any(|a| a == "--plain");
    let Some(path) = args.iter().find(|a| *a != "--plain") else {
        eprintln!("usage: pdf_lines [--plain] FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let layout = if plain {
        gongkai_read::pdf::read_plain(&bytes)
    } else {
        gongkai_read::pdf::read(&bytes)
    };
    match layout {
        Ok(l) => print!("{}", l.text),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
