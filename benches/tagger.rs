//! Native speed of the entity tagger alone, on one core, checked against its
//! budget.
//!
//! Tags the tokens of the ANERcorp test fixture as one document (words as
//! the tokenizer hands them over: folded forms already computed), the way
//! `entity::recognize` runs the tagger: clitic analysis, lexicon matching,
//! features, Viterbi and propagation across sentences. Prints tokens/s and
//! exits non-zero under the budget. Run: `cargo bench --features lab --bench tagger`.

use qawl::lab::{self, Tagger, Word};
use std::time::{Duration, Instant};

/// Tagger alone, natively, one core.
const BUDGET_TOKENS_PER_S: f64 = 1e6;

fn main() {
    let text = include_str!("../tests/fixtures/anercorp/ANERCorp_CamelLab_test.txt");
    let mut sents: Vec<Vec<(&str, String)>> = Vec::new();
    for block in text.split("\n\n") {
        let s: Vec<(&str, String)> = block
            .lines()
            .filter_map(|l| l.split(' ').next().filter(|w| !w.is_empty()))
            .map(|w| (w, qawl::lab::key(w)))
            .collect();
        if !s.is_empty() {
            sents.push(s);
        }
    }
    let tokens: usize = sents.iter().map(Vec::len).sum();
    // The first call reads the embedded model in place (a header check):
    // what the first analysis (in the browser, the first click) pays for it.
    let t = Instant::now();
    let model = lab::tagger_model();
    let load = t.elapsed();
    println!(
        "model load: {:.3} ms on first use",
        load.as_secs_f64() * 1e3
    );
    let mut tagger = Tagger::default();
    let mut run = || {
        let words: Vec<Vec<Word>> = sents
            .iter()
            .map(|s| {
                s.iter()
                    .map(|(w, n)| Word::new(w, n, Word::kind_of(w)))
                    .collect()
            })
            .collect();
        let mut tags: Vec<Vec<usize>> = words.iter().map(|w| tagger.tag(model, w)).collect();
        lab::propagate(&words, &mut tags);
        std::hint::black_box(&tags);
    };
    run();
    let mut best = Duration::MAX;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 5 || started.elapsed() < Duration::from_secs(3) {
        let t = Instant::now();
        run();
        best = best.min(t.elapsed());
        runs += 1;
    }
    let rate = tokens as f64 / best.as_secs_f64();
    println!(
        "entity tagger: {tokens} tokens in {:.2} ms: {:.2}M tokens/s (budget {:.1}M, best of {runs})",
        best.as_secs_f64() * 1e3,
        rate / 1e6,
        BUDGET_TOKENS_PER_S / 1e6
    );
    if rate < BUDGET_TOKENS_PER_S {
        eprintln!("tagger below budget: {:.2}M tokens/s", rate / 1e6);
        std::process::exit(1);
    }
}
