//! Where the scanner's runs of letters end, found 64 bytes at a time.
//!
//! The opener check (`openers`) reads each word's letters: ASCII letters, and the
//! multi-byte letters whose lead byte says they are Latin (a *fast* lead: C3 but `×` `÷`,
//! C4..C9, E1 B8..BB). Loading eight bytes at every word start read most bytes twice and
//! made the masks again each time; here each 64-byte block gets two bit masks once
//! (AVX2 or SSE2 on x86_64, eight-byte words elsewhere), and a word's end is a
//! trailing-zero count. The masks are made for a chunk of blocks at a time, so that a run
//! crossing into the next block is read from two masks at hand rather than by a call.

/// The masks of one 64-byte block: bit `j` is byte `64 * block + j`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    /// An ASCII byte that is not a letter (bytes past the text are zeros, so stops).
    stop: u64,
    /// A lead byte (C0..FF) that is not a fast one.
    slow: u64,
}

/// A word's run of letters, as the opener check needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    /// The first byte after the run: the first stop at or after its start.
    pub end: usize,
    /// The first slow lead before `end`, if any: the chars from there on are read one
    /// by one.
    pub slow: Option<usize>,
}

/// Blocks whose masks are made at once: a chunk, and the block after it, so that the 64
/// bits from any position of the chunk are at hand.
const CHUNK: usize = 16;

/// The masks of a chunk of blocks, over one text. A scan asks for positions in order, so
/// one chunk is kept; the masks of `CHUNK + 1` blocks from block `first` are in
/// `stop`/`slow` (blocks past the text: every byte a stop, no slow lead).
pub(super) struct RunMasks<'a> {
    b: &'a [u8],
    first: usize,
    stop: [u64; CHUNK + 1],
    slow: [u64; CHUNK + 1],
}

impl<'a> RunMasks<'a> {
    pub fn new(t: &'a str) -> Self {
        let mut masks = RunMasks {
            b: t.as_bytes(),
            first: 0,
            stop: [0; CHUNK + 1],
            slow: [0; CHUNK + 1],
        };
        masks.fill(0);
        masks
    }

    /// Makes the chunk from block `k` the one kept.
    #[cold]
    #[inline(never)]
    fn fill(&mut self, k: usize) {
        self.first = k;
        // blocks starting in the text (the one at its end is made too: it holds the end)
        let made = (self.b.len() / 64 + 1).saturating_sub(k).min(CHUNK + 1);
        for j in 0..made {
            let block = block_masks(self.b, (k + j) * 64);
            self.stop[j] = block.stop;
            self.slow[j] = block.slow;
        }
        self.stop[made..].fill(u64::MAX);
        self.slow[made..].fill(0);
    }

    /// The run of letters from byte `start` (a char boundary).
    #[inline(always)]
    pub fn run(&mut self, start: usize) -> Run {
        let k = start / 64;
        let mut j = k.wrapping_sub(self.first);
        if j >= CHUNK {
            self.fill(k);
            j = 0;
        }
        // the 64 bits from `start` on, across this block and the next (`shift` < 64)
        let shift = start % 64;
        let two = |m: &[u64; CHUNK + 1]| {
            let (lo, hi) = (m[j], m[j + 1]);
            ((u128::from(hi) << 64 | u128::from(lo)) >> shift) as u64
        };
        let stop = two(&self.stop);
        if stop == 0 {
            return run_uncached(self.b, start);
        }
        let n = stop.trailing_zeros();
        let before = two(&self.slow) & ((1u64 << n) - 1);
        Run {
            end: start + n as usize,
            slow: (before != 0).then(|| start + before.trailing_zeros() as usize),
        }
    }
}

/// `RunMasks::run` with no masks kept: for runs of 64 letters or more.
#[cold]
#[inline(never)]
fn run_uncached(b: &[u8], start: usize) -> Run {
    let mut base = start - start % 64;
    let mut skip = start % 64;
    let mut first_slow = None;
    // past the text every byte is a stop, so this ends
    loop {
        let block = block_masks(b, base);
        let stop = block.stop >> skip << skip;
        let slow = block.slow >> skip << skip;
        let n = if stop == 0 { 64 } else { stop.trailing_zeros() };
        let before = if n == 64 {
            slow
        } else {
            slow & ((1u64 << n) - 1)
        };
        if first_slow.is_none() && before != 0 {
            first_slow = Some(base + before.trailing_zeros() as usize);
        }
        if stop != 0 {
            return Run {
                end: base + n as usize,
                slow: first_slow,
            };
        }
        base += 64;
        skip = 0;
    }
}

/// The 65 bytes a block's masks read (its 64 and the one after), zero-padded.
type Window = [u8; 65];

/// `f` on the window of the block of `b` at `base`.
#[cfg_attr(
    not(all(target_arch = "x86_64", target_feature = "sse2")),
    allow(dead_code)
)]
#[inline(always)]
fn with_window(b: &[u8], base: usize, f: impl FnOnce(&Window) -> Block) -> Block {
    match b
        .get(base..base.saturating_add(65))
        .and_then(|s| <&Window>::try_from(s).ok())
    {
        Some(w) => f(w),
        None => {
            let mut w = [0u8; 65];
            let rest = b.get(base..).unwrap_or_default();
            let n = rest.len().min(65);
            w[..n].copy_from_slice(&rest[..n]);
            f(&w)
        }
    }
}

/// The masks of the 64 bytes of `b` from `base`, zero-padded past the end: with AVX2
/// where the CPU has it (32 bytes at a time), else with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn block_masks(b: &[u8], base: usize) -> Block {
    with_window(b, base, |w| {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was detected on this CPU just above
            unsafe { avx2::window_masks(w) }
        } else {
            sse2_masks(w)
        }
    })
}

/// `block_masks` on a window with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn sse2_masks(w: &Window) -> Block {
    // SAFETY: the function needs SSE2, which the cfg above says the build targets (every
    // x86_64 CPU has it); it touches memory only through safe slices.
    unsafe { sse2::window_masks(w) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::{Block, Window};
    use crate::simd::sse2::{bits, byte, load};
    use std::arch::x86_64::{
        _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_or_si128,
    };

    /// The masks of a window's first 64 bytes. SSE2 compares bytes as signed: 80..FF are
    /// negative.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn window_masks(win: &Window) -> Block {
        let mut stop = 0u64;
        let mut slow = 0u64;
        for q in 0..4 {
            let p = 16 * q;
            let w = load(win, p);
            let next = load(win, p + 1);
            let ascii = _mm_cmpgt_epi8(w, byte(0xff));
            let folded = _mm_or_si128(w, byte(0x20));
            let letter = _mm_and_si128(
                _mm_cmpgt_epi8(folded, byte(b'a' - 1)),
                _mm_cmpgt_epi8(byte(b'z' + 1), folded),
            );
            let stops = _mm_andnot_si128(letter, ascii);
            // C0..FF: above BF (-65) and negative
            let lead = _mm_andnot_si128(ascii, _mm_cmpgt_epi8(w, byte(0xbf)));
            let c4_to_c9 =
                _mm_and_si128(_mm_cmpgt_epi8(w, byte(0xc3)), _mm_cmpgt_epi8(byte(0xca), w));
            let times_or_divide = _mm_cmpeq_epi8(_mm_and_si128(next, byte(0xdf)), byte(0x97));
            let c3 = _mm_andnot_si128(times_or_divide, _mm_cmpeq_epi8(w, byte(0xc3)));
            let additional = _mm_cmpeq_epi8(_mm_and_si128(next, byte(0xfc)), byte(0xb8));
            let e1 = _mm_and_si128(additional, _mm_cmpeq_epi8(w, byte(0xe1)));
            let fast = _mm_or_si128(c4_to_c9, _mm_or_si128(c3, e1));
            let slows = _mm_andnot_si128(fast, lead);
            stop |= u64::from(bits(stops)) << (16 * q);
            slow |= u64::from(bits(slows)) << (16 * q);
        }
        Block { stop, slow }
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod avx2 {
    use super::{Block, Window};
    use crate::simd::avx2::{bits, byte, load};
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_or_si256,
    };

    /// The masks of a window's first 64 bytes: `sse2::window_masks` on 32-byte lanes.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(super) fn window_masks(win: &Window) -> Block {
        let mut stop = 0u64;
        let mut slow = 0u64;
        for q in 0..2 {
            let p = 32 * q;
            let w = load(win, p);
            let next = load(win, p + 1);
            let ascii = _mm256_cmpgt_epi8(w, byte(0xff));
            let folded = _mm256_or_si256(w, byte(0x20));
            let letter = _mm256_and_si256(
                _mm256_cmpgt_epi8(folded, byte(b'a' - 1)),
                _mm256_cmpgt_epi8(byte(b'z' + 1), folded),
            );
            let stops = _mm256_andnot_si256(letter, ascii);
            let lead = _mm256_andnot_si256(ascii, _mm256_cmpgt_epi8(w, byte(0xbf)));
            let c4_to_c9 = _mm256_and_si256(
                _mm256_cmpgt_epi8(w, byte(0xc3)),
                _mm256_cmpgt_epi8(byte(0xca), w),
            );
            let times_or_divide = _mm256_cmpeq_epi8(_mm256_and_si256(next, byte(0xdf)), byte(0x97));
            let c3 = _mm256_andnot_si256(times_or_divide, _mm256_cmpeq_epi8(w, byte(0xc3)));
            let additional = _mm256_cmpeq_epi8(_mm256_and_si256(next, byte(0xfc)), byte(0xb8));
            let e1 = _mm256_and_si256(additional, _mm256_cmpeq_epi8(w, byte(0xe1)));
            let fast = _mm256_or_si256(c4_to_c9, _mm256_or_si256(c3, e1));
            let slows = _mm256_andnot_si256(fast, lead);
            stop |= u64::from(bits(stops)) << (32 * q);
            slow |= u64::from(bits(slows)) << (32 * q);
        }
        Block { stop, slow }
    }
}

/// The masks of the 64 bytes of `b` from `base`, zero-padded past the end.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn block_masks(b: &[u8], base: usize) -> Block {
    block_masks_by_words(b, base)
}

/// `block_masks` eight bytes at a time, with the masks `openers` reads a word with.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn block_masks_by_words(b: &[u8], base: usize) -> Block {
    use super::openers::{HIGH, ascii_non_letters, fast_leads, load8};
    // the top bit of each byte, packed into the low eight bits (byte k to bit k)
    let pack =
        |x: u64| ((x >> 7) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let mut stop = 0u64;
    let mut slow = 0u64;
    for q in 0..8 {
        let p = base + 8 * q;
        let w = load8(b, p);
        let next = load8(b, p + 1);
        let leads = w & (w << 1) & HIGH;
        stop |= pack(ascii_non_letters(w)) << (8 * q);
        slow |= pack(leads & !fast_leads(w, next)) << (8 * q);
    }
    Block { stop, slow }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The masks one byte at a time.
    fn block_masks_bytewise(b: &[u8], base: usize) -> Block {
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let mut block = Block { stop: 0, slow: 0 };
        for j in 0..64 {
            let (x, next) = (at(base + j), at(base + j + 1));
            if x.is_ascii() && !x.is_ascii_alphabetic() {
                block.stop |= 1 << j;
            }
            let fast = match x {
                0xc4..=0xc9 => true,
                0xc3 => !matches!(next, 0x97 | 0xb7),
                0xe1 => matches!(next, 0xb8..=0xbb),
                _ => false,
            };
            if x >= 0xc0 && !fast {
                block.slow |= 1 << j;
            }
        }
        block
    }

    /// The run one byte at a time from the bytewise masks.
    fn run_bytewise(b: &[u8], start: usize) -> Run {
        let bit = |i: usize, slow: bool| {
            let m = block_masks_bytewise(b, i / 64 * 64);
            (if slow { m.slow } else { m.stop }) >> (i % 64) & 1 == 1
        };
        let end = (start..).find(|&i| bit(i, false)).unwrap_or(start);
        let slow = (start..end).find(|&i| bit(i, true));
        Run { end, slow }
    }

    fn same_masks(b: &[u8]) {
        for base in (0..b.len() + 64).step_by(64).chain([1, 7, 63]) {
            let want = block_masks_bytewise(b, base);
            assert_eq!(block_masks(b, base), want, "{base}");
            assert_eq!(block_masks_by_words(b, base), want, "{base}");
            // both x86_64 paths, whichever `block_masks` takes on this CPU
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            {
                assert_eq!(with_window(b, base, sse2_masks), want, "sse2 {base}");
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: AVX2 was detected on this CPU just above
                    let avx2 = with_window(b, base, |w| unsafe { avx2::window_masks(w) });
                    assert_eq!(avx2, want, "avx2 {base}");
                }
            }
        }
    }

    #[test]
    fn masks_are_the_bytewise_ones_on_every_text() {
        for t in crate::testing::project_texts() {
            same_masks(t.as_bytes());
        }
        // every byte value, each before every possible next byte class
        let all: Vec<u8> = (0..=255u8)
            .flat_map(|x| [x, 0x97, x, 0xb7, x, 0xb8, x, 0xbb, x, 0xbc, x, b'a'])
            .collect();
        same_masks(&all);
    }

    #[test]
    fn runs_are_the_bytewise_ones_on_every_text() {
        for t in crate::testing::project_texts().into_iter().take(40) {
            let b = t.as_bytes();
            let mut m = RunMasks::new(&t);
            for (i, _) in t.char_indices().step_by(3) {
                assert_eq!(m.run(i), run_bytewise(b, i), "{i}");
            }
        }
    }

    #[test]
    fn runs_across_blocks_and_at_the_end() {
        let long = "ă".repeat(100) + "x" + &"Ω".repeat(40) + "nữa";
        for t in ["", "a", "ab", &long, &"z".repeat(200)] {
            let mut m = RunMasks::new(t);
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(m.run(i), run_bytewise(t.as_bytes(), i), "{t:?} {i}");
            }
        }
    }

    /// Positions asked out of order, and far apart, across many chunks: each answer is
    /// the bytewise one wherever the kept chunk was.
    #[test]
    fn runs_asked_in_any_order() {
        let unit = "Tổng  số ĐẠI biểu 123 người, ×2 Ωmega ";
        let t = unit.repeat(120) + &"ư".repeat(700) + "x";
        let b = t.as_bytes();
        let starts: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
        let mut m = RunMasks::new(&t);
        // backwards, then striding over chunks, then forwards once more
        let order = starts
            .iter()
            .rev()
            .chain(starts.iter().step_by(97))
            .chain(starts.iter().step_by(5));
        for &i in order {
            assert_eq!(m.run(i), run_bytewise(b, i), "{i}");
        }
        assert_eq!(m.run(t.len()), run_bytewise(b, t.len()));
    }

    proptest! {
        #[test]
        fn runs_on_any_text(t in "[a-zA-Z0-9 @\\[`{ÀÁÂàáâĂăĐđƠơƯưɐʀẠ-ỹḀ-ḁἀ×÷ΩИ“–\u{0}\u{300}\u{a0}]{0,160}") {
            let mut m = RunMasks::new(&t);
            for (i, _) in t.char_indices() {
                prop_assert_eq!(m.run(i), run_bytewise(t.as_bytes(), i));
            }
        }
    }
}
