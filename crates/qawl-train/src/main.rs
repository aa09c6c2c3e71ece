//! `qawl-train`: trains the entity tagger's model from CoNLL corpora.
//!
//! Reads ANERcorp (train split), AQMAR and WikiANN ([`corpus`]), builds the
//! name lexicon from their entity annotations plus qawl's closed word lists
//! ([`lexicon`]), trains an averaged structured perceptron over the tagger's
//! own features ([`train`]), and writes the compact model that the library
//! embeds ([`model`]); `--dev` scores it on held-out sentences ([`dev`]).
//! `--induce` makes the word clusters file instead ([`clusters`]);
//! `speakers` and `kinds` learn the quotation stage's models ([`speakers`],
//! [`kinds`]).
//!
//! Same data, options and seed give the same bytes. Everything the trainer
//! takes from the library comes through `qawl::lab`: the features, decoder
//! and model format of the shipped tagger, not copies of them.

mod adagrad;
mod clusters;
mod corpus;
mod dev;
mod kinds;
mod lexicon;
mod model;
mod orgnames;
mod speakers;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
qawl-train: train the entity tagger model

USAGE:
    qawl-train --anercorp FILE [--aqmar DIR] [--wikiann DIR] [--out FILE] [options]

    --anercorp FILE     the main CoNLL training file: ANERcorp CAMeL train split, or
                        CoNLL-2003 eng.train for the English model (never a test split)
    --aqmar DIR         AQMAR *.txt files (MIS* mapped to MISC): training data and lexicon
    --wikiann DIR       WikiANN-ar {train,dev,test}-ar.tsv: lexicon (and training with --wikiann-train)
    --out FILE          where to write the model (e.g. models/ner.bin)
    --dev               hold out the last 10% of ANERcorp train sentences as a dev set,
                        leave their names out of the lexicon, and report dev P/R/F1
    --dev-part K        which tenth of ANERcorp train is the dev set (0-9, default 9 = last)
    --dev-out FILE      also write the tagged dev set as CoNLL (word gold predicted)
    --dev-file FILE     score on this CoNLL file instead (e.g. CoNLL-2003 eng.testa)
    --epochs N          training passes (default 8)
    --seed N            shuffling seed (default 1)
    --folds N           jackknife folds for lexicon features (default 5; 0 = none)
    --min-count N       keep features seen at least N times (default 2)
    --wikiann-train     also train on WikiANN train sentences
    --no-aqmar-train    use AQMAR for the lexicon only
    --no-lexicon        train without any corpus lexicon (closed lists only)
    --clusters FILE     word clusters (from --induce) used as features

    qawl-train speakers --help
                        learn the speaker model from annotated articles

    qawl-train kinds --help
                        learn the kinds model (term or speech) from annotated articles

    qawl-train org-names --help
                        mine one-word organization names from unlabeled news

    qawl-train --induce TEXT --clusters-out FILE
                        induce word clusters from unlabelled text (k-means over
                        left/right context vectors; deterministic)
";

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let result = if args.first().is_some_and(|a| a == "speakers") {
        args.remove(0);
        speakers::run(args)
    } else if args.first().is_some_and(|a| a == "kinds") {
        args.remove(0);
        kinds::run(args)
    } else if args.first().is_some_and(|a| a == "org-names") {
        args.remove(0);
        orgnames::run(args)
    } else {
        run()
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qawl-train: {e}");
            ExitCode::from(2)
        }
    }
}

/// The command line's options.
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
    dev_file: Option<PathBuf>,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            anercorp: None,
            aqmar: None,
            wikiann: None,
            out: None,
            dev: false,
            dev_part: 9,
            epochs: 8,
            seed: 1,
            folds: 5,
            min_count: 2,
            wikiann_train: false,
            aqmar_train: true,
            lexicon: true,
            clusters: None,
            induce: None,
            clusters_out: None,
            dev_out: None,
            dev_file: None,
        }
    }
}

impl Opts {
    /// Parses the command line; `None` when it asked for help (printed).
    fn from_env() -> Result<Option<Opts>, String> {
        use lexopt::prelude::*;
        let mut o = Opts::default();
        let mut p = lexopt::Parser::from_env();
        let num = |p: &mut lexopt::Parser| -> Result<u64, String> {
            p.value()
                .map_err(|e| e.to_string())?
                .string()
                .map_err(|e| e.to_string())?
                .parse::<u64>()
                .map_err(|e| format!("expected a number: {e}"))
        };
        let path = |p: &mut lexopt::Parser| p.value().map(PathBuf::from).map_err(|e| e.to_string());
        while let Some(arg) = p.next().map_err(|e| e.to_string())? {
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
                Long("dev-file") => {
                    o.dev_file = Some(path(&mut p)?);
                    o.dev = true;
                }
                Long("help") | Short('h') => {
                    print!("{USAGE}");
                    return Ok(None);
                }
                _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
            }
        }
        Ok(Some(o))
    }
}

fn run() -> Result<(), String> {
    let Some(o) = Opts::from_env()? else {
        return Ok(());
    };
    if let Some(text) = &o.induce {
        let out = o
            .clusters_out
            .as_ref()
            .ok_or("--induce needs --clusters-out FILE")?;
        return clusters::induce(text, out);
    }
    let clusters = match &o.clusters {
        Some(f) => clusters::read(f)?,
        None => Vec::new(),
    };
    let k = o.folds.max(1);
    let corpora = corpus::load(&o, k)?;
    let sents = &corpora.sents;
    eprintln!(
        "sentences: {} ({} for training), dev {}",
        sents.len(),
        sents.iter().filter(|s| s.train).count(),
        corpora.dev.len()
    );
    let lexicons = lexicon::Lexicons::build(sents, o.lexicon, o.folds, &clusters);
    eprintln!("lexicon entries: {}", lexicons.full.len());
    let train: Vec<&corpus::Sentence> = sents.iter().filter(|s| s.train).collect();
    let data = train::examples(&train, &lexicons, o.min_count);
    let weights = train::perceptron(&data, o.epochs, o.seed);
    let (bytes, model) = model::encode(&model::build(&weights, lexicons.full))?;
    if o.dev {
        let preds = dev::tag(&model, &corpora.dev);
        dev::report(&corpora.dev, &preds);
        if let Some(out) = &o.dev_out {
            dev::write(out, &corpora.dev, &preds)?;
        }
    }
    if let Some(out) = &o.out {
        model::write(out, &bytes)?;
    }
    Ok(())
}
