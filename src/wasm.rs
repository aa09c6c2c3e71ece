//! The JavaScript API: a thin wasm-bindgen layer over [`crate::analyze`].
//!
//! It converts, and decides nothing: text in, the [`crate::Analysis`] out as a
//! plain object with UTF-16 offsets (JavaScript string indices), errors out as
//! exceptions whose message says what to do.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// On wasm32 a panic aborts: JavaScript sees a bare `RuntimeError:
/// unreachable`. Recording the panic's message lets the caller turn that
/// into an `Error` that says what happened (see `takePanicMessage`). qawl is
/// fuzzed never to panic; this is the last line of defence.
fn record_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = format!("qawl failed on this text ({info}); please report it with the text");
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
        }));
    });
}

/// The message of the panic that last aborted a call, if any, cleared on
/// reading. Call it after catching a `WebAssembly.RuntimeError`.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** An entity mention; `text === input.slice(start, end)`. */
export interface Entity { start: number; end: number; text: string; label: "PER" | "LOC" | "ORG" | "MISC" | "DATE"; cluster: number; }
/** All mentions of one entity. */
export interface Cluster { id: number; name: string; label: Entity["label"]; mentions: number; spellings: string[]; }
export interface Speaker { name: string; cluster: number | null; start: number; end: number; }
export interface Cue { start: number; end: number; text: string; }
/** A quotation; `text === input.slice(start, end)`. */
export interface Quote { start: number; end: number; text: string; kind: "direct" | "partial" | "indirect" | "term"; speaker: Speaker | null; cue: Cue | null; }
/** What qawl found in one article. Offsets are UTF-16 code units, end exclusive. */
export interface Analysis { entities: Entity[]; clusters: Cluster[]; quotes: Quote[]; }
/** Options for `analyze`; every field is optional. */
export interface AnalyzeOptions { entities?: boolean; quotes?: boolean; }
/** One article for `compare`: a text and the analysis `analyze` returned for it. */
export interface CompareArticle { name: string; text: string; analysis: Analysis; }
/** A piece of a quotation's text, worded like the group's reference or not. Offsets are relative to the quotation's text; a member's segments joined give its text back. */
export interface DiffSegment { start: number; end: number; text: string; changed: boolean; }
/** One quotation in a group: `articles[article].analysis.quotes[quote]`. */
export interface CompareMember { article: number; quote: number; kind: Quote["kind"]; start: number; end: number; text: string; similarity: number; diff: DiffSegment[]; }
/** Near-identical quotations of one speaker, the reference first. */
export interface CompareGroup { speaker: { index: number; name: string | null }; articles: number; members: CompareMember[]; }
/** One speaker across articles (`name` null for unattributed quotations). */
export interface CompareSpeaker { name: string | null; key: string; names: string[]; quotes: { article: number; quote: number }[]; groups: number[]; articles: number; }
/** What `compare` found: speakers across articles and groups of near-identical quotations. */
export interface CompareResult { speakers: CompareSpeaker[]; groups: CompareGroup[]; }
"#;

/// Analyses one article. Offsets in the result are JavaScript string indices.
/// Throws an `Error` for text over the size limit or malformed options.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    record_panics();
    let options: crate::Options = if options.is_undefined() || options.is_null() {
        crate::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    let analysis = crate::analyze_with(text, &options).map_err(|e| JsError::new(&e.to_string()))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&analysis.into_utf16(text), &serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Groups several articles' quotations by speaker and near-identical
/// wording, marking word differences (see [`crate::compare`]). Offsets in
/// and out are JavaScript string indices. Throws an `Error` when `articles`
/// is not an array of `{name, text, analysis}`.
#[wasm_bindgen(unchecked_return_type = "CompareResult")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "CompareArticle[]")] articles: JsValue,
) -> Result<JsValue, JsError> {
    record_panics();
    let articles: Vec<crate::compare::Article> =
        serde_wasm_bindgen::from_value(articles).map_err(|e| {
            JsError::new(&format!(
                "invalid articles for compare: {e}; pass an array of {{name, text, analysis}} \
                 with each analysis as analyze() returned it for that text"
            ))
        })?;
    let result = crate::compare::compare_utf16(&articles);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&result, &serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// The largest text `analyze` accepts, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    crate::MAX_INPUT_BYTES
}
