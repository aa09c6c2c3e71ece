//! The speaker model's learner: a log-linear ranker over each cue's
//! candidates (softmax), fitted by full-batch AdaGrad with an L2 penalty
//! ([`crate::adagrad`]).
//!
//! Training instances come from running the library's own pipeline over
//! annotated articles ([`qawl::lab::analyze_speakers`]) with an observer that
//! records every cue aligned with a gold cue: its candidates' features and
//! which candidates name the gold speaker. Later cues continue from the gold
//! speaker (teacher forcing). Deterministic: articles in a fixed order, no
//! sampling, keys sorted before each update.

use super::gold::Doc;
use crate::adagrad::{dot, rounded, AdaGrad, Sparse};
use qawl::lab::{
    analyze_speakers, SpeakerCandidate as Candidate, SpeakerObserver as Observer,
    SpeakerWeights as Weights,
};
use qawl_cli::eval::Registry;

/// The learner's settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub learn: AdaGrad,
    /// The weight, in the loss, of a cue whose speaker the article does not
    /// name (any answer is scored right for it; `nobody` or a description
    /// is what a reader would say).
    pub unnamed: f64,
}

/// One cue: each candidate's features, and which candidates are right.
struct Instance {
    feats: Vec<Vec<u32>>,
    ok: Vec<bool>,
    weight: f64,
}

/// Whether candidate `c` names gold speaker `gold` (`speaker_ok` of
/// score.py). For a speaker the article does not name, nobody or an
/// unnamed description is right.
pub fn correct(reg: &Registry, gold: &Option<String>, c: &Candidate) -> bool {
    match (gold, &c.who) {
        (None, None) => true,
        (None, Some(w)) => !w.named,
        (Some(_), None) => false,
        (Some(g), Some(w)) => reg.speaker_ok(Some(&w.name), Some(g)),
    }
}

/// The gold cue whose span holds the cue words `cue`.
pub fn gold_cue<'d>(doc: &'d Doc, cue: &std::ops::Range<usize>) -> Option<&'d Option<String>> {
    doc.cues
        .iter()
        .find(|(a, b, _)| *a <= cue.start && cue.end <= *b)
        .map(|(_, _, s)| s)
}

/// Records instances; later cues continue from the gold speaker.
struct Collect<'a> {
    doc: &'a Doc,
    reg: &'a Registry,
    out: &'a mut Vec<Instance>,
    unnamed: f64,
}

impl Observer for Collect<'_> {
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize {
        let Some(gold) = gold_cue(self.doc, &cue) else {
            return best;
        };
        let ok: Vec<bool> = cands.iter().map(|c| correct(self.reg, gold, c)).collect();
        let first = ok.iter().position(|&x| x);
        let weight = if gold.is_some() { 1.0 } else { self.unnamed };
        if first.is_some() && weight > 0.0 {
            self.out.push(Instance {
                feats: cands.iter().map(|c| c.feats.clone()).collect(),
                ok,
                weight,
            });
        }
        first.unwrap_or(best)
    }
}

/// Fits the model on `docs`.
pub fn train(docs: &[&Doc], reg: &Registry, s: Settings) -> Weights {
    let mut inst = Vec::new();
    for d in docs {
        let mut c = Collect {
            doc: d,
            reg,
            out: &mut inst,
            unnamed: s.unnamed,
        };
        analyze_speakers(&d.text, &Weights::default(), &mut c);
    }
    fit(&inst, s)
}

/// Softmax scores of one instance's candidates under `w`.
fn probabilities(x: &Instance, w: &Sparse) -> Vec<f64> {
    let sc: Vec<f64> = x.feats.iter().map(|fs| dot(w, fs)).collect();
    let m = sc.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let ex: Vec<f64> = sc.iter().map(|s| (s - m).exp()).collect();
    let z: f64 = ex.iter().sum();
    ex.iter().map(|e| e / z).collect()
}

/// Minimises the negative log-likelihood of the right candidates.
fn fit(inst: &[Instance], s: Settings) -> Weights {
    let w = s.learn.minimise(|w, grad| {
        for x in inst {
            let p = probabilities(x, w);
            let p_ok: f64 = p
                .iter()
                .zip(&x.ok)
                .filter(|(_, &o)| o)
                .map(|(p, _)| p)
                .sum();
            for (k, fs) in x.feats.iter().enumerate() {
                let q = if x.ok[k] { p[k] / p_ok } else { 0.0 };
                for f in fs {
                    *grad.entry(*f).or_default() += x.weight * (p[k] - q);
                }
            }
        }
    });
    Weights::from_pairs(rounded(w))
}
