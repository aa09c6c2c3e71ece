#!/usr/bin/env node
// Two builds of the page side by side: cold loads of each, alternating
// (which goes first alternates too), each in a fresh browser context, and
// the medians of the page's own marks (the steps `make bench` prints,
// read the same way: scripts/page-marks.mjs). The machine's speed drifts
// within minutes; only a comparison in one run says whether a change
// helped. Stop 29 chose the wasm's opt-level and the ICU warm-up in
// boot.js with it (README, Performance).
//
//   node scripts/bench-page-ab.mjs ROOT_A ROOT_B [PAIRS] [--warm]
//
// With --warm, each load is the reload of a page whose service worker is
// active (as `make bench`'s warm figure), in its own fresh context.
//
// ROOT_A and ROOT_B are checkouts (or copies) with www/ and a built pkg/
// (`make wasm`); each is served by scripts/serve.mjs. PAIRS defaults to 11.
import { resolve } from 'node:path';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS, FIRST_ANALYZE, HIGHLIGHT, PAGE_STEPS, marks, median } from './page-marks.mjs';

const args = process.argv.slice(2);
const warm = args.includes('--warm');
const [a, b, pairsArg] = args.filter((x) => x !== '--warm');
if (!a || !b) {
  console.error('usage: node scripts/bench-page-ab.mjs ROOT_A ROOT_B [PAIRS] [--warm]');
  process.exit(2);
}
const PAIRS = Math.max(1, Number(pairsArg) || 11);

const { chromium } = await import('playwright-core');
const servers = {
  A: await startServer({ port: 0, quiet: true, root: resolve(a) }),
  B: await startServer({ port: 0, quiet: true, root: resolve(b) }),
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** One load's marks (ms after navigation; the first analysis's duration): cold, or with --warm the reload once the service worker is active. */
async function load(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    let m = await marks(page);
    if (warm && m) {
      await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
      await page.reload();
      m = await marks(page);
    }
    if (!m) throw new Error(`${url} did not mark ${HIGHLIGHT} within 30 s`);
    return m;
  } finally {
    await context.close();
  }
}

const runs = { A: [], B: [] };
try {
  for (let i = 0; i < PAIRS; i++) {
    for (const which of i % 2 ? ['B', 'A'] : ['A', 'B']) runs[which].push(await load(`${servers[which].url}index.html`));
  }
} finally {
  await browser.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}
const of = (xs, name) => median(xs.map((r) => r[name]).filter((x) => x != null));
const f = (x) => x.toFixed(1).padStart(8);
console.log(`${PAIRS} pairs of ${warm ? 'warm reloads (service worker active)' : 'cold loads'}, medians (ms after navigation)\n${''.padEnd(52)}       A        B`);
for (const [name, what] of [...PAGE_STEPS, [FIRST_ANALYZE, 'first analysis (its duration)']]) {
  console.log(`${what.padEnd(52)}${f(of(runs.A, name))} ${f(of(runs.B, name))}`);
}
const diff = runs.A.map((r, i) => runs.B[i][HIGHLIGHT] - r[HIGHLIGHT]);
console.log(`highlights painted, B - A, median of the pairs: ${median(diff).toFixed(1)} ms (${Math.min(...diff).toFixed(0)} to ${Math.max(...diff).toFixed(0)})`);
process.exit(0);
