//! One run of `check`: read the inputs and the references in parallel, extract their
//! claims, run the checks, and turn unreadable files into `input/unreadable` findings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::{Checker, Source, Summary};
use crate::document::{self, LoadError, Unshelve};
use crate::extract::Extractor;
use crate::finding::{Finding, Location, Severity, Text};
use crate::inputs::{InputFile, WalkError};
use crate::suppress::Suppressions;
use crate::time::TimePoint;

/// What a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// Every readable document, checked ones and references, released
    /// (`Source::release`: source text and metadata, no normalised text, and no claims
    /// unless `Engine::keep_claims`).
    pub sources: Vec<Source>,
    pub findings: Vec<Finding>,
    /// Index into `sources` by path (the first source of a path), for `document`.
    by_path: HashMap<Arc<str>, usize>,
    /// Files checked and the claims found in them, counted before the claims were dropped.
    totals: (usize, usize),
}

impl Outcome {
    /// The document read from `path` (as findings name it): a hash lookup, where a scan of
    /// `sources` per finding and per related span costs findings x files.
    pub fn document(&self, path: &str) -> Option<&crate::document::Document> {
        let i = *self.by_path.get(path)?;
        self.sources.get(i).map(|s| &s.doc)
    }

    /// Files checked (references not counted) and the claims found in them.
    pub fn totals(&self) -> (usize, usize) {
        self.totals
    }
}

pub struct Engine<'a> {
    pub extractor: &'a Extractor,
    pub checker: &'a Checker,
    /// The date of documents that state none.
    pub default_date: Option<TimePoint>,
    /// Told (files done, files in all) as files are read; called from several threads.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Keep each source's claims in the outcome, for callers that read them; otherwise
    /// they are dropped once summarised, which holds memory down on large runs.
    pub keep_claims: bool,
    /// The report shows only the findings' spans (`Document::locate`), as JSON does:
    /// the outcome then holds no whole source of a file read from disk, only where each
    /// finding's spans are. Otherwise (the human report, SARIF, `--fix`, a baseline)
    /// every source is read back whole.
    pub report_spans_only: bool,
}

/// A source as read: released, with its summary and how many claims it had.
struct Read {
    source: Source,
    summary: Summary,
    claims: usize,
    /// Its suppression comments, read before the source is shelved.
    suppressions: Option<Suppressions>,
}

impl<'a> Engine<'a> {
    /// An engine with no default date, no progress report, claims dropped once
    /// summarised, and every source read back whole for the report.
    pub fn new(extractor: &'a Extractor, checker: &'a Checker) -> Engine<'a> {
        Engine {
            extractor,
            checker,
            default_date: None,
            progress: None,
            keep_claims: false,
            report_spans_only: false,
        }
    }
}

impl Engine<'_> {
    /// Reads, extracts and summarises one file.
    fn read_file(&self, path: &Path, display: &str, reference: bool) -> Result<Read, Box<Finding>> {
        let mut doc = document::load(path, display).map_err(|e| Box::new(unreadable(&e)))?;
        if doc.meta.date.is_none() {
            doc.meta.date = self.default_date;
        }
        // suppression comments read first: they are markup, not text
        let suppressions = crate::suppress::of_document(&doc);
        // a file's source is put aside before its extraction and checks, which read it
        // through a view that holds only what the normalised text does not: a large
        // file is not held twice while it is checked
        if doc.editable {
            doc.shelve_source_for_checks(path);
        }
        let claims = self.extractor.extract(&doc);
        let source = Source {
            doc,
            claims,
            reference,
        };
        Ok(self.summarised(source, suppressions))
    }

    /// Summarises a source and releases it. A source shelved for the checks
    /// (`Document::shelve_source_for_checks`) keeps the texts of its claims until the
    /// report (`unshelve`): the checks that compare documents quote only those.
    fn summarised(&self, mut source: Source, suppressions: Option<Suppressions>) -> Read {
        let spans = source.claims.iter().map(|c| c.span.clone());
        source.doc.keep_span_texts(spans);
        let summary = self.checker.summarise(&source);
        let claims = source.claims.len();
        source.doc.release_text();
        let kept = self.keep_claims.then(|| std::mem::take(&mut source.claims));
        source.release();
        if let Some(kept) = kept {
            source.claims = kept;
        }
        Read {
            source,
            summary,
            claims,
            suppressions,
        }
    }

    pub fn run(
        &self,
        files: &[InputFile],
        references: &[InputFile],
        walk_errors: &[WalkError],
    ) -> Outcome {
        self.run_with(files, references, walk_errors, Vec::new())
    }

    /// `run` with sources already built (fact sheets: `facts::load`), checked as references.
    pub fn run_with(
        &self,
        files: &[InputFile],
        references: &[InputFile],
        walk_errors: &[WalkError],
        prepared: Vec<Source>,
    ) -> Outcome {
        let tagged: Vec<(&InputFile, bool)> = files
            .iter()
            .map(|f| (f, false))
            .chain(
                references
                    .iter()
                    .filter(|r| !files.iter().any(|f| f.path == r.path))
                    .map(|r| (r, true)),
            )
            .collect();
        let started = std::time::Instant::now();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = tagged.len();
        // each file is read, extracted and summarised for the checks in one go, then its
        // normalised text and claims are dropped: the checks that compare documents read
        // only the summaries, so memory holds one document's working set per thread
        let loaded: Vec<Result<Read, Box<Finding>>> = tagged
            .par_iter()
            .map(|(f, reference)| {
                if let Some(report) = self.progress {
                    report(
                        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                        total,
                    );
                }
                self.read_file(&f.path, &f.display, *reference)
            })
            .collect();
        let mut read: Vec<Read> = prepared
            .into_par_iter()
            .map(|s| {
                let suppressions = crate::suppress::of_document(&s.doc);
                self.summarised(s, suppressions)
            })
            .collect();
        let mut findings: Vec<Finding> = walk_errors.iter().map(walk_error).collect();
        for r in loaded {
            match r {
                Ok(s) => read.push(s),
                Err(f) => findings.push(*f),
            }
        }
        // the checks see the sources in path order, so which pair of a group is met first,
        // and so every message, does not depend on the order the paths were given in
        read.sort_by(|a, b| a.source.doc.path.cmp(&b.source.doc.path));
        crate::timing::phase("read, extract and check each", started);
        let (files, claims) = read
            .iter()
            .filter(|r| !r.source.reference)
            .fold((0, 0), |(f, c), r| (f + 1, c + r.claims));
        let mut suppressions = Vec::new();
        let mut sources = Vec::with_capacity(read.len());
        let mut summaries = Vec::with_capacity(read.len());
        for r in read {
            if let Some(s) = r.suppressions {
                suppressions.push((r.source.doc.path.clone(), s));
            }
            sources.push(r.source);
            summaries.push(r.summary);
        }
        let t = std::time::Instant::now();
        findings.extend(self.checker.check_summarised(&sources, summaries));
        crate::timing::phase("check", t);
        crate::suppress::apply_table(
            &mut findings,
            &suppressions,
            self.checker.severity("suppression/unused"),
        );
        drop(suppressions);
        let t = std::time::Instant::now();
        let lost = if self.report_spans_only {
            resolve_for_report(&mut sources, &mut findings)
        } else {
            unshelve(&mut sources, &mut findings)
        };
        crate::timing::phase("read the sources again", t);
        if self.checker.severity("input/unreadable").is_none() {
            findings.retain(|f| f.rule != "input/unreadable");
        }
        crate::finding::sort(&mut findings);
        Outcome {
            by_path: index_by_path(&sources, &lost),
            sources,
            findings,
            totals: (files, claims),
        }
    }
}

/// Where each path's (first) document is in `sources`; a path whose source was lost has
/// none, so it is reported as a file without a document (line 1, no text, no fix).
fn index_by_path(sources: &[Source], lost: &HashSet<Arc<str>>) -> HashMap<Arc<str>, usize> {
    let mut by_path = HashMap::with_capacity(sources.len());
    for (i, s) in sources.iter().enumerate() {
        if !lost.contains(&s.doc.path) {
            by_path.entry(s.doc.path.clone()).or_insert(i);
        }
    }
    by_path
}

/// Reads back every shelved source. A file that cannot be read again, or that changed
/// since it was checked, has its findings replaced by one saying so (their spans would
/// point into other text, and `--fix` must not write it); its path is returned, so that
/// it is reported as a file without a document.
fn unshelve(sources: &mut [Source], findings: &mut Vec<Finding>) -> HashSet<Arc<str>> {
    let failed: Vec<(Arc<str>, Unshelve)> = sources
        .par_iter_mut()
        .filter_map(|s| {
            s.doc
                .unshelve_source()
                .err()
                .map(|e| (s.doc.path.clone(), e))
        })
        .collect();
    lose(failed, findings)
}

/// `unshelve` for a report that shows only the findings' spans: each shelved source with
/// findings is read back only to place their spans (`Document::resolve_for_report`).
fn resolve_for_report(sources: &mut [Source], findings: &mut Vec<Finding>) -> HashSet<Arc<str>> {
    // a hash of each location's path: FxHash, as SipHash was most of this phase's serial
    // part on a large run (a location per finding and per related entry)
    let mut asked: rustc_hash::FxHashMap<&str, Vec<Range<usize>>> = Default::default();
    for f in findings.iter() {
        let locations = std::iter::once(&f.primary).chain(f.related.iter().map(|r| &r.location));
        for l in locations {
            asked.entry(&*l.file).or_default().push(l.span.clone());
        }
    }
    let failed: Vec<(Arc<str>, Unshelve)> = sources
        .par_iter_mut()
        .filter_map(|s| {
            let spans = asked.get(&*s.doc.path)?;
            s.doc
                .resolve_for_report(spans.iter().cloned())
                .err()
                .map(|e| (s.doc.path.clone(), e))
        })
        .collect();
    drop(asked);
    lose(failed, findings)
}

/// Replaces the findings of each file that could not be read back by one saying so.
fn lose(failed: Vec<(Arc<str>, Unshelve)>, findings: &mut Vec<Finding>) -> HashSet<Arc<str>> {
    let lost: HashSet<Arc<str>> = failed.iter().map(|(p, _)| p.clone()).collect();
    if lost.is_empty() {
        return lost;
    }
    findings.retain(|f| !lost.contains(&f.primary.file));
    for (path, e) in failed {
        let message = match e {
            Unshelve::Unreadable(m) => Text::new(
                format!("không đọc lại được tệp để báo cáo: {m}"),
                format!("cannot read the file again for the report: {m}"),
            ),
            Unshelve::Changed => Text::new(
                "tệp đã thay đổi trong lúc kiểm tra",
                "the file changed while it was being checked",
            ),
        };
        let mut f = input_finding(&path, 0, message);
        f.help = Some(Text::new(
            "chạy lại factlint khi không còn ai sửa tệp",
            "run factlint again once the file is no longer being edited",
        ));
        findings.push(f);
    }
    lost
}

fn unreadable(e: &LoadError) -> Finding {
    let (path, offset, vi, en) = match e {
        LoadError::Io { path, message } => (
            path,
            0,
            format!("không đọc được tệp: {message}"),
            format!("cannot read the file: {message}"),
        ),
        LoadError::NotUtf8 { path, offset } => (
            path,
            *offset,
            format!("tệp không phải UTF-8 (byte {offset})"),
            format!("the file is not UTF-8 (byte {offset})"),
        ),
        LoadError::Binary { path, offset } => (
            path,
            *offset,
            format!("tệp nhị phân, không phải văn bản (byte NUL ở {offset})"),
            format!("a binary file, not text (NUL byte at {offset})"),
        ),
    };
    input_finding(path, offset, Text::new(vi, en))
}

fn walk_error(w: &WalkError) -> Finding {
    input_finding(
        &w.path,
        0,
        Text::new(
            format!("không đọc được: {}", w.message),
            format!("cannot read: {}", w.message),
        ),
    )
}

fn input_finding(path: &str, offset: usize, message: Text) -> Finding {
    Finding {
        rule: "input/unreadable",
        severity: Severity::Error,
        message,
        primary: Location {
            file: path.into(),
            span: offset..offset,
        },
        label: Text::new("ở đây", "here"),
        related: Vec::new(),
        help: Some(unreadable_help(path)),
        notes: Vec::new(),
        fix: None,
    }
}

/// What to do about an unreadable file: a Word document is saved again from Word, any
/// other file as UTF-8 text.
fn unreadable_help(path: &str) -> Text {
    let word = std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if word {
        Text::new(
            "mở tệp bằng Word, bỏ mật khẩu nếu có và lưu lại dưới dạng .docx, hoặc loại nó khỏi danh sách kiểm tra",
            "open the file in Word, remove any password and save it again as .docx, or leave it out of the check",
        )
    } else {
        Text::new(
            "lưu tệp dưới dạng văn bản UTF-8, hoặc loại nó khỏi danh sách kiểm tra",
            "save the file as UTF-8 text, or leave it out of the check",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file read, summarised and released: its claims and summary are those of the
    /// whole document (though its source was shelved before extraction), its normalised
    /// text is gone, and the texts of its claims are kept while the source is shelved.
    #[test]
    fn a_summarised_file_keeps_its_summary_and_its_claims_texts() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let extractor = Extractor::new(&rules);
        let checker = Checker::new(&rules);
        let engine = Engine {
            report_spans_only: true,
            ..Engine::new(&extractor, &checker)
        };
        let dir = tempfile::tempdir().unwrap();
        let text = "# Kết quả năm 2024\n\nCó 3 nhiệm vụ: (1) xây dựng; (2) phát triển.\n\n\
                    GDP tăng 7,09%, xuất khẩu đạt 405,5 tỷ USD, tăng 14,3%.\n";
        let mut findings = 0;
        for t in std::iter::once(text.to_string()).chain(crate::testing::project_texts()) {
            let path = dir.path().join("a.md");
            std::fs::write(&path, &t).unwrap();
            let doc = document::load(&path, "a.md").unwrap();
            let claims = extractor.extract(&doc);
            let spans: Vec<Range<usize>> = claims.iter().map(|c| c.span.clone()).collect();
            let source = Source {
                doc,
                claims,
                reference: false,
            };
            let whole = checker.summarise(&source);
            let read = engine.read_file(&path, "a.md", false).unwrap();
            assert_eq!(read.summary.findings, whole.findings);
            findings += whole.findings.len();
            assert_eq!(read.claims, spans.len());
            let doc = &read.source.doc;
            assert!(doc.is_shelved() && doc.text.is_empty() && doc.blocks.is_empty());
            assert!(read.source.claims.is_empty());
            for s in spans {
                assert_eq!(doc.span_text(s.clone()), t.get(s));
            }
        }
        assert!(findings > 0);
    }

    /// Two shelved sources and a finding in each; then one file is edited.
    #[test]
    fn a_source_edited_before_the_report_loses_its_findings_to_one_saying_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = Vec::new();
        let mut findings = Vec::new();
        for name in ["a.md", "b.md"] {
            let path = dir.path().join(name);
            std::fs::write(&path, "Có 5 điểm.\n").unwrap();
            let mut doc = document::load(&path, name).unwrap();
            doc.shelve_source(&path, std::iter::empty());
            findings.push(input_finding(name, 3, Text::new("x", "x")));
            sources.push(Source {
                doc,
                claims: Vec::new(),
                reference: false,
            });
        }
        std::fs::write(dir.path().join("b.md"), "Có 6 điểm.\n").unwrap();
        let lost = unshelve(&mut sources, &mut findings);
        assert_eq!(
            lost.iter().cloned().collect::<Vec<_>>(),
            vec![Arc::from("b.md")]
        );
        assert_eq!(sources[0].doc.source, "Có 5 điểm.\n");
        let by_path = index_by_path(&sources, &lost);
        assert_eq!(by_path.get("a.md"), Some(&0));
        assert_eq!(by_path.get("b.md"), None);
        assert!(sources[1].doc.is_shelved());
        let said: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (&*f.primary.file, &*f.message.en))
            .collect();
        assert_eq!(
            said,
            [
                ("a.md", "x"),
                ("b.md", "the file changed while it was being checked")
            ]
        );
    }
}
