// Speed and size of the wasm build, in Node and in headless Chromium, checked
// against budgets. Prints figures; exits 1 when a budget is missed.
// Run through `make bench` (which builds pkg/ first).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = {
  wasmMBps: 2, // whole analysis in wasm, MB/s of Arabic text
  wasmGzipBytes: 1.5 * 1024 * 1024, // wasm including the model, gzipped
  firstAnalysisMs: 150, // page: first sample analysed and shown, after navigation (cold, median)
};
// Page loads measured, each in a fresh browser context: QAWL_PAGE_RUNS (default 7).
const PAGE_RUNS = Math.max(1, Number(process.env.QAWL_PAGE_RUNS) || 7);

const samplesDir = join(root, 'www/samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ name: f, text: readFileSync(join(samplesDir, f), 'utf8') }));
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

/**
 * When the page marked its first analysis as shown (performance.mark
 * 'qawl:first-analysis', set after the render), in ms after navigation start.
 * Polls with a bare evaluate: waitForSelector would run Playwright's injected
 * script on the page's main thread in the middle of the load being timed.
 */
async function firstAnalysisMs(page) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const t = await page.evaluate(() => performance.getEntriesByName('qawl:first-analysis')[0]?.startTime ?? null);
    if (t !== null) return t;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Headless Chromium: the same measurement in a page, and the page's first analysis.
const { chromium } = await import('playwright-core');
const { startServer } = await import('./serve.mjs');
const server = await startServer({ port: 0, quiet: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  // Cold: a fresh context each time (empty HTTP cache, no service worker, no
  // cached compiled wasm), so every load fetches and compiles everything; the
  // first one also shares the machine with the browser's own start-up.
  // Warm: the same context reloaded once its service worker is active (a
  // returning visitor: files revalidated, compiled wasm possibly cached).
  const cold = [];
  const warm = [];
  let page;
  for (let run = 0; run < PAGE_RUNS; run++) {
    if (page) await page.context().close();
    page = await (await browser.newContext()).newPage();
    await page.goto(server.url + 'index.html');
    const t = await firstAnalysisMs(page);
    if (t === null) break;
    cold.push(t);
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
    await page.reload();
    const w = await firstAnalysisMs(page);
    if (w !== null) warm.push(w);
  }
  const ms = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  if (cold.length < PAGE_RUNS || warm.length < PAGE_RUNS) {
    failures.push('the page did not record performance.mark("qawl:first-analysis")');
  } else {
    const c = median(cold);
    console.log(`page: first sample analysed and shown ${c.toFixed(1)} ms after navigation, cold, median of ${cold.length} fresh contexts (budget ${BUDGET.firstAnalysisMs} ms); runs: ${ms(cold)}`);
    console.log(`page: the same, warm (reload with the service worker active), median ${median(warm).toFixed(1)} ms; runs: ${ms(warm)}`);
    if (c > BUDGET.firstAnalysisMs) failures.push(`page first analysis at ${c.toFixed(1)} ms (cold median), over ${BUDGET.firstAnalysisMs} ms`);
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
