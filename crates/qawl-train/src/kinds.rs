//! `qawl-train kinds`: learns the kinds model (`models/kinds.tsv`), which
//! tells an Arabic quoted span that is a term (a name, title or scare word)
//! from someone's words, and measures it by leave-one-outlet-out
//! cross-validation.
//!
//! Training data: every Arabic quoted span the library's own pipeline finds
//! in the annotated articles (the sets of `qawl-train speakers`), with the
//! features `quote::kinds` computes for it, labelled by the gold quotation
//! it matches (character Jaccard >= 0.5, as score.py matches): a gold term
//! is a term, a gold direct or partial quotation is speech, and a span no
//! gold quotation matches counts as a term with a small weight (a span that
//! is nobody's words is best left a term). The model is a logistic
//! regression fitted by full-batch AdaGrad with an L2 penalty;
//! deterministic.
//!
//! With `--cv`, every outlet in turn is held out: the model is trained on
//! the other outlets (and the articles with no outlet) and the held-out
//! articles are analysed with it and scored with score.py's metrics.

use crate::adagrad::{dot, rounded, AdaGrad};
use crate::speakers::gold::{self, value, Doc, Sets};
use qawl::lab::{analyze_kinds, kind_feature_name, KindsModel as Model, KindsTrace as Trace};
use qawl_cli::eval::{self, Registry, Report};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

const USAGE: &str = "\
qawl-train kinds: learn the kinds model (term or speech, Arabic quoted spans)

USAGE:
    qawl-train kinds [SETS] [--out FILE] [--cv] [options]

SETS: as for `qawl-train speakers` (--gold-dir, --gold, --news-annotations, --news)

    --out FILE          write the model trained on every set (models/kinds.tsv)
    --cv                leave-one-outlet-out cross-validation instead
    --iterations N      AdaGrad iterations (default 300)
    --l2 X              L2 penalty (default 0.5)
    --log FILE          with --cv: every held-out span whose kind is wrong, one line each
";

/// The weight, in the loss, of a span that no gold quotation matches.
const UNMATCHED_WEIGHT: f64 = 0.3;
/// A span matches a gold quotation at this character Jaccard (score.py).
const MATCH_JACCARD: f64 = 0.5;

/// The learner unless the command line says otherwise.
const DEFAULT: AdaGrad = AdaGrad {
    iterations: 300,
    l2: 0.5,
    rate: 0.3,
};

#[derive(Default)]
struct Opts {
    sets: Sets,
    out: Option<PathBuf>,
    cv: bool,
    log: Option<PathBuf>,
}

fn parse(args: Vec<std::ffi::OsString>) -> Result<Option<(Opts, AdaGrad)>, String> {
    use lexopt::prelude::*;
    let mut o = Opts::default();
    let mut s = DEFAULT;
    let mut p = lexopt::Parser::from_args(args);
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Long(name) if Sets::takes(name) => {
                let name = name.to_owned();
                o.sets.add(&name, value(&mut p)?)?;
            }
            Long("out") => o.out = Some(value(&mut p)?.into()),
            Long("cv") => o.cv = true,
            Long("log") => o.log = Some(value(&mut p)?.into()),
            Long(name) if AdaGrad::takes(name) => {
                let name = name.to_owned();
                s.set(&name, &value(&mut p)?)?;
            }
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(None);
            }
            _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
        }
    }
    Ok(Some((o, s)))
}

/// Runs `qawl-train kinds` with the arguments after `kinds`.
pub fn run(args: Vec<std::ffi::OsString>) -> Result<(), String> {
    let Some((o, s)) = parse(args)? else {
        return Ok(());
    };
    let (docs, reg) = o.sets.load(USAGE)?;
    let inst: Vec<Vec<Instance>> = docs.iter().map(instances).collect();
    let n: usize = inst.iter().map(Vec::len).sum();
    eprintln!("{} annotated articles, {n} Arabic quoted spans", docs.len());
    if o.cv {
        return cross_validate(&o, &docs, &inst, &reg, s);
    }
    let all: Vec<&Instance> = inst.iter().flatten().collect();
    let m = fit(&all, s);
    let sets: BTreeSet<&str> = docs.iter().map(|d| d.set.as_str()).collect();
    for set in sets {
        let sub: Vec<&Doc> = docs.iter().filter(|d| d.set == set).collect();
        println!("{set:8} (trained on)  {}", line(&score(&sub, &m, &reg)));
    }
    if let Some(out) = &o.out {
        let header = "# qawl kinds model: weights of the features of Arabic quoted spans (see\n\
                      # src/quote/kinds.rs), learned by `qawl-train kinds` (make train). A positive\n\
                      # score is a term. KEY<TAB>WEIGHT<TAB># name\n";
        std::fs::write(out, format!("{header}{}", m.to_text(kind_feature_name)))
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

/// The kinds model learned, with the default settings, from the articles
/// `docs` (the speaker cross-validation's per-fold kinds model).
pub fn train(docs: &[&Doc]) -> Model {
    let inst: Vec<Instance> = docs.iter().flat_map(|d| instances(d)).collect();
    let refs: Vec<&Instance> = inst.iter().collect();
    fit(&refs, DEFAULT)
}

/// One quoted span: its bytes, features and gold label.
struct Instance {
    start: usize,
    end: usize,
    feats: Vec<u32>,
    /// A term by rule (`kinds::named`), whatever the model says.
    named: bool,
    /// 1 for a term, 0 for someone's words.
    term: f64,
    weight: f64,
}

/// Records every span's features.
struct Collect(Vec<(usize, usize, Vec<u32>, bool)>);

impl Trace for Collect {
    fn span(&mut self, start: usize, end: usize, feats: &[u32], named: bool) {
        self.0.push((start, end, feats.to_vec(), named));
    }
}

fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The labelled spans of one article.
fn instances(d: &Doc) -> Vec<Instance> {
    let mut c = Collect(Vec::new());
    analyze_kinds(&d.text, &Model::default(), &mut c);
    let map = gold::utf16_to_bytes(&d.text);
    let at = |u: i64| map.get(u as usize).copied().unwrap_or(d.text.len());
    let gold: Vec<(usize, usize, bool)> = d
        .gold
        .quotes
        .iter()
        .filter(|q| q.kind != "indirect")
        .map(|q| (at(q.start), at(q.end), q.kind == "term"))
        .collect();
    c.0.into_iter()
        .map(|(start, end, feats, named)| {
            let best = gold
                .iter()
                .map(|g| (jaccard((start, end), (g.0, g.1)), g.2))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .filter(|(j, _)| *j >= MATCH_JACCARD);
            let (term, weight) = match best {
                Some((_, true)) => (1.0, 1.0),
                Some((_, false)) => (0.0, 1.0),
                None => (1.0, UNMATCHED_WEIGHT),
            };
            Instance {
                start,
                end,
                feats,
                named,
                term,
                weight,
            }
        })
        .collect()
}

/// Fits a logistic regression on `inst`.
fn fit(inst: &[&Instance], s: AdaGrad) -> Model {
    let w = s.minimise(|w, grad| {
        for x in inst {
            let p = 1.0 / (1.0 + (-dot(w, &x.feats)).exp());
            for f in &x.feats {
                *grad.entry(*f).or_default() += x.weight * (p - x.term);
            }
        }
    });
    Model::from_pairs(rounded(w))
}

/// Analyses `docs` with model `m` and scores them.
fn score(docs: &[&Doc], m: &Model, reg: &Registry) -> Report {
    let arts: Vec<_> = docs
        .iter()
        .map(|d| gold::article(d, &analyze(d, m)))
        .collect();
    eval::score(&arts, reg)
}

/// Analyses `d` with kinds model `m` (UTF-16 offsets).
fn analyze(d: &Doc, m: &Model) -> qawl::Analysis {
    analyze_kinds(&d.text, m, &mut qawl::lab::NoKindsTrace).into_utf16(&d.text)
}

fn cross_validate(
    o: &Opts,
    docs: &[Doc],
    inst: &[Vec<Instance>],
    reg: &Registry,
    s: AdaGrad,
) -> Result<(), String> {
    let mut models: HashMap<&str, Model> = HashMap::new();
    let mut log = Vec::new();
    println!("held-out outlet (articles)  spans wrong/all  scores on the held-out articles");
    for (held, train, test) in gold::folds(docs) {
        let train: Vec<&Instance> = train.iter().flat_map(|&i| &inst[i]).collect();
        let m = fit(&train, s);
        let (mut wrong, mut all) = (0, 0);
        for &i in &test {
            for x in inst[i].iter().filter(|x| x.weight == 1.0) {
                all += 1;
                let term = qawl::lab::kinds_is_term(&m, &x.feats, x.named);
                if term != (x.term == 1.0) {
                    wrong += 1;
                    log.push(explain(&docs[i], x, &m));
                }
            }
        }
        let test: Vec<&Doc> = test.iter().map(|&i| &docs[i]).collect();
        let r = score(&test, &m, reg);
        println!(
            "{held:10} ({:3})  {wrong:4}/{all:4}  {}",
            test.len(),
            line(&r)
        );
        models.insert(held, m);
    }
    let pooled = gold::pooled(docs, reg, |d| {
        analyze(d, &models[d.outlet.as_deref().unwrap_or_default()])
    });
    for (set, n, r) in pooled {
        println!("{set:10} ({n:3})  all held out in turn:  {}", line(&r));
    }
    if let Some(p) = &o.log {
        std::fs::write(p, log.join("\n") + "\n")
            .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    Ok(())
}

/// One line of the log: a span whose kind the model got wrong, with its
/// strongest features.
fn explain(d: &Doc, x: &Instance, m: &Model) -> String {
    let want = if x.term == 1.0 { "term" } else { "speech" };
    let mut fs: Vec<(f32, String)> = x
        .feats
        .iter()
        .map(|&f| (m.score(&[f]), kind_feature_name(f)))
        .collect();
    fs.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let shown: Vec<String> = fs
        .iter()
        .take(6)
        .map(|(w, n)| format!("{w:+.2} {n}"))
        .collect();
    let mut from = x.start.saturating_sub(60);
    while !d.text.is_char_boundary(from) {
        from += 1;
    }
    let before = &d.text[from..x.start];
    format!(
        "{}\tgold={want}\tscore={:+.2}\t…{}⟦{}⟧\t{}",
        d.name,
        m.score(&x.feats),
        before.replace('\n', " "),
        &d.text[x.start..x.end],
        shown.join(", ")
    )
}

/// One line of a report: the quotation metrics the kinds move.
fn line(r: &Report) -> String {
    format!(
        "speech P {:.3} R {:.3} F1 {:.3} | indirect F1 {:.3} | term as speech {}/{}",
        r.speech.prf.p,
        r.speech.prf.r,
        r.speech.prf.f1,
        r.indirect.prf.f1,
        r.term.as_speech,
        r.term.n
    )
}
