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
use std::borrow::Cow;
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
    /// How many distinct spellings its tokens have ([`Token::spelling`]).
    pub spellings: usize,
    /// The tokens' start and end bytes, packed: binary searches by byte
    /// offset read these instead of the tokens (a long document's tokens
    /// fill tens of megabytes, and each search step missed the cache).
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// Per block of [`BLOCK`] bytes, how many tokens start (and end)
    /// before the block: a search by byte offset then looks only at the
    /// few tokens of one block.
    start_blocks: Vec<u32>,
    end_blocks: Vec<u32>,
}

/// log2 of the bytes per block of [`Document`]'s position index: a block
/// holds a few tokens, and the index is a small fraction of the text.
const BLOCK_BITS: u32 = 6;
/// Bytes per block.
const BLOCK: usize = 1 << BLOCK_BITS;

impl<'t> Document<'t> {
    /// Tokenizes and lays out `text`.
    pub fn new(text: &'t str) -> Document<'t> {
        let tokens = tokenize(text);
        let layout = layout(text, &tokens);
        let starts: Vec<usize> = tokens.iter().map(|t| t.start).collect();
        let ends: Vec<usize> = tokens.iter().map(|t| t.end).collect();
        Document {
            text,
            spellings: tokens
                .iter()
                .map(|t| t.spelling as usize + 1)
                .max()
                .unwrap_or(0),
            start_blocks: blocks(&starts, text.len(), |s, b| s < b),
            end_blocks: blocks(&ends, text.len(), |e, b| e <= b),
            starts,
            ends,
            tokens,
            layout,
        }
    }

    /// The [`key`] of the text from byte `from` to the end of token `i`:
    /// the token's own folded form when `from` is its start (the token's
    /// `norm` is that text's key), folded afresh otherwise.
    pub(crate) fn key_to_end_of(&self, from: usize, i: usize) -> Cow<'_, str> {
        let t = &self.tokens[i];
        if from == t.start {
            Cow::Borrowed(&t.norm)
        } else {
            Cow::Owned(key(&self.text[from..t.end]))
        }
    }

    /// The number of tokens that start before byte `b`: the index of the
    /// first token starting at or after it.
    pub fn tokens_starting_before(&self, b: usize) -> usize {
        in_block(&self.starts, &self.start_blocks, b, |s| s < b)
    }

    /// The token that starts at byte `b`, if one does.
    pub fn token_at(&self, b: usize) -> Option<&Token> {
        self.tokens
            .get(self.tokens_ending_by(b))
            .filter(|t| t.start == b)
    }

    /// Whether token `j` is a comma, Arabic or Latin (`،`, `,`).
    pub fn is_comma(&self, j: usize) -> bool {
        self.tokens
            .get(j)
            .is_some_and(|t| is_comma(t.text(self.text)))
    }

    /// The number of tokens that end at or before byte `b`: the index of
    /// the first token ending after it.
    pub fn tokens_ending_by(&self, b: usize) -> usize {
        in_block(&self.ends, &self.end_blocks, b, |e| e <= b)
    }
}

/// For sorted `offsets` in a text of `len` bytes, entry `k` the number of
/// offsets `o` with `before(o, k * BLOCK)`, for every block boundary up to
/// past the end.
fn blocks(offsets: &[usize], len: usize, before: impl Fn(usize, usize) -> bool) -> Vec<u32> {
    let n = (len >> BLOCK_BITS) + 2;
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    for k in 0..n {
        while i < offsets.len() && before(offsets[i], k * BLOCK) {
            i += 1;
        }
        out.push(i as u32);
    }
    out
}

/// `offsets.partition_point(pred)`, where `pred` holds of every offset
/// before those of `b`'s block ([`blocks`] counted them with the same test)
/// and of none after it: only that block's offsets are searched.
fn in_block(offsets: &[usize], blocks: &[u32], b: usize, pred: impl Fn(usize) -> bool) -> usize {
    let k = b >> BLOCK_BITS;
    match (blocks.get(k), blocks.get(k + 1)) {
        (Some(&lo), Some(&hi)) => {
            let (lo, hi) = (lo as usize, hi as usize);
            lo + offsets[lo..hi].partition_point(|&o| pred(o))
        }
        _ => offsets.partition_point(|&o| pred(o)),
    }
}

/// Whether a token's text is a comma, Arabic or Latin (`،`, `,`).
pub fn is_comma(text: &str) -> bool {
    matches!(text, "،" | ",")
}

#[cfg(test)]
mod tests {
    use super::Document;

    #[test]
    fn block_searches_match_whole_searches() {
        let text = "قال بوتين: «نعم». ".repeat(20) + "Putin said: \"yes\" وأضاف";
        let doc = Document::new(&text);
        for b in 0..text.len() + 3 * super::BLOCK {
            assert_eq!(
                doc.tokens_starting_before(b),
                doc.starts.partition_point(|&s| s < b),
                "{b}"
            );
            assert_eq!(
                doc.tokens_ending_by(b),
                doc.ends.partition_point(|&e| e <= b),
                "{b}"
            );
        }
    }
}
