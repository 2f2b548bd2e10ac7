//! What a check reports. Findings hold plain data (no ariadne or nom types), so each
//! output format is one file in `render/`. Messages carry both languages; the renderer
//! picks one.

use std::ops::Range;
use std::sync::Arc;

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
    // shared, not copied: a sweep names the same figure in many findings' related
    // entries (`phrases::RelatedMemo`), and a large run holds every finding until printed
    pub vi: Arc<str>,
    pub en: Arc<str>,
}

impl Text {
    pub fn new(vi: impl Into<Arc<str>>, en: impl Into<Arc<str>>) -> Text {
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

    /// Frees the language that will not be printed.
    fn keep(&mut self, lang: Lang) {
        match lang {
            Lang::Vi => self.en = Arc::default(),
            Lang::En => self.vi = Arc::default(),
        }
    }
}

/// A span of one input file: its path as given, and a byte range of the original file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// Shared with the document's path (`Document::path`): a run holds a location per
    /// finding and per related entry.
    pub file: Arc<str>,
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
    /// Frees the texts in the language that will not be printed: a large run holds its
    /// findings until they are printed. The Vietnamese message stays, as findings are
    /// ordered by it (`sort`).
    pub fn keep_language(&mut self, lang: Lang) {
        let message_vi = (lang == Lang::En).then(|| std::mem::take(&mut self.message.vi));
        let texts = std::iter::once(&mut self.message)
            .chain(std::iter::once(&mut self.label))
            .chain(self.related.iter_mut().map(|r| &mut r.message))
            .chain(self.help.as_mut())
            .chain(self.notes.iter_mut())
            .chain(self.fix.as_mut().map(|f| &mut f.description));
        for t in texts {
            t.keep(lang);
        }
        if let Some(vi) = message_vi {
            self.message.vi = vi;
        }
    }

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

/// Related places printed with one finding at the most; the rest are counted in a note, so
/// a figure restated in hundreds of documents gives a report a person can read.
pub const MAX_RELATED: usize = 8;

/// The note that stands for related places left out.
pub fn more_places_note(n: usize) -> Text {
    Text::new(
        format!("và {n} nơi khác nữa nêu số liệu mâu thuẫn với số liệu này"),
        format!("and {n} more places state a figure that conflicts with this one"),
    )
}

/// Sort findings into the stable output order. Findings of one rule on one span are one
/// finding: a figure that disagrees with two sources is reported once, with both as
/// related places (the first message is kept).
pub fn sort(findings: &mut Vec<Finding>) {
    use rayon::prelude::*;
    // a stable sort: in parallel, the same order as one by one
    findings.par_sort_by(order);
    merge_repeats(findings);
    findings.par_iter_mut().for_each(tidy_related);
}

/// The order of the report: by place, then message.
fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.sort_key()
        .cmp(&b.sort_key())
        .then_with(|| a.message.vi.cmp(&b.message.vi))
}

/// Merges a finding into the one before it when both are of one rule at one place,
/// keeping the related places of both.
fn merge_repeats(findings: &mut Vec<Finding>) {
    findings.dedup_by(|later, kept| {
        if later.rule != kept.rule || later.primary != kept.primary {
            return false;
        }
        for r in later.related.drain(..) {
            if !kept.related.iter().any(|k| k.location == r.location) {
                kept.related.push(r);
            }
        }
        true
    });
}

/// Related places in path order (the same whatever order the sources came in), at most
/// `MAX_RELATED` of them and a note of the rest.
fn tidy_related(f: &mut Finding) {
    f.related.sort_by(|a, b| {
        (&a.location.file, a.location.span.start).cmp(&(&b.location.file, b.location.span.start))
    });
    if f.related.len() > MAX_RELATED {
        let extra = f.related.len() - MAX_RELATED;
        f.related.truncate(MAX_RELATED);
        f.notes.push(more_places_note(extra));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sort` as first written, one by one: the reference of the parallel one.
    fn sort_serial(findings: &mut Vec<Finding>) {
        findings.sort_by(order);
        merge_repeats(findings);
        findings.iter_mut().for_each(tidy_related);
    }

    /// The project's findings, shuffled, repeated (ties and duplicates to merge), some
    /// labelled apart and with their related places reversed, sort as one by one.
    #[test]
    fn parallel_sort_is_the_serial_one() {
        let found = crate::testing::project_outcome().findings;
        assert!(found.len() > 100, "{}", found.len());
        let mut many = crate::testing::repeated(&found, 5000);
        let mut seed = 7u64;
        for i in (1..many.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            many.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for (i, f) in many.iter_mut().enumerate() {
            if i % 3 == 0 {
                f.related.reverse();
            }
            if i % 7 == 0 {
                f.message.vi = format!("{}x", f.message.vi).into();
            }
            // not in the order: which of equal findings is kept shows
            if i % 5 == 0 {
                f.label.vi = format!("{}y", f.label.vi).into();
            }
        }
        for mut input in [Vec::new(), found.clone(), many] {
            let mut want = input.clone();
            sort_serial(&mut want);
            sort(&mut input);
            assert!(input == want, "{} findings", want.len());
        }
    }

    fn finding(rule: &'static str, start: usize, other: &str) -> Finding {
        let at = |file: &str, start: usize| Location {
            file: file.into(),
            span: start..start + 2,
        };
        Finding {
            rule,
            severity: Severity::Error,
            message: Text::new(format!("khác {other}"), format!("differs from {other}")),
            primary: at("a.md", start),
            label: Text::default(),
            related: vec![Related {
                location: at(other, 0),
                message: Text::default(),
            }],
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn one_span_disagreeing_with_two_sources_is_one_finding_with_both_related() {
        let mut fs = vec![
            finding("temporal/date-mismatch", 10, "c.md"),
            finding("temporal/date-mismatch", 10, "b.md"),
            finding("temporal/date-mismatch", 10, "b.md"),
            finding("reference/mismatch", 10, "b.md"),
            finding("temporal/date-mismatch", 20, "b.md"),
        ];
        sort(&mut fs);
        assert_eq!(fs.len(), 3);
        let merged = fs
            .iter()
            .find(|f| f.rule == "temporal/date-mismatch" && f.primary.span.start == 10)
            .unwrap();
        let files: Vec<&str> = merged.related.iter().map(|r| &*r.location.file).collect();
        assert_eq!(files, ["b.md", "c.md"], "deterministic: message order");
    }

    #[test]
    fn related_places_past_the_cap_are_counted_in_a_note() {
        let mut fs: Vec<Finding> = (0..MAX_RELATED + 3)
            .map(|k| finding("cross-source/value-mismatch", 10, &format!("s{k:02}.md")))
            .collect();
        sort(&mut fs);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].related.len(), MAX_RELATED);
        assert_eq!(fs[0].notes, vec![more_places_note(3)]);
    }

    #[test]
    fn keeping_one_language_frees_the_other_but_the_message_that_orders() {
        let mut f = finding("x/y", 3, "b");
        f.label = Text::new("nhãn", "label");
        f.help = Some(Text::new("sửa", "fix it"));
        f.notes.push(Text::new("ghi chú", "note"));
        let mut vi = f.clone();
        vi.keep_language(Lang::Vi);
        assert_eq!(vi.message.vi, f.message.vi);
        assert_eq!(&*vi.label.vi, "nhãn");
        assert!(vi.message.en.is_empty() && vi.label.en.is_empty());
        assert!(
            vi.help
                .as_ref()
                .is_some_and(|h| h.en.is_empty() && &*h.vi == "sửa")
        );
        assert!(vi.notes[0].en.is_empty());
        let mut en = f.clone();
        en.keep_language(Lang::En);
        assert_eq!(en.message, f.message);
        assert_eq!(&*en.label.en, "label");
        assert!(en.label.vi.is_empty() && en.notes[0].vi.is_empty());
        assert!(
            en.help
                .as_ref()
                .is_some_and(|h| h.vi.is_empty() && &*h.en == "fix it")
        );
    }
}
