//! Character classes and case folding for the characters Vietnamese text is made of,
//! without the Unicode tables.
//!
//! `char::is_alphanumeric` and `char::to_lowercase` look every non-ASCII character up in
//! a table (a few hundred instructions for a Vietnamese letter); the checks ask them for
//! nearly every character of a document. These functions answer exactly as the standard
//! library does, with the answer for ASCII, Latin-1, Latin Extended-A/B and the
//! Vietnamese letters (U+1EA0–U+1EF9) computed directly, and fall back to the standard
//! library for anything else. The tests compare them with it on every code point.

/// `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 letters (not × ÷), Latin Extended-A and -B
        0xc0..=0x24f => !matches!(c, '×' | '÷'),
        // Latin Extended Additional: Ạ..ỹ and the rest
        0x1e00..=0x1eff => true,
        // combining tone and vowel marks (U+0345 and U+0363.. are letters)
        0x300..=0x344 | 0x346..=0x362 => false,
        // general punctuation (dashes, quotes, `…`), CJK punctuation
        0x2000..=0x206f | 0x3000..=0x3003 | 0x3008..=0x3020 => false,
        _ => c.is_alphanumeric(),
    }
}

/// `c.is_alphabetic()`.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        0xc0..=0x24f => !matches!(c, '×' | '÷'),
        0x1e00..=0x1eff => true,
        0x300..=0x344 | 0x346..=0x362 => false,
        0x2000..=0x206f | 0x3000..=0x3003 | 0x3008..=0x3020 => false,
        _ => c.is_alphabetic(),
    }
}

/// The first character of `c.to_lowercase()` (`c` itself when it has no lower case).
/// À..Þ, Ă Đ Ĩ Ũ Ơ Ư and Ạ..Ỹ (upper case at even code points) are mapped directly.
#[inline]
pub fn lower(c: char) -> char {
    quick_lower(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// `lower` where it needs no table; `None` for the characters left to the standard
/// library.
#[inline]
fn quick_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0..=0x7f => return Some(c.to_ascii_lowercase()),
        0xc0..=0xde if u != 0xd7 => u + 0x20,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 => u + 1,
        0x1af => 0x1b0,
        0x1ea0..=0x1ef9 if u.is_multiple_of(2) => u + 1,
        0x80..=0xbf
        | 0xd7
        | 0xdf..=0xff
        | 0x103
        | 0x111
        | 0x129
        | 0x169
        | 0x1a1
        | 0x1b0
        | 0x1ea0..=0x1ef9
        | 0x300..=0x36f
        | 0x2000..=0x206f => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// `s.to_lowercase()`: the same string, built without the tables when every character
/// of `s` is one `quick_lower` knows (else by the standard library, for its context
/// rules such as the final sigma).
pub fn lower_str(s: &str) -> String {
    lower_aligned(s).unwrap_or_else(|| s.to_lowercase())
}

/// `s.to_lowercase()` when each character of `s` lowers to one character of the same
/// length (so that byte ranges of `s` are those of the result); `None` otherwise.
pub fn lower_aligned(s: &str) -> Option<String> {
    // ASCII lowered over the whole copy at once; the quick characters keep their UTF-8
    // length, so the others are lowered in place
    let mut out = s.as_bytes().to_vec();
    out.make_ascii_lowercase();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        let changed = match (x, b.get(i + 1).copied()) {
            // À..Þ (not ×): C3 80..9E -> C3 A0..BE
            (0xc3, Some(y @ 0x80..=0x9e)) if y != 0x97 => Some((i + 1, y + 0x20)),
            (0xc3, Some(_)) => None,
            // Ă Đ Ĩ (C4 82, 90, A8), Ũ (C5 A8), Ơ (C6 A0): the next code point
            (0xc4, Some(y @ (0x82 | 0x90 | 0xa8)))
            | (0xc5, Some(y @ 0xa8))
            | (0xc6, Some(y @ 0xa0)) => Some((i + 1, y + 1)),
            (0xc4, Some(0x83 | 0x91 | 0xa9)) | (0xc5, Some(0xa9)) | (0xc6, Some(0xa1 | 0xb0)) => {
                None
            }
            // Ạ..ỹ (E1 BA A0 .. E1 BB B9): upper case at even code points
            (0xe1, Some(0xba)) if b.get(i + 2).is_some_and(|&z| z >= 0xa0) => {
                b.get(i + 2).map(|&z| (i + 2, z | 1))
            }
            (0xe1, Some(0xbb)) if b.get(i + 2).is_some_and(|&z| z <= 0xb9) => {
                b.get(i + 2).map(|&z| (i + 2, z | 1))
            }
            _ => {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return None;
                };
                let n = c.len_utf8();
                match quick_lower(c) {
                    Some(l) if l == c => {}
                    Some(l) if l.len_utf8() == n => {
                        l.encode_utf8(&mut out[i..i + n]);
                    }
                    _ => return None,
                }
                i += n;
                continue;
            }
        };
        if let Some((k, v)) = changed {
            out[k] = v;
        }
        // past the lead byte and its continuation bytes
        i += 1;
        while b.get(i).is_some_and(|&z| (0x80..0xc0).contains(&z)) {
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether `c` lowers to exactly the one character `p` (`c.to_lowercase()` is `p`).
#[inline]
pub fn lowers_to(c: char, p: char) -> bool {
    match quick_lower(c) {
        Some(l) => l == p,
        None => c.to_lowercase().eq(std::iter::once(p)),
    }
}

/// The character at byte `i` of `s` (a character boundary): whether it is a letter or
/// digit (`is_alphanumeric`), and its length in bytes; `(false, 0)` past the end. The
/// letters Vietnamese uses are told by their UTF-8 lead bytes, without decoding.
#[inline]
pub fn class_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let Some(&x) = b.get(i) else {
        return (false, 0);
    };
    match x {
        0..=0x7f => (x.is_ascii_alphanumeric(), 1),
        // U+00C0..U+00FF: letters but × (C3 97) and ÷ (C3 B7)
        0xc3 => (!matches!(b.get(i + 1), Some(0x97 | 0xb7)), 2),
        // U+0100..U+023F
        0xc4..=0xc8 => (true, 2),
        // U+1E00..U+1EFF
        0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => (true, 3),
        _ => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (is_alphanumeric(c), c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// Bytes taken by the leading letters and digits of `s` (`is_alphanumeric`).
#[inline]
pub fn word_len(s: &str) -> usize {
    let mut i = 0;
    loop {
        match class_at(s, i) {
            (true, n) => i += n,
            _ => return i,
        }
    }
}

/// Calls `f(start, end)` for every run of letters and digits (`is_alphanumeric`) of `s`,
/// in order.
#[inline]
pub fn for_each_word(s: &str, mut f: impl FnMut(usize, usize)) {
    let mut i = 0;
    let mut start = None;
    while i < s.len() {
        let (word, n) = class_at(s, i);
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                f(a, i);
                start = None;
            }
            _ => {}
        }
        i += n.max(1);
    }
    if let Some(a) = start {
        f(a, s.len());
    }
}

/// Whether `s` starts with a letter or digit.
#[inline]
pub fn starts_with_word_char(s: &str) -> bool {
    s.chars().next().is_some_and(is_alphanumeric)
}

/// Whether `s` ends with a letter or digit.
#[inline]
pub fn ends_with_word_char(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_alphanumeric)
}

/// The bytes of `s` that match `pat` (lower case) at its start, character by character
/// through `lower`; `None` when they do not.
#[inline]
pub fn strip_prefix_lower(s: &str, pat: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let mut end = 0;
    for p in pat.chars() {
        let (i, c) = chars.next()?;
        if c != p && lower(c) != p {
            return None;
        }
        end = i + c.len_utf8();
    }
    Some(end)
}

/// Whether `s` is `pat` (lower case), character by character through `lower`.
#[inline]
pub fn eq_lower(s: &str, pat: &str) -> bool {
    strip_prefix_lower(s, pat) == Some(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10_ffffu32).filter_map(char::from_u32)
    }

    #[test]
    fn classes_agree_with_the_standard_library_on_every_code_point() {
        for c in all_chars() {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn lower_agrees_with_the_standard_library_on_every_code_point() {
        for c in all_chars() {
            assert_eq!(lower(c), c.to_lowercase().next().unwrap_or(c), "{c:?}");
        }
    }

    /// Each character known to `quick_lower` lowers to one character of the same UTF-8
    /// length, as `str::to_lowercase` lowers it.
    #[test]
    fn quick_lower_is_one_for_one() {
        for c in all_chars() {
            if let Some(l) = quick_lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
                assert_eq!(l.len_utf8(), c.len_utf8(), "{c:?}");
            }
        }
    }

    #[test]
    fn lowers_to_is_a_one_character_lower_case() {
        for c in all_chars() {
            let l = lower(c);
            assert_eq!(
                lowers_to(c, l),
                c.to_lowercase().eq(std::iter::once(l)),
                "{c:?}"
            );
        }
        assert!(lowers_to('Ố', 'ố'));
        assert!(!lowers_to('İ', 'i'));
    }

    #[test]
    fn lower_str_is_to_lowercase_on_every_code_point() {
        // each character alone, and all of them together after a capital sigma
        let mut all = String::from("AΣ");
        for c in all_chars() {
            let one = c.to_string();
            assert_eq!(lower_str(&one), one.to_lowercase(), "{c:?}");
            all.push(c);
            all.push(' ');
        }
        assert_eq!(lower_str(&all), all.to_lowercase());
        let vi: String = all_chars()
            .filter(|c| matches!(*c as u32, 0..=0x24f | 0x1e00..=0x1eff))
            .collect();
        assert_eq!(lower_str(&vi), vi.to_lowercase());
    }

    /// `lower` of a lower-case character is itself: a string lower-cased by
    /// `str::to_lowercase` is matched by `strip_prefix_lower` as written.
    #[test]
    fn lower_is_idempotent() {
        for c in all_chars() {
            assert_eq!(lower(lower(c)), lower(c), "{c:?}");
            for x in c.to_lowercase() {
                assert_eq!(lower(x), x, "{c:?}");
            }
        }
    }

    #[test]
    fn aligned_lower_case_keeps_byte_ranges() {
        let s = "Tổng SỐ ĐẠI HỘI ưu tiên";
        let low = lower_aligned(s).unwrap();
        assert_eq!(low, s.to_lowercase());
        assert_eq!(lower_aligned("KΣ"), None);
        assert_eq!(lower_aligned("İ"), None);
    }

    #[test]
    fn lower_str_is_to_lowercase() {
        for s in [
            "",
            "Tổng Số 28 CHUYẾN THĂM",
            "ĐẠI HỘI ĐẢNG LẦN THỨ XIII, Ưu Tiên Ơn",
            "ΟΔΟΣ Σ İstanbul",
            "x\u{301} ÀÞ×",
        ] {
            assert_eq!(lower_str(s), s.to_lowercase(), "{s}");
        }
    }

    /// `lower` keeps a letter a letter: a word lower-cased has the same extent.
    #[test]
    fn lower_keeps_the_class() {
        for c in all_chars() {
            assert_eq!(is_alphanumeric(lower(c)), is_alphanumeric(c), "{c:?}");
        }
    }

    #[test]
    fn class_at_agrees_with_is_alphanumeric() {
        let mut s = String::new();
        for c in all_chars().filter(|c| !matches!(*c as u32, 0xd800..=0xdfff)) {
            s.push(c);
        }
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(
                class_at(&s, i),
                (c.is_alphanumeric(), c.len_utf8()),
                "{c:?}"
            );
            i += c.len_utf8();
        }
        assert_eq!(class_at(&s, s.len()), (false, 0));
    }

    #[test]
    fn words_of_a_text() {
        let t = "Có 3 nhiệm vụ: (i) rà soát; ĐỔI MỚI×2…";
        let mut got = Vec::new();
        for_each_word(t, |a, b| got.push(&t[a..b]));
        let want: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn words_and_prefixes() {
        assert_eq!(word_len("Mười một"), "Mười".len());
        assert_eq!(word_len("ĐỔI"), "ĐỔI".len());
        assert_eq!(word_len("x–y"), 1);
        assert_eq!(word_len(""), 0);
        assert_eq!(
            strip_prefix_lower("THỨ HAI, ", "thứ hai"),
            Some("THỨ HAI".len())
        );
        assert_eq!(strip_prefix_lower("Thứ ba", "thứ hai"), None);
        assert_eq!(strip_prefix_lower("Th", "thứ"), None);
        assert!(eq_lower("Mười", "mười"));
        assert!(!eq_lower("Mười", "mườ"));
        assert!(!eq_lower("Mười", "mười một"));
        assert!(starts_with_word_char("ố"));
        assert!(!starts_with_word_char("…"));
        assert!(ends_with_word_char("là"));
        assert!(!ends_with_word_char("là,"));
    }
}
