//! The progress bar of long runs: articles done, megabytes, rate, ETA, on
//! standard error, and only when standard error is a terminal: piped or
//! redirected runs (CI, `2> log`) stay silent.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often the bar redraws: often enough to look alive, rarely enough to
/// cost nothing next to the analysis.
const REFRESH_PER_SECOND: u8 = 4;

/// A progress bar, or nothing when standard error is not a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: AtomicU64,
}

impl Progress {
    /// A bar over `total_bytes` of input when known (a file), or a spinner
    /// (standard input).
    pub fn new(total_bytes: Option<u64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let (bar, template) = match total_bytes {
                Some(total) => (
                    ProgressBar::new(total),
                    "{msg} articles  {bytes}/{total_bytes}  {bytes_per_sec}  ETA {eta}  {wide_bar}",
                ),
                None => (
                    ProgressBar::no_length(),
                    "{spinner} {msg} articles  {bytes}  {bytes_per_sec}  {elapsed}",
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(REFRESH_PER_SECOND));
            bar.set_style(
                ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            articles: AtomicU64::new(0),
        }
    }

    /// One more article done, of `bytes` of input.
    pub fn record(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            let n = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
            let secs = bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{n} ({:.0}/s)", n as f64 / secs));
            bar.inc(bytes as u64);
        }
    }

    /// Removes the bar (the summary line follows it).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
