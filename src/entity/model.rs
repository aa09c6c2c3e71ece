//! The trained tagger's model: hashed feature weights, label transitions and
//! the name lexicon, in one compact byte format embedded in the library.
//!
//! The format is little-endian and versioned:
//!
//! ```text
//! "QNER" version:u8
//! n_feats:u32 n_lex:u32 scale:f32
//! transitions: (N+1)×N i32   (last row: from sentence start)
//! feature hashes: n_feats × varint delta (sorted ascending)
//! label masks:    n_feats × u16   (which labels have a weight)
//! weights:        one i16 per set mask bit, in feature order
//! lexicon hashes: n_lex × varint delta (sorted ascending)
//! lexicon bits:   n_lex × u16
//! ```
//!
//! Weights are quantized to `i16` with one global `scale`; only the features the
//! trainer kept are stored, and only their non-zero labels. Scores are summed
//! as integers, which keeps decoding fast and exact across platforms.
//!
//! Guarantees: [`Model::parse`] never panics on malformed bytes (it returns
//! `None`); [`Model::to_bytes`] of a parsed model gives the same bytes back, so
//! the trainer's output is deterministic given deterministic weights.

/// The BIO labels the tagger predicts, in model order.
pub const LABELS: [&str; N] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
/// Number of labels.
pub const N: usize = 9;

const MAGIC: &[u8; 4] = b"QNER";
const VERSION: u8 = 3;

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
        let mut b = [0u8; 8];
        b[..r.len()].copy_from_slice(r);
        h = step(h, u64::from_le_bytes(b));
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

/// An open-addressing table from a 32-bit hash to a value, built once at
/// load. The keys sit in a sparse array (at most half full, so a lookup is
/// a multiply and usually one probe, and a miss ends soon); the values
/// are packed densely in slot order, found by counting the occupied slots
/// before the key's (a bitmap with a running count per 64 slots). A miss
/// reads only the key array; a hit reads one value more. Sparse keys with
/// dense values take less memory than keys and values side by side at a
/// higher load, and probe far less.
#[derive(Clone, Debug, Default)]
pub struct Table<V> {
    keys: Vec<u32>,
    /// Per 64 slots: which are occupied, and how many are before them.
    rank: Vec<(u64, u32)>,
    vals: Vec<V>,
    shift: u32,
}

impl<V: Copy + Default> Table<V> {
    /// Builds a table over `entries` (unique keys; of equal keys the last
    /// wins). Key 0 is reserved as "empty" and is stored as 1 (a harmless
    /// collision).
    pub fn new(entries: &[(u32, V)]) -> Table<V> {
        // Load factor at most 1/2: short probes, and misses end fast (at
        // 2/3, misses averaged five probes and mispredicted branches).
        let cap = (entries.len() * 2 + 1).next_power_of_two().max(64);
        let shift = 64 - cap.trailing_zeros();
        let mut t = Table {
            keys: vec![0; cap],
            rank: Vec::new(),
            vals: Vec::new(),
            shift,
        };
        for &(k, _) in entries {
            let k = k.max(1);
            let mut at = t.slot(k);
            while t.keys[at] != 0 && t.keys[at] != k {
                at = (at + 1) & (cap - 1);
            }
            t.keys[at] = k;
        }
        let mut before = 0u32;
        t.rank = t
            .keys
            .chunks(64)
            .map(|slots| {
                let bits = slots
                    .iter()
                    .enumerate()
                    .fold(0u64, |b, (i, &k)| b | u64::from(k != 0) << i);
                let r = (bits, before);
                before += bits.count_ones();
                r
            })
            .collect();
        // Then the values, each in its key's place (of equal keys, the last).
        t.vals = vec![V::default(); before as usize];
        for &(k, v) in entries {
            if let Some(i) = t.find(k) {
                t.vals[i] = v;
            }
        }
        t
    }

    #[inline]
    fn slot(&self, k: u32) -> usize {
        (u64::from(k).wrapping_mul(K) >> self.shift) as usize
    }

    /// The index into `vals` of the occupied slot `at`.
    #[inline]
    fn value_index(&self, at: usize) -> usize {
        let (bits, before) = self.rank[at / 64];
        before as usize + (bits & ((1u64 << (at % 64)) - 1)).count_ones() as usize
    }

    /// The value of `k`, if present.
    #[inline]
    pub fn get(&self, k: u32) -> Option<&V> {
        self.find(k).and_then(|i| self.vals.get(i))
    }

    /// The index of `k`'s value in `vals`, if `k` is present.
    #[inline]
    fn find(&self, k: u32) -> Option<usize> {
        let k = k.max(1);
        let mask = self.keys.len().wrapping_sub(1);
        if self.keys.is_empty() {
            return None;
        }
        let mut at = self.slot(k);
        loop {
            let x = self.keys[at];
            if x == k {
                return Some(self.value_index(at));
            }
            if x == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// All entries, sorted by key.
    fn entries(&self) -> Vec<(u32, V)> {
        let mut v: Vec<(u32, V)> = (0..self.keys.len())
            .filter(|&s| self.keys[s] != 0)
            .zip(&self.vals)
            .map(|(s, &v)| (self.keys[s], v))
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    }

    fn len(&self) -> usize {
        self.vals.len()
    }
}

/// A loaded model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Quantized transition scores: `trans[from][to]`, `from == N` is the start.
    pub trans: [[i32; N]; N + 1],
    pub scale: f32,
    /// Per feature, its weights for all labels.
    feats: Table<[i16; N]>,
    n_feats: usize,
    pub lexicon: Lexicon,
}

/// Phrases (folded, space-separated) with what they are: bit flags
/// ([`super::lexicon`] names them).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    table: Table<u16>,
    len: usize,
}

impl Lexicon {
    /// Builds a lexicon from `(phrase hash, bits)` pairs (any order, unique hashes).
    pub fn new(mut entries: Vec<(u32, u16)>) -> Lexicon {
        // A parsed model's entries come sorted.
        if !entries.is_sorted() {
            entries.sort_unstable();
        }
        entries.dedup_by_key(|e| e.0.max(1));
        let table = Table::new(&entries);
        Lexicon {
            len: table.len(),
            table,
        }
    }

    /// The bits of the phrase with hash `h` (0 if absent).
    #[inline]
    pub fn get(&self, h: u32) -> u16 {
        self.table.get(h).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn entries(&self) -> Vec<(u32, u16)> {
        self.table.entries()
    }
}

impl Model {
    /// Builds a model from float weights: features whose largest weight
    /// quantizes to zero are dropped.
    pub fn from_weights(
        feats: &[(u32, [f32; N])],
        trans: &[[f32; N]; N + 1],
        lexicon: Lexicon,
        scale: f32,
    ) -> Model {
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut kept: Vec<(u32, [i16; N])> = feats
            .iter()
            .map(|(h, w)| (h.max(&1).to_owned(), w.map(q)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        kept.sort_unstable_by_key(|k| k.0);
        kept.dedup_by_key(|k| k.0);
        let mut t = [[0i32; N]; N + 1];
        for (a, row) in trans.iter().enumerate() {
            for (b, &w) in row.iter().enumerate() {
                t[a][b] = (w / scale).round() as i32;
            }
        }
        Model {
            trans: t,
            scale,
            n_feats: kept.len(),
            feats: Table::new(&kept),
            lexicon,
        }
    }

    /// Number of stored features.
    pub fn n_features(&self) -> usize {
        self.n_feats
    }

    /// Adds feature `h`'s weights to `scores`.
    #[inline]
    pub fn add(&self, h: u32, scores: &mut [i32; N]) {
        if let Some(ws) = self.feats.get(h) {
            for (s, &w) in scores.iter_mut().zip(ws) {
                *s += i32::from(w);
            }
        }
    }

    /// Adds the weights of every feature of `hs` to `scores`.
    #[inline]
    pub fn add_all(&self, hs: &[u32], scores: &mut [i32; N]) {
        for &h in hs {
            self.add(h, scores);
        }
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        let feats = self.feats.entries();
        let lex = self.lexicon.entries();
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        write_deltas(&mut out, feats.iter().map(|f| f.0));
        for (_, w) in &feats {
            let mask = w
                .iter()
                .enumerate()
                .filter(|(_, &x)| x != 0)
                .fold(0u16, |m, (i, _)| m | 1 << i);
            out.extend_from_slice(&mask.to_le_bytes());
        }
        for (_, w) in &feats {
            for x in w.iter().filter(|&&x| x != 0) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        write_deltas(&mut out, lex.iter().map(|e| e.0));
        for (_, b) in &lex {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }

    /// Parses a serialized model; `None` if the bytes are not a valid model.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(4)? != MAGIC || r.take(1)? != [VERSION] {
            return None;
        }
        let nf = r.u32()? as usize;
        let nl = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        // Every feature and lexicon entry takes at least 3 bytes.
        if nf.saturating_add(nl).saturating_mul(3) > bytes.len() {
            return None;
        }
        let mut trans = [[0i32; N]; N + 1];
        for row in trans.iter_mut() {
            for w in row.iter_mut() {
                *w = i32::from_le_bytes(r.take(4)?.try_into().ok()?);
            }
        }
        let keys = r.deltas(nf)?;
        let mut masks = Vec::with_capacity(nf);
        for _ in 0..nf {
            masks.push(r.u16()?);
        }
        let mut feats = Vec::with_capacity(nf);
        for (k, m) in keys.into_iter().zip(masks) {
            let mut w = [0i16; N];
            for (i, x) in w.iter_mut().enumerate() {
                if m & (1 << i) != 0 {
                    *x = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
                }
            }
            feats.push((k, w));
        }
        let lkeys = r.deltas(nl)?;
        let mut lex = Vec::with_capacity(nl);
        for k in lkeys {
            lex.push((k, r.u16()?));
        }
        if r.at != bytes.len() {
            return None;
        }
        Some(Model {
            trans,
            scale,
            n_feats: feats.len(),
            feats: Table::new(&feats),
            lexicon: Lexicon::new(lex),
        })
    }
}

fn write_deltas(out: &mut Vec<u8>, keys: impl Iterator<Item = u32>) {
    let mut prev = 0u32;
    for k in keys {
        let mut d = k - prev;
        prev = k;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn deltas(&mut self, n: usize) -> Option<Vec<u32>> {
        let mut v = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let b = self.take(1)?[0];
                d |= u32::from(b & 0x7f).checked_shl(shift)?;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 28 {
                    return None;
                }
            }
            prev = prev.checked_add(d)?;
            v.push(prev);
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut s = [0; N];
        back.add(7, &mut s);
        assert_eq!((s[2], s[5]), (20, -10));
        assert_eq!(back.lexicon.get(hash(1, "حلب".as_bytes())), 2);
        assert_eq!(back.lexicon.get(6), 0);
        for cut in 0..bytes.len() {
            assert!(Model::parse(&bytes[..cut]).is_none());
        }
        assert!(Model::parse(b"QNER\x03\xff\xff\xff\xff").is_none());
    }
}
