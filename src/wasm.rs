//! The JavaScript API: a thin wasm-bindgen layer over [`crate::analyze`].
//!
//! It converts, and decides nothing: text in, the [`crate::Analysis`] out as a
//! plain object with UTF-16 offsets (JavaScript string indices), errors out as
//! exceptions whose message says what to do.

use wasm_bindgen::prelude::*;

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
"#;

/// Analyses one article. Offsets in the result are JavaScript string indices.
/// Throws an `Error` for text over the size limit or malformed options.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
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

/// The largest text `analyze` accepts, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    crate::MAX_INPUT_BYTES
}
