#!/usr/bin/env node
// Two builds of the page side by side: cold loads of each, alternating
// (which goes first alternates too), each in a fresh browser context, and
// the medians of the page's own marks (the steps `make bench` prints). The
// machine's speed drifts within minutes; only a comparison in one run
// says whether a change helped. Stop 29 chose the wasm's opt-level and the
// ICU warm-up in boot.js with it (README, Performance).
//
//   node scripts/bench-page-ab.mjs ROOT_A ROOT_B [PAIRS]
//
// ROOT_A and ROOT_B are checkouts (or copies) with www/ and a built pkg/
// (`make wasm`); each is served by scripts/serve.mjs. PAIRS defaults to 11.
import { resolve } from 'node:path';
import { startServer } from './serve.mjs';

const [a, b, pairsArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/bench-page-ab.mjs ROOT_A ROOT_B [PAIRS]');
  process.exit(2);
}
const PAIRS = Math.max(1, Number(pairsArg) || 11);
const MARKS = [
  ['qawl:boot', 'boot.js ran'],
  ['qawl:wasm-compiled', 'wasm compiled'],
  ['qawl:bundle', 'page.js ran'],
  ['qawl:text', 'article text in the DOM'],
  ['qawl:first-analysis', 'highlights in the DOM'],
  ['qawl:first-highlight', 'highlights painted'],
  ['qawl:first-analyze', 'first analysis (ms)'],
];
const LAST = 'qawl:first-highlight';

const { chromium } = await import('playwright-core');
const servers = {
  A: await startServer({ port: 0, quiet: true, root: resolve(a) }),
  B: await startServer({ port: 0, quiet: true, root: resolve(b) }),
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** One cold load: the page's marks, ms after navigation (a measure's duration for the first analysis). */
async function load(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((last) => performance.getEntriesByName(last).length, LAST, { timeout: 30000 });
    return await page.evaluate((names) => Object.fromEntries(names.map((n) => {
      const e = performance.getEntriesByName(n)[0];
      return [n, e ? (e.entryType === 'measure' ? e.duration : e.startTime) : null];
    })), MARKS.map(([n]) => n));
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
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((x, y) => x - y);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x) => x.toFixed(1).padStart(8);
console.log(`${PAIRS} pairs of cold loads, medians (ms after navigation)\n${''.padEnd(26)}       A        B`);
for (const [name, what] of MARKS) {
  console.log(`${what.padEnd(26)}${f(median(runs.A.map((r) => r[name])))} ${f(median(runs.B.map((r) => r[name])))}`);
}
const diff = runs.A.map((r, i) => runs.B[i][LAST] - r[LAST]);
console.log(`highlights painted, B - A, median of the pairs: ${median(diff).toFixed(1)} ms (${Math.min(...diff).toFixed(0)} to ${Math.max(...diff).toFixed(0)})`);
process.exit(0);
