//! What a check reports. Findings hold plain data (no ariadne or nom types), so each
//! output format is one file in `render/`. Messages carry both languages; the renderer
//! picks one.

use std::ops::Range;

use serde::Serialize;

/// How serious a finding is (spec/checks.md: errors for contradictions between numbers,
/// warnings for probable problems and house style, infos for notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A message in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A span of one input file: its path as given, and a byte range of the original file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: String,
    pub span: Range<usize>,
}

/// Another place that bears on a finding: the conflicting figure in another source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    /// What that source states (`tài liệu B: 75 danh hiệu (tính đến cuối năm 2025)`).
    pub message: Text,
}

/// One replacement in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub location: Location,
    pub replacement: String,
}

/// Whether `--fix` may apply a fix by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Applicability {
    /// A house-style edit that cannot change what the text states: `--fix` applies it.
    #[default]
    Automatic,
    /// An edit that may change a figure or a meaning: shown (`--diff`, JSON, SARIF), never
    /// applied.
    Suggested,
}

/// A change that resolves a finding. Only style fixes are applied by `--fix`; a change to
/// a number is only ever suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub description: Text,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The public rule id, `family/name` (spec/checks.md).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Text,
    pub primary: Location,
    /// The label on the primary span: what this document states.
    pub label: Text,
    pub related: Vec<Related>,
    /// What to change.
    pub help: Option<Text>,
    /// Where figures came from, and other context.
    pub notes: Vec<Text>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// The order findings are printed in: file, start offset, rule (interface.md).
    pub fn sort_key(&self) -> (&str, usize, &str, usize) {
        (
            &self.primary.file,
            self.primary.span.start,
            self.rule,
            self.primary.span.end,
        )
    }
}

/// Sort findings into the stable output order and drop exact repeats.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.rule == b.rule && a.primary == b.primary && a.message == b.message);
}
