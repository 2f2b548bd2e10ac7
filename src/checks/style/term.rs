//! `style/term`: a variant of the term list (`rules/terms.toml`) where the house form is
//! wanted: `Liên hiệp quốc` for `Liên hợp quốc`, `tỉ` for `tỷ`, `Covid-19` for `COVID-19`.
//!
//! Terms match as whole words, leftmost and longest first, over the normalised text. A
//! term whose house form begins with a capital (`Liên hợp quốc`, `COVID-19`) is a name
//! and matches with its case exactly; any other term may begin a sentence (`Tỉ lệ`).
//! House forms match too and shield what they contain: `tỉ mỉ` is listed with no variant,
//! so its `tỉ` is never taken for `tỉ` = `tỷ`.
//!
//! A variant folded into its house form for matching (`fold = true`, the default) is the
//! same word spelled another way: the fix is applied by `--fix`. A variant kept apart
//! (`fold = false`, `đô la Mỹ` for `USD`) is other wording: the fix is only suggested, as
//! the sentence around it may need another word. Variants that differ from their house
//! form only in tone-mark placement (`thoả thuận`) are left to `style/tone-mark`, which
//! follows the document's own placement.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::checks::fold::fold_tone;
use crate::document::Document;
use crate::finding::{Applicability, Finding, Fix, Severity, Text};

use super::{Checker, edit, location};

pub const RULE: &str = "style/term";

#[derive(Debug, Clone)]
struct Pattern {
    chars: Vec<char>,
    /// Index of the house form in `Matcher::preferred`.
    preferred: usize,
    /// A variant (reported) rather than a house form (only shields).
    variant: bool,
    /// Its first letter may be written in either case.
    any_case_first: bool,
    applicability: Applicability,
}

/// The term list compiled for matching: patterns by their (lower-case) first character,
/// longest first.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    patterns: Vec<Pattern>,
    preferred: Vec<String>,
    by_first: HashMap<char, Vec<usize>>,
}

impl Matcher {
    pub fn new(ck: &Checker) -> Matcher {
        let mut m = Matcher::default();
        let words_allowed = ck.style.currency == "words";
        for entry in &ck.terms.term {
            let preferred: String = entry.preferred.nfc().collect();
            if preferred.trim().is_empty() {
                continue;
            }
            // `[style] currency = "words"` accepts `đô la Mỹ` beside `USD`
            if words_allowed && is_currency_code(&preferred) {
                continue;
            }
            let proper = preferred.chars().next().is_some_and(char::is_uppercase);
            let idx = m.preferred.len();
            m.preferred.push(preferred.clone());
            let applicability = if entry.fold {
                Applicability::Automatic
            } else {
                Applicability::Suggested
            };
            let mut push = |text: &str, variant: bool| {
                let chars: Vec<char> = normalise_spaces(text).chars().collect();
                if chars.is_empty() {
                    return;
                }
                m.patterns.push(Pattern {
                    chars,
                    preferred: idx,
                    variant,
                    any_case_first: !proper,
                    applicability,
                });
            };
            push(&preferred, false);
            for v in &entry.variants {
                let v: String = v.nfc().collect();
                if v == preferred || tone_only(&v, &preferred) {
                    continue;
                }
                push(&v, true);
            }
        }
        for (i, p) in m.patterns.iter().enumerate() {
            let first = p.chars[0];
            let keys: Vec<char> = if p.any_case_first {
                first.to_lowercase().collect()
            } else {
                vec![first]
            };
            if let Some(k) = keys.first() {
                m.by_first.entry(*k).or_default().push(i);
            }
        }
        let patterns = &m.patterns;
        for list in m.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].chars.len()));
        }
        m
    }

    pub fn check(&self, doc: &Document, severity: Severity) -> Vec<Finding> {
        let t = &doc.text;
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        for (i, c) in t.char_indices() {
            let at_word = prev.is_none_or(|p| !p.is_alphanumeric());
            prev = Some(c);
            if i < skip_to || !at_word || !c.is_alphanumeric() {
                continue;
            }
            let Some((p, end)) = self.match_at(t, i, c) else {
                continue;
            };
            skip_to = end;
            if p.variant {
                out.extend(self.finding(doc, p, i..end, severity));
            }
        }
        out
    }

    /// The longest pattern that matches at `i` (a word start whose character is `c`), and
    /// where it ends.
    fn match_at(&self, t: &str, i: usize, c: char) -> Option<(&Pattern, usize)> {
        let key = c.to_lowercase().next().unwrap_or(c);
        let lower = self.by_first.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        let exact = if key == c {
            &[][..]
        } else {
            self.by_first.get(&c).map(Vec::as_slice).unwrap_or(&[])
        };
        let candidates = lower.iter().chain(exact).copied();
        let mut best: Option<(&Pattern, usize)> = None;
        for idx in candidates {
            let p = &self.patterns[idx];
            if best.is_some_and(|(b, _)| b.chars.len() >= p.chars.len()) {
                continue;
            }
            if let Some(end) = matches(t, i, p) {
                best = Some((p, end));
            }
        }
        best
    }

    fn finding(
        &self,
        doc: &Document,
        p: &Pattern,
        range: std::ops::Range<usize>,
        severity: Severity,
    ) -> Option<Finding> {
        let written = doc.text.get(range.clone())?;
        let preferred = self.preferred.get(p.preferred)?;
        let replacement = match_case(written, preferred, p.any_case_first);
        let mut notes = Vec::new();
        if p.applicability == Applicability::Suggested {
            notes.push(Text::new(
                "đây là cách diễn đạt khác, không chỉ là cách viết: xem lại câu sau khi thay (`400 tỷ đô la Mỹ` → `400 tỷ USD`)",
                "this is other wording, not just another spelling: reread the sentence after the change (`400 tỷ đô la Mỹ` → `400 tỷ USD`)",
            ));
        }
        if is_currency_code(preferred) {
            notes.push(Text::new(
                "`[style] currency = \"words\"` chấp nhận tên tiền tệ viết bằng chữ",
                "`[style] currency = \"words\"` accepts currency names in words",
            ));
        }
        notes.push(Text::new(
            "danh mục thuật ngữ: rules/terms.toml (thư mục quy tắc riêng có thể bổ sung)",
            "term list: rules/terms.toml (a project's rule folder may add to it)",
        ));
        let fix = edit(doc, range.clone(), &replacement).map(|e| Fix {
            description: Text::new(
                format!("thay {written} bằng {replacement}"),
                format!("replace {written} with {replacement}"),
            ),
            edits: vec![e],
            applicability: p.applicability,
        });
        Some(Finding {
            rule: RULE,
            severity,
            message: Text::new(
                format!("cách viết không theo danh mục thuật ngữ: {written}"),
                format!("non-preferred term: {written}"),
            ),
            primary: location(doc, range),
            label: Text::new(
                format!("cách viết khác của {preferred}"),
                format!("a variant of {preferred}"),
            ),
            related: Vec::new(),
            help: Some(Text::new(
                format!("viết {replacement}"),
                format!("write {replacement}"),
            )),
            notes,
            fix,
        })
    }
}

/// Where pattern `p` ends when it matches `t` at `i`: a space of the pattern matches a
/// run of spaces or one line break, and the match must end at a word boundary.
fn matches(t: &str, i: usize, p: &Pattern) -> Option<usize> {
    let mut it = t[i..].char_indices().peekable();
    for (k, &pc) in p.chars.iter().enumerate() {
        let (_, tc) = it.next()?;
        if pc == ' ' {
            if tc != ' ' && tc != '\n' {
                return None;
            }
            while it.peek().is_some_and(|&(_, c)| c == ' ') {
                it.next();
            }
            continue;
        }
        let same = tc == pc
            || (k == 0 && p.any_case_first && tc.to_lowercase().eq(pc.to_lowercase()));
        if !same {
            return None;
        }
    }
    let end = it.peek().map_or(t.len(), |&(j, _)| i + j);
    let next = t[end..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some(end)
}

/// The house form with the case of the written form's first letter, for terms that are
/// not names (`Tỉ lệ` → `Tỷ lệ`).
fn match_case(written: &str, preferred: &str, any_case_first: bool) -> String {
    let upper = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = preferred.chars();
    match chars.next() {
        Some(f) if any_case_first && upper && f.is_lowercase() => {
            f.to_uppercase().chain(chars).collect()
        }
        _ => preferred.to_string(),
    }
}

/// `USD`, `EUR`: an ISO 4217 code as a house form.
fn is_currency_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether two terms differ only in where their tone marks stand.
fn tone_only(a: &str, b: &str) -> bool {
    let key = |s: &str| -> Vec<String> { s.split_whitespace().map(fold_tone).collect() };
    key(a) == key(b)
}

/// Spaces (NBSP included) collapsed to one ASCII space, ends trimmed.
fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
