use clap::Parser;

fn main() {
    let cli = factlint::cli::Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = factlint::app::run(cli, &mut out, &mut err);
    std::process::exit(code);
}
