//! Property tests: random text drawn from the characters that trouble Arabic
//! news analysis (letters, proclitics, diacritics, tatweel, every quote mark,
//! punctuation, digits, emoji, bidi and zero-width controls, new lines) keeps
//! every output invariant. The cargo-fuzz targets in `fuzz/` explore further.

mod common;

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "ا",
    "ب",
    "ت",
    "و",
    "ف",
    "ل",
    "ك",
    "ال",
    "وال",
    "لل",
    "قال",
    "أن",
    "إن",
    "بوتين",
    "الرئيس",
    "الجمعة",
    "آب",
    "2015",
    "٢٠١٥",
    "3.5",
    "ً",
    "ّ",
    "ـ",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "'",
    "‘",
    "’",
    ":",
    "،",
    ".",
    "؟",
    "...",
    "…",
    "/",
    "-",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "😀",
    "🇸🇾",
    "\u{202E}",
    "\u{200F}",
    "\u{200C}",
    "\u{FEFF}",
    "\u{FFFD}",
    "ﻻ",
    "Said",
    "the",
    "President",
    "\u{0301}",
    "<b>",
    "&amp;",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..400).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn pieces_keep_every_invariant(text in article()) {
        common::check(&text);
    }

    #[test]
    fn any_unicode_keeps_every_invariant(text in "\\PC{0,300}") {
        common::check(&text);
    }

    #[test]
    fn folding_maps_back_to_char_boundaries(text in article()) {
        let n = qawl::lab::Normalized::new(&text);
        for (i, _) in n.as_str().char_indices() {
            prop_assert!(text.is_char_boundary(n.original(i)));
        }
        prop_assert_eq!(n.original(n.as_str().len()), text.len());
    }
}
