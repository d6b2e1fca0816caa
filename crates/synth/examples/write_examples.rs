//! Writes the example reports of `gongkai_synth::examples()` into a directory.
//!
//! `cargo run -p gongkai-synth --example write_examples -- [DIR]` (default `examples`).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "examples".into()));
    std::fs::create_dir_all(&dir)?;
    for (name, text) in gongkai_synth::examples() {
        let path = dir.join(&name);
        std::fs::write(&path, text)?;
        println!("{}", path.display());
    }
    Ok(())
}
