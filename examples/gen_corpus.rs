//! A deterministic corpus of Vietnamese official statements for benchmarks (the
//! templates are in `benches/corpus/mod.rs`, shared with the benches).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT_DIR [--mb 20] [--files 500] [--seed 1]
//! ```
//!
//! Writes `--files` Markdown reports of about `--mb` MB in all under `OUT_DIR`, built from a
//! small set of sentence templates (written for this project) with varied provinces,
//! years, figures and partners. The same arguments always give the same bytes.
//!
//! National figures have one true value per year that most documents restate and a few
//! get wrong; local figures are fixed by province, year and template (see the module).

use std::path::PathBuf;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let (mut mb, mut files, mut seed) = (20.0f64, 500usize, 1u64);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--mb" => mb = value().parse().unwrap_or(mb),
            "--files" => files = value().parse().unwrap_or(files).max(1),
            "--seed" => seed = value().parse().unwrap_or(seed),
            "-h" | "--help" => {
                println!("gen_corpus OUT_DIR [--mb 20] [--files 500] [--seed 1]");
                return;
            }
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = out else {
        eprintln!("usage: gen_corpus OUT_DIR [--mb 20] [--files 500] [--seed 1]");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut total = 0;
    for (name, text) in corpus::generate(mb, files, seed) {
        total += text.len();
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    println!("{files} files, {total} bytes in {}", dir.display());
}
