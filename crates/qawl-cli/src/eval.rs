//! Scoring analyses against gold annotations: qawl's own copy of the metrics
//! of `shared/eval/score.py`.
//!
//! `score.py` stays the independent judge; this module exists so that tests
//! and the `qawl eval` command can score without Python. It reproduces the
//! script's details on purpose, including the odd ones, so that both give the
//! same numbers on the same files:
//!
//! * Offsets are UTF-16 code units. The article text is read like Python's
//!   text mode reads it (`\r\n` and `\r` become `\n`) and indexed by UTF-16
//!   unit; an astral character counts as two units that are neither edge
//!   characters nor proclitics.
//! * Without the article text, a text is rebuilt from the gold spans' `text`
//!   fields (indexed by code point, as the script does), blanks elsewhere.
//! * NER: per type, each gold mention in order takes the first unused
//!   prediction that equals it (strict), or that differs only by up to two
//!   leading proclitic letters (lenient).
//! * Quotes are matched one-to-one greedily by character Jaccard ≥ 0.5, in the
//!   order of Python's `sorted(reverse=True)` on `(jaccard, gold, pred)`.
//! * Speaker names are compared after [`norm`]; a predicted name also counts
//!   when its tokens are a subset of one registered spelling's tokens.
//! * Ratios are rounded to four places, half to even on the exact binary
//!   value, like Python's `round`.
//!
//! Where `score.py` would stop with an exception (a matched span reaching past
//! the end of the text) this module instead treats characters outside the
//! text as ordinary characters, so it always returns a report.

use qawl::{Analysis, QuoteKind};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// Why scoring could not start: an unreadable or malformed input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    fn new(msg: impl Into<String>) -> Error {
        Error(msg.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Letters that may lead a span in one annotation and not the other under
/// lenient NER matching.
const PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// Characters ignored at the edges of a quotation when judging exact spans.
const EDGE: &[char] = &[
    ' ', '\t', '\n', '\r', '"', '\'', '“', '”', '«', '»', '„', '‟', '‹', '›', '.', ',', '،', '؛',
    ';', ':', '!', '?', '؟', '(', ')', '[', ']', '-', '–', '—', '…',
];

/// The four entity types scored.
const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "DATE"];

// ---------------------------------------------------------------------------
// Inputs

/// A gold entity mention.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct GoldEntity {
    pub start: i64,
    pub end: i64,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub text: String,
}

/// A gold quotation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    pub start: i64,
    pub end: i64,
    /// `direct`, `partial`, `indirect` or `term`.
    pub kind: String,
    /// The registry id of the speaker, when the article names them.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub text: String,
}

/// The gold annotation of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

impl Gold {
    /// Parses a gold file's JSON.
    pub fn from_json(json: &str) -> Result<Gold, Error> {
        serde_json::from_str(json).map_err(|e| Error::new(format!("invalid gold JSON: {e}")))
    }
}

/// A predicted entity mention, as the scorer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredEntity {
    pub start: i64,
    pub end: i64,
    /// The label, upper-cased and mapped to PER/LOC/ORG/DATE/MISC/TIME where
    /// it is a known synonym (PERSON, GPE, ...).
    pub label: String,
}

/// A predicted quotation, as the scorer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredQuote {
    pub start: i64,
    pub end: i64,
    /// The kind; a missing kind reads as `direct`, a null one as none.
    pub kind: Option<String>,
    /// The speaker's name, if any.
    pub speaker: Option<String>,
}

/// What an analyzer predicted for one article, in UTF-16 offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prediction {
    pub entities: Vec<PredEntity>,
    pub quotes: Vec<PredQuote>,
}

impl Prediction {
    /// Reads an analyzer's JSON as `score.py` does: a label may be given as
    /// `label` or `type` in any case and with common synonyms; a quote's
    /// speaker may be an object with `name` (or `text`), a string or null;
    /// quotes without `start` are ignored.
    pub fn from_json(value: &Value) -> Result<Prediction, Error> {
        let list = |key: &str| -> Result<&[Value], Error> {
            match value.get(key) {
                None | Some(Value::Null) => Ok(&[]),
                Some(Value::Array(a)) => Ok(a),
                Some(_) => Err(Error::new(format!(
                    "\"{key}\" must be a list; write the analyzer's JSON as produced by `qawl analyze`"
                ))),
            }
        };
        if !value.is_object() {
            return Err(Error::new(
                "a prediction must be a JSON object with \"entities\" and \"quotes\"",
            ));
        }
        let mut pred = Prediction::default();
        for (i, e) in list("entities")?.iter().enumerate() {
            let label = label_of(e);
            if !TYPES.contains(&label.as_str()) {
                continue;
            }
            pred.entities.push(PredEntity {
                start: offset(e, "start", "entity", i)?,
                end: offset(e, "end", "entity", i)?,
                label,
            });
        }
        for (i, q) in list("quotes")?.iter().enumerate() {
            let Some(obj) = q.as_object() else { continue };
            if !obj.contains_key("start") {
                continue;
            }
            let kind = match obj.get("kind") {
                None => Some("direct".to_string()),
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => None,
            };
            pred.quotes.push(PredQuote {
                start: offset(q, "start", "quote", i)?,
                end: offset(q, "end", "quote", i)?,
                kind,
                speaker: speaker_name(q),
            });
        }
        Ok(pred)
    }
}

impl From<&Analysis> for Prediction {
    /// Takes an analysis whose offsets are already UTF-16 (see
    /// [`Analysis::into_utf16`]).
    fn from(a: &Analysis) -> Prediction {
        let entities = a
            .entities
            .iter()
            .map(|e| PredEntity {
                start: to_i64(e.start),
                end: to_i64(e.end),
                label: e.label.as_str().to_string(),
            })
            .collect();
        let quotes = a
            .quotes
            .iter()
            .map(|q| PredQuote {
                start: to_i64(q.start),
                end: to_i64(q.end),
                kind: Some(
                    match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Partial => "partial",
                        QuoteKind::Indirect => "indirect",
                        QuoteKind::Term => "term",
                    }
                    .to_string(),
                ),
                speaker: q
                    .speaker
                    .as_ref()
                    .map(|s| s.name.clone())
                    .filter(|n| !n.is_empty()),
            })
            .collect();
        Prediction { entities, quotes }
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn offset(v: &Value, key: &str, what: &str, i: usize) -> Result<i64, Error> {
    let n = v.get(key);
    if let Some(n) = n.and_then(Value::as_i64) {
        return Ok(n);
    }
    // JSON numbers like 12.0 are integers to Python's comparisons.
    match n.and_then(Value::as_f64) {
        Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => Ok(f as i64),
        _ => Err(Error::new(format!(
            "{what} {i} has no integer \"{key}\"; offsets must be UTF-16 code unit indices"
        ))),
    }
}

/// `label_of` in score.py: `label` (or else `type`), upper-cased, synonyms mapped.
fn label_of(e: &Value) -> String {
    let truthy = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::Null | Value::Bool(false) => None,
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) if n.as_f64() == Some(0.0) => None,
            other => Some(other.to_string()),
        }
    };
    let raw = truthy(e.get("label"))
        .or_else(|| truthy(e.get("type")))
        .unwrap_or_default()
        .to_uppercase();
    let mapped = match raw.as_str() {
        "PER" | "PERSON" => "PER",
        "LOC" | "LOCATION" | "GPE" => "LOC",
        "ORG" | "ORGANIZATION" | "ORGANISATION" => "ORG",
        "DATE" => "DATE",
        "MISC" => "MISC",
        "TIME" => "TIME",
        _ => return raw,
    };
    mapped.to_string()
}

/// `speaker_name` in score.py.
fn speaker_name(q: &Value) -> Option<String> {
    let nonempty = |v: Option<&Value>| match v {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    match q.get("speaker") {
        Some(s @ Value::Object(_)) => nonempty(s.get("name")).or_else(|| nonempty(s.get("text"))),
        s => nonempty(s),
    }
}

/// One entry of the entity registry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RegistryEntry {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub spellings: Vec<String>,
}

/// The entity registry: gold speaker ids and the names that may denote them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registry {
    entries: HashMap<String, RegistryEntry>,
}

impl Registry {
    /// Parses `registry.json`: an object from id to `{name, spellings}`.
    pub fn from_json(json: &str) -> Result<Registry, Error> {
        let entries = serde_json::from_str(json)
            .map_err(|e| Error::new(format!("invalid registry JSON: {e}")))?;
        Ok(Registry { entries })
    }

    /// Builds a registry from `(id, entry)` pairs.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, RegistryEntry)>) -> Registry {
        Registry {
            entries: entries.into_iter().collect(),
        }
    }

    /// Whether a predicted speaker name denotes gold speaker `gold_id`
    /// (`speaker_ok` in score.py). An unknown gold speaker accepts anything.
    pub fn speaker_ok(&self, pred_name: Option<&str>, gold_id: Option<&str>) -> bool {
        let Some(gold_id) = gold_id else { return true };
        let Some(pred_name) = pred_name.filter(|n| !n.is_empty()) else {
            return false;
        };
        let Some(entry) = self.entries.get(gold_id) else {
            return false;
        };
        let names: Vec<String> = std::iter::once(&entry.name)
            .chain(&entry.spellings)
            .filter(|n| !n.is_empty())
            .map(|n| norm(n))
            .collect();
        let p = norm(pred_name);
        if names.contains(&p) {
            return true;
        }
        let ptoks: HashSet<&str> = p.split(' ').filter(|t| !t.is_empty()).collect();
        !ptoks.is_empty()
            && names.iter().any(|n| {
                let ntoks: HashSet<&str> = n.split(' ').collect();
                ptoks.is_subset(&ntoks)
            })
    }
}

/// One article to score. `pred: None` is a missing prediction (scored as
/// empty and listed in the report); `text: None` rebuilds the text from the
/// gold spans, as `score.py` does without `--text-dir`.
#[derive(Clone, Debug)]
pub struct Article {
    /// The gold file's name, e.g. `NAME.json`.
    pub name: String,
    pub gold: Gold,
    pub pred: Option<Prediction>,
    pub text: Option<String>,
}

// ---------------------------------------------------------------------------
// Text helpers

/// `norm` in score.py: strips Arabic diacritics and tatweel, unifies alef,
/// ya, ta marbuta, waw and ya hamza forms, and collapses white space.
pub fn norm(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{0610}'..='\u{061a}'
            | '\u{064b}'..='\u{065f}'
            | '\u{0670}'
            | '\u{06d6}'..='\u{06ed}'
            | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => folded.push('ا'),
            'ى' | 'ئ' => folded.push('ي'),
            'ة' => folded.push('ه'),
            'ؤ' => folded.push('و'),
            c => folded.push(c),
        }
    }
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(is_py_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Python's `str.isspace`: Unicode white space plus the four ASCII
/// information separators.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// An article's text as `score.py` indexes it: one `char` per index.
struct Units(Vec<char>);

impl Units {
    /// From the article file: Python's universal newlines, astral characters
    /// widened to two placeholder units.
    fn from_text(text: &str) -> Units {
        let mut v = Vec::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    v.push('\n');
                }
                c if c.len_utf16() == 2 => v.extend(['\u{fffd}', '\u{fffd}']),
                c => v.push(c),
            }
        }
        Units(v)
    }

    /// Without the article file: blanks, with the gold spans' text written in
    /// by code point.
    fn from_gold(gold: &Gold) -> Units {
        let spans = gold
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.text.as_str()))
            .chain(
                gold.quotes
                    .iter()
                    .map(|q| (q.start, q.end, q.text.as_str())),
            );
        let n = spans.clone().map(|(_, e, _)| e).fold(0, i64::max);
        let n = usize::try_from(n).unwrap_or(0).min(qawl::MAX_INPUT_BYTES);
        let mut buf = vec![' '; n];
        for (start, _, text) in spans {
            for (k, ch) in text.chars().enumerate() {
                let at = start.saturating_add(to_i64(k));
                // A negative index in Python counts from the end.
                let at = if at < 0 { at + to_i64(n) } else { at };
                if let Ok(at) = usize::try_from(at) {
                    if at < n {
                        buf[at] = ch;
                    }
                }
            }
        }
        Units(buf)
    }

    fn len(&self) -> i64 {
        to_i64(self.0.len())
    }

    /// `text[i]`, with Python's negative indices; `None` where Python raises.
    fn at(&self, i: i64) -> Option<char> {
        let i = if i < 0 { i + self.len() } else { i };
        usize::try_from(i).ok().and_then(|i| self.0.get(i).copied())
    }

    /// `text[lo:hi]` with Python's slice clamping.
    fn slice(&self, lo: i64, hi: i64) -> &[char] {
        let n = self.len();
        let clamp = |i: i64| {
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            usize::try_from(i).unwrap_or(0)
        };
        let (a, b) = (clamp(lo), clamp(hi));
        if a < b {
            &self.0[a..b]
        } else {
            &[]
        }
    }

    fn is_edge(&self, i: i64) -> bool {
        self.at(i).is_some_and(|c| EDGE.contains(&c))
    }

    /// The span without edge characters (`trim` in score.py).
    fn trim(&self, mut s: i64, mut e: i64) -> (i64, i64) {
        while s < e && self.is_edge(s) {
            s += 1;
        }
        while e > s && self.is_edge(e - 1) {
            e -= 1;
        }
        (s, e)
    }

    /// Spans equal, or equal but for up to two leading proclitic letters.
    fn lenient_equal(&self, a: (i64, i64), b: (i64, i64)) -> bool {
        if a == b {
            return true;
        }
        let ((s1, e1), (s2, e2)) = (a, b);
        if e1 != e2 || s1.abs_diff(s2) > 2 {
            return false;
        }
        let (lo, hi) = (s1.min(s2), s1.max(s2));
        self.slice(lo, hi).iter().all(|c| PROCLITICS.contains(c))
    }
}

// ---------------------------------------------------------------------------
// Matching

fn jaccard(a: (i64, i64), b: (i64, i64)) -> f64 {
    let inter = (a.1.min(b.1) - a.0.max(b.0)).max(0);
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union != 0 {
        inter as f64 / union as f64
    } else {
        0.0
    }
}

/// One-to-one greedy matching by character Jaccard ≥ 0.5: pairs `(gold
/// index, pred index)` in the order they were taken.
fn match_spans(golds: &[(i64, i64)], preds: &[(i64, i64)]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, &g) in golds.iter().enumerate() {
        for (j, &p) in preds.iter().enumerate() {
            let jac = jaccard(g, p);
            // Pairs under the threshold are never taken; dropping them early
            // changes nothing and keeps the sort small.
            if jac >= 0.5 {
                pairs.push((jac, i, j));
            }
        }
    }
    // Python's sorted(reverse=True) on (jaccard, i, j) tuples.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let mut gi = vec![false; golds.len()];
    let mut pj = vec![false; preds.len()];
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if gi[i] || pj[j] {
            continue;
        }
        gi[i] = true;
        pj[j] = true;
        out.push((i, j));
    }
    out
}

// ---------------------------------------------------------------------------
// Report

/// Python's `round(x, 4)`: half to even on the exact binary value.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Precision, recall and F1 with their counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Prf {
    /// Scores from counts, rounded like score.py's `prf`.
    pub fn new(tp: u64, fp: u64, fn_: u64) -> Prf {
        let ratio = |a: u64, b: u64| if b != 0 { a as f64 / b as f64 } else { 0.0 };
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p: round4(p),
            r: round4(r),
            f1: round4(f1),
            tp,
            fp,
            fn_,
        }
    }
}

/// NER scores for one matching mode.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ByType {
    pub per: Prf,
    pub loc: Prf,
    pub org: Prf,
    pub date: Prf,
    /// Micro-average over the four types.
    pub all: Prf,
}

impl ByType {
    fn entries(&self) -> [(&'static str, &Prf); 5] {
        [
            ("PER", &self.per),
            ("LOC", &self.loc),
            ("ORG", &self.org),
            ("DATE", &self.date),
            ("all", &self.all),
        ]
    }
}

/// NER scores: exact spans, and spans that may differ by a leading proclitic.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ner {
    pub strict: ByType,
    pub lenient: ByType,
}

impl Ner {
    /// `("strict.PER", scores)` ... `("lenient.all", scores)`, in score.py's order.
    pub fn entries(&self) -> impl Iterator<Item = (String, &Prf)> {
        let strict = self
            .strict
            .entries()
            .map(|(k, v)| (format!("strict.{k}"), v));
        let lenient = self
            .lenient
            .entries()
            .map(|(k, v)| (format!("lenient.{k}"), v));
        strict.into_iter().chain(lenient)
    }
}

impl Serialize for Ner {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(10))?;
        for (k, v) in self.entries() {
            map.serialize_entry(&k, v)?;
        }
        map.end()
    }
}

/// Quotations in quote marks (direct and partial).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Speech {
    #[serde(flatten)]
    pub prf: Prf,
    /// Share of matched quotes whose span is exact but for edge characters.
    pub exact: f64,
    /// Share of matched quotes with a known gold speaker whose predicted
    /// speaker names that person.
    pub attrib: f64,
}

/// Reported speech without quote marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Indirect {
    #[serde(flatten)]
    pub prf: Prf,
    pub attrib: f64,
}

/// Gold term quotations (names, scare quotes) and how many of them were
/// reported as speech.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Term {
    pub n: u64,
    pub as_speech: u64,
}

/// The scores of a set of articles, micro-averaged. Serializes to the JSON of
/// `score.py --json`; displays as its text output.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub ner: Ner,
    /// Gold files with no prediction (scored as empty predictions).
    pub missing_predictions: Vec<String>,
    pub speech: Speech,
    /// Speech quotes that are matched and correctly attributed.
    pub who_said_what: Prf,
    pub indirect: Indirect,
    pub term: Term,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, v) in self.ner.entries() {
            writeln!(
                f,
                "ner.{k:<14} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
                v.p, v.r, v.f1, v.tp, v.fp, v.fn_
            )?;
        }
        let s = &self.speech;
        writeln!(
            f,
            "speech quotes       P {:.3}  R {:.3}  F1 {:.3}  exact {:.3}  attribution {:.3}",
            s.prf.p, s.prf.r, s.prf.f1, s.exact, s.attrib
        )?;
        let w = &self.who_said_what;
        writeln!(
            f,
            "who said what       P {:.3}  R {:.3}  F1 {:.3}",
            w.p, w.r, w.f1
        )?;
        let i = &self.indirect;
        writeln!(
            f,
            "indirect quotes     P {:.3}  R {:.3}  F1 {:.3}  attribution {:.3}",
            i.prf.p, i.prf.r, i.prf.f1, i.attrib
        )?;
        writeln!(
            f,
            "term quotes         {} of {} wrongly reported as speech",
            self.term.as_speech, self.term.n
        )?;
        if !self.missing_predictions.is_empty() {
            writeln!(
                f,
                "missing predictions: {}",
                self.missing_predictions.join(", ")
            )?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Scoring

/// Raw counts, summed over articles.
#[derive(Default)]
struct Counts {
    /// `[mode][type] = (tp, fp, fn)`, mode 0 strict, 1 lenient.
    ner: [[(u64, u64, u64); 4]; 2],
    sp_tp: u64,
    sp_fp: u64,
    sp_fn: u64,
    sp_exact: u64,
    sp_attrib_ok: u64,
    sp_attrib_n: u64,
    wsw_tp: u64,
    ind_tp: u64,
    ind_fp: u64,
    ind_fn: u64,
    ind_attrib_ok: u64,
    ind_attrib_n: u64,
    term: Term,
}

fn len64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Counts {
    fn add_ner(&mut self, text: &Units, gold: &Gold, pred: &Prediction) {
        for (mode, counts) in self.ner.iter_mut().enumerate() {
            for (t, typ) in TYPES.iter().enumerate() {
                let gs = gold.entities.iter().filter(|g| g.kind == *typ);
                let ps: Vec<(i64, i64)> = pred
                    .entities
                    .iter()
                    .filter(|p| p.label == *typ)
                    .map(|p| (p.start, p.end))
                    .collect();
                let mut used = vec![false; ps.len()];
                let c = &mut counts[t];
                for g in gs {
                    let g = (g.start, g.end);
                    let hit = ps.iter().enumerate().position(|(k, &p)| {
                        !used[k]
                            && if mode == 0 {
                                p == g
                            } else {
                                text.lenient_equal(p, g)
                            }
                    });
                    match hit {
                        Some(k) => {
                            used[k] = true;
                            c.0 += 1;
                        }
                        None => c.2 += 1,
                    }
                }
                c.1 += len64(used.iter().filter(|u| !**u).count());
            }
        }
    }

    fn add_quotes(&mut self, text: &Units, gold: &Gold, pred: &Prediction, registry: &Registry) {
        let gold_of = |kinds: &[&str]| -> Vec<&GoldQuote> {
            gold.quotes
                .iter()
                .filter(|q| kinds.contains(&q.kind.as_str()))
                .collect()
        };
        let pred_of = |kinds: &[&str]| -> Vec<&PredQuote> {
            pred.quotes
                .iter()
                .filter(|q| q.kind.as_deref().is_some_and(|k| kinds.contains(&k)))
                .collect()
        };
        let gspan = |qs: &[&GoldQuote]| qs.iter().map(|q| (q.start, q.end)).collect::<Vec<_>>();
        let pspan = |qs: &[&PredQuote]| qs.iter().map(|q| (q.start, q.end)).collect::<Vec<_>>();

        let g_speech = gold_of(&["direct", "partial"]);
        let p_speech = pred_of(&["direct", "partial"]);
        let p_speech_spans = pspan(&p_speech);
        let m = match_spans(&gspan(&g_speech), &p_speech_spans);
        self.sp_tp += len64(m.len());
        self.sp_fn += len64(g_speech.len() - m.len());
        self.sp_fp += len64(p_speech.len() - m.len());
        for &(i, j) in &m {
            let (g, p) = (g_speech[i], p_speech[j]);
            if text.trim(g.start, g.end) == text.trim(p.start, p.end) {
                self.sp_exact += 1;
            }
            let ok = registry.speaker_ok(p.speaker.as_deref(), g.speaker.as_deref());
            if g.speaker.as_deref().is_some_and(|s| !s.is_empty()) {
                self.sp_attrib_n += 1;
                self.sp_attrib_ok += u64::from(ok);
            }
            if ok {
                self.wsw_tp += 1;
            }
        }

        let g_ind = gold_of(&["indirect"]);
        let p_ind = pred_of(&["indirect"]);
        let mi = match_spans(&gspan(&g_ind), &pspan(&p_ind));
        self.ind_tp += len64(mi.len());
        self.ind_fn += len64(g_ind.len() - mi.len());
        self.ind_fp += len64(p_ind.len() - mi.len());
        for &(i, j) in &mi {
            let (g, p) = (g_ind[i], p_ind[j]);
            if g.speaker.as_deref().is_some_and(|s| !s.is_empty()) {
                self.ind_attrib_n += 1;
                self.ind_attrib_ok +=
                    u64::from(registry.speaker_ok(p.speaker.as_deref(), g.speaker.as_deref()));
            }
        }

        let g_term = gold_of(&["term"]);
        self.term.n += len64(g_term.len());
        self.term.as_speech += len64(match_spans(&gspan(&g_term), &p_speech_spans).len());
    }

    fn report(self, missing_predictions: Vec<String>) -> Report {
        let by_type = |c: &[(u64, u64, u64); 4]| {
            let prf = |(tp, fp, fn_): (u64, u64, u64)| Prf::new(tp, fp, fn_);
            let sum = c
                .iter()
                .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
            ByType {
                per: prf(c[0]),
                loc: prf(c[1]),
                org: prf(c[2]),
                date: prf(c[3]),
                all: prf(sum),
            }
        };
        let share = |a: u64, b: u64| {
            if b != 0 {
                round4(a as f64 / b as f64)
            } else {
                0.0
            }
        };
        let wrong = self.sp_tp - self.wsw_tp;
        Report {
            ner: Ner {
                strict: by_type(&self.ner[0]),
                lenient: by_type(&self.ner[1]),
            },
            missing_predictions,
            speech: Speech {
                prf: Prf::new(self.sp_tp, self.sp_fp, self.sp_fn),
                exact: share(self.sp_exact, self.sp_tp),
                attrib: share(self.sp_attrib_ok, self.sp_attrib_n),
            },
            who_said_what: Prf::new(self.wsw_tp, self.sp_fp + wrong, self.sp_fn + wrong),
            indirect: Indirect {
                prf: Prf::new(self.ind_tp, self.ind_fp, self.ind_fn),
                attrib: share(self.ind_attrib_ok, self.ind_attrib_n),
            },
            term: self.term,
        }
    }
}

/// Scores articles in memory. Articles are scored in the order given (the
/// order only affects the list of missing predictions).
pub fn score(articles: &[Article], registry: &Registry) -> Report {
    let mut counts = Counts::default();
    let mut missing = Vec::new();
    let empty = Prediction::default();
    for a in articles {
        let pred = match &a.pred {
            Some(p) => p,
            None => {
                missing.push(a.name.clone());
                &empty
            }
        };
        let text = match &a.text {
            Some(t) => Units::from_text(t),
            None => Units::from_gold(&a.gold),
        };
        counts.add_ner(&text, &a.gold, pred);
        counts.add_quotes(&text, &a.gold, pred, registry);
    }
    counts.report(missing)
}

fn read(path: &Path, what: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::new(format!(
            "cannot read {what} {}: {e}; check the path (and that the file is UTF-8)",
            path.display()
        ))
    })
}

/// Reads the articles of a gold folder: every `GOLD/NAME.json` (in name
/// order) with `PRED/NAME.json` and, given a text folder, `TEXT/NAME.txt`.
pub fn load_dirs(gold: &Path, pred: &Path, text: Option<&Path>) -> Result<Vec<Article>, Error> {
    let entries = std::fs::read_dir(gold).map_err(|e| {
        Error::new(format!(
            "cannot list the gold folder {}: {e}; pass the folder holding NAME.json gold files",
            gold.display()
        ))
    })?;
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| Error::new(format!("cannot list {}: {e}", gold.display())))?;
        // Names that are not Unicode cannot be matched by name; skip them.
        if let Ok(name) = entry.file_name().into_string() {
            if name.ends_with(".json") {
                names.push(name);
            }
        }
    }
    names.sort();
    let mut articles = Vec::with_capacity(names.len());
    for name in names {
        let gpath = gold.join(&name);
        let g = Gold::from_json(&read(&gpath, "gold file")?)
            .map_err(|e| Error::new(format!("{}: {e}", gpath.display())))?;
        let ppath = pred.join(&name);
        let p = if ppath.exists() {
            let json = read(&ppath, "prediction")?;
            let value: Value = serde_json::from_str(&json)
                .map_err(|e| Error::new(format!("{}: invalid JSON: {e}", ppath.display())))?;
            Some(
                Prediction::from_json(&value)
                    .map_err(|e| Error::new(format!("{}: {e}", ppath.display())))?,
            )
        } else {
            None
        };
        let base = &name[..name.len() - ".json".len()];
        let t = match text.map(|dir| dir.join(format!("{base}.txt"))) {
            Some(tpath) if tpath.exists() => Some(read(&tpath, "article text")?),
            _ => None,
        };
        articles.push(Article {
            name,
            gold: g,
            pred: p,
            text: t,
        });
    }
    Ok(articles)
}

/// Scores every `GOLD/NAME.json` against `PRED/NAME.json`, reading article
/// texts from `TEXT/NAME.txt` when given and the registry from its file.
pub fn score_dirs(
    gold: &Path,
    pred: &Path,
    text: Option<&Path>,
    registry: Option<&Path>,
) -> Result<Report, Error> {
    let registry = match registry {
        Some(path) => Registry::from_json(&read(path, "registry")?)
            .map_err(|e| Error::new(format!("{}: {e}", path.display())))?,
        None => Registry::default(),
    };
    let articles = load_dirs(gold, pred, text)?;
    Ok(score(&articles, &registry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round4_is_half_even_like_python() {
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.8125), 0.8125);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
    }

    #[test]
    fn norm_folds_and_collapses_space() {
        assert_eq!(norm("  أحمد\u{00a0}\u{064e}علىٰ  "), "احمد علي");
    }

    #[test]
    fn greedy_order_prefers_higher_indices_on_ties() {
        // Both golds overlap the single prediction with Jaccard 1/2; the
        // later gold wins the tie, as with Python's reverse sort.
        let golds = [(0, 10), (5, 15)];
        let preds = [(5, 10)];
        assert_eq!(match_spans(&golds, &preds), vec![(1, 0)]);
    }

    #[test]
    fn units_widen_astral_and_fold_newlines() {
        let u = Units::from_text("a😀\r\nb\rc");
        assert_eq!(u.0, vec!['a', '\u{fffd}', '\u{fffd}', '\n', 'b', '\n', 'c']);
        assert_eq!(u.at(-1), Some('c'));
        assert_eq!(u.at(7), None);
        assert_eq!(u.slice(-2, 100), &['\n', 'c']);
    }
}
