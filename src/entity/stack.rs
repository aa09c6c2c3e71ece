//! The tagger's second, document-level pass ("stacking").
//!
//! The first pass tags each sentence alone. News articles name an entity
//! several times, often once in a context that reveals its type and again
//! where it is bare. The second pass sees, for each word, the first pass's
//! own label and its neighbours', and how the first pass labelled the same
//! word elsewhere in the document (by type, how often, whether it began a
//! name there); a small model trained on jackknifed first-pass output
//! decides the final label.
//!
//! "Elsewhere in the document" means the sentences within [`WINDOW`] of the
//! word's sentence, so a long input (a CoNLL file of many articles) behaves
//! like a sequence of articles; the counts slide with the window, so the
//! pass is linear in the document.

use super::fasthash::FastMap;
use super::features::{LexMark, Shape, Word};
use super::lexicon::TYPES;
use super::model::{hash, N};

/// Sentences on each side whose labels count as the word's document.
pub const WINDOW: usize = 25;

const P1: u8 = 1;
const P1_PREV: u8 = 2;
const P1_NEXT: u8 = 3;
const DOC_TYPE: u8 = 4;
const DOC_BEGIN: u8 = 5;
const DOC_FRAC: u8 = 6;
const DOC_MAJ: u8 = 7;
const DOC_ALT: u8 = 8;
const LEX: u8 = 9;
const BIAS: u8 = 10;
const SHAPE: u8 = 11;

/// Label counts of one word form over the window.
type Counts = [u16; N];

/// Whether a word's labels are worth counting (names are letters).
fn counted(w: &Word) -> bool {
    matches!(w.shape, Shape::Arabic | Shape::Cap | Shape::Caps)
}

fn bucket(n: u16) -> u8 {
    match n {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        _ => 3,
    }
}

/// Computes the second pass's features for every word of a document:
/// `words`, their `marks` (from [`super::features::lex_marks`]) and the
/// first pass's `labels`, sentence by sentence. Calls `f(s, feats)` once per
/// sentence in order, with one feature list per word.
pub fn features(
    words: &[Vec<Word>],
    marks: &[Vec<LexMark>],
    labels: &[Vec<usize>],
    mut f: impl FnMut(usize, &[Vec<u32>]),
) {
    let n = labels.len();
    let mut counts: FastMap<u64, Counts> = FastMap::default();
    let add = |counts: &mut FastMap<u64, Counts>, s: usize, sign: bool| {
        for ((w, m), &y) in words[s].iter().zip(&marks[s]).zip(&labels[s]) {
            if !counted(w) {
                continue;
            }
            let c = counts.entry(m.stem_h).or_default();
            c[y] = if sign {
                c[y].saturating_add(1)
            } else {
                c[y].saturating_sub(1)
            };
        }
    };
    for s in 0..n.min(WINDOW + 1) {
        add(&mut counts, s, true);
    }
    let mut buf: Vec<Vec<u32>> = Vec::new();
    for s in 0..n {
        if s > WINDOW {
            add(&mut counts, s - WINDOW - 1, false);
        }
        if s > 0 && s + WINDOW < n {
            add(&mut counts, s + WINDOW, true);
        }
        let (ws, ms, ys) = (&words[s], &marks[s], &labels[s]);
        buf.resize_with(ws.len().max(buf.len()), Vec::new);
        for i in 0..ws.len() {
            let out = &mut buf[i];
            out.clear();
            let y = ys[i] as u8;
            let yp = if i > 0 { ys[i - 1] as u8 } else { N as u8 };
            let yn = ys.get(i + 1).map_or(N as u8, |&v| v as u8);
            out.push(hash(BIAS, &[]));
            out.push(hash(P1, &[y]));
            out.push(hash(P1_PREV, &[yp, y]));
            out.push(hash(P1_NEXT, &[y, yn]));
            let shape = ws[i].shape as u8;
            out.push(hash(SHAPE, &[shape, y]));
            let single = (ms[i].single & TYPES) as u8;
            out.push(hash(LEX, &[single, y]));
            if !counted(&ws[i]) {
                continue;
            }
            let mut c = counts.get(&ms[i].stem_h).copied().unwrap_or_default();
            c[ys[i]] = c[ys[i]].saturating_sub(1);
            let ents: u16 = c[1..].iter().fold(0u16, |a, &b| a.saturating_add(b));
            let frac = match (ents, c[0]) {
                (0, 0) => 0u8,
                (0, _) => 1,
                (e, o) if e < o => 2,
                (_, 0) => 4,
                _ => 3,
            };
            out.push(hash(DOC_FRAC, &[frac, y]));
            let mut maj = (0u16, 0u8);
            for t in 0..4u8 {
                let (b, ii) = (c[1 + 2 * t as usize], c[2 + 2 * t as usize]);
                let tot = b.saturating_add(ii);
                if tot == 0 {
                    continue;
                }
                out.push(hash(DOC_TYPE, &[t, bucket(tot), y]));
                out.push(hash(DOC_BEGIN, &[t, u8::from(b >= ii), y]));
                if tot > maj.0 {
                    maj = (tot, t + 1);
                }
            }
            out.push(hash(DOC_MAJ, &[maj.1, frac, y]));
            for &h in &ms[i].alt_h {
                if h == 0 {
                    continue;
                }
                if let Some(c) = counts.get(&h) {
                    for t in 0..4u8 {
                        if c[1 + 2 * t as usize] > 0 {
                            out.push(hash(DOC_ALT, &[t, y]));
                        }
                    }
                }
            }
        }
        f(s, &buf[..ws.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TokenKind;

    /// The features of word 0 of sentence `at` in a document where the
    /// same invented name is labelled B-PER in sentence 0 only.
    fn feats_at(at: usize) -> (Vec<u32>, Vec<u32>) {
        let n = WINDOW + 3;
        let w = Word::new("زيدانوف", "زيدانوف", TokenKind::Arabic);
        let words: Vec<Vec<Word>> = vec![vec![w]; n];
        let marks: Vec<Vec<LexMark>> = words
            .iter()
            .map(|ws| {
                let mut m = Vec::new();
                super::super::features::lex_marks(ws, &Default::default(), &mut m);
                m
            })
            .collect();
        let mut labels = vec![vec![0]; n];
        labels[0][0] = 1;
        let mut got = Vec::new();
        let mut first = Vec::new();
        features(&words, &marks, &labels, |s, f| {
            if s == at {
                got = f[0].clone();
            }
            if s == 1 {
                first = f[0].clone();
            }
        });
        (got, first)
    }

    #[test]
    fn document_counts_slide_with_the_window() {
        let seen = hash(DOC_TYPE, &[0, 1, 0]);
        let (inside, near) = feats_at(WINDOW);
        assert!(near.contains(&seen), "a neighbour sentence sees the label");
        assert!(inside.contains(&seen), "the window's last sentence sees it");
        let (outside, _) = feats_at(WINDOW + 1);
        assert!(!outside.contains(&seen), "beyond the window it is gone");
    }
}
