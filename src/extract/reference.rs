//! Cited documents: `Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị về ...`.
//!
//! [`references`] reads every citation of a block: the identifier (Party `34-NQ/TW`, state
//! `2013/QĐ-TTg`, `45/UBND-VP`, legal `30/2020/NĐ-CP`, `250/2025/QH15`, or a bare number
//! after a type word, `Nghị quyết 34`), the type word before it, and the date, issuer and
//! title written after it. [`format_problem`] says what is wrong with an identifier's form
//! by Decree 30/2020 (state documents) and the Party's numbering (`34-NQ/TW`).
//!
//! The scan is hand-written and linear: it stops only at ASCII digits that start a word,
//! reads the identifier there, looks back a few dozen bytes for the type word and forward
//! at most a few hundred bytes for the rest. Nothing is compiled per call.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::extract::date::{DateKeyword, parse_date};
use crate::text;
use crate::time::TimePoint;

/// A cited document: `Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị về ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range of the identifier (`34-NQ/TW`) in the text given to [`references`].
    pub id_range: Range<usize>,
    /// The identifier normalised for comparison: NFC, no spaces, `Đ` kept, `–`→`-`,
    /// upper-case letters as written (`34-NQ/TW`). A bare citation gives its number (`34`).
    pub id: String,
    /// The document type word before it, lower-case (`nghị quyết`, `quyết định`, `chỉ thị`,
    /// `kết luận`, `nghị định`, `thông tư`, `luật`, `đề án`, `quy định`, `hướng dẫn`...), if
    /// written (directly, or as `Luật Đất đai số 31/2024/QH15`).
    pub kind: Option<String>,
    /// The date it was issued, when written next to it (`ngày 9/1/2023`, `, ngày 30-11-2021,`,
    /// `(5/1/2022)`), with the byte range of the date as written (`ngày` included).
    pub date: Option<(TimePoint, Range<usize>)>,
    /// The issuer after `của` (`Bộ Chính trị`, `Thủ tướng Chính phủ`, `Ban Bí thư`), up to a
    /// comma, `về`, `ngày` or the end of the sentence, with its range.
    pub issuer: Option<(String, Range<usize>)>,
    /// The title after `về`, up to the end of the clause (`;`, `(`, `)`, `”`, line end or
    /// sentence end), trimmed of quotes, at most ~200 bytes, with its range.
    pub title: Option<(String, Range<usize>)>,
}

/// Every citation of `text` (NFC, single spaces, no Markdown), in text order.
pub fn references(text: &str) -> Vec<Reference> {
    let cands = candidates(text);
    let mut out = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter().enumerate() {
        let limit = cands
            .get(k + 1)
            .map_or(text.len(), |n| n.start)
            .max(c.id.end);
        let tail = read_tail(text, c.id.end, limit);
        let id = if c.bare {
            text[c.id.clone()].to_string()
        } else {
            normalise_id(&text[c.id.clone()])
        };
        out.push(Reference {
            id_range: c.id.clone(),
            id,
            kind: c.kind.map(str::to_string),
            date: tail.date,
            issuer: tail.issuer,
            title: tail.title,
        });
    }
    out
}

/// The identifier as [`Reference::id`] keeps it: NFC, no spaces, every dash a hyphen.
pub fn normalise_id(id: &str) -> String {
    id.nfc()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect()
}

// ------------------------------------------------------------------ tables

/// Document type words, lower-case NFC. A word that ends another (`luật` in `bộ luật`,
/// `lệnh` in `sắc lệnh`) or starts another (`thông tư` in `thông tư liên tịch`) comes after it.
const KINDS: &[&str] = &[
    "nghị quyết liên tịch",
    "thông tư liên tịch",
    "văn bản hợp nhất",
    "nghị quyết",
    "quyết định",
    "chỉ thị",
    "kết luận",
    "nghị định",
    "thông tư",
    "bộ luật",
    "hiến pháp",
    "pháp lệnh",
    "sắc lệnh",
    "luật",
    "lệnh",
    "đề án",
    "dự án",
    "quy định",
    "quy chế",
    "hướng dẫn",
    "thông báo",
    "thông tri",
    "thông cáo",
    "kế hoạch",
    "chương trình",
    "báo cáo",
    "tờ trình",
    "công văn",
    "công điện",
    "phương án",
    "biên bản",
    "văn bản",
];

/// Type abbreviations, as officially written: Decree 30/2020 Annex III (27 administrative
/// types and 3 copy types), legal normative documents, and Party documents.
const TYPES: &[&str] = &[
    // Decree 30/2020, Annex III
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS",
    "SL", // legal normative documents and letters
    "NĐ", "TT", "TTLT", "NQLT", "L", "PL", "LĐ", "CV", "VBHN", // Party documents
    "KL", "QĐi", "QCPH", "HDLT", "CTLT", "KHLT", "QĐLT", "TBLT",
];

/// Abbreviations written with lower-case letters on purpose.
const MIXED_CASE: &[&str] = &["QyĐ", "QĐi", "CTr", "TTr", "TrS", "TTg", "ThU"];

/// State issuers that identify a state document (never a type abbreviation).
const STATE_ISSUERS: &[&str] = &[
    "TTg", "CP", "CTN", "QH", "UBTVQH", "UBND", "HĐND", "VPCP", "VPQH", "VPCTN", "NHNN", "KTNN",
    "TANDTC", "VKSNDTC", "HĐTP", "TTCP", "UBDT", "BNG", "BTC", "BCA", "BQP", "BYT", "BGDĐT",
    "BKHĐT", "BCT", "BNV", "BTP", "BXD", "BGTVT", "BTTTT", "BLĐTBXH", "BNNPTNT", "BNNMT", "BTNMT",
    "BVHTTDL", "BKHCN", "BDTTG",
];

/// Party issuers besides those ending in `TW` (`TW`, `VPTW`, `BTGTW`, `UBKTTW`...).
const PARTY_ISSUERS: &[&str] = &["TU", "HU", "QU", "ĐU", "ĐUK", "ThU", "BCSĐ", "ĐĐ"];

/// The National Assembly's legislatures (khóa) and the years they sat, for `.../QH15`.
const LEGISLATURES: &[(u8, i32, i32)] = &[
    (10, 1997, 2002),
    (11, 2002, 2007),
    (12, 2007, 2011),
    (13, 2011, 2016),
    (14, 2016, 2021),
    (15, 2021, 2026),
    (16, 2026, 2031),
];

/// Years an identifier's year group may hold at all.
const YEARS: (i32, i32) = (1945, 2099);

/// Lower-case words that end an issuer (`của Bộ Chính trị đã ...`, `... nêu rõ`).
const ISSUER_STOPS: &[&str] = &[
    "về", "ngày", "đã", "đang", "sẽ", "vừa", "mới", "nêu", "là", "với", "tại", "trong", "để",
    "nhằm", "được", "bị", "cũng", "có", "thì", "mà", "này", "đó", "theo", "cho", "từ", "khi",
    "sau", "trước", "năm", "tháng", "đến", "nay", "qua", "cùng", "đều", "vẫn", "chưa", "không",
    "phải", "gồm", "của", "như", "nhưng", "hoặc", "tiếp", "nhấn", "khẳng", "xác", "đặt", "yêu",
    "ký", "phê", "vào", "lúc", "hồi", "ra", "số",
];

/// Lower-case word pairs that end an issuer whose first word alone may be part of a name
/// (`Ủy ban` vs `ban hành`, `Ban chỉ đạo` vs `chỉ rõ`).
const ISSUER_STOP_PAIRS: &[(&str, &str)] = &[
    ("ban", "hành"),
    ("chỉ", "rõ"),
    ("chỉ", "ra"),
    ("đề", "ra"),
    ("đề", "cập"),
    ("quy", "định"),
    ("thông", "qua"),
];

const ISSUER_MAX: usize = 120;
const TITLE_MAX: usize = 200;

// ------------------------------------------------------------------ characters

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}')
}

/// Dashes read as the hyphen between groups (the em dash is a clause mark, not read).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

fn is_sep(c: char) -> bool {
    c == '/' || is_dash(c)
}

/// A letter of a symbol group: ASCII, `Đ` and `Ư` (`TƯ` in older texts).
fn is_sym_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Đ' | 'đ' | 'Ư' | 'ư')
}

fn is_sym_char(c: char) -> bool {
    c.is_ascii_digit() || is_sym_letter(c)
}

fn is_sym_upper(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'Đ' | 'Ư')
}

fn is_sym_lower(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, 'đ' | 'ư')
}

fn has_letter(seg: &str) -> bool {
    seg.chars().any(is_sym_letter)
}

/// `c` lower-cased is exactly `lower` (a space matches any space).
fn lower_eq(c: char, lower: char) -> bool {
    if c == lower {
        return true;
    }
    if lower == ' ' {
        return is_space(c);
    }
    let mut l = c.to_lowercase();
    l.next() == Some(lower) && l.next().is_none()
}

/// Case-insensitive equality of two symbol groups (`qđ` = `QĐ`).
fn seg_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x.to_uppercase().eq(y.to_uppercase()))
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i).and_then(|s| s.chars().next_back())
}

/// `h` ends with the word `w` (lower-case) in any case, at a word start: its start.
fn ends_with_word_ci(h: &str, w: &str) -> Option<usize> {
    let mut hc = h.char_indices().rev();
    let mut start = h.len();
    for wc in w.chars().rev() {
        let (idx, c) = hc.next()?;
        if !lower_eq(c, wc) {
            return None;
        }
        start = idx;
    }
    if char_before(h, start).is_some_and(text::is_alphanumeric) {
        return None;
    }
    Some(start)
}

/// `h` starts with the word `w` (lower-case) in any case, ending at a word end: its length.
fn starts_with_word_ci(h: &str, w: &str) -> Option<usize> {
    let mut hc = h.char_indices();
    let mut end = 0;
    for wc in w.chars() {
        let (idx, c) = hc.next()?;
        if !lower_eq(c, wc) {
            return None;
        }
        end = idx + c.len_utf8();
    }
    if char_at(h, end).is_some_and(text::is_alphanumeric) {
        return None;
    }
    Some(end)
}

/// A capitalised type word at the start of `h` (`Quyết định`, `Kết luận`).
fn capital_kind_at(h: &str) -> bool {
    h.chars().next().is_some_and(text::is_uppercase)
        && KINDS.iter().any(|k| starts_with_word_ci(h, k).is_some())
}

// ------------------------------------------------------------------ pass 1: identifiers

/// An identifier found in the text, before its tail is read.
#[derive(Debug)]
struct Cand {
    /// where the citation starts: the type word, `số`, or the identifier
    start: usize,
    id: Range<usize>,
    kind: Option<&'static str>,
    bare: bool,
}

/// What precedes an identifier: `Nghị quyết số `, `Luật Đất đai số `, `số `.
#[derive(Debug, Default)]
struct Before {
    start: Option<usize>,
    kind: Option<&'static str>,
    /// the type word is written just before the number (`Chỉ thị 12`, `Chỉ thị số 12`)
    direct: bool,
    /// the type word starts with a capital
    capital: bool,
    so: bool,
}

fn kind_before(t: &str, id_start: usize) -> Before {
    let mut b = Before::default();
    let Some(head) = t.get(..id_start) else {
        return b;
    };
    let h = head.trim_end_matches(is_space);
    if h.len() == head.len() {
        return b;
    }
    let h_colon = h.strip_suffix(':').unwrap_or(h);
    let h = match ends_with_word_ci(h_colon, "số") {
        Some(s) => {
            b.so = true;
            b.start = Some(s);
            let before = &h_colon[..s];
            let trimmed = before.trim_end_matches(is_space);
            if trimmed.len() == before.len() {
                return b;
            }
            trimmed
        }
        None => h,
    };
    if let Some((k, s)) = kind_at_end(h) {
        b.kind = Some(k);
        b.start = Some(s);
        b.direct = true;
        b.capital = char_at(h, s).is_some_and(text::is_uppercase);
        return b;
    }
    if b.so
        && let Some((s, k)) = named_kind(h)
    {
        b.kind = Some(k);
        b.start = Some(s);
        b.capital = true;
    }
    b
}

/// The first type word of `KINDS` that `h` ends with, as a word in any case, and where
/// it starts. Every number in a text is tried, so the last character of `h` is lowered
/// once and a type word ending in another letter is passed over unread.
fn kind_at_end(h: &str) -> Option<(&'static str, usize)> {
    let last = h.chars().next_back()?;
    let mut lower = last.to_lowercase();
    let last_lower = lower.next().filter(|_| lower.next().is_none());
    KIND_ENDS.iter().find_map(|&(w, k)| {
        // what `lower_eq` asks of a last letter (no type word ends in a space)
        if w != last && Some(w) != last_lower {
            return None;
        }
        ends_with_word_ci(h, k).map(|s| (k, s))
    })
}

/// Each type word of `KINDS` with its last letter, in the list's order, read once.
static KIND_ENDS: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
    KINDS
        .iter()
        .filter_map(|&k| Some((k.chars().next_back()?, k)))
        .collect()
});

/// `kind_at_end` trying every type word: the reference it is tested against.
#[cfg(test)]
fn kind_at_end_tried(h: &str) -> Option<(&'static str, usize)> {
    KINDS
        .iter()
        .find_map(|&k| ends_with_word_ci(h, k).map(|s| (k, s)))
}

/// `Luật Đất đai` before `số`: a capitalised type word a few words back in the same clause.
fn named_kind(h: &str) -> Option<(usize, &'static str)> {
    let mut p = h.len();
    for _ in 0..7 {
        let ws = h[..p]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| text::is_alphanumeric(c))
            .last()
            .map_or(p, |(i, _)| i);
        if ws == p {
            return None;
        }
        let at = &h[ws..];
        if at.chars().next().is_some_and(text::is_uppercase) {
            for k in KINDS {
                if starts_with_word_ci(at, k).is_some() {
                    return Some((ws, k));
                }
            }
        }
        let before = &h[..ws];
        let trimmed = before.trim_end_matches(is_space);
        if trimmed.len() == before.len() || trimmed.is_empty() {
            return None;
        }
        p = trimmed.len();
    }
    None
}

/// An identifier read at a digit: `34-NQ/TW`, `30/2020/NĐ-CP`, `34 - NQ/TW`.
#[derive(Debug, Default)]
struct IdScan<'a> {
    num_end: usize,
    end: usize,
    segs: Vec<&'a str>,
    has_slash: bool,
}

impl IdScan<'_> {
    fn letter_segs(&self) -> impl Iterator<Item = &&str> {
        self.segs.iter().filter(|s| has_letter(s))
    }
}

fn scan_id(t: &str, start: usize) -> IdScan<'_> {
    let num_end = start
        + t.as_bytes()[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let mut scan = IdScan {
        num_end,
        end: num_end,
        ..IdScan::default()
    };
    while scan.segs.len() < 8 {
        let mut j = scan.end;
        let mut spaced = false;
        if let Some(s) = char_at(t, j).filter(|&c| is_space(c)) {
            j += s.len_utf8();
            spaced = true;
        }
        let Some(c) = char_at(t, j).filter(|&c| is_sep(c)) else {
            break;
        };
        j += c.len_utf8();
        if let Some(s) = char_at(t, j).filter(|&c| is_space(c)) {
            j += s.len_utf8();
            spaced = true;
        }
        let seg_start = j;
        // a group is short: stop reading a long run early, it is refused below
        while let Some(c) = char_at(t, j).filter(|&c| is_sym_char(c) && j - seg_start <= 12) {
            j += c.len_utf8();
        }
        let seg = &t[seg_start..j];
        // glued to a word (`5/năm`), or an odd group (`5G`, a 5-digit run)
        let letters = has_letter(seg);
        if seg.is_empty()
            || char_at(t, j).is_some_and(text::is_alphanumeric)
            || (letters && !seg.starts_with(is_sym_letter))
            || (letters && seg.len() > 12)
            || (!letters && seg.len() > 4)
            || (spaced && !letters)
        {
            break;
        }
        scan.has_slash |= c == '/';
        scan.segs.push(seg);
        scan.end = j;
    }
    scan
}

/// What may stand right before an identifier's number.
fn start_ok(t: &str, i: usize) -> bool {
    match char_before(t, i) {
        None => true,
        Some(c) => {
            !(text::is_alphanumeric(c)
                || is_dash(c)
                || matches!(
                    c,
                    '/' | '.' | ',' | '_' | '@' | '#' | '+' | '&' | '=' | '%' | '\\' | '—' | '$'
                ))
        }
    }
}

/// Words after a bare number that make it a count (`Nghị quyết 5 lần`), not a citation.
const COUNT_WORDS: &[&str] = &[
    "lần", "điểm", "nội", "vấn", "nhiệm", "mục", "giải", "người", "tỷ", "tỉ", "triệu", "nghìn",
    "ngàn", "trăm", "chục",
];

/// A bare number after a type word ends there: not `34%`, `34,5`, `12/2023`, `34-a`,
/// `5 lần`.
fn bare_end_ok(t: &str, end: usize) -> bool {
    let rest = &t[end..];
    let next = rest.trim_start_matches(is_space);
    if next.len() < rest.len()
        && COUNT_WORDS
            .iter()
            .any(|w| starts_with_word_ci(next, w).is_some())
    {
        return false;
    }
    let mut it = rest.chars();
    match it.next() {
        None => true,
        Some(c) if text::is_alphanumeric(c) || c == '%' || c == '_' => false,
        Some('.' | ',' | ':') => !it.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) if is_sep(c) => !it.next().is_some_and(text::is_alphanumeric),
        _ => true,
    }
}

fn is_known_abbr(seg: &str) -> bool {
    is_type(seg) || is_state_issuer(seg) || is_party_issuer(seg)
}

/// The first ASCII digit of `b` at or after `from` (or `b.len()`), eight bytes at a time:
/// a citation starts only at a digit, and most of a text has none.
fn next_digit(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let m = digit_bytes(u64::from_le_bytes(*chunk));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b
        .get(i..)
        .map_or(0, |r| r.iter().take_while(|c| !c.is_ascii_digit()).count())
}

/// The top bit of each byte of `w` that is an ASCII digit: on the low seven bits (no carry
/// crosses a byte), `+ 0x50` sets the top bit from `0`, `+ 0x46` from `:` on, and a
/// byte with its own top bit set is no ASCII.
fn digit_bytes(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TOP: u64 = 0x8080_8080_8080_8080;
    let y = w & LOW7;
    let from_zero = y + 0x5050_5050_5050_5050;
    let from_colon = y + 0x4646_4646_4646_4646;
    from_zero & !from_colon & !w & TOP
}

fn candidates(t: &str) -> Vec<Cand> {
    let bytes = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        i = next_digit(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let run_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run_end - i > 5 || !start_ok(t, i) {
            i = run_end;
            continue;
        }
        let scan = scan_id(t, i);
        let letters = scan.letter_segs().count();
        // digits only with separators (`12/2023`, `2021-2023`): never a citation
        if letters == 0 && !scan.segs.is_empty() {
            i = run_end.max(scan.end);
            continue;
        }
        let before = kind_before(t, i);
        let all_upper = scan.letter_segs().all(|s| s.chars().any(is_sym_upper));
        let accepted = if letters > 0 {
            let year_then_letters = scan.segs.len() >= 2
                && scan.segs[0].len() == 4
                && !has_letter(scan.segs[0])
                && has_letter(scan.segs[1]);
            let accept = before.kind.is_some()
                || (all_upper
                    && (before.so
                        || (scan.has_slash
                            && (letters >= 2
                                || year_then_letters
                                || scan.letter_segs().any(|s| is_known_abbr(s))))));
            accept.then(|| Cand {
                start: before.start.unwrap_or(i).min(i),
                id: i..scan.end,
                kind: before.kind,
                bare: false,
            })
        } else {
            let number = &t[i..scan.num_end];
            let is_year_law = number.len() == 4
                && matches!(
                    before.kind,
                    Some("luật" | "bộ luật" | "hiến pháp" | "pháp lệnh")
                );
            let bare = scan.segs.is_empty()
                && before.direct
                && (before.so || before.capital)
                && !is_year_law
                && bare_end_ok(t, scan.num_end);
            bare.then(|| Cand {
                start: before.start.unwrap_or(i).min(i),
                id: i..scan.num_end,
                kind: before.kind,
                bare: true,
            })
        };
        match accepted {
            Some(c) => {
                i = c.id.end.max(run_end);
                out.push(c);
            }
            None => i = run_end,
        }
    }
    out
}

// ------------------------------------------------------------------ pass 2: the tail

#[derive(Debug, Default)]
struct Tail {
    date: Option<(TimePoint, Range<usize>)>,
    issuer: Option<(String, Range<usize>)>,
    title: Option<(String, Range<usize>)>,
}

/// Date, issuer and title after an identifier, in any order, each at most once, separated
/// by spaces and at most one comma: `, ngày 30-11-2021, của Thủ tướng Chính phủ, “Về ...”`.
fn read_tail(t: &str, from: usize, limit: usize) -> Tail {
    let mut tail = Tail::default();
    let mut p = from;
    // each round reads one part or stops; three parts and a date in brackets at most
    for _ in 0..6 {
        let q = skip_sep(t, p, limit);
        if q >= limit {
            break;
        }
        if tail.date.is_none()
            && let Some((tp, r, end)) = read_date(t, q, limit)
        {
            tail.date = Some((tp, r));
            p = end;
            continue;
        }
        if tail.issuer.is_none()
            && let Some((s, r)) = read_issuer(t, q, limit)
        {
            p = r.end;
            tail.issuer = Some((s, r));
            continue;
        }
        if tail.title.is_none()
            && let Some((s, r, end)) = read_title(t, q, limit)
        {
            tail.title = Some((s, r));
            p = end;
            continue;
        }
        break;
    }
    tail
}

/// Skip spaces and at most one comma.
fn skip_sep(t: &str, p: usize, limit: usize) -> usize {
    let Some(rest) = t.get(p..limit) else {
        return limit;
    };
    let r = rest.trim_start_matches(is_space);
    let r = match r.strip_prefix(',') {
        Some(x) => x.trim_start_matches(is_space),
        None => r,
    };
    limit - r.len()
}

/// `ngày 9/1/2023`, `ban hành ngày 05 tháng 01 năm 2022`, `(5/1/2022)`.
fn read_date(t: &str, q: usize, limit: usize) -> Option<(TimePoint, Range<usize>, usize)> {
    let rest = t.get(q..limit)?;
    if let Some(inner) = rest.strip_prefix('(') {
        let m = parse_date(inner)?;
        let s = q + 1;
        let e = s + m.len;
        if m.keyword.is_some() || m.expr.end.is_some() || !t[e..limit].starts_with(')') {
            return None;
        }
        let tp @ TimePoint::Day { .. } = m.expr.start else {
            return None;
        };
        return Some((tp, s..e, e + 1));
    }
    let s = match starts_with_word_ci(rest, "ban hành") {
        Some(n) => limit - rest[n..].trim_start_matches(is_space).len(),
        None => q,
    };
    let at = t.get(s..limit)?;
    if !at.starts_with(['n', 'N']) {
        return None;
    }
    let m = parse_date(at)?;
    if m.keyword != Some(DateKeyword::Ngay) || m.expr.end.is_some() {
        return None;
    }
    let tp = match m.expr.start {
        tp @ (TimePoint::Day { .. } | TimePoint::DayMonth { .. }) => tp,
        _ => return None,
    };
    let e = s + m.len;
    (e <= limit).then_some((tp, s..e, e))
}

/// `của Bộ Chính trị`, `của Thủ tướng Chính phủ`, `của Bộ Tài nguyên và Môi trường`.
fn read_issuer(t: &str, q: usize, limit: usize) -> Option<(String, Range<usize>)> {
    let rest = t.get(q..limit)?;
    let n = starts_with_word_ci(rest, "của")?;
    if !rest.starts_with('c') {
        return None;
    }
    let after = &rest[n..];
    let first = after.trim_start_matches(is_space);
    if first.len() == after.len() || !first.chars().next().is_some_and(text::is_uppercase) {
        return None;
    }
    let s = limit - first.len();
    let mut end = s;
    let mut p = s;
    let mut words = 0;
    loop {
        let w_len = t[p..limit]
            .find(|c: char| !text::is_alphanumeric(c))
            .unwrap_or(limit - p);
        if w_len == 0 {
            // a lone dash between capitalised words: `Bộ Lao động - Thương binh và Xã hội`
            let c = char_at(t, p);
            let next = t[p..limit].get(c.map_or(1, char::len_utf8)..).unwrap_or("");
            let next_word = next.trim_start_matches(is_space);
            if c.is_some_and(is_dash)
                && next_word.len() < next.len()
                && next_word.chars().next().is_some_and(text::is_uppercase)
            {
                p = limit - next_word.len();
                continue;
            }
            break;
        }
        let w = &t[p..p + w_len];
        let after_w = &t[p + w_len..limit];
        let next = after_w.trim_start_matches(is_space);
        let spaced = next.len() < after_w.len();
        let next_word = next
            .split(|c: char| !text::is_alphanumeric(c))
            .next()
            .unwrap_or("");
        if words > 0 {
            if ISSUER_STOPS.contains(&w)
                || ISSUER_STOP_PAIRS
                    .iter()
                    .any(|&(a, b)| a == w && b == next_word)
            {
                break;
            }
            // `Bộ Tài nguyên và Môi trường`, but not `... và Quyết định số ...`
            if w == "và"
                && !(spaced
                    && next.chars().next().is_some_and(text::is_uppercase)
                    && !capital_kind_at(next))
            {
                break;
            }
        }
        if p + w_len - s > ISSUER_MAX {
            break;
        }
        if w != "và" {
            end = p + w_len;
        }
        words += 1;
        if !spaced || next.is_empty() {
            break;
        }
        p = limit - next.len();
    }
    (end > s).then(|| (t[s..end].to_string(), s..end))
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '«' | '„')
}

/// `về một số định hướng ...;`, `“Về công tác ...”`, `về “Tăng cường ...”`.
fn read_title(t: &str, q: usize, limit: usize) -> Option<(String, Range<usize>, usize)> {
    let mut p = q;
    let mut quoted = false;
    if let Some(c) = char_at(t, p).filter(|&c| is_open_quote(c)) {
        quoted = true;
        p += c.len_utf8();
    }
    let n = starts_with_word_ci(t.get(p..limit)?, "về")?;
    p += n;
    let after = t.get(p..limit)?;
    let a = after.trim_start_matches(is_space);
    p = limit - a.len();
    if !quoted && let Some(c) = a.chars().next().filter(|&c| is_open_quote(c)) {
        quoted = true;
        p += c.len_utf8();
    } else if a.len() == after.len() {
        return None;
    }
    let ts = p;
    let mut depth = 0usize;
    let mut i = ts;
    let mut next = None;
    let mut stop = limit;
    while i < limit {
        let Some(c) = char_at(t, i) else { break };
        let cl = c.len_utf8();
        let rest = &t[i + cl..];
        let ends = match c {
            '“' => {
                depth += 1;
                false
            }
            '”' | '"' | '»' if depth > 0 => {
                depth -= 1;
                false
            }
            '”' | '"' | '»' => {
                next = Some(i + cl);
                true
            }
            '\n' | '\r' => true,
            ';' | '(' | ')' => !quoted && depth == 0,
            '.' | '!' | '?' | '…' => {
                rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == '.')
            }
            ',' if !quoted && depth == 0 => {
                let r = rest.trim_start_matches(is_space);
                capital_kind_at(r)
                    || starts_with_word_ci(r, "ngày").is_some_and(|n| {
                        r[n..]
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_digit())
                    })
            }
            ' ' if !quoted && depth == 0 => starts_with_word_ci(rest, "và")
                .is_some_and(|n| capital_kind_at(rest[n..].trim_start_matches(is_space))),
            _ => false,
        };
        if ends {
            stop = i;
            break;
        }
        if i + cl - ts > TITLE_MAX {
            // cut at the last space that keeps it short
            stop = t[ts..i].rfind(' ').map_or(i, |k| ts + k);
            next = Some(stop);
            break;
        }
        i += cl;
    }
    if i >= limit {
        stop = limit;
    }
    let raw = &t[ts..stop];
    let trim_start = |c: char| c.is_whitespace() || is_open_quote(c) || matches!(c, '”' | '»');
    let trim_end = |c: char| {
        c.is_whitespace() || matches!(c, '“' | '”' | '"' | '«' | '»' | ',' | ':' | '.' | '…')
    };
    let lead = raw.len() - raw.trim_start_matches(trim_start).len();
    let mut body = raw[lead..].trim_end_matches(trim_end);
    // a title cut before the next citation: `về ... và Quyết định số ...`
    while let Some(b) = body.strip_suffix("và").filter(|b| b.ends_with(is_space)) {
        body = b.trim_end_matches(trim_end);
    }
    if body.is_empty() {
        return None;
    }
    let s = ts + lead;
    let e = s + body.len();
    Some((body.to_string(), s..e, next.unwrap_or(stop).max(e)))
}

// ------------------------------------------------------------------ format

/// What is wrong with an identifier's form (rule `reference/format`, a warning).
///
/// Only what the conventions clearly say: Decree 30/2020 Annex I for state documents
/// (`/` between number and symbol, `-` between groups, capitals, no spaces, a number below
/// 10 written `05`), Annex III for type abbreviations, the Party's `34-NQ/TW` pattern, and
/// the year group of legal documents (`250/2025/QH15`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FormatProblem {
    /// Spaces inside the identifier: `34 - NQ/TW`.
    Spaces,
    /// A dash other than the hyphen between groups: `34–NQ/TW`.
    Dash,
    /// A symbol group in lower case: `34-nq/TW` (`TTg`, `QyĐ`, `CTr`, `TTr`, `QĐi` are
    /// written so on purpose).
    LowerCase { segment: String },
    /// A Party document (issuer `TW`, `VPTW`, `TU`...) written with state separators:
    /// `34/NQ-TW` for `34-NQ/TW`.
    PartySeparators,
    /// A state document (issuer `TTg`, `CP`, `QH15`, `UBND`...) written with Party separators:
    /// `2013-QĐ/TTg` for `2013/QĐ-TTg`.
    StateSeparators,
    /// A type abbreviation no table has: `34-NX/TW`, `30/2020/ND-CP`.
    UnknownType { abbr: String },
    /// A state document number below 10 without its zero: `5/QĐ-TTg` for `05/QĐ-TTg`.
    NotZeroPadded { number: u32 },
    /// A year group outside the years possible, or outside the legislature's term:
    /// `30/2202/NĐ-CP`, `250/2025/QH14` (the 14th National Assembly sat 2016–2021).
    YearOutOfRange {
        year: i32,
        min: i32,
        max: i32,
        legislature: Option<u8>,
    },
}

/// An identifier split into number, separators and groups.
#[derive(Debug)]
struct Parsed<'a> {
    number: &'a str,
    /// `/` or `-` (every dash read as `-`)
    seps: Vec<char>,
    segs: Vec<&'a str>,
    spaced: bool,
    odd_dash: bool,
}

fn parse_id(id: &str) -> Option<Parsed<'_>> {
    let s = id.trim();
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 5 {
        return None;
    }
    let mut p = Parsed {
        number: &s[..n],
        seps: Vec::new(),
        segs: Vec::new(),
        spaced: false,
        odd_dash: false,
    };
    let mut rest = &s[n..];
    while !rest.is_empty() {
        let r = rest.trim_start_matches(char::is_whitespace);
        p.spaced |= r.len() < rest.len();
        let c = r.chars().next().filter(|&c| is_sep(c))?;
        p.odd_dash |= is_dash(c) && c != '-';
        p.seps.push(if c == '/' { '/' } else { '-' });
        let r2 = &r[c.len_utf8()..];
        let r3 = r2.trim_start_matches(char::is_whitespace);
        p.spaced |= r3.len() < r2.len();
        let k = r3.find(|c: char| !is_sym_char(c)).unwrap_or(r3.len());
        if k == 0 {
            return None;
        }
        p.segs.push(&r3[..k]);
        rest = &r3[k..];
    }
    Some(p)
}

fn is_type(seg: &str) -> bool {
    TYPES.iter().any(|t| seg_eq(seg, t))
}

/// `QH15`, `UBTVQH14`: the legislature number.
fn legislature(seg: &str) -> Option<u8> {
    let up = seg.to_ascii_uppercase();
    let digits = up
        .strip_prefix("UBTVQH")
        .or_else(|| up.strip_prefix("QH"))?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_state_issuer(seg: &str) -> bool {
    STATE_ISSUERS.iter().any(|t| seg_eq(seg, t)) || legislature(seg).is_some()
}

fn is_party_issuer(seg: &str) -> bool {
    let up = seg.to_uppercase();
    up.ends_with("TW") || PARTY_ISSUERS.iter().any(|t| seg_eq(seg, t))
}

/// A group with a lower-case letter that is not one of the mixed-case abbreviations.
fn lower_problem(seg: &str) -> bool {
    seg.chars().any(is_sym_lower) && !MIXED_CASE.contains(&seg)
}

/// The group as it should be written: the table's spelling, else capitals.
fn canonical(seg: &str) -> String {
    MIXED_CASE
        .iter()
        .chain(TYPES)
        .chain(STATE_ISSUERS)
        .chain(PARTY_ISSUERS)
        .find(|t| seg_eq(seg, t))
        .map_or_else(|| seg.to_uppercase(), |t| (*t).to_string())
}

fn is_year_seg(seg: &str) -> bool {
    seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit())
}

/// What is wrong with an identifier's form, if anything. Pass the identifier as written
/// (`&text[r.id_range]`) to catch spaces and dashes; [`Reference::id`] has them normalised.
/// A bare number (`34`) or text that is not an identifier gives `None`.
pub fn format_problem(id: &str) -> Option<FormatProblem> {
    let p = parse_id(id)?;
    if p.segs.is_empty() {
        return None;
    }
    if p.spaced {
        return Some(FormatProblem::Spaces);
    }
    if p.odd_dash {
        return Some(FormatProblem::Dash);
    }
    if let Some(seg) = p.segs.iter().find(|s| lower_problem(s)) {
        return Some(FormatProblem::LowerCase {
            segment: (*seg).to_string(),
        });
    }
    let letters: Vec<&str> = p.segs.iter().copied().filter(|s| has_letter(s)).collect();
    let party = letters.iter().any(|s| is_party_issuer(s));
    let state = letters.iter().any(|s| is_state_issuer(s));
    let party_form = p.seps == ['-', '/'] && letters.len() == 2 && has_letter(p.segs[0]);
    let year_form = p.seps.len() >= 2 && p.seps[..2] == ['/', '/'] && is_year_seg(p.segs[0]);
    let state_form = p.seps[0] == '/'
        && p.seps
            .iter()
            .skip(if year_form { 2 } else { 1 })
            .all(|&c| c == '-');
    if party && !state && !party_form {
        return Some(FormatProblem::PartySeparators);
    }
    // `35-L/CTN`, `64-CP`: laws and decrees of the 1990s were numbered so
    let historical = letters.iter().any(|s| seg_eq(s, "CTN")) || letters.len() < 2;
    if state && !party && !state_form && !historical {
        return Some(FormatProblem::StateSeparators);
    }
    let type_seg = if party_form {
        Some(p.segs[0])
    } else if year_form && letters.len() >= 2 {
        p.segs.get(1).copied()
    } else {
        None
    };
    if let Some(t) = type_seg.filter(|t| has_letter(t) && !is_type(t)) {
        return Some(FormatProblem::UnknownType {
            abbr: t.to_string(),
        });
    }
    if state_form && !party && p.number.len() == 1 && p.number != "0" {
        return Some(FormatProblem::NotZeroPadded {
            number: u32::from(p.number.as_bytes()[0] - b'0'),
        });
    }
    if year_form {
        let year: i32 = p.segs[0].parse().ok()?;
        if !(YEARS.0..=YEARS.1).contains(&year) {
            return Some(FormatProblem::YearOutOfRange {
                year,
                min: YEARS.0,
                max: YEARS.1,
                legislature: None,
            });
        }
        let term = letters
            .iter()
            .filter_map(|s| legislature(s))
            .find_map(|k| LEGISLATURES.iter().find(|l| l.0 == k));
        if let Some(&(k, min, max)) = term
            && !(min..=max).contains(&year)
        {
            return Some(FormatProblem::YearOutOfRange {
                year,
                min,
                max,
                legislature: Some(k),
            });
        }
    }
    None
}

fn roman(n: u8) -> &'static str {
    const R: [&str; 17] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
        "XIV", "XV", "XVI",
    ];
    R.get(usize::from(n)).copied().unwrap_or("")
}

/// `number`, separators and groups back into one identifier.
fn rebuild(number: &str, parts: &[(char, String)]) -> String {
    let mut s = number.to_string();
    for (sep, seg) in parts {
        s.push(*sep);
        s.push_str(seg);
    }
    s
}

impl FormatProblem {
    pub fn describe_vi(&self) -> String {
        match self {
            FormatProblem::Spaces => {
                "Số, ký hiệu văn bản viết liền, không có dấu cách".to_string()
            }
            FormatProblem::Dash => {
                "Giữa các nhóm chữ viết tắt dùng dấu gạch nối (-), không dùng gạch ngang dài (–)"
                    .to_string()
            }
            FormatProblem::LowerCase { segment } => {
                format!("Ký hiệu văn bản viết bằng chữ in hoa: “{segment}”")
            }
            FormatProblem::PartySeparators => {
                "Văn bản của Đảng ghi số và tên loại nối bằng dấu gạch nối (-), tên loại và cơ quan ban hành nối bằng dấu gạch chéo (/), ví dụ 34-NQ/TW".to_string()
            }
            FormatProblem::StateSeparators => {
                "Văn bản nhà nước ghi dấu gạch chéo (/) giữa số và ký hiệu, dấu gạch nối (-) giữa các nhóm chữ viết tắt (Nghị định 30/2020/NĐ-CP), ví dụ 2013/QĐ-TTg".to_string()
            }
            FormatProblem::UnknownType { abbr } => format!(
                "“{abbr}” không phải chữ viết tắt tên loại văn bản đã biết (Phụ lục III Nghị định 30/2020/NĐ-CP)"
            ),
            FormatProblem::NotZeroPadded { number } => format!(
                "Số văn bản nhỏ hơn 10 phải ghi thêm số 0 phía trước: 0{number} (Nghị định 30/2020/NĐ-CP)"
            ),
            FormatProblem::YearOutOfRange {
                year,
                min,
                max,
                legislature: Some(k),
            } => format!(
                "Năm {year} nằm ngoài nhiệm kỳ Quốc hội khóa {} ({min}–{max})",
                roman(*k)
            ),
            FormatProblem::YearOutOfRange {
                year, min, max, ..
            } => format!("Năm ban hành {year} nằm ngoài khoảng {min}–{max}"),
        }
    }

    pub fn describe_en(&self) -> String {
        match self {
            FormatProblem::Spaces => {
                "A document number and symbol are written without spaces".to_string()
            }
            FormatProblem::Dash => {
                "Groups of the symbol are joined by a hyphen (-), not an en dash (–)".to_string()
            }
            FormatProblem::LowerCase { segment } => {
                format!("A document symbol is written in capitals: `{segment}`")
            }
            FormatProblem::PartySeparators => {
                "A Party document joins number and type with `-` and type and issuer with `/`, as in 34-NQ/TW".to_string()
            }
            FormatProblem::StateSeparators => {
                "A state document puts `/` between number and symbol and `-` between the symbol's groups (Decree 30/2020), as in 2013/QĐ-TTg".to_string()
            }
            FormatProblem::UnknownType { abbr } => format!(
                "`{abbr}` is not a known document type abbreviation (Decree 30/2020, Annex III)"
            ),
            FormatProblem::NotZeroPadded { number } => format!(
                "A document number below 10 is written with a leading zero: 0{number} (Decree 30/2020)"
            ),
            FormatProblem::YearOutOfRange {
                year,
                min,
                max,
                legislature: Some(k),
            } => format!(
                "Year {year} is outside the term of the {k}th National Assembly ({min}–{max})"
            ),
            FormatProblem::YearOutOfRange {
                year, min, max, ..
            } => format!("Year {year} is outside {min}–{max}"),
        }
    }

    /// The identifier written the right way, when it can be told from `id` alone.
    pub fn suggestion(&self, id: &str) -> Option<String> {
        let p = parse_id(id)?;
        let parts = |fix: &dyn Fn(&str) -> String| -> Vec<(char, String)> {
            p.seps
                .iter()
                .zip(&p.segs)
                .map(|(&c, s)| (c, fix(s)))
                .collect()
        };
        match self {
            FormatProblem::Spaces | FormatProblem::Dash => {
                Some(rebuild(p.number, &parts(&|s| s.to_string())))
            }
            FormatProblem::LowerCase { .. } => Some(rebuild(
                p.number,
                &parts(&|s| {
                    if lower_problem(s) {
                        canonical(s)
                    } else {
                        s.to_string()
                    }
                }),
            )),
            FormatProblem::PartySeparators => {
                if p.segs.iter().any(|s| !has_letter(s)) || p.segs.len() < 2 {
                    return None;
                }
                let issuer = p.segs[1..].join("-");
                Some(format!("{}-{}/{}", p.number, p.segs[0], issuer))
            }
            FormatProblem::StateSeparators => {
                let (year, rest): (Vec<&str>, Vec<&str>) =
                    p.segs.iter().partition(|s| is_year_seg(s));
                if year.len() > 1 || rest.iter().any(|s| !has_letter(s)) {
                    return None;
                }
                let mut s = format!("{}/", p.number);
                if let Some(y) = year.first() {
                    s.push_str(y);
                    s.push('/');
                }
                s.push_str(&rest.join("-"));
                Some(s)
            }
            FormatProblem::NotZeroPadded { .. } => Some(format!(
                "0{}",
                rebuild(p.number, &parts(&|s| s.to_string()))
            )),
            FormatProblem::UnknownType { .. } | FormatProblem::YearOutOfRange { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The type word before every number of the project's texts, and before every
    /// character of a few made-up heads, is the one trying every type word finds.
    /// The word-at-a-time search finds the digit a byte-at-a-time one finds, from every
    /// offset of every text the project has and of a few made-up ones.
    #[test]
    fn next_digit_is_the_bytewise_search() {
        let mut texts = crate::testing::project_texts();
        texts.push("\u{7f}/:09 \u{80}\u{b0}\u{b9}0x".into());
        texts.push((0u8..=255).map(char::from).collect());
        let mut digits = 0;
        for t in &texts {
            let b = t.as_bytes();
            // the bytewise answer from each offset, swept from the end
            let mut want = b.len();
            for i in (0..b.len()).rev() {
                if b[i].is_ascii_digit() {
                    want = i;
                    digits += 1;
                }
                assert_eq!(next_digit(b, i), want, "{i}");
            }
            assert_eq!(next_digit(b, b.len()), b.len());
        }
        assert!(digits > 10_000, "{digits}");
    }

    #[test]
    fn kind_at_end_is_the_one_trying_every_kind() {
        assert!(KINDS.iter().all(|k| !k.ends_with(' ')));
        let mut heads: Vec<String> = crate::testing::project_texts();
        heads.push("theo NGHỊ QUYẾT LIÊN TỊCH số 5 và Thông Tư 12, Hiến pháp 2013".into());
        let mut found = 0;
        for t in &heads {
            for (i, c) in t.char_indices() {
                if c.is_ascii_digit() || t.len() < 3000 && c == ' ' {
                    let h = t[..i].trim_end_matches(is_space);
                    let want = kind_at_end_tried(h);
                    assert_eq!(kind_at_end(h), want, "{h:?}");
                    found += usize::from(want.is_some());
                }
            }
        }
        assert!(found > 100, "{found}");
    }
    use proptest::prelude::*;

    fn day(year: i32, month: u8, day: u8) -> TimePoint {
        TimePoint::Day { year, month, day }
    }

    fn one(text: &str) -> Reference {
        let refs = references(text);
        assert_eq!(refs.len(), 1, "{text}: {refs:#?}");
        refs.into_iter().next().unwrap()
    }

    fn ids(text: &str) -> Vec<String> {
        references(text).into_iter().map(|r| r.id).collect()
    }

    fn issuer(r: &Reference) -> Option<&str> {
        r.issuer.as_ref().map(|(s, _)| s.as_str())
    }

    fn title(r: &Reference) -> Option<&str> {
        r.title.as_ref().map(|(s, _)| s.as_str())
    }

    // ---------------------------------------------------------- identifier shapes

    #[test]
    fn party_identifier() {
        let t = "Các bộ, ngành cần quán triệt Nghị quyết số 34-NQ/TW trong năm tới.";
        let r = one(t);
        assert_eq!(r.id, "34-NQ/TW");
        assert_eq!(&t[r.id_range.clone()], "34-NQ/TW");
        assert_eq!(r.kind.as_deref(), Some("nghị quyết"));
        for (t, id) in [
            (
                "Thực hiện Hướng dẫn 36-HD/VPTW, văn phòng đã rà soát.",
                "36-HD/VPTW",
            ),
            ("Đề án số 01-ĐA/TW được triển khai rộng.", "01-ĐA/TW"),
            (
                "Theo Kết luận số 12-KL/TW, kiều bào là nguồn lực.",
                "12-KL/TW",
            ),
        ] {
            assert_eq!(ids(t), [id], "{t}");
        }
    }

    #[test]
    fn state_identifier() {
        let t = "Sở Ngoại vụ nhận được Công văn số 45/UBND-VP vào sáng nay.";
        let r = one(t);
        assert_eq!(r.id, "45/UBND-VP");
        assert_eq!(r.kind.as_deref(), Some("công văn"));
        let r = one("Số: 45/UBND-VP");
        assert_eq!((r.id.as_str(), r.kind), ("45/UBND-VP", None));
        let r = one("Chiến lược được phê duyệt tại Quyết định 2013/QĐ-TTg.");
        assert_eq!(r.id, "2013/QĐ-TTg");
        assert_eq!(r.kind.as_deref(), Some("quyết định"));
    }

    #[test]
    fn legal_identifiers() {
        let t = "Nghị định 30/2020/NĐ-CP quy định thể thức, còn Nghị quyết 250/2025/QH15 mở ra cơ chế mới.";
        let refs = references(t);
        let got: Vec<(&str, Option<&str>)> = refs
            .iter()
            .map(|r| (r.id.as_str(), r.kind.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("30/2020/NĐ-CP", Some("nghị định")),
                ("250/2025/QH15", Some("nghị quyết"))
            ]
        );
        // no type word: the year group and the symbol make it an identifier
        assert_eq!(ids("(xem 64/2025/QH15)"), ["64/2025/QH15"]);
    }

    #[test]
    fn bare_citations() {
        let r = one("Năm ngoái Ban Bí thư ban hành Chỉ thị 12 để đẩy mạnh đối ngoại nhân dân.");
        assert_eq!(r.id, "12");
        assert_eq!(r.kind.as_deref(), Some("chỉ thị"));
        assert_eq!(ids("Nghị quyết 34 đặt ra yêu cầu cao."), ["34"]);
        assert_eq!(ids("Tinh thần Kết luận 57 cần được lan tỏa."), ["57"]);
        assert_eq!(ids("Theo nghị quyết số 34 của Bộ Chính trị."), ["34"]);
        // a lower-case type word followed by a count, a percentage, a year
        assert!(ids("Lãnh đạo đã ra quyết định 3 lần trong tháng.").is_empty());
        assert!(ids("Đề án 40% đã hoàn thành.").is_empty());
        assert!(ids("Hiến pháp 2013 ghi nhận quyền con người.").is_empty());
        assert!(ids("Nghị quyết 5 lần được nhắc tới.").is_empty());
        assert!(ids("Quyết định 12/2023 chưa được công bố.").is_empty());
        assert!(ids("Nghị quyết Trung ương 8 khóa XIII rất quan trọng.").is_empty());
    }

    #[test]
    fn spaced_and_dashed_identifiers_are_read() {
        let t = "Theo Nghị quyết số 34 - NQ/TW và Quyết định số 2013/QĐ–TTg đã nêu.";
        let refs = references(t);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].id, "34-NQ/TW");
        assert_eq!(&t[refs[0].id_range.clone()], "34 - NQ/TW");
        assert_eq!(refs[1].id, "2013/QĐ-TTg");
    }

    // ---------------------------------------------------------- fields

    #[test]
    fn kind_field() {
        for (t, kind) in [
            (
                "Thông tư số 01/2011/TT-BNV đã hết hiệu lực.",
                Some("thông tư"),
            ),
            (
                "Luật Đất đai số 31/2024/QH15 có nhiều điểm mới.",
                Some("luật"),
            ),
            (
                "Bộ đã có Tờ trình số 15/TTr-BNG gửi Chính phủ.",
                Some("tờ trình"),
            ),
            ("(tham khảo 2013/QĐ-TTg)", None),
            ("Văn bản số 45/UBND-VP đã gửi.", Some("văn bản")),
        ] {
            assert_eq!(one(t).kind.as_deref(), kind, "{t}");
        }
    }

    #[test]
    fn date_with_ngay() {
        let t = "Nghị quyết số 34-NQ/TW ngày 9/1/2023 nêu rõ định hướng.";
        let r = one(t);
        let (tp, range) = r.date.clone().unwrap();
        assert_eq!(tp, day(2023, 1, 9));
        assert_eq!(&t[range], "ngày 9/1/2023");
    }

    #[test]
    fn date_between_commas() {
        let t = "Quyết định số 2013/QĐ-TTg, ngày 30-11-2021, của Thủ tướng Chính phủ đã phê duyệt.";
        let r = one(t);
        let (tp, range) = r.date.clone().unwrap();
        assert_eq!(tp, day(2021, 11, 30));
        assert_eq!(&t[range], "ngày 30-11-2021");
        assert_eq!(issuer(&r), Some("Thủ tướng Chính phủ"));
    }

    #[test]
    fn date_in_words_after_issuer_and_in_brackets() {
        let r = one(
            "Kết luận số 57-KL/TW của Bộ Chính trị ngày 15 tháng 6 năm 2023 về thông tin đối ngoại.",
        );
        assert_eq!(r.date.as_ref().map(|d| d.0), Some(day(2023, 6, 15)));
        assert_eq!(issuer(&r), Some("Bộ Chính trị"));
        assert_eq!(title(&r), Some("thông tin đối ngoại"));
        let r = one("Ban Bí thư có Chỉ thị 12 về đối ngoại nhân dân (5/1/2022) rất kịp thời.");
        assert_eq!(r.date.as_ref().map(|d| d.0), Some(day(2022, 1, 5)));
        assert_eq!(title(&r), Some("đối ngoại nhân dân"));
        // a month is not an issue date
        assert_eq!(one("Chỉ thị 12 (tháng 1/2022) rất kịp thời.").date, None);
    }

    #[test]
    fn issuer_stops_at_ve() {
        let t = "Nghị quyết số 34-NQ/TW của Bộ Chính trị về một số định hướng lớn.";
        let r = one(t);
        let (s, range) = r.issuer.clone().unwrap();
        assert_eq!(s, "Bộ Chính trị");
        assert_eq!(&t[range], "Bộ Chính trị");
        assert_eq!(title(&r), Some("một số định hướng lớn"));
    }

    #[test]
    fn issuer_stops_at_verbs_and_keeps_names() {
        let r = one("Nghị quyết số 34-NQ/TW của Bộ Chính trị nêu rõ vai trò của các trụ cột.");
        assert_eq!(issuer(&r), Some("Bộ Chính trị"));
        assert_eq!(r.title, None);
        let r = one("Thông tư số 05/2024/TT-BTNMT của Bộ Tài nguyên và Môi trường đã có hiệu lực.");
        assert_eq!(issuer(&r), Some("Bộ Tài nguyên và Môi trường"));
        let r = one(
            "Nghị quyết số 12/2023/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội ban hành hôm qua.",
        );
        assert_eq!(issuer(&r), Some("Ủy ban Thường vụ Quốc hội"));
        // lower-case after `của`: not an issuer
        assert_eq!(one("Chỉ thị 15-CT/TW của chúng ta").issuer, None);
    }

    #[test]
    fn title_stops_at_semicolon() {
        let t = "Kết luận số 57-KL/TW về nâng cao chất lượng thông tin đối ngoại, trong tình hình mới; các chỉ thị khác.";
        let r = one(t);
        let (s, range) = r.title.clone().unwrap();
        assert_eq!(
            s,
            "nâng cao chất lượng thông tin đối ngoại, trong tình hình mới"
        );
        assert_eq!(&t[range], s);
    }

    #[test]
    fn title_in_quotes() {
        let t = "Kết luận số 12-KL/TW, ngày 12-8-2021, của Bộ Chính trị, “Về người Việt Nam ở nước ngoài”, được phổ biến rộng.";
        let r = one(t);
        assert_eq!(issuer(&r), Some("Bộ Chính trị"));
        assert_eq!(title(&r), Some("người Việt Nam ở nước ngoài"));
        let r = one(
            "Chỉ thị số 32-CT/TW của Bộ Chính trị về “Tăng cường quan hệ đối ngoại đảng; đổi mới phương thức” là căn cứ.",
        );
        assert_eq!(
            title(&r),
            Some("Tăng cường quan hệ đối ngoại đảng; đổi mới phương thức")
        );
    }

    #[test]
    fn title_is_short() {
        let long = "tăng cường hợp tác ".repeat(30);
        let t = format!("Đề án số 01-ĐA/TW về {long}.");
        let r = one(&t);
        let (s, range) = r.title.unwrap();
        assert!(s.len() <= TITLE_MAX, "{}", s.len());
        assert!(s.starts_with("tăng cường"));
        assert_eq!(&t[range], s);
    }

    #[test]
    fn two_citations_in_one_sentence() {
        let t = "Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị về định hướng đối ngoại và Quyết định số 2013/QĐ-TTg, ngày 30-11-2021, của Thủ tướng Chính phủ là hai văn bản then chốt.";
        let refs = references(t);
        assert_eq!(refs.len(), 2, "{refs:#?}");
        assert_eq!(refs[0].id, "34-NQ/TW");
        assert_eq!(refs[0].date.clone().map(|d| d.0), Some(day(2023, 1, 9)));
        assert_eq!(issuer(&refs[0]), Some("Bộ Chính trị"));
        assert_eq!(title(&refs[0]), Some("định hướng đối ngoại"));
        assert_eq!(refs[1].id, "2013/QĐ-TTg");
        assert_eq!(refs[1].kind.as_deref(), Some("quyết định"));
        assert_eq!(refs[1].date.clone().map(|d| d.0), Some(day(2021, 11, 30)));
        assert_eq!(issuer(&refs[1]), Some("Thủ tướng Chính phủ"));
        // a title stops before the next citation after a comma
        let refs = references(
            "Nghị quyết 59-NQ/TW về hội nhập quốc tế, Kết luận 57 về thông tin đối ngoại.",
        );
        assert_eq!(refs.len(), 2);
        assert_eq!(title(&refs[0]), Some("hội nhập quốc tế"));
        assert_eq!(title(&refs[1]), Some("thông tin đối ngoại"));
    }

    #[test]
    fn sentence_without_citation() {
        assert!(references("Kim ngạch xuất khẩu năm 2023 đạt 355,5 tỷ USD, tăng 4,2%.").is_empty());
        assert!(references("").is_empty());
    }

    #[test]
    fn non_citations() {
        for t in [
            "Đại dịch COVID-19 gây nhiều khó khăn.",
            "Hội nghị thượng đỉnh G20 diễn ra tại Ấn Độ.",
            "Giai đoạn 2021-2023 tăng trưởng khá.",
            "Số liệu cập nhật đến 12/2023.",
            "Tốc độ 100 km/h và tỷ lệ 42/63 tỉnh.",
            "Mạng 5G/4G phủ sóng rộng, máy bay F-16 và vắc-xin SARS-CoV-2.",
            "Lịch làm việc 24/7, ngày 1-2/3, 3-in-1.",
        ] {
            assert!(references(t).is_empty(), "{t}: {:#?}", references(t));
        }
    }

    // ---------------------------------------------------------- format problems

    fn fp(id: &str) -> Option<FormatProblem> {
        format_problem(id)
    }

    #[test]
    fn well_formed_identifiers_have_no_problem() {
        for id in [
            "34-NQ/TW",
            "36-HD/VPTW",
            "01-ĐA/TW",
            "12-KL/TW",
            "08-QĐi/TW",
            "45/UBND-VP",
            "2013/QĐ-TTg",
            "30/2020/NĐ-CP",
            "250/2025/QH15",
            "01/2020/TTLT-BTC-BNG",
            "12/2023/NQ-UBTVQH15",
            "12/NQ-CP",
            "35-L/CTN",
            "64-CP",
            "34",
        ] {
            assert_eq!(fp(id), None, "{id}");
        }
    }

    #[test]
    fn spaces() {
        let p = fp("34 - NQ/TW");
        assert_eq!(p, Some(FormatProblem::Spaces));
        assert_eq!(
            p.unwrap().suggestion("34 - NQ/TW").as_deref(),
            Some("34-NQ/TW")
        );
        assert_eq!(fp("34-NQ/TW"), None);
    }

    #[test]
    fn dash() {
        let p = fp("34–NQ/TW");
        assert_eq!(p, Some(FormatProblem::Dash));
        assert_eq!(
            p.unwrap().suggestion("34–NQ/TW").as_deref(),
            Some("34-NQ/TW")
        );
        assert_eq!(fp("2013/QĐ-TTg"), None);
    }

    #[test]
    fn lower_case() {
        let p = fp("34-nq/TW").unwrap();
        assert_eq!(
            p,
            FormatProblem::LowerCase {
                segment: "nq".into()
            }
        );
        assert_eq!(p.suggestion("34-nq/TW").as_deref(), Some("34-NQ/TW"));
        let p = fp("2013/qđ-ttg").unwrap();
        assert_eq!(p.suggestion("2013/qđ-ttg").as_deref(), Some("2013/QĐ-TTg"));
        // mixed case by design
        assert_eq!(fp("2013/QĐ-TTg"), None);
        assert_eq!(fp("12/QyĐ-UBND"), None);
        assert_eq!(fp("15/TTr-BNG"), None);
    }

    #[test]
    fn party_separators() {
        let p = fp("34/NQ-TW").unwrap();
        assert_eq!(p, FormatProblem::PartySeparators);
        assert_eq!(p.suggestion("34/NQ-TW").as_deref(), Some("34-NQ/TW"));
        assert_eq!(fp("36/HD/VPTW"), Some(FormatProblem::PartySeparators));
        // a Government resolution is a state document
        assert_eq!(fp("12/NQ-CP"), None);
        assert_eq!(fp("36-HD/VPTW"), None);
    }

    #[test]
    fn state_separators() {
        let p = fp("2013-QĐ/TTg").unwrap();
        assert_eq!(p, FormatProblem::StateSeparators);
        assert_eq!(p.suggestion("2013-QĐ/TTg").as_deref(), Some("2013/QĐ-TTg"));
        let p = fp("30-2020-NĐ/CP").unwrap();
        assert_eq!(p, FormatProblem::StateSeparators);
        assert_eq!(
            p.suggestion("30-2020-NĐ/CP").as_deref(),
            Some("30/2020/NĐ-CP")
        );
        assert_eq!(fp("45/UBND/VP"), Some(FormatProblem::StateSeparators));
        // near misses: canonical state form, a 1990s law, a Party document
        assert_eq!(fp("2013/QĐ-TTg"), None);
        assert_eq!(fp("35-L/CTN"), None);
        assert_eq!(fp("34-NQ/TW"), None);
    }

    #[test]
    fn unknown_type() {
        let p = fp("34-NX/TW").unwrap();
        assert_eq!(p, FormatProblem::UnknownType { abbr: "NX".into() });
        assert_eq!(p.suggestion("34-NX/TW"), None);
        assert_eq!(
            fp("30/2020/ND-CP"),
            Some(FormatProblem::UnknownType { abbr: "ND".into() })
        );
        // the first group of a state symbol may be the issuer
        assert_eq!(fp("45/UBND-VP"), None);
        assert_eq!(fp("34-KL/TW"), None);
        assert_eq!(fp("01/2020/TTLT-BTC-BNG"), None);
    }

    #[test]
    fn not_zero_padded() {
        let p = fp("5/QĐ-TTg").unwrap();
        assert_eq!(p, FormatProblem::NotZeroPadded { number: 5 });
        assert_eq!(p.suggestion("5/QĐ-TTg").as_deref(), Some("05/QĐ-TTg"));
        assert_eq!(
            fp("1/2020/NĐ-CP"),
            Some(FormatProblem::NotZeroPadded { number: 1 })
        );
        // padded, ten, or a Party document (the anchor states the rule for state ones)
        assert_eq!(fp("05/QĐ-TTg"), None);
        assert_eq!(fp("10/QĐ-TTg"), None);
        assert_eq!(fp("5-CT/TW"), None);
    }

    #[test]
    fn year_out_of_range() {
        assert_eq!(
            fp("30/2202/NĐ-CP"),
            Some(FormatProblem::YearOutOfRange {
                year: 2202,
                min: 1945,
                max: 2099,
                legislature: None
            })
        );
        let p = fp("250/2025/QH14").unwrap();
        assert_eq!(
            p,
            FormatProblem::YearOutOfRange {
                year: 2025,
                min: 2016,
                max: 2021,
                legislature: Some(14)
            }
        );
        assert!(p.describe_vi().contains("khóa XIV"));
        assert_eq!(fp("250/2025/QH15"), None);
        assert_eq!(fp("80/2021/QH14"), None);
        assert_eq!(fp("30/2020/NĐ-CP"), None);
    }

    #[test]
    fn descriptions_are_written() {
        for p in [
            FormatProblem::Spaces,
            FormatProblem::Dash,
            FormatProblem::LowerCase {
                segment: "nq".into(),
            },
            FormatProblem::PartySeparators,
            FormatProblem::StateSeparators,
            FormatProblem::UnknownType { abbr: "NX".into() },
            FormatProblem::NotZeroPadded { number: 5 },
            FormatProblem::YearOutOfRange {
                year: 2202,
                min: 1945,
                max: 2099,
                legislature: None,
            },
        ] {
            assert!(!p.describe_vi().is_empty() && !p.describe_en().is_empty());
        }
    }

    // ---------------------------------------------------------- seeds

    #[test]
    fn seeds() {
        let dir = std::path::Path::new("/work/shared/seeds");
        let Ok(entries) = std::fs::read_dir(dir) else {
            println!("note: {} is absent, seed test skipped", dir.display());
            return;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut problems = Vec::new();
        let mut checked = 0;
        for f in &files {
            let Ok(raw) = std::fs::read_to_string(f) else {
                continue;
            };
            let text: String = raw.nfc().collect();
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let refs = references(&text);
            for r in &refs {
                assert!(text.is_char_boundary(r.id_range.start));
                println!(
                    "{name}: {} [{}] date={:?} issuer={:?} title={:?}",
                    r.id,
                    r.kind.as_deref().unwrap_or("-"),
                    r.date.as_ref().map(|d| d.0.iso()),
                    issuer(r),
                    title(r).map(|t| t.chars().take(50).collect::<String>()),
                );
                if let Some(p) = format_problem(&text[r.id_range.clone()]) {
                    problems.push(format!("{name}: {} {p:?}", r.id));
                }
            }
            if name.starts_with("001") && text.contains("34-NQ/TW ngày 9/1/2023") {
                checked += 1;
                assert!(
                    refs.iter().any(|r| r.id == "34-NQ/TW"
                        && r.date.as_ref().map(|d| d.0) == Some(day(2023, 1, 9))),
                    "34-NQ/TW with its date in {name}"
                );
            }
            if name.starts_with("000") && text.contains("2013/QĐ-TTg") {
                checked += 1;
                assert!(
                    refs.iter().any(|r| r.id == "2013/QĐ-TTg"
                        && r.date.as_ref().map(|d| d.0) == Some(day(2021, 11, 30))
                        && issuer(r) == Some("Thủ tướng Chính phủ")),
                    "2013/QĐ-TTg with date and issuer in {name}"
                );
            }
        }
        for p in &problems {
            println!("format problem: {p}");
        }
        assert!(problems.is_empty(), "{problems:#?}");
        if checked < 2 {
            println!("note: only {checked} of the 2 seed citations were present");
        }
    }

    #[test]
    fn long_inputs_stay_fast() {
        let inputs = [
            "Nghị quyết số 34-NQ/TW của Bộ Chính trị về đối ngoại, ".repeat(5000),
            "1/".repeat(50_000),
            format!("{} số 1 số 2 số 3", "A".repeat(200_000)),
            format!("Quyết định số 5/{}", "Q".repeat(200_000)),
            "số 1 ".repeat(50_000),
            format!("Đề án số 01-ĐA/TW về “{}", "hợp tác, ".repeat(20_000)),
        ];
        for s in &inputs {
            let start = std::time::Instant::now();
            let n = references(s).len();
            let took = start.elapsed();
            println!("{} bytes: {n} references in {took:?}", s.len());
            assert!(took.as_secs() < 5, "{took:?}");
        }
    }

    // ---------------------------------------------------------- properties

    fn check_any(s: &str) {
        for r in references(s) {
            let mut ranges = vec![r.id_range.clone()];
            ranges.extend(r.date.map(|d| d.1));
            ranges.extend(r.issuer.map(|d| d.1));
            ranges.extend(r.title.map(|d| d.1));
            for range in ranges {
                assert!(range.start <= range.end && range.end <= s.len());
                assert!(s.is_char_boundary(range.start) && s.is_char_boundary(range.end));
            }
            if let Some(p) = format_problem(&s[r.id_range.clone()]) {
                let _ = (p.describe_vi(), p.describe_en(), p.suggestion(&r.id));
            }
        }
        if let Some(p) = format_problem(s) {
            let _ = (p.describe_vi(), p.describe_en(), p.suggestion(s));
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            check_any(&s);
        }

        #[test]
        fn never_panics_on_citation_like_text(
            s in "(Nghị quyết|Quyết định|Chỉ thị|Luật|số|của|về|ngày|và|Bộ|Chính|TW|NQ|QĐ|TTg|QH15|[0-9]{1,5}|[/\\-–,;:.()“” \u{a0}]|[a-zđĐưƯ]|\n){0,40}"
        ) {
            check_any(&s);
        }
    }
}
