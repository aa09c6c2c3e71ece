//! `qawl analyze --jsonl` and the parallel `qawl analyze`: the same analysis
//! as one `qawl analyze FILE` per article, in input order whatever `--jobs`,
//! bad records reported in place without stopping the run, output that
//! flows before the input ends, and memory that stays bounded.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn qawl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qawl"))
        .args(args)
        .output()
        .expect("run qawl")
}

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_qawl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run qawl")
}

/// The seed articles and the held-out (dev) articles: file, text.
fn articles() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut v = Vec::new();
    for dir in ["seeds", "heldout"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy();
            if name.ends_with(".txt") && !name.ends_with(".marked.txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                v.push((p, text));
            }
        }
    }
    v.sort();
    assert_eq!(v.len(), 11, "five seeds and six held-out articles");
    v
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn tempfile(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qawl-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn each_record_is_analysed_as_analyze_does_one_file_and_fields_pass_through() {
    let articles = articles();
    let records: Vec<Value> = articles
        .iter()
        .enumerate()
        .map(|(i, (p, text))| {
            json!({"outlet": "test", "id": format!("a{i}"), "text": text,
                   "path": p.file_name().unwrap().to_string_lossy()})
        })
        .collect();
    let input = tempfile("dev.jsonl", jsonl(&records).as_bytes());
    let o = qawl(&["analyze", "--jsonl", input.to_str().unwrap(), "--jobs", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stderr.is_empty(),
        "silent when nothing failed and stderr is no terminal"
    );
    let out = lines(&o.stdout);
    assert_eq!(out.len(), articles.len());
    for (i, ((path, _), got)) in articles.iter().zip(&out).enumerate() {
        let alone = qawl(&["analyze", path.to_str().unwrap()]);
        assert!(alone.status.success());
        let alone: Value = serde_json::from_slice(&alone.stdout).unwrap();
        let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["id", "outlet", "path", "entities", "clusters", "quotes"],
            "id, passed-through fields in input order, the analysis"
        );
        assert_eq!(got["id"], format!("a{i}"));
        assert_eq!(got["outlet"], "test");
        for k in ["entities", "clusters", "quotes"] {
            assert_eq!(got[k], alone[k], "{}: {k}", path.display());
        }
    }
    let quotes: usize = out
        .iter()
        .map(|r| r["quotes"].as_array().unwrap().len())
        .sum();
    assert!(
        quotes > 30,
        "the articles report many quotations; found {quotes}"
    );
}

#[test]
fn bad_records_in_the_middle_become_error_lines_in_place() {
    let good = "قال الرئيس الروسي فلاديمير بوتين: \"نحن مستعدون\".";
    let mut input = Vec::new();
    let mut push = |line: &[u8]| {
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    push(json!({"id": 1, "text": good}).to_string().as_bytes());
    push(b"{\"id\": 2, \"text\": \"unterminated");
    push(json!({"id": 3, "text": good}).to_string().as_bytes());
    push(json!({"id": 4, "body": good}).to_string().as_bytes());
    push(b"   ");
    push(
        json!({"id": 5, "text": ["not", "a", "string"]})
            .to_string()
            .as_bytes(),
    );
    push(b"[1, 2, 3]");
    push(b"{\"id\": 7, \"text\": \"\xff\xfe not UTF-8\"}");
    let too_big = "x".repeat(qawl::MAX_INPUT_BYTES + 1);
    push(json!({"id": 8, "text": too_big}).to_string().as_bytes());
    push(json!({"id": 9, "text": good}).to_string().as_bytes());
    let file = tempfile("bad.jsonl", &input);

    let o = qawl(&["analyze", "--jsonl", file.to_str().unwrap(), "--jobs", "2"]);
    assert_eq!(o.status.code(), Some(1), "records failed: exit status 1");
    let out = lines(&o.stdout);
    let ids: Vec<Value> = out.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            json!(1),
            json!(null),
            json!(3),
            json!(4),
            json!(5),
            json!(null),
            json!(null),
            json!(8),
            json!(9)
        ],
        "one line per record, blank line skipped, in input order"
    );
    let error = |i: usize| {
        out[i]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", out[i]))
    };
    assert!(
        error(1).starts_with("line 2: not valid JSON"),
        "{}",
        error(1)
    );
    assert!(
        error(3).starts_with("line 4: the record has no \"text\""),
        "{}",
        error(3)
    );
    assert!(
        error(4).starts_with("line 6: \"text\" is a JSON array"),
        "{}",
        error(4)
    );
    assert!(
        error(5).starts_with("line 7: a JSON array, not an object"),
        "{}",
        error(5)
    );
    assert!(
        error(6).starts_with("line 8: not valid JSON"),
        "{}",
        error(6)
    );
    assert!(
        error(7).contains("over qawl's limit") && error(7).contains("split"),
        "{}",
        error(7)
    );
    for i in [0, 2, 8] {
        assert!(out[i].get("error").is_none());
        assert!(!out[i]["quotes"].as_array().unwrap().is_empty());
        assert_eq!(
            out[i]["quotes"], out[0]["quotes"],
            "the same text, the same analysis"
        );
    }
    for i in [1, 3, 4, 5, 6, 7] {
        assert_eq!(
            out[i].as_object().unwrap().len(),
            2,
            "only id and error: {}",
            out[i]
        );
    }
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        stderr.lines().last(),
        Some("qawl: 6 of 9 records failed; their output lines carry an \"error\" field")
    );
}

#[test]
fn output_order_is_input_order_under_two_jobs() {
    // Long and short articles mixed, so that later records finish first.
    let articles = articles();
    let records: Vec<Value> = (0..120)
        .map(|i| {
            let (_, text) = &articles[i % articles.len()];
            let text = if i % 7 == 0 {
                text.repeat(20)
            } else {
                text.clone()
            };
            json!({"id": i, "text": text})
        })
        .collect();
    let file = tempfile("order.jsonl", jsonl(&records).as_bytes());
    let one = qawl(&["analyze", "--jsonl", file.to_str().unwrap(), "--jobs", "1"]);
    let two = qawl(&["analyze", "--jsonl", file.to_str().unwrap(), "--jobs", "2"]);
    assert!(one.status.success() && two.status.success());
    let ids: Vec<u64> = lines(&two.stdout)
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..120).collect::<Vec<_>>());
    assert!(
        one.stdout == two.stdout,
        "--jobs 2 writes exactly what --jobs 1 writes"
    );
}

/// Reads lines of `child`'s stdout on a thread of their own.
fn line_reader(child: &mut Child) -> std::sync::mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn output_flows_while_the_input_is_still_open() {
    let mut child = spawn(&["analyze", "--jsonl", "-", "--jobs", "2"]);
    let mut stdin = child.stdin.take().unwrap();
    let rx = line_reader(&mut child);
    let wait = std::time::Duration::from_secs(60);
    for i in 0..3 {
        writeln!(stdin, "{}", json!({"id": i, "text": "قال بوتين: \"نعم\""})).unwrap();
        stdin.flush().unwrap();
        // The input is still open: the answer must come anyway.
        let line = rx
            .recv_timeout(wait)
            .expect("an output line before the input ends");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(rx.recv_timeout(wait).is_err(), "no more lines");
}

/// The process's peak resident memory (VmHWM), in bytes, while it runs.
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kb * 1024
}

#[test]
fn memory_stays_bounded_on_a_long_stream() {
    // 256 MB through the pipe in 1,000 records that carry 256 KB each (passed
    // through to the output); the process holds only a window of them.
    const RECORDS: usize = 1000;
    const BOUND: u64 = 100 << 20;
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc to read peak memory from");
        return;
    }
    let mut child = spawn(&["analyze", "--jsonl", "-", "--jobs", "2"]);
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let rx = line_reader(&mut child);
    let writer = std::thread::spawn(move || {
        let padding = "ح".repeat(128 << 10);
        for i in 0..RECORDS {
            let r = json!({"id": i, "text": "قال بوتين: \"نعم\"", "padding": padding});
            writeln!(stdin, "{r}").unwrap();
        }
        stdin.flush().unwrap();
        stdin // still open
    });
    let wait = std::time::Duration::from_secs(120);
    for i in 0..RECORDS {
        let line = rx.recv_timeout(wait).expect("an output line");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], i);
        assert_eq!(v["padding"].as_str().unwrap().len(), 256 << 10);
    }
    // Every record is answered and the input is still open: read the peak.
    let peak = peak_rss(pid);
    drop(writer.join().unwrap());
    assert!(child.wait().unwrap().success());
    assert!(
        peak < BOUND,
        "peak memory {} MB for 256 MB streamed",
        peak >> 20
    );
}

#[test]
fn a_line_over_the_limit_is_reported_and_skipped_without_stopping() {
    let mut child = spawn(&["analyze", "--jsonl", "-", "--jobs", "2"]);
    let mut stdin = child.stdin.take().unwrap();
    let rx = line_reader(&mut child);
    let writer = std::thread::spawn(move || {
        let good = |i: u32| json!({"id": i, "text": "قال بوتين: \"نعم\""}).to_string();
        writeln!(stdin, "{}", good(1)).unwrap();
        // 100 MB with no line break: over the per-line limit.
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            stdin.write_all(&chunk).unwrap();
        }
        writeln!(stdin).unwrap();
        writeln!(stdin, "{}", good(3)).unwrap();
    });
    let wait = std::time::Duration::from_secs(120);
    let out: Vec<Value> = (0..3)
        .map(|_| serde_json::from_str(&rx.recv_timeout(wait).expect("a line")).unwrap())
        .collect();
    writer.join().unwrap();
    assert_eq!(out[0]["id"], 1);
    assert_eq!(out[2]["id"], 3);
    assert!(out[2]["quotes"].is_array());
    let e = out[1]["error"].as_str().unwrap();
    assert!(
        e.starts_with("line 2: the line is 104857600 bytes long, over the limit of")
            && e.contains("split"),
        "{e}"
    );
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn folders_and_files_are_analysed_in_parallel_into_the_same_json() {
    let articles = articles();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let out = std::env::temp_dir().join(format!("qawl-jsonl-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = qawl(&[
        "analyze",
        seeds.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut written = 0;
    for (path, _) in articles.iter().filter(|(p, _)| p.starts_with(&seeds)) {
        let alone = qawl(&["analyze", path.to_str().unwrap()]);
        let name = format!("{}.json", path.file_stem().unwrap().to_string_lossy());
        let file = std::fs::read(out.join(name)).unwrap();
        assert!(file == alone.stdout, "{}: the same bytes", path.display());
        written += 1;
    }
    assert_eq!(written, 5);

    // To standard output, in the order given, whatever finishes first.
    let paths: Vec<&str> = articles
        .iter()
        .rev()
        .map(|(p, _)| p.to_str().unwrap())
        .collect();
    let mut args = vec!["analyze", "--jobs", "2"];
    args.extend(&paths);
    let all = qawl(&args);
    assert!(all.status.success());
    let serial: Vec<u8> = paths
        .iter()
        .flat_map(|p| qawl(&["analyze", p]).stdout)
        .collect();
    assert!(all.stdout == serial, "in the order given");

    // Two inputs that would write one file are refused before any work.
    let twin = tempfile("000_0878ad2356b62a7e.txt", b"x");
    let o = qawl(&[
        "analyze",
        seeds.to_str().unwrap(),
        twin.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rename one"));
}

#[test]
fn usage_errors_say_what_to_do() {
    let o = qawl(&["analyze", "--jsonl", "-", "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 or more"));
    let o = qawl(&["analyze", "--jsonl", "-", "--out", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("redirect"));
    let o = qawl(&["analyze", "--jsonl", "/nonexistent/news.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("check the path"));
}
