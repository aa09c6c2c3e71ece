//! Invariants every analysis keeps, whatever the input.

use qawl::{analyze, Analysis};

/// Analyses `text` and checks the output invariants: spans in bounds, on char
/// boundaries, sorted; byte and UTF-16 offsets slice the same text; the same
/// result twice.
pub fn check(text: &str) -> Analysis {
    let a = analyze(text).expect("analysis");
    let mut last = 0;
    for e in &a.entities {
        assert!(
            e.start >= last && e.start < e.end && e.end <= text.len(),
            "entity span {}..{}",
            e.start,
            e.end
        );
        last = e.end;
        assert!(e.cluster < a.clusters.len());
    }
    let mut last = 0;
    for q in &a.quotes {
        assert!(q.start >= last, "quotes sorted");
        last = q.start;
        assert!(q.start <= q.end && q.end <= text.len());
        if let Some(s) = &q.speaker {
            assert!(s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start));
            assert!(text.is_char_boundary(s.end));
        }
    }
    for (s, e, t) in a.spans() {
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} splits a character"
        );
        assert_eq!(&text[s..e], t);
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let u = a.clone().into_utf16(text);
    for (s, e, t) in u.spans() {
        assert_eq!(
            String::from_utf16(&units[s..e]).unwrap(),
            t,
            "UTF-16 span {s}..{e}"
        );
    }
    assert_eq!(analyze(text).unwrap(), a, "analysis is deterministic");
    a
}
