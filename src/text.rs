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

/// `c.is_uppercase()`: ASCII, U+00C0..U+00FF and the Vietnamese capitals (Ă Đ Ĩ Ũ Ơ Ư, Ạ..Ỹ at
/// even code points) computed directly, the rest by the tables.
#[inline]
pub fn is_uppercase(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_uppercase(),
        0xc0..=0xde => c != '×',
        0xdf..=0xff => false,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 | 0x1af => true,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => false,
        u @ 0x1ea0..=0x1ef9 => u.is_multiple_of(2),
        _ => c.is_uppercase(),
    }
}

/// `c.is_lowercase()`, as `is_uppercase`.
#[inline]
pub fn is_lowercase(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_lowercase(),
        0xdf..=0xff => c != '÷',
        0xc0..=0xde => false,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 | 0x1af => false,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => true,
        u @ 0x1ea0..=0x1ef9 => !u.is_multiple_of(2),
        _ => c.is_lowercase(),
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
    let b = s.as_bytes();
    let cases = &*CASES;
    let mut out = String::with_capacity(s.len());
    // `s[run..i]` is copied as it is (its ASCII lowered at the end)
    let mut run = 0;
    // nearly every letter of a Vietnamese text is lower case already: only the lead bytes
    // that may start another character are visited
    let mut i = next_candidate(b, 0);
    while i < b.len() {
        let (n, to) = lower_step(s, i, cases)?;
        if let Some(l) = to {
            out.push_str(s.get(run..i)?);
            out.push(l);
            run = i + n;
        }
        i = next_candidate(b, i + n);
    }
    out.push_str(s.get(run..)?);
    out.make_ascii_lowercase();
    Some(out)
}

/// `lower_aligned` as it was before the lower-case letters were skipped thirty-two bytes
/// at a time: the reference the fast one is tested against.
#[cfg(test)]
fn lower_aligned_by_leads(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let cases = &*CASES;
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = next_lead(b, 0);
    while i < b.len() {
        let (n, to) = lower_step(s, i, cases)?;
        if let Some(l) = to {
            out.push_str(s.get(run..i)?);
            out.push(l);
            run = i + n;
        }
        i = next_lead(b, i + n);
    }
    out.push_str(s.get(run..)?);
    out.make_ascii_lowercase();
    Some(out)
}

/// Whether the character whose first three bytes (zero past its end) are `x y z` is one
/// of the lower-case letters `lower_aligned` skips without a look-up: à..ÿ (C3 A0..BF);
/// the odd code points of U+0100..U+0137 (đ ă ĩ); ơ ư; and the odd code points of
/// U+1E00..U+1EFF (the lower vowels with tones). Each is its own lower case.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn known_lower(x: u8, y: u8, z: u8) -> bool {
    match x {
        0xc3 => y >= 0xa0,
        0xc4 => y < 0xb8 && y % 2 == 1,
        0xc6 => y == 0xa1 || y == 0xb0,
        0xe1 => y & 0xfc == 0xb8 && z % 2 == 1,
        _ => false,
    }
}

/// The bytes `candidates` reads: thirty-two and the two after them.
type Window = [u8; 34];

/// The first lead byte of `b` at or after `i` that may start a character with another
/// lower case, or `b.len()`: C3..FF (U+0080..U+00BF, C2, are their own lower case) and
/// not `known_lower`.
#[inline(always)]
fn next_candidate(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the function needs AVX2, which the CPU was just found to have; it
        // touches memory only through safe slices.
        return unsafe { avx2::next_candidate(b, i) };
    }
    first_candidate(b, i, candidates)
}

/// `next_candidate` with the windows' bits from `candidates`.
#[inline(always)]
fn first_candidate(b: &[u8], mut i: usize, candidates: impl Fn(&Window) -> u32) -> usize {
    while i < b.len() {
        let m = match b.get(i..i + 34).and_then(|w| <&Window>::try_from(w).ok()) {
            Some(w) => candidates(w),
            None => {
                // zeros are not lead bytes
                let mut w = [0u8; 34];
                let rest = b.get(i..).unwrap_or_default();
                w[..rest.len()].copy_from_slice(rest);
                candidates(&w)
            }
        };
        if m != 0 {
            return i + m.trailing_zeros() as usize;
        }
        i += 32;
    }
    b.len()
}

/// Bit k set when byte k of `w` (k < 32) is C3..FF and not `known_lower`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn candidates(w: &Window) -> u32 {
    // SAFETY: the function needs SSE2, which the cfg above says the build targets (every
    // x86_64 CPU has it); it touches memory only through safe slices.
    unsafe { sse2::candidates(w) }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn candidates(w: &Window) -> u32 {
    candidates_bytewise(w)
}

/// `candidates` a byte at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn candidates_bytewise(w: &Window) -> u32 {
    (0..32).fold(0, |m, k| {
        let candidate = w[k] >= 0xc3 && !known_lower(w[k], w[k + 1], w[k + 2]);
        m | u32::from(candidate) << k
    })
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::Window;
    use crate::simd::sse2::{bits, byte, load};
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_max_epu8, _mm_or_si128, _mm_slli_epi16,
    };

    /// `super::candidates`.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn candidates(w: &Window) -> u32 {
        lane(w, 0) | lane(w, 16) << 16
    }

    /// `candidates` of the sixteen bytes from `p`. SSE2 compares bytes as signed: 80..FF
    /// are negative, and the continuation bytes 80..BF after a lead byte compare in their
    /// own order.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn lane(w: &Window, p: usize) -> u32 {
        let (x, y, z) = (load(w, p), load(w, p + 1), load(w, p + 2));
        let leads = bits(_mm_cmpeq_epi8(_mm_max_epu8(x, byte(0xc3)), x));
        let c3 = _mm_and_si128(_mm_cmpeq_epi8(x, byte(0xc3)), _mm_cmpgt_epi8(y, byte(0x9f)));
        let c4 = _mm_and_si128(_mm_cmpeq_epi8(x, byte(0xc4)), _mm_cmpgt_epi8(byte(0xb8), y));
        let c6 = _mm_and_si128(
            _mm_cmpeq_epi8(x, byte(0xc6)),
            _mm_or_si128(_mm_cmpeq_epi8(y, byte(0xa1)), _mm_cmpeq_epi8(y, byte(0xb0))),
        );
        let e1 = _mm_and_si128(
            _mm_cmpeq_epi8(x, byte(0xe1)),
            _mm_cmpeq_epi8(_mm_and_si128(y, byte(0xfc)), byte(0xb8)),
        );
        // the lowest bit of each byte shifted to its top bit (the one `bits` reads)
        let (odd_y, odd_z) = (_mm_slli_epi16(y, 7), _mm_slli_epi16(z, 7));
        let lower = _mm_or_si128(
            _mm_or_si128(c3, c6),
            _mm_or_si128(_mm_and_si128(c4, odd_y), _mm_and_si128(e1, odd_z)),
        );
        leads & !bits(lower)
    }
}

/// `lower_aligned` as it was before lead bytes were found eight at a time and looked up
/// in `CASES`: the reference the fast one is tested against.
#[cfg(test)]
fn lower_aligned_bytewise(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // ASCII, continuation bytes, U+0080..U+00BF: nothing to do here
        if b[i] < 0xc3 {
            i += 1;
            continue;
        }
        let (n, to) = lower_step_decoded(s, i)?;
        if let Some(l) = to {
            out.push_str(s.get(run..i)?);
            out.push(l);
            run = i + n;
        }
        i += n;
    }
    out.push_str(s.get(run..)?);
    out.make_ascii_lowercase();
    Some(out)
}

/// The first lead byte (C0..FF) of `b` at or after `i`, or `b.len()`. Eight bytes are
/// read at once: text a lead byte starts every few bytes of, a byte at a time, made the
/// loop's branch on each byte a guess (a mispredicted one about every other character).
#[cfg(test)]
fn next_lead(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(c) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*c);
        // the top two bits of a byte set: C0..FF
        let leads = w & (w << 1) & HIGH;
        if leads != 0 {
            return i + (leads.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = b.get(i..).unwrap_or_default();
    i + rest.iter().position(|&x| x >= 0xc0).unwrap_or(rest.len())
}

/// `s` in lower case in `buf`, as bytes, when it fits there and `lower_aligned` would
/// lower it: no allocation, for short words.
pub fn lower_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let b = s.as_bytes();
    let out = buf.get_mut(..b.len())?;
    out.copy_from_slice(b);
    let cases = &*CASES;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            out[i] = b[i].to_ascii_lowercase();
            i += 1;
            continue;
        }
        if b[i] < 0xc3 {
            i += 1;
            continue;
        }
        let (n, to) = lower_step(s, i, cases)?;
        if let Some(l) = to {
            l.encode_utf8(out.get_mut(i..i + n)?);
        }
        i += n;
    }
    Some(out)
}

/// `candidates` thirty-two bytes at once, on the CPUs that have AVX2 (nearly all): half
/// the instructions of two SSE2 lanes, which copy a register before each compare.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::Window;
    use crate::simd::avx2::{bits, byte, load};
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_max_epu8, _mm256_or_si256, _mm256_slli_epi16,
    };

    /// `super::next_candidate`.
    #[target_feature(enable = "avx2")]
    pub(super) fn next_candidate(b: &[u8], i: usize) -> usize {
        super::first_candidate(b, i, |w| candidates(w))
    }

    /// `super::candidates`, as `super::sse2::candidates` computes it.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(super) fn candidates(w: &Window) -> u32 {
        let (x, y, z) = (load(w, 0), load(w, 1), load(w, 2));
        let leads = _mm256_cmpeq_epi8(_mm256_max_epu8(x, byte(0xc3)), x);
        let c3 = _mm256_and_si256(
            _mm256_cmpeq_epi8(x, byte(0xc3)),
            _mm256_cmpgt_epi8(y, byte(0x9f)),
        );
        let c4 = _mm256_and_si256(
            _mm256_cmpeq_epi8(x, byte(0xc4)),
            _mm256_cmpgt_epi8(byte(0xb8), y),
        );
        let c6 = _mm256_and_si256(
            _mm256_cmpeq_epi8(x, byte(0xc6)),
            _mm256_or_si256(
                _mm256_cmpeq_epi8(y, byte(0xa1)),
                _mm256_cmpeq_epi8(y, byte(0xb0)),
            ),
        );
        let e1 = _mm256_and_si256(
            _mm256_cmpeq_epi8(x, byte(0xe1)),
            _mm256_cmpeq_epi8(_mm256_and_si256(y, byte(0xfc)), byte(0xb8)),
        );
        let (odd_y, odd_z) = (_mm256_slli_epi16(y, 7), _mm256_slli_epi16(z, 7));
        let lower = _mm256_or_si256(
            _mm256_or_si256(c3, c6),
            _mm256_or_si256(_mm256_and_si256(c4, odd_y), _mm256_and_si256(e1, odd_z)),
        );
        bits(_mm256_andnot_si256(lower, leads))
    }
}

/// The lower case of the two-byte characters (U+0080..U+07FF) and of Latin Extended
/// Additional (U+1E00..U+1EFF, from `ADDITIONAL`), by code point, read from the standard
/// library once: `SAME` when a character is its own lower case, `SLOW` when its lower
/// case is not one character of the same length (or depends on the context: `Σ`), else
/// the lower case.
struct Cases {
    table: Box<[u16; ADDITIONAL + 0x100]>,
}

/// Where U+1E00..U+1EFF start in `Cases::table`.
const ADDITIONAL: usize = 0x800;
const SAME: u16 = 0;
const SLOW: u16 = u16::MAX;

static CASES: std::sync::LazyLock<Cases> = std::sync::LazyLock::new(|| {
    let entry = |cp: u32| -> u16 {
        let Some(c) = char::from_u32(cp) else {
            return SLOW;
        };
        let mut low = c.to_lowercase();
        match (low.next(), low.next()) {
            _ if c == 'Σ' => SLOW,
            (Some(l), None) if l == c => SAME,
            (Some(l), None) if l.len_utf8() == c.len_utf8() => {
                u16::try_from(u32::from(l)).unwrap_or(SLOW)
            }
            _ => SLOW,
        }
    };
    let mut table = Box::new([SLOW; ADDITIONAL + 0x100]);
    let code_points = (0x80..ADDITIONAL as u32).chain(0x1e00..0x1f00);
    for (slot, cp) in (0x80..).zip(code_points) {
        table[slot] = entry(cp);
    }
    Cases { table }
});

/// The character starting at byte `i` of `s` (a lead byte, C0 or more): its length, and
/// its lower case when that differs; `None` when the lower case is not one character of
/// the same length, or depends on the context (`Σ`). Two-byte characters and U+1E00..
/// U+1EFF are looked up in `cases`, their length and slot computed without a branch (two-
/// and three-byte letters follow each other in no order a branch could guess); the rest
/// as `lower_step_decoded` reads them.
#[inline(always)]
fn lower_step(s: &str, i: usize, cases: &Cases) -> Option<(usize, Option<char>)> {
    let b = s.as_bytes();
    let x = *b.get(i)?;
    let y = b.get(i + 1).copied().unwrap_or(0);
    let z = b.get(i + 2).copied().unwrap_or(0);
    let two = x < 0xe0;
    let latin_additional = x == 0xe1 && y & 0xfc == 0xb8;
    if !(two || latin_additional) {
        return lower_step_decoded(s, i);
    }
    let low6 = |v: u8| usize::from(v & 0x3f);
    let slot = if two {
        (usize::from(x & 0x1f) << 6) | low6(y)
    } else {
        ADDITIONAL + ((usize::from(y & 0x03) << 6) | low6(z))
    };
    let n = if two { 2 } else { 3 };
    match cases.table.get(slot).copied().unwrap_or(SLOW) {
        SAME => Some((n, None)),
        SLOW => lower_step_decoded(s, i),
        l => Some((n, Some(char::from_u32(u32::from(l))?))),
    }
}

/// `lower_step` with the character's class read from its bytes and decoded: what the
/// tables do not answer, and the reference they are tested against.
#[inline]
fn lower_step_decoded(s: &str, i: usize) -> Option<(usize, Option<char>)> {
    let b = s.as_bytes();
    let x = *b.get(i)?;
    let y = b.get(i + 1).copied().unwrap_or(0);
    let z = b.get(i + 2).copied().unwrap_or(0);
    // the same character with its last byte changed (to another continuation byte),
    // decoded from the bytes
    let with_last = |n: usize, last: u8| -> Option<char> {
        let low = u32::from(last & 0x3f);
        let cp = match n {
            2 => (u32::from(x & 0x1f) << 6) | low,
            _ => (u32::from(x & 0x0f) << 12) | (u32::from(y & 0x3f) << 6) | low,
        };
        char::from_u32(cp)
    };
    Some(match (x, y) {
        // À..Þ (not ×): C3 80..9E -> C3 A0..BE
        (0xc3, 0x80..=0x9e) if y != 0x97 => (2, Some(with_last(2, y + 0x20)?)),
        (0xc3, _) => (2, None),
        // Ă Đ Ĩ (C4 82, 90, A8), Ũ (C5 A8), Ơ (C6 A0): the next code point
        (0xc4, 0x82 | 0x90 | 0xa8) | (0xc5, 0xa8) | (0xc6, 0xa0) => (2, Some(with_last(2, y + 1)?)),
        (0xc4, 0x83 | 0x91 | 0xa9) | (0xc5, 0xa9) | (0xc6, 0xa1 | 0xb0) => (2, None),
        // Ư
        (0xc6, 0xaf) => (2, Some('ư')),
        // combining marks U+0300..U+036F
        (0xcc, _) | (0xcd, 0x80..=0xaf) => (2, None),
        // Ạ..ỹ (E1 BA A0 .. E1 BB B9): upper case at even code points
        (0xe1, 0xba) if z >= 0xa0 => (
            3,
            if z % 2 == 0 {
                Some(with_last(3, z + 1)?)
            } else {
                None
            },
        ),
        (0xe1, 0xbb) if z <= 0xb9 => (
            3,
            if z % 2 == 0 {
                Some(with_last(3, z + 1)?)
            } else {
                None
            },
        ),
        // general punctuation U+2000..U+206F
        (0xe2, 0x80) | (0xe2, 0x81) if y == 0x80 || z <= 0xaf => (3, None),
        _ => {
            let c = s.get(i..).and_then(|r| r.chars().next())?;
            if c == 'Σ' {
                return None;
            }
            let mut low = c.to_lowercase();
            let l = low.next()?;
            if low.next().is_some() || l.len_utf8() != c.len_utf8() {
                return None;
            }
            (c.len_utf8(), (l != c).then_some(l))
        }
    })
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
#[inline(always)]
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
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    loop {
        // past the characters between words
        let start = loop {
            let Some(&x) = b.get(i) else {
                return;
            };
            if x < 0x80 {
                if x.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
                continue;
            }
            match class_at(s, i) {
                (true, _) => break i,
                (false, len) => i += len.max(1),
            }
        };
        // the word
        loop {
            let Some(&x) = b.get(i) else {
                f(start, n);
                return;
            };
            if x < 0x80 {
                if !x.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
                continue;
            }
            match class_at(s, i) {
                (true, len) => i += len,
                (false, _) => break,
            }
        }
        f(start, i);
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
    // byte by byte while the bytes agree, ASCII folded; the first other difference is
    // either a mismatch (at an ASCII byte) or a non-ASCII capital, read by characters
    let (sb, pb) = (s.as_bytes(), pat.as_bytes());
    for (k, &y) in pb.iter().enumerate() {
        let x = *sb.get(k)?;
        if x == y || (x.is_ascii_uppercase() && x | 0x20 == y) {
            continue;
        }
        // an ASCII character lowers to ASCII; of the others only `İ` and the Kelvin sign
        // lower to an ASCII letter (`i`, `k`)
        if x < 0x80 || (y < 0x80 && y != b'i' && y != b'k') {
            return None;
        }
        return strip_prefix_lower_chars(s, pat);
    }
    Some(pb.len())
}

/// `strip_prefix_lower` character by character.
fn strip_prefix_lower_chars(s: &str, pat: &str) -> Option<usize> {
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

    /// The looked-up lower case of every character is the decoded one, alone and
    /// between others; and whole texts lower as they did a byte at a time: every text of
    /// the project, each in upper case too, and odd ones.
    #[test]
    fn lead_bytes_and_tables_lower_as_the_bytewise_reference() {
        let cases = &*CASES;
        let mut buf = String::new();
        for c in all_chars() {
            buf.clear();
            buf.push(c);
            if buf.as_bytes()[0] >= 0xc0 {
                assert_eq!(
                    lower_step(&buf, 0, cases),
                    lower_step_decoded(&buf, 0),
                    "{c:?}"
                );
            }
            for around in ["", "a", "Ạ", "x\u{301}"] {
                let t = format!("{around}{c}{around}");
                assert_eq!(lower_aligned(&t), lower_aligned_bytewise(&t), "{t:?}");
            }
        }
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let upper: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
        texts.extend(upper);
        texts.extend(
            [
                "",
                "Σ",
                "ΑΣ ΒΓ",
                "İstanbul",
                "\u{a0}µ«»\u{ad}",
                "ẞ Ẻ ẻ Ỹ ỹ Ỻ",
                "Ⱥ ⱥ",
                "TẤT CẢ 12 THÁNG\r\n",
                "abcdefgh",
                "abcdefgÀ",
                "abcdefghÀ",
                "ĐẠI HỘI\u{200b}ĐẢNG",
            ]
            .map(String::from),
        );
        let mut lowered = 0;
        for t in &texts {
            let fast = lower_aligned(t);
            assert_eq!(fast, lower_aligned_bytewise(t), "{t:?}");
            lowered += usize::from(fast.is_some());
        }
        assert!(lowered > 100, "{lowered}");
    }

    /// Every character `known_lower` lets `lower_aligned` skip is its own lower case, as
    /// the table says too.
    #[test]
    fn known_lower_characters_are_their_own_lower_case() {
        let cases = &*CASES;
        let mut skipped = 0;
        for c in all_chars() {
            let mut w = [0u8; 4];
            let s = c.encode_utf8(&mut w).to_string();
            if w[0] >= 0xc3 && known_lower(w[0], w[1], w[2]) {
                assert_eq!(s.to_lowercase(), s, "{c:?}");
                assert_eq!(lower_step(&s, 0, cases), Some((s.len(), None)), "{c:?}");
                skipped += 1;
            }
        }
        // à..ÿ, the odd code points of U+0100..U+0137 and of U+1E00..U+1EFF, ơ ư
        assert_eq!(skipped, 32 + 28 + 128 + 2);
    }

    /// Texts `lower_aligned` is compared on: every text of the project, each in upper case
    /// too, and odd ones.
    fn lowering_texts() -> Vec<String> {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let upper: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
        texts.extend(upper);
        texts.extend(
            [
                "",
                "\u{a0}",
                "a\u{a0}b\u{a0}\u{a0}ĐẠI\u{a0}",
                // NFD: the tone marks as combining characters
                "ĐA\u{300}NG Đa\u{301}ng A\u{303}\u{323}",
                "\u{200b}\u{200c}\u{200d}\u{feff}Đ\u{200b}",
                "TỔNG SỐ ĐẠI BIỂU QUỐC HỘI KHÓA XV LÀ 499 NGƯỜI",
                "Tổng số ĐẠ",
                "ĂÂĐÊÔƠƯ ăâđêôơư ĨŨ ĩũ Ỳ ỳ Ỹ ỹ ẞ ß ſ ĸ ŉ İ ı",
                "KΣ ΑΣ Σ",
                "ǅ ǈ ǋ ǲ Ⅻ ⓐ Ⓐ 𐐀 𐐨",
            ]
            .map(String::from),
        );
        for w in ["Đ", "đ", "ạ", "Ạ", "à", "À", "ư", "Ư", "a", "A"] {
            texts.push(w.repeat(1000));
            texts.push(format!("x{}", w.repeat(333)));
        }
        texts
    }

    /// `lower_aligned` lowers as it did lead byte by lead byte, and as the standard
    /// library does when it lowers: on every text, and with each code point at the ends
    /// of a sixteen-byte lane and of a window, and across them.
    #[test]
    fn skipping_lower_case_letters_lowers_as_visiting_each_lead_byte() {
        let mut lowered = 0;
        for t in &lowering_texts() {
            let fast = lower_aligned(t);
            assert_eq!(fast, lower_aligned_by_leads(t), "{t:?}");
            if let Some(l) = &fast {
                assert_eq!(l, &t.to_lowercase(), "{t:?}");
                lowered += 1;
            }
        }
        assert!(lowered > 200, "{lowered}");
        for c in all_chars() {
            for pad in [0, 13, 14, 15, 16, 17, 29, 30, 31, 32, 33] {
                let t = format!("{}{c}ẠB", "a".repeat(pad));
                assert_eq!(lower_aligned(&t), lower_aligned_by_leads(&t), "{t:?}");
            }
        }
    }

    /// The thirty-two bytes at a time (SSE2, and AVX2 where the CPU has it) agree with
    /// one at a time, from every character of every text.
    #[test]
    fn candidates_agree_with_the_bytewise_ones() {
        let mut found = 0;
        for t in &lowering_texts() {
            let b = t.as_bytes();
            for (i, _) in t.char_indices() {
                let mut w = [0u8; 34];
                let n = (b.len() - i).min(34);
                w[..n].copy_from_slice(&b[i..i + n]);
                let m = candidates_bytewise(&w);
                assert_eq!(candidates(&w), m, "{t:?} at {i}");
                #[cfg(target_arch = "x86_64")]
                if std::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2, just detected
                    assert_eq!(unsafe { avx2::candidates(&w) }, m, "{t:?} at {i}");
                }
                found += m.count_ones();
            }
        }
        assert!(found > 1000, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn lower_aligned_on_any_text(
            t in "[a-zA-Z0-9 .ÀÁÂÃàáâãĂăĐđĨĩŨũƠơƯưĀāĶķĸĹĺŊŋ×÷ßẞſİıΣσΩωẠ-ỹḀ-ẟ“–\u{a0}\u{300}\u{301}\u{200b}𐐀]{0,80}"
        ) {
            let fast = lower_aligned(&t);
            proptest::prop_assert_eq!(&fast, &lower_aligned_by_leads(&t));
            if let Some(l) = fast {
                proptest::prop_assert_eq!(l, t.to_lowercase());
            }
        }
    }

    #[test]
    fn classes_agree_with_the_standard_library_on_every_code_point() {
        for c in all_chars() {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn cases_agree_with_the_standard_library_on_every_code_point() {
        for c in all_chars() {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
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
        // without the sigma every character lowers alone: aligned where the lengths allow
        let no_sigma: String = all.chars().filter(|c| *c != 'Σ').collect();
        if let Some(l) = lower_aligned(&no_sigma) {
            assert_eq!(l, no_sigma.to_lowercase());
        }
        let same_len: String = no_sigma
            .chars()
            .filter(|c| {
                let l: Vec<char> = c.to_lowercase().collect();
                l.len() == 1 && l[0].len_utf8() == c.len_utf8()
            })
            .collect();
        assert_eq!(lower_aligned(&same_len), Some(same_len.to_lowercase()));
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
    fn lower_into_a_buffer() {
        let mut buf = [0u8; 16];
        assert_eq!(lower_into("MƯỜI", &mut buf), Some("mười".as_bytes()));
        assert_eq!(lower_into("Bảy", &mut buf), Some("bảy".as_bytes()));
        assert_eq!(lower_into("İ", &mut buf), None);
        assert_eq!(lower_into("Ω−Я", &mut buf), Some("ω−я".as_bytes()));
        assert_eq!(
            lower_aligned("Tăng − GIẢM Ω"),
            Some("tăng − giảm ω".to_string())
        );
        assert_eq!(lower_into("một hai ba bốn năm", &mut buf), None);
        let vi: String = all_chars()
            .filter(|c| matches!(*c as u32, 0..=0x24f | 0x1e00..=0x1eff))
            .collect();
        for c in vi.chars() {
            let one = c.to_string();
            let mut buf = [0u8; 4];
            if let Some(l) = lower_into(&one, &mut buf) {
                assert_eq!(l, one.to_lowercase().as_bytes(), "{c:?}");
            }
            assert_eq!(
                lower_into(&one, &mut buf).is_some(),
                lower_aligned(&one).is_some(),
                "{c:?}"
            );
            if let Some(l) = lower_aligned(&one) {
                assert_eq!(l, one.to_lowercase(), "{c:?}");
                assert_eq!(l.len(), one.len(), "{c:?}");
            }
        }
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
    fn only_two_characters_lower_to_ascii_from_outside_it() {
        let odd: Vec<char> = all_chars()
            .filter(|c| !c.is_ascii() && lower(*c).is_ascii())
            .collect();
        assert_eq!(odd, vec!['\u{130}', '\u{212a}']);
    }

    #[test]
    fn prefixes_byte_by_byte_and_by_characters_agree() {
        let texts = [
            "Thứ hai",
            "THỨ HAI,",
            "thứ",
            "Th",
            "MƯỜI",
            "Mười",
            "mười một",
            "ĐẦU TIÊN",
            "đầu",
            "K",
            "\u{212a}m",
            "İ",
            "x",
            "",
        ];
        let pats = [
            "thứ hai",
            "thứ ",
            "mười",
            "đầu tiên",
            "km",
            "i",
            "k",
            "",
            "chín",
            "bảy",
            "ba",
        ];
        for t in texts {
            for p in pats {
                assert_eq!(
                    strip_prefix_lower(t, p),
                    strip_prefix_lower_chars(t, p),
                    "{t:?} {p:?}"
                );
            }
        }
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
