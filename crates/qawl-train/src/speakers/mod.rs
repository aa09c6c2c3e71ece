//! `qawl-train speakers`: learns the speaker model (`models/speaker.tsv`)
//! from annotated articles, and measures it by leave-one-outlet-out
//! cross-validation.
//!
//! The model ranks each speech cue's candidate speakers (the library's
//! `quote::speaker` stage makes the candidates and their features; see its
//! module doc). Training data: the articles of `shared/gold/dev`, the seeds,
//! the held-out articles and the project's own annotations of ANT news
//! articles ([`gold`]). With `--cv`, every outlet in turn is held out: the
//! model is trained on the other outlets (and on the articles with no
//! outlet) and scored on the held-out one with the metrics of
//! `shared/eval/score.py`; the totals pool each article's held-out scores.

pub(crate) mod gold;
mod learn;

use crate::adagrad::AdaGrad;
use gold::{value, Doc, Sets};
use learn::{correct, gold_cue, Settings};
use qawl::lab::{
    analyze_models, analyze_speakers, KindsModel, NoKindsTrace, SpeakerCandidate as Candidate,
    SpeakerObserver as Observer, SpeakerWeights as Weights,
};
use qawl_cli::eval::{self, Registry, Report};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

const USAGE: &str = "\
qawl-train speakers: learn the speaker model from annotated articles

USAGE:
    qawl-train speakers [SETS] [--out FILE] [--cv] [options]

SETS (any number):
    --gold-dir NAME=DIR        a folder laid out like shared/gold/dev (texts/, json/,
                               registry.json, README.md with each article's corpus path)
    --gold NAME=TEXTS:JSON:REG gold JSON files with their texts and registry
    --news-annotations DIR     the project's annotations of news articles (with --news)
    --news FILE                the ANT news corpus (shared/data/unlabeled/ant-news.txt)

    --out FILE          write the model trained on every set (models/speaker.tsv)
    --cv                leave-one-outlet-out cross-validation instead
    --hand              with --cv: score the hand-set baseline weights, untrained
    --shipped-kinds     with --cv: classify quoted spans with the shipped kinds model
                        (trained on every outlet) instead of one learned per fold
    --iterations N      AdaGrad iterations (default 200)
    --l2 X              L2 penalty (default 1.2)
    --unnamed-weight X  weight of cues whose speaker the article does not name (default 0.5)
    --log FILE          with --cv: every cue whose speaker is wrong, one line each
    --pred-out DIR      with --cv: each held-out article's analysis as JSON

    qawl-train speakers --explain FILE [--model FILE]
                        every cue of FILE with its candidates, their scores and
                        features under the model (default: the shipped one)
";

/// The learner's settings unless the command line says otherwise.
const DEFAULT: Settings = Settings {
    learn: AdaGrad {
        iterations: 200,
        l2: 1.2,
        rate: 0.2,
    },
    unnamed: 0.5,
};

/// The command's options.
#[derive(Default)]
struct Opts {
    sets: Sets,
    out: Option<PathBuf>,
    cv: bool,
    hand: bool,
    shipped_kinds: bool,
    settings: Option<Settings>,
    log: Option<PathBuf>,
    pred_out: Option<PathBuf>,
    explain: Option<PathBuf>,
    model: Option<PathBuf>,
}

fn parse(args: Vec<std::ffi::OsString>) -> Result<Option<Opts>, String> {
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
            Long("hand") => o.hand = true,
            Long("shipped-kinds") => o.shipped_kinds = true,
            Long(name) if AdaGrad::takes(name) => {
                let name = name.to_owned();
                s.learn.set(&name, &value(&mut p)?)?;
            }
            Long("unnamed-weight") => {
                s.unnamed = value(&mut p)?
                    .parse()
                    .map_err(|e| format!("--unnamed-weight: {e}"))?
            }
            Long("log") => o.log = Some(value(&mut p)?.into()),
            Long("pred-out") => o.pred_out = Some(value(&mut p)?.into()),
            Long("explain") => o.explain = Some(value(&mut p)?.into()),
            Long("model") => o.model = Some(value(&mut p)?.into()),
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(None);
            }
            _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
        }
    }
    o.settings = Some(s);
    Ok(Some(o))
}

/// Runs `qawl-train speakers` with the arguments after `speakers`.
pub fn run(args: Vec<std::ffi::OsString>) -> Result<(), String> {
    let Some(o) = parse(args)? else {
        return Ok(());
    };
    if let Some(file) = &o.explain {
        return explain(file, o.model.as_deref());
    }
    let (docs, reg) = o.sets.load(USAGE)?;
    let cues: usize = docs.iter().map(|d| d.cues.len()).sum();
    eprintln!("{} annotated articles, {cues} gold cues", docs.len());
    let s = o.settings.unwrap_or(DEFAULT);
    if o.cv {
        return cross_validate(&o, &docs, &reg, s);
    }
    let refs: Vec<&Doc> = docs.iter().collect();
    let w = learn::train(&refs, &reg, s);
    let sets: BTreeSet<&str> = docs.iter().map(|d| d.set.as_str()).collect();
    for set in sets {
        let sub: Vec<&Doc> = docs.iter().filter(|d| d.set == set).collect();
        let (r, _) = score(&sub, &w, qawl::lab::kinds_model(), &reg, None);
        println!("{set:8} (trained on)  {}", line(&r));
    }
    if let Some(out) = &o.out {
        let header =
            "# qawl speaker model: weights of the candidate features (see src/quote/speaker.rs),\n\
                      # learned by `qawl-train speakers` (make train). KEY<TAB>WEIGHT<TAB># name\n";
        std::fs::write(
            out,
            format!("{header}{}", w.to_text(qawl::lab::feature_name)),
        )
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

/// Cue-level accounting and the log of wrong speakers.
#[derive(Default)]
struct Tally {
    right: usize,
    reachable: usize,
    total: usize,
    /// Cues whose speaker the article does not name, and how many of them
    /// were given a named speaker anyway (a misattribution).
    unnamed: usize,
    misattributed: usize,
    log: Vec<String>,
}

/// Follows the model and counts how often it names the gold speaker.
struct Judge<'a> {
    doc: &'a Doc,
    reg: &'a Registry,
    tally: &'a mut Tally,
}

impl Observer for Judge<'_> {
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize {
        let Some(gold) = gold_cue(self.doc, &cue) else {
            return best;
        };
        let ok: Vec<bool> = cands.iter().map(|c| correct(self.reg, gold, c)).collect();
        if gold.is_none() {
            self.tally.unnamed += 1;
            self.tally.misattributed += cands[best].who.as_ref().is_some_and(|w| w.named) as usize;
        }
        self.tally.total += 1;
        self.tally.reachable += ok.iter().any(|&x| x) as usize;
        if ok[best] {
            self.tally.right += 1;
            return best;
        }
        let show = |(i, c): (usize, &Candidate)| {
            let name = c.who.as_ref().map_or("nobody", |w| &*w.name);
            format!("{}{:?}:{name}", if ok[i] { "*" } else { "" }, c.origin)
        };
        let all: Vec<String> = cands.iter().enumerate().map(show).collect();
        self.tally.log.push(format!(
            "{}\t{}\tgold={}\tpred={}\t{}\t{}",
            self.doc.name,
            &self.doc.text[cue.clone()],
            gold.as_deref().unwrap_or("-"),
            show((best, &cands[best])),
            all.join(" | "),
            context(&self.doc.text, cue)
        ));
        best
    }
}

/// The text around a cue on one line, for reading the log.
fn context(text: &str, cue: std::ops::Range<usize>) -> String {
    const BEFORE: usize = 120;
    const AFTER: usize = 160;
    let mut a = cue.start.saturating_sub(BEFORE);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (cue.end + AFTER).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let s = format!(
        "{}[[{}]]{}",
        &text[a..cue.start],
        &text[cue.clone()],
        &text[cue.end..b]
    );
    s.replace(['\n', '\t'], " ")
}

/// Scores `docs` under `w`; returns the report and the cue tally.
fn score(
    docs: &[&Doc],
    w: &Weights,
    kinds: &KindsModel,
    reg: &Registry,
    pred_out: Option<&PathBuf>,
) -> (Report, Tally) {
    let mut tally = Tally::default();
    let mut arts = Vec::new();
    for d in docs {
        let mut j = Judge {
            doc: d,
            reg,
            tally: &mut tally,
        };
        let a = analyze_models(&d.text, w, &mut j, kinds, &mut NoKindsTrace).into_utf16(&d.text);
        if let Some(dir) = pred_out {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(
                dir.join(format!("{}.json", d.name)),
                serde_json::to_string(&a).unwrap_or_default(),
            );
        }
        arts.push(gold::article(d, &a));
    }
    (eval::score(&arts, reg), tally)
}

fn cross_validate(o: &Opts, docs: &[Doc], reg: &Registry, s: Settings) -> Result<(), String> {
    let mut models: HashMap<&str, (Weights, KindsModel)> = HashMap::new();
    let mut log = Vec::new();
    let (mut unnamed, mut misattributed) = (0, 0);
    println!(
        "held-out outlet (articles)  cues right/reachable/all  scores on the held-out articles"
    );
    for (held, train, test) in gold::folds(docs) {
        let train: Vec<&Doc> = train.iter().map(|&i| &docs[i]).collect();
        let test: Vec<&Doc> = test.iter().map(|&i| &docs[i]).collect();
        let w = if o.hand {
            hand_weights()
        } else {
            learn::train(&train, reg, s)
        };
        // The kinds model too is learned without the held-out outlet,
        // unless --shipped-kinds asks for the shipped one.
        let k = if o.shipped_kinds {
            qawl::lab::kinds_model().clone()
        } else {
            crate::kinds::train(&train)
        };
        let (r, t) = score(&test, &w, &k, reg, o.pred_out.as_ref());
        println!(
            "{held:10} ({:3})  {:4}/{:4}/{:4}  {}",
            test.len(),
            t.right,
            t.reachable,
            t.total,
            line(&r)
        );
        log.extend(t.log);
        unnamed += t.unnamed;
        misattributed += t.misattributed;
        models.insert(held, (w, k));
    }
    let pooled = gold::pooled(docs, reg, |d| {
        let (w, k) = &models[d.outlet.as_deref().unwrap_or_default()];
        let follow = &mut qawl::lab::FollowModel;
        analyze_models(&d.text, w, follow, k, &mut NoKindsTrace).into_utf16(&d.text)
    });
    for (set, n, r) in pooled {
        println!("{set:10} ({n:3})  all held out in turn:  {}", line(&r));
    }
    println!("cues whose speaker the article does not name: {unnamed}, given a named speaker: {misattributed}");
    if let Some(p) = &o.log {
        std::fs::write(p, log.join("\n") + "\n")
            .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    Ok(())
}

/// Prints every cue's candidates, best first, with their scores and features.
struct Explain<'a> {
    text: &'a str,
    weights: &'a Weights,
}

impl Observer for Explain<'_> {
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize {
        println!(
            "cue {:?} at {}..{}",
            &self.text[cue.clone()],
            cue.start,
            cue.end
        );
        let mut order: Vec<usize> = (0..cands.len()).collect();
        let score = |i: usize| self.weights.score(&cands[i].feats);
        order.sort_by(|&a, &b| score(b).total_cmp(&score(a)));
        for i in order {
            let c = &cands[i];
            let name = c.who.as_ref().map_or("nobody".to_string(), |w| {
                format!("{} ({}named)", w.name, if w.named { "" } else { "un" })
            });
            let mark = if i == best { "→" } else { " " };
            println!("  {mark} {:7.3} {:?} {name}", score(i), c.origin);
            let mut fs: Vec<(f32, String)> = c
                .feats
                .iter()
                .map(|&f| (self.weights.score(&[f]), qawl::lab::feature_name(f)))
                .filter(|(w, _)| *w != 0.0)
                .collect();
            fs.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
            for (w, n) in fs.iter().take(6) {
                println!("              {w:+.3} {n}");
            }
        }
        best
    }
}

fn explain(file: &std::path::Path, model: Option<&std::path::Path>) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let weights = match model {
        Some(m) => Weights::parse(
            &std::fs::read_to_string(m).map_err(|e| format!("cannot read {}: {e}", m.display()))?,
        ),
        None => qawl::lab::speaker_model().clone(),
    };
    let mut e = Explain {
        text: &text,
        weights: &weights,
    };
    let a = analyze_speakers(&text, &weights, &mut e);
    for q in &a.quotes {
        let who = q.speaker.as_ref().map_or("-", |s| s.name.as_str());
        println!("{:?} {:?} ({who})", q.kind, q.text);
    }
    Ok(())
}

/// One line of a report: the quotation metrics.
fn line(r: &Report) -> String {
    format!(
        "speech F1 {:.3} attribution {:.3} | who-said-what F1 {:.3} | indirect F1 {:.3} attribution {:.3} | term as speech {}/{}",
        r.speech.prf.f1, r.speech.attrib, r.who_said_what.f1, r.indirect.prf.f1, r.indirect.attrib, r.term.as_speech, r.term.n
    )
}

/// Hand-set weights: the rules a careful reader states, as the baseline the
/// learned model is compared with (`--cv --hand`). Keys are the library's
/// feature templates (`src/quote/speaker.rs`).
fn hand_weights() -> Weights {
    let k = |t: u8, a: u8, b: u8, c: u8| u32::from_be_bytes([t, a, b, c]);
    let mut w: Vec<(u32, f32)> = Vec::new();
    // Origins: after=0 before=1 initial=2 sentence=3 history=4 null=5 recent=6.
    for (o, v) in [
        (0, 6.0),
        (1, 4.0),
        (2, 2.0),
        (3, 1.0),
        (4, 3.0),
        (5, 1.0),
        (6, 1.5),
    ] {
        w.push((k(1, o, 0, 0), v));
    }
    for o in 0..7u8 {
        // Kinds: PER 1, ORG 2, LOC 3, name 6/11/12, title→named 7, group→named 9.
        for (kind, v) in [
            (1, 3.0),
            (2, 3.0),
            (3, 1.0),
            (6, 2.0),
            (11, 2.5),
            (12, 2.5),
            (7, 2.5),
            (9, 2.5),
        ] {
            w.push((k(3, o, kind, 0), v));
        }
        for kind in 0..17u8 {
            w.push((k(8, o, kind, 0), -10.0)); // governed by a preposition
        }
        for g in 0..4u8 {
            w.push((k(4, o, 2, g), -4.0)); // disagrees with the verb
        }
    }
    // No earlier speaker: the entity the article is about.
    for f in [0u8, 8] {
        w.push((k(24, 6, 0, f), 2.0));
    }
    // Participles (form 2; weak 10) take the sentence's subject.
    for f in [2u8, 10] {
        w.push((k(2, 2, f, 0), 4.0));
        w.push((k(2, 3, f, 0), 2.0));
        w.push((k(36, 0, 0, f), 3.0));
    }
    for (rank, v) in [(0u8, 1.5), (1, 0.0), (2, -0.5)] {
        for sc in 0..4u8 {
            w.push((k(5, rank, sc, 0), v));
        }
    }
    for class in 1..5u8 {
        w.push((k(21, class, 1, 0), 4.0)); // the article's evidence picks it
        w.push((k(20, class, 0, 0), 1.0));
        for o in 0..3u8 {
            w.push((k(18, o, class, 0), -3.0));
        }
    }
    for f in 0..16u8 {
        w.push((k(10, f, 10, 0), 4.0)); // an unnamed source after the verb
    }
    for sc in 0..4u8 {
        w.push((k(14, 0, sc, 0), 0.5));
    }
    Weights::from_pairs(w)
}
