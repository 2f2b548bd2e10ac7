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
    /// For each first byte of a character of the text as written, 1 + the index in
    /// `written` of the patterns that may start at that character once it is lowered
    /// (`may_match`); 0 for none.
    written_first: [u8; 256],
    written: Vec<Vec<Start>>,
    /// For two bytes `x y`, at index `x + 256 * y`: whether some start of
    /// `written[written_first[x] - 1]` may begin there, by its second byte (the second
    /// byte of its written character, or `Start::admits` after a one-byte one). Most
    /// places are ruled out by one lookup (`may_match`).
    pairs: Vec<bool>,
}

/// A character of the text as written that lowers to the first character of pattern
/// `pat` (or may: the list holds more than those): its UTF-8 bytes, and the rest of
/// the pattern after that first character.
struct Start {
    written: String,
    pat: usize,
    rest: usize,
    /// The first bytes of the characters that are the pattern's second character or
    /// lower to it (`written_forms`); `None` for a pattern of one character. A place
    /// whose next byte is none of them is passed over without being compared.
    next: Option<[u64; 4]>,
}

impl Start {
    /// Whether the byte `y` after the written first character may start the rest.
    #[inline]
    fn admits(&self, y: Option<u8>) -> bool {
        match (&self.next, y) {
            (None, _) => true,
            (Some(bits), Some(y)) => bits[usize::from(y / 64)] & (1u64 << (y % 64)) != 0,
            (Some(_), None) => false,
        }
    }
}

/// The characters that may lower to `c` (`crate::text::lower`), `c` among them: its
/// upper case, and the two characters outside ASCII that lower to an ASCII letter (`İ`,
/// the Kelvin sign). `cue_set_knows_every_character_that_lowers_to_a_first_one` checks
/// it on every code point for the characters of the cues.
fn written_forms(c: char) -> Vec<char> {
    let mut from: Vec<char> = std::iter::once(c).chain(c.to_uppercase()).collect();
    match c {
        'i' => from.push('\u{130}'),
        'k' => from.push('\u{212a}'),
        _ => {}
    }
    from.dedup();
    from
}

/// The first bytes of `written_forms(c)`, as a set of bytes.
fn first_bytes(c: char) -> [u64; 4] {
    let mut bits = [0u64; 4];
    for w in written_forms(c) {
        let mut buf = [0u8; 4];
        let y = w.encode_utf8(&mut buf).as_bytes()[0];
        bits[usize::from(y / 64)] |= 1u64 << (y % 64);
    }
    bits
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
        let (written_first, written) = written_first(pats);
        let pairs = start_pairs(&written_first, &written);
        CueSet {
            pats: pats.to_vec(),
            group_of,
            groups,
            bordered: bordered(pats),
            written_first,
            written,
            pairs,
        }
    }

    /// Whether some pattern may be found in `s` (whole word or not) once it is lowered:
    /// false only when no pattern starts, character by character in lower case
    /// (`strip_prefix_lower`), anywhere in `s`. Then `find` finds nothing: each
    /// character of a match in the lowered text is the lower case of one character of
    /// `s` (`İ` alone lowers to two, `i` and a combining dot no pattern holds).
    ///
    /// Only places after a byte that is not an ASCII letter or digit are tried: `find`
    /// keeps no match after one in the lowered text, and a character of `s` that is an
    /// ASCII letter or digit lowers to one.
    ///
    /// Two bytes are read at a time, as one `u16`, and looked up in `pairs`: only where
    /// a start may begin is the place read further (`starts_at`).
    pub fn may_match(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        // an index bounded by the length: one load and one lookup a byte
        while i + 1 < b.len() {
            let Some(pair) = b.get(i..i + 2).and_then(|w| <[u8; 2]>::try_from(w).ok()) else {
                break;
            };
            if self.pairs[usize::from(u16::from_le_bytes(pair))] && self.starts_at::<true>(s, i) {
                return true;
            }
            i += 1;
        }
        // the last byte, which no byte follows
        b.len()
            .checked_sub(1)
            .is_some_and(|last| self.starts_at::<true>(s, last))
    }

    /// `may_match` byte by byte, with (`FILTER`) or without the test of the byte after
    /// a first character (`Start::admits`); without it is how `may_match` was first
    /// written, kept to test the filters against.
    #[cfg(test)]
    fn scan<const FILTER: bool>(&self, s: &str) -> bool {
        (0..s.len()).any(|i| self.starts_at::<FILTER>(s, i))
    }

    /// Whether some pattern may start at byte `i` of `s` (`may_match`).
    #[inline]
    fn starts_at<const FILTER: bool>(&self, s: &str, i: usize) -> bool {
        let b = s.as_bytes();
        let Some(&x) = b.get(i) else {
            return false;
        };
        let g = self.written_first[usize::from(x)];
        if g == 0 || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            return false;
        }
        let Some(starts) = self.written.get(usize::from(g) - 1) else {
            return false;
        };
        starts.iter().any(|st| {
            let tail = st.written.as_bytes().get(1..).unwrap_or_default();
            let after = i + 1 + tail.len();
            if !(tail.is_empty() || b.get(i + 1..after) == Some(tail))
                || (FILTER && !st.admits(b.get(after).copied()))
            {
                return false;
            }
            let (Some(r), Some(p)) = (s.get(after..), self.pats[st.pat].get(st.rest..)) else {
                return false;
            };
            crate::text::strip_prefix_lower(r, p).is_some()
        })
    }

    /// `find`, skipping the lowering and the search where `may_match` says there is
    /// nothing to find: then `None`, which stands for no hit of any pattern (most
    /// passages, which are spared a list of empty lists each).
    pub fn find_in(
        &self,
        s: &str,
        low: impl FnOnce() -> String,
    ) -> Option<Vec<Vec<(usize, usize)>>> {
        self.may_match(s).then(|| self.find(s, &low()))
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

/// For each byte, the patterns whose first character is the lower case of a character
/// starting with that byte: the first character itself, its upper case, and the two
/// characters outside ASCII that lower to an ASCII letter (`İ`, the Kelvin sign).
/// `cue_set_knows_every_character_that_lowers_to_a_first_one` checks it on every code
/// point. A pattern that starts with another one (`tổng cộng lại`, `tổng cộng`) is left
/// out: where it matches, so does the shorter one.
fn written_first(pats: &[&str]) -> ([u8; 256], Vec<Vec<Start>>) {
    let mut table = [0u8; 256];
    let mut groups: Vec<Vec<Start>> = Vec::new();
    for (k, p) in pats.iter().enumerate() {
        let Some(f) = p.chars().next() else {
            continue;
        };
        let longer = pats
            .iter()
            .enumerate()
            .any(|(j, q)| p.starts_with(q) && (q.len() < p.len() || j < k));
        if longer {
            continue;
        }
        let next = p.chars().nth(1).map(first_bytes);
        for c in written_forms(f) {
            let written = c.to_string();
            let lead = usize::from(written.as_bytes()[0]);
            if table[lead] == 0 {
                groups.push(Vec::new());
                table[lead] = u8::try_from(groups.len()).unwrap_or(u8::MAX);
            }
            if let Some(g) = groups.get_mut(usize::from(table[lead]) - 1) {
                g.push(Start {
                    written,
                    pat: k,
                    rest: f.len_utf8(),
                    next,
                });
            }
        }
    }
    (table, groups)
}

/// `CueSet::pairs`: for each first byte `x` of a group of `written` and each byte `y`,
/// whether a start of the group may begin with `x y` (`CueSet::starts_at` tests the same
/// and more: its written character's bytes, or `Start::admits` of the byte after).
fn start_pairs(written_first: &[u8; 256], written: &[Vec<Start>]) -> Vec<bool> {
    let mut pairs = vec![false; 65536];
    for x in 0..=255u8 {
        let g = usize::from(written_first[usize::from(x)]);
        let Some(starts) = g.checked_sub(1).and_then(|g| written.get(g)) else {
            continue;
        };
        for y in 0..=255u8 {
            pairs[usize::from(u16::from_le_bytes([x, y]))] =
                starts.iter().any(|st| match st.written.as_bytes().get(1) {
                    Some(&second) => second == y,
                    None => st.admits(Some(y)),
                });
        }
    }
    pairs
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

/// Whether `s`, its end trimmed, ends with the whole words `pat` (lower case): its last
/// `pat.len() + 16` bytes are read from the end, each character lowered as it is read,
/// with no lower-cased copy (`ends_with_ci_slow` made one).
pub fn ends_with_ci(s: &str, pat: &str) -> bool {
    let t = s.trim_end();
    let mut cut = t.len().saturating_sub(pat.len() + 16);
    while !t.is_char_boundary(cut) {
        cut += 1;
    }
    // the lower case of `t[cut..]` backwards, character by character
    let mut low = t[cut..].chars().rev().flat_map(lower_rev);
    for p in pat.chars().rev() {
        if low.next() != Some(p) {
            return false;
        }
    }
    match low.next() {
        Some(c) => !crate::text::is_alphanumeric(c),
        None => t[..cut]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c)),
    }
}

/// The lower case of `c` (`char::to_lowercase`) backwards: one character for all but
/// `İ` (`i` and a combining dot). A capital sigma lowers to `σ` here, where in a string
/// it may become `ς`; both are letters, and no pattern holds either.
#[inline]
fn lower_rev(c: char) -> impl Iterator<Item = char> {
    let (a, b) = if c == '\u{130}' {
        ('\u{307}', Some('i'))
    } else {
        (crate::text::lower(c), None)
    };
    std::iter::once(a).chain(b)
}

/// `ends_with_ci` as first written, lower-casing the end of `s`: kept to test it
/// against.
#[cfg(test)]
pub fn ends_with_ci_slow(s: &str, pat: &str) -> bool {
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

    /// Only `İ` lowers to more than one character (which `lower_rev` relies on).
    #[test]
    fn one_character_lowers_to_two() {
        let many: Vec<char> = (0..=0x10_ffffu32)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().count() > 1)
            .collect();
        assert_eq!(many, vec!['\u{130}']);
    }

    /// `ends_with_ci` reading backwards answers as `ends_with_ci_slow`, for every pattern
    /// the checks use, at the end of every line of every project text cut after each
    /// word, and on made-up ends (`İ`, `Σ`, the Kelvin sign, long words).
    #[test]
    fn ends_with_ci_reads_as_ends_with_ci_slow() {
        let pats = [
            "từ",
            "tăng",
            "giảm",
            "gấp",
            "với",
            "tăng từ",
            "giảm từ",
            "so với mức",
            "lên",
            "xuống",
            "tức",
            "đạt",
            "thêm",
            "gia tăng",
            "sụt giảm",
            "kỳ",
            "i",
            "lại",
            "k",
        ];
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "vốn tăng İ",
                "xİ tăng",
                "Σtăng",
                "ΑΣ TĂNG  ",
                "\u{212a}\u{212a}\u{212a}ỳ",
                "đã \u{212a}Ỳ",
                "cộng lạİ",
                "TỪ",
                "x từ",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa từ",
                "ááááááááááááááááááá giảm từ",
                "",
                " ",
                "từ\n",
                "SO VỚI MỨC",
            ]
            .map(String::from),
        );
        let (mut tried, mut yes) = (0, 0);
        for t in &texts {
            for line in t.lines() {
                let mut ends = vec![line.len()];
                crate::text::for_each_word(line, |_, e| ends.push(e));
                for e in ends {
                    let s = &line[..e];
                    for p in pats {
                        let fast = ends_with_ci(s, p);
                        assert_eq!(fast, ends_with_ci_slow(s, p), "{s:?} {p:?}");
                        tried += 1;
                        yes += usize::from(fast);
                    }
                }
            }
        }
        assert!(tried > 1_000_000 && yes > 1000, "{tried} {yes}");
    }

    /// Every character that lowers to the first character of a cue is looked at by
    /// `CueSet::may_match`, and every one that lowers to its second character is let
    /// through by `Start::admits`: checked on every code point for the cues of the checks.
    #[test]
    fn cue_set_knows_every_character_that_lowers_to_a_first_one() {
        let cues = super::super::cue_list();
        let set = CueSet::new(&cues);
        let (mut seen, mut admitted) = (0, 0);
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            for p in &cues {
                let f = p.chars().next();
                if f == Some(crate::text::lower(c)) || f == Some(c) {
                    let g = usize::from(set.written_first[usize::from(lead)]);
                    assert!(g > 0, "{c:?} {p}");
                    let known = set.written[g - 1]
                        .iter()
                        .any(|st| p.starts_with(cues[st.pat]) && st.written == c.to_string());
                    assert!(known, "{c:?} {p}");
                    seen += 1;
                }
                // and every character that lowers to its second one passes `admits`
                let second = p.chars().nth(1);
                if second == Some(crate::text::lower(c)) || second == Some(c) {
                    let starts = set.written.iter().flatten().filter(|st| cues[st.pat] == *p);
                    for st in starts {
                        assert!(st.admits(Some(lead)), "{c:?} second in {p}");
                        admitted += 1;
                    }
                }
            }
        }
        assert!(seen >= 2 * cues.len(), "{seen}");
        assert!(admitted >= 2 * cues.len(), "{admitted}");
    }

    /// `CueSet::find_in` finds what `find` finds on the lowered text, in every sentence
    /// and every line of every project text, and on made-up ones.
    #[test]
    fn cues_skipped_where_none_may_match_are_not_there() {
        let cues = super::super::cue_list();
        let set = CueSet::new(&cues);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "TỔNG CỘNG LẠİ 5, ÍT HƠN 3",
                "Σ trong đó ΣΣ",
                "xtrong đó, bao gồmx",
                "İt hơn",
                "\u{212a}ém hơn 2",
                "NHIỀU HƠN",
                "cao hơnnhiều",
                "",
                "t",
                "T",
                "\u{a0}trong\u{a0}đó\r\ntổng\u{200b}cộng",
                "to\u{302}\u{309}ng co\u{323}\u{302}ng 99999999999999999999",
            ]
            .map(String::from),
        );
        // every cue in a sentence, as written and in upper case: hits on any machine,
        // with or without the shared texts
        texts.extend(cues.iter().flat_map(|c| {
            [
                format!("Năm 2024 toàn tỉnh {c} 12 dự án"),
                format!("NĂM 2024 TOÀN TỈNH {} 12 DỰ ÁN", c.to_uppercase()),
            ]
        }));
        let (mut passages, mut skipped, mut hits) = (0, 0, 0);
        for t in &texts {
            for s in t.split(['.', '\n']) {
                let low = crate::text::lower_str(s);
                let want = set.find(s, &low);
                let found = set.find_in(s, || low.clone());
                let none = vec![Vec::new(); want.len()];
                assert_eq!(found.as_ref().unwrap_or(&none), &want, "{s}");
                passages += 1;
                skipped += usize::from(!set.may_match(s));
                assert_eq!(set.may_match(s), set.scan::<false>(s), "{s}");
                hits += want.iter().map(Vec::len).sum::<usize>();
            }
        }
        assert!(
            passages > 5000 && skipped > 1000 && hits > 100,
            "{passages} {skipped} {hits}"
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
