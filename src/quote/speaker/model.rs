//! The speaker model: one weight per feature key, in a text file
//! (`models/speaker.tsv`) that `qawl-train speakers` writes and the library
//! embeds and reads once.

use crate::entity::fasthash::FastMap;
use std::sync::OnceLock;

#[cfg(any(test, feature = "lab"))]
use super::features::feature_name;
use super::features::key;

/// The weights of the speaker model: one per feature key.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    map: FastMap<u32, f32>,
}

impl Weights {
    /// Parses the model's text form: one `KEY<TAB>WEIGHT` per line, where
    /// KEY is four numbers joined by `.`; `#` starts a comment.
    pub fn parse(text: &str) -> Weights {
        let mut map = FastMap::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut cols = line.split('\t');
            let (Some(k), Some(w)) = (cols.next(), cols.next()) else {
                continue;
            };
            let parts: Vec<u32> = k.split('.').filter_map(|p| p.trim().parse().ok()).collect();
            let (Ok(w), [t, a, b, c]) = (w.trim().parse::<f32>(), parts.as_slice()) else {
                continue;
            };
            map.insert(key(*t as u8, *a as u8, *b as u8, *c as u8), w);
        }
        Weights { map }
    }

    /// Builds weights from `(key, weight)` pairs (the trainer's output).
    #[cfg(any(test, feature = "lab"))]
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u32, f32)>) -> Weights {
        let map: FastMap<u32, f32> = pairs.into_iter().filter(|(_, w)| *w != 0.0).collect();
        Weights { map }
    }

    /// The text form [`Weights::parse`] reads, sorted by key, each line with
    /// the feature's name as a comment.
    #[cfg(any(test, feature = "lab"))]
    pub fn to_text(&self) -> String {
        let mut keys: Vec<&u32> = self.map.keys().collect();
        keys.sort();
        let mut out = String::new();
        for k in keys {
            let [t, a, b, c] = k.to_be_bytes();
            out.push_str(&format!(
                "{t}.{a}.{b}.{c}\t{:.4}\t# {}\n",
                self.map[k],
                feature_name(*k)
            ));
        }
        out
    }

    /// The score of a feature set.
    pub fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().filter_map(|f| self.map.get(f)).sum()
    }

    /// Every `(key, weight)` pair.
    #[cfg(any(test, feature = "lab"))]
    pub fn pairs(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.map.iter().map(|(k, w)| (*k, *w))
    }
}

/// The shipped speaker model.
pub fn model() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| Weights::parse(include_str!("../../../models/speaker.tsv")))
}
