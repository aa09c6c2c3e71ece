//! The JSON Lines record format, for `qawl analyze --jsonl` and the Python
//! package's `analyze_jsonl`.
//!
//! In: one JSON object per line, `{"id": …, "text": "…", …}`. `id` may be
//! any JSON value (`null` when absent); `text` is the article. Other fields
//! (an outlet, a date, a URL) are passed through to the output, in the order
//! they came, except those named like the output's own fields (`entities`,
//! `clusters`, `quotes`, `error`), which the output replaces.
//!
//! Out: `{"id": …, …passed-through fields, "entities": […], "clusters": […],
//! "quotes": […]}`, the analysis exactly as `qawl analyze` writes it for one
//! article, or `{"id": …, "error": "…"}` when the record cannot be analysed:
//! not JSON, not an object, no `text` string, a text over
//! [`qawl::MAX_INPUT_BYTES`], or (never expected) a panic in the analysis.
//! A bad record never stops the others.

use crate::ordered::{panic_message, Panicked};
use qawl::{Analysis, Options};
use serde::Serialize;
use serde_json::{Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The unit of the offsets in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offsets {
    /// UTF-16 code units: JavaScript string indices, the CLI's JSON.
    Utf16,
    /// Code points: Python string indices.
    Chars,
}

/// The output fields a record's own fields may not override.
const OUTPUT_FIELDS: [&str; 4] = ["entities", "clusters", "quotes", "error"];

/// A record ready for analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: Value,
    pub text: String,
    /// The fields passed through to the output, in input order.
    pub fields: Map<String, Value>,
}

/// One output line: the analysis of a record, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Output {
    pub id: Value,
    /// Passed-through fields (none when the record failed).
    #[serde(flatten)]
    pub fields: Map<String, Value>,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What became of a record.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// `entities`, `clusters`, `quotes`, as `qawl analyze` writes them.
    Analysed(Analysis),
    /// Why the record could not be analysed, in words for the user.
    Failed { error: String },
}

impl Output {
    /// A record that could not be analysed.
    pub fn failed(id: Value, error: impl Into<String>) -> Output {
        Output {
            id,
            fields: Map::new(),
            outcome: Outcome::Failed {
                error: error.into(),
            },
        }
    }

    /// The error message, if the record failed.
    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Analysed(_) => None,
            Outcome::Failed { error } => Some(error),
        }
    }
}

/// Why a line is not a record: its `id` when it has one, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub id: Value,
    pub error: String,
}

impl From<Rejected> for Output {
    fn from(r: Rejected) -> Output {
        Output::failed(r.id, r.error)
    }
}

/// Reads one input line (without its line break) as a record.
pub fn parse(line: &[u8]) -> Result<Record, Rejected> {
    const EXAMPLE: &str = r#"each line must be one JSON object such as {"id": 1, "text": "…"}"#;
    let value: Value = serde_json::from_slice(line).map_err(|e| {
        // serde_json says "at line 1 column N": the record is one line.
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what);
        rejected(
            Value::Null,
            format!(
                "not valid JSON ({what} at column {}); {EXAMPLE}",
                e.column()
            ),
        )
    })?;
    let mut fields = match value {
        Value::Object(map) => map,
        other => {
            return Err(rejected(
                Value::Null,
                format!("a JSON {}, not an object; {EXAMPLE}", kind(&other)),
            ))
        }
    };
    // shift_remove keeps the other fields in their input order.
    let id = fields.shift_remove("id").unwrap_or(Value::Null);
    let text = match fields.shift_remove("text") {
        Some(Value::String(text)) => text,
        None => {
            return Err(rejected(
                id,
                r#"the record has no "text" field; give the article's text as a string in "text""#,
            ))
        }
        Some(other) => {
            return Err(rejected(
                id,
                format!(
                    r#""text" is a JSON {}, not a string; give the article's text as a string"#,
                    kind(&other)
                ),
            ))
        }
    };
    for name in OUTPUT_FIELDS {
        fields.shift_remove(name);
    }
    Ok(Record { id, text, fields })
}

/// Analyses a record with offsets in `offsets`. Never panics: a panic in
/// the analysis becomes a failed output naming the record's `id`.
pub fn analyze(record: Record, options: &Options, offsets: Offsets) -> Output {
    analyze_by(record, offsets, |text| qawl::analyze_with(text, options))
}

/// [`analyze`] with the analysis given, so that tests can make it fail.
fn analyze_by(
    record: Record,
    offsets: Offsets,
    analysis: impl FnOnce(&str) -> Result<Analysis, qawl::Error>,
) -> Output {
    let Record { id, text, fields } = record;
    let result = catch_unwind(AssertUnwindSafe(|| {
        analysis(&text).map(|a| match offsets {
            Offsets::Utf16 => a.into_utf16(&text),
            Offsets::Chars => a.into_chars(&text),
        })
    }));
    match result {
        Ok(Ok(analysis)) => Output {
            id,
            fields,
            outcome: Outcome::Analysed(analysis),
        },
        Ok(Err(e)) => Output::failed(id, e.to_string()),
        Err(panic) => Output::failed(id, Panicked(panic_message(&*panic)).to_string()),
    }
}

/// Parses and analyses one line: what `qawl analyze --jsonl` does per line.
pub fn analyze_line(line: &[u8], options: &Options, offsets: Offsets) -> Output {
    match parse(line) {
        Ok(record) => analyze(record, options, offsets),
        Err(rejected) => rejected.into(),
    }
}

fn rejected(id: Value, error: impl Into<String>) -> Rejected {
    Rejected {
        id,
        error: error.into(),
    }
}

/// The JSON type of a value, for error messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(v: &Value) -> Vec<u8> {
        serde_json::to_vec(v).unwrap()
    }

    fn out(v: &Value) -> Value {
        serde_json::to_value(analyze_line(&line(v), &Options::default(), Offsets::Utf16)).unwrap()
    }

    #[test]
    fn output_is_id_then_passed_fields_then_the_analysis_as_analyze_writes_it() {
        let text = "قال الرئيس الروسي فلاديمير بوتين الجمعة: \"نحن مستعدون\".";
        let got = analyze_line(
            &line(&json!({"url": "u", "text": text, "id": 7, "quotes": "dropped", "date": 1})),
            &Options::default(),
            Offsets::Utf16,
        );
        let json = serde_json::to_string(&got).unwrap();
        let keys: Vec<String> = serde_json::from_str::<Map<String, Value>>(&json)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            keys,
            ["id", "url", "date", "entities", "clusters", "quotes"]
        );
        let alone = serde_json::to_value(qawl::analyze(text).unwrap().into_utf16(text)).unwrap();
        let got: Value = serde_json::from_str(&json).unwrap();
        for k in ["entities", "clusters", "quotes"] {
            assert_eq!(got[k], alone[k], "{k}");
        }
        assert!(!got["quotes"].as_array().unwrap().is_empty());
    }

    #[test]
    fn bad_records_say_what_is_wrong_and_keep_their_id() {
        let o = serde_json::to_value(analyze_line(
            b"{\"id\": 1, \"text\": ",
            &Options::default(),
            Offsets::Utf16,
        ))
        .unwrap();
        assert_eq!(o["id"], Value::Null);
        assert!(
            o["error"].as_str().unwrap().contains("not valid JSON"),
            "{o}"
        );
        let o = out(&json!([1, 2]));
        assert!(o["error"]
            .as_str()
            .unwrap()
            .contains("a JSON array, not an object"));
        let o = out(&json!({"id": "a", "body": "x"}));
        assert_eq!(
            o,
            json!({"id": "a", "error": r#"the record has no "text" field; give the article's text as a string in "text""#})
        );
        let o = out(&json!({"id": "b", "text": 5}));
        assert_eq!(o["id"], "b");
        assert!(o["error"]
            .as_str()
            .unwrap()
            .contains("a JSON number, not a string"));
        let big = "ا".repeat(qawl::MAX_INPUT_BYTES / 2 + 1);
        let o = out(&json!({"id": "c", "text": big}));
        assert_eq!(o["id"], "c");
        assert!(
            o["error"].as_str().unwrap().contains("over qawl's limit"),
            "{o}"
        );
        assert_eq!(o.as_object().unwrap().len(), 2, "only id and error");
    }

    #[test]
    fn a_panic_in_the_analysis_becomes_an_error_with_the_records_id() {
        let record = parse(br#"{"id": "p", "text": "x"}"#).unwrap();
        let o = analyze_by(record, Offsets::Utf16, |_| panic!("injected"));
        assert_eq!(o.id, "p");
        let e = o.error().unwrap();
        assert!(
            e.contains("internal error: injected") && e.contains("report"),
            "{e}"
        );
    }

    #[test]
    fn char_offsets_slice_python_strings() {
        let text = "😀 قال بوتين: \"نعم\"";
        let o = analyze_line(
            &line(&json!({"id": 1, "text": text})),
            &Options::default(),
            Offsets::Chars,
        );
        let Outcome::Analysed(a) = o.outcome else {
            panic!("{o:?}")
        };
        let chars: Vec<char> = text.chars().collect();
        let mut spans = 0;
        for (s, e, t) in a.spans() {
            assert_eq!(chars[s..e].iter().collect::<String>(), t);
            spans += 1;
        }
        assert!(spans >= 2);
    }
}
