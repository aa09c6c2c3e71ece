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

/// Analyses one article. Offsets in the result are JavaScript string indices.
/// Throws an `Error` for text over the size limit or malformed options.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
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
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Article[]")] articles: JsValue,
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

/// Whether `analyze(text)` would tag English sentences and the English
/// model is not loaded yet: fetch `qawl-en.bin` (next to `qawl_bg.wasm`) and
/// pass it to `loadEnglishModel` first. Arabic articles never need it.
#[wasm_bindgen(js_name = wantsEnglishModel)]
pub fn wants_english_model(text: &str) -> bool {
    crate::wants_english_model(text)
}

/// Gives qawl the English tagger model (the bytes of `qawl-en.bin`). Until
/// then English names come from rules. Throws an `Error` when the bytes are
/// not the model of this version of qawl.
#[wasm_bindgen(js_name = loadEnglishModel)]
pub fn load_english_model(bytes: Vec<u8>) -> Result<(), JsError> {
    crate::load_english_model(bytes).map_err(|e| JsError::new(&e.to_string()))
}
