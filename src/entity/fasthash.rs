//! A small, fast hasher for the hash maps on the analysis's hot paths.
//!
//! std's default SipHash resists hash flooding, which costs several times
//! more per key than the short words and 64-bit hashes these maps hold
//! need. The maps here are keyed by an article's own words and are only
//! looked up (their iteration order never reaches the output), so a
//! multiply-and-rotate hash in the style of rustc's FxHash is enough: a
//! crafted article can at worst make its own analysis slower, never wrong.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` using [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` using [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A `HashMap` keyed by packed feature keys ([`SpreadHasher`]).
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<SpreadHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The bytes `r` (fewer than 8) as the little-endian `u64` they make padded
/// with zeros, by at most three overlapping reads: copying a slice of
/// varying length into a buffer cost a call to `memcpy` per hash.
#[inline]
pub(crate) fn tail_u64(r: &[u8]) -> u64 {
    let n = r.len();
    debug_assert!(n < 8);
    if n >= 4 {
        // Bytes 0..4 and n-4..n; the overlap ORs equal bytes.
        let lo = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
        let hi = u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else if n > 0 {
        // Bytes 0, n/2 and n-1 cover one to three bytes.
        u64::from(r[0])
            | u64::from(r[n / 2]) << (8 * (n / 2))
            | u64::from(r[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// FxHash-style hasher: each word of input is mixed in with a rotate, an
/// xor and a multiply.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher {
    h: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.h = (self.h.rotate_left(5) ^ x).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            self.add(tail_u64(r) ^ (r.len() as u64) << 59);
        }
    }

    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.add(u64::from(x));
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.add(u64::from(x));
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.h
    }
}

/// [`FastHasher`] with its well-mixed high bits moved down, for keys that
/// differ mostly in their high bits: the speaker and kinds models' packed
/// keys (`[template, a, b, c]`, `c` often 0). A multiply leaves a hash's
/// low bits depending on the key's low bits only, and the table picks a
/// bucket by the low bits: such keys shared a few buckets, and a lookup
/// probed long chains.
#[derive(Clone, Copy, Debug, Default)]
pub struct SpreadHasher(FastHasher);

/// How far [`SpreadHasher`] rotates: the product's bits 38 and up, which
/// every key bit reaches, pick the bucket.
const SPREAD_ROTATE: u32 = 26;

impl Hasher for SpreadHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.0.write_u32(x);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.finish().rotate_left(SPREAD_ROTATE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keep_distinct_keys_apart() {
        let words = [
            "سمير",
            "سمار",
            "حلب",
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
        ];
        let mut m: FastMap<&str, usize> = FastMap::default();
        for (i, w) in words.iter().enumerate() {
            m.insert(w, i);
        }
        assert_eq!(m.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(&i));
        }
        assert_eq!(m.get("سمي"), None);
    }

    #[test]
    fn tails_read_as_padded_words() {
        let bytes = [0x81u8, 2, 0xF3, 4, 5, 0xA6, 7];
        for n in 0..8 {
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail_u64(&bytes[..n]), u64::from_le_bytes(b), "{n}");
        }
    }

    #[test]
    fn trailing_bytes_change_the_hash() {
        let h = |b: &[u8]| {
            let mut s = FastHasher::default();
            s.write(b);
            s.finish()
        };
        assert_ne!(h(b"ab"), h(b"ab\0"));
        assert_ne!(h(b"abcdefgh"), h(b"abcdefgh\0"));
    }
}
