//! Quality bars on the gold seed articles, scored by the project's own
//! evaluation (`qawl_cli::eval`, the metrics of `shared/eval/score.py`). A bar
//! missed is a failing test; the full report is printed either way.
//!
//! The bars come from the issues: quotations (issue 3) and entities (issue 4).
//! The same code is also scored on unseen articles, so nothing here, nor in
//! the analysis, is tuned to the seeds' names or phrases.

use qawl_cli::eval::{score, Article, Gold, Prediction, Registry, Report};
use std::path::Path;

fn report() -> Report {
    // The library's fixtures, at the workspace root.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let registry =
        Registry::from_json(&std::fs::read_to_string(fixtures.join("registry.json")).unwrap())
            .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(fixtures.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    let articles: Vec<Article> = names
        .iter()
        .map(|name| {
            let stem = name.trim_end_matches(".json");
            let text = std::fs::read_to_string(fixtures.join("seeds").join(format!("{stem}.txt")))
                .unwrap();
            let gold = Gold::from_json(
                &std::fs::read_to_string(fixtures.join("gold").join(name)).unwrap(),
            )
            .unwrap();
            let analysis = qawl::analyze(&text).unwrap().into_utf16(&text);
            let pred = Prediction::from_json(&serde_json::to_value(&analysis).unwrap()).unwrap();
            Article {
                name: name.clone(),
                gold,
                pred: Some(pred),
                text: Some(text),
            }
        })
        .collect();
    let r = score(&articles, &registry);
    println!("{r}");
    r
}

fn bar(failures: &mut Vec<String>, what: &str, value: f64, min: f64) {
    if value < min {
        failures.push(format!("{what} = {value:.3}, under the bar of {min}"));
    }
}

#[test]
fn quotation_bars_on_the_seeds() {
    let r = report();
    let mut failures = Vec::new();
    bar(&mut failures, "speech F1", r.speech.prf.f1, 0.95);
    bar(&mut failures, "speech exact spans", r.speech.exact, 0.85);
    bar(&mut failures, "speech attribution", r.speech.attrib, 0.95);
    bar(&mut failures, "who said what F1", r.who_said_what.f1, 0.92);
    bar(&mut failures, "indirect F1", r.indirect.prf.f1, 0.75);
    bar(
        &mut failures,
        "indirect attribution",
        r.indirect.attrib,
        0.90,
    );
    if r.term.as_speech > 1 {
        failures.push(format!(
            "{} term quotations reported as speech (at most 1)",
            r.term.as_speech
        ));
    }
    assert!(
        failures.is_empty(),
        "quotation bars missed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn entity_bar_on_the_seeds() {
    let r = report();
    let mut failures = Vec::new();
    bar(
        &mut failures,
        "lenient NER F1 (PER/LOC/ORG/DATE)",
        r.ner.lenient.all.f1,
        0.85,
    );
    assert!(
        failures.is_empty(),
        "entity bar missed:\n{}",
        failures.join("\n")
    );
}
