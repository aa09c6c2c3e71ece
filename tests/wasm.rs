//! The JavaScript API in a real browser (headless Chromium through
//! wasm-bindgen-test): offsets must slice the input with
//! `String.prototype.slice`, astral characters included.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm`
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).expect("property")
}

fn num(v: &JsValue, k: &str) -> u32 {
    get(v, k).as_f64().expect("number") as u32
}

/// Checks that every span in the analysis slices `text` to its own `text`.
fn assert_spans_slice(text: &JsString, analysis: &JsValue) -> usize {
    let mut checked = 0;
    for list in ["entities", "quotes"] {
        let items: Array = get(analysis, list).dyn_into().expect("array");
        for item in items.iter() {
            let sliced = text.slice(num(&item, "start"), num(&item, "end"));
            assert_eq!(JsValue::from(sliced), get(&item, "text"), "{list} span");
            checked += 1;
            let cue = get(&item, "cue");
            if list == "quotes" && !cue.is_null() {
                assert_eq!(
                    JsValue::from(text.slice(num(&cue, "start"), num(&cue, "end"))),
                    get(&cue, "text")
                );
            }
        }
    }
    checked
}

#[wasm_bindgen_test]
fn offsets_slice_the_js_string_after_emoji() {
    let s = "😀😀 قال يوم الجمعة 🇸🇾 إن \"الاتفاق 👍 صامد\" في 3 مارس 2016.";
    let text = JsString::from(s);
    let a = qawl::wasm::analyze(s, JsValue::UNDEFINED).expect("analysis");
    let n = assert_spans_slice(&text, &a);
    assert!(n >= 3, "expected dates and a quotation, checked {n} spans");
    // The first date starts after two emoji: 4 UTF-16 units, not 2 chars or 8 bytes.
    let first: JsValue = Array::from(&get(&a, "entities")).get(0);
    assert_eq!(
        JsValue::from(text.slice(num(&first, "start"), num(&first, "end"))),
        JsValue::from_str("الجمعة")
    );
    assert_eq!(
        num(&first, "start") as usize,
        s[..s.find("الجمعة").unwrap()].encode_utf16().count()
    );
}

#[wasm_bindgen_test]
fn options_switch_stages_and_reject_malformed_values() {
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"quotes".into(), &JsValue::FALSE).unwrap();
    let a = qawl::wasm::analyze("قال \"نعم\" يوم الجمعة", opts.into()).expect("analysis");
    assert_eq!(Array::from(&get(&a, "quotes")).length(), 0);
    assert!(Array::from(&get(&a, "entities")).length() > 0);

    let bad = js_sys::Object::new();
    Reflect::set(&bad, &"quotes".into(), &"yes".into()).unwrap();
    let err = qawl::wasm::analyze("x", bad.into()).expect_err("a string is not a boolean");
    let msg = Reflect::get(&err.into(), &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(msg.contains("invalid options"), "{msg}");
}

#[wasm_bindgen_test]
fn empty_and_hostile_text_give_results_not_panics() {
    for s in [
        "",
        "\"\"\"\"\"",
        "\u{202E}«»“”\u{200F}",
        "<script>alert(1)</script>",
        "ًٌٍَُِّْ",
    ] {
        let a = qawl::wasm::analyze(s, JsValue::UNDEFINED).expect("analysis");
        assert_spans_slice(&JsString::from(s), &a);
    }
}

/// The wasm build leaves the English model out: it asks for it, refuses
/// bytes that are not it, and after `loadEnglishModel` tags English with it
/// (an organization the rules alone do not find).
#[wasm_bindgen_test]
fn the_english_model_is_asked_for_checked_and_used() {
    let s = "Harwick Power & Light said on Monday that 4,000 homes had lost power.";
    assert!(qawl::wasm::wants_english_model(s));
    assert!(!qawl::wasm::wants_english_model(
        "قال الرئيس إن الاتفاق صامد."
    ));
    let orgs = |a: &JsValue| -> Vec<String> {
        Array::from(&get(a, "entities"))
            .iter()
            .filter(|e| get(e, "label") == JsValue::from_str("ORG"))
            .filter_map(|e| get(&e, "text").as_string())
            .collect()
    };
    let by_rules = qawl::wasm::analyze(s, JsValue::UNDEFINED).expect("analysis");
    assert!(!orgs(&by_rules).contains(&"Harwick Power & Light".to_string()));
    assert!(qawl::wasm::load_english_model(b"not a model".to_vec()).is_err());
    assert!(
        qawl::wasm::wants_english_model(s),
        "refused bytes load nothing"
    );
    qawl::wasm::load_english_model(include_bytes!("../models/ner-en.bin").to_vec())
        .expect("the model loads");
    assert!(!qawl::wasm::wants_english_model(s));
    let a = qawl::wasm::analyze(s, JsValue::UNDEFINED).expect("analysis");
    assert_eq!(orgs(&a), ["Harwick Power & Light"]);
    assert_spans_slice(&JsString::from(s), &a);
}
