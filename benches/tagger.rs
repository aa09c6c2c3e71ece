//! Native speed of the entity taggers alone, on one core, checked against
//! their budget.
//!
//! Arabic: the tokens of the ANERcorp test fixture as one document. English:
//! the project's own English texts (the page's English sample and the
//! held-out English fixture; the CoNLL corpus may not be committed), one
//! sentence per line, tagged as one document many times over. Words are
//! handed over as the tokenizer does (folded forms already computed); the
//! tagger then runs as `entity::recognize` runs it (English on the plain
//! tokens, not joined into CoNLL-style words first): clitic analysis, lexicon
//! matching, features, Viterbi and propagation across sentences. Prints
//! tokens/s and exits non-zero under the budget.
//! Run: `cargo bench --features lab --bench tagger`.

use qawl::lab::{self, Model, Tagger, Word};
use std::time::{Duration, Instant};

/// Each tagger alone, natively, one core (issues 13 and 14).
const BUDGET_TOKENS_PER_S: f64 = 1e6;
/// How long each tagger is timed (best run reported).
const TIMED: Duration = Duration::from_secs(3);

/// A document as sentences of (word, folded form).
type Sentences<'a> = Vec<Vec<(&'a str, String)>>;

/// The ANERcorp test fixture's sentences (CoNLL: a word per line).
fn arabic() -> Sentences<'static> {
    let text = include_str!("../tests/fixtures/anercorp/ANERCorp_CamelLab_test.txt");
    text.split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter_map(|l| l.split(' ').next().filter(|w| !w.is_empty()))
                .map(|w| (w, lab::key(w)))
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The English texts' lines, tokenized as the library tokenizes.
fn english() -> Sentences<'static> {
    let text = concat!(
        include_str!("../www/samples/005_english.txt"),
        include_str!("../tests/fixtures/heldout/h06_english.txt")
    );
    text.lines()
        .map(|line| {
            lab::tokenize(line)
                .iter()
                .map(|t| (&line[t.start..t.end], t.norm.to_string()))
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Times tagging `sents` with `model`: the token count, the best run's time
/// and the number of runs.
fn rate(model: &Model, sents: &Sentences) -> (usize, Duration, usize) {
    let tokens: usize = sents.iter().map(Vec::len).sum();
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
    while runs < 5 || started.elapsed() < TIMED {
        let t = Instant::now();
        run();
        best = best.min(t.elapsed());
        runs += 1;
    }
    (tokens, best, runs)
}

fn main() {
    // The first call reads the embedded model in place (a header check):
    // what the first analysis (in the browser, the first click) pays for it.
    let t = Instant::now();
    let arabic_model = lab::tagger_model();
    println!(
        "model load: {:.3} ms on first use",
        t.elapsed().as_secs_f64() * 1e3
    );
    let english_model = lab::english_model().expect("native builds embed the English model");
    let mut ok = true;
    for (name, model, sents) in [
        ("Arabic entity tagger", arabic_model, arabic()),
        ("English entity tagger", english_model, english()),
    ] {
        let (tokens, best, runs) = rate(model, &sents);
        let per_s = tokens as f64 / best.as_secs_f64();
        println!(
            "{name}: {tokens} tokens in {:.2} ms: {:.2}M tokens/s (budget {:.1}M, best of {runs})",
            best.as_secs_f64() * 1e3,
            per_s / 1e6,
            BUDGET_TOKENS_PER_S / 1e6
        );
        if per_s < BUDGET_TOKENS_PER_S {
            eprintln!("{name} below budget: {:.2}M tokens/s", per_s / 1e6);
            ok = false;
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
