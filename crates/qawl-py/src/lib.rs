//! qawl's Python package: the native module `qawl._native`, which the pure
//! Python `qawl` package (`python/qawl/`) re-exports with type stubs.
//!
//! A skin, like the CLI: the analysis is the `qawl` library's, the ordered
//! parallel map and the JSON Lines records are `qawl_stream`'s. What this
//! module adds is the Python side of the contract:
//!
//! - Offsets are **code points** ([`qawl::Analysis::into_chars`]), so that
//!   `text[e["start"]:e["end"]] == e["text"]` in Python, astral characters
//!   included.
//! - The analysis runs with the GIL released: other Python threads go on,
//!   and `analyze_many` uses `jobs` cores while Python consumes its results.
//! - `analyze_many` yields in input order with a bounded window in flight,
//!   pulling from the input iterable only as the window empties.
//! - Errors raise `ValueError` with qawl's message (a panic too, which
//!   should never happen); `analyze_jsonl` never raises for a bad record but
//!   yields `{"id": …, "error": …}` as the CLI writes.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyString};
use qawl::{Analysis, Options};
use qawl_stream::ordered::{Ordered, Panicked};
use qawl_stream::record::{self, Offsets, Output};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The analysis of one text, offsets in code points; qawl's error message
/// when it has none.
fn analyze_chars(text: &str, options: &Options) -> Result<Analysis, String> {
    catch_unwind(AssertUnwindSafe(|| {
        qawl::analyze_with(text, options).map(|a| a.into_chars(text))
    }))
    .map_err(|_| Panicked("a panic in the analysis".into()).to_string())?
    .map_err(|e| e.to_string())
}

fn options(quotes: bool) -> Options {
    Options {
        entities: true,
        quotes,
    }
}

/// A Rust value as plain Python objects (dicts, lists, str, int, None).
fn to_python<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// analyze(text, quotes=True) -> dict
///
/// Analyses one article: {"entities", "clusters", "quotes"}, with offsets
/// in code points (Python string indices). Raises ValueError when the text
/// cannot be analysed (over MAX_INPUT_BYTES of UTF-8).
#[pyfunction]
#[pyo3(signature = (text, quotes = true))]
fn analyze(py: Python<'_>, text: String, quotes: bool) -> PyResult<Bound<'_, PyAny>> {
    let options = options(quotes);
    let analysis = py.detach(|| analyze_chars(&text, &options));
    to_python(py, &analysis.map_err(PyValueError::new_err)?)
}

/// What one item of an `Analyses` iterator became.
enum Done {
    /// `analyze_many`: the analysis, or qawl's error.
    Analysis(Result<Analysis, String>),
    /// `analyze_jsonl`: the output record.
    Record(Output),
    /// `analyze_jsonl`: a blank line, which is no record.
    Blank,
    /// `analyze_many`: the item was not a str.
    NotText(String),
}

/// The iterator `analyze_many` and `analyze_jsonl` return: results in input
/// order, computed on a pool of threads, a bounded window ahead of the
/// consumer.
#[pyclass(module = "qawl")]
struct Analyses {
    /// The input, until it is exhausted or raised.
    source: Option<Py<PyIterator>>,
    map: Ordered<Done>,
    /// JSON Lines records (`analyze_jsonl`) rather than texts.
    jsonl: bool,
    quotes: bool,
    /// An exception the input raised, for after the items before it.
    raised: Option<PyErr>,
    /// An error ended the iteration.
    finished: bool,
}

impl Analyses {
    fn new(
        iterable: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        jsonl: bool,
        quotes: bool,
    ) -> PyResult<Analyses> {
        let jobs = match jobs {
            Some(0) => {
                return Err(PyValueError::new_err(
                    "jobs must be 1 or more (or None: all cores)",
                ))
            }
            Some(n) => n,
            None => qawl_stream::default_jobs(),
        };
        let map = Ordered::new(
            jobs,
            qawl_stream::WINDOW_PER_JOB * jobs,
            qawl_stream::WINDOW_BYTES,
        )
        .map_err(|e| PyValueError::new_err(format!("cannot start {jobs} threads: {e}")))?;
        Ok(Analyses {
            source: Some(iterable.try_iter()?.unbind()),
            map,
            jsonl,
            quotes,
            raised: None,
            finished: false,
        })
    }

    /// Pulls items from the input while the window has room.
    fn fill(&mut self, py: Python<'_>) {
        while self.map.has_room() {
            let Some(source) = &self.source else { return };
            let item = source.bind(py).clone().next();
            match item {
                None => self.end_input(),
                Some(Err(e)) => {
                    self.raised = Some(e);
                    self.end_input();
                }
                Some(Ok(item)) => self.submit(&item),
            }
        }
    }

    fn end_input(&mut self) {
        self.source = None;
        self.map.close();
    }

    fn submit(&mut self, item: &Bound<'_, PyAny>) {
        if self.jsonl {
            let line: Result<Vec<u8>, String> = if item.is_instance_of::<PyString>() {
                item.extract::<String>()
                    .map(String::into_bytes)
                    .map_err(|e| e.to_string())
            } else if let Ok(b) = item.cast::<PyBytes>() {
                Ok(b.as_bytes().to_vec())
            } else {
                Err(format!(
                    "an item of type {}, not a line of JSON (str or bytes)",
                    type_name(item)
                ))
            };
            match line {
                Ok(line) => {
                    _ = self.map.submit(line.len(), move || {
                        let line = line.trim_ascii();
                        if line.is_empty() {
                            Done::Blank
                        } else {
                            Done::Record(record::analyze_line(
                                line,
                                &Options::default(),
                                Offsets::Chars,
                            ))
                        }
                    })
                }
                Err(e) => {
                    _ = self.map.submit(0, move || {
                        Done::Record(Output::failed(serde_json::Value::Null, e))
                    })
                }
            }
        } else {
            match item.extract::<String>() {
                Ok(text) => {
                    let options = options(self.quotes);
                    self.map.submit(text.len(), move || {
                        Done::Analysis(analyze_chars(&text, &options))
                    });
                }
                Err(_) => {
                    let e = format!(
                        "analyze_many takes an iterable of str; got an item of type {}",
                        type_name(item)
                    );
                    self.map.submit(0, move || Done::NotText(e));
                }
            }
        }
    }
}

fn type_name(item: &Bound<'_, PyAny>) -> String {
    item.get_type()
        .name()
        .map_or_else(|_| "value of unknown type".into(), |n| n.to_string())
}

#[pymethods]
impl Analyses {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if self.finished {
                return Ok(None);
            }
            self.fill(py);
            let map = &self.map;
            let done = match py.detach(|| map.next()) {
                Some(done) => done,
                None => {
                    self.finished = true;
                    return match self.raised.take() {
                        Some(e) => Err(e),
                        None => Ok(None),
                    };
                }
            };
            let fail = |this: &mut Self, message: String| {
                this.finished = true;
                Err(PyValueError::new_err(message))
            };
            return match done {
                Ok(Done::Blank) => continue,
                Ok(Done::Analysis(Ok(a))) => to_python(py, &a).map(Some),
                Ok(Done::Analysis(Err(message))) => fail(self, message),
                Ok(Done::NotText(message)) => {
                    self.finished = true;
                    Err(PyTypeError::new_err(message))
                }
                Ok(Done::Record(output)) => to_python(py, &output).map(Some),
                Err(panicked) if self.jsonl => to_python(
                    py,
                    &Output::failed(serde_json::Value::Null, panicked.to_string()),
                )
                .map(Some),
                Err(panicked) => fail(self, panicked.to_string()),
            };
        }
    }
}

/// analyze_many(texts, jobs=None, quotes=True) -> Iterator[dict]
///
/// Analyses an iterable of texts on `jobs` threads (None: every core) with
/// the GIL released, yielding each analysis in input order. Raises
/// ValueError at a text that cannot be analysed, TypeError at an item that
/// is not a str; the iteration ends there.
#[pyfunction]
#[pyo3(signature = (texts, jobs = None, quotes = true))]
fn analyze_many(texts: &Bound<'_, PyAny>, jobs: Option<usize>, quotes: bool) -> PyResult<Analyses> {
    Analyses::new(texts, jobs, false, quotes)
}

/// analyze_jsonl(lines, jobs=1) -> Iterator[dict]
///
/// Analyses JSON Lines records, {"id": ..., "text": ..., ...} per str or
/// bytes line, as `qawl analyze --jsonl` does, with offsets in code points:
/// yields {"id", ...passed-through fields, "entities", "clusters",
/// "quotes"}, or {"id", "error"} for a bad record, in input order; blank
/// lines are skipped. Never raises for a bad record. One thread by default:
/// it is meant to run per partition of a Dask or Spark job, whose engine
/// already uses every core.
#[pyfunction]
#[pyo3(signature = (lines, jobs = Some(1)))]
fn analyze_jsonl(lines: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<Analyses> {
    Analyses::new(lines, jobs, true, true)
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_jsonl, m)?)?;
    m.add_class::<Analyses>()?;
    m.add("MAX_INPUT_BYTES", qawl::MAX_INPUT_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
