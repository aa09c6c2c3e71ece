//! Tokens and sentences: ordered, disjoint, on char boundaries, covering
//! every token exactly once.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = qawl::lab::Document::new(text);
    let mut last = 0;
    for t in &doc.tokens {
        assert!(t.start >= last && t.start < t.end && t.end <= text.len());
        assert!(t.stem >= t.start && t.stem <= t.end && text.is_char_boundary(t.stem));
        last = t.end;
    }
    let mut next = 0;
    for s in &doc.layout.sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    assert_eq!(next, doc.tokens.len());
});
