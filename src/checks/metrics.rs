//! The metric catalog compiled for matching: which well-known quantity a figure states.

use crate::claim::{Claim, Kind, Role};
use crate::rules::{MetricKind, RuleSet};

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
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub metrics: Vec<Metric>,
    max_gap: usize,
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
            })
            .collect();
        Catalog {
            metrics,
            max_gap: rules.checks.matching.max_alias_gap,
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
        for m in &self.metrics {
            if !kind_fits(m.kind, claim) {
                continue;
            }
            for parts in &m.aliases {
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
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !text[p + word.len()..].starts_with(char::is_alphanumeric);
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
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !text[p + word.len()..].starts_with(char::is_alphanumeric);
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
}
