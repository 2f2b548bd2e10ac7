//! What a figure means in its sentence: the subject it is about, the time it is about,
//! and the part it plays (total, increment, target...).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};

use super::lexwords::{CLAUSE_STARTERS, LINK_WORDS};
use super::mention::{Mention, ends_with_word};
use crate::claim::{Kind, Role, TimeSource, Value};
use crate::text::{self, lower, lower_aligned, lower_into, lower_str as lowercase};
use crate::time::{TimeExpr, TimePoint};

/// A block and its lower case, made once for all its figures. When the block lower-cases
/// character for character (`text::lower_aligned`: every Vietnamese text does), the lower
/// case of any stretch of it is the same stretch of the lower-cased block, so no figure
/// lower-cases its own context again; otherwise each stretch is lower-cased on its own.
pub struct Lowered<'a> {
    pub t: &'a str,
    lower: Option<String>,
}

impl<'a> Lowered<'a> {
    pub fn new(t: &'a str) -> Lowered<'a> {
        Lowered {
            t,
            lower: lower_aligned(t),
        }
    }

    /// The block lower-cased, as a whole, when it lower-cases character for character.
    fn aligned(&self, r: Range<usize>) -> Option<&str> {
        self.lower.as_deref()?.get(r)
    }

    /// `t[r]` in lower case.
    fn lower(&self, r: Range<usize>) -> Cow<'_, str> {
        match self.aligned(r.clone()) {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Owned(lowercase(&self.t[r])),
        }
    }

    /// Whether the lower case of `t[..end]` ends with `phrase` (lower case).
    fn lower_ends_with(&self, end: usize, phrase: &str) -> bool {
        match self.aligned(0..end) {
            Some(l) => l.ends_with(phrase),
            None => lower_ends_with(&self.t[..end], phrase),
        }
    }
}

/// Sentences of a block: ranges ending after `.`, `!`, `?` or `…` followed by a space and
/// a capital or digit, or at a line break. A dot between digits (`1.700`) never ends one.
/// Only the bytes that may end one are looked at (`Marks`); `…` is E2 80 A6.
pub fn sentences(t: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    for i in Marks::new(bytes) {
        let (c, len) = match bytes[i] {
            b'\n' => ('\n', 1),
            b'.' => ('.', 1),
            b'!' => ('!', 1),
            b'?' => ('?', 1),
            0xe2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xa6]) => ('…', 3),
            _ => continue,
        };
        let end = i + len;
        let boundary = c == '\n' || {
            let rest = &t[end..];
            let after = rest.trim_start_matches([' ', '"', '”', '’', ')']);
            let spaced = rest.starts_with(' ') || rest.starts_with('\n') || rest.is_empty();
            spaced
                && (after.is_empty()
                    || after.starts_with(|n: char| text::is_uppercase(n) || n == '\n'))
                && !(c == '.'
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && rest.starts_with(|n: char| n.is_ascii_digit()))
        };
        if boundary {
            if t[start..end].trim().len() > 1 {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < t.len() && !t[start..].trim().is_empty() {
        out.push(start..t.len());
    }
    out
}

/// The offsets, in order, of the bytes `.` `!` `?` `\n` and E2 (the lead byte of `…`, and
/// of other punctuation) in a text: two memchr searches (memchr takes at most three
/// needles) merged, so the bytes between marks are skipped many at a time.
struct Marks<'a> {
    stops: memchr::Memchr3<'a>,
    others: memchr::Memchr2<'a>,
    next_stop: Option<usize>,
    next_other: Option<usize>,
}

impl<'a> Marks<'a> {
    fn new(b: &'a [u8]) -> Marks<'a> {
        let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', b);
        let mut others = memchr::memchr2_iter(b'\n', 0xe2, b);
        Marks {
            next_stop: stops.next(),
            next_other: others.next(),
            stops,
            others,
        }
    }
}

impl Iterator for Marks<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match (self.next_stop, self.next_other) {
            (Some(a), Some(b)) if b < a => {
                self.next_other = self.others.next();
                Some(b)
            }
            (Some(a), _) => {
                self.next_stop = self.stops.next();
                Some(a)
            }
            (None, Some(b)) => {
                self.next_other = self.others.next();
                Some(b)
            }
            (None, None) => None,
        }
    }
}

/// Words that make a figure a goal or a forecast when they come earlier in its sentence;
/// searched in groups (`TARGET_GROUPS`, `FORECAST_GROUPS`), tested to hold these lists.
#[cfg(test)]
const TARGET_CUES: &[&str] = &[
    "mục tiêu",
    "phấn đấu",
    "chỉ tiêu",
    "kế hoạch",
    "định hướng",
    "hướng tới",
];
#[cfg(test)]
const FORECAST_CUES: &[&str] = &["dự báo", "dự kiến", "dự đoán", "ước tính sẽ"];
/// Verbs that open a subject phrase and are not part of it.
const LEAD_VERBS: &[&str] = &[
    "hoàn tất",
    "việc",
    "thiết lập",
    "đưa",
    "nâng",
    "thu hút",
    "ký kết",
    "ký",
    "tham gia",
    "tổ chức",
    "triển khai",
    "đón",
    "tiếp đón",
    "thực hiện",
    "có",
    "có thêm",
    "đạt",
    "đạt được",
    "ghi nhận",
    "công nhận",
    "với",
    "và",
    "của",
    "cho",
    "là",
    "gồm",
    "tiếp tục",
    "duy trì",
    "mở rộng",
];
/// Words left behind by a blanked date or duration (`trong ... qua`): dropped.
const TIME_FILLERS: &[&str] = &[
    "trong",
    "qua",
    "vừa qua",
    "suốt",
    "tính",
    "hết",
    "cả",
    "đến",
    "tới",
];
/// Words that stop the walk left: auxiliaries and conjunctions before a subject phrase.
const LEFT_STOPS: &[&str] = &[
    "đã",
    "đang",
    "sẽ",
    "là",
    "thì",
    "mà",
    "nhằm",
    "để",
    "khi",
    "nhưng",
    "song",
    "còn",
    "trong khi",
    "bởi",
    "vì",
    "do",
    "nên",
    "rằng",
    "có",
    "vẫn",
    "cũng",
    "đều",
    "hiện",
    "nay",
];

// The two lists as `WordIndex`es: every word of the walk is looked up in both, and going
// down thirty-odd strings for each word was a good part of `subject`'s own time.
static TIME_FILLER_SET: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::set(TIME_FILLERS));
static LEFT_STOP_SET: LazyLock<WordIndex<()>> = LazyLock::new(|| WordIndex::set(LEFT_STOPS));

/// A few words, each with a value, filed under their length and first and last bytes: a
/// word is compared only with the few (mostly none) filed where it would be. Cheaper than
/// a hash map for words of a few bytes, which would hash every byte.
struct WordIndex<T>([Vec<(&'static str, T)>; 64]);

impl<T: Default> WordIndex<T> {
    fn new() -> WordIndex<T> {
        WordIndex(std::array::from_fn(|_| Vec::new()))
    }

    fn slot(w: &str) -> usize {
        let b = w.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let mix =
            b.len() + 5 * usize::from(first.unwrap_or(0)) + 3 * usize::from(last.unwrap_or(0));
        mix % 64
    }

    /// The value of `w`, made (default) if it has none.
    fn entry(&mut self, w: &'static str) -> &mut T {
        let slot = &mut self.0[WordIndex::<T>::slot(w)];
        let k = match slot.iter().position(|(s, _)| *s == w) {
            Some(k) => k,
            None => {
                slot.push((w, T::default()));
                slot.len() - 1
            }
        };
        &mut slot[k].1
    }

    fn get(&self, w: &str) -> Option<&T> {
        self.0[WordIndex::<T>::slot(w)]
            .iter()
            .find(|(s, _)| *s == w)
            .map(|(_, v)| v)
    }
}

impl WordIndex<()> {
    fn set(words: &[&'static str]) -> WordIndex<()> {
        let mut set = WordIndex::new();
        for w in words {
            set.entry(w);
        }
        set
    }

    fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

/// Period words that go with a blanked period (`giai đoạn 2021-2025`).
const PERIOD_WORDS: [&str; 4] = ["giai đoạn", "nhiệm kỳ", "Giai đoạn", "Nhiệm kỳ"];

// Substring searchers for the phrases above, built once: building one per search was a
// good part of the cost of every figure's context.
static PERIOD_FINDERS: LazyLock<Vec<Finder>> = LazyLock::new(|| finders(&PERIOD_WORDS));
/// What `giai đoạn`/`Giai đoạn` and `nhiệm kỳ`/`Nhiệm kỳ` share: a text holding neither
/// holds no period word.
static PERIOD_TAILS: LazyLock<Vec<Finder>> = LazyLock::new(|| finders(&["iai đoạn", "hiệm kỳ"]));

/// `n` spaces, borrowed for the short runs a blanked word or date needs.
fn spaces(n: usize) -> Cow<'static, str> {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..n) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(" ".repeat(n)),
    }
}
static STARTER_FINDERS: LazyLock<Vec<LastFinder>> =
    LazyLock::new(|| CLAUSE_STARTERS.iter().map(|p| LastFinder::new(p)).collect());
static TOTAL_FINDER: LazyLock<LastFinder> = LazyLock::new(|| LastFinder::new("tổng số"));

/// A search for the last occurrence of a phrase that first asks whether there is one:
/// the forward search (vectorised) costs about half the backward one, and nearly every
/// clause holds none of the phrases.
struct LastFinder {
    any: Finder<'static>,
    last: FinderRev<'static>,
}

impl LastFinder {
    fn new(phrase: &'static str) -> LastFinder {
        LastFinder {
            any: Finder::new(phrase.as_bytes()),
            last: FinderRev::new(phrase.as_bytes()),
        }
    }

    /// Where the last occurrence in `hay` starts, as `FinderRev::rfind` says.
    fn rfind(&self, hay: &[u8]) -> Option<usize> {
        self.any.find(hay)?;
        self.last.rfind(hay)
    }
}
/// The forecast and target cues under a text each cue of a group holds (`dự ` for `dự
/// báo`, `dự kiến`, `dự đoán`): a clause without it is passed over with one search for
/// the group. Every cue of the lists is in one group (tested).
const FORECAST_GROUPS: &[(&str, &[&str])] = &[
    ("dự ", &["dự báo", "dự kiến", "dự đoán"]),
    ("ước tính sẽ", &["ước tính sẽ"]),
];
const TARGET_GROUPS: &[(&str, &[&str])] = &[
    ("tiêu", &["mục tiêu", "chỉ tiêu"]),
    ("hướng", &["định hướng", "hướng tới"]),
    ("phấn đấu", &["phấn đấu"]),
    ("kế hoạch", &["kế hoạch"]),
];
static FORECAST_FINDERS: LazyLock<CueGroups> = LazyLock::new(|| CueGroups::new(FORECAST_GROUPS));
static TARGET_FINDERS: LazyLock<CueGroups> = LazyLock::new(|| CueGroups::new(TARGET_GROUPS));

/// Searchers for cue phrases in groups (see `FORECAST_GROUPS`).
struct CueGroups(Vec<(Finder<'static>, Vec<Finder<'static>>)>);

impl CueGroups {
    fn new(groups: &[(&'static str, &[&'static str])]) -> CueGroups {
        CueGroups(
            groups
                .iter()
                .map(|(key, cues)| (Finder::new(key.as_bytes()), finders(cues)))
                .collect(),
        )
    }

    /// Whether any of the cues occurs in `hay`.
    fn any_in(&self, hay: &[u8]) -> bool {
        self.0.iter().any(|(key, cues)| {
            key.find(hay).is_some() && cues.iter().any(|f| f.find(hay).is_some())
        })
    }
}
/// What `trong đó`, `bên cạnh đó` and `nhờ đó` of the clause starters end with (and no
/// other starter holds; tested): a clause without it is searched for the other two only.
static DO_FINDER: LazyLock<Finder> = LazyLock::new(|| Finder::new("đó"));
static IN_WHICH_FINDER: LazyLock<Finder> = LazyLock::new(|| Finder::new("trong đó"));

fn finders(phrases: &[&'static str]) -> Vec<Finder<'static>> {
    phrases.iter().map(|p| Finder::new(p.as_bytes())).collect()
}

/// How many words of a clause the subject phrase takes at most.
const SUBJECT_WORDS: usize = 8;

/// The subject phrase of a mention: the noun phrase before it in its clause, joined to
/// the counted noun after it.
pub fn subject(low: &Lowered, sentence_start: usize, m: &Mention, all: &[Mention]) -> String {
    let t = low.t;
    let (from, to) = (sentence_start.min(m.range.start), m.range.start);
    // dates and durations in the way (`đầu tư toàn cầu trong 10 năm qua giảm từ ...`) are
    // scope, not subject: blank them so the walk goes past them
    // the stretches blanked, relative to `from`, kept to blank the lower case alike
    let mut blanks: Vec<Range<usize>> = between(all, from, to)
        .iter()
        .filter(|o| matches!(o.kind, Kind::Date | Kind::Duration))
        .map(|o| o.range.start - from..o.range.end - from)
        .collect();
    let mut owned: Option<String> = if blanks.is_empty() {
        None
    } else {
        // mentions lie on character boundaries: `with_blanks` always blanks them
        Some(with_blanks(&t[from..to], &blanks).unwrap_or_else(|| t[from..to].to_string()))
    };
    // the clause is cut before the period words are blanked: they hold none of the marks
    // `clause_cut` looks for, so blanking them moves no cut, and what lies before the cut
    // is never read
    let clause_start = clause_cut(owned.as_deref().unwrap_or(&t[from..to]));
    // `giai đoạn`, `nhiệm kỳ` before a blanked period go with it (each of the four holds
    // one of the two tails looked for first), looked for in the clause only
    let hay = owned.as_deref().unwrap_or(&t[from..to]);
    let hay = hay.get(clause_start..).unwrap_or("").as_bytes();
    if PERIOD_TAILS.iter().any(|f| f.find(hay).is_some()) {
        for (pair, finder) in PERIOD_WORDS.iter().zip(PERIOD_FINDERS.iter()) {
            let whole = owned.as_deref().unwrap_or(&t[from..to]);
            let (Some(head), Some(hay)) = (whole.get(..clause_start), whole.get(clause_start..))
            else {
                break;
            };
            if finder.find(hay.as_bytes()).is_some() {
                blanks.extend(
                    hay.match_indices(pair)
                        .map(|(p, _)| clause_start + p..clause_start + p + pair.len()),
                );
                let blanked = head.to_string() + &hay.replace(pair, &spaces(pair.len()));
                owned = Some(blanked);
            }
        }
    }
    let left = owned.as_deref().unwrap_or(&t[from..to]);
    // the lower case of `left`: the block's, with the same stretches blanked (a lower
    // case keeps every character's bytes where they were, and spaces where they were)
    let left_lower: Option<Cow<str>> = match low.aligned(from..to) {
        Some(l) if owned.is_none() => Some(Cow::Borrowed(l)),
        Some(l) => {
            blanks.sort_unstable_by_key(|r| r.start);
            with_blanks(l, &blanks)
                .or_else(|| blank_like(l, left))
                .map(Cow::Owned)
        }
        None => None,
    };
    let mut clause = &left[clause_start..];
    // the clause's lower case; its tails are then the lower case of the clause's tails
    let own_lower;
    let lower_clause: Option<&str> = match &left_lower {
        Some(l) => l.get(clause_start..),
        None => {
            own_lower = lower_in_place(clause);
            own_lower.as_deref()
        }
    };
    let lower_of = |c: &str| match lower_clause {
        Some(l) => Cow::Borrowed(&l[l.len() - c.len()..]),
        None => Cow::Owned(lowercase(c)),
    };
    let has_do = DO_FINDER.find(lower_of(clause).as_bytes()).is_some();
    for (starter, finder) in CLAUSE_STARTERS.iter().zip(STARTER_FINDERS.iter()) {
        // the clause only shrinks: a phrase it did not hold, no later clause holds
        if !has_do && starter.ends_with("đó") {
            continue;
        }
        let cut = finder
            .rfind(lower_of(clause).as_bytes())
            .map(|p| p + starter.len());
        if let Some(p) = cut.filter(|p| clause.is_char_boundary(*p)) {
            clause = &clause[p..];
        }
    }
    // `tổng số danh hiệu UNESCO của Việt Nam lên 77`: what follows `tổng số` is the subject
    let total_at = TOTAL_FINDER
        .rfind(lower_of(clause).as_bytes())
        .map(|p| p + "tổng số".len());
    let anchored = total_at
        .filter(|p| clause.is_char_boundary(*p))
        .map(|p| &clause[p..]);
    let clause = anchored.unwrap_or(clause);
    // the block's lower case of the clause (blanked like it), when the block has one: a
    // word's lower case is then the same stretch of it, and is not made again
    let clause_lower: Option<&str> = left_lower
        .as_deref()
        .and_then(|l| l.get(l.len().checked_sub(clause.len())?..));
    let lower_of_word = |w| word_lower(w, clause, clause_lower);
    // the words from the right, only as far as the walk goes
    let mut tokens = clause
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !text::is_alphanumeric(c)))
        .filter(|w| !w.is_empty())
        .peekable();
    // each word with its lower case, made once for the filler test and the phrase; at
    // most `SUBJECT_WORDS` of them, kept on the stack
    let mut words: [(&str, Cow<str>); SUBJECT_WORDS] = Default::default();
    let mut n = 0;
    while let Some(slot) = words.get_mut(n) {
        let Some(w) = tokens.next() else {
            break;
        };
        // a capital that only opens the sentence is no name
        let opens_sentence = tokens.peek().is_none() && clause_start == 0 && anchored.is_none();
        if is_title_case(w) && !opens_sentence {
            // skip a possessive name, `của Việt Nam`, and go on
            while tokens.next_if(|p| is_title_case(p)).is_some() {}
            let possessive =
                |p: &&str| matches!(*p, "của" | "vào" | "tại" | "ở" | "về" | "sang" | "từ");
            if tokens.next_if(possessive).is_some() {
                continue;
            }
            break;
        }
        let lower = lower_of_word(w);
        if TIME_FILLER_SET.contains(&lower) {
            continue;
        }
        let stop = anchored.is_none() && LEFT_STOP_SET.contains(w);
        if stop || w.bytes().any(|c| c.is_ascii_digit()) {
            break;
        }
        *slot = (w, lower);
        n += 1;
    }
    let words = &mut words[..n];
    words.reverse();
    // lower case, but acronyms (`FDI`, `UNESCO`, `ASEAN`) keep their capitals
    let mut shown = [""; SUBJECT_WORDS];
    for (s, (w, lower)) in shown.iter_mut().zip(words.iter()) {
        *s = if is_acronym(w) { w } else { lower.as_ref() };
    }
    let mut phrase = &shown[..n];
    trim_phrases(&mut phrase, &LINK_PHRASES, false);
    trim_phrases(&mut phrase, &LEAD_PHRASES, true);
    join_subject(phrase, m.noun.as_deref())
}

/// The words of a subject phrase joined by spaces, then ` … ` and the counted noun if
/// there is one (the noun alone when there are no words), built in one string.
fn join_subject(words: &[&str], noun: Option<&str>) -> String {
    let joined_len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
    if joined_len == 0 {
        return noun.map_or_else(String::new, str::to_string);
    }
    let mut out = String::with_capacity(joined_len + noun.map_or(0, |n| " … ".len() + n.len()));
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    if let Some(noun) = noun {
        out.push_str(" … ");
        out.push_str(noun);
    }
    out
}

/// `text` with the byte ranges `blanks` (in order of their starts; they may overlap) as
/// spaces, or `None` if one does not lie on character boundaries.
fn with_blanks(text: &str, blanks: &[Range<usize>]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in blanks {
        let start = r.start.max(at);
        let end = r.end.max(start);
        out.push_str(text.get(at..start)?);
        text.get(start..end)?;
        out.push_str(&spaces(end - start));
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// `lower` (the lower case of some text) with spaces wherever `blanked` (that text with
/// some whole characters blanked) has them: the lower case of `blanked`, since a lower
/// case keeps every character's bytes where they were. `None` if the two do not line up.
fn blank_like(lower: &str, blanked: &str) -> Option<String> {
    let (l, b) = (lower.as_bytes(), blanked.as_bytes());
    if l.len() != b.len() {
        return None;
    }
    let mut out = String::with_capacity(lower.len());
    let (mut k, mut from) = (0, 0);
    while k < l.len() {
        if b[k] != b' ' || l[k] == b' ' {
            k += 1;
            continue;
        }
        // a blanked stretch: whole characters, up to the next kept character or space
        let run = k;
        while k < l.len() && b[k] == b' ' && l[k] != b' ' {
            k += 1;
        }
        out.push_str(lower.get(from..run)?);
        out.extend(std::iter::repeat_n(' ', k - run));
        from = k;
    }
    out.push_str(lower.get(from..)?);
    Some(out)
}

/// Where the clause that ends `left` starts: after its last `,` `;` `:` `(` `)` `"` `“`
/// `”` `–`, or 0. The last ASCII mark is found by memchr; the three non-ASCII marks
/// (E2 80 9C, 9D, 93) are then looked for after it, by their last byte.
fn clause_cut(left: &str) -> usize {
    let b = left.as_bytes();
    let ascii = [
        memchr::memrchr3(b',', b';', b':', b),
        memchr::memrchr3(b'(', b')', b'"', b),
    ]
    .into_iter()
    .flatten()
    .max();
    let from = ascii.map_or(0, |p| p + 1);
    let mark = memchr::memrchr3_iter(0x9c, 0x9d, 0x93, &b[from..])
        .map(|k| from + k)
        .find(|&k| k >= 2 && b[k - 1] == 0x80 && b[k - 2] == 0xe2);
    mark.map_or(from, |k| k + 1)
}

/// `clause_cut` as first written, a byte at a time from the end: the reference.
#[cfg(test)]
fn clause_cut_bytewise(left: &str) -> usize {
    let b = left.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b',' | b';' | b':' | b'(' | b')' | b'"' => return i + 1,
            0x9c | 0x9d | 0x93 if i >= 2 && b[i - 1] == 0x80 && b[i - 2] == 0xe2 => {
                return i + 1;
            }
            _ => {}
        }
    }
    0
}

/// `w` in lower case, borrowed when it already is (most words), without allocating for
/// a short word.
fn lower_word(w: &str) -> Cow<'_, str> {
    let mut buf = [0u8; 64];
    match lower_into(w, &mut buf) {
        Some(l) if l == w.as_bytes() => Cow::Borrowed(w),
        Some(l) => match std::str::from_utf8(l) {
            Ok(s) => Cow::Owned(s.to_string()),
            Err(_) => Cow::Owned(lowercase(w)),
        },
        None => Cow::Owned(lowercase(w)),
    }
}

/// The lower case of `w`, a word of `clause`: the same stretch of `clause_lower` (the
/// clause's lower case, byte for byte) when there is one, else `lower_word`.
fn word_lower<'a>(w: &'a str, clause: &str, clause_lower: Option<&'a str>) -> Cow<'a, str> {
    let at = (w.as_ptr() as usize).checked_sub(clause.as_ptr() as usize);
    let same = clause_lower
        .zip(at)
        .and_then(|(l, at)| l.get(at..at.checked_add(w.len())?));
    match same {
        Some(l) => Cow::Borrowed(l),
        None => lower_word(w),
    }
}

/// The mentions (sorted, not overlapping, as `scan` gives them) that lie within
/// `start..end`: a binary search instead of a scan of every mention of the block.
pub fn between(all: &[Mention], start: usize, end: usize) -> &[Mention] {
    let lo = all.partition_point(|o| o.range.start < start);
    let hi = all.partition_point(|o| o.range.end <= end).max(lo);
    &all[lo..hi]
}

/// `text` lower-cased when every character lower-cases to one character of the same
/// UTF-8 length (all of Vietnamese does), so that for any char boundary `p` the lower case
/// of `text[p..]` is `lower[p..]`; `None` otherwise (and for `Σ`, whose lower case depends
/// on its neighbours).
fn lower_in_place(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if matches!(c as u32, 0xc0..=0x12f | 0x131..=0x24f | 0x1e00..=0x1eff) {
            let lc = lower(c);
            // `Ⱥ` lower-cases to a three-byte letter
            if lc.len_utf8() != c.len_utf8() {
                return None;
            }
            out.push(lc);
            continue;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(lc), None) if lc.len_utf8() == c.len_utf8() && c != 'Σ' => out.push(lc),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether the lower case of `text` ends with `phrase` (lower case, short): only the tail
/// of `text` is lower-cased, so the cost does not grow with the text before it.
fn lower_ends_with(text: &str, phrase: &str) -> bool {
    // the tail is long enough that its lower case still holds `phrase` whole
    let mut cut = text.len().saturating_sub(4 * phrase.len() + 16);
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    lowercase(&text[cut..]).ends_with(phrase)
}

/// `Việt`, `Nam`: a capitalised word that is not an acronym.
fn is_title_case(w: &str) -> bool {
    w.starts_with(text::is_uppercase) && w.chars().any(text::is_lowercase)
}

/// `FDI`, `UNESCO`: a word of two or more characters whose letters are all capitals.
fn is_acronym(w: &str) -> bool {
    w.chars()
        .filter(|&c| text::is_alphabetic(c))
        .all(text::is_uppercase)
        && w.chars().nth(1).is_some()
}

/// A phrase list split into words once, longest phrase (in words) first, so `bao gồm` is
/// tried before `gồm`; the order among phrases of one length is the list's own. Indexed
/// by first and by last word: only the phrases that end (or start) with the word at the
/// end (or start) can match there.
struct Phrases {
    list: Vec<Vec<&'static str>>,
    by_first: WordIndex<Vec<usize>>,
    by_last: WordIndex<Vec<usize>>,
}

impl Phrases {
    fn new(phrases: &[&'static str]) -> Phrases {
        let mut list: Vec<Vec<&'static str>> =
            phrases.iter().map(|p| p.split(' ').collect()).collect();
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut by_first: WordIndex<Vec<usize>> = WordIndex::new();
        let mut by_last: WordIndex<Vec<usize>> = WordIndex::new();
        for (i, p) in list.iter().enumerate() {
            if let (Some(first), Some(last)) = (p.first(), p.last()) {
                by_first.entry(first).push(i);
                by_last.entry(last).push(i);
            }
        }
        Phrases {
            list,
            by_first,
            by_last,
        }
    }
}

static LINK_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(LINK_WORDS));
static LEAD_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(LEAD_VERBS));

/// Remove any of `phrases` (one or more words) repeatedly from the end, or the start.
fn trim_phrases(words: &mut &[&str], phrases: &Phrases, from_start: bool) {
    loop {
        let (edge, index) = if from_start {
            (words.first(), &phrases.by_first)
        } else {
            (words.last(), &phrases.by_last)
        };
        let Some(candidates) = edge.and_then(|w| index.get(w)) else {
            return;
        };
        let hit = candidates.iter().find_map(|&i| {
            let p = phrases.list.get(i)?;
            let n = p.len();
            let range = if from_start {
                0..n
            } else {
                words.len().checked_sub(n)?..words.len()
            };
            (words.get(range.clone())? == p.as_slice()).then_some(range)
        });
        match hit {
            Some(range) if from_start => *words = words.get(range.end..).unwrap_or(&[]),
            Some(range) => *words = words.get(..range.start).unwrap_or(&[]),
            None => return,
        }
    }
}

/// The role of a mention from the words around it.
pub fn role(low: &Lowered, sentence: &Range<usize>, m: &Mention) -> Role {
    if m.kind == Kind::Fraction {
        return Role::Part;
    }
    let t = low.t;
    let a = sentence.start.min(m.range.start);
    let raw = t[a..m.range.start].trim_end();
    // what is read below lies after the clause's last comma, or within the last three
    // words: only that tail is lower-cased (lower case moves no comma or space)
    let comma = memchr::memrchr2(b',', b';', raw.as_bytes());
    let third_space = memchr::memrchr_iter(b' ', raw.as_bytes()).nth(2);
    let from = match (comma, third_space) {
        (Some(c), Some(s)) => c.min(s),
        _ => 0,
    };
    let before = low.lower(a + from..a + raw.len());
    let left = before.as_ref();
    let after = t[m.range.end..sentence.end.max(m.range.end)].trim_start();
    if ends_with_word(left, "từ") && (after.starts_with("xuống") || after.starts_with("lên")) {
        return Role::Previous;
    }
    if ends_with_word(left, "so với")
        || ends_with_word(left, "so với mức")
        || ends_with_word(left, "so mức")
    {
        return Role::Base;
    }
    let clause = &left[memchr::memrchr2(b',', b';', left.as_bytes()).map_or(0, |p| p + 1)..];
    let has = |f: &Finder| f.find(clause.as_bytes()).is_some();
    if FORECAST_FINDERS.any_in(clause.as_bytes()) {
        return Role::Forecast;
    }
    if TARGET_FINDERS.any_in(clause.as_bytes()) {
        return Role::Target;
    }
    let (last1, last2) = last_two_words(left);
    let near = |w: &str| last1 == Some(w) || last2 == Some(w);
    if ends_with_word(left, "lên")
        || ends_with_word(left, "xuống còn")
        || ends_with_word(left, "còn")
    {
        return Role::Total;
    }
    if near("tăng") || near("giảm") || near("thêm") || ends_with_word(left, "tăng thêm") {
        return Role::Increment;
    }
    if has(&IN_WHICH_FINDER) {
        return Role::Part;
    }
    Role::Total
}

/// The last two pieces of `left` split at spaces, last first, as `left.rsplit(' ')` gives
/// them (the second is `None` when there is no space), found with memchr.
fn last_two_words(left: &str) -> (Option<&str>, Option<&str>) {
    let b = left.as_bytes();
    let Some(p) = memchr::memrchr(b' ', b) else {
        return (Some(left), None);
    };
    let (before, last) = (&left[..p], &left[p + 1..]);
    let second = memchr::memrchr(b' ', before.as_bytes()).map_or(before, |q| &before[q + 1..]);
    (Some(last), Some(second))
}

/// Where the time scope of a mention comes from when its sentence has none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fallback {
    /// A time in the heading of the mention's section.
    pub section: Option<TimeExpr>,
    /// The document's date.
    pub document: Option<TimePoint>,
}

/// The time scope: a date or period in the sentence, the nearest before the figure first;
/// `tính đến hết năm 2024` is the as-of date 2024-12-31; `trong 3 năm qua` counts back
/// from the document date; then the section heading; then the document date.
pub fn scope(
    low: &Lowered,
    sentence: &Range<usize>,
    m: &Mention,
    all: &[Mention],
    fb: Fallback,
) -> (Option<TimeExpr>, TimeSource) {
    if m.kind == Kind::Date {
        return (None, TimeSource::Unknown);
    }
    let t = low.t;
    let in_sentence = between(all, sentence.start, sentence.end)
        .iter()
        .filter(|o| o.range != m.range);
    // a date in the figure's own clause first (`60 danh hiệu vào năm 2030`), then the
    // nearest one before it in the sentence; a date in a later clause belongs to another figure
    let mut best: Option<(usize, TimeExpr, usize)> = None;
    for o in in_sentence {
        // `tăng 32,8% so với năm 2022`: the year compared with is not the figure's own
        let lead = t[..o.range.start].trim_end();
        if ends_with_word(lead, "so với")
            || ends_with_word(lead, "so")
            || ends_with_word(lead, "so với cùng kỳ")
        {
            continue;
        }
        let expr = match (o.kind, &o.value) {
            (Kind::Date, Value::Time(e)) => *e,
            (Kind::Duration, Value::Number(n)) => match relative_years(t, o, *n, fb.document) {
                Some(e) => e,
                None => continue,
            },
            _ => continue,
        };
        let (gap, before) = if o.range.end <= m.range.start {
            (&t[o.range.end..m.range.start], true)
        } else {
            (&t[m.range.end..o.range.start.max(m.range.end)], false)
        };
        let same_clause = !gap.contains([',', ';', ':']);
        // after the figure, only a date close by is its own (`đạt 60 danh hiệu vào năm 2030`);
        // further on it dates a relative clause (`... thiết lập vào tháng 12/2022`)
        let rank = match (same_clause, before) {
            (true, true) => gap.len(),
            (true, false) if gap.len() <= 32 => gap.len(),
            (_, true) => 1_000_000 + gap.len(),
            (_, false) => continue,
        };
        if best.is_none_or(|(d, _, _)| rank < d) {
            best = Some((rank, expr, o.range.start));
        }
    }
    if let Some((_, expr, start)) = best {
        let lead = t[..start].trim_end().len();
        let as_of_end = ["tính đến hết", "đến hết", "tính đến cuối"]
            .iter()
            .any(|p| low.lower_ends_with(lead, p));
        if let (TimePoint::Year(y), None, true) = (expr.start, expr.end, as_of_end) {
            let end_of_year = TimePoint::Day {
                year: y,
                month: 12,
                day: 31,
            };
            return (Some(TimeExpr::point(end_of_year)), TimeSource::Sentence);
        }
        return (Some(expr), TimeSource::Sentence);
    }
    match (fb.section, fb.document) {
        (Some(s), _) => (Some(s), TimeSource::Section),
        (None, Some(d)) => (Some(TimeExpr::point(d)), TimeSource::Document),
        (None, None) => (None, TimeSource::Unknown),
    }
}

/// `trong 3 năm qua`, `3 năm qua` counted back from the document date: the three whole
/// years before it (a document dated in the last quarter counts its own year).
fn relative_years(t: &str, o: &Mention, n: f64, doc: Option<TimePoint>) -> Option<TimeExpr> {
    if o.unit.as_deref() != Some("năm") || !(1.0..=100.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let after = t[o.range.end..].trim_start();
    if !(after.starts_with("qua") || after.starts_with("vừa qua")) {
        return None;
    }
    let (year, month) = match doc? {
        TimePoint::Day { year, month, .. } | TimePoint::Month { year, month } => (year, month),
        TimePoint::Year(y) => (y, 12),
        _ => return None,
    };
    let end = if month >= 10 { year } else { year - 1 };
    let start = end - n as i32 + 1;
    Some(TimeExpr {
        start: TimePoint::Year(start),
        end: Some(TimePoint::Year(end)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::extract::context_ref as reference;
    use crate::rules::RuleSet;
    use proptest::prelude::*;

    fn extractor() -> Extractor {
        Extractor::new(&RuleSet::embedded().expect("embedded rules"))
    }

    /// Every figure of block `t` read by the context readers and by their reference (the
    /// readers before the block's lower case was shared and bytes read for characters):
    /// the same subject, role, time scope. Returns how many figures were compared.
    fn same_as_reference(x: &Extractor, t: &str, doc_date: Option<TimePoint>) -> usize {
        let mentions = x.scan(t);
        let sentences = sentences(t);
        assert_eq!(sentences, reference::sentences(t), "{t:?}");
        let low = Lowered::new(t);
        let fb = Fallback {
            section: None,
            document: doc_date,
        };
        for m in &mentions {
            let w = crate::extract::window(t, &sentences, &mentions, m);
            assert_eq!(
                role(&low, &w.clause, m),
                reference::role(t, &w.clause, m),
                "{t:?} {m:?}"
            );
            assert_eq!(
                subject(&low, w.clause.start, m, w.near),
                reference::subject(t, w.clause.start, m, w.near),
                "{t:?} {m:?}"
            );
            assert_eq!(
                scope(&low, &w.sentence, m, w.near, fb),
                reference::scope(t, &w.sentence, m, w.near, fb),
                "{t:?} {m:?}"
            );
        }
        mentions.len()
    }

    #[test]
    fn context_is_the_reference_on_every_text() {
        let x = extractor();
        let texts = crate::testing::project_texts();
        let mut figures = 0;
        for source in texts {
            let doc = crate::document::Document::from_source("t.md", source);
            for b in &doc.blocks {
                figures += same_as_reference(&x, doc.block_text(b), doc.meta.date);
            }
        }
        assert!(figures > 1000, "{figures}");
    }

    /// Period words before a clause cut, after it, straddling none: the subject is the
    /// reference's, which blanks them in the whole stretch before the figure.
    #[test]
    fn period_words_on_either_side_of_a_cut() {
        let x = extractor();
        let date = Some(TimePoint::Day {
            year: 2024,
            month: 11,
            day: 3,
        });
        let mut figures = 0;
        for t in [
            "Giai đoạn 2021-2025, vốn FDI đạt 36,6 tỷ USD.",
            "Vốn FDI, giai đoạn 2021-2025 đạt 36,6 tỷ USD.",
            "Trong nhiệm kỳ 2020-2025; nhiệm kỳ 2020-2025 tỉnh thu hút 120 dự án.",
            "giai đoạn (giai đoạn 2016-2020) có 5 dự án, Nhiệm kỳ 2021-2026 có 7 dự án",
            "“Giai đoạn 2021-2025” ghi nhận 12 dự án: giai đoạn 2021-2025 thêm 3 dự án.",
            "giai đoạn giai đoạn 10 dự án",
        ] {
            figures += same_as_reference(&x, t, date);
        }
        assert!(figures >= 6, "{figures}");
    }

    const WORDS: &[&str] = &[
        "Tổng",
        "tổng số",
        "số",
        "FDI",
        "đạt",
        "36,6",
        "tỷ",
        "USD",
        "tăng",
        "32,8%",
        "so với",
        "năm",
        "2023",
        "ngày",
        "12/8/2021",
        "giai đoạn",
        "Giai đoạn",
        "2021-2025",
        "nhiệm kỳ",
        "trong đó",
        "Trong đó",
        "đồng thời",
        "ngoài ra",
        "của",
        "Việt",
        "Nam",
        "lên",
        "77",
        "danh",
        "hiệu",
        "UNESCO",
        "trong",
        "3",
        "năm qua",
        "mục tiêu",
        "dự kiến",
        "xuống còn",
        "còn",
        "từ",
        "thêm",
        "193",
        "quốc gia",
        "và",
        "với",
        "đã",
        "tính đến hết",
        "hai",
        "mươi",
        "İ",
        "Σ",
        "Ⱥ",
        "ΣΑ",
        "“",
        "”",
        "–",
        "(",
        ")",
        ",",
        ";",
        ":",
        ".",
        "\"",
        "…",
        "hàng",
        "trăm",
        "khoảng",
        "gần",
        "hơn",
        "Long An",
        "tỉnh",
        "vốn",
        "đăng",
        "ký",
    ];

    proptest! {
        #[test]
        fn sentences_are_the_reference_ones(t in "[a-zA-Z0-9 .!?…\"”’)(\n,ĐđÀàẠạΣσ]{0,40}") {
            prop_assert_eq!(sentences(&t), reference::sentences(&t));
        }

        #[test]
        fn context_is_the_reference_on_word_salad(
            picks in proptest::collection::vec((0..WORDS.len(), 0..4usize), 0..60)
        ) {
            let seps = [" ", " ", ", ", ". "];
            let t: String = picks
                .iter()
                .map(|&(w, s)| format!("{}{}", WORDS[w], seps[s]))
                .collect();
            let date = Some(TimePoint::Day { year: 2024, month: 11, day: 3 });
            same_as_reference(&extractor(), &t, date);
        }
    }

    /// The clause cut by memchr is the one found a byte at a time: at every tenth
    /// character boundary of every text the project has, and around each mark.
    #[test]
    fn clause_cut_is_the_bytewise_one() {
        let mut cuts = 0;
        for t in crate::testing::project_texts() {
            for (k, (i, _)) in t.char_indices().enumerate() {
                let near_mark = matches!(t.as_bytes()[i], b',' | b'(' | b'"' | 0xe2);
                if k % 10 == 0 || near_mark {
                    let left = &t[..i];
                    assert_eq!(clause_cut(left), clause_cut_bytewise(left), "{i}");
                    cuts += 1;
                }
            }
        }
        for s in ["", "“", "a“b", "a”", "x – y, z", "ồ", "đồng”", ",“", "“,"] {
            assert_eq!(clause_cut(s), clause_cut_bytewise(s), "{s:?}");
        }
        assert!(cuts > 10_000, "{cuts}");
    }

    /// The cue groups hold exactly the cue lists, each cue under a text it contains.
    #[test]
    fn cue_groups_cover_the_cue_lists() {
        for (groups, list) in [
            (FORECAST_GROUPS, FORECAST_CUES),
            (TARGET_GROUPS, TARGET_CUES),
        ] {
            let mut grouped: Vec<&str> = Vec::new();
            for (key, cues) in groups {
                for c in *cues {
                    assert!(c.contains(key), "{c:?} {key:?}");
                    grouped.push(c);
                }
            }
            let mut listed = list.to_vec();
            grouped.sort_unstable();
            listed.sort_unstable();
            assert_eq!(grouped, listed);
        }
        for s in CLAUSE_STARTERS {
            assert_eq!(s.contains("đó"), s.ends_with("đó"), "{s:?}");
        }
    }

    /// `LastFinder` finds what a plain backward search finds, on every tenth stretch of
    /// every project text and on odd ones.
    #[test]
    fn last_finder_is_the_backward_search() {
        let mut hays: Vec<String> = [
            "",
            "đó",
            "tổng số",
            "tổng sốtổng số",
            "x trong đó y trong đó",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in crate::testing::project_texts() {
            let l = crate::text::lower_str(&t);
            for (k, (i, _)) in l.char_indices().enumerate() {
                if k % 10 == 0 {
                    hays.push(l[l.floor_char_boundary(i.saturating_sub(300))..i].to_string());
                }
            }
        }
        let mut found = 0;
        for p in CLAUSE_STARTERS.iter().chain(&["tổng số"]) {
            let (fast, plain) = (LastFinder::new(p), FinderRev::new(p.as_bytes()));
            for h in &hays {
                let want = plain.rfind(h.as_bytes());
                assert_eq!(fast.rfind(h.as_bytes()), want, "{p:?} {h:?}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 100, "{found}");
    }

    /// A `WordIndex` holds what its list holds: every word of every project text, each also
    /// lower-cased, and the list's own words and their upper case.
    #[test]
    fn word_sets_are_their_lists() {
        let mut words: Vec<String> = ["", " ", "trong khi", "khi ", "đ", "\u{a0}"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for w in TIME_FILLERS.iter().chain(LEFT_STOPS) {
            words.push(w.to_string());
            words.push(w.to_uppercase());
        }
        for t in crate::testing::project_texts() {
            for w in t.split_whitespace() {
                words.push(w.to_string());
                words.push(crate::text::lower_str(w));
            }
        }
        let mut found = 0;
        for (set, list) in [
            (&*TIME_FILLER_SET, TIME_FILLERS),
            (&*LEFT_STOP_SET, LEFT_STOPS),
        ] {
            for w in &words {
                assert_eq!(set.contains(w), list.contains(&w.as_str()), "{w:?}");
                found += usize::from(set.contains(w));
            }
        }
        assert!(found > 1000, "{found}");
    }

    /// `last_two_words` is `rsplit(' ')`'s first two pieces.
    #[test]
    fn last_two_words_are_rsplits() {
        let mut cases: Vec<String> = [
            "", " ", "  ", "a", "a b", "a b c", " a", "a ", "ab  cd", "đó là",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in crate::testing::project_texts().into_iter().take(50) {
            for (k, (i, _)) in t.char_indices().enumerate() {
                if k % 31 == 0 {
                    cases.push(t[t.floor_char_boundary(i.saturating_sub(40))..i].to_string());
                }
            }
        }
        for c in &cases {
            let mut r = c.rsplit(' ');
            assert_eq!(last_two_words(c), (r.next(), r.next()), "{c:?}");
        }
    }

    /// `join_subject` is the join and format it replaced.
    #[test]
    fn join_subject_is_join_and_format() {
        let reference = |words: &[&str], noun: Option<&str>| {
            let left_phrase = words.join(" ");
            match (noun, left_phrase.is_empty()) {
                (Some(noun), true) => noun.to_string(),
                (Some(noun), false) => format!("{left_phrase} … {noun}"),
                (None, _) => left_phrase,
            }
        };
        let lists: [&[&str]; 6] = [
            &[],
            &[""],
            &["", ""],
            &["vốn"],
            &["vốn", "FDI"],
            &["a", "", "b"],
        ];
        for words in lists {
            for noun in [None, Some(""), Some("dự án")] {
                assert_eq!(join_subject(words, noun), reference(words, noun));
            }
        }
    }

    /// Blanking ranges is blanking them one by one, and the lower case of a text so
    /// blanked is `blank_like`'s.
    #[test]
    fn with_blanks_blanks_each_range() {
        let t = "Giai đoạn 2021-2025 Tổng số vốn";
        let blanks = [0..4, 3..13, 13..23, 30..31];
        let mut one_by_one = t.to_string();
        for r in &blanks {
            one_by_one.replace_range(r.clone(), &" ".repeat(r.len()));
        }
        assert_eq!(
            with_blanks(t, &blanks).as_deref(),
            Some(one_by_one.as_str())
        );
        let lower = lower_in_place(t).expect("aligned");
        assert_eq!(
            with_blanks(&lower, &blanks),
            blank_like(&lower, &one_by_one)
        );
        // a range that splits `đ` (bytes 5..7)
        assert_eq!(with_blanks(t, &[0..1, 5..6]), None);
        assert_eq!(with_blanks(t, &[]).as_deref(), Some(t));
    }

    #[test]
    fn lower_in_place_keeps_byte_offsets_or_gives_up() {
        assert_eq!(
            lower_in_place("Tổng Số FDI").as_deref(),
            Some("tổng số fdi")
        );
        // lower case of `Ⱥ` is longer, of `İ` two chars: offsets would not carry over
        assert_eq!(lower_in_place("¡Ⱥ¡"), None);
        assert_eq!(lower_in_place("İ"), None);
    }
}
