//! A broken rule file, drawn with ariadne at the line and column of the mistake.

use std::io::{self, Write};

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};

use crate::rules::RuleError;

pub fn write(out: &mut dyn Write, err: &RuleError, color: bool) -> io::Result<()> {
    let Some(span) = err.span.clone().filter(|s| s.end <= err.text.len()) else {
        return writeln!(out, "error: {}: {}", err.path, err.message);
    };
    let path = err.path.as_str();
    Report::build(ReportKind::Error, (path, span.clone()))
        .with_config(
            Config::default()
                .with_index_type(IndexType::Byte)
                .with_color(color),
        )
        .with_message(if path.ends_with(crate::config::FILE_NAME) {
            format!("broken configuration file {path}")
        } else {
            format!("broken rule file {path}")
        })
        .with_label(Label::new((path, span)).with_message(err.message.trim()))
        .with_note("these files are TOML; the README describes factlint.toml and the rule files")
        .finish()
        .write((path, Source::from(err.text.as_str())), out)
}
