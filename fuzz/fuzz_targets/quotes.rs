//! Quote pairing on text dense with quote marks: spans in bounds and
//! slicing the text they claim.
#![no_main]
use libfuzzer_sys::fuzz_target;

const MARKS: [&str; 12] = ["\"", "“", "”", "«", "»", "„", "‹", "›", "'", "‘", "’", "\n"];

fuzz_target!(|data: &[u8]| {
    // Each byte picks a quote mark or a short word, so pairing is exercised
    // far more than random text would.
    let mut text = String::new();
    for &b in data {
        match b % 16 {
            n if (n as usize) < MARKS.len() => text.push_str(MARKS[n as usize]),
            12 => text.push_str("قال "),
            13 => text.push_str(" أن "),
            14 => text.push_str("نص"),
            _ => text.push(' '),
        }
    }
    let a = qawl::analyze(&text).expect("under the size limit");
    for q in &a.quotes {
        assert_eq!(&text[q.start..q.end], q.text);
    }
});
