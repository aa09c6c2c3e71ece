//! The speaker model's quality bars, cross-validated: `qawl-train speakers
//! --cv` trains on five outlets and scores the sixth, for each outlet in
//! turn, over `shared/gold/dev` and the project's news annotations (the
//! `shared/` folder that sits beside a checkout, as on the development
//! machines and in CI). The bars are the figures reached, minus a small
//! margin for the noise of retraining; the targets are higher.
//!
//! Skipped, with a note, where `shared/` is not beside the checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Points a retrained model may lose before a bar fails.
const MARGIN: f64 = 0.02;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("gold/dev/README.md").exists().then_some(p)
}

/// The figures of one line of the report (`NAME (N) … attribution X …`).
fn figures(line: &str) -> Vec<f64> {
    line.split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok())
        .filter(|x| x.fract() != 0.0 || *x <= 1.0)
        .collect()
}

#[test]
fn leave_one_outlet_out_bars() {
    let Some(shared) = shared() else {
        eprintln!("shared/ is not beside the checkout: cross-validation skipped");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let s = |p: &str| shared.join(p).display().to_string();
    let r = |p: &str| root.join(p).display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_qawl-train"))
        .arg("speakers")
        .args(["--gold-dir", &format!("dev={}", s("gold/dev"))])
        .args([
            "--gold",
            &format!(
                "seeds={}:{}:{}",
                s("seeds"),
                s("gold/seeds"),
                s("gold/registry.json")
            ),
        ])
        .args([
            "--gold",
            &format!(
                "heldout={}:{}:{}",
                r("tests/fixtures/heldout"),
                r("tests/fixtures/heldout"),
                r("tests/fixtures/heldout-registry.json")
            ),
        ])
        .args(["--news-annotations", &r("crates/qawl-train/data/news")])
        .args(["--news", &s("data/unlabeled/ant-news.txt")])
        .arg("--cv")
        .output()
        .expect("qawl-train runs");
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |set: &str| {
        text.lines()
            .find(|l| l.starts_with(set) && l.contains("all held out"))
            .unwrap_or_else(|| panic!("no {set} line in {text}"))
    };
    // speech F1, speech attribution, who-said-what F1, indirect F1,
    // indirect attribution.
    let bars: [(&str, [f64; 5]); 2] = [
        ("dev ", [0.905, 0.645, 0.623, 0.878, 0.738]),
        ("news ", [0.884, 0.707, 0.653, 0.818, 0.681]),
    ];
    let names = [
        "speech F1",
        "speech attribution",
        "who said what F1",
        "indirect F1",
        "indirect attribution",
    ];
    let mut failures = Vec::new();
    for (set, want) in bars {
        let got = figures(line(set));
        // Skip the article count, then the five figures in order.
        let got = &got[got.len() - 5..];
        for ((name, &w), &g) in names.iter().zip(&want).zip(got) {
            if g < w - MARGIN {
                failures.push(format!("{set}{name} = {g:.3}, under {w:.3} - {MARGIN}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
