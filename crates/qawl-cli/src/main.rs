//! The `qawl` command line: analyse articles, tag CoNLL files, score against gold.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
qawl: who is named and who said what in Arabic (and English) news articles

USAGE:
    qawl analyze FILE... [--out DIR]   write FILE's analysis as JSON (UTF-16 offsets);
                                       with --out, one DIR/NAME.json per input,
                                       otherwise to standard output. FILE - reads stdin.
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

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("qawl: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let cmd = match parser.next()? {
        Some(Value(v)) => v.string()?,
        Some(Long("help") | Short('h')) | None => {
            print!("{USAGE}");
            return Ok(());
        }
        Some(Long("version") | Short('V')) => {
            println!("qawl {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(arg) => return Err(Failure(format!("{}\n\n{USAGE}", arg.unexpected()))),
    };
    let mut files: Vec<PathBuf> = Vec::new();
    let mut opts: std::collections::HashMap<&'static str, PathBuf> = Default::default();
    let mut json = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) => files.push(v.into()),
            Long("out") => _ = opts.insert("out", parser.value()?.into()),
            Long("gold") => _ = opts.insert("gold", parser.value()?.into()),
            Long("pred") => _ = opts.insert("pred", parser.value()?.into()),
            Long("text") => _ = opts.insert("text", parser.value()?.into()),
            Long("registry") => _ = opts.insert("registry", parser.value()?.into()),
            Long("json") => json = true,
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(());
            }
            _ => return Err(Failure(format!("{}\n\n{USAGE}", arg.unexpected()))),
        }
    }
    match cmd.as_str() {
        "analyze" | "analyse" => analyze(&files, opts.get("out").map(PathBuf::as_path)),
        "tag" => match files.as_slice() {
            [f] => tag(f),
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
            Ok(())
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

fn analyze(files: &[PathBuf], out: Option<&Path>) -> Result<(), Failure> {
    if files.is_empty() {
        return Err(Failure(format!(
            "analyze needs at least one FILE (or - for stdin)\n\n{USAGE}"
        )));
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure(format!(
                "cannot create output folder {}: {e}",
                dir.display()
            ))
        })?;
    }
    for f in files {
        let text = read_text(f)?;
        let analysis =
            qawl::analyze(&text).map_err(|e| Failure(format!("{}: {e}", f.display())))?;
        let json = serde_json::to_string_pretty(&analysis.into_utf16(&text))?;
        match out {
            Some(dir) if f != Path::new("-") => {
                let stem = f
                    .file_stem()
                    .map_or("stdin".into(), |s| s.to_string_lossy());
                let dest = dir.join(format!("{stem}.json"));
                std::fs::write(&dest, json + "\n")
                    .map_err(|e| Failure(format!("cannot write {}: {e}", dest.display())))?;
            }
            _ => {
                let mut stdout = std::io::stdout().lock();
                writeln!(stdout, "{json}")?;
            }
        }
    }
    Ok(())
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
