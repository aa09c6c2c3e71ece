//! Folding never panics, and its offset map lands on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let n = qawl::lab::Normalized::new(text);
    assert_eq!(n.as_str(), qawl::lab::fold(text));
    for (i, _) in n.as_str().char_indices() {
        assert!(text.is_char_boundary(n.original(i)));
    }
    assert_eq!(n.original(n.as_str().len()), text.len());
});
