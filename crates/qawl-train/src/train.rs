//! The training loop: an averaged structured perceptron over the tagger's
//! own features, decoded by the tagger's own Viterbi (`qawl::lab::viterbi`).
//!
//! The perceptron's current weights are counts of ±1 updates, so they are
//! integers and the tagger's integer decoder is exact for them; only the
//! averages are fractional, and they are computed once, at the end.
//!
//! Deterministic: sentences are shuffled by a seeded xorshift generator, and
//! features are numbered in order of first appearance, so the same examples,
//! epochs and seed give the same weights.

use crate::corpus::Sentence;
use crate::lexicon::Lexicons;
use qawl::lab::{features, lex_marks, viterbi, N};
use std::collections::HashMap;

/// One training sentence: each word's feature keys, and its gold labels.
pub struct Example<'s> {
    pub feats: Vec<Vec<u32>>,
    pub gold: &'s [usize],
}

/// The examples of the `train` sentences, each seeing its fold's lexicon.
/// Features seen fewer than `min_count` times over all of them are dropped
/// before training, so the model stays small.
pub fn examples<'s>(train: &[&'s Sentence], lex: &Lexicons, min_count: u32) -> Vec<Example<'s>> {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for s in train {
        for fs in sentence_features(s, lex) {
            for f in fs {
                *counts.entry(f).or_default() += 1;
            }
        }
    }
    let data = train
        .iter()
        .map(|s| {
            let mut feats = sentence_features(s, lex);
            for fs in &mut feats {
                fs.retain(|f| counts[f] >= min_count);
            }
            Example {
                feats,
                gold: s.tags.as_slice(),
            }
        })
        .collect();
    eprintln!(
        "features kept: {}",
        counts.values().filter(|&&c| c >= min_count).count()
    );
    data
}

/// The feature keys of each word of `s`, with its fold's lexicon.
fn sentence_features(s: &Sentence, lex: &Lexicons) -> Vec<Vec<u32>> {
    let words = s.words();
    let mut marks = Vec::new();
    lex_marks(&words, lex.of(s), &mut marks);
    (0..words.len())
        .map(|i| {
            let mut v = Vec::new();
            features(&words, &marks, i, &mut v);
            v
        })
        .collect()
}

/// Averaged weights: per feature key, one weight per label; and the label
/// transitions, `trans[from][to]` with `from == N` the sentence start.
pub struct Weights {
    pub feats: Vec<(u32, [f32; N])>,
    pub trans: [[f32; N]; N + 1],
}

/// Trains for `epochs` passes over `data`, shuffled with `seed`.
pub fn perceptron(data: &[Example], epochs: usize, seed: u64) -> Weights {
    let (keys, ids) = number_features(data);
    let mut p = Perceptron::new(keys.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for epoch in 0..epochs {
        shuffle(&mut order, &mut rng);
        let mut errors = 0;
        for &s in &order {
            let gold = data[s].gold;
            let pred = p.predict(&ids[s]);
            if pred.as_slice() != gold {
                errors += 1;
                p.update(&ids[s], gold, &pred);
            }
            p.c += 1.0;
        }
        eprintln!("epoch {}: {errors} sentences wrong", epoch + 1);
    }
    p.average(&keys)
}

/// Numbers the feature keys in order of first appearance; returns the keys
/// by number and each example's features as numbers.
#[allow(clippy::type_complexity)]
fn number_features(data: &[Example]) -> (Vec<u32>, Vec<Vec<Vec<usize>>>) {
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut keys: Vec<u32> = Vec::new();
    for ex in data {
        for fs in &ex.feats {
            for &f in fs {
                index.entry(f).or_insert_with(|| {
                    keys.push(f);
                    keys.len() - 1
                });
            }
        }
    }
    let ids = data
        .iter()
        .map(|ex| {
            ex.feats
                .iter()
                .map(|fs| fs.iter().map(|f| index[f]).collect())
                .collect()
        })
        .collect();
    (keys, ids)
}

/// A Fisher-Yates shuffle driven by xorshift64.
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// The perceptron's state, with lazy averaging: `u` sums each update times
/// the step `c` it happened at, so the average is `w - u / c` at the end.
struct Perceptron {
    /// Feature weights per label, and transitions `[from][to]`.
    w: Vec<[i32; N]>,
    tw: [[i32; N]; N + 1],
    u: Vec<[f32; N]>,
    tu: [[f32; N]; N + 1],
    c: f32,
    /// The decoder's buffer.
    back: Vec<[u8; N]>,
}

impl Perceptron {
    fn new(n_features: usize) -> Perceptron {
        Perceptron {
            w: vec![[0; N]; n_features],
            tw: [[0; N]; N + 1],
            u: vec![[0f32; N]; n_features],
            tu: [[0f32; N]; N + 1],
            c: 1.0,
            back: Vec::new(),
        }
    }

    /// The best labels for a sentence under the current weights.
    fn predict(&mut self, feats: &[Vec<usize>]) -> Vec<usize> {
        let emit: Vec<[i32; N]> = feats
            .iter()
            .map(|fs| {
                let mut e = [0; N];
                for &f in fs {
                    for (x, y) in e.iter_mut().zip(&self.w[f]) {
                        *x += y;
                    }
                }
                e
            })
            .collect();
        viterbi(&self.tw, &emit, &mut self.back)
    }

    /// Moves the weights towards `gold` and away from `pred` wherever the
    /// two differ (a label, or the transition into it).
    fn update(&mut self, feats: &[Vec<usize>], gold: &[usize], pred: &[usize]) {
        let c = self.c;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], pred[i]);
            let (gp, pp) = if i == 0 {
                (N, N)
            } else {
                (gold[i - 1], pred[i - 1])
            };
            if g != p {
                for &f in &feats[i] {
                    self.w[f][g] += 1;
                    self.u[f][g] += c;
                    self.w[f][p] -= 1;
                    self.u[f][p] -= c;
                }
            }
            if g != p || gp != pp {
                self.tw[gp][g] += 1;
                self.tu[gp][g] += c;
                self.tw[pp][p] -= 1;
                self.tu[pp][p] -= c;
            }
        }
    }

    /// The averaged weights, by feature key.
    fn average(&self, keys: &[u32]) -> Weights {
        // A count converts to f32 exactly: it changes by at most a few per
        // word per epoch, far below 2^24 in all.
        let avg = |w: &[i32; N], u: &[f32; N]| {
            let mut a = [0f32; N];
            for j in 0..N {
                a[j] = w[j] as f32 - u[j] / self.c;
            }
            a
        };
        let feats = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, avg(&self.w[i], &self.u[i])))
            .collect();
        let mut trans = [[0f32; N]; N + 1];
        for (a, row) in trans.iter_mut().enumerate() {
            *row = avg(&self.tw[a], &self.tu[a]);
        }
        Weights { feats, trans }
    }
}
