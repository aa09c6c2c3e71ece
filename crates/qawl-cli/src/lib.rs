//! The library half of qawl's command line: what `qawl eval` computes, kept
//! apart from the binary so that tests can call it directly.
//!
//! The `qawl` library itself reads no files and writes no JSON; scoring needs
//! both, so it lives here, beside the command that uses it.

pub mod eval;
