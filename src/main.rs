use std::io::Write;

use clap::Parser;

fn main() {
    let cli = factlint::cli::Cli::parse();
    // buffered: stdout is line-buffered, and JSON Lines would cost a write per line
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    let code = factlint::app::run(cli, &mut out, &mut err);
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
