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
const VERSION: u8 = 2;

/// 32-bit FNV-1a, seeded with a template id so that equal strings in
/// different templates hash apart.
#[inline]
pub fn hash(tid: u8, s: &[u8]) -> u32 {
    extend(0x811c_9dc5 ^ u32::from(tid).wrapping_mul(0x0100_0193), s)
}

/// Continues an FNV-1a hash with more bytes.
#[inline]
pub fn extend(mut h: u32, s: &[u8]) -> u32 {
    for &b in s {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Combines two hashes into one (for conjunction features).
#[inline]
pub fn combine(a: u32, b: u32) -> u32 {
    let x = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 32) as u32 ^ (x as u32)
}

/// An open-addressing table from a 32-bit hash to a dense index; built once
/// at load so each lookup is a multiply and a probe or two.
#[derive(Clone, Debug, Default)]
pub struct Table {
    keys: Vec<u32>,
    vals: Vec<u32>,
    shift: u32,
}

impl Table {
    /// Builds a table over `keys`; `get(keys[i]) == Some(i)`. Key 0 is
    /// reserved as "empty" and is stored as 1 (a harmless collision).
    pub fn new(keys: &[u32]) -> Table {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let shift = 64 - cap.trailing_zeros();
        let mut t = Table {
            keys: vec![0; cap],
            vals: vec![0; cap],
            shift,
        };
        for (i, &k) in keys.iter().enumerate() {
            let k = k.max(1);
            let mut at = t.slot(k);
            while t.keys[at] != 0 && t.keys[at] != k {
                at = (at + 1) & (cap - 1);
            }
            t.keys[at] = k;
            t.vals[at] = i as u32;
        }
        t
    }

    #[inline]
    fn slot(&self, k: u32) -> usize {
        (u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The index of `k`, if present.
    #[inline]
    pub fn get(&self, k: u32) -> Option<usize> {
        let k = k.max(1);
        let mask = self.keys.len() - 1;
        let mut at = self.slot(k);
        loop {
            let x = self.keys[at];
            if x == k {
                return Some(self.vals[at] as usize);
            }
            if x == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }
}

/// A loaded model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Quantized transition scores: `trans[from][to]`, `from == N` is the start.
    pub trans: [[i32; N]; N + 1],
    pub scale: f32,
    feats: Table,
    /// Per feature, its weights for all labels.
    weights: Vec<[i16; N]>,
    pub lexicon: Lexicon,
}

/// Phrases (folded, space-separated) with what they are: bit flags
/// ([`super::lexicon`] names them).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    table: Table,
    bits: Vec<u16>,
}

impl Lexicon {
    /// Builds a lexicon from `(phrase hash, bits)` pairs (any order, unique hashes).
    pub fn new(mut entries: Vec<(u32, u16)>) -> Lexicon {
        entries.sort_unstable();
        let keys: Vec<u32> = entries.iter().map(|e| e.0).collect();
        Lexicon {
            table: Table::new(&keys),
            bits: entries.iter().map(|e| e.1).collect(),
        }
    }

    /// The bits of the phrase with hash `h` (0 if absent).
    #[inline]
    pub fn get(&self, h: u32) -> u16 {
        self.table.get(h).map_or(0, |i| self.bits[i])
    }

    pub fn len(&self) -> usize {
        self.bits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    fn entries(&self) -> Vec<(u32, u16)> {
        let mut v: Vec<(u32, u16)> = (0..self.table.keys.len())
            .filter(|&s| self.table.keys[s] != 0)
            .map(|s| (self.table.keys[s], self.bits[self.table.vals[s] as usize]))
            .collect();
        v.sort_unstable();
        v
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
        let keys: Vec<u32> = kept.iter().map(|k| k.0).collect();
        Model {
            trans: t,
            scale,
            feats: Table::new(&keys),
            weights: kept.into_iter().map(|k| k.1).collect(),
            lexicon,
        }
    }

    /// Number of stored features.
    pub fn n_features(&self) -> usize {
        self.weights.len()
    }

    /// Adds feature `h`'s weights to `scores`.
    #[inline]
    pub fn add(&self, h: u32, scores: &mut [i32; N]) {
        if let Some(i) = self.feats.get(h) {
            for (s, &w) in scores.iter_mut().zip(&self.weights[i]) {
                *s += i32::from(w);
            }
        }
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        let mut feats: Vec<(u32, [i16; N])> = (0..self.feats.keys.len())
            .filter(|&s| self.feats.keys[s] != 0)
            .map(|s| {
                (
                    self.feats.keys[s],
                    self.weights[self.feats.vals[s] as usize],
                )
            })
            .collect();
        feats.sort_unstable_by_key(|f| f.0);
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
        let mut weights = Vec::with_capacity(nf);
        for m in masks {
            let mut w = [0i16; N];
            for (i, x) in w.iter_mut().enumerate() {
                if m & (1 << i) != 0 {
                    *x = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
                }
            }
            weights.push(w);
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
            feats: Table::new(&keys),
            weights,
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
        assert!(Model::parse(b"QNER\x02\xff\xff\xff\xff").is_none());
    }
}
