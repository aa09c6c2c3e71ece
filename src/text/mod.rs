//! The Arabic text layer: folding for matching, tokens with proclitics, and
//! paragraph and sentence boundaries. Everything here keeps byte offsets into
//! the original text; nothing rewrites it.

pub mod clitic;
pub mod normalize;
pub mod offsets;
pub mod sentence;
pub mod token;

pub use normalize::{fold, key, Normalized};
pub use offsets::Utf16Index;
pub use sentence::{layout, Layout, Segment};
pub use token::{tokenize, Token, TokenKind};

/// An article prepared for analysis: its tokens and their layout.
#[derive(Clone, Debug)]
pub struct Document<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub layout: Layout,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        let tokens = tokenize(text);
        let layout = layout(text, &tokens);
        Document {
            text,
            tokens,
            layout,
        }
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }
}
