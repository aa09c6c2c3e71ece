// Shared set-up for the browser tests: the system Chromium (never a
// downloaded one), a server of our own on a free port, and a watch on every
// request so that none may leave the origin.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../../scripts/page-marks.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export { STRICT_CSP };

/**
 * Where a test saves the screenshot `name` the README shows: `docs/` only
 * when asked (`QAWL_SCREENSHOTS=docs`, `make screenshots`), so that a test
 * run leaves the checkout's tracked files as they were; otherwise
 * `target/screenshots/`, to look at. The folder is made.
 */
export function screenshotPath(name) {
  const dir = process.env.QAWL_SCREENSHOTS === 'docs' ? join(ROOT, 'docs') : join(ROOT, 'target/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Why the browser tests cannot run here, or null. */
export function skipReason() {
  if (!existsSync(join(ROOT, 'pkg/qawl.js')) || !existsSync(join(ROOT, 'pkg/qawl_bg.wasm'))) {
    return 'pkg/ is not built: run `bash scripts/build-wasm.sh` first';
  }
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (set CHROMIUM)`;
  return null;
}

/**
 * The system Chromium. Its contexts are English (`locale: 'en-US'`) unless
 * a test asks for another locale: the page's interface follows the
 * browser's language, and the tests that read its English words must not
 * depend on the machine's.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: 'en-US', ...options });
  return browser;
}

export function serve(opts = {}) {
  return startServer({ port: 0, ...opts });
}

/**
 * One Chromium and one server for a test file: started before its tests,
 * closed after them, nothing started when `skip` is set. Read
 * `env.browser` and `env.server` inside the tests.
 */
export function useBrowserAndServer(skip) {
  const env = { browser: null, server: null };
  before(async () => {
    if (skip) return;
    env.browser = await launch();
    env.server = await serve();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Records every request of the context; `check()` throws listing those that
 * left `origin` (data: and blob: URLs stay in the page and are allowed).
 */
export function watchRequests(context, origin) {
  const outside = [];
  const all = [];
  context.on('request', (req) => {
    const url = req.url();
    all.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (origin === 'file:' ? !url.startsWith('file:') : new URL(url).origin !== origin) outside.push(url);
  });
  return {
    all,
    check() {
      if (outside.length) throw new Error(`requests left the origin ${origin}:\n${outside.join('\n')}`);
    },
  };
}

/** Collects page errors, console errors and CSP violations. */
export function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

export function samples() {
  const dir = join(ROOT, 'www/samples');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  return index.map((s) => ({ ...s, text: readFileSync(join(dir, s.name), 'utf8') }));
}

export function sampleFiles() {
  return readdirSync(join(ROOT, 'www/samples')).filter((f) => f.endsWith('.txt')).sort();
}

/** Runs qawl's own analyze on `text` inside the page, for comparing with what the page shows. */
export function analyzeInPage(page, text) {
  return page.evaluate(async (t) => {
    const qawl = await import('/pkg/qawl.js');
    await qawl.default();
    // This instance is not the page's: it needs the English model as the page's does.
    if (qawl.wantsEnglishModel(t)) qawl.loadEnglishModel(new Uint8Array(await (await fetch('/pkg/qawl-en.bin')).arrayBuffer()));
    return qawl.analyze(t);
  }, text);
}

/** RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(src) {
  const text = src.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Waits until the page has rendered an analysis of the article named `name`. */
export async function waitAnalysed(page, name) {
  await page.waitForFunction(
    (n) => {
      // The Arabic interface isolates the name (U+2068 … U+2069): read without them.
      const s = (document.getElementById('status-text')?.textContent || '').replace(/[\u2066-\u2069]/g, '');
      return s.startsWith(`${n}:`) && document.querySelectorAll('#article p').length > 0;
    },
    name,
    { timeout: 20000 },
  );
}

/** The context options of most page tests: a desktop window. */
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/**
 * Opens the page at `env.server.url` (`env` as useBrowserAndServer gives it:
 * `{ browser, server }`) in a new context made with `options` (DESKTOP unless
 * given; `{}` for Playwright's defaults) and returns once the first sample is
 * analysed. `problems` is watchProblems' list, watched from before the page
 * loaded; the caller asserts it if it cares and closes `context`.
 */
export async function openPage(env, options = DESKTOP) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
  return { context, page, problems };
}

/**
 * Reads the marked article back: entity marks (pieces joined by
 * data-entity), quotation pieces, and the who-said-what panel.
 */
export function readPage(page) {
  return page.evaluate(() => {
    const entities = new Map();
    for (const m of document.querySelectorAll('#article mark[data-label]')) {
      const i = Number(m.dataset.entity);
      const e = entities.get(i) || { i, label: m.dataset.label, start: Number(m.dataset.start), end: Number(m.dataset.end), text: '' };
      e.text += m.textContent;
      entities.set(i, e);
    }
    const quotes = new Map();
    for (const q of document.querySelectorAll('#article .quote')) {
      const i = Number(q.dataset.quote);
      quotes.set(i, (quotes.get(i) || '') + q.textContent);
    }
    return {
      entities: [...entities.values()].sort((a, b) => a.i - b.i),
      quotes: [...quotes.entries()].sort((a, b) => a[0] - b[0]).map(([i, text]) => ({ i, text })),
      whoGroups: document.querySelectorAll('#who .speaker-group').length,
      whoItems: [...document.querySelectorAll('#who .quote-item')].map((b) => ({
        i: Number(b.dataset.quote),
        kind: b.querySelector('.badge')?.dataset.kind,
        group: b.closest('.speaker-group')?.dataset.speaker,
      })),
      clusterButtons: document.querySelectorAll('#entities .cluster-name').length,
      legend: [...document.querySelectorAll('#legend button')].map((b) => b.dataset.legend),
    };
  });
}
