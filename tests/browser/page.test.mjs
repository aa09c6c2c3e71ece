// The page: every sample is analysed and shown with marks whose text is the
// article slice at their offsets, quotations in the text and in the
// who-said-what panel; exports parse and equal the analysis; no request
// leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ROOT, skipReason, useBrowserAndServer, watchRequests, watchProblems, samples, analyzeInPage, parseCsv, waitAnalysed, readPage, openPage, DESKTOP, screenshotPath,
} from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

test('the page analyses every sample and marks it faithfully', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light', acceptDownloads: true });
  const requests = watchRequests(context, new URL(env.server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  const all = samples();
  // The first sample is analysed on load, with no click.
  await waitAnalysed(page, all[0].name);

  for (const [n, sample] of all.entries()) {
    if (n > 0) {
      await page.selectOption('#sample', sample.name);
      await waitAnalysed(page, sample.name);
    }
    const analysis = await analyzeInPage(page, sample.text);
    const shown = await readPage(page);

    // Every entity is marked, with its label, and the marked text is the slice at its offsets.
    assert.equal(shown.entities.length, analysis.entities.length, `${sample.name}: one mark per entity`);
    for (const m of shown.entities) {
      const e = analysis.entities[m.i];
      assert.equal(m.label, e.label);
      assert.equal(m.start, e.start);
      assert.equal(m.text, sample.text.slice(m.start, m.end), `${sample.name}: mark ${m.i} text equals its slice`);
    }
    // Every quotation is marked in the text and listed once in the panel, grouped by speaker.
    assert.equal(shown.quotes.length, analysis.quotes.length, `${sample.name}: every quotation marked`);
    for (const q of shown.quotes) {
      assert.equal(q.text.replace(/\s+/g, ' '), analysis.quotes[q.i].text.replace(/\s+/g, ' '));
    }
    assert.deepEqual(
      shown.whoItems.map((w) => w.i).sort((a, b) => a - b),
      analysis.quotes.map((_, i) => i),
      `${sample.name}: who-said-what lists each quotation`,
    );
    for (const w of shown.whoItems) {
      assert.equal(w.kind, analysis.quotes[w.i].kind);
      const sp = analysis.quotes[w.i].speaker;
      assert.equal(w.group, sp ? (sp.cluster != null ? `c${sp.cluster}` : `n${sp.name}`) : 'none');
    }
    const speakers = new Set(analysis.quotes.map((q) => (q.speaker ? `${q.speaker.cluster}|${q.speaker.name}` : 'none')));
    assert.equal(shown.whoGroups, analysis.quotes.length ? speakers.size : 0);
    assert.equal(shown.clusterButtons, analysis.clusters.length);
    assert.deepEqual(shown.legend, ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'quotes']);
  }

  // Clicking a quotation in the panel brings focus to it in the text.
  if (await page.locator('#who .quote-item').count()) {
    const i = await page.locator('#who .quote-item').first().getAttribute('data-quote');
    await page.locator('#who .quote-item').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.quote), i);
  }
  // Clicking a cluster steps through its mentions.
  if (await page.locator('#entities .cluster-name').count()) {
    const button = page.locator('#entities .cluster-name').first();
    const cluster = await button.getAttribute('data-cluster');
    await button.click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.cluster), cluster);
    assert.equal(await page.locator('#card').isVisible(), true, 'the focused mention shows its card');
  }
  // Legend toggles hide a type.
  await page.click('#legend button[data-legend="DATE"]');
  assert.equal(await page.locator('#article.hide-DATE').count(), 1);
  assert.equal(await page.getAttribute('#legend button[data-legend="DATE"]', 'aria-pressed'), 'false');
  await page.click('#legend button[data-legend="DATE"]');

  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});

test('JSON and CSV exports parse and match the analysis', { skip }, async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const requests = watchRequests(context, new URL(env.server.url).origin);
  const page = await context.newPage();
  await page.goto(env.server.url);
  const all = samples();
  // Use the sample with the most quotations so the CSV has content to check.
  const sample = all.reduce((a, b) => (b.text.split('"').length > a.text.split('"').length ? b : a));
  await waitAnalysed(page, all[0].name);
  await page.selectOption('#sample', sample.name);
  await waitAnalysed(page, sample.name);
  const analysis = await analyzeInPage(page, sample.text);

  const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.match(jsonDl.suggestedFilename(), /\.qawl\.json$/);
  const json = JSON.parse(await readFile(await jsonDl.path(), 'utf8'));
  assert.deepEqual(json, analysis);
  for (const e of json.entities) assert.equal(sample.text.slice(e.start, e.end), e.text);

  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(csvDl.suggestedFilename(), /\.quotes\.csv$/);
  const rows = parseCsv(await readFile(await csvDl.path(), 'utf8'));
  assert.deepEqual(rows[0], ['article', 'speaker', 'kind', 'quotation']);
  assert.equal(rows.length - 1, analysis.quotes.length);
  analysis.quotes.forEach((q, i) => {
    const c = q.speaker && q.speaker.cluster != null ? analysis.clusters[q.speaker.cluster] : null;
    // A field that would start a spreadsheet formula is written with a leading ' (tests/js/export.test.mjs).
    const cell = (s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    assert.deepEqual(rows[i + 1], [sample.name, cell(q.speaker ? (c ? c.name : q.speaker.name) : ''), q.kind, cell(q.text)]);
  });
  requests.check();
  await context.close();
});

test('keyboard: marks are reachable and arrow keys move between them', { skip }, async () => {
  const { context, page } = await openPage(env, {});
  const marks = await page.locator('#article mark').count();
  if (marks < 2) return; // nothing to move between in this build's analysis
  await page.focus('#article mark[tabindex="0"]');
  const first = await page.evaluate(() => document.activeElement.dataset.entity);
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.dataset.entity);
  assert.notEqual(first, second);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-describedby')), 'card');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#card').isHidden(), true);
  await context.close();
});

// The README shows the Arabic interface first, then the English one.
for (const [locale, file] of [['ar', 'screenshot-page.png'], ['en-US', 'screenshot-page-en.png']]) {
  test(`screenshot of the page for the README (${locale})`, { skip }, async () => {
    const { context, page } = await openPage(env, { viewport: { width: 1280, height: 900 }, colorScheme: 'light', deviceScaleFactor: 1, locale });
    const mark = page.locator('#article mark').first();
    if (await mark.count()) await mark.hover();
    await page.screenshot({ path: screenshotPath(file) });
    // And a phone: nothing overflows horizontally (opened at phone size, as a
    // phone would; the desktop hover card is not part of that layout).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitAnalysed(page, samples()[0].name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page overflows a phone screen by ${overflow}px`);
    await context.close();
  });
}

test('index.html preloads what the first analysis needs, and nothing stale', async () => {
  // The page's first analysis waits for the wasm and the first sample; both
  // are requested from the HTML's head so neither waits for the scripts.
  const html = await readFile(join(ROOT, 'www/index.html'), 'utf8');
  const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(preloads.includes('../pkg/qawl_bg.wasm'), 'the wasm is preloaded');
  const first = samples()[0].name;
  const preloadedSamples = preloads.filter((p) => p.startsWith('samples/') && p.endsWith('.txt'));
  assert.deepEqual(preloadedSamples, [`samples/${first}`], 'the preloaded sample is the first one in samples/index.json');
  // boot.js reads that sample and compiles the wasm from the head: it comes
  // after the preloads (its fetches take them over) and before the
  // stylesheet (a script after it would wait for it).
  const boot = html.match(/<script src="boot.js" data-sample="([^"]+)"><\/script>/);
  assert.ok(boot, 'index.html runs boot.js, naming the first sample');
  assert.equal(boot[1], first, 'boot.js reads the preloaded sample');
  const at = (s) => html.indexOf(s);
  assert.ok(at(boot[0]) > Math.max(...preloads.map((p) => at(`href="${p}"`))), 'boot.js comes after every preload');
  assert.ok(at(boot[0]) < at('rel="stylesheet"'), 'boot.js comes before the stylesheet');
});

test('the first load asks for each file once, in one wave, and paints the text before or with the highlights', { skip }, async () => {
  // A fresh context: no HTTP cache, no service worker. A fetch that does not
  // take over its preload downloads the file a second time (the wasm was,
  // before boot.js).
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
  const first = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    const boot = at('qawl:boot');
    const bundle = at('qawl:bundle');
    const resources = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }));
    return { boot, bundle, text: at('qawl:text'), shown: at('qawl:first-analysis'), resources };
  });
  // Up to the first result: every file once.
  const beforeResult = first.resources.filter((r) => r.start < first.shown).map((r) => r.path);
  const twice = beforeResult.filter((p, i) => beforeResult.indexOf(p) !== i);
  assert.deepEqual(twice, [], `requested twice before the first result: ${twice.join(', ')}`);
  for (const f of ['/pkg/qawl_bg.wasm', '/pkg/page.js', '/boot.js', '/style.css', `/samples/${samples()[0].name}`]) {
    assert.ok(beforeResult.includes(f), `${f} is part of the first load`);
  }
  assert.equal(requests.filter((p) => p === '/pkg/qawl_bg.wasm').length, 1, 'the wasm is downloaded once');
  // boot.js ran before the bundle, and the text was in the page no later than its highlights.
  assert.ok(first.boot < first.bundle, 'boot.js runs before the bundle');
  assert.ok(first.text <= first.shown, 'the article text is shown before or with its highlights');
  await context.close();
});

// The header has its words before page.js runs (issue 15: it was blank until
// the bundle had loaded): index.html carries them in Arabic, the page's
// first language, the same words as strings.js, and the script then writes
// the reader's language.
test('the header reads in Arabic before the script runs, then in the reader\'s language', { skip }, async () => {
  const { STRINGS } = await import('../../www/strings.js');
  const HEADER = ['skip', 'brand', 'tagline', 'tab.read', 'tab.compare', 'lang.label', 'lang.name.ar', 'lang.name.en'];
  const read = (page) => page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    texts: [...document.querySelectorAll('[data-i18n]')].map((n) => [n.dataset.i18n, n.textContent]),
    views: document.querySelector('nav.views').getAttribute('aria-label'),
    h1: (() => {
      const r = document.querySelector('h1').getBoundingClientRect();
      return { w: r.width, h: r.height };
    })(),
  }));

  // No script at all: what the first paint shows.
  const bare = await env.browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  const page = await bare.newPage();
  await page.goto(env.server.url);
  const shown = await read(page);
  assert.equal(shown.lang, 'ar');
  assert.equal(shown.dir, 'rtl');
  const texts = new Map(shown.texts);
  for (const id of HEADER) assert.equal(texts.get(id), STRINGS.ar[id], `index.html's ${id} is strings.js's Arabic`);
  // Whatever else index.html writes is strings.js's Arabic too (or left to the script).
  for (const [id, text] of shown.texts) if (text) assert.equal(text, STRINGS.ar[id], `index.html's ${id}`);
  assert.equal(shown.views, STRINGS.ar['views.label']);
  assert.ok(shown.h1.w > 0 && shown.h1.h > 0, 'the title takes room on the first paint');
  await bare.close();

  // With the script, an English browser gets the English header.
  const { context, page: live } = await openPage(env);
  const en = await read(live);
  assert.equal(en.lang, 'en');
  assert.equal(en.dir, 'ltr');
  const enTexts = new Map(en.texts);
  for (const id of HEADER) assert.equal(enTexts.get(id), STRINGS.en[id], `${id} in English`);
  await context.close();
});
