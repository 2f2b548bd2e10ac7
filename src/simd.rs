//! What the vector scans (`extract::runs`, `document::normalize::lane`, `text`) share on
//! x86_64: an unaligned load from a byte slice, a byte in every lane, and the mask of
//! each lane's top bit. SSE2 is part of every x86_64 CPU; the AVX2 functions are called
//! only from functions compiled for AVX2, which run only where
//! `is_x86_feature_detected!("avx2")` found it.

#[cfg(target_arch = "x86_64")]
pub(crate) mod sse2 {
    use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};

    /// Sixteen bytes of `b` from `p`.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(crate) fn load(b: &[u8], p: usize) -> __m128i {
        let bytes = &b[p..p + 16];
        // SAFETY: `bytes` holds the 16 bytes the unaligned load reads
        unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
    }

    /// `v` in every byte.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(crate) fn byte(v: u8) -> __m128i {
        _mm_set1_epi8(v as i8)
    }

    /// The top bit of each byte of `v`, byte k to bit k.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(crate) fn bits(v: __m128i) -> u32 {
        _mm_movemask_epi8(v) as u32 & 0xffff
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx2 {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8};

    /// Thirty-two bytes of `b` from `p`, in one load (built from 64-bit words, a load
    /// took fifteen instructions).
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(crate) fn load(b: &[u8], p: usize) -> __m256i {
        let bytes = &b[p..p + 32];
        // SAFETY: `bytes` holds the 32 bytes the unaligned load reads
        unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
    }

    /// `v` in every byte.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(crate) fn byte(v: u8) -> __m256i {
        _mm256_set1_epi8(v as i8)
    }

    /// The top bit of each byte of `v`, byte k to bit k.
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(crate) fn bits(v: __m256i) -> u32 {
        _mm256_movemask_epi8(v) as u32
    }
}
