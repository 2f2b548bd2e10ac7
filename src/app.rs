//! The commands, wired from the library's parts: inputs -> documents -> claims -> output.
//! `main` only parses arguments and turns the returned code into the exit status.

use std::io::{self, IsTerminal, Write};

use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::checks::Checker;
use crate::claim::Claim;
use crate::cli::{
    CheckArgs, ClaimFormat, Cli, ColorArg, Command, DiffArgs, DiffFormat, ExplainArgs, ExtractArgs,
    FailOn, FindingFormat, LangArg, RulesArgs,
};
use crate::config::Config;
use crate::document::{self, Document, LoadError};
use crate::engine::Engine;
use crate::extract::Extractor;
use crate::finding::{Lang, Severity};
use crate::fix;
use crate::inputs;
use crate::render::claims::{self, ClaimRecord, InputError};
use crate::render::findings;
use crate::render::rule_error;
use crate::rules::{RuleSet, explain, registry};

/// Exit statuses (spec/interface.md).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILED: i32 = 2;

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check(&args, out, err),
        Command::Extract(args) => extract(&args, out, err),
        Command::Diff(args) => diff(&args, out, err),
        Command::Explain(args) => explain(&args, out, err),
        Command::Rules(args) => list_rules(&args, out, err),
    };
    match result {
        Ok(code) => code,
        // the reader went away (`| head`): not a failure
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FAILED
        }
    }
}

/// The configuration and rule data in force: built-in rules, then `factlint.toml` (its rule
/// folders, severities and style), then `--rules`. `None` after a report when any is broken.
fn load_settings(
    config: Option<&std::path::Path>,
    extra: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> io::Result<Option<(Config, RuleSet)>> {
    let color = io::stderr().is_terminal();
    let loaded = match config {
        Some(path) => Config::load(path),
        None => Config::discover(&std::env::current_dir().unwrap_or_default()),
    };
    let config = match loaded {
        Ok(c) => c,
        Err(e) => {
            rule_error::write(err, &e, color)?;
            return Ok(None);
        }
    };
    let mut rules = match RuleSet::embedded().and_then(|mut r| config.apply(&mut r).map(|()| r)) {
        Ok(r) => r,
        Err(e) => {
            rule_error::write(err, &e, color)?;
            return Ok(None);
        }
    };
    if let Some(dir) = extra {
        if !dir.is_dir() {
            let why = if dir.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            writeln!(err, "error: rule folder {} {why}", dir.display())?;
            return Ok(None);
        }
        if let Err(e) = rules.extend_from_dir(dir) {
            rule_error::write(err, &e, color)?;
            return Ok(None);
        }
    }
    Ok(Some((config, rules)))
}

/// The files to read: explicit files always, files found in folders when the config selects them.
fn select_files(
    paths: &[std::path::PathBuf],
    config: &Config,
) -> (Vec<inputs::InputFile>, Vec<inputs::WalkError>) {
    let (files, errors) = inputs::collect(paths);
    let explicit = |f: &inputs::InputFile| paths.iter().any(|p| p == &f.path);
    let files = files
        .into_iter()
        .filter(|f| explicit(f) || config.selects(&f.path))
        .collect();
    (files, errors)
}

/// Files from this size on are read through a view of their source by `extract`
/// (`Document::shelve_source_for_checks`).
const SHELVE_FOR_RECORDS: usize = 4 << 20;

fn extract(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let Some((config, rules)) = load_settings(args.config.as_deref(), args.rules.as_deref(), err)?
    else {
        return Ok(EXIT_FAILED);
    };
    let extractor = Extractor::new(&rules);
    let paths = if args.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (files, walk_errors) = select_files(&paths, &config);
    let default_date = args.date.or(config.date);
    let mut errors: Vec<InputError> = walk_errors
        .into_iter()
        .map(|w| InputError {
            file: w.path,
            offset: None,
            message: w.message,
        })
        .collect();
    let read = |f: &crate::inputs::InputFile| -> Result<(Document, Vec<Claim>), InputError> {
        let mut doc = document::load(&f.path, &f.display).map_err(input_error)?;
        if doc.meta.date.is_none() {
            doc.meta.date = default_date;
        }
        // a large file's source is put aside before extraction, so it is not held twice:
        // the records read it through a view that holds only what the normalised text
        // does not (more slowly, so smaller files, where the copy costs little, keep it)
        if doc.editable && doc.source.len() >= SHELVE_FOR_RECORDS {
            doc.shelve_source_for_checks(&f.path);
        }
        let found = extractor.extract(&doc);
        if !doc.is_shelved() {
            // the records need the original text only
            doc.text = String::new();
        }
        Ok((doc, found))
    };
    if args.format == ClaimFormat::Jsonl {
        // streamed in input order, a few files at a time: memory holds the files being
        // read, not every claim of the run
        let batch = 2 * rayon::current_num_threads();
        let mut input_errors = Vec::new();
        for chunk in files.chunks(batch) {
            let results: Vec<_> = chunk.par_iter().map(read).collect();
            for r in results {
                match r {
                    Ok((doc, found)) => {
                        for c in &found {
                            claims::write_jsonl_record(out, &ClaimRecord::new(&doc, c))?;
                        }
                    }
                    Err(e) => input_errors.push(e),
                }
            }
        }
        errors.extend(input_errors);
        write_input_errors(err, &errors)?;
    } else {
        let results: Vec<Result<Vec<ClaimRecord>, InputError>> = files
            .par_iter()
            .map(|f| {
                let (doc, found) = read(f)?;
                Ok(found.iter().map(|c| ClaimRecord::new(&doc, c)).collect())
            })
            .collect();
        let mut records = Vec::new();
        for r in results {
            match r {
                Ok(mut rs) => records.append(&mut rs),
                Err(e) => errors.push(e),
            }
        }
        write_input_errors(err, &errors)?;
        match args.format {
            ClaimFormat::Human => claims::write_human(out, &records)?,
            ClaimFormat::Json => claims::write_json(out, &records, &errors)?,
            ClaimFormat::Jsonl => claims::write_jsonl(out, &records)?,
        }
    }
    out.flush()?;
    Ok(if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

fn write_input_errors(err: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
    for e in errors {
        match e.offset {
            Some(o) => writeln!(err, "error: {}: {} (byte {o})", e.file, e.message)?,
            None => writeln!(err, "error: {}: {}", e.file, e.message)?,
        }
    }
    Ok(())
}

fn input_error(e: LoadError) -> InputError {
    match e {
        LoadError::Io { path, message } => InputError {
            file: path,
            offset: None,
            message,
        },
        LoadError::NotUtf8 { path, offset } => InputError {
            file: path,
            offset: Some(offset),
            message: "not UTF-8".to_string(),
        },
        LoadError::Binary { path, offset } => InputError {
            file: path,
            offset: Some(offset),
            message: "binary file (NUL byte)".to_string(),
        },
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let started = std::time::Instant::now();
    let Some((config, rules)) = load_settings(args.config.as_deref(), args.rules.as_deref(), err)?
    else {
        return Ok(EXIT_FAILED);
    };
    let lang = match (args.lang, config.lang.as_deref()) {
        (Some(LangArg::En), _) | (None, Some("en")) => Lang::En,
        _ => Lang::Vi,
    };
    let extractor = Extractor::new(&rules);
    let mut checker = Checker::new(&rules);
    checker.language = Some(lang);
    let paths = if args.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (files, mut walk_errors) = select_files(&paths, &config);
    let reference_paths: Vec<_> = args
        .reference
        .iter()
        .chain(&config.references)
        .cloned()
        .collect();
    let refs = inputs::collect_all(&reference_paths);
    walk_errors.extend(refs.errors);
    let references = refs.files;
    // fact sheets are trusted references wherever they are found: named with --reference,
    // or a facts.toml in a checked folder
    let mut sheet_files = inputs::collect_all(&paths).fact_sheets;
    sheet_files.extend(refs.fact_sheets);
    sheet_files.sort();
    sheet_files.dedup();
    let mut sheets = Vec::new();
    for f in &sheet_files {
        match crate::facts::load(&f.path, &f.display, &extractor, &checker) {
            Ok(s) => sheets.push(s),
            Err(e) => {
                rule_error::write(err, &e, io::stderr().is_terminal())?;
                return Ok(EXIT_FAILED);
            }
        }
    }
    // a progress line on a terminal for long runs; nothing when stderr is a file or a pipe
    let show_progress = io::stderr().is_terminal() && files.len() + references.len() >= 200;
    let progress = |done: usize, total: usize| {
        if done.is_multiple_of(50) || done == total {
            eprint!("\r{done}/{total}");
            if done == total {
                eprint!("\r\x1b[K");
            }
        }
    };
    let engine = Engine {
        extractor: &extractor,
        checker: &checker,
        default_date: args.date.or(config.date),
        progress: show_progress.then_some(&progress as &(dyn Fn(usize, usize) + Sync)),
        keep_claims: false,
        // JSON shows the findings' spans and nothing else of a source; editing, a
        // baseline's fingerprints and the drawn reports read whole sources
        report_spans_only: matches!(args.format, FindingFormat::Json | FindingFormat::Jsonl)
            && !(args.fix || args.diff)
            && args.baseline.is_none()
            && args.write_baseline.is_none(),
    };
    crate::timing::phase("settings and file list", started);
    let mut outcome = engine.run_with(&files, &references, &walk_errors, sheets);
    let rendering = std::time::Instant::now();
    let (file_count, claim_count) = outcome.totals();
    let span_text = |l: &crate::finding::Location| {
        let doc = outcome.document(&l.file);
        doc.and_then(|d| d.source.get(l.span.clone()))
            .unwrap_or_default()
            .to_string()
    };
    // fingerprints only when a baseline is read or written: on a large run they cost
    // as much as printing the findings
    let prints = if args.write_baseline.is_some() || args.baseline.is_some() {
        baseline::fingerprints(&outcome.findings, &span_text)
    } else {
        Vec::new()
    };
    if let Some(path) = &args.write_baseline {
        if let Err(e) = baseline::write(path, &outcome.findings, &prints, &span_text) {
            writeln!(
                err,
                "error: cannot write the baseline {}: {e}",
                path.display()
            )?;
            return Ok(EXIT_FAILED);
        }
        writeln!(
            err,
            "wrote {} findings to {}",
            outcome.findings.len(),
            path.display()
        )?;
        return Ok(EXIT_OK);
    }
    if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(b) => b.filter(&mut outcome.findings, &prints),
            Err(e) => {
                writeln!(err, "error: baseline {e}")?;
                return Ok(EXIT_FAILED);
            }
        }
    }
    if args.fix || args.diff {
        let on_disk: std::collections::HashMap<&str, &std::path::Path> = files
            .iter()
            .map(|f| (f.display.as_str(), f.path.as_path()))
            .collect();
        // only checked files are on `on_disk`: references are never edited
        let editable = |display: &str| {
            let path = *on_disk.get(display)?;
            let doc = outcome.document(display).filter(|d| d.editable)?;
            Some((doc.source.as_str(), path))
        };
        let plans = fix::plan(&outcome.findings, &editable);
        if args.diff {
            fix::write_diff(out, &plans)?;
            out.flush()?;
            return Ok(exit_status(args, &config, &outcome.findings));
        }
        if let Err(e) = fix::apply(&plans) {
            if e.wrote_nothing() {
                writeln!(err, "error: --fix wrote nothing: {e}")?;
            } else {
                writeln!(err, "error: --fix could not undo all its changes: {e}")?;
            }
            return Ok(EXIT_FAILED);
        }
        let fixed: std::collections::HashSet<usize> = plans
            .iter()
            .flat_map(|p| p.fixed_findings.iter().copied())
            .collect();
        let count = fixed.len();
        // what --fix resolved is no longer reported; the rest is
        let mut index = 0..;
        outcome
            .findings
            .retain(|_| index.next().is_none_or(|i| !fixed.contains(&i)));
        if count > 0 {
            writeln!(err, "fixed {count} findings in {} files", plans.len())?;
        }
    }
    let lookup = |path: &str| outcome.document(path);
    let report = findings::Report {
        findings: &outcome.findings,
        documents: &lookup,
        files: file_count,
        claims: claim_count,
    };
    match args.format {
        FindingFormat::Human => {
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            findings::write_human(out, &report, lang, color)?
        }
        FindingFormat::Json => findings::write_json(out, &report, lang)?,
        FindingFormat::Jsonl => findings::write_jsonl(out, &report, lang)?,
        FindingFormat::Sarif => crate::render::sarif::write_sarif(out, &report, lang)?,
        FindingFormat::Github => crate::render::github::write_github(out, &report, lang)?,
    }
    out.flush()?;
    crate::timing::phase("report", rendering);
    Ok(exit_status(args, &config, &outcome.findings))
}

/// 1 when a finding is at or above the fail level (`--fail-on`, else the config), else 0.
fn exit_status(args: &CheckArgs, config: &Config, found: &[crate::finding::Finding]) -> i32 {
    let fail_on = args.fail_on.unwrap_or(match config.fail_on.as_deref() {
        Some("warning") => FailOn::Warning,
        Some("never") => FailOn::Never,
        _ => FailOn::Error,
    });
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| found.iter().any(|f| f.severity >= t));
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}

fn lang_of(arg: LangArg) -> Lang {
    match arg {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    }
}

fn explain(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let lang = lang_of(args.lang);
    let (Some(meta), Some(ex)) = (registry::meta(&args.rule), explain::explanation(&args.rule))
    else {
        let near = registry::nearest(&args.rule);
        match (lang, near) {
            (Lang::Vi, Some(n)) => writeln!(
                err,
                "error: không có quy tắc `{}`; có phải `{n}`? (xem `factlint rules`)",
                args.rule
            )?,
            (Lang::Vi, None) => writeln!(
                err,
                "error: không có quy tắc `{}` (xem `factlint rules`)",
                args.rule
            )?,
            (Lang::En, Some(n)) => writeln!(
                err,
                "error: no rule `{}`; did you mean `{n}`? (see `factlint rules`)",
                args.rule
            )?,
            (Lang::En, None) => {
                writeln!(err, "error: no rule `{}` (see `factlint rules`)", args.rule)?
            }
        }
        return Ok(EXIT_FAILED);
    };
    write!(out, "{}", explain::render(meta, ex, lang))?;
    out.flush()?;
    Ok(EXIT_OK)
}

fn list_rules(args: &RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let Some((_, rules)) = load_settings(args.config.as_deref(), args.rules.as_deref(), err)?
    else {
        return Ok(EXIT_FAILED);
    };
    let checker = Checker::new(&rules);
    let lang = lang_of(args.lang);
    let rows: Vec<explain::RuleRow> = registry::RULES
        .iter()
        .map(|m| explain::RuleRow::new(m, checker.severity(m.id), lang))
        .collect();
    match args.format {
        DiffFormat::Human => explain::write_rules_table(out, &rows, lang)?,
        DiffFormat::Json => {
            let doc = explain::RuleList {
                version: 1,
                rules: rows,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn diff(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let Some((_, rules)) = load_settings(args.config.as_deref(), args.rules.as_deref(), err)?
    else {
        return Ok(EXIT_FAILED);
    };
    let extractor = Extractor::new(&rules);
    let folder = crate::checks::fold::Folder::new(&rules.terms);
    let load = |p: &std::path::Path| document::load(p, &p.display().to_string());
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_FAILED);
        }
    };
    let (oc, nc) = (extractor.extract(&old), extractor.extract(&new));
    let (changes, summary) = crate::diff::diff(&folder, (&old, &oc), (&new, &nc));
    let lang = lang_of(args.lang);
    match args.format {
        DiffFormat::Human => crate::diff::write_human(out, &changes, &summary, lang)?,
        DiffFormat::Json => crate::diff::write_json(out, &old.path, &new.path, &changes, &summary)?,
    }
    out.flush()?;
    Ok(EXIT_OK)
}
