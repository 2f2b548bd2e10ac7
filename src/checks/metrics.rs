//! The metric catalog compiled for matching: which well-known quantity a figure states.

use crate::claim::{Claim, Kind, Role};
use std::collections::HashMap;

use crate::rules::{MetricKind, PlaceFile, RuleSet};

use super::fold::Folder;

#[derive(Debug, Clone)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub kind: MetricKind,
    /// Folded counted nouns accepted for a count; empty accepts any.
    pub units: Vec<String>,
    pub stock: bool,
    /// Each alias as its folded parts, in order (`danh hiệu … unesco`).
    aliases: Vec<Vec<String>>,
    /// The first word of each part of each alias (empty for a part with no word): a part
    /// found as a whole word has its first word among the text's words.
    alias_words: Vec<Vec<String>>,
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub metrics: Vec<Metric>,
    max_gap: usize,
    /// The places of `rules/places.toml`, for the place of a figure.
    pub places: Places,
}

impl Catalog {
    pub fn new(rules: &RuleSet, folder: &Folder) -> Catalog {
        let metrics = rules
            .metrics
            .metric
            .iter()
            .map(|m| Metric {
                id: m.id.clone(),
                name: m.name.clone(),
                kind: m.kind,
                units: m.units.iter().map(|u| folder.fold_noun(u)).collect(),
                stock: m.stock,
                aliases: m
                    .aliases
                    .iter()
                    .map(|a| {
                        a.split('…')
                            .map(|p| folder.fold(p))
                            .filter(|p| !p.is_empty())
                            .collect()
                    })
                    .filter(|parts: &Vec<String>| !parts.is_empty())
                    .collect(),
                exclude: m.exclude.iter().map(|e| folder.fold(e)).collect(),
                alias_words: Vec::new(),
            })
            .map(|mut m: Metric| {
                m.alias_words = m
                    .aliases
                    .iter()
                    .map(|parts| parts.iter().map(|p| first_word(p).to_string()).collect())
                    .collect();
                m
            })
            .collect();
        Catalog {
            metrics,
            max_gap: rules.checks.matching.max_alias_gap,
            places: Places::new(&rules.places),
        }
    }

    /// The metric a claim states, read from `before` (its folded sentence up to the figure,
    /// starting after the previous figure), `noun` (its folded counted noun) and `after`
    /// (the rest of the sentence up to the next figure).
    ///
    /// The alias nearest the figure wins, the longest at equal distance; a metric is
    /// skipped when one of its `exclude` words stands between its alias and the figure.
    pub fn classify(
        &self,
        claim: &Claim,
        before: &str,
        noun: &str,
        after: &str,
    ) -> Option<&Metric> {
        let mut best: Option<(usize, bool, usize, &Metric)> = None;
        // the words of the three texts, so that an alias none of whose first words is
        // there is passed over without a search
        let mut present: Vec<&str> = Vec::new();
        for t in [before, noun, after] {
            crate::text::for_each_word(t, |a, b| present.push(&t[a..b]));
        }
        present.sort_unstable();
        present.dedup();
        let may_stand = |w: &String| w.is_empty() || present.binary_search(&w.as_str()).is_ok();
        for m in &self.metrics {
            if !kind_fits(m.kind, claim) {
                continue;
            }
            for (parts, words) in m.aliases.iter().zip(&m.alias_words) {
                if !words.iter().all(may_stand) {
                    continue;
                }
                // the alias may be the counted noun itself (`6 đối tác chiến lược toàn diện`)
                // (distance from the figure, where the alias starts in `before`)
                let found = if parts.len() == 1 && contains_word(noun, &parts[0]) {
                    Some((0, None))
                } else if let Some(start) = find_alias(before, parts) {
                    Some((before.len() - start, Some(start)))
                } else {
                    // after the figure, in the rest of its clause: slightly further than before
                    find_alias_forward(after, parts).map(|start| (start + 1, None))
                };
                let Some((gap, alias_start)) = found else {
                    continue;
                };
                if gap > self.max_gap + parts.iter().map(String::len).sum::<usize>() {
                    continue;
                }
                // words that change the quantity: in the figure's own clause (`đang đàm phán
                // 3 hiệp định`) and between the metric's name and the figure
                let clause = before.rfind([',', ';', ':']).map_or(0, |p| p + 1);
                let region = &before[alias_start.map_or(clause, |a| a.min(clause))..];
                if m.exclude
                    .iter()
                    .any(|e| contains_word(region, e) || contains_word(noun, e))
                {
                    continue;
                }
                let len: usize = parts.iter().map(String::len).sum();
                // at equal distance, a metric that counts this noun beats one that does not
                // (peacekeeping rotations `lượt` vs officers deployed `người`), then the
                // longer alias
                let fits = m.units.is_empty() || m.units.iter().any(|u| u == noun);
                let better = best.is_none_or(|(g, f, l, _)| {
                    gap < g || (gap == g && (fits && !f || (fits == f && len > l)))
                });
                if better {
                    best = Some((gap, fits, len, m));
                }
            }
        }
        best.map(|(_, _, _, m)| m)
    }
}

/// The first run of letters and digits of `part`, as `find_word` delimits words.
fn first_word(part: &str) -> &str {
    let Some(start) = part.find(|c: char| crate::text::is_alphanumeric(c)) else {
        return "";
    };
    let rest = &part[start..];
    &rest[..rest
        .find(|c: char| !crate::text::is_alphanumeric(c))
        .unwrap_or(rest.len())]
}

fn kind_fits(kind: MetricKind, claim: &Claim) -> bool {
    match (kind, claim.kind) {
        (MetricKind::Count, Kind::Count | Kind::Fraction) => true,
        (MetricKind::Money, Kind::Money) => true,
        (MetricKind::Percent, Kind::Percent) => true,
        // a growth rate or ratio of a metric: `FDI ... tăng 32,8%`
        (_, Kind::Percent | Kind::Ratio) => matches!(claim.role, Role::Increment),
        _ => false,
    }
}

/// Where the last occurrence of all `parts`, in order, begins in `text` (whole words).
fn find_alias(text: &str, parts: &[String]) -> Option<usize> {
    let last = parts.last()?;
    let mut end_search = text.len();
    // the last part as near the end as possible, then the earlier ones before it
    while let Some(p) = rfind_word(&text[..end_search], last) {
        let mut cursor = p;
        let mut ok = true;
        for part in parts[..parts.len() - 1].iter().rev() {
            match rfind_word(&text[..cursor], part) {
                Some(q) => cursor = q,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(cursor);
        }
        end_search = p;
    }
    None
}

/// Where the first occurrence of all `parts`, in order, begins in `text` (whole words).
fn find_alias_forward(text: &str, parts: &[String]) -> Option<usize> {
    let first = parts.first()?;
    let start = find_word(text, first)?;
    let mut cursor = start + first.len();
    for part in &parts[1..] {
        cursor += find_word(&text[cursor..], part)? + part.len();
    }
    Some(start)
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = text[from..].find(word).map(|p| p + from) {
        let before_ok = text[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        let after_ok = !text[p + word.len()..].starts_with(crate::text::is_alphanumeric);
        if before_ok && after_ok {
            return Some(p);
        }
        from = p + word.len();
    }
    None
}

fn rfind_word(text: &str, word: &str) -> Option<usize> {
    let mut end = text.len();
    while let Some(p) = text[..end].rfind(word) {
        let before_ok = text[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        let after_ok = !text[p + word.len()..].starts_with(crate::text::is_alphanumeric);
        if before_ok && after_ok {
            return Some(p);
        }
        end = p;
    }
    None
}

pub fn contains_word(text: &str, word: &str) -> bool {
    !word.is_empty() && rfind_word(text, word).is_some()
}

/// What a place is: the whole country, a province or city of it, or abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    National,
    Domestic,
    Foreign,
}

/// A place named in a text: its byte range, canonical name and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub kind: PlaceKind,
}

/// The place names of `rules/places.toml`, by their first word.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// First word (as written; lower case for a form written so) -> the forms starting
    /// with it, as words, with their canonical name and kind, longest first.
    by_first: HashMap<String, Vec<(Vec<String>, String, PlaceKind)>>,
}

/// Prepositions after which an unlisted run of title-case words is read as a place abroad.
const PLACE_PREPOSITIONS: [&str; 4] = ["sang", "tại", "ở", "đến"];

/// Words of one name: only spaces, a dot or a hyphen between them.
fn joined(t: &str, ws: &[(usize, usize)], a: usize, b: usize) -> bool {
    t.get(ws[a].1..ws[b].0)
        .is_some_and(|g| g.len() <= 3 && g.chars().all(|c| c == ' ' || c == '.' || c == '-'))
}

fn title_case(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The words of a text with their byte ranges (runs of letters, digits, `-`).
fn words(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        let inside = crate::text::is_alphanumeric(c);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, t.len()));
    }
    out
}

impl Places {
    pub fn new(file: &PlaceFile) -> Places {
        let mut canonical: HashMap<&str, &str> = HashMap::new();
        for a in &file.alias {
            for f in &a.forms {
                canonical.insert(f.as_str(), a.name.as_str());
            }
        }
        let mut by_first: HashMap<String, Vec<(Vec<String>, String, PlaceKind)>> = HashMap::new();
        let lists = [
            (&file.national, PlaceKind::National),
            (&file.provinces, PlaceKind::Domestic),
            (&file.provinces_2025, PlaceKind::Domestic),
            (&file.countries, PlaceKind::Foreign),
        ];
        let mut kinds: HashMap<&str, PlaceKind> = HashMap::new();
        for (list, kind) in lists {
            for name in list.iter() {
                kinds.entry(name.as_str()).or_insert(kind);
            }
        }
        let mut all: Vec<(&str, PlaceKind)> = kinds.iter().map(|(n, k)| (*n, *k)).collect();
        for a in &file.alias {
            for f in &a.forms {
                all.push((f.as_str(), PlaceKind::Foreign));
            }
        }
        for (form, _) in all {
            let name = canonical.get(form).copied().unwrap_or(form);
            let Some(&kind) = kinds.get(name).or_else(|| kinds.get(form)) else {
                continue;
            };
            // `Việt Nam` and its forms are one national place
            let name = if kind == PlaceKind::National {
                "Việt Nam"
            } else {
                name
            };
            let parts: Vec<String> = words(form)
                .into_iter()
                .map(|(s, e)| form[s..e].to_string())
                .collect();
            let Some(first) = parts.first().cloned() else {
                continue;
            };
            let entry = by_first.entry(first).or_default();
            if !entry.iter().any(|(p, _, _)| *p == parts) {
                entry.push((parts, name.to_string(), kind));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Places { by_first }
    }

    /// Every place named in a text, in order: one pass over its words.
    pub fn mentions(&self, t: &str) -> Vec<PlaceMention> {
        let ws = words(t);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            if let Some((len, name, kind)) = self.listed_at(t, &ws, i) {
                out.push(PlaceMention {
                    start: ws[i].0,
                    end: ws[i + len - 1].1,
                    name: name.clone(),
                    kind,
                });
                i += len;
                continue;
            }
            // `tại Liên Hợp Quốc`: two or more title-case words after a preposition, up
            // to a listed name
            let w = &t[ws[i].0..ws[i].1];
            // most words are in lower case: lower-cased only when not
            let preposition = PLACE_PREPOSITIONS.contains(&w)
                || (title_case(w)
                    && PLACE_PREPOSITIONS.contains(&crate::text::lower_str(w).as_str()));
            if preposition {
                let mut k = i + 1;
                while k < ws.len()
                    && joined(t, &ws, k - 1, k)
                    && title_case(&t[ws[k].0..ws[k].1])
                    && self.listed_at(t, &ws, k).is_none()
                {
                    k += 1;
                }
                if k >= i + 3 {
                    let (s, e) = (ws[i + 1].0, ws[k - 1].1);
                    out.push(PlaceMention {
                        start: s,
                        end: e,
                        name: t[s..e].to_string(),
                        kind: PlaceKind::Foreign,
                    });
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// The listed name starting at word `i`, the longest first: its length in words.
    fn listed_at(
        &self,
        t: &str,
        ws: &[(usize, usize)],
        i: usize,
    ) -> Option<(usize, &String, PlaceKind)> {
        let w = &t[ws[i].0..ws[i].1];
        let lower = title_case(w).then(|| crate::text::lower_str(w));
        let keys = std::iter::once(w).chain(lower.as_deref());
        for (n, key) in keys.enumerate() {
            let Some(forms) = self.by_first.get(key) else {
                continue;
            };
            for (parts, name, kind) in forms {
                // a lower-case key only for forms written in lower case
                if n == 1 && parts.first().is_some_and(|p| title_case(p)) {
                    continue;
                }
                let len = parts.len();
                if i + len > ws.len() {
                    continue;
                }
                let fits = (1..len).all(|k| {
                    joined(t, ws, i + k - 1, i + k) && t[ws[i + k].0..ws[i + k].1] == parts[k]
                });
                if !fits || (len == 1 && title_case(w) && !self.lone_word_ok(t, ws, i)) {
                    continue;
                }
                return Some((len, name, *kind));
            }
        }
        None
    }

    /// A one-word name (`Lào`, `Pháp`) is a place unless it is part of a longer proper
    /// name (a title-case word next to it) or a sentence's first word before a lower-case
    /// one (`Pháp luật ...`).
    fn lone_word_ok(&self, t: &str, ws: &[(usize, usize)], i: usize) -> bool {
        let tight = |a: usize, b: usize| {
            t.get(ws[a].1..ws[b].0)
                .is_some_and(|g| !g.is_empty() && g.chars().all(char::is_whitespace))
        };
        let prev_title = i > 0 && tight(i - 1, i) && title_case(&t[ws[i - 1].0..ws[i - 1].1]);
        let next = (i + 1 < ws.len() && tight(i, i + 1)).then(|| &t[ws[i + 1].0..ws[i + 1].1]);
        if prev_title || next.is_some_and(title_case) {
            return false;
        }
        let lead = t[..ws[i].0].trim_end_matches([' ', '*', '_', '#', '"', '(']);
        let starts_sentence = lead.is_empty() || lead.ends_with(['.', '!', '?', '\n', ':']);
        !(starts_sentence && next.is_some_and(|n| !title_case(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_parts_in_order() {
        let parts = vec!["danh hiệu".to_string(), "unesco".to_string()];
        let text = "tổng số danh hiệu của việt nam được unesco công nhận lên";
        assert_eq!(find_alias(text, &parts), text.find("danh hiệu"));
        assert_eq!(find_alias("unesco và danh hiệu", &parts), None);
        assert!(contains_word("vốn fdi giải ngân", "giải ngân"));
        assert!(!contains_word("tỉnh", "tỉ"));
    }

    fn places() -> Places {
        let rules = RuleSet::embedded().expect("embedded rules");
        Places::new(&rules.places)
    }

    fn named(t: &str) -> Vec<(String, PlaceKind)> {
        places()
            .mentions(t)
            .into_iter()
            .map(|m| {
                assert!(!t[m.start..m.end].is_empty());
                (m.name, m.kind)
            })
            .collect()
    }

    #[test]
    fn places_named_in_a_sentence() {
        use PlaceKind::*;
        let got = named("Kim ngạch xuất khẩu của tỉnh Long An sang Nhật Bản tăng mạnh.");
        assert_eq!(
            got,
            vec![("Long An".into(), Domestic), ("Nhật Bản".into(), Foreign)]
        );
        // the forms of one place, and the whole country
        let got = named("Thủ đô Hà Nội và TP.HCM dẫn đầu cả nước, Huế đứng sau.");
        assert_eq!(
            got,
            vec![
                ("Hà Nội".into(), Domestic),
                ("Hồ Chí Minh".into(), Domestic),
                ("Việt Nam".into(), National),
                ("Thừa Thiên Huế".into(), Domestic),
            ]
        );
        // the longest name wins: `Lào Cai` is not `Lào`
        assert_eq!(
            named("đoàn của Lào Cai"),
            vec![("Lào Cai".into(), Domestic)]
        );
        assert_eq!(named("hợp tác với Lào"), vec![("Lào".into(), Foreign)]);
    }

    #[test]
    fn words_that_only_look_like_places() {
        // `hòa bình` (peace) in lower case, `Pháp luật` opening a sentence, `Đức` in a name
        assert!(named("lực lượng gìn giữ hòa bình").is_empty());
        assert!(named("Pháp luật được tuân thủ. Ông Nguyễn Minh Đức phát biểu.").is_empty());
    }

    #[test]
    fn unlisted_title_case_run_after_a_preposition() {
        let got = named("phát biểu tại Đại Hội Đồng Liên Hợp Quốc, ký 3 văn kiện");
        assert_eq!(
            got,
            vec![("Đại Hội Đồng Liên Hợp Quốc".into(), PlaceKind::Foreign)]
        );
        // one title-case word is not enough
        assert!(named("đến Hội nghị").is_empty());
    }
}
