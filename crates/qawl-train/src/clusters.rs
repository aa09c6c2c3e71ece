//! Word clusters: induced from unlabelled text, written as a TSV file
//! (`word<TAB>fine<TAB>coarse`, sorted; `models/clusters.tsv`), and read back
//! as lexicon values for the tagger's cluster features.
//!
//! Induction is spherical k-means over sqrt-scaled counts of each word's
//! most frequent left and right neighbours, then the fine centroids
//! clustered again into coarse groups. Deterministic: a fixed vocabulary
//! order, evenly spaced initial centroids and a fixed number of iterations
//! give the same file from the same text.

use qawl::lab::{cluster_value, is_arabic_letter, tokenize, TokenKind};
use std::collections::HashMap;
use std::path::Path;

/// Words clustered: the most frequent ones with an Arabic letter.
const V: usize = 40_000;
/// Context words: the most frequent ones, on each side.
const C: usize = 400;
/// Dimensions of a word's context vector: left and right neighbours.
const D: usize = 2 * C;
/// Fine and coarse clusters.
const K: usize = 256;
const K2: usize = 32;
/// k-means iterations.
const ITERS: usize = 10;

/// Reads a clusters file as `(word, cluster value)` pairs for the lexicon.
pub fn read(path: &Path) -> Result<Vec<(String, u16)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut v = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(w), Some(fine), Some(coarse)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(format!(
                "{}:{}: expected word<TAB>fine<TAB>coarse; make it with --induce",
                path.display(),
                n + 1
            ));
        };
        let num = |s: &str| {
            s.parse::<u16>()
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        };
        v.push((w.to_string(), cluster_value(num(fine)?, num(coarse)?)));
    }
    Ok(v)
}

/// Induces word clusters from the text file `text_path` and writes them to
/// `out`.
pub fn induce(text_path: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(text_path)
        .map_err(|e| format!("cannot read {}: {e}", text_path.display()))?;
    let seqs = sequences(&text);
    let (vocab, x) = context_vectors(&seqs);
    let fine = kmeans(&x, D, K, ITERS);
    let coarse = kmeans(&centroids(&x, &fine), D, K2, ITERS);
    let mut lines: Vec<String> = vocab
        .iter()
        .enumerate()
        .map(|(v, w)| format!("{w}\t{}\t{}", fine[v], coarse[fine[v]]))
        .collect();
    lines.sort();
    let mut body = lines.join("\n");
    body.push('\n');
    std::fs::write(out, body).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "wrote {} clusters for {} words to {}",
        K,
        vocab.len(),
        out.display()
    );
    Ok(())
}

/// Each line of `text` as a sequence of folded words without their certain
/// proclitics, every number as `<num>`.
fn sequences(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            tokenize(line)
                .iter()
                .map(|t| {
                    if t.kind == TokenKind::Number {
                        "<num>".to_string()
                    } else {
                        t.stem_norm().to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// The vocabulary, most frequent first, and each word's context vector (`D`
/// values a row): how often each context word stands before it, then after
/// it, sqrt-scaled and normalized.
fn context_vectors(seqs: &[Vec<String>]) -> (Vec<&str>, Vec<f32>) {
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for s in seqs {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, u32)> = freq.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let ctx: HashMap<&str, usize> = by_freq
        .iter()
        .take(C)
        .enumerate()
        .map(|(i, w)| (w.0, i))
        .collect();
    let vocab: Vec<&str> = by_freq
        .iter()
        .filter(|w| w.1 >= 3 && w.0.chars().any(is_arabic_letter))
        .take(V)
        .map(|w| w.0)
        .collect();
    let vid: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, &w)| (w, i)).collect();
    let mut x = vec![0f32; vocab.len() * D];
    for s in seqs {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = vid.get(w.as_str()) else {
                continue;
            };
            if i > 0 {
                if let Some(&c) = ctx.get(s[i - 1].as_str()) {
                    x[v * D + c] += 1.0;
                }
            }
            if let Some(&c) = s.get(i + 1).and_then(|n| ctx.get(n.as_str())) {
                x[v * D + C + c] += 1.0;
            }
        }
    }
    for row in x.chunks_mut(D) {
        row.iter_mut().for_each(|v| *v = v.sqrt());
        normalize(row);
    }
    (vocab, x)
}

/// The normalized centroids of the `K` fine clusters, to cluster again.
fn centroids(x: &[f32], fine: &[usize]) -> Vec<f32> {
    let mut cent = vec![0f32; K * D];
    for (v, &c) in fine.iter().enumerate() {
        for j in 0..D {
            cent[c * D + j] += x[v * D + j];
        }
    }
    for row in cent.chunks_mut(D) {
        normalize(row);
    }
    cent
}

/// Scales `row` to unit length (a zero row stays zero).
fn normalize(row: &mut [f32]) {
    let n = row.iter().map(|v| v * v).sum::<f32>().sqrt();
    if n > 0.0 {
        row.iter_mut().for_each(|v| *v /= n);
    }
}

/// Spherical k-means over the rows of `x` (`d` values each); returns each
/// row's cluster.
fn kmeans(x: &[f32], d: usize, k: usize, iters: usize) -> Vec<usize> {
    let n = x.len() / d;
    let k = k.min(n.max(1));
    let mut cent: Vec<f32> = (0..k)
        .flat_map(|c| x[(c * n / k) * d..(c * n / k + 1) * d].to_vec())
        .collect();
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        for (v, a) in assign.iter_mut().enumerate() {
            *a = nearest(&x[v * d..(v + 1) * d], &cent, k);
        }
        cent.iter_mut().for_each(|v| *v = 0.0);
        for (v, &a) in assign.iter().enumerate() {
            for j in 0..d {
                cent[a * d + j] += x[v * d + j];
            }
        }
        for row in cent.chunks_mut(d) {
            normalize(row);
        }
    }
    assign
}

/// The centroid (of `k` in `cent`) with the largest dot product with `row`,
/// the first on ties.
fn nearest(row: &[f32], cent: &[f32], k: usize) -> usize {
    let d = row.len();
    let mut best = f32::NEG_INFINITY;
    let mut at = 0;
    for c in 0..k {
        let s: f32 = row
            .iter()
            .zip(&cent[c * d..(c + 1) * d])
            .map(|(a, b)| a * b)
            .sum();
        if s > best {
            best = s;
            at = c;
        }
    }
    at
}
