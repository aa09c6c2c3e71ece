//! The `qawl` command line: analyse articles, tag CoNLL files, score against gold.

mod jsonl;
mod progress;

use qawl_stream::ordered::{Ordered, Poll};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
qawl: who is named and who said what in Arabic (and English) news articles

USAGE:
    qawl analyze FILE|DIR... [--out OUT] [--jobs N]
                                       write each article's analysis as JSON (UTF-16
                                       offsets); with --out, one OUT/NAME.json per input,
                                       otherwise to standard output. DIR means its .txt
                                       files; FILE - reads stdin.
    qawl analyze --jsonl FILE|- [--jobs N]
                                       read JSON Lines, {\"id\": ..., \"text\": ...} per line
                                       (other fields passed through), and write one line per
                                       record, in input order: {\"id\", ..., \"entities\",
                                       \"clusters\", \"quotes\"}, or {\"id\", \"error\"} for a bad
                                       record; exit status 1 if any record failed
    --jobs N                           analyse on N threads (default: all cores)
    qawl tag FILE                      read a CoNLL file (token first on each line, blank
                                       line between sentences) and print each line with one
                                       more column: the predicted BIO tag (PER/LOC/ORG/MISC)
    qawl eval --gold DIR --pred DIR [--text DIR] [--registry FILE] [--json]
                                       score analyses against gold annotations, with the
                                       metrics of shared/eval/score.py
    qawl --help | --version
";

/// An error for the user: what went wrong and what to do.
struct Failure(String);

/// How `run` ended when it did not fail outright.
enum Finished {
    /// Everything done.
    Ok,
    /// Some records of a `--jsonl` run failed (their lines say why).
    RecordsFailed,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(Finished::Ok) => ExitCode::SUCCESS,
        Ok(Finished::RecordsFailed) => ExitCode::from(1),
        Err(Failure(msg)) => {
            eprintln!("qawl: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<Finished, Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let cmd = match parser.next()? {
        Some(Value(v)) => v.string()?,
        Some(Long("help") | Short('h')) | None => {
            print!("{USAGE}");
            return Ok(Finished::Ok);
        }
        Some(Long("version") | Short('V')) => {
            println!("qawl {}", env!("CARGO_PKG_VERSION"));
            return Ok(Finished::Ok);
        }
        Some(arg) => return Err(Failure(format!("{}\n\n{USAGE}", arg.unexpected()))),
    };
    let mut files: Vec<PathBuf> = Vec::new();
    let mut opts: std::collections::HashMap<&'static str, PathBuf> = Default::default();
    let mut json = false;
    let mut jsonl: Option<PathBuf> = None;
    let mut jobs = qawl_stream::default_jobs();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) => files.push(v.into()),
            Long("jsonl") => jsonl = Some(parser.value()?.into()),
            Long("jobs") | Short('j') => {
                let v = parser.value()?.string()?;
                jobs = match v.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return Err(Failure(format!(
                            "--jobs takes a number of threads, 1 or more (got {v:?})"
                        )))
                    }
                };
            }
            Long("out") => _ = opts.insert("out", parser.value()?.into()),
            Long("gold") => _ = opts.insert("gold", parser.value()?.into()),
            Long("pred") => _ = opts.insert("pred", parser.value()?.into()),
            Long("text") => _ = opts.insert("text", parser.value()?.into()),
            Long("registry") => _ = opts.insert("registry", parser.value()?.into()),
            Long("json") => json = true,
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(Finished::Ok);
            }
            _ => return Err(Failure(format!("{}\n\n{USAGE}", arg.unexpected()))),
        }
    }
    match cmd.as_str() {
        "analyze" | "analyse" => match jsonl {
            Some(input) => {
                if !files.is_empty() || opts.contains_key("out") {
                    return Err(Failure(format!(
                        "--jsonl reads one JSON Lines file and writes to standard output; \
                         give no other FILE and no --out (redirect instead: > out.jsonl)\n\n{USAGE}"
                    )));
                }
                analyze_jsonl(&input, jobs)
            }
            None => {
                analyze(&files, opts.get("out").map(PathBuf::as_path), jobs).map(|()| Finished::Ok)
            }
        },
        "tag" => match files.as_slice() {
            [f] => tag(f).map(|()| Finished::Ok),
            _ => Err(Failure(format!("tag takes one CoNLL file\n\n{USAGE}"))),
        },
        "eval" => {
            let need = |k: &str| {
                opts.get(k)
                    .cloned()
                    .ok_or_else(|| Failure(format!("eval needs --{k} DIR\n\n{USAGE}")))
            };
            let report = qawl_cli::eval::score_dirs(
                &need("gold")?,
                &need("pred")?,
                opts.get("text").map(PathBuf::as_path),
                opts.get("registry").map(PathBuf::as_path),
            )?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{report}");
            }
            Ok(Finished::Ok)
        }
        other => Err(Failure(format!("unknown command {other:?}\n\n{USAGE}"))),
    }
}

/// Reads a whole input file as UTF-8, with errors that name the file and the fix.
fn read_text(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let res = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    res.map_err(|e| {
        Failure(format!(
            "cannot read {}: {e}; check the path and its permissions",
            path.display()
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{} is not UTF-8 text (invalid byte at offset {}); convert it first, \
             e.g. `iconv -f WINDOWS-1256 -t UTF-8 {} > article.txt`",
            path.display(),
            e.utf8_error().valid_up_to(),
            path.display()
        ))
    })
}

/// `qawl analyze --jsonl`: see the `jsonl` module.
fn analyze_jsonl(input: &Path, jobs: usize) -> Result<Finished, Failure> {
    let cannot_read = |e: std::io::Error| {
        Failure(format!(
            "cannot read {}: {e}; check the path and its permissions",
            input.display()
        ))
    };
    let stdin = std::io::stdin();
    let (mut reader, total): (Box<dyn BufRead>, Option<u64>) = if input == Path::new("-") {
        (Box::new(stdin.lock()), None)
    } else {
        let file = std::fs::File::open(input).map_err(cannot_read)?;
        let total = file.metadata().ok().map(|m| m.len());
        (
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            total,
        )
    };
    let progress = progress::Progress::new(total);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let summary = match jsonl::run(&mut reader, &mut out, jobs, &progress) {
        Ok(summary) => summary,
        // The reader of our output went away (`| head`): not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Finished::Ok),
        Err(e) => {
            progress.finish();
            return Err(Failure(format!("{}: {e}", input.display())));
        }
    };
    progress.finish();
    if summary.failed > 0 {
        eprintln!(
            "qawl: {} of {} records failed; their output lines carry an \"error\" field",
            summary.failed, summary.records
        );
        Ok(Finished::RecordsFailed)
    } else {
        Ok(Finished::Ok)
    }
}

/// The articles named on the command line: files as given, folders as the
/// `.txt` files in them (sorted by name).
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| Failure(format!("cannot list folder {}: {e}", input.display())))?;
            let mut txt: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
                .collect();
            if txt.is_empty() {
                return Err(Failure(format!(
                    "folder {} has no .txt files; give the articles as NAME.txt files",
                    input.display()
                )));
            }
            txt.sort();
            files.extend(txt);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Where `--out` puts one input's analysis, or `None` for standard output.
fn destination(file: &Path, out: Option<&Path>) -> Option<PathBuf> {
    let dir = out?;
    (file != Path::new("-")).then(|| {
        let stem = file
            .file_stem()
            .map_or("stdin".into(), |s| s.to_string_lossy());
        dir.join(format!("{stem}.json"))
    })
}

/// `qawl analyze FILE|DIR...`: every file analysed on `jobs` threads; the
/// JSON on standard output comes in the order the files were given. Stops
/// at the first file that fails, in that order.
fn analyze(inputs: &[PathBuf], out: Option<&Path>, jobs: usize) -> Result<(), Failure> {
    if inputs.is_empty() {
        return Err(Failure(format!(
            "analyze needs at least one FILE (or - for stdin)\n\n{USAGE}"
        )));
    }
    let files = expand(inputs)?;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure(format!(
                "cannot create output folder {}: {e}",
                dir.display()
            ))
        })?;
        // Two inputs named alike would race to write one file.
        let mut seen = std::collections::HashMap::new();
        for f in &files {
            if let Some(dest) = destination(f, out) {
                if let Some(other) = seen.insert(dest.clone(), f) {
                    return Err(Failure(format!(
                        "{} and {} would both be written to {}; rename one of them",
                        other.display(),
                        f.display(),
                        dest.display()
                    )));
                }
            }
        }
    }
    let map: Ordered<Result<Option<String>, Failure>> = Ordered::new(
        jobs,
        qawl_stream::WINDOW_PER_JOB * jobs,
        qawl_stream::WINDOW_BYTES,
    )?;
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| -> Result<(), Failure> {
            let mut stdout = std::io::stdout().lock();
            loop {
                let result = match map.try_next() {
                    Poll::Ready(r) => r,
                    Poll::Finished => return Ok(()),
                    Poll::Pending => match map.next() {
                        Some(r) => r,
                        None => return Ok(()),
                    },
                };
                let written = result
                    .map_err(|panicked| Failure(panicked.to_string()))
                    .and_then(|r| r)
                    .and_then(|json| match json {
                        Some(json) => writeln!(stdout, "{json}").map_err(Failure::from),
                        None => Ok(()),
                    });
                if let Err(e) = written {
                    map.abandon();
                    return Err(e);
                }
            }
        });
        for f in files {
            let weight = std::fs::metadata(&f).map_or(0, |m| m.len() as usize);
            let dest = destination(&f, out);
            if !map.submit(weight, move || analyze_file(&f, dest.as_deref())) {
                break;
            }
        }
        map.close();
        writer
            .join()
            .unwrap_or_else(|_| Err(Failure("the output thread panicked".into())))
    })
}

/// Analyses one file: writes its JSON to `dest`, or returns it for
/// standard output.
fn analyze_file(file: &Path, dest: Option<&Path>) -> Result<Option<String>, Failure> {
    let text = read_text(file)?;
    let analysis = qawl::analyze(&text).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let json = serde_json::to_string_pretty(&analysis.into_utf16(&text))?;
    match dest {
        Some(dest) => {
            std::fs::write(dest, json + "\n")
                .map_err(|e| Failure(format!("cannot write {}: {e}", dest.display())))?;
            Ok(None)
        }
        None => Ok(Some(json)),
    }
}

fn tag(path: &Path) -> Result<(), Failure> {
    let text = read_text(path)?;
    // The whole file is tagged as one document, so names found in one
    // sentence help tag their repetitions in others.
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if sentences.last().is_some_and(|s| !s.is_empty()) {
                sentences.push(Vec::new());
            }
        } else if let Some(s) = sentences.last_mut() {
            s.push(line.trim_end());
        }
    }
    if sentences.last().is_some_and(|s| s.is_empty()) {
        sentences.pop();
    }
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|l| l.split_whitespace().next().unwrap_or(""))
                .collect()
        })
        .collect();
    let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
    let tags = qawl::lab::tag_document(&refs);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (k, (sentence, tags)) in sentences.iter().zip(tags).enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        for (line, tag) in sentence.iter().zip(tags) {
            let sep = if line.contains('\t') { '\t' } else { ' ' };
            writeln!(out, "{line}{sep}{tag}")?;
        }
    }
    out.flush()?;
    Ok(())
}
