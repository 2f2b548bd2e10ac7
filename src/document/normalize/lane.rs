//! `lane_is_plain` with explicit vector instructions on x86_64. The compiler vectorises
//! the portable loop, but reading each byte's next two bytes made it shuffle every
//! vector twice (about 240 instructions a lane); loading the lane again at offsets 1 and
//! 2 needs none of that.

use super::LANE;

/// A lane and the two bytes after it.
pub(super) type Lane = [u8; LANE + 2];

/// `super::lane_is_plain_portable`, with AVX2 where the CPU has it, else SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
pub(super) fn is_plain(w: &Lane) -> bool {
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 was detected on this CPU just above
        unsafe { avx2::is_plain(w) }
    } else {
        sse2_is_plain(w)
    }
}

/// `is_plain` with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
pub(super) fn sse2_is_plain(w: &Lane) -> bool {
    // SAFETY: the function needs SSE2, which the cfg above says the build targets (every
    // x86_64 CPU has it); it reads memory only through safe slices.
    unsafe { sse2::is_plain(w) }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
pub(super) fn is_plain(w: &Lane) -> bool {
    super::lane_is_plain_portable(w)
}

// Both modules test the same classes on signed bytes (80..FF are negative):
//   printable ASCII 20..7E        x > 1F and 7F > x
//   continuation 80..BF           C0 > x
//   two-byte leads C3..CB         x > C2 and CC > x
//   E1 before B8..BB              x = E1 and next & FC = B8
//   E2 80 before 90..A7           x = E2 and next = 80 and after > 8F and A8 > after

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::Lane;
    use crate::simd::sse2::{bits, byte, load};
    use std::arch::x86_64::{__m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_or_si128};

    #[target_feature(enable = "sse2")]
    #[inline]
    fn between(x: __m128i, above: u8, below: u8) -> __m128i {
        _mm_and_si128(
            _mm_cmpgt_epi8(x, byte(above)),
            _mm_cmpgt_epi8(byte(below), x),
        )
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn is_plain(w: &Lane) -> bool {
        let mut all = !0u32;
        for q in 0..4 {
            let p = 16 * q;
            let (x, next, after) = (load(w, p), load(w, p + 1), load(w, p + 2));
            let ascii = between(x, 0x1f, 0x7f);
            let continuation = _mm_cmpgt_epi8(byte(0xc0), x);
            let two = between(x, 0xc2, 0xcc);
            let e1 = _mm_and_si128(
                _mm_cmpeq_epi8(x, byte(0xe1)),
                _mm_cmpeq_epi8(_mm_and_si128(next, byte(0xfc)), byte(0xb8)),
            );
            let e2 = _mm_and_si128(
                _mm_and_si128(
                    _mm_cmpeq_epi8(x, byte(0xe2)),
                    _mm_cmpeq_epi8(next, byte(0x80)),
                ),
                between(after, 0x8f, 0xa8),
            );
            let ok = _mm_or_si128(
                _mm_or_si128(ascii, continuation),
                _mm_or_si128(two, _mm_or_si128(e1, e2)),
            );
            all &= bits(ok) | !0xffff;
        }
        all == !0
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod avx2 {
    use super::Lane;
    use crate::simd::avx2::{bits, byte, load};
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_or_si256,
    };

    #[target_feature(enable = "avx2")]
    #[inline]
    fn between(x: __m256i, above: u8, below: u8) -> __m256i {
        _mm256_and_si256(
            _mm256_cmpgt_epi8(x, byte(above)),
            _mm256_cmpgt_epi8(byte(below), x),
        )
    }

    /// `sse2::is_plain` on 32-byte lanes.
    #[target_feature(enable = "avx2")]
    pub(super) fn is_plain(w: &Lane) -> bool {
        let mut all = !0u32;
        for q in 0..2 {
            let p = 32 * q;
            let (x, next, after) = (load(w, p), load(w, p + 1), load(w, p + 2));
            let ascii = between(x, 0x1f, 0x7f);
            let continuation = _mm256_cmpgt_epi8(byte(0xc0), x);
            let two = between(x, 0xc2, 0xcc);
            let e1 = _mm256_and_si256(
                _mm256_cmpeq_epi8(x, byte(0xe1)),
                _mm256_cmpeq_epi8(_mm256_and_si256(next, byte(0xfc)), byte(0xb8)),
            );
            let e2 = _mm256_and_si256(
                _mm256_and_si256(
                    _mm256_cmpeq_epi8(x, byte(0xe2)),
                    _mm256_cmpeq_epi8(next, byte(0x80)),
                ),
                between(after, 0x8f, 0xa8),
            );
            let ok = _mm256_or_si256(
                _mm256_or_si256(ascii, continuation),
                _mm256_or_si256(two, _mm256_or_si256(e1, e2)),
            );
            all &= bits(ok);
        }
        all == !0
    }

    #[cfg(test)]
    pub(in super::super) fn is_plain_checked(w: &Lane) -> Option<bool> {
        // SAFETY: the closure runs only where AVX2 was detected
        std::arch::is_x86_feature_detected!("avx2").then(|| unsafe { is_plain(w) })
    }
}

#[cfg(all(test, target_arch = "x86_64", target_feature = "sse2"))]
pub(super) use avx2::is_plain_checked as avx2_is_plain;
