//! Reading the words around figures in the normalised text: case-insensitive whole-word
//! matches and what lies between two figures of a list.

/// The bytes of `s` that `pat` (lower case) matches at its start, case-insensitively and
/// as whole words; `None` when it does not.
pub fn strip_prefix_ci(s: &str, pat: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let mut end = 0;
    for p in pat.chars() {
        let (i, c) = chars.next()?;
        if !crate::text::lowers_to(c, p) {
            return None;
        }
        end = i + c.len_utf8();
    }
    let boundary = s[end..]
        .chars()
        .next()
        .is_none_or(|c| !crate::text::is_alphanumeric(c));
    boundary.then_some(end)
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
pub fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `n` bytes of `s`, cut at a character boundary.
pub fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The first whole-word occurrence of `pat` in `s`: (start, end).
pub fn find_ci(s: &str, pat: &str) -> Option<(usize, usize)> {
    find_all_ci(s, pat).next()
}

/// Every whole-word occurrence of `pat` in `s`, in order: (start, end). `low` is `s` in
/// lower case (computed once per passage by the caller); when lower-casing changed the
/// byte length, the slower character-by-character search runs instead.
pub fn find_all_lower(s: &str, low: &str, pat: &str) -> Vec<(usize, usize)> {
    if low.len() != s.len() {
        return find_all_ci(s, pat).collect();
    }
    low.match_indices(pat)
        .map(|(i, m)| (i, i + m.len()))
        .filter(|&(a, b)| {
            s.is_char_boundary(a)
                && s.is_char_boundary(b)
                && s[..a]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !crate::text::is_alphanumeric(c))
                && s[b..]
                    .chars()
                    .next()
                    .is_none_or(|c| !crate::text::is_alphanumeric(c))
        })
        .collect()
}

/// `find_all_lower` for each of `pats` at once, in one pass over `low`: for each
/// pattern, its occurrences in order. The search `CueSet::find` replaced, kept to test
/// it against.
#[cfg(test)]
pub fn find_all_lower_each(s: &str, low: &str, pats: &[&str]) -> Vec<Vec<(usize, usize)>> {
    if low.len() != s.len() {
        return pats.iter().map(|p| find_all_ci(s, p).collect()).collect();
    }
    let mut first = [false; 256];
    for p in pats {
        if let Some(&b) = p.as_bytes().first() {
            first[usize::from(b)] = true;
        }
    }
    let lb = low.as_bytes();
    // some pattern ends as it starts, after a non-word character (`ab ab`): a match
    // of it may hide a whole-word one that starts inside it
    let bordered = bordered(pats);
    let mut out = vec![Vec::new(); pats.len()];
    // where the next match of each pattern may start (`match_indices` does not overlap)
    let mut next = vec![0usize; pats.len()];
    for (i, &x) in lb.iter().enumerate() {
        if !first[usize::from(x)] {
            continue;
        }
        // after an ASCII letter or digit no whole word starts; a match there matters only
        // to a pattern that can overlap itself (`match_indices` does not overlap)
        let inside = i > 0 && lb[i - 1].is_ascii_alphanumeric();
        if inside && !bordered {
            continue;
        }
        for (k, p) in pats.iter().enumerate() {
            if p.as_bytes().first() != Some(&x) || i < next[k] || !lb[i..].starts_with(p.as_bytes())
            {
                continue;
            }
            let (a, b) = (i, i + p.len());
            next[k] = b;
            let whole = !inside
                && s.is_char_boundary(a)
                && s.is_char_boundary(b)
                && s[..a]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !crate::text::is_alphanumeric(c))
                && s[b..]
                    .chars()
                    .next()
                    .is_none_or(|c| !crate::text::is_alphanumeric(c));
            if whole {
                out[k].push((a, b));
            }
        }
    }
    out
}

/// Patterns compiled once for `CueSet::find`: grouped by their first byte, so that a
/// byte of the text is tried against the patterns that start with it and no others.
pub struct CueSet<'p> {
    pats: Vec<&'p str>,
    /// For each byte, 1 + the index in `groups` of the patterns starting with it; 0 when
    /// none does.
    group_of: [u16; 256],
    /// Pattern indices, in list order within a group.
    groups: Vec<Vec<usize>>,
    bordered: bool,
}

impl<'p> CueSet<'p> {
    pub fn new(pats: &[&'p str]) -> CueSet<'p> {
        let mut group_of = [0u16; 256];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, p) in pats.iter().enumerate() {
            let Some(&b) = p.as_bytes().first() else {
                continue;
            };
            let g = &mut group_of[usize::from(b)];
            if *g == 0 {
                groups.push(Vec::new());
                *g = u16::try_from(groups.len()).unwrap_or(u16::MAX);
            }
            if let Some(list) = groups.get_mut(usize::from(*g) - 1) {
                list.push(k);
            }
        }
        CueSet {
            pats: pats.to_vec(),
            group_of,
            groups,
            bordered: bordered(pats),
        }
    }

    /// `find_all_lower_each(s, low, pats)`: the same hits, the same order.
    pub fn find(&self, s: &str, low: &str) -> Vec<Vec<(usize, usize)>> {
        let pats = &self.pats;
        if low.len() != s.len() {
            return pats.iter().map(|p| find_all_ci(s, p).collect()).collect();
        }
        let lb = low.as_bytes();
        let mut out = vec![Vec::new(); pats.len()];
        // where the next match of each pattern may start (`match_indices` does not overlap)
        let mut next = vec![0usize; pats.len()];
        for (i, &x) in lb.iter().enumerate() {
            let g = self.group_of[usize::from(x)];
            if g == 0 {
                continue;
            }
            // see `find_all_lower_each`
            let inside = i > 0 && lb[i - 1].is_ascii_alphanumeric();
            if inside && !self.bordered {
                continue;
            }
            let Some(group) = self.groups.get(usize::from(g) - 1) else {
                continue;
            };
            for &k in group {
                let p = pats[k];
                if i < next[k] || !lb[i..].starts_with(p.as_bytes()) {
                    continue;
                }
                let (a, b) = (i, i + p.len());
                next[k] = b;
                let whole = !inside
                    && s.is_char_boundary(a)
                    && s.is_char_boundary(b)
                    && s[..a]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !crate::text::is_alphanumeric(c))
                    && s[b..]
                        .chars()
                        .next()
                        .is_none_or(|c| !crate::text::is_alphanumeric(c));
                if whole {
                    out[k].push((a, b));
                }
            }
        }
        out
    }
}

/// Whether some pattern ends as it starts, after a non-word character (`ab ab`): then
/// `find_all_lower_each` also tries the places inside a word. The results for one
/// pattern do not depend on the others of the list as long as this is the same.
pub fn bordered(pats: &[&str]) -> bool {
    pats.iter().any(|p| {
        let b = p.as_bytes();
        (1..b.len()).any(|k| {
            p.is_char_boundary(k)
                && b[k..] == b[..b.len() - k]
                && !crate::text::ends_with_word_char(&p[..k])
        })
    })
}

/// Every whole-word occurrence of `pat` in `s`, in order: (start, end).
pub fn find_all_ci<'a>(s: &'a str, pat: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let first = pat.chars().next();
    let mut prev_alnum = false;
    s.char_indices().filter_map(move |(i, c)| {
        let at_word = !prev_alnum;
        prev_alnum = crate::text::is_alphanumeric(c);
        if !at_word || !first.is_some_and(|f| crate::text::lowers_to(c, f)) {
            return None;
        }
        strip_prefix_ci(&s[i..], pat).map(|len| (i, i + len))
    })
}

/// Whether `s`, its end trimmed, ends with the whole words `pat` (lower case).
pub fn ends_with_ci(s: &str, pat: &str) -> bool {
    let t = s.trim_end();
    let mut cut = t.len().saturating_sub(pat.len() + 16);
    while !t.is_char_boundary(cut) {
        cut += 1;
    }
    let low = crate::text::lower_str(&t[cut..]);
    if !low.ends_with(pat) {
        return false;
    }
    let before = low[..low.len() - pat.len()].chars().next_back();
    match before {
        Some(c) => !crate::text::is_alphanumeric(c),
        None => t[..cut]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c)),
    }
}

/// The first of `pats` that `s` ends with (whole words, case-insensitively).
pub fn ends_with_any<'p>(s: &str, pats: &[&'p str]) -> Option<&'p str> {
    pats.iter().copied().find(|p| ends_with_ci(s, p))
}

/// The first of `pats` that `s`, its start trimmed, starts with: (pattern, bytes of `s`
/// up to the end of the match).
pub fn starts_with_any<'p>(s: &str, pats: &[&'p str]) -> Option<(&'p str, usize)> {
    let lead = s.len() - s.trim_start().len();
    pats.iter()
        .copied()
        .find_map(|p| strip_prefix_ci(&s[lead..], p).map(|n| (p, lead + n)))
}

/// `s` with everything inside round brackets blanked out (same length), so list
/// separators and stops inside an aside do not count.
pub fn outside_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || matches!(c, '(' | ')') {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// What stands between two figures of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub len: usize,
    /// A comma outside brackets.
    pub comma: bool,
    /// The word `và` (or `cùng`) outside brackets.
    pub and: bool,
    /// A clause or sentence stop outside brackets: `;`, `:`, `.`, `!`, `?`.
    pub stop: bool,
    /// A digit outside brackets.
    pub digit: bool,
}

pub fn gap(s: &str) -> Gap {
    let o = outside_brackets(s);
    Gap {
        len: s.len(),
        comma: o.contains(','),
        and: find_ci(&o, "và").is_some(),
        stop: o.contains([';', ':', '.', '!', '?', '\n']),
        digit: o.contains(|c: char| c.is_ascii_digit()),
    }
}

/// The words of `s`, lower case, without punctuation.
pub fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !crate::text::is_alphanumeric(c))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_case_insensitive_and_whole_word() {
        assert_eq!(
            strip_prefix_ci("Tổng cộng 32", "tổng cộng"),
            Some("Tổng cộng".len())
        );
        assert_eq!(strip_prefix_ci("tổng cộngx", "tổng cộng"), None);
        assert_eq!(strip_prefix_ci("tổng", "tổng cộng"), None);
    }

    #[test]
    fn find_only_at_word_starts() {
        assert_eq!(find_ci("ban gồm", "gồm"), Some((4, 4 + "gồm".len())));
        assert_eq!(find_ci("bao gồm", "ao gồm"), None);
        let s = "Trong đó a, trong đó b, xtrong đó";
        let hits: Vec<_> = find_all_ci(s, "trong đó").collect();
        assert_eq!(hits.len(), 2);
        assert_eq!(
            find_all_lower(s, &crate::text::lower_str(s), "trong đó"),
            hits
        );
    }

    #[test]
    fn ends_with_checks_the_word_before() {
        assert!(ends_with_ci("vốn FDI tăng ", "tăng"));
        assert!(ends_with_ci("Tăng", "tăng"));
        assert!(
            ends_with_ci("gia tăng", "tăng"),
            "a whole word after a space"
        );
        assert!(!ends_with_ci("xtăng", "tăng"));
        assert!(ends_with_ci("so với mức", "so với mức"));
        assert_eq!(
            ends_with_any("giảm từ", &["tăng từ", "giảm từ"]),
            Some("giảm từ")
        );
    }

    #[test]
    fn brackets_hide_separators() {
        let s = " (Hoa Kỳ và Nhật Bản; quý IV), ";
        let o = outside_brackets(s);
        assert_eq!(o.len(), s.len());
        let g = gap(s);
        assert!(g.comma && !g.and && !g.stop);
        let g = gap(" chuyến thăm và ");
        assert!(g.and && !g.comma);
        assert!(gap("; có ").stop);
    }
}
