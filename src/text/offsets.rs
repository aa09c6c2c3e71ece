//! Conversion of byte offsets to UTF-16 code-unit offsets.
//!
//! The Rust API speaks byte offsets; JavaScript strings index UTF-16 code
//! units, and so do the JSON output and `score.py`. Characters outside the
//! Basic Multilingual Plane (emoji) are one `char`, four bytes and *two* UTF-16
//! units, which is where naive conversions go wrong.
//!
//! [`Utf16Index`] converts any char-boundary byte offset in O(1) amortised
//! time with checkpoints every [`STRIDE`] bytes, using memory proportional to
//! `len / STRIDE`.

/// Bytes between checkpoints.
pub const STRIDE: usize = 256;

/// Converts byte offsets of one text into UTF-16 offsets.
#[derive(Clone, Debug)]
pub struct Utf16Index<'t> {
    text: &'t str,
    /// For checkpoint `k`: the first char boundary at or after `k * STRIDE`,
    /// and the UTF-16 length of the text before it.
    checkpoints: Vec<(u32, u32)>,
}

impl<'t> Utf16Index<'t> {
    pub fn new(text: &'t str) -> Utf16Index<'t> {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut units = 0u32;
        let mut next = 0;
        for (at, c) in text.char_indices() {
            while at >= next {
                checkpoints.push((at as u32, units));
                next += STRIDE;
            }
            units += c.len_utf16() as u32;
        }
        while text.len() >= next {
            checkpoints.push((text.len() as u32, units));
            next += STRIDE;
        }
        Utf16Index { text, checkpoints }
    }

    /// The UTF-16 offset of byte offset `byte`.
    ///
    /// # Panics
    /// If `byte` is past the end or not on a char boundary: offsets qawl
    /// produces always are, so this is a bug in the caller.
    pub fn utf16(&self, byte: usize) -> usize {
        assert!(
            self.text.is_char_boundary(byte),
            "byte offset {byte} is not on a char boundary"
        );
        let (from, units) = self.checkpoints[byte / STRIDE];
        // `from` is the first boundary at or after `byte / STRIDE * STRIDE`,
        // and `byte` is a boundary there too, so `from <= byte`.
        units as usize + self.text[from as usize..byte].encode_utf16().count()
    }
}

/// The UTF-16 length of `s`.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_every_boundary_like_a_naive_count() {
        let mut s = String::new();
        for i in 0..600 {
            s.push_str(match i % 5 {
                0 => "a",
                1 => "ب",
                2 => "😀",
                3 => "€",
                _ => " ",
            });
        }
        let idx = Utf16Index::new(&s);
        for (at, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            assert_eq!(idx.utf16(at), s[..at].encode_utf16().count(), "at {at}");
        }
    }

    #[test]
    fn empty_text() {
        assert_eq!(Utf16Index::new("").utf16(0), 0);
    }
}
