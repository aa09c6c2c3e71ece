//! Scoring on the held-out dev sentences (`--dev`): the model just trained
//! tags them as one document, the way `qawl tag` tags a CoNLL file, and the
//! entity-level precision, recall and F1 per type go to standard error.

use crate::corpus::Sentence;
use qawl::lab::{chunks, tag_with_model, Model, Word, LABELS};
use std::path::Path;

/// The model's labels for the dev sentences.
pub fn tag(model: &Model, sents: &[Sentence]) -> Vec<Vec<usize>> {
    let words: Vec<Vec<Word>> = sents.iter().map(Sentence::words).collect();
    tag_with_model(model, &words)
}

/// Prints P/R/F1 per type and overall, of `preds` against the gold labels.
pub fn report(sents: &[Sentence], preds: &[Vec<usize>]) {
    let mut tp = [0usize; 4];
    let mut np = [0usize; 4];
    let mut ng = [0usize; 4];
    for (s, pred) in sents.iter().zip(preds) {
        let g = chunks(&s.tags);
        let p = chunks(pred);
        for c in &g {
            ng[c.2] += 1;
        }
        for c in &p {
            np[c.2] += 1;
            if g.contains(c) {
                tp[c.2] += 1;
            }
        }
    }
    for (ty, nm) in ["PER", "LOC", "ORG", "MISC"].iter().enumerate() {
        let (p, r, f) = prf(tp[ty], np[ty], ng[ty]);
        eprintln!("dev {nm:5} P {p:.4} R {r:.4} F1 {f:.4} (gold {})", ng[ty]);
    }
    let (p, r, f) = prf(tp.iter().sum(), np.iter().sum(), ng.iter().sum());
    eprintln!("dev ALL   P {p:.4} R {r:.4} F1 {f:.4}");
}

/// Precision, recall and F1 from true positives, predictions and gold.
fn prf(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Writes the dev sentences as CoNLL lines `word gold predicted` (for
/// `conlleval.py` and error analysis).
pub fn write(out: &Path, sents: &[Sentence], preds: &[Vec<usize>]) -> Result<(), String> {
    let mut text = String::new();
    for (s, p) in sents.iter().zip(preds) {
        for ((w, &g), &t) in s.words.iter().zip(&s.tags).zip(p) {
            text.push_str(&format!("{w} {} {}\n", LABELS[g], LABELS[t]));
        }
        text.push('\n');
    }
    std::fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))
}
