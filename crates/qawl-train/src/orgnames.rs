//! `qawl-train org-names`: organizations known by a one-word name, mined
//! from unlabeled news (`models/org-names.txt`, read by
//! `entity::org::known_name`).
//!
//! The tagger learned from ANERcorp (2007) and never saw today's platforms
//! and companies; a news corpus names them every day. A word is kept when
//! the corpus writes it often right after an organization classifier
//! (`شركة X`, `موقع X`, `وكالة X`: [`Params::min_after`] times, and in at
//! least [`Params::min_share`] of its uses), seldom with ال (a common noun
//! takes it: `وكالة أنباء` / `الأنباء`), not mostly before one same word (the
//! first word of a longer name: `وكالة فرانس برس`), not a feminine nisba
//! adjective (`منظمة إرهابية`), and not a person or place in the tagger's
//! lexicon. The annotated articles (every set given, as `speakers` reads
//! them) are left out of the corpus: a block sharing a paragraph with one
//! of them is skipped. Deterministic: same corpus, same file.

use crate::speakers::gold::{value, Sets};
use qawl::lab::{known_person_or_place, org_classifier, Document, Word};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

const USAGE: &str = "\
qawl-train org-names: organizations known by a one-word name, from unlabeled news

USAGE:
    qawl-train org-names --corpus FILE SETS --out FILE [options]

    --corpus FILE       unlabeled news, one article per block (blank-line separated)
    SETS                the annotated articles to leave out (as `speakers` takes them)
    --out FILE          the list to write (models/org-names.txt)
    --min-after N       times after a classifier, at least (default 8)
    --min-share X       share of the word's uses that follow a classifier (default 0.1)
    --max-definite X    uses with ال per use without, at most (default 0.3)
    --max-next X        share of its classified uses before one same word, under (default 0.5)
";

/// The thresholds a word passes.
pub struct Params {
    pub min_after: u32,
    pub min_share: f64,
    pub max_definite: f64,
    pub max_next: f64,
}

const DEFAULT: Params = Params {
    min_after: 8,
    min_share: 0.1,
    max_definite: 0.3,
    max_next: 0.5,
};

/// Longest name, in words.
const MAX_WORDS: usize = 3;
/// Shortest one-word name, in letters.
const MIN_CHARS: usize = 3;

/// A word used more often than this in the corpus is a common word, not
/// part of a name (`في`, `قال`): about one word in a thousand.
const MAX_NAME_WORD_USES: f64 = 8000.0;

/// Paragraphs shorter than this (bytes) do not identify an article.
const MIN_PARAGRAPH: usize = 80;
/// A paragraph found in more blocks than this is boilerplate.
const MAX_REPEATS: u32 = 2;

/// What the corpus says of each word.
#[derive(Default)]
struct Counts {
    /// Uses of a form, with or without a proclitic.
    uses: HashMap<String, u32>,
    /// Uses of the form behind ال.
    definite: HashMap<String, u32>,
    /// Uses right after an organization classifier.
    after: HashMap<String, u32>,
    /// The word after those uses.
    next: HashMap<(String, String), u32>,
}

impl Counts {
    fn paragraph(&mut self, line: &str) {
        let doc = Document::new(line);
        let words: Vec<Word> = doc.tokens.iter().map(|t| Word::of_token(t, line)).collect();
        for (i, w) in words.iter().enumerate() {
            if w.shape != qawl::lab::Shape::Arabic {
                continue;
            }
            let forms: HashSet<&str> = w.name_forms().collect();
            for f in &forms {
                *self.uses.entry(f.to_string()).or_default() += 1;
                if let Some(b) = f.strip_prefix("ال") {
                    *self.definite.entry(b.to_string()).or_default() += 1;
                }
            }
            if i > 0 && org_classifier(&words[i - 1]) {
                self.classified(&words[i..]);
            }
        }
    }

    /// Counts the names of up to [`MAX_WORDS`] words that may start at the
    /// first of `words`, right after a classifier, and the word after each.
    fn classified(&mut self, words: &[Word]) {
        let proper = |w: &Word| w.shape == qawl::lab::Shape::Arabic && !w.stem().starts_with("ال");
        let mut name = String::new();
        for (n, w) in words.iter().take(MAX_WORDS).enumerate() {
            if !proper(w) || (n > 0 && w.certain > 0) {
                break;
            }
            if n > 0 {
                name.push(' ');
            }
            name.push_str(w.norm);
            *self.after.entry(name.clone()).or_default() += 1;
            if let Some(next) = words
                .get(n + 1)
                .filter(|x| x.shape != qawl::lab::Shape::Punct)
            {
                *self
                    .next
                    .entry((name.clone(), next.norm.to_string()))
                    .or_default() += 1;
            }
        }
    }

    /// The names that pass `p`, most often classified first.
    fn names(&self, p: &Params) -> Vec<(String, u32)> {
        // The word most often after each name, and how often.
        let mut top_next: HashMap<&str, (u32, &str)> = HashMap::new();
        for ((w, x), &n) in &self.next {
            let t = top_next.entry(w.as_str()).or_default();
            if (n, std::cmp::Reverse(x.as_str())) > (t.0, std::cmp::Reverse(t.1)) {
                *t = (n, x.as_str());
            }
        }
        let mut out: Vec<(String, u32)> = self
            .after
            .iter()
            .filter(|&(w, &a)| self.keeps(w, a, p, &top_next))
            .map(|(w, &a)| (w.clone(), a))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Whether name `w`, classified `a` times, passes `p` (`top_next`: the
    /// word most often after each name, and how often).
    fn keeps(&self, w: &str, a: u32, p: &Params, top_next: &HashMap<&str, (u32, &str)>) -> bool {
        let continues = |w: &str, a: u32| {
            let (n, _) = top_next.get(w).copied().unwrap_or_default();
            f64::from(n) >= p.max_next * f64::from(a)
        };
        let uses_of = |x: &str| f64::from(self.uses.get(x).copied().unwrap_or(a).max(a));
        let def_of = |x: &str| f64::from(self.definite.get(x).copied().unwrap_or(0));
        let first = w.split(' ').next().unwrap_or(w);
        let (uses, def) = (uses_of(first), def_of(first));
        // Every further word of a longer name is a rare word that seldom
        // takes ال (`غير حكومية`, `تعمل في` are not names).
        let words_ok = w
            .split(' ')
            .skip(1)
            .all(|x| uses_of(x) <= MAX_NAME_WORD_USES && def_of(x) <= p.max_definite * uses_of(x));
        let shape_ok = match w.rsplit_once(' ') {
            // One word: a share of its uses classified, long enough, no
            // feminine nisba, and no person or place of the tagger's lexicon.
            None => {
                f64::from(a) >= p.min_share * uses
                    && w.chars().count() >= MIN_CHARS
                    && !w.ends_with("يه")
                    && !known_person_or_place(w)
            }
            // Several: the shorter name is mostly followed by this last
            // word (`فرانس` by `برس`).
            Some((head, last)) => {
                let a_head = self.after.get(head).copied().unwrap_or(0);
                continues(head, a_head) && top_next.get(head).is_some_and(|t| t.1 == last)
            }
        };
        a >= p.min_after && def <= p.max_definite * uses && words_ok && !continues(w, a) && shape_ok
    }
}

/// Runs `qawl-train org-names` with the arguments after `org-names`.
pub fn run(args: Vec<std::ffi::OsString>) -> Result<(), String> {
    use lexopt::prelude::*;
    let mut sets = Sets::default();
    let (mut corpus, mut out): (Option<PathBuf>, Option<PathBuf>) = (None, None);
    let mut p = DEFAULT;
    let mut args = lexopt::Parser::from_args(args);
    let num = |s: String| {
        s.parse::<f64>()
            .map_err(|e| format!("expected a number: {e}"))
    };
    while let Some(arg) = args.next().map_err(|e| e.to_string())? {
        match arg {
            Long(name) if Sets::takes(name) => {
                let name = name.to_owned();
                sets.add(&name, value(&mut args)?)?;
            }
            Long("corpus") => corpus = Some(value(&mut args)?.into()),
            Long("out") => out = Some(value(&mut args)?.into()),
            Long("min-after") => p.min_after = num(value(&mut args)?)? as u32,
            Long("min-share") => p.min_share = num(value(&mut args)?)?,
            Long("max-definite") => p.max_definite = num(value(&mut args)?)?,
            Long("max-next") => p.max_next = num(value(&mut args)?)?,
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected())),
        }
    }
    let (Some(corpus), Some(out)) = (corpus, out) else {
        return Err(format!("--corpus and --out are needed\n\n{USAGE}"));
    };
    let (docs, _) = sets.load(USAGE)?;
    let text = std::fs::read_to_string(&corpus)
        .map_err(|e| format!("cannot read {}: {e}", corpus.display()))?;
    // Paragraphs an outlet repeats under every article (`يمكنكم تسلم
    // إشعارات …`) identify no article.
    let mut repeated: HashMap<&str, u32> = HashMap::new();
    for l in text
        .lines()
        .map(str::trim)
        .filter(|l| l.len() >= MIN_PARAGRAPH)
    {
        *repeated.entry(l).or_default() += 1;
    }
    let annotated: HashSet<&str> = docs
        .iter()
        .flat_map(|d| d.text.lines())
        .map(str::trim)
        .filter(|l| l.len() >= MIN_PARAGRAPH && repeated.get(l).is_none_or(|&n| n <= MAX_REPEATS))
        .collect();
    let mut counts = Counts::default();
    let (mut kept, mut skipped) = (0, 0);
    for block in text.split("\n\n") {
        if block.lines().any(|l| annotated.contains(l.trim())) {
            skipped += 1;
            continue;
        }
        kept += 1;
        for line in block.lines() {
            counts.paragraph(line);
        }
    }
    let names = counts.names(&p);
    eprintln!(
        "{kept} articles read, {skipped} left out (annotated); {} names",
        names.len()
    );
    let mut body = String::from(
        "# Organizations known by a one-word name, folded, most often classified first: mined\n\
         # from unlabeled news (the ANT corpus, annotated articles left out) by\n\
         # `qawl-train org-names` (make train; see crates/qawl-train/src/orgnames.rs).\n\
         # Read by: entity::org::known_name. Generated: do not edit.\n",
    );
    for (w, a) in &names {
        body.push_str(&format!("{w}\t{a}\n"));
    }
    std::fs::write(&out, body).map_err(|e| format!("cannot write {}: {e}", out.display()))
}
