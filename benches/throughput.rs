//! Native speed of the whole analysis, on one core, checked against budgets.
//!
//! Prints MB/s and tokens/s on each sample article, on a 10 MB concatenation,
//! and the time per MB from 10 KB to 10 MB (linear time shows as a flat
//! column). Exits non-zero when a budget is missed. Run: `make bench` or
//! `cargo bench --features lab --bench throughput`.

use std::time::{Duration, Instant};

/// Whole analysis, natively, one core.
const BUDGET_MB_PER_S: f64 = 10.0;
/// Time per MB at 10 MB may exceed the time per MB at 10 KB by this factor.
const BUDGET_LINEARITY: f64 = 2.0;

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples");
    let dir = if std::path::Path::new(dir).exists() {
        dir
    } else {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds")
    };
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("sample folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
        })
        .collect();
    v.sort();
    v
}

/// Best-of-`n` time of one analysis, at least `min` in total.
fn time(text: &str, min: Duration) -> Duration {
    let mut best = Duration::MAX;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 3 || started.elapsed() < min {
        let t = Instant::now();
        let a = qawl::analyze(text).expect("analysis");
        std::hint::black_box(&a);
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let samples = samples();
    let mut failures = Vec::new();
    println!("native throughput (one core, best of several runs)");
    let mut all = String::new();
    for (name, text) in &samples {
        let d = time(text, Duration::from_millis(300));
        let tokens = qawl::lab::tokenize(text).len();
        println!(
            "  {name:32} {:>7} bytes {:>6} tokens  {:>8.2} ms  {:>7.1} MB/s  {:>6.2} M tokens/s",
            text.len(),
            tokens,
            d.as_secs_f64() * 1e3,
            mb_per_s(text.len(), d),
            tokens as f64 / 1e6 / d.as_secs_f64()
        );
        all.push_str(text);
        all.push_str("\n\n");
    }
    let mut big = String::with_capacity(10 << 20);
    while big.len() < 10 << 20 {
        big.push_str(&all);
    }
    let d = time(&big, Duration::from_millis(0));
    let tokens = qawl::lab::tokenize(&big).len();
    let rate = mb_per_s(big.len(), d);
    println!(
        "  {:32} {:>7} bytes {:>6} tokens  {:>8.2} ms  {:>7.1} MB/s  {:>6.2} M tokens/s",
        "10 MB concatenation",
        big.len(),
        tokens,
        d.as_secs_f64() * 1e3,
        rate,
        tokens as f64 / 1e6 / d.as_secs_f64()
    );
    if rate < BUDGET_MB_PER_S {
        failures.push(format!(
            "native throughput {rate:.1} MB/s is under the budget of {BUDGET_MB_PER_S} MB/s"
        ));
    }

    println!("time per MB by input size (linear time keeps this flat)");
    let mut per_mb = Vec::new();
    for size in [10usize << 10, 100 << 10, 1 << 20, 10 << 20] {
        let mut cut = size.min(big.len());
        while !big.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &big[..cut];
        let d = time(text, Duration::from_millis(200));
        let ms_per_mb = d.as_secs_f64() * 1e3 / (text.len() as f64 / 1e6);
        println!("  {:>9} bytes  {:>8.2} ms/MB", text.len(), ms_per_mb);
        per_mb.push(ms_per_mb);
    }
    let ratio = per_mb[per_mb.len() - 1] / per_mb[0];
    if ratio > BUDGET_LINEARITY {
        failures.push(format!(
            "time per MB grows {ratio:.2}x from 10 KB to 10 MB (budget {BUDGET_LINEARITY}x)"
        ));
    }

    if failures.is_empty() {
        println!("native budgets: all met");
    } else {
        for f in &failures {
            eprintln!("BUDGET MISSED: {f}");
        }
        std::process::exit(1);
    }
}
