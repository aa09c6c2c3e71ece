//! The `qawl` command line on the seed articles and on bad input: the JSON it
//! writes keeps the output contract (every span's `text` is the input sliced
//! by its UTF-16 offsets), and errors name the file and the fix.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qawl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qawl"))
        .args(args)
        .output()
        .expect("run qawl")
}

fn seeds() -> Vec<PathBuf> {
    // The fixtures are the library's, at the workspace root.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "the five seed articles are test fixtures");
    v
}

/// The UTF-16 slice `start..end` of `text`, as JavaScript's `slice` gives it.
fn js_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    assert!(
        start <= end && end as usize <= units.len(),
        "span {start}..{end} out of bounds"
    );
    String::from_utf16(&units[start as usize..end as usize]).expect("span splits a surrogate pair")
}

fn check_contract(text: &str, a: &Value) -> usize {
    let mut spans = 0;
    let clusters = a["clusters"].as_array().expect("clusters");
    for (i, c) in clusters.iter().enumerate() {
        assert_eq!(c["id"].as_u64(), Some(i as u64));
        assert!(["PER", "LOC", "ORG", "MISC", "DATE"].contains(&c["label"].as_str().unwrap()));
        assert!(c["mentions"].as_u64().unwrap() >= 1);
        assert!(!c["name"].as_str().unwrap().is_empty());
    }
    let mut last = 0;
    for e in a["entities"].as_array().expect("entities") {
        let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert!(s >= last, "entities sorted and disjoint");
        last = t;
        assert_eq!(js_slice(text, s, t), e["text"].as_str().unwrap());
        let c = &clusters[e["cluster"].as_u64().unwrap() as usize];
        assert_eq!(c["label"], e["label"]);
        spans += 1;
    }
    for q in a["quotes"].as_array().expect("quotes") {
        let (s, t) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        assert_eq!(js_slice(text, s, t), q["text"].as_str().unwrap());
        assert!(["direct", "partial", "indirect", "term"].contains(&q["kind"].as_str().unwrap()));
        if let Some(c) = q["cue"].as_object() {
            let (s, t) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
            assert_eq!(js_slice(text, s, t), c["text"].as_str().unwrap());
        }
        if let Some(sp) = q["speaker"].as_object() {
            assert!(!sp["name"].as_str().unwrap().is_empty());
            js_slice(
                text,
                sp["start"].as_u64().unwrap(),
                sp["end"].as_u64().unwrap(),
            );
        }
        spans += 1;
    }
    spans
}

#[test]
fn analyze_writes_one_json_per_seed_that_keeps_the_contract() {
    let out = tempdir("analyze");
    let files = seeds();
    let mut args = vec!["analyze".to_string()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    let o = qawl(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut spans = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let json = out.join(format!("{}.json", f.file_stem().unwrap().to_string_lossy()));
        let a: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        spans += check_contract(&text, &a);
    }
    assert!(
        spans > 50,
        "the seeds name many entities and quotations; found {spans} spans"
    );
}

#[test]
fn analyze_reads_stdin_and_counts_utf16_after_emoji() {
    let text = "🙂🙂 قال يوم الجمعة: \"نعم\"";
    let mut child = Command::new(env!("CARGO_BIN_EXE_qawl"))
        .args(["analyze", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let a: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(check_contract(text, &a) >= 2);
    // Two emoji are four UTF-16 units: 4 + " قال يوم " (9) = 13.
    assert_eq!(a["entities"][0]["start"], 13);
}

#[test]
fn unreadable_and_non_utf8_input_fail_with_a_clear_message() {
    let o = qawl(&["analyze", "/nonexistent/article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/article.txt") && err.contains("check the path"),
        "{err}"
    );

    let dir = tempdir("latin1");
    let bad = dir.join("cp1256.txt");
    std::fs::write(&bad, [0xC7u8, 0xE1, 0xD1, 0xC6, 0xED, 0xD3]).unwrap(); // "الرئيس" in Windows-1256
    let o = qawl(&["analyze", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cp1256.txt") && err.contains("not UTF-8") && err.contains("iconv"),
        "{err}"
    );

    let o = qawl(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn tag_adds_one_bio_column_per_token_line() {
    let dir = tempdir("tag");
    let conll = dir.join("s.conll");
    std::fs::write(&conll, "وصل O\nيوم O\nالجمعة O\n\nقال O\n").unwrap();
    let o = qawl(&["tag", conll.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[3], "");
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(cols.len(), 3, "{l}");
        let tag = cols[2];
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{tag}"
        );
        assert!(!tag.ends_with("DATE"), "DATE is not a CoNLL type");
    }
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qawl-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
