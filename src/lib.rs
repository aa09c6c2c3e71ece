//! qawl (قول, "a saying") reads a news article and finds whom and what it
//! names (people, places, organizations, dates) and who said what: the
//! quotations it reports, with their speakers. Arabic first, English too.
//!
//! One pipeline, data flowing one way:
//!
//! ```text
//! text → text::Document (tokens, proclitics, sentences)
//!      → entity (tagger + rules + lexicons → mentions → clusters)
//!      → quote (marks, cues, speakers)
//!      → Analysis (serde) → wasm API / CLI / page
//! ```
//!
//! The library reads no files and writes no JSON; the command line and the
//! tagger's trainer are crates of their own. The `lab` cargo feature (off by
//! default, never in the wasm build) adds `qawl::lab`, the tagger internals
//! those two use; it is not a stable API.
//!
//! ```
//! let text = "قال الرئيس الروسي فلاديمير بوتين الجمعة: \"نحن مستعدون\".";
//! let analysis = qawl::analyze(text).unwrap();
//! for q in &analysis.quotes {
//!     assert_eq!(&text[q.start..q.end], q.text);
//! }
//! ```

#![deny(missing_docs)]

pub mod analysis;
pub mod compare;
pub(crate) mod entity;
pub(crate) mod quote;
pub(crate) mod text;
pub(crate) mod wordlist;

#[cfg(feature = "lab")]
pub mod lab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{Analysis, Cluster, Cue, Entity, Label, Quote, QuoteKind, Speaker};
pub use entity::english::ModelError as EnglishModelError;

use std::fmt;

/// The largest input [`analyze`] accepts, in bytes: 32 MiB, about fifty books.
/// Real articles are a few kilobytes; the limit keeps a runaway paste from
/// exhausting a browser tab's memory.
pub const MAX_INPUT_BYTES: usize = 32 << 20;

/// Why an article could not be analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input is longer than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// The input's length in bytes.
        bytes: usize,
        /// The limit, [`MAX_INPUT_BYTES`].
        limit: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { bytes, limit } => write!(
                f,
                "the text is {bytes} bytes long, over qawl's limit of {limit} bytes; \
                 split it into articles and analyse them one at a time"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// What to analyse. Every stage is on by default.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Report entity mentions and clusters.
    pub entities: bool,
    /// Report quotations. Speakers still come from entities found internally.
    pub quotes: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            entities: true,
            quotes: true,
        }
    }
}

/// Gives qawl its English tagger model: the bytes of `models/ner-en.bin`
/// (the page's `pkg/qawl-en.bin`). Native builds embed the model and never
/// need this; the wasm build leaves it out (see
/// [`wants_english_model`]), and tags English by rule until it is given.
/// The first model given stays; later calls change nothing.
pub fn load_english_model(bytes: Vec<u8>) -> Result<(), EnglishModelError> {
    entity::english::load(bytes)
}

/// Whether [`analyze`] would tag English sentences in `text` while no
/// English model is there (only in the wasm build, until
/// [`load_english_model`]): the cue to fetch the model. It reads the text's
/// characters once, far faster than an analysis.
pub fn wants_english_model(text: &str) -> bool {
    entity::english::wants_model(text)
}

/// Analyses one article. Offsets in the result are byte offsets into `text`;
/// call [`Analysis::into_utf16`] for JavaScript string indices.
pub fn analyze(text: &str) -> Result<Analysis, Error> {
    analyze_with(text, &Options::default())
}

/// Analyses one article with [`Options`].
pub fn analyze_with(text: &str, options: &Options) -> Result<Analysis, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            bytes: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let doc = text::Document::new(text);
    let entities = entity::recognize(&doc);
    let quotes = if options.quotes {
        quote::extract(&doc, &entities)
    } else {
        Vec::new()
    };
    let entities = options.entities.then_some(entities);
    Ok(Analysis::assemble(text, entities, quotes))
}
