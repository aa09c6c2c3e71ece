// What the page benchmarks share (scripts/bench-wasm.mjs, the page next to
// its control page; scripts/bench-page-ab.mjs, two builds side by side):
// how Chromium is started, the page's own marks and how they are read, and
// the median they are reported by.

/** Chromium's flags for every headless run here (tests/browser too). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The mark the page (and the control page) sets after the frame that painted its first highlight. */
export const HIGHLIGHT = 'qawl:first-highlight';

/** The page's steps to its first highlight, in order: [mark, what it says]. */
export const PAGE_STEPS = [
  ['qawl:boot', 'boot.js ran (wasm compile and sample read started)'],
  ['qawl:wasm-compiled', 'wasm compiled'],
  ['qawl:bundle', 'page.js ran'],
  ['qawl:text', 'article text in the DOM'],
  ['qawl:first-analysis', 'highlights in the DOM'],
  [HIGHLIGHT, 'highlights painted'],
];

/** The measure of the page's first analysis in a fresh wasm instance (a duration, ms). */
export const FIRST_ANALYZE = 'qawl:first-analyze';

/**
 * The page's marks (performance.mark), in ms after navigation start, and
 * its measures' durations, once `last` is there; null after 30 s. Polls with
 * a bare evaluate every 250 ms: waitForSelector or waitForFunction would run
 * Playwright's injected script on the page's main thread in the middle of
 * the load being timed.
 */
export async function marks(page, last = HIGHLIGHT) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const m = await page.evaluate((l) => {
      if (!performance.getEntriesByName(l).length) return null;
      const out = {};
      for (const e of performance.getEntriesByType('mark')) out[e.name] ??= e.startTime;
      for (const e of performance.getEntriesByType('measure')) out[e.name] ??= e.duration;
      return out;
    }, last);
    if (m) return m;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The median of `xs` (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
