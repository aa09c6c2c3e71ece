//! The whole analysis: spans in bounds, on char boundaries, byte and UTF-16
//! offsets slicing the same text, deterministic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let a = qawl::analyze(text).expect("under the size limit");
    for (s, e, t) in a.spans() {
        assert_eq!(&text[s..e], t);
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    for (s, e, t) in a.clone().into_utf16(text).spans() {
        assert_eq!(String::from_utf16(&units[s..e]).unwrap(), t);
    }
    assert_eq!(qawl::analyze(text).unwrap(), a);
});
