//! What qawl's command line (`qawl analyze --jsonl`, `qawl analyze --out`)
//! and its Python package share when they analyse many articles: no analysis
//! logic (that is the `qawl` library's), only how articles travel.
//!
//! - [`ordered`]: a parallel map over a pool of threads that hands results
//!   back in the order the items went in, with a bounded window of items in
//!   flight, so memory stays flat however long the input; a panic in one
//!   item's work becomes that item's error.
//! - [`record`]: the JSON Lines record format: `{"id", "text", …}` in,
//!   `{"id", …, "entities", "clusters", "quotes"}` or `{"id", "error"}` out.

pub mod ordered;
pub mod record;

/// Items in flight per job, for [`ordered::Ordered::new`]: enough that a
/// slow article does not leave the other threads idle while the results wait
/// for it, few enough to stay small.
pub const WINDOW_PER_JOB: usize = 64;

/// Input bytes in flight, all jobs together (one longer item is still
/// admitted alone): bounds memory when records are large.
pub const WINDOW_BYTES: usize = 16 << 20;

/// How many threads to analyse with when the user does not say: one per
/// core the process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
