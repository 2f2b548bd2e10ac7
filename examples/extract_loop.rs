//! Loads and extracts one file N times in one process and prints the throughput: the
//! work `cargo bench --bench extract` times, in a form callgrind and `/usr/bin/time` can
//! run (`valgrind --tool=callgrind --branch-sim=yes target/release/examples/extract_loop
//! seeds4.txt 3`; BENCHMARKS.md).
//!
//! `cargo run --release --example extract_loop -- FILE [N]`

use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::rules::RuleSet;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_loop FILE [N]");
        return std::process::ExitCode::from(2);
    };
    let n: usize = match args.next().map(|s| s.parse()) {
        None => 5,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("extract_loop: N: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("extract_loop: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let rules = match RuleSet::embedded() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("extract_loop: rules: {e:?}");
            return std::process::ExitCode::from(2);
        }
    };
    let extractor = Extractor::new(&rules);
    let mut claims = 0;
    let started = std::time::Instant::now();
    for _ in 0..n {
        let doc = Document::from_source(&path, text.clone());
        claims += extractor.extract(&doc).len();
    }
    let secs = started.elapsed().as_secs_f64();
    let mib = (text.len() * n) as f64 / 1_048_576.0;
    eprintln!("{claims} claims, {:.1} MiB/s", mib / secs);
    std::process::ExitCode::SUCCESS
}
