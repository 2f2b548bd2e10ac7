//! Command-line arguments (clap derive). The commands and options are a public contract:
//! see spec/interface.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Fact-consistency checker and linter for Vietnamese official statements"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders: cross-check their figures against each other and against
    /// trusted references.
    Check(CheckArgs),
    /// List the numeric claims found, without checking them.
    Extract(ExtractArgs),
    /// The figures a new revision added, removed and changed.
    Diff(DiffArgs),
    /// What a rule checks, why it matters, an example that fires, how to fix or suppress it.
    Explain(ExplainArgs),
    /// Every rule with its id, severity in force, and whether `--fix` can apply it.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, `family/name` (see `factlint rules`).
    pub rule: String,
    /// Language of the explanation.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Language of the summaries.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// The configuration file whose severities are shown [default: the nearest
    /// factlint.toml upward].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// An extra rule folder (its `checks.toml` severities are shown).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier revision.
    pub old: PathBuf,
    /// The later revision.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// The configuration file [default: the nearest factlint.toml upward].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// An extra rule folder.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check (folders recursively); default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FindingFormat::Human)]
    pub format: FindingFormat,
    /// Trusted sources to check against (files or folders; repeatable). Findings are
    /// reported on the checked files only.
    #[arg(long, value_name = "PATH")]
    pub reference: Vec<PathBuf>,
    /// An extra rule folder whose files add to or override the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Language of messages [default: vi, or `lang` of factlint.toml].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The lowest severity that makes the exit status 1 [default: error, or `fail-on` of
    /// factlint.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The configuration file [default: the nearest factlint.toml upward].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this file (fingerprints survive lines moving) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Colours in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The date of documents that do not state one (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<crate::time::TimePoint>,
    /// Apply the automatic fixes of fixable findings (house style only; a changed figure
    /// is only ever suggested), atomically, then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the automatic fixes as a unified diff and change nothing.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingFormat {
    Human,
    Json,
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`), annotations on a pull request.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders to read (folders recursively); default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimFormat::Human)]
    pub format: ClaimFormat,
    /// An extra rule folder whose files add to the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// The configuration file [default: the nearest factlint.toml upward].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The date of documents that do not state one (YYYY-MM-DD), for `trong 3 năm qua`
    /// and claims whose sentence gives no time.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<crate::time::TimePoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimFormat {
    Human,
    Json,
    Jsonl,
}

fn parse_date_arg(s: &str) -> Result<crate::time::TimePoint, String> {
    crate::time::parse_iso_date(s)
        .ok_or_else(|| format!("`{s}` is not a date of the form YYYY-MM-DD (or YYYY-MM, YYYY)"))
}
