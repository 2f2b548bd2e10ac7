use std::io::Write;

use clap::Parser;

fn main() {
    let started = std::time::Instant::now();
    let cli = factlint::cli::Cli::parse();
    // buffered: stdout is line-buffered, and JSON Lines would cost a write per line
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // not locked for the whole run: the progress line and timings are written from the
    // worker threads, which would wait for the lock for ever
    let mut err = std::io::stderr();
    let code = factlint::app::run(cli, &mut out, &mut err);
    factlint::timing::phase("whole run", started);
    // `exit` runs no destructors: what is still buffered goes out now
    let code = match out.flush() {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the output: {e}");
            factlint::app::EXIT_FAILED
        }
    };
    std::process::exit(code);
}
