//! The trained tagger's model: hashed feature weights, label transitions and
//! the lexicon (name lists, closed word lists and word clusters, all keyed by
//! hash), in one byte format that the tagger reads in place.
//!
//! Guarantees:
//!
//! - **Nothing is parsed or copied at load.** [`Model::from_static`] checks the
//!   header and that the sections fit the bytes (a few comparisons, no
//!   allocation); every lookup then reads the embedded bytes directly. A
//!   fresh wasm instance pays nothing for the model before its first lookup.
//! - **Lookups never panic and always end**, whatever the bytes: every read
//!   is bounds-checked and a bucket is scanned once; a malformed model reads
//!   as missing entries, never as a crash.
//! - **Round trip:** [`Model::to_bytes`] gives back exactly the bytes read, and
//!   building from the same weights gives the same bytes, so the trainer's
//!   output is deterministic given deterministic weights.
//! - **General:** the tables map any 32-bit keys (feature hashes, lexicon
//!   phrase hashes, cluster keys) to fixed-width values; nothing in the format
//!   knows which features or lists a model has.
//!
//! The format is little-endian and versioned; every section starts at a
//! multiple of 8 bytes (the embedded copy is 8-aligned too):
//!
//! ```text
//! "QNER" version:u8=5 labels:u8=N 0:u16  scale:f32  0:u32
//! transitions: (N+1)×N i32             (last row: from sentence start)
//! feature table: Table of shift:u8 [i8; N]  (weights: `i8 << shift`, at `scale`)
//! lexicon table: Table of u16          (bit flags, or a word's cluster)
//!
//! Table: n:u32 value_bytes:u16 group:u8 0:u8
//!        samples: u32 × (65536 >> group) + 1
//!        offsets: u8 × 65537
//!        entries: n × (low half of the key: u16, value: value_bytes)
//! ```
//!
//! A table's keys are sorted and cut into 65,536 buckets by their high 16
//! bits; bucket `b` holds entries `start(b)..start(b + 1)`, where `start(b)`
//! is `samples[b >> group] + offsets[b]`. Only the low 16 bits of each key
//! are stored (the bucket gives the rest), each next to its value: a lookup
//! reads two bucket starts (adjacent bytes, and a sample from a table small
//! enough to stay in cache), then scans its bucket's entries (one or two on
//! average), whose first key half and value share a cache line: a hit costs
//! no more memory reads than a miss. The writer picks the largest
//! `group` (at most 5) whose offsets fit a byte: byte offsets plus a sparse
//! u32 sample compress to under half of a u32 per bucket, which keeps the
//! model's share of the gzipped wasm close to that of a varint-coded file.
//!
//! Weights are quantized in two steps: to integers with one global `scale`
//! (the largest weight maps to the `i16` limit), then each feature's weights
//! as one block, `i8` values sharing a shift that brings the largest of them
//! into 7 bits. A feature's weights for the nine labels differ in size by far
//! less than the features do (their largest weights span 2^0..2^14), so the
//! block keeps each feature's own precision at half the bytes of `i16`s: the
//! ten-tenths dev mean moved 0.7657 -> 0.7654 (noise), six bits cost 0.002
//! (docs/tagger.md, stop 31). Only the features the trainer kept are stored.
//! Scores are summed as integers, which keeps decoding fast and exact across
//! platforms.

use std::borrow::Cow;

/// The BIO labels the tagger predicts, in model order.
#[cfg(any(test, feature = "lab"))]
pub const LABELS: [&str; N] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
/// Number of labels.
pub const N: usize = 9;

const MAGIC: &[u8; 4] = b"QNER";
const VERSION: u8 = 5;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// A fast 64-bit hash of a byte string, eight bytes per step (the words
/// hashed here are short; FNV's byte-at-a-time chain was a third of the
/// tagger's time). Not for adversarial keys: a collision only merges two
/// features.
#[inline]
pub fn strhash(s: &[u8]) -> u64 {
    let step = |h: u64, x: u64| (h.rotate_left(5) ^ x).wrapping_mul(K);
    let mut h = s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        h = step(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        h = step(h, super::fasthash::tail_u64(r));
    }
    h
}

/// The 32-bit feature key of template `tid` over a string hashed with
/// [`strhash`]; equal strings in different templates hash apart.
#[inline]
pub fn feat(tid: u8, h: u64) -> u32 {
    let x = (h ^ u64::from(tid).wrapping_mul(0xD6E8_FEB8_6659_FD93)).wrapping_mul(K);
    let x = x ^ (x >> 29);
    let x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x >> 32) as u32
}

/// The feature key of template `tid` over the bytes `s`.
#[inline]
pub fn hash(tid: u8, s: &[u8]) -> u32 {
    feat(tid, strhash(s))
}

/// Continues a phrase's hash with the [`strhash`] of its next word, so a
/// phrase can be matched word by word.
#[inline]
pub fn phrase_next(h: u64, word: u64) -> u64 {
    (h.rotate_left(23) ^ word).wrapping_mul(K)
}

/// The 64-bit hash of a space-separated phrase, as [`phrase_next`] builds it.
pub fn phrase_hash(phrase: &str) -> u64 {
    let mut words = phrase.split(' ');
    let first = strhash(words.next().unwrap_or("").as_bytes());
    words.fold(first, |h, w| phrase_next(h, strhash(w.as_bytes())))
}

/// Combines two hashes into one (for conjunction features).
#[inline]
pub fn combine(a: u32, b: u32) -> u32 {
    let x = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(K);
    (x >> 32) as u32 ^ (x as u32)
}

/// The fewest bits of a key that pick its bucket: the other 16 are stored,
/// so the bucket and the stored half cover all 32.
const MIN_BUCKET_BITS: u8 = 16;
/// The most (16 M buckets: a table of 6 M keys).
const MAX_BUCKET_BITS: u8 = 24;
/// The largest bucket group the writer uses (128 buckets per sample).
#[cfg(any(test, feature = "lab"))]
const MAX_GROUP: u8 = 7;

/// `x` rounded up to a multiple of 8.
fn pad8(x: usize) -> usize {
    x.next_multiple_of(8)
}

#[cfg(any(test, feature = "lab"))]
fn push_pad8(out: &mut Vec<u8>) {
    out.resize(pad8(out.len()), 0);
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Where one table's parts are in its bytes (absolute offsets).
#[derive(Clone, Copy, Debug, Default)]
struct Table {
    /// Number of entries.
    n: usize,
    /// Bytes per value.
    width: usize,
    /// The bucket of key `k` is `k >> shift` (32 minus the bucket bits).
    shift: u32,
    /// log2 of the buckets per sample.
    group: u32,
    start: usize,
    samples: usize,
    offsets: usize,
    lows: usize,
    values: usize,
    end: usize,
}

impl Table {
    /// The table whose header is at `at` in `b`, if it has values of
    /// `width` bytes and fits in `b`.
    fn read(b: &[u8], at: usize, width: usize) -> Option<Table> {
        let h = b.get(at..at.checked_add(8)?)?;
        let n = u32::from_le_bytes(h[0..4].try_into().ok()?) as usize;
        let (bits, group) = (h[6], h[7]);
        if usize::from(u16::from_le_bytes([h[4], h[5]])) != width
            || !(MIN_BUCKET_BITS..=MAX_BUCKET_BITS).contains(&bits)
            || group > bits
        {
            return None;
        }
        let buckets = 1usize << bits;
        let samples = at + 8;
        let offsets = samples + pad8(4 * ((buckets >> group) + 1));
        let lows = offsets + pad8(buckets + 1);
        let values = lows.checked_add(pad8(n.checked_mul(2)?))?;
        let end = values.checked_add(pad8(n.checked_mul(width)?))?;
        (end <= b.len()).then_some(Table {
            n,
            width,
            shift: 32 - u32::from(bits),
            group: u32::from(group),
            start: at,
            samples,
            offsets,
            lows,
            values,
            end,
        })
    }

    /// Writes a table of `keys` (sorted, unique) whose `i`th value is
    /// `value(i)` (`width` bytes), starting at a multiple of 8 in `out`.
    #[cfg(any(test, feature = "lab"))]
    fn write(
        out: &mut Vec<u8>,
        keys: &[u32],
        width: usize,
        mut value: impl FnMut(usize, &mut Vec<u8>),
    ) {
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        debug_assert_eq!(out.len() % 8, 0);
        // Buckets at most 0.4 full on average: most lookups of an absent key
        // (most of the tagger's) end at an empty bucket, and a bucket scan is
        // short. Fewer, fuller buckets (16 bits for every table) took 7% off
        // the tagger's speed for 6% off the gzipped model.
        let bits = (MIN_BUCKET_BITS..MAX_BUCKET_BITS)
            .find(|&b| keys.len() * 5 <= 2 << b)
            .unwrap_or(MAX_BUCKET_BITS);
        let buckets = 1usize << bits;
        // starts[b]: the index of bucket b's first key; starts[buckets] = n.
        let mut starts = vec![0u32; buckets + 1];
        for &k in keys {
            starts[(k >> (32 - bits)) as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        // The largest group whose offsets from its sample fit a byte.
        let fits = |g: u8| (0..=buckets).all(|b| starts[b] - starts[b >> g << g] <= 255);
        let group = (0..=MAX_GROUP).rev().find(|&g| fits(g)).unwrap_or(0);
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(width as u16).to_le_bytes());
        out.extend_from_slice(&[bits, group]);
        for s in starts.iter().step_by(1 << group) {
            out.extend_from_slice(&s.to_le_bytes());
        }
        push_pad8(out);
        out.extend((0..=buckets).map(|b| (starts[b] - starts[b >> group << group]) as u8));
        push_pad8(out);
        for &k in keys {
            out.extend_from_slice(&(k as u16).to_le_bytes());
        }
        push_pad8(out);
        for i in 0..keys.len() {
            let before = out.len();
            value(i, out);
            debug_assert_eq!(out.len() - before, width);
        }
        push_pad8(out);
    }

    /// The index of key `k`'s entry, if present. Key 0 is read as 1 (0
    /// once meant an empty slot; keeping that merge keeps old models'
    /// lookups unchanged).
    #[inline]
    fn find(&self, b: &[u8], k: u32) -> Option<usize> {
        let k = k.max(1);
        let bucket = (k >> self.shift) as usize;
        // The bucket's start and the next one's: two adjacent offsets, and
        // two samples (the same one unless the next bucket starts a group).
        let off = b.get(self.offsets + bucket..self.offsets + bucket + 2)?;
        let (g, g_next) = (bucket >> self.group, (bucket + 1) >> self.group);
        if off[0] == off[1] && g_next == g {
            return None; // an empty bucket, inside its group
        }
        let first = u32_at(b, self.samples + 4 * g)? as usize;
        let next = if g_next == g {
            first // the same sample: read it once
        } else {
            u32_at(b, self.samples + 4 * g_next)? as usize
        };
        let (lo, hi) = (first + usize::from(off[0]), next + usize::from(off[1]));
        if hi > self.n {
            return None;
        }
        let want = k as u16;
        let lows = b.get(self.lows + 2 * lo..self.lows + 2 * hi)?;
        for (i, c) in lows.chunks_exact(2).enumerate() {
            let low = u16::from_le_bytes([c[0], c[1]]);
            if low >= want {
                return (low == want).then_some(lo + i);
            }
        }
        None
    }

    /// The value bytes of entry `i`.
    #[inline]
    fn value<'b>(&self, b: &'b [u8], i: usize) -> Option<&'b [u8]> {
        let at = self.values + i * self.width;
        b.get(at..at + self.width)
    }
}

/// A model: its bytes (the embedded ones, or built by the trainer) and where
/// its parts are in them.
#[derive(Clone, Default)]
pub struct Model {
    bytes: Cow<'static, [u8]>,
    /// Quantized transition scores: `trans[from][to]`, `from == N` is the start.
    pub trans: [[i32; N]; N + 1],
    #[cfg_attr(not(feature = "lab"), allow(dead_code))] // read by the trainer (`lab`)
    /// The factor that turned trained weights into the stored integers.
    pub scale: f32,
    /// Per feature, its weights for all labels.
    feats: Table,
    /// The lexicon the tagger's features look words up in.
    pub lexicon: Lexicon,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bytes", &self.bytes.len())
            .field("features", &self.feats.n)
            .field("lexicon", &self.lexicon.len())
            .finish()
    }
}

/// Phrases (folded, space-separated) with what they are: bit flags
/// ([`super::lexicon`] names them), and words with their cluster; keyed by
/// hash.
#[derive(Clone, Default)]
pub struct Lexicon {
    bytes: Cow<'static, [u8]>,
    table: Table,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.table.n)
            .finish()
    }
}

impl Lexicon {
    /// Builds a lexicon from `(phrase hash, bits)` pairs (any order; of
    /// equal keys, the smallest bits are kept).
    #[cfg(any(test, feature = "lab"))]
    pub fn new(mut entries: Vec<(u32, u16)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0.max(1));
        let keys: Vec<u32> = entries.iter().map(|e| e.0.max(1)).collect();
        let mut bytes = Vec::new();
        Table::write(&mut bytes, &keys, 2, |i, out| {
            out.extend_from_slice(&entries[i].1.to_le_bytes())
        });
        let table = Table::read(&bytes, 0, 2).unwrap_or_default();
        Lexicon {
            bytes: Cow::Owned(bytes),
            table,
        }
    }

    /// The bits of the phrase with hash `h` (0 if absent).
    #[inline]
    pub fn get(&self, h: u32) -> u16 {
        let b: &[u8] = &self.bytes;
        self.table
            .find(b, h)
            .and_then(|i| self.table.value(b, i))
            .map_or(0, |v| u16::from_le_bytes([v[0], v[1]]))
    }

    /// How many entries the lexicon has.
    pub fn len(&self) -> usize {
        self.table.n
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.table.n == 0
    }

    /// The table's bytes, as a model file holds them.
    #[cfg(any(test, feature = "lab"))]
    fn section(&self) -> &[u8] {
        self.bytes
            .get(self.table.start..self.table.end)
            .unwrap_or_default()
    }
}

/// Header bytes before the transitions.
const HEADER: usize = 16;
/// Bytes per stored feature: its block's shift, then one `i8` per label.
const FEAT_WIDTH: usize = 1 + N;
/// Magnitude bits of a stored weight (an `i8` without its sign).
#[cfg(any(test, feature = "lab"))]
const WEIGHT_BITS: u32 = 7;
/// Keeps a block's shift below 16 (8 is the largest a trained model needs:
/// `i16` weights, 7 bits kept), so that a malformed model's shift still
/// gives an `i8 << shift` that fits a score term, not an overflow.
const SHIFT_MASK: u8 = 15;

/// One feature's weights (integers at the model's scale) as a block: the
/// shift that brings the largest into [`WEIGHT_BITS`], and each weight
/// shifted, rounded half away from zero.
#[cfg(any(test, feature = "lab"))]
fn block(q: [i32; N]) -> (u8, [i8; N]) {
    let top = q.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
    let shift = (u32::BITS - top.leading_zeros()).saturating_sub(WEIGHT_BITS);
    let half = (1u32 << shift) >> 1;
    let w = q.map(|x| {
        let m = ((x.unsigned_abs() + half) >> shift).min((1 << WEIGHT_BITS) - 1) as i8;
        if x < 0 {
            -m
        } else {
            m
        }
    });
    (shift as u8, w)
}
/// Where the feature table starts.
const FEATS_AT: usize = HEADER + 4 * N * (N + 1);

impl Model {
    /// The lexicon's bits for one folded form (a word or a name's words).
    pub fn lex_bits(&self, form: &str) -> u16 {
        self.lexicon
            .get(super::features::lex_key(strhash(form.as_bytes())))
    }

    /// The word cluster of one folded form ([`super::features::cluster_value`]),
    /// 0 for a word too rare in the clusters' text to have one.
    pub fn cluster(&self, form: &str) -> u16 {
        self.lexicon
            .get(super::features::cluster_key(strhash(form.as_bytes())))
    }

    /// The lexicon's bits of any of a word's name forms: its stem, the
    /// stem without each possible proclitic, and after ل with the article
    /// the stem as written on its own ([`super::features::Word::article_forms`]).
    pub fn word_bits(&self, w: &super::features::Word) -> u16 {
        let alone = w.article_forms().fold(0, |a, f| a | self.lex_bits(&f));
        w.name_forms().fold(alone, |a, f| a | self.lex_bits(f))
    }

    /// Builds a model from float weights: features whose largest weight
    /// quantizes to zero are dropped; the others are stored as blocks
    /// ([`block`]).
    #[cfg(any(test, feature = "lab"))]
    pub fn from_weights(
        feats: &[(u32, [f32; N])],
        trans: &[[f32; N]; N + 1],
        lexicon: Lexicon,
        scale: f32,
    ) -> Model {
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i32;
        let mut kept: Vec<(u32, (u8, [i8; N]))> = feats
            .iter()
            .map(|(h, w)| (h.max(&1).to_owned(), block(w.map(q))))
            .filter(|(_, (_, w))| w.iter().any(|&x| x != 0))
            .collect();
        kept.sort_unstable_by_key(|k| k.0);
        kept.dedup_by_key(|k| k.0);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, N as u8, 0, 0]);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        for row in trans {
            for &w in row {
                out.extend_from_slice(&((w / scale).round() as i32).to_le_bytes());
            }
        }
        debug_assert_eq!(out.len(), FEATS_AT);
        let keys: Vec<u32> = kept.iter().map(|k| k.0).collect();
        Table::write(&mut out, &keys, FEAT_WIDTH, |i, out| {
            let (shift, ws) = kept[i].1;
            out.push(shift);
            out.extend(ws.map(|w| w as u8));
        });
        out.extend_from_slice(lexicon.section());
        Model::read(Cow::Owned(out)).unwrap_or_default()
    }

    /// The model in `bytes`, read in place: `None` if they are not a model
    /// of this format and label set.
    pub fn from_static(bytes: &'static [u8]) -> Option<Model> {
        Model::read(Cow::Borrowed(bytes))
    }

    /// The model in a copy of `bytes`; `None` if they are not a model.
    #[cfg(any(test, feature = "lab"))]
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        Model::from_vec(bytes.to_vec())
    }

    /// The model in `bytes`, given at run time (the English model in wasm);
    /// `None` if they are not a model.
    pub fn from_vec(bytes: Vec<u8>) -> Option<Model> {
        Model::read(Cow::Owned(bytes))
    }

    fn read(bytes: Cow<'static, [u8]>) -> Option<Model> {
        let b: &[u8] = &bytes;
        if b.get(0..4)? != MAGIC || b.get(4..8)? != [VERSION, N as u8, 0, 0] {
            return None;
        }
        let scale = f32::from_le_bytes(b.get(8..12)?.try_into().ok()?);
        let mut trans = [[0i32; N]; N + 1];
        for (i, w) in trans.iter_mut().flatten().enumerate() {
            *w = i32::from_le_bytes(b.get(HEADER + 4 * i..HEADER + 4 * i + 4)?.try_into().ok()?);
        }
        let feats = Table::read(b, FEATS_AT, FEAT_WIDTH)?;
        let lex = Table::read(b, feats.end, 2)?;
        if lex.end != b.len() {
            return None;
        }
        // The lexicon shares the embedded bytes; a built model's lexicon
        // gets its own copy of its section (only the trainer builds models).
        let lexicon = match &bytes {
            Cow::Borrowed(s) => Lexicon {
                bytes: Cow::Borrowed(s),
                table: lex,
            },
            Cow::Owned(v) => {
                let section = v[lex.start..lex.end].to_vec();
                let table = Table::read(&section, 0, 2)?;
                Lexicon {
                    bytes: Cow::Owned(section),
                    table,
                }
            }
        };
        Some(Model {
            trans,
            scale,
            feats,
            lexicon,
            bytes,
        })
    }

    /// Number of stored features.
    #[cfg(any(test, feature = "lab"))]
    pub fn n_features(&self) -> usize {
        self.feats.n
    }

    /// Adds feature `h`'s weights to `scores`.
    #[inline]
    #[cfg(any(test, feature = "lab"))]
    pub fn add(&self, h: u32, scores: &mut [i32; N]) {
        self.add_from(&self.bytes, h, scores);
    }

    #[inline]
    fn add_from(&self, b: &[u8], h: u32, scores: &mut [i32; N]) {
        let Some(at) = self
            .feats
            .find(b, h)
            .map(|i| self.feats.values + i * FEAT_WIDTH)
        else {
            return;
        };
        let Some(block) = b
            .get(at..at + FEAT_WIDTH)
            .and_then(|w| <&[u8; FEAT_WIDTH]>::try_from(w).ok())
        else {
            return;
        };
        let shift = u32::from(block[0] & SHIFT_MASK);
        for (s, &w) in scores.iter_mut().zip(&block[1..]) {
            *s += i32::from(w as i8) << shift;
        }
    }

    /// Adds the weights of every feature of `hs` to `scores`.
    #[inline]
    pub fn add_all(&self, hs: &[u32], scores: &mut [i32; N]) {
        let b: &[u8] = &self.bytes;
        for &h in hs {
            self.add_from(b, h, scores);
        }
    }

    /// The model's bytes, as [`Model::from_static`] and [`Model::parse`] read them.
    #[cfg(any(test, feature = "lab"))]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn round_trip_and_garbage() {
        let mut w = [0.0f32; N];
        w[2] = 1.0;
        w[5] = -0.5;
        let feats = vec![(7u32, w), (99, [0.0; N]), (3, [0.25; N])];
        let lex = Lexicon::new(vec![(hash(1, "حلب".as_bytes()), 2), (5, 9)]);
        let m = Model::from_weights(&feats, &[[0.1; N]; N + 1], lex, 0.05);
        assert_eq!(m.n_features(), 2, "all-zero feature dropped");
        let bytes = m.to_bytes();
        let back = Model::parse(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.trans, [[2; N]; N + 1]);
        let mut s = [0; N];
        back.add(7, &mut s);
        assert_eq!((s[2], s[5]), (20, -10));
        assert_eq!(back.lexicon.get(hash(1, "حلب".as_bytes())), 2);
        assert_eq!(back.lexicon.get(6), 0);
        for cut in 0..bytes.len() {
            assert!(Model::parse(&bytes[..cut]).is_none());
        }
        assert!(Model::parse(b"QNER\x05\x09\0\0\xff\xff\xff\xff").is_none());
        // An older format is refused, not misread.
        let mut old = bytes.clone();
        old[4] = 4;
        assert!(Model::parse(&old).is_none());
    }

    #[test]
    fn a_block_keeps_seven_bits_of_its_largest_weight() {
        // The largest weight sets the shift; smaller ones round half away
        // from zero at it, and vanish below half a step.
        let mut q = [0i32; N];
        q[..5].copy_from_slice(&[20000, 300, -5, -128, 127]);
        let (shift, w) = block(q);
        assert_eq!(shift, 8);
        assert_eq!(w[..5], [78, 1, 0, -1, 0]);
        let (shift, w) = block([127, -127, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!((shift, w[..3].to_vec()), (0, vec![127, -127, 1]));
        // 255 rounds to 128 at shift 1: held at the largest i8.
        assert_eq!(block([255, 0, 0, 0, 0, 0, 0, 0, 0]).1[0], 127);
        assert_eq!(
            block([-32767, 0, 0, 0, 0, 0, 0, 0, 0]),
            (8, [-127, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        // Read back through a model: the weights summed are the block's.
        let mut f = [0.0f32; N];
        f[..5].copy_from_slice(&[20000.0, 300.0, -5.0, -128.0, 127.0]);
        let m = Model::from_weights(&[(9, f)], &[[0.0; N]; N + 1], Lexicon::new(vec![]), 1.0);
        let mut s = [0; N];
        m.add(9, &mut s);
        assert_eq!(s[..5], [78 << 8, 256, 0, -256, 0]);
    }

    #[test]
    fn sections_are_aligned() {
        let lex = Lexicon::new(
            (1..100u32)
                .map(|k| (k.wrapping_mul(0x9E37_79B9), 1))
                .collect(),
        );
        let m = Model::from_weights(&[(42, [1.0; N])], &[[0.0; N]; N + 1], lex, 1.0);
        let t = m.feats;
        for at in [FEATS_AT, t.samples, t.offsets, t.lows, t.values, t.end] {
            assert_eq!(at % 8, 0, "section at {at}");
        }
        assert_eq!(m.to_bytes().len() % 8, 0);
    }

    /// A small deterministic generator (xorshift), for keys.
    fn keys(seed: u64, n: usize) -> Vec<u32> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u32
            })
            .collect()
    }

    #[test]
    fn lookups_equal_a_hash_map() {
        // Random keys, keys crowded into a few buckets (more than a byte of
        // offset in one group, and a bucket of 300), the edges of the key
        // range, and 0 (read as 1).
        let mut entries: Vec<(u32, u16)> = keys(1, 5000)
            .into_iter()
            .map(|k| (k, (k % 7) as u16 + 1))
            .collect();
        entries.extend((0..300u32).map(|i| (0x1234_0000 | (i * 3), 5)));
        entries.extend((0..40u32).flat_map(|b| (0..9).map(move |i| (((0x4000 + b) << 16) | i, 6))));
        entries.extend([
            (0, 11),
            (u32::MAX, 12),
            (0xFFFF_0000, 13),
            (0x0000_FFFF, 14),
        ]);
        let lex = Lexicon::new(entries.clone());
        let mut want: HashMap<u32, u16> = HashMap::new();
        let mut sorted = entries.clone();
        sorted.sort_unstable();
        for (k, v) in sorted {
            want.entry(k.max(1)).or_insert(v);
        }
        assert_eq!(lex.len(), want.len());
        for (&k, &v) in &want {
            assert_eq!(lex.get(k), v, "key {k:#x}");
        }
        assert_eq!(lex.get(0), want[&1], "0 reads as 1");
        for k in keys(2, 20000)
            .into_iter()
            .chain((0..900).map(|i| 0x1234_0000 | i))
        {
            assert_eq!(
                lex.get(k),
                want.get(&k.max(1)).copied().unwrap_or(0),
                "key {k:#x}"
            );
        }
    }

    #[test]
    fn the_writer_groups_buckets_as_far_as_a_byte_allows() {
        // Sparse keys: the largest group. 300 keys in one bucket: offsets
        // past it overflow a byte in any group, so a sample per bucket.
        let sparse = Lexicon::new(keys(3, 1000).into_iter().map(|k| (k, 1)).collect());
        assert_eq!(sparse.table.group, u32::from(MAX_GROUP));
        let crowded = Lexicon::new((0..300u32).map(|i| (0x0100_0000 | i, 1)).collect());
        assert_eq!(crowded.table.group, 0);
        assert_eq!(crowded.get(0x0100_0000 | 299), 1);
        assert_eq!(crowded.get(0x0100_0000 | 300), 0);
    }

    #[test]
    fn the_embedded_model_reads_in_place() {
        let m = crate::entity::tagger::model();
        assert!(m.n_features() > 0 && !m.lexicon.is_empty());
        assert!(matches!(m.bytes, Cow::Borrowed(_)));
        assert!(matches!(m.lexicon.bytes, Cow::Borrowed(_)));
    }

    #[test]
    fn malformed_tables_read_as_missing_entries() {
        let lex = Lexicon::new(keys(4, 3000).into_iter().map(|k| (k, 3)).collect());
        let good = lex.bytes.to_vec();
        // Scribble over the samples and offsets: lookups still end, without
        // a panic, whatever they find.
        for seed in 0..20u64 {
            let mut b = good.clone();
            for (i, k) in keys(seed + 10, 64).into_iter().enumerate() {
                let at = 8 + (k as usize % (lex.table.lows - 8));
                b[at] = (k >> 8) as u8 ^ i as u8;
            }
            let Some(table) = Table::read(&b, 0, 2) else {
                continue;
            };
            let bad = Lexicon {
                bytes: Cow::Owned(b),
                table,
            };
            for k in keys(seed, 2000) {
                let _ = bad.get(k);
            }
        }
    }
}
