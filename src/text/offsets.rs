//! Conversion of byte offsets to the offsets other languages index strings by.
//!
//! The Rust API speaks byte offsets. JavaScript strings index UTF-16 code
//! units, and so do the JSON output and `score.py`; Python strings index code
//! points (`char`s). Characters outside the Basic Multilingual Plane (emoji,
//! U+1D400 𝐀) are one `char`, four bytes and *two* UTF-16 units, which is
//! where naive conversions go wrong.
//!
//! [`Utf16Index`] and [`CharIndex`] convert any char-boundary byte offset in
//! O(1) amortised time with checkpoints every [`STRIDE`] bytes, using memory
//! proportional to `len / STRIDE`. Both are pure conversions: they never look
//! at what the offsets mean.

/// Bytes between checkpoints.
pub const STRIDE: usize = 256;

/// The unit offsets are counted in.
#[derive(Clone, Copy, Debug)]
enum Unit {
    Utf16,
    Char,
}

impl Unit {
    /// How many units one character is.
    fn of(self, c: char) -> usize {
        match self {
            Unit::Utf16 => c.len_utf16(),
            Unit::Char => 1,
        }
    }

    /// How many units the UTF-8 bytes `b` (whole characters) hold, read
    /// off the bytes: every byte but a continuation byte starts a character,
    /// and a character of four bytes (its first byte 0xF0 or more) is two
    /// UTF-16 units. A plain byte loop, where decoding was a call per char.
    fn count(self, b: &[u8]) -> usize {
        // Continuation bytes are 0x80..=0xBF: as `i8`, below -0x40. Sums of
        // small integers, which the compiler turns into vector code.
        let starts = |x: u8| u32::from((x as i8) >= -0x40);
        let units: u32 = match self {
            Unit::Char => b.iter().map(|&x| starts(x)).sum(),
            Unit::Utf16 => b.iter().map(|&x| starts(x) + u32::from(x >= 0xF0)).sum(),
        };
        units as usize
    }
}

/// Byte offsets to counts of some unit (UTF-16 code units, code points).
#[derive(Clone, Debug)]
struct Checkpoints<'t> {
    text: &'t str,
    /// What is counted.
    unit: Unit,
    /// For checkpoint `k`: the first char boundary at or after `k * STRIDE`,
    /// and the number of units in the text before it.
    checkpoints: Vec<(u32, u32)>,
}

impl<'t> Checkpoints<'t> {
    fn new(text: &'t str, unit: Unit) -> Checkpoints<'t> {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut units = 0u32;
        let mut next = 0;
        for (at, c) in text.char_indices() {
            while at >= next {
                checkpoints.push((at as u32, units));
                next += STRIDE;
            }
            units += unit.of(c) as u32;
        }
        while text.len() >= next {
            checkpoints.push((text.len() as u32, units));
            next += STRIDE;
        }
        Checkpoints {
            text,
            unit,
            checkpoints,
        }
    }

    fn units(&self, byte: usize) -> usize {
        assert!(
            self.text.is_char_boundary(byte),
            "byte offset {byte} is not on a char boundary"
        );
        let (from, units) = self.checkpoints[byte / STRIDE];
        // `from` is the first boundary at or after `byte / STRIDE * STRIDE`,
        // and `byte` is a boundary there too, so `from <= byte`.
        units as usize + self.unit.count(&self.text.as_bytes()[from as usize..byte])
    }
}

/// Converts byte offsets of one text into UTF-16 offsets (JavaScript string
/// indices).
#[derive(Clone, Debug)]
pub struct Utf16Index<'t>(Checkpoints<'t>);

impl<'t> Utf16Index<'t> {
    pub fn new(text: &'t str) -> Utf16Index<'t> {
        Utf16Index(Checkpoints::new(text, Unit::Utf16))
    }

    /// The UTF-16 offset of byte offset `byte`.
    ///
    /// # Panics
    /// If `byte` is past the end or not on a char boundary: offsets qawl
    /// produces always are, so this is a bug in the caller.
    pub fn utf16(&self, byte: usize) -> usize {
        self.0.units(byte)
    }
}

/// Converts byte offsets of one text into code-point offsets (Python string
/// indices).
#[derive(Clone, Debug)]
pub struct CharIndex<'t>(Checkpoints<'t>);

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> CharIndex<'t> {
        CharIndex(Checkpoints::new(text, Unit::Char))
    }

    /// The code-point offset of byte offset `byte`.
    ///
    /// # Panics
    /// If `byte` is past the end or not on a char boundary, as
    /// [`Utf16Index::utf16`].
    pub fn chars(&self, byte: usize) -> usize {
        self.0.units(byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 600 characters of one to four bytes, one and two UTF-16 units.
    fn mixed() -> String {
        let mut s = String::new();
        for i in 0..600 {
            s.push_str(match i % 6 {
                0 => "a",
                1 => "ب",
                2 => "😀",
                3 => "€",
                4 => "\u{1D400}",
                _ => " ",
            });
        }
        s
    }

    fn boundaries(s: &str) -> impl Iterator<Item = usize> + '_ {
        s.char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(s.len()))
    }

    #[test]
    fn converts_every_boundary_like_a_naive_count() {
        let s = mixed();
        let idx = Utf16Index::new(&s);
        for at in boundaries(&s) {
            assert_eq!(idx.utf16(at), s[..at].encode_utf16().count(), "at {at}");
        }
    }

    #[test]
    fn counts_code_points_like_a_naive_count() {
        let s = mixed();
        let idx = CharIndex::new(&s);
        for at in boundaries(&s) {
            assert_eq!(idx.chars(at), s[..at].chars().count(), "at {at}");
        }
        // An astral character is one code point, two UTF-16 units, four bytes.
        let t = "😀\u{1D400}x";
        assert_eq!(CharIndex::new(t).chars(8), 2);
        assert_eq!(Utf16Index::new(t).utf16(8), 4);
    }

    #[test]
    fn empty_text() {
        assert_eq!(Utf16Index::new("").utf16(0), 0);
        assert_eq!(CharIndex::new("").chars(0), 0);
    }
}
