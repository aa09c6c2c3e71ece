//! `qawl-train`: trains the entity tagger's model from CoNLL corpora.
//!
//! Reads ANERcorp (train split), AQMAR and WikiANN, builds the name lexicon
//! from their entity annotations plus qawl's closed word lists, trains an
//! averaged structured perceptron over the features of
//! `qawl::lab`, and writes the compact model that the library
//! embeds. Same data, options and seed give the same bytes.
//!
//! Lexicon features are computed by jackknifing: a training sentence sees a
//! lexicon built without its own fold, so the model learns how far a lexicon
//! match can be trusted for a name it has not seen, as at tagging time.

use qawl::lab::{
    self as features, allowed, chunks, cluster_key, phrase_key, tag_with_model, Lexicon, Model,
    Word, FAMILY, GIVEN, LABELS, MAX_PHRASE, N, PREFIX,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
qawl-train: train the entity tagger model

USAGE:
    qawl-train --anercorp FILE [--aqmar DIR] [--wikiann DIR] [--out FILE] [options]

    --anercorp FILE     ANERcorp CAMeL train split (never the test split)
    --aqmar DIR         AQMAR *.txt files (MIS* mapped to MISC): training data and lexicon
    --wikiann DIR       WikiANN-ar {train,dev,test}-ar.tsv: lexicon (and training with --wikiann-train)
    --out FILE          where to write the model (e.g. models/ner.bin)
    --dev               hold out the last 10% of ANERcorp train sentences as a dev set,
                        leave their names out of the lexicon, and report dev P/R/F1
    --dev-part K        which tenth of ANERcorp train is the dev set (0-9, default 9 = last)
    --dev-out FILE      also write the tagged dev set as CoNLL (word gold predicted)
    --epochs N          training passes (default 8)
    --seed N            shuffling seed (default 1)
    --folds N           jackknife folds for lexicon features (default 5; 0 = none)
    --min-count N       keep features seen at least N times (default 2)
    --wikiann-train     also train on WikiANN train sentences
    --no-aqmar-train    use AQMAR for the lexicon only
    --no-lexicon        train without any corpus lexicon (closed lists only)
    --clusters FILE     word clusters (from --induce) used as features

    qawl-train --induce TEXT --clusters-out FILE
                        induce word clusters from unlabelled text (k-means over
                        left/right context vectors; deterministic)
";

struct Sentence {
    words: Vec<String>,
    norms: Vec<String>,
    tags: Vec<usize>,
    /// Which corpus and jackknife fold the sentence belongs to.
    fold: usize,
    train: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qawl-train: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Default)]
struct Opts {
    anercorp: Option<PathBuf>,
    aqmar: Option<PathBuf>,
    wikiann: Option<PathBuf>,
    out: Option<PathBuf>,
    dev: bool,
    dev_part: usize,
    epochs: usize,
    seed: u64,
    folds: usize,
    min_count: u32,
    wikiann_train: bool,
    aqmar_train: bool,
    lexicon: bool,
    clusters: Option<PathBuf>,
    induce: Option<PathBuf>,
    clusters_out: Option<PathBuf>,
    dev_out: Option<PathBuf>,
}

fn run() -> Result<(), String> {
    use lexopt::prelude::*;
    let mut o = Opts {
        epochs: 8,
        dev_part: 9,
        seed: 1,
        folds: 5,
        min_count: 2,
        aqmar_train: true,
        lexicon: true,
        ..Opts::default()
    };
    let mut p = lexopt::Parser::from_env();
    let num = |p: &mut lexopt::Parser| -> Result<u64, String> {
        p.value()
            .map_err(|e| e.to_string())?
            .string()
            .map_err(|e| e.to_string())?
            .parse::<u64>()
            .map_err(|e| format!("expected a number: {e}"))
    };
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        let path = |p: &mut lexopt::Parser| p.value().map(PathBuf::from).map_err(|e| e.to_string());
        match arg {
            Long("anercorp") => o.anercorp = Some(path(&mut p)?),
            Long("aqmar") => o.aqmar = Some(path(&mut p)?),
            Long("wikiann") => o.wikiann = Some(path(&mut p)?),
            Long("out") => o.out = Some(path(&mut p)?),
            Long("dev") => o.dev = true,
            Long("dev-part") => o.dev_part = (num(&mut p)? as usize).min(9),
            Long("epochs") => o.epochs = num(&mut p)? as usize,
            Long("seed") => o.seed = num(&mut p)?,
            Long("folds") => o.folds = num(&mut p)? as usize,
            Long("min-count") => o.min_count = num(&mut p)? as u32,
            Long("wikiann-train") => o.wikiann_train = true,
            Long("no-aqmar-train") => o.aqmar_train = false,
            Long("no-lexicon") => o.lexicon = false,
            Long("clusters") => o.clusters = Some(path(&mut p)?),
            Long("induce") => o.induce = Some(path(&mut p)?),
            Long("clusters-out") => o.clusters_out = Some(path(&mut p)?),
            Long("dev-out") => o.dev_out = Some(path(&mut p)?),
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
        }
    }
    if let Some(text) = &o.induce {
        let out = o
            .clusters_out
            .as_ref()
            .ok_or("--induce needs --clusters-out FILE")?;
        return induce_clusters(text, out);
    }
    let clusters = match &o.clusters {
        Some(f) => read_clusters(f)?,
        None => Vec::new(),
    };
    let Some(aner) = &o.anercorp else {
        return Err(format!("--anercorp FILE is required\n\n{USAGE}"));
    };
    if aner.to_string_lossy().to_lowercase().contains("test") {
        return Err("refusing to train on a file named like a test split".into());
    }

    // Corpora. Folds: ANERcorp 0..k, AQMAR k..2k, WikiANN 2k..3k.
    let k = o.folds.max(1);
    let mut sents = Vec::new();
    let mut aner_s = read_conll(aner)?;
    let mut dev = Vec::new();
    if o.dev {
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
        for (name, train) in [
            ("train-ar.tsv", o.wikiann_train),
            ("dev-ar.tsv", false),
            ("test-ar.tsv", false),
        ] {
            let mut v = read_conll(&dir.join(name))?;
            assign(&mut v, 2 * k, k, train);
            sents.extend(v);
        }
    }
    eprintln!(
        "sentences: {} ({} for training), dev {}",
        sents.len(),
        sents.iter().filter(|s| s.train).count(),
        dev.len()
    );

    // Lexicons: one per jackknife fold, and the full one for the model.
    let full = build_lexicon(&sents, None, o.lexicon, &clusters);
    let folds: Vec<Lexicon> = if o.folds > 0 && o.lexicon {
        (0..3 * k)
            .map(|f| Lexicon::new(build_lexicon(&sents, Some(f), true, &clusters)))
            .collect()
    } else {
        Vec::new()
    };
    let full_lex = Lexicon::new(full);
    eprintln!("lexicon entries: {}", full_lex.len());

    // Features.
    let train: Vec<&Sentence> = sents.iter().filter(|s| s.train).collect();
    let mut counts: HashMap<u32, u32> = HashMap::new();
    let mut marks = Vec::new();
    let mut buf = Vec::new();
    for s in &train {
        let lex = folds.get(s.fold).unwrap_or(&full_lex);
        let words = words_of(s);
        features::lex_marks(&words, lex, &mut marks);
        for i in 0..words.len() {
            buf.clear();
            features::features(&words, &marks, i, &mut buf);
            for &f in &buf {
                *counts.entry(f).or_default() += 1;
            }
        }
    }
    // Rare features are dropped before training so the model stays small.
    let data: Vec<(Vec<Vec<u32>>, &[usize])> = train
        .iter()
        .map(|s| {
            let lex = folds.get(s.fold).unwrap_or(&full_lex);
            let words = words_of(s);
            features::lex_marks(&words, lex, &mut marks);
            let per: Vec<Vec<u32>> = (0..words.len())
                .map(|i| {
                    let mut v = Vec::new();
                    features::features(&words, &marks, i, &mut v);
                    v.retain(|f| counts[f] >= o.min_count);
                    v
                })
                .collect();
            (per, s.tags.as_slice())
        })
        .collect();
    eprintln!(
        "features kept: {}",
        counts.values().filter(|&&c| c >= o.min_count).count()
    );

    let (feats, trans) = perceptron(&data, o.epochs, o.seed);
    let model = quantize(&feats, &trans, full_lex);
    let bytes = model.to_bytes();
    eprintln!(
        "model: {} features, {} bytes",
        model.n_features(),
        bytes.len()
    );

    if o.dev {
        let m = Model::parse(&bytes).ok_or("the model just written does not parse")?;
        report("dev", &m, &dev);
        if let Some(out) = &o.dev_out {
            write_dev(out, &m, &dev)?;
        }
    }
    if let Some(out) = &o.out {
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

fn assign(v: &mut [Sentence], base: usize, k: usize, train: bool) {
    let n = v.len().max(1);
    for (i, s) in v.iter_mut().enumerate() {
        s.fold = base + i * k / n;
        s.train = train;
    }
}

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

fn read_conll(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut cur = (Vec::new(), Vec::new());
    let mut flush = |cur: &mut (Vec<String>, Vec<usize>)| {
        if !cur.0.is_empty() {
            let words = std::mem::take(&mut cur.0);
            let mut tags = std::mem::take(&mut cur.1);
            // Repair I- after O or another type (annotation slips) into B-.
            for i in 0..tags.len() {
                let t = tags[i];
                if t != 0 && t % 2 == 0 && (i == 0 || !allowed(tags[i - 1], t)) {
                    tags[i] = t - 1;
                }
            }
            let norms = words.iter().map(|w| qawl::lab::key(w)).collect();
            out.push(Sentence {
                words,
                norms,
                tags,
                fold: 0,
                train: true,
            });
        }
    };
    for line in text.lines() {
        let mut cols = line.split_whitespace();
        match (cols.next(), cols.last()) {
            (Some(w), Some(t)) => {
                cur.0.push(w.to_string());
                cur.1.push(label(t));
            }
            _ => flush(&mut cur),
        }
    }
    flush(&mut cur);
    Ok(out)
}

fn words_of(s: &Sentence) -> Vec<Word<'_>> {
    s.words
        .iter()
        .zip(&s.norms)
        .map(|(w, n)| Word::new(w, n, Word::kind_of(w)))
        .collect()
}

fn quantize(feats: &[(u32, [f32; N])], trans: &[[f32; N]; N + 1], lex: Lexicon) -> Model {
    let top = feats
        .iter()
        .flat_map(|(_, w)| w.iter().map(|x| x.abs()))
        .fold(0f32, f32::max);
    let top = if top > 0.0 { top } else { 1.0 };
    let scale = (top / 32767.0).max(1e-9);
    Model::from_weights(feats, trans, lex, scale)
}

/// Writes the dev sentences tagged as one document, as CoNLL lines `word
/// gold predicted` (for `conlleval.py` and error analysis).
fn write_dev(out: &Path, m: &Model, sents: &[Sentence]) -> Result<(), String> {
    let words: Vec<Vec<Word>> = sents.iter().map(words_of).collect();
    let preds = tag_with_model(m, &words);
    let mut text = String::new();
    for (s, p) in sents.iter().zip(&preds) {
        for ((w, &g), &t) in s.words.iter().zip(&s.tags).zip(p) {
            text.push_str(&format!("{w} {} {}\n", LABELS[g], LABELS[t]));
        }
        text.push('\n');
    }
    std::fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

fn report(name: &str, m: &Model, sents: &[Sentence]) {
    let mut tp = [0usize; 4];
    let mut np = [0usize; 4];
    let mut ng = [0usize; 4];
    // Tagged as one document, as `qawl tag` does.
    let words: Vec<Vec<Word>> = sents.iter().map(words_of).collect();
    let preds = tag_with_model(m, &words);
    for (s, pred) in sents.iter().zip(&preds) {
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
    let prf = |tp: usize, np: usize, ng: usize| {
        let p = tp as f64 / np.max(1) as f64;
        let r = tp as f64 / ng.max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    for (ty, nm) in ["PER", "LOC", "ORG", "MISC"].iter().enumerate() {
        let (p, r, f) = prf(tp[ty], np[ty], ng[ty]);
        eprintln!(
            "{name} {nm:5} P {p:.4} R {r:.4} F1 {f:.4} (gold {})",
            ng[ty]
        );
    }
    let (p, r, f) = prf(tp.iter().sum(), np.iter().sum(), ng.iter().sum());
    eprintln!("{name} ALL   P {p:.4} R {r:.4} F1 {f:.4}");
}

/// Builds the lexicon entries from every sentence not in fold `skip`.
fn build_lexicon(
    sents: &[Sentence],
    skip: Option<usize>,
    corpora: bool,
    clusters: &[(String, u16)],
) -> Vec<(u32, u16)> {
    // phrase -> per-type counts
    let mut counts: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    let mut given: BTreeSet<String> = BTreeSet::new();
    let mut family: BTreeSet<String> = BTreeSet::new();
    // How often each word is left untagged, and how often it is part of a
    // name: a word that is mostly a common word (`لي`) is no given name.
    let mut plain: HashMap<&str, u32> = HashMap::new();
    let mut named: HashMap<&str, u32> = HashMap::new();
    if corpora {
        for s in sents.iter().filter(|s| Some(s.fold) != skip) {
            for (w, &t) in s.norms.iter().zip(&s.tags) {
                *(if t == 0 { &mut plain } else { &mut named })
                    .entry(w)
                    .or_default() += 1;
            }
            let words = words_of(s);
            for (a, b, ty) in chunks(&s.tags) {
                // Cut at the first bracket or punctuation: WikiANN keeps
                // disambiguators `( مقاطعة ... )` inside its spans.
                let mut end = a;
                while end < b && Word::kind_of(&s.words[end]) != qawl::lab::TokenKind::Punct {
                    end += 1;
                }
                if end == a || end - a > MAX_PHRASE {
                    continue;
                }
                let mut phrase = words[a].stem().to_string();
                for w in &s.norms[a + 1..end] {
                    phrase.push(' ');
                    phrase.push_str(w);
                }
                counts.entry(phrase).or_default()[ty] += 1;
                if ty == 0 && end - a >= 2 {
                    given.insert(words[a].stem().to_string());
                    family.insert(s.norms[end - 1].clone());
                }
            }
        }
    }
    let mut bits: BTreeMap<String, u16> = BTreeMap::new();
    for (phrase, c) in &counts {
        // A name written with a possible proclitic (`وموسكو`) is dropped
        // when the lexicon also has it bare.
        if let Some(first) = phrase.chars().next() {
            if "وفبلك".contains(first) && counts.contains_key(&phrase[first.len_utf8()..]) {
                continue;
            }
        }
        let max = *c.iter().max().unwrap_or(&0);
        let mut b = 0u16;
        for (ty, &n) in c.iter().enumerate() {
            if n > 0 && n * 3 >= max {
                b |= 1 << ty;
            }
        }
        *bits.entry(phrase.clone()).or_default() |= b;
    }
    // Every first and last word of a person's name, even one seen once:
    // most names are rare, and dev F1 rose with each lower threshold
    // (5, 3, 2, 1: docs/tagger.md, fifth round). But not a word the corpora
    // mostly leave untagged, by the ratio the tagger's propagation guard uses.
    let name_like = |w: &String| {
        let count = |m: &HashMap<&str, u32>| m.get(w.as_str()).copied().unwrap_or(0);
        count(&plain) <= qawl::lab::MAX_MISSED_PER_TAGGED * count(&named)
    };
    for w in given.into_iter().filter(name_like) {
        *bits.entry(w).or_default() |= GIVEN;
    }
    for w in family.into_iter().filter(name_like) {
        *bits.entry(w).or_default() |= FAMILY;
    }
    for (w, b) in qawl::lab::builtin_lexicon() {
        *bits.entry(w).or_default() |= b;
    }
    let mut prefixes: Vec<String> = Vec::new();
    for phrase in bits.keys() {
        let mut at = 0;
        while let Some(sp) = phrase[at..].find(' ') {
            prefixes.push(phrase[..at + sp].to_string());
            at += sp + 1;
        }
    }
    for p in prefixes {
        *bits.entry(p).or_default() |= PREFIX;
    }
    let mut by_hash: BTreeMap<u32, u16> = BTreeMap::new();
    for (phrase, b) in bits {
        if b != 0 {
            *by_hash.entry(phrase_key(&phrase)).or_default() |= b;
        }
    }
    for (w, c) in clusters {
        by_hash.insert(cluster_key(w), *c);
    }
    by_hash.into_iter().collect()
}

fn read_clusters(path: &Path) -> Result<Vec<(String, u16)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut v = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(w), Some(fine), Some(coarse)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(format!(
                "{}:{}: expected word<TAB>fine<TAB>coarse",
                path.display(),
                n + 1
            ));
        };
        let num = |s: &str| {
            s.parse::<u16>()
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        };
        v.push((
            w.to_string(),
            features::cluster_value(num(fine)?, num(coarse)?),
        ));
    }
    Ok(v)
}

/// Induces word clusters: spherical k-means over sqrt-scaled counts of the
/// most frequent left and right neighbours, then the centroids clustered
/// again into coarse groups. Deterministic: fixed vocabulary order, evenly
/// spaced initial centroids, fixed iteration count.
fn induce_clusters(text_path: &Path, out: &Path) -> Result<(), String> {
    const V: usize = 40_000;
    const C: usize = 400;
    const K: usize = 256;
    const K2: usize = 32;
    let text = std::fs::read_to_string(text_path)
        .map_err(|e| format!("cannot read {}: {e}", text_path.display()))?;
    let mut seqs: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let toks = qawl::lab::tokenize(line);
        seqs.push(
            toks.iter()
                .map(|t| {
                    if t.kind == qawl::lab::TokenKind::Number {
                        "<num>".to_string()
                    } else {
                        t.stem_norm().to_string()
                    }
                })
                .collect(),
        );
    }
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for s in &seqs {
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
        .filter(|w| w.1 >= 3 && w.0.chars().any(qawl::lab::is_arabic_letter))
        .take(V)
        .map(|w| w.0)
        .collect();
    let vid: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, &w)| (w, i)).collect();
    let d = 2 * C;
    let mut x = vec![0f32; vocab.len() * d];
    for s in &seqs {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = vid.get(w.as_str()) else {
                continue;
            };
            if i > 0 {
                if let Some(&c) = ctx.get(s[i - 1].as_str()) {
                    x[v * d + c] += 1.0;
                }
            }
            if let Some(&c) = s.get(i + 1).and_then(|n| ctx.get(n.as_str())) {
                x[v * d + C + c] += 1.0;
            }
        }
    }
    for row in x.chunks_mut(d) {
        row.iter_mut().for_each(|v| *v = v.sqrt());
        normalize(row);
    }
    let fine = kmeans(&x, d, K, 10);
    // Coarse: cluster the fine centroids.
    let mut cent = vec![0f32; K * d];
    for (v, &c) in fine.iter().enumerate() {
        for j in 0..d {
            cent[c * d + j] += x[v * d + j];
        }
    }
    for row in cent.chunks_mut(d) {
        normalize(row);
    }
    let coarse = kmeans(&cent, d, K2, 10);
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

fn normalize(row: &mut [f32]) {
    let n = row.iter().map(|v| v * v).sum::<f32>().sqrt();
    if n > 0.0 {
        row.iter_mut().for_each(|v| *v /= n);
    }
}

/// Spherical k-means; returns each row's cluster.
fn kmeans(x: &[f32], d: usize, k: usize, iters: usize) -> Vec<usize> {
    let n = x.len() / d;
    let k = k.min(n.max(1));
    let mut cent: Vec<f32> = (0..k)
        .flat_map(|c| x[(c * n / k) * d..(c * n / k + 1) * d].to_vec())
        .collect();
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        for (v, a) in assign.iter_mut().enumerate() {
            let row = &x[v * d..(v + 1) * d];
            let mut best = f32::NEG_INFINITY;
            for c in 0..k {
                let s: f32 = row
                    .iter()
                    .zip(&cent[c * d..(c + 1) * d])
                    .map(|(a, b)| a * b)
                    .sum();
                if s > best {
                    best = s;
                    *a = c;
                }
            }
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

/// Averaged structured perceptron with lazy averaging.
#[allow(clippy::type_complexity)]
fn perceptron(
    data: &[(Vec<Vec<u32>>, &[usize])],
    epochs: usize,
    seed: u64,
) -> (Vec<(u32, [f32; N])>, [[f32; N]; N + 1]) {
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut keys: Vec<u32> = Vec::new();
    for (sent, _) in data {
        for fs in sent {
            for &f in fs {
                index.entry(f).or_insert_with(|| {
                    keys.push(f);
                    keys.len() - 1
                });
            }
        }
    }
    let nf = keys.len();
    let mut w = vec![[0f32; N]; nf];
    let mut u = vec![[0f32; N]; nf];
    let mut tw = [[0f32; N]; N + 1];
    let mut tu = [[0f32; N]; N + 1];
    let ids: Vec<Vec<Vec<usize>>> = data
        .iter()
        .map(|(s, _)| {
            s.iter()
                .map(|fs| fs.iter().map(|f| index[f]).collect())
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut c = 1f32;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &s in &order {
            let gold = data[s].1;
            let feats = &ids[s];
            let emit: Vec<[f32; N]> = feats
                .iter()
                .map(|fs| {
                    let mut e = [0f32; N];
                    for &f in fs {
                        for (x, y) in e.iter_mut().zip(&w[f]) {
                            *x += y;
                        }
                    }
                    e
                })
                .collect();
            let pred = viterbi_f(&tw, &emit);
            if pred.as_slice() != gold {
                errors += 1;
                for i in 0..gold.len() {
                    let (g, p) = (gold[i], pred[i]);
                    let (gp, pp) = if i == 0 {
                        (N, N)
                    } else {
                        (gold[i - 1], pred[i - 1])
                    };
                    if g != p {
                        for &f in &feats[i] {
                            w[f][g] += 1.0;
                            u[f][g] += c;
                            w[f][p] -= 1.0;
                            u[f][p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        eprintln!("epoch {}: {errors} sentences wrong", epoch + 1);
    }
    let avg = |w: &[f32; N], u: &[f32; N]| {
        let mut a = [0f32; N];
        for j in 0..N {
            a[j] = w[j] - u[j] / c;
        }
        a
    };
    let feats: Vec<(u32, [f32; N])> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, avg(&w[i], &u[i])))
        .collect();
    let mut trans = [[0f32; N]; N + 1];
    for a in 0..=N {
        trans[a] = avg(&tw[a], &tu[a]);
    }
    (feats, trans)
}

fn viterbi_f(trans: &[[f32; N]; N + 1], emit: &[[f32; N]]) -> Vec<usize> {
    let n = emit.len();
    let mut back = vec![[0usize; N]; n];
    let mut cur = [f32::NEG_INFINITY; N];
    for y in 0..N {
        if allowed(N, y) {
            cur[y] = trans[N][y] + emit[0][y];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N];
        for y in 0..N {
            for x in 0..N {
                if cur[x] == f32::NEG_INFINITY || !allowed(x, y) {
                    continue;
                }
                let s = cur[x] + trans[x][y];
                if s > next[y] {
                    next[y] = s;
                    back[i][y] = x;
                }
            }
            next[y] += emit[i][y];
        }
        cur = next;
    }
    let mut y = 0;
    for k in 1..N {
        if cur[k] > cur[y] {
            y = k;
        }
    }
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i][y];
    }
    out
}
