//! `qawl analyze --jsonl FILE|-`: an archive of articles in, one JSON line
//! per article out, in input order, analysed on `--jobs` threads.
//!
//! The record format is `qawl_stream::record`'s. This module reads lines,
//! hands them to an [`Ordered`] map and writes its results, and guarantees:
//!
//! - Input order: the `n`th output line is the `n`th record's, whatever the
//!   number of jobs. Blank lines are not records and are skipped.
//! - Bounded memory: a window of at most [`WINDOW_PER_JOB`] records per job
//!   and about [`WINDOW_BYTES`] of input is in flight, however long the
//!   input; a line longer than [`MAX_LINE_BYTES`] is never held whole.
//! - Streaming: a record's line is written as soon as it and every record
//!   before it are done, and the output is flushed whenever the writer waits,
//!   so output flows while the input is still coming.
//! - Nothing lost: a bad record (not JSON, no `text`, too long, a panic in
//!   its analysis) becomes `{"id": …, "error": "line N: …"}` and the run goes
//!   on; [`Summary`] counts them for the exit status.

use crate::progress::Progress;
use qawl_stream::ordered::{Ordered, Poll};
use qawl_stream::record::{self, Offsets, Output};
use qawl_stream::{WINDOW_BYTES, WINDOW_PER_JOB};
use serde_json::Value;
use std::io::{self, BufRead, Write};

/// The longest input line read: room for a text at qawl's limit written
/// with `\uXXXX` escapes (six bytes for a two-byte Arabic letter), plus
/// other fields. A longer line is skipped, not held, and reported.
pub const MAX_LINE_BYTES: usize = 3 * qawl::MAX_INPUT_BYTES + (1 << 20);

/// How a run went.
#[derive(Debug, Default)]
pub struct Summary {
    pub records: u64,
    pub failed: u64,
}

/// One record's output line, ready to write.
struct Done {
    json: Vec<u8>,
    failed: bool,
    /// The input line's length, for the progress bar.
    input_bytes: usize,
}

/// Analyses every record of `input` on `jobs` threads and writes one line
/// per record to `out`, in input order.
pub fn run(
    input: &mut dyn BufRead,
    out: &mut (dyn Write + Send),
    jobs: usize,
    progress: &Progress,
) -> io::Result<Summary> {
    let map = Ordered::new(jobs, WINDOW_PER_JOB * jobs.max(1), WINDOW_BYTES)?;
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let written = write_results(&map, out, progress);
            if written.is_err() {
                // Nobody will read more output: stop reading input.
                map.abandon();
            }
            written
        });
        let read = submit_lines(input, &map);
        map.close();
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the output thread panicked")));
        // A write error (e.g. a closed pipe) explains a stopped read: report it first.
        let summary = written?;
        read?;
        Ok(summary)
    })
}

/// Reads `input` line by line and submits each record; returns when the
/// input ends, reading fails, or the writer has given up.
fn submit_lines(input: &mut dyn BufRead, map: &Ordered<Done>) -> io::Result<()> {
    let mut line_no = 0u64;
    while let Some(line) = read_line(input, MAX_LINE_BYTES)? {
        line_no += 1;
        let input_bytes = line.len + 1;
        let admitted = match line.bytes {
            Some(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
            Some(bytes) => map.submit(bytes.len(), move || {
                let output =
                    record::analyze_line(&bytes, &qawl::Options::default(), Offsets::Utf16);
                done(output, line_no, input_bytes)
            }),
            None => map.submit(0, move || {
                let error = format!(
                    "the line is {} bytes long, over the limit of {MAX_LINE_BYTES} \
                     bytes per record (texts are limited to {} bytes); split the article",
                    input_bytes - 1,
                    qawl::MAX_INPUT_BYTES
                );
                done(Output::failed(Value::Null, error), line_no, input_bytes)
            }),
        };
        if !admitted {
            break;
        }
    }
    Ok(())
}

/// An output as its JSON line; errors name the input line.
fn done(mut output: Output, line_no: u64, input_bytes: usize) -> Done {
    if let record::Outcome::Failed { error } = &mut output.outcome {
        *error = format!("line {line_no}: {error}");
    }
    let mut json = serde_json::to_vec(&output).unwrap_or_else(|e| {
        format!(
            r#"{{"id":null,"error":"line {line_no}: cannot write the analysis as JSON ({e})"}}"#
        )
        .into_bytes()
    });
    json.push(b'\n');
    Done {
        json,
        failed: output.error().is_some(),
        input_bytes,
    }
}

/// Writes results in order as they come; flushes whenever it would wait.
fn write_results(
    map: &Ordered<Done>,
    out: &mut dyn Write,
    progress: &Progress,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    loop {
        let result = match map.try_next() {
            Poll::Ready(r) => r,
            Poll::Finished => break,
            Poll::Pending => {
                out.flush()?;
                match map.next() {
                    Some(r) => r,
                    None => break,
                }
            }
        };
        // A panic outside the record's own analysis (never expected): the
        // record's id is gone with its line, the error is not.
        let done = result.unwrap_or_else(|panicked| Done {
            json: format!(
                "{}\n",
                serde_json::json!({"id": null, "error": panicked.to_string()})
            )
            .into_bytes(),
            failed: true,
            input_bytes: 0,
        });
        out.write_all(&done.json)?;
        summary.records += 1;
        summary.failed += u64::from(done.failed);
        progress.record(done.input_bytes);
    }
    out.flush()?;
    Ok(summary)
}

/// One input line: its bytes (without the line break), or `None` when it
/// was longer than the cap; `len` counts every byte read for it but the
/// line feed.
struct Line {
    bytes: Option<Vec<u8>>,
    len: usize,
}

/// Reads one line of at most `cap` bytes; a longer one is read to its end
/// and dropped, so memory stays bounded whatever the input. `None` at the
/// end of the input.
fn read_line(input: &mut dyn BufRead, cap: usize) -> io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let mut len = 0;
    let mut too_long = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if len == 0 {
                return Ok(None);
            }
            break;
        }
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        len += chunk.len();
        if !too_long {
            if bytes.len() + chunk.len() > cap {
                too_long = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(available.len(), |at| at + 1);
        input.consume(used);
        if newline.is_some() {
            break;
        }
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Some(Line {
        bytes: (!too_long).then_some(bytes),
        len,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], cap: usize) -> Vec<(Option<String>, usize)> {
        let mut r = io::BufReader::with_capacity(4, input);
        std::iter::from_fn(|| read_line(&mut r, cap).unwrap())
            .map(|l| (l.bytes.map(|b| String::from_utf8(b).unwrap()), l.len))
            .collect()
    }

    #[test]
    fn lines_are_split_across_buffer_refills_and_long_ones_dropped() {
        let got = lines(b"abc\r\n\nlonger line\nlast", 6);
        assert_eq!(
            got,
            [
                (Some("abc".into()), 4),
                (Some("".into()), 0),
                (None, 11),
                (Some("last".into()), 4),
            ]
        );
        assert!(lines(b"", 6).is_empty());
    }
}
