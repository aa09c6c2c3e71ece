//! The Arabic text layer: folding for matching, tokens with proclitics, and
//! paragraph and sentence boundaries. Everything here keeps byte offsets into
//! the original text; nothing rewrites it.

pub mod clitic;
pub mod normalize;
pub mod offsets;
pub mod sentence;
pub mod token;

pub use normalize::key;
#[cfg(feature = "lab")]
pub use normalize::{fold, Normalized};
pub use offsets::{CharIndex, Utf16Index};
pub use sentence::{layout, Layout};
pub use token::{tokenize, Token, TokenKind};

/// An article prepared for analysis: its tokens and their layout.
#[derive(Clone, Debug)]
pub struct Document<'t> {
    /// The article as given.
    pub text: &'t str,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// Its paragraphs and sentences.
    pub layout: Layout,
    /// The tokens' start and end bytes, packed: binary searches by byte
    /// offset read these instead of the tokens (a long document's tokens
    /// fill tens of megabytes, and each search step missed the cache).
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl<'t> Document<'t> {
    /// Tokenizes and lays out `text`.
    pub fn new(text: &'t str) -> Document<'t> {
        let tokens = tokenize(text);
        let layout = layout(text, &tokens);
        Document {
            text,
            starts: tokens.iter().map(|t| t.start).collect(),
            ends: tokens.iter().map(|t| t.end).collect(),
            tokens,
            layout,
        }
    }

    /// The number of tokens that start before byte `b`: the index of the
    /// first token starting at or after it.
    pub fn tokens_starting_before(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s < b)
    }

    /// The number of tokens that end at or before byte `b`: the index of
    /// the first token ending after it.
    pub fn tokens_ending_by(&self, b: usize) -> usize {
        self.ends.partition_point(|&e| e <= b)
    }
}
