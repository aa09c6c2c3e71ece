//! Writing the model: trained weights quantized into the library's model
//! format ([`Model`]), checked to read back, and written to a file.
//!
//! Quantization scales every weight by one factor so that the largest maps
//! to the `i16` limit; features whose weights all round to zero are dropped,
//! and [`Model::from_weights`] stores each of the others as a block of `i8`s
//! sharing a shift (the library's model format).

use crate::train::Weights;
use qawl::lab::{Lexicon, Model};
use std::path::Path;

/// The model of `weights` and `lexicon`.
pub fn build(weights: &Weights, lexicon: Lexicon) -> Model {
    let top = weights
        .feats
        .iter()
        .flat_map(|(_, w)| w.iter().map(|x| x.abs()))
        .fold(0f32, f32::max);
    let top = if top > 0.0 { top } else { 1.0 };
    let scale = (top / 32767.0).max(1e-9);
    Model::from_weights(&weights.feats, &weights.trans, lexicon, scale)
}

/// The model's bytes, and the model as the library will read them.
pub fn encode(model: &Model) -> Result<(Vec<u8>, Model), String> {
    let bytes = model.to_bytes();
    eprintln!(
        "model: {} features, {} bytes",
        model.n_features(),
        bytes.len()
    );
    let read = Model::parse(&bytes).ok_or("the model just written does not parse (a bug)")?;
    Ok((bytes, read))
}

/// Writes the model's bytes to `out`.
pub fn write(out: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
