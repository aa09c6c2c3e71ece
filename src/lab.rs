//! The tagger's workbench: what qawl's own trainer (`crates/qawl-train`) and
//! command line (`qawl tag`, in `crates/qawl-cli`) need from the library's
//! internals, and nothing more.
//!
//! **Not a stable API.** This module exists only with the `lab` cargo
//! feature, which the shipped (wasm) build never enables, and it changes
//! whenever the tagger does. Programs that analyse articles want
//! [`crate::analyze`].
//!
//! What it does guarantee is the reason it exists: the word features, the
//! decoder and the model format here are the ones the shipped tagger runs,
//! not copies, so a model trained through them meets at tagging time exactly
//! the features and decoding it was trained with.
//!
//! The parts, in the order the trainer uses them:
//!
//! * Corpus words: [`key`] folds a word; [`Word`] is a word as the tagger
//!   sees it; [`LABELS`] are the `N` BIO labels, [`allowed`] says which may
//!   follow which, and [`chunks`] reads a label sequence as mentions.
//! * The lexicon: a [`Lexicon`] is `(key, bits)` entries: [`phrase_key`] of a
//!   folded name with its type bits (`1 << type`, in [`chunks`]' type order),
//!   or [`GIVEN`], [`FAMILY`] and [`PREFIX`]; [`builtin_lexicon`] gives the
//!   closed word lists; [`cluster_key`] and [`cluster_value`] store a word's
//!   cluster.
//! * Features: [`lex_marks`] once per sentence, then [`features`] per word.
//! * Decoding: [`viterbi`] over integer scores, as the tagger decodes;
//!   [`tag_with_model`] tags a document the way the library does, with any
//!   model ([`MAX_MISSED_PER_TAGGED`] is its name-propagation guard).
//! * The model: [`Model::from_weights`] quantizes trained weights into the
//!   format the library embeds, [`Model::to_bytes`] gives its bytes and
//!   [`Model::parse`] reads a copy of them back.
//! * Raw text, for word clusters: [`tokenize`], [`TokenKind`],
//!   [`is_arabic_letter`].
//! * `qawl tag`: [`tag_document`] tags CoNLL sentences with the embedded
//!   model.
//! * Speakers: [`analyze_speakers`] analyses an article with any speaker
//!   model ([`SpeakerWeights`]), showing an [`SpeakerObserver`] every cue's
//!   [`SpeakerCandidate`]s; the trainer learns the model from them.
//! * Stages one at a time, for the project's tests, benchmarks and fuzz
//!   targets: [`Document`], [`tag_words`], the [`Tagger`] with its
//!   [`tagger_model`] (and [`english_model`]) and [`propagate`], and the folding with an offset map
//!   ([`Normalized`], [`fold`]).

pub use crate::entity::english::model as english_model;
pub use crate::entity::features::{
    cluster_value, features, lex_marks, LexMark, Shape, Word, MAX_PHRASE,
};
pub use crate::entity::lexicon::{builtin as builtin_lexicon, FAMILY, GIVEN, PREFIX};
pub use crate::entity::model::{Lexicon, Model, LABELS, N};
pub use crate::entity::org::is_classifier as org_classifier;
pub use crate::entity::tag_document;
pub use crate::entity::tag_words;
pub use crate::entity::tagger::{
    allowed, chunks, tag_document as tag_with_model, viterbi, MAX_MISSED_PER_TAGGED,
};
pub use crate::entity::tagger::{model as tagger_model, propagate, Tagger};
pub use crate::quote::coref::Who;
pub use crate::quote::kinds::{
    feature_name as kind_feature_name, is_term as kinds_is_term, model as kinds_model,
    Model as KindsModel, NoTrace as NoKindsTrace, Trace as KindsTrace,
};
pub use crate::quote::speaker::{
    feature_name, model as speaker_model, Candidate as SpeakerCandidate, Follow as FollowModel,
    Observer as SpeakerObserver, Origin, Weights as SpeakerWeights,
};
pub use crate::text::token::is_arabic_letter;
pub use crate::text::{fold, Document, Normalized};
pub use crate::text::{key, tokenize, TokenKind};

use crate::entity::{features as f, model};

/// Whether the shipped tagger's lexicon knows a folded word as a person's
/// or a place's name.
pub fn known_person_or_place(form: &str) -> bool {
    use crate::entity::lexicon::{LOC, PER};
    crate::entity::tagger::model().lex_bits(form) & (PER | LOC) != 0
}

/// The lexicon key of a folded name: one word, or several separated by
/// single spaces.
pub fn phrase_key(phrase: &str) -> u32 {
    f::lex_key(model::phrase_hash(phrase))
}

/// The lexicon key under which a folded word's cluster ([`cluster_value`])
/// is stored.
pub fn cluster_key(word: &str) -> u32 {
    f::cluster_key(model::strhash(word.as_bytes()))
}

/// Analyses an article as [`crate::analyze`] does, but with the kinds model
/// `model` (term or speech, for Arabic quoted spans), showing `trace` every
/// such span's features; the trainer learns the model from them.
pub fn analyze_kinds(
    text: &str,
    model: &KindsModel,
    trace: &mut dyn KindsTrace,
) -> crate::Analysis {
    analyze_models(text, speaker_model(), &mut FollowModel, model, trace)
}

/// Analyses an article as [`crate::analyze`] does, but with the speaker
/// model `weights` (`obs` sees every cue's candidates) and the kinds model
/// `kinds` (`trace` sees every Arabic quoted span's features): the
/// cross-validation's entry, where both models are trained without the
/// held-out outlet.
pub fn analyze_models(
    text: &str,
    weights: &SpeakerWeights,
    obs: &mut dyn SpeakerObserver,
    kinds: &KindsModel,
    trace: &mut dyn KindsTrace,
) -> crate::Analysis {
    let doc = crate::text::Document::new(text);
    let ents = crate::entity::recognize(&doc);
    let quotes = crate::quote::extract_full(&doc, &ents, weights, obs, kinds, trace);
    crate::Analysis::assemble(text, Some(ents), quotes)
}

/// Analyses an article as [`crate::analyze`] does, but with the speaker
/// model `weights`, showing `obs` every cue's candidates (and letting it pick
/// which one later cues continue from).
pub fn analyze_speakers(
    text: &str,
    weights: &SpeakerWeights,
    obs: &mut dyn SpeakerObserver,
) -> crate::Analysis {
    analyze_models(text, weights, obs, kinds_model(), &mut NoKindsTrace)
}
