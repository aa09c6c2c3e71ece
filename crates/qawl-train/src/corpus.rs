//! Reading the corpora: CoNLL files into sentences of folded words and label
//! indices, each placed in a jackknife fold.
//!
//! Folds are numbered per corpus: ANERcorp `0..k`, AQMAR `k..2k`, WikiANN
//! `2k..3k`, each corpus cut into `k` consecutive runs of sentences. The
//! order of files and sentences is fixed (folders are read sorted), so the
//! same files give the same sentences in the same folds.

use crate::Opts;
use qawl::lab::{allowed, key, Word, LABELS};
use std::path::{Path, PathBuf};

/// One annotated sentence.
pub struct Sentence {
    /// The words as written.
    pub words: Vec<String>,
    /// Their folded forms ([`key`]).
    pub norms: Vec<String>,
    /// Label indices into [`LABELS`], repaired to valid BIO.
    pub tags: Vec<usize>,
    /// Which corpus and jackknife fold the sentence belongs to.
    pub fold: usize,
    /// Whether the model trains on it (otherwise it only feeds the lexicon).
    pub train: bool,
}

impl Sentence {
    /// The sentence as the tagger sees it.
    pub fn words(&self) -> Vec<Word<'_>> {
        self.words
            .iter()
            .zip(&self.norms)
            .map(|(w, n)| Word::new(w, n, Word::kind_of(w)))
            .collect()
    }
}

/// Everything read: the sentences for training and the lexicon, and the
/// held-out dev sentences (empty without `--dev`).
pub struct Corpora {
    pub sents: Vec<Sentence>,
    pub dev: Vec<Sentence>,
}

/// Reads the corpora that `o` names, with `k` folds per corpus.
pub fn load(o: &Opts, k: usize) -> Result<Corpora, String> {
    let Some(aner) = &o.anercorp else {
        return Err(format!("--anercorp FILE is required\n\n{}", crate::USAGE));
    };
    if aner.to_string_lossy().to_lowercase().contains("test") {
        return Err("refusing to train on a file named like a test split; \
                    give --anercorp the train split"
            .into());
    }
    let mut sents = Vec::new();
    let mut aner_s = read_conll(aner)?;
    let mut dev = Vec::new();
    if let Some(f) = &o.dev_file {
        dev = read_conll(f)?;
    } else if o.dev {
        let n = aner_s.len();
        let (a, b) = (n * o.dev_part / 10, n * (o.dev_part + 1) / 10);
        let tail = aner_s.split_off(b);
        dev = aner_s.split_off(a);
        aner_s.extend(tail);
    }
    assign(&mut aner_s, 0, k, true);
    sents.extend(aner_s);
    if let Some(dir) = &o.aqmar {
        let mut v = Vec::new();
        for f in list_dir(dir, ".txt")? {
            v.extend(read_conll(&f)?);
        }
        assign(&mut v, k, k, o.aqmar_train);
        sents.extend(v);
    }
    if let Some(dir) = &o.wikiann {
        for (split, train) in [("train", o.wikiann_train), ("dev", false), ("test", false)] {
            let mut v = read_conll(&wikiann_file(dir, split)?)?;
            assign(&mut v, 2 * k, k, train);
            sents.extend(v);
        }
    }
    Ok(Corpora { sents, dev })
}

/// WikiANN's file for `split` in `dir`, whatever its language
/// (`train-ar.tsv`, `train-en.tsv`).
fn wikiann_file(dir: &Path, split: &str) -> Result<PathBuf, String> {
    let prefix = format!("{split}-");
    list_dir(dir, ".tsv")?
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .ok_or_else(|| format!("no {split}-*.tsv in {}", dir.display()))
}

/// Puts the sentences of one corpus into folds `base..base + k`.
fn assign(v: &mut [Sentence], base: usize, k: usize, train: bool) {
    let n = v.len().max(1);
    for (i, s) in v.iter_mut().enumerate() {
        s.fold = base + i * k / n;
        s.train = train;
    }
}

/// The files in `dir` whose names end with `ext`, sorted.
fn list_dir(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    v.sort();
    Ok(v)
}

/// Maps a corpus tag to a label index (PERS→PER, MIS*→MISC).
fn label(tag: &str) -> usize {
    let (bio, ty) = match tag.split_once('-') {
        Some((b, t)) => (b, t),
        None => return 0,
    };
    let ty = match ty {
        "PER" | "PERS" => "PER",
        "LOC" => "LOC",
        "ORG" => "ORG",
        t if t.starts_with("MIS") => "MISC",
        _ => return 0,
    };
    let b = match bio {
        "B" => "B",
        "I" => "I",
        _ => return 0,
    };
    let name = format!("{b}-{ty}");
    LABELS.iter().position(|&l| l == name).unwrap_or(0)
}

/// Reads a CoNLL file: the word first on each line, the tag last, a blank
/// line between sentences.
fn read_conll(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for line in text.lines() {
        let mut cols = line.split_whitespace();
        match (cols.next(), cols.last()) {
            // A CoNLL-2003 document separator (`-DOCSTART-`) ends a
            // sentence, as a blank line does.
            (Some(w), Some(t)) if w != "-DOCSTART-" => {
                words.push(w.to_string());
                tags.push(label(t));
            }
            _ => out.extend(sentence(&mut words, &mut tags)),
        }
    }
    out.extend(sentence(&mut words, &mut tags));
    Ok(out)
}

/// The sentence of the words and tags gathered so far, taking them; `None`
/// if there are none.
fn sentence(words: &mut Vec<String>, tags: &mut Vec<usize>) -> Option<Sentence> {
    if words.is_empty() {
        return None;
    }
    let words = std::mem::take(words);
    let mut tags = std::mem::take(tags);
    // Repair I- after O or another type (annotation slips) into B-.
    for i in 0..tags.len() {
        let t = tags[i];
        if t != 0 && t % 2 == 0 && (i == 0 || !allowed(tags[i - 1], t)) {
            tags[i] = t - 1;
        }
    }
    let norms = words.iter().map(|w| key(w)).collect();
    Some(Sentence {
        words,
        norms,
        tags,
        fold: 0,
        train: true,
    })
}
