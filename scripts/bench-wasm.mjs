// Speed and size of the wasm build, in Node and in headless Chromium, checked
// against budgets. Prints figures; exits 1 when a budget is missed.
// Run through `make bench` (which builds pkg/ first).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, FIRST_ANALYZE, HIGHLIGHT, PAGE_STEPS, marks, median } from './page-marks.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = {
  wasmMBps: 2, // whole analysis in wasm, MB/s of Arabic text
  wasmGzipBytes: 1.2 * 1024 * 1024, // wasm including the model, gzipped
  // Page: its first highlight painted, minus the control page's, median of
  // the pairs' differences; cold (fresh contexts) and warm (reloads).
  overheadMs: 60,
  warmOverheadMs: 30,
  firstAnalyzeMs: 15, // the page's first analysis, in a fresh wasm instance (median)
};
// Pairs of page loads (the page and the control page, alternating which
// goes first), each load in a fresh browser context: QAWL_PAGE_PAIRS (at least 9).
const PAGE_PAIRS = Math.max(9, Number(process.env.QAWL_PAGE_PAIRS) || 11);

const samplesDir = join(root, 'www/samples');
// The Arabic samples: the budgets are for Arabic text (the English sample
// would be tagged by rules here, the wasm having no English model).
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ name: f, text: readFileSync(join(samplesDir, f), 'utf8') }))
  .filter((s) => /[\u0600-\u06FF]/.test(s.text));
const failures = [];
const utf8Len = (s) => Buffer.byteLength(s, 'utf8');

// The measuring code runs unchanged in Node and in the browser.
function measure(analyze, samples) {
  const best = (text, minMs) => {
    let bestMs = Infinity;
    const t0 = performance.now();
    for (let runs = 0; runs < 3 || performance.now() - t0 < minMs; runs++) {
      const t = performance.now();
      analyze(text);
      bestMs = Math.min(bestMs, performance.now() - t);
    }
    return bestMs;
  };
  const rows = samples.map((s) => ({ name: s.name, chars: s.text.length, ms: best(s.text, 200) }));
  let big = '';
  const all = samples.map((s) => s.text).join('\n\n');
  while (big.length < 5.5e6) big += all + '\n\n';
  rows.push({ name: '10 MB concatenation', chars: big.length, ms: best(big, 0), big: true });
  return rows;
}

function report(where, rows, bytesOf) {
  console.log(`wasm in ${where}`);
  let bigRate = 0;
  for (const r of rows) {
    const bytes = bytesOf(r);
    const rate = bytes / 1e6 / (r.ms / 1e3);
    if (r.big) bigRate = rate;
    console.log(`  ${r.name.padEnd(32)} ${String(bytes).padStart(9)} bytes  ${r.ms.toFixed(2).padStart(9)} ms  ${rate.toFixed(1).padStart(6)} MB/s`);
  }
  if (bigRate < BUDGET.wasmMBps) failures.push(`wasm in ${where}: ${bigRate.toFixed(1)} MB/s, under the budget of ${BUDGET.wasmMBps} MB/s`);
}

// Size.
const wasm = readFileSync(join(root, 'pkg/qawl_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`wasm size: ${wasm.length} bytes, ${gz} gzipped (budget ${BUDGET.wasmGzipBytes})`);
if (gz > BUDGET.wasmGzipBytes) failures.push(`wasm is ${gz} bytes gzipped, over the budget of ${BUDGET.wasmGzipBytes}`);

// Node.
const { default: init, analyze } = await import(join(root, 'pkg/qawl.js'));
await init({ module_or_path: wasm });
const bigBytes = (() => {
  const all = samples.map((s) => s.text).join('\n\n');
  let big = '';
  while (big.length < 5.5e6) big += all + '\n\n';
  return utf8Len(big);
})();
const bytesOf = (r) => (r.big ? bigBytes : utf8Len(samples.find((s) => s.name === r.name).text));
report('Node ' + process.version, measure(analyze, samples), bytesOf);

// Headless Chromium: the same measurement in a page, and the page's first analysis.
const { chromium } = await import('playwright-core');
const { startServer } = await import('./serve.mjs');
const server = await startServer({ port: 0, quiet: true, mounts: [['/control/', join(root, 'scripts/bench-control')]] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  // The page next to a control page (scripts/bench-control/: one
  // paragraph, one stylesheet, one 200-byte module that adds a <mark> one
  // frame after it runs), measured the same way in the same run, so that
  // what is left is qawl's own cost, not the machine's or Chromium's. Both
  // mark 'qawl:first-highlight' in a task after the frame that painted their
  // first highlight.
  // Cold: a fresh context for every load (empty HTTP cache, no service
  // worker, no cached compiled wasm). Warm: that context reloaded (the page
  // once its service worker is active; the control from the HTTP cache).
  // Each pair alternates which page goes first.
  const load = async (path, { serviceWorker }) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(server.url + path);
    const cold = await marks(p, HIGHLIGHT);
    if (serviceWorker) await p.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
    await p.reload();
    const warm = await marks(p, HIGHLIGHT);
    return { context, page: p, cold, warm };
  };
  const runs = { page: [], control: [] };
  let page;
  for (let pair = 0; pair < PAGE_PAIRS; pair++) {
    const order = pair % 2 ? ['control', 'page'] : ['page', 'control'];
    for (const which of order) {
      const r = which === 'page'
        ? await load('index.html', { serviceWorker: true })
        : await load('control/index.html', { serviceWorker: false });
      runs[which].push(r);
      if (which === 'page' && pair === PAGE_PAIRS - 1) page = r.page;
      else await r.context.close();
    }
  }
  const ok = (xs, key) => xs.every((r) => r[key]?.[HIGHLIGHT] != null);
  if (!ok(runs.page, 'cold') || !ok(runs.page, 'warm') || !ok(runs.control, 'cold') || !ok(runs.control, 'warm')) {
    failures.push('a page did not record performance.mark("qawl:first-highlight") within 30 s');
  } else {
    const at = (xs, key, name = HIGHLIGHT) => xs.map((r) => r[key][name]);
    const diff = (a, b) => a.map((x, i) => x - b[i]);
    const row = (label, xs, budget = '') => {
      const f = (x) => x.toFixed(0).padStart(5);
      console.log(`  ${label.padEnd(34)} ${f(median(xs))}   ${f(Math.min(...xs))} –${f(Math.max(...xs))}   ${budget}`);
    };
    console.log(`page next to the control page: first highlight painted, ms after navigation (${PAGE_PAIRS} alternating pairs)`);
    console.log(`  ${''.padEnd(34)} median   range`);
    const pc = at(runs.page, 'cold');
    const cc = at(runs.control, 'cold');
    const pw = at(runs.page, 'warm');
    const cw = at(runs.control, 'warm');
    row('page, cold (fresh context)', pc);
    row('control page, cold', cc);
    row('overhead, cold (pairwise)', diff(pc, cc), `budget ≤ ${BUDGET.overheadMs}`);
    row('page, warm (service worker)', pw);
    row('control page, warm (HTTP cache)', cw);
    row('overhead, warm (pairwise)', diff(pw, cw), `budget ≤ ${BUDGET.warmOverheadMs}`);
    // Where the page's cold time goes (medians over its cold loads).
    console.log('  the page\'s cold loads, step by step (median ms after navigation):');
    for (const [name, what] of PAGE_STEPS) {
      const xs = runs.page.map((r) => r.cold[name]).filter((x) => x != null);
      if (xs.length) console.log(`    ${median(xs).toFixed(0).padStart(5)}  ${what}`);
    }
    const first = runs.page.map((r) => r.cold[FIRST_ANALYZE]).filter((x) => x != null);
    if (first.length) {
      const m = median(first);
      console.log(`  first analysis of the first sample in a fresh wasm instance: median ${m.toFixed(1)} ms (${Math.min(...first).toFixed(1)}–${Math.max(...first).toFixed(1)}), budget ≤ ${BUDGET.firstAnalyzeMs}`);
      if (m > BUDGET.firstAnalyzeMs) failures.push(`first analysis in a fresh instance ${m.toFixed(1)} ms, over ${BUDGET.firstAnalyzeMs} ms`);
    }
    const over = median(diff(pc, cc));
    const warmOver = median(diff(pw, cw));
    if (over > BUDGET.overheadMs) failures.push(`page overhead over the control page ${over.toFixed(0)} ms (cold median), over ${BUDGET.overheadMs} ms`);
    if (warmOver > BUDGET.warmOverheadMs) failures.push(`warm page overhead over the control page ${warmOver.toFixed(0)} ms (median), over ${BUDGET.warmOverheadMs} ms`);
  }
  const rows = await page.evaluate(async ({ samples, measureSrc }) => {
    const mod = await import('/pkg/qawl.js');
    await mod.default();
    const measure = new Function('return ' + measureSrc)();
    return measure(mod.analyze, samples);
  }, { samples, measureSrc: measure.toString() });
  report('headless Chromium', rows, bytesOf);
} finally {
  await browser.close();
  await server.close();
}

if (failures.length) {
  for (const f of failures) console.error('BUDGET MISSED: ' + f);
  process.exit(1);
}
console.log('wasm budgets: all met');
