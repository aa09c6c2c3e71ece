//! The sparse linear models of the quotation stage: one weight per feature
//! key, read from the text files `qawl-train` writes (`models/speaker.tsv`,
//! `models/kinds.tsv`), embedded in the library and parsed once.
//!
//! A key packs a feature template and up to three small values into a
//! `u32`, big-endian (`[template, a, b, c]`); a model whose templates take
//! two values leaves the last byte 0. The text form is one
//! `KEY<TAB>WEIGHT` per line, KEY the first `PARTS` bytes joined by `.`;
//! `#` starts a comment, and a line that is not a key and a weight is
//! skipped, so a model file may carry its features' names as comments.

use crate::entity::fasthash::KeyMap;

/// A linear model whose keys are written as `PARTS` numbers.
#[derive(Clone, Debug, Default)]
pub struct Linear<const PARTS: usize> {
    map: KeyMap<u32, f32>,
}

impl<const PARTS: usize> Linear<PARTS> {
    /// Parses the model's text form (see the module doc).
    pub fn parse(text: &str) -> Self {
        let mut map = KeyMap::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut cols = line.split('\t');
            let (Some(k), Some(w)) = (cols.next(), cols.next()) else {
                continue;
            };
            let parts: Vec<u8> = k.split('.').filter_map(|p| p.trim().parse().ok()).collect();
            if let (Ok(w), true) = (w.trim().parse::<f32>(), parts.len() == PARTS) {
                let mut bytes = [0u8; 4];
                bytes[..PARTS].copy_from_slice(&parts);
                map.insert(u32::from_be_bytes(bytes), w);
            }
        }
        Linear { map }
    }

    /// The score of a feature set: the sum of its features' weights.
    pub fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().filter_map(|f| self.map.get(f)).sum()
    }

    /// Builds a model from `(key, weight)` pairs (the trainer's output);
    /// zero weights are left out.
    #[cfg(any(test, feature = "lab"))]
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u32, f32)>) -> Self {
        Linear {
            map: pairs.into_iter().filter(|(_, w)| *w != 0.0).collect(),
        }
    }

    /// The text form [`Linear::parse`] reads, sorted by key, each line with
    /// the feature's name (`name`) as a comment.
    #[cfg(any(test, feature = "lab"))]
    pub fn to_text(&self, name: impl Fn(u32) -> String) -> String {
        let mut keys: Vec<&u32> = self.map.keys().collect();
        keys.sort();
        let mut out = String::new();
        for k in keys {
            let bytes = k.to_be_bytes();
            let nums: Vec<String> = bytes[..PARTS].iter().map(u8::to_string).collect();
            let line = format!("{}\t{:.4}\t# {}\n", nums.join("."), self.map[k], name(*k));
            out.push_str(&line);
        }
        out
    }
}

/// The name at `i` in a feature value table, `?` past its end (the model
/// files' comments).
#[cfg(any(test, feature = "lab"))]
pub(crate) fn table_name(names: &[&'static str], i: u8) -> &'static str {
    names.get(usize::from(i)).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::Linear;

    #[test]
    fn text_form_round_trips_and_skips_what_is_not_a_weight() {
        let m = Linear::<3>::parse(
            "# header\n1.2.3\t0.5\t# a\n1.2\t9\n1.2.3.4\t9\nx\t1\n0.0.0\t-1.25\n",
        );
        assert_eq!(m.score(&[u32::from_be_bytes([1, 2, 3, 0])]), 0.5);
        assert_eq!(m.score(&[u32::from_be_bytes([1, 2, 3, 0]), 0]), -0.75);
        let text = m.to_text(|k| format!("k{k}"));
        assert_eq!(text, "0.0.0\t-1.2500\t# k0\n1.2.3\t0.5000\t# k16909056\n");
        let back = Linear::<3>::parse(&text);
        assert_eq!(back.score(&[0, u32::from_be_bytes([1, 2, 3, 0])]), -0.75);
        let four = Linear::<4>::parse("1.2.3.4\t2\n1.2.3\t9\n");
        assert_eq!(four.score(&[u32::from_be_bytes([1, 2, 3, 4])]), 2.0);
        assert_eq!(four.score(&[u32::from_be_bytes([1, 2, 3, 0])]), 0.0);
    }
}
