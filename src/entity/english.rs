//! English names by a trained tagger: the Arabic tagger's perceptron,
//! features and decoder ([`super::tagger`]), with a model of its own
//! (`models/ner-en.bin`) trained by `qawl-train` on CoNLL-2003 `eng.train`.
//!
//! Native builds (command line, Python, tests) embed the model. The wasm
//! build does not: its 0.6 MB would take the wasm past its size budget,
//! and Arabic readers would download it for nothing. The page asks
//! [`wants_model`] and, only when an article has English in it, fetches
//! the file once and gives it to [`load`]. Until a model is there,
//! English sentences are tagged by rule ([`super::latin`]). Runs of
//! Latin-script words inside Arabic sentences ([`latin_runs`]: `FTC`, `CB
//! Insights`) are read by the same model.
//!
//! Guarantees: a sentence is English when it has more Latin-script words
//! than Arabic ones ([`is_english`]); the same test picks the tagger here,
//! in `qawl tag` and in [`wants_model`]'s estimate. Spans start and end on
//! token boundaries.

use super::features::Word;
use super::model::Model;
use super::{tagger, Span};
use crate::analysis::Label;
use crate::text::sentence::is_abbreviation;
use crate::text::{key, Document, TokenKind};
use crate::wordlist::{self, Set};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// The English model, once there: embedded, or given to [`load`].
static MODEL: OnceLock<Model> = OnceLock::new();

/// The model's bytes, in builds that carry them (not wasm; see the module
/// documentation).
#[cfg(not(target_arch = "wasm32"))]
const EMBEDDED: Option<&[u8]> = Some(include_bytes!("../../models/ner-en.bin"));
#[cfg(target_arch = "wasm32")]
const EMBEDDED: Option<&[u8]> = None;

/// The English model, if this build embeds one or one was loaded.
pub fn model() -> Option<&'static Model> {
    if let Some(m) = MODEL.get() {
        return Some(m);
    }
    let bytes = EMBEDDED?;
    Some(MODEL.get_or_init(|| Model::from_static(bytes).unwrap_or_default()))
}

/// Why [`crate::load_english_model`] refused the bytes it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    bytes: usize,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} bytes given are not qawl's English model; load models/ner-en.bin \
             of this version of qawl (pkg/qawl-en.bin in the built page)",
            self.bytes
        )
    }
}

impl std::error::Error for ModelError {}

/// Makes `bytes` (the contents of `models/ner-en.bin`) the English model.
/// Loading again once a model is there changes nothing (the first one
/// stays: analyses already made keep meaning the same).
pub fn load(bytes: Vec<u8>) -> Result<(), ModelError> {
    if MODEL.get().is_some() {
        return Ok(());
    }
    let _ = MODEL.set(parse(bytes)?);
    Ok(())
}

/// The model in `bytes`, or why they are not one.
fn parse(bytes: Vec<u8>) -> Result<Model, ModelError> {
    let n = bytes.len();
    Model::from_vec(bytes).ok_or(ModelError { bytes: n })
}

/// Whether an analysis of `text` would tag English sentences, and no
/// English model is there yet: the page's cue to fetch one. A paragraph
/// counts when it has more Latin-script words than Arabic ones
/// ([`is_english`] over whitespace-separated words); reading characters
/// only, it costs far less than the analysis, and it can differ from the
/// analysis's per-sentence test where one English sentence stands in an
/// Arabic paragraph (that sentence is then tagged by rules in the page).
pub fn wants_model(text: &str) -> bool {
    let kind = |c: char| {
        if crate::text::token::is_arabic_letter(c) {
            TokenKind::Arabic
        } else {
            TokenKind::Latin
        }
    };
    model().is_none()
        && text.lines().any(|p| {
            is_english(
                p.split_whitespace()
                    .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
                    .map(kind),
            )
        })
}

/// The runs of Latin-script words in the (Arabic) sentence at token range
/// `r` that hold a capitalised word: Latin words, and `&`, `-`, `.` or `'`
/// written between two of them (`AT&T`, `Procter & Gamble`, `U.S.`).
pub(crate) fn latin_runs(doc: &Document, r: Range<usize>) -> Vec<Range<usize>> {
    let toks = &doc.tokens;
    let latin = |k: usize| k < r.end && toks[k].kind == TokenKind::Latin;
    let joiner = |k: usize| {
        toks[k].kind == TokenKind::Punct
            && matches!(toks[k].text(doc.text), "&" | "-" | "." | "'")
            && latin(k + 1)
    };
    let capitalised = |k: usize| {
        toks[k]
            .text(doc.text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let mut out = Vec::new();
    let mut i = r.start;
    while i < r.end {
        if !latin(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < r.end && (latin(j) || joiner(j)) {
            j += 1;
        }
        if (i..j).any(|k| toks[k].kind == TokenKind::Latin && capitalised(k)) {
            out.push(i..j);
        }
        i = j;
    }
    out
}

/// Whether a sentence of these token kinds is English: more Latin-script
/// words than Arabic ones.
pub(crate) fn is_english(kinds: impl Iterator<Item = TokenKind>) -> bool {
    let (mut latin, mut arabic) = (0usize, 0usize);
    for k in kinds {
        match k {
            TokenKind::Latin => latin += 1,
            TokenKind::Arabic => arabic += 1,
            _ => {}
        }
    }
    latin > arabic
}

/// The names the model tags in the English sentences of `doc` (token
/// ranges), tagged as one document so names carry across sentences.
pub(crate) fn find(doc: &Document, model: &Model, sentences: &[Range<usize>]) -> Vec<Span> {
    let views: Vec<Vec<ViewWord>> = sentences.iter().map(|r| view(doc, r.clone())).collect();
    let sents: Vec<Vec<Word>> = views
        .iter()
        .map(|v| v.iter().map(|w| w.word(doc)).collect())
        .collect();
    let tags = tagger::tag_document(model, &sents);
    let mut names = Vec::new();
    for (ys, v) in tags.iter().zip(&views) {
        for (i, j, ty) in tagger::chunks(ys) {
            let mut label = super::TAGGER_LABELS[ty];
            // A name right after a personal title is a person (`Mr.
            // Castellanos`): Reuters copy, the model's training data, has
            // almost no honorifics.
            if i > 0 && PERSONAL_TITLES.contains(bare(&v[i - 1].norm)) {
                label = Label::PER;
            }
            let mut words = &v[i..j];
            while label == Label::PER && words.len() > 1 && TITLES.contains(bare(&words[0].norm)) {
                words = &words[1..]; // `Rev. Thomas Keane` → `Thomas Keane`
            }
            names.push((words, label));
        }
    }
    fit_labels(&mut names);
    names
        .into_iter()
        .map(|(words, label)| {
            let tokens = words[0].tokens.start..words[words.len() - 1].tokens.end;
            Span {
                start: doc.tokens[tokens.start].start,
                tokens,
                label,
            }
        })
        .collect()
}

/// Title words kept out of a person's name (the quotation stage reads the
/// same set: `quote::words::is_en_title`).
pub(crate) static TITLES: Set = Set::new(&[wordlist::EN_TITLES, wordlist::EN_TITLES_SPEAKER]);
/// Titles that make the name after them a person's.
static PERSONAL_TITLES: Set = Set::new(&[wordlist::EN_TITLES, wordlist::EN_TITLES_TAGGER]);
/// Head words that make a name a place.
static PLACE_HEADS: Set = Set::new(&[wordlist::EN_PLACE_HEADS]);

/// A folded word without an abbreviation's full stop (`rev.` → `rev`).
fn bare(norm: &str) -> &str {
    norm.strip_suffix('.').unwrap_or(norm)
}

/// Labels the tagger's sports-page habits get wrong in general news: a name
/// ending in a place head word is a place, and a one-word name that is the
/// family name of a person named in full in the article is that person
/// (`Thomas Keane` … `Keane's church`).
fn fit_labels(names: &mut [(&[ViewWord], Label)]) {
    // A set: a long article names thousands of people.
    let family: super::fasthash::FastSet<&str> = names
        .iter()
        .filter(|(w, l)| *l == Label::PER && w.len() > 1)
        .map(|(w, _)| w[w.len() - 1].norm.as_ref())
        .collect();
    for (words, label) in names.iter_mut() {
        let last = words[words.len() - 1].norm.as_ref();
        if words.len() > 1 && PLACE_HEADS.contains(last) {
            *label = Label::LOC;
        } else if words.len() == 1 && family.contains(last) {
            *label = Label::PER;
        }
    }
}

/// A word as the model's training data (CoNLL-2003) writes it: one token
/// or several written together (`U.S.`, `Chester-le-Street`, `1996-08-30`).
struct ViewWord<'d> {
    tokens: Range<usize>,
    /// The folded form: the token's own for a word of one token (most of
    /// them), folded afresh only for tokens written together.
    norm: Cow<'d, str>,
}

impl<'d> ViewWord<'d> {
    fn text(&self, doc: &Document<'d>) -> &'d str {
        &doc.text[doc.tokens[self.tokens.start].start..doc.tokens[self.tokens.end - 1].end]
    }

    /// The word as the tagger sees it: a token's own analysis when it is one.
    fn word(&'d self, doc: &'d Document) -> Word<'d> {
        if self.tokens.len() == 1 {
            Word::of_token(&doc.tokens[self.tokens.start], doc.text)
        } else {
            let text = self.text(doc);
            Word::new(text, &self.norm, Word::kind_of(text))
        }
    }
}

/// The words of the sentence at token range `r`, joined the way CoNLL-2003
/// tokenizes: the model learned `U.S.` and `Boston-based` as one word each,
/// and a place name cut at its dots or hyphens reads as something else.
fn view<'d>(doc: &'d Document, r: Range<usize>) -> Vec<ViewWord<'d>> {
    let toks = &doc.tokens;
    let glued = |k: usize| k < r.end && toks[k].start == toks[k - 1].end;
    let is = |k: usize, s: &str| toks[k].kind == TokenKind::Punct && toks[k].text(doc.text) == s;
    let solid = |k: usize| matches!(toks[k].kind, TokenKind::Latin | TokenKind::Number);
    let mut out = Vec::new();
    let mut i = r.start;
    while i < r.end {
        let mut j = i + 1;
        if solid(i) {
            loop {
                if glued(j) && glued(j + 1) && is(j, "-") && solid(j + 1) {
                    j += 2; // `Chester-le-Street`, `1996-08-30`
                } else if glued(j) && is(j, ".") && is_abbreviation(doc.text, toks, j) {
                    j += 1; // `U.S.`, `P.`, `Mr.`
                    if !(glued(j) && toks[j].kind == TokenKind::Latin) {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let norm = if j == i + 1 {
            Cow::Borrowed(toks[i].norm.as_str())
        } else {
            Cow::Owned(key(&doc.text[toks[i].start..toks[j - 1].end]))
        };
        out.push(ViewWord { tokens: i..j, norm });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    #[test]
    fn other_bytes_are_refused_with_what_to_load() {
        let err = parse(b"QAWL but not a model".to_vec()).unwrap_err();
        assert!(err.to_string().contains("ner-en.bin"), "{err}");
        assert!(parse(include_bytes!("../../models/ner-en.bin").to_vec()).is_ok());
    }

    #[test]
    fn english_is_a_latin_majority() {
        let doc = Document::new("قال John Smith إن الخطة جيدة");
        assert!(!is_english(doc.tokens.iter().map(|t| t.kind)));
        let doc = Document::new("John Smith said في دمشق the plan was good");
        assert!(is_english(doc.tokens.iter().map(|t| t.kind)));
    }

    #[test]
    fn words_are_joined_as_conll_writes_them() {
        let text = "Mr. Lee of the U.S. Navy met Chester-le-Street fans on 1996-08-30 - Lee 's.";
        let doc = Document::new(text);
        let r = 0..doc.tokens.len();
        let words: Vec<&str> = view(&doc, r).iter().map(|w| w.text(&doc)).collect();
        assert_eq!(
            words,
            [
                "Mr.",
                "Lee",
                "of",
                "the",
                "U.S.",
                "Navy",
                "met",
                "Chester-le-Street",
                "fans",
                "on",
                "1996-08-30",
                "-",
                "Lee",
                "'s",
                "."
            ]
        );
    }
}
