//! The checks: each file owns one family of rules and turns claims into findings.
//!
//! Matching two claims as "the same quantity" is the heart of the product: see
//! `cross_source` for the keys (metric or subject phrase, time scope, role, unit) and the
//! blocking that keeps the cost linear in the number of claims.

pub mod arithmetic;
pub mod cross_source;
pub mod enumeration;
pub mod events;
pub mod fold;
pub mod metrics;
mod phrases;
pub mod references;
pub mod style;
pub mod temporal;

use std::collections::BTreeMap;

use crate::claim::Claim;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::rules::{
    ArithmeticSettings, EnumerationSettings, MatchingSettings, RuleSet, StyleSettings,
    TemporalSettings, TermFile, registry,
};

use fold::Folder;
use metrics::Catalog;

/// One document with its claims, as the checks see it.
#[derive(Debug)]
pub struct Source {
    pub doc: Document,
    pub claims: Vec<Claim>,
    /// A trusted reference (`--reference`): compared against, never reported on.
    pub reference: bool,
}

/// Sorts indices of claims (or events, citations) by `later` of their place `pos`, the
/// earlier first, ties by index: the order the cross-document sweeps report in. Sorted
/// by integer keys (`source_ranks`), so that no comparison reads a path or a date.
pub fn sort_by_later(
    sources: &[Source],
    order: &mut [usize],
    pos: impl Fn(usize) -> (usize, usize),
) {
    let rank = source_ranks(sources);
    // the index makes every key distinct, so an unstable sort gives the one order
    order.sort_unstable_by_key(|&i| {
        let (src, at) = pos(i);
        (rank[src], at, i)
    });
}

/// Each source's rank by what `later` reads of it (reference or not, date, path), one
/// rank for sources it cannot tell apart.
pub(crate) fn source_ranks(sources: &[Source]) -> Vec<usize> {
    let key = |i: usize| later_key(&sources[i]);
    let mut by_key: Vec<usize> = (0..sources.len()).collect();
    by_key.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let mut rank = vec![0; sources.len()];
    let mut r = 0;
    for (k, &s) in by_key.iter().enumerate() {
        if k > 0 && key(by_key[k - 1]) != key(s) {
            r += 1;
        }
        rank[s] = r;
    }
    rank
}

/// `sort_by_later` by comparing `later` itself: the reference it is tested against.
#[cfg(test)]
pub(crate) fn sort_by_later_compared(
    sources: &[Source],
    order: &mut [usize],
    pos: impl Fn(usize) -> (usize, usize),
) {
    order.sort_by(|&a, &b| {
        if later(sources, pos(a), pos(b)) {
            std::cmp::Ordering::Greater
        } else if later(sources, pos(b), pos(a)) {
            std::cmp::Ordering::Less
        } else {
            a.cmp(&b)
        }
    });
}

/// Whether the claim at `a` (source index, byte offset) is reported on rather than the
/// one at `b`: a checked document over a reference, then the later document date, then
/// the later path, then the later position.
pub fn later(sources: &[Source], a: (usize, usize), b: (usize, usize)) -> bool {
    let rank = |(src, pos): (usize, usize)| (later_key(&sources[src]), pos);
    rank(a) > rank(b)
}

/// What `later` reads of a source: whether it is checked, its date, its path.
fn later_key(s: &Source) -> (bool, (i32, u8, u8), &str) {
    let date = s
        .doc
        .meta
        .date
        .map(cross_source::end_of)
        .unwrap_or((i32::MIN, 0, 0));
    (!s.reference, date, &*s.doc.path)
}

/// What the checks need besides the documents.
#[derive(Debug, Clone)]
pub struct Checker {
    pub folder: Folder,
    pub catalog: Catalog,
    pub settings: MatchingSettings,
    pub style: StyleSettings,
    pub arithmetic: ArithmeticSettings,
    pub enumeration: EnumerationSettings,
    pub temporal: TemporalSettings,
    /// The term list (`rules/terms.toml`), for `style/term`.
    pub terms: TermFile,
    /// Rule id -> severity in force; a rule set `off` is absent.
    severities: BTreeMap<&'static str, Severity>,
    /// The term list compiled for `style/term`, built on first use, once per run.
    term_matcher: std::sync::OnceLock<style::TermMatcher>,
    /// The one language findings will be printed in, when it is known: the other is
    /// freed as findings are made (`keep_language`). `None` keeps both.
    pub language: Option<crate::finding::Lang>,
}

impl Checker {
    pub fn new(rules: &RuleSet) -> Checker {
        let folder = Folder::new(&rules.terms);
        let catalog = Catalog::new(rules, &folder);
        let mut severities = BTreeMap::new();
        for meta in registry::RULES {
            let level = rules.checks.severity.get(meta.id).map(String::as_str);
            match level {
                Some("off") => {}
                Some(l) => {
                    severities.insert(meta.id, Severity::parse(l).unwrap_or(meta.severity));
                }
                None => {
                    severities.insert(meta.id, meta.severity);
                }
            }
        }
        Checker {
            folder,
            catalog,
            settings: rules.checks.matching.clone(),
            style: rules.checks.style.clone(),
            arithmetic: rules.checks.arithmetic.clone(),
            enumeration: rules.checks.enumeration.clone(),
            temporal: rules.checks.temporal.clone(),
            terms: rules.terms.clone(),
            severities,
            term_matcher: std::sync::OnceLock::new(),
            language: None,
        }
    }

    /// `finding` with its texts in the language that will not be printed freed, when
    /// `language` is set: for the checks that compare documents, which hold thousands of
    /// findings at once on a large run.
    pub(crate) fn in_language(&self, mut finding: Finding) -> Finding {
        if let Some(lang) = self.language {
            finding.keep_language(lang);
        }
        finding
    }

    /// Frees the texts of `findings` in the language that will not be printed, when
    /// `language` is set.
    pub(crate) fn keep_language(&self, findings: &mut [Finding]) {
        if let Some(lang) = self.language {
            findings.iter_mut().for_each(|f| f.keep_language(lang));
        }
    }

    /// The checks that read one document alone: its arithmetic, dates, lists and style.
    fn check_one(&self, source: &Source) -> Vec<Finding> {
        let one = std::slice::from_ref(source);
        let mut f = arithmetic::check(self, one);
        f.extend(temporal::check(self, one));
        f.extend(enumeration::check(self, one));
        f.extend(style::check(self, one));
        f
    }

    /// The compiled term list of `style/term`.
    pub(crate) fn term_matcher(&self) -> &style::TermMatcher {
        self.term_matcher
            .get_or_init(|| style::TermMatcher::new(self))
    }

    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied()
    }

    /// What the checks read of one source alone: the findings of the checks that read
    /// one document (none on a reference), and the facts, events and citations the
    /// cross-document checks compare. Sources are summarised in parallel, each as it is
    /// read, so that its text and claims can then be dropped (`Source::release`).
    pub fn summarise(&self, source: &Source) -> Summary {
        let mut findings = if source.reference {
            Vec::new()
        } else {
            self.check_one(source)
        };
        let (mut citations, format) = references::citations_of(self, 0, source);
        findings.extend(format);
        let mut facts = cross_source::facts_of(self, 0, source);
        let mut events = events::events_of(self, 0, source);
        // summaries are held for the whole run, so none keeps the slack a growing vector
        // leaves (up to half of it): on `c20/` that was 10 MB of facts
        self.keep_language(&mut findings);
        findings.shrink_to_fit();
        facts.shrink_to_fit();
        events.shrink_to_fit();
        citations.shrink_to_fit();
        Summary {
            findings,
            facts,
            events,
            citations,
        }
    }

    /// Run every check over the sources; findings only on non-reference documents.
    pub fn check(&self, sources: &[Source]) -> Vec<Finding> {
        use rayon::prelude::*;
        let summaries = sources.par_iter().map(|s| self.summarise(s)).collect();
        self.check_summarised(sources, summaries)
    }

    /// The findings of a run from the summaries of its sources (`summaries[i]` is that of
    /// `sources[i]`, which may be released): the per-source findings and those of the
    /// checks that compare sources.
    pub fn check_summarised(&self, sources: &[Source], summaries: Vec<Summary>) -> Vec<Finding> {
        let t = std::time::Instant::now();
        // the facts stay where they are, in their summaries: a merged copy would hold
        // them twice (the freed pieces do not go back to the system)
        let mut summaries = summaries;
        let mut findings = Vec::new();
        for (src, s) in summaries.iter_mut().enumerate() {
            findings.append(&mut s.findings);
            s.facts.iter_mut().for_each(|f| f.src = src);
            s.events.iter_mut().for_each(|e| e.src = src);
            s.citations.iter_mut().for_each(|c| c.src = src);
        }
        let facts: Vec<&cross_source::Fact> = summaries.iter().flat_map(|s| &s.facts).collect();
        let events: Vec<&events::Event> = summaries.iter().flat_map(|s| &s.events).collect();
        let citations: Vec<&references::Citation> =
            summaries.iter().flat_map(|s| &s.citations).collect();
        // the families are independent, and the final sort orders their findings
        let (across, (dated, cited)) = rayon::join(
            || cross_source::check(self, sources, &facts),
            || {
                rayon::join(
                    || events::check(self, sources, &events),
                    || references::check(self, sources, &citations),
                )
            },
        );
        crate::timing::phase("check: across documents", t);
        findings.extend(across);
        findings.extend(dated);
        findings.extend(cited);
        self.keep_language(&mut findings);
        let checked: std::collections::HashSet<&str> = sources
            .iter()
            .filter(|s| !s.reference)
            .map(|s| &*s.doc.path)
            .collect();
        findings.retain(|f| checked.contains(&*f.primary.file));
        crate::finding::sort(&mut findings);
        findings
    }
}

/// What the checks read of one source (`Checker::summarise`).
#[derive(Debug)]
pub struct Summary {
    /// The findings of the checks that read the source alone.
    pub findings: Vec<Finding>,
    facts: Vec<cross_source::Fact>,
    events: Vec<events::Event>,
    citations: Vec<references::Citation>,
}

impl Source {
    /// Drops what only extraction and `Checker::summarise` read (the normalised text,
    /// its structure and the claims), keeping what reporting reads: the path, metadata
    /// and the source text with its line index. Offsets into the normalised text mean
    /// nothing afterwards.
    pub fn release(&mut self) {
        self.claims = Vec::new();
        self.doc.release_text();
    }
}
