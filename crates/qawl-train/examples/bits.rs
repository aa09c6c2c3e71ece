fn main() {
    let m = qawl::lab::tagger_model();
    for w in std::env::args().skip(1) {
        let k = qawl::lab::key(&w);
        println!("{w} bits={:013b} cluster={}", m.lex_bits(&k), m.cluster(&k));
    }
}
