// Hostile article text is shown as text and never runs; the page works under
// a strict CSP with Trusted Types; after one visit it works with the network
// gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { skipReason, launch, serve, watchRequests, watchProblems, samples, waitAnalysed, openPage, parseCsv, STRICT_CSP } from './helpers.mjs';

const skip = skipReason() || false;
let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const HOSTILE = [
  'عنوان تجريبي <script>window.__qawlPwned = 1; alert(1)</script>',
  'قال المتحدث إن "الصورة <img src=x onerror="window.__qawlPwned=2;alert(2)"> لا تظهر" يوم الأحد.',
  'Bidi: \u202Egnp.exe\u202C and \u2067isolated\u2069 <a href="javascript:alert(3)">link</a> <b onmouseover=alert(4)>bold</b>',
  '<iframe src="https://example.com/"></iframe><style>body{display:none}</style>',
].join('\n');

test('article text with markup and bidi controls is shown as text and never runs', { skip }, async () => {
  const server = await serve();
  const context = await browser.newContext();
  const requests = watchRequests(context, new URL(server.url).origin);
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(server.url);
  await waitAnalysed(page, samples()[0].name);
  await page.click('#paste-toggle');
  await page.fill('#paste', HOSTILE);
  await waitAnalysed(page, 'pasted text');
  await page.hover('#article');
  await page.waitForTimeout(300);
  const seen = await page.evaluate(() => ({
    text: document.getElementById('article').textContent,
    elements: [...document.querySelectorAll('#article *')].map((e) => e.tagName.toLowerCase()),
    pwned: window.__qawlPwned,
    bodyVisible: getComputedStyle(document.body).display !== 'none',
  }));
  const expected = HOSTILE.split('\n').join('');
  assert.equal(seen.text, expected, 'the article shows exactly the pasted characters');
  assert.deepEqual([...new Set(seen.elements)].filter((t) => !['p', 'mark', 'span'].includes(t)), []);
  assert.equal(seen.pwned, undefined);
  assert.deepEqual(dialogs, []);
  assert.equal(seen.bodyVisible, true);
  requests.check();
  await context.close();
  await server.close();
});

// Quotations a spreadsheet would read as formulas (OWASP's CSV injection).
const FORMULAS = [
  'The minister John Smith spoke on Monday.',
  '"=1+2 is what we want," Smith said. "+cmd|/C calc!A0 now," said Mary Jones.',
  '"@SUM(1,2) is the answer," she added. "-2+3 again," Smith said.',
].join('\n');

test('the quotations CSV writes formula-like quotations as text', { skip }, async () => {
  const server = await serve();
  const { context, page } = await openPage({ browser, server }, { acceptDownloads: true });
  await page.click('#paste-toggle');
  await page.fill('#paste', FORMULAS);
  await waitAnalysed(page, 'pasted text');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const rows = parseCsv(await readFile(await download.path(), 'utf8'));
  const quotations = rows.slice(1).map((r) => r[3]);
  assert.ok(quotations.length >= 3, `the quotations are found: ${JSON.stringify(quotations)}`);
  for (const q of ['=1+2 is what we want,', '+cmd|/C calc!A0 now,', '@SUM(1,2) is the answer,']) {
    assert.ok(quotations.includes(`'${q}`), `${q} is exported as text: ${JSON.stringify(quotations)}`);
  }
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, 'no cell starts a formula');
  await context.close();
  await server.close();
});

test('an HTML file is reduced to its text with DOMParser, nothing runs or loads', { skip }, async () => {
  const server = await serve({ csp: STRICT_CSP });
  const context = await browser.newContext();
  const requests = watchRequests(context, new URL(server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.url);
  await waitAnalysed(page, samples()[0].name);
  const html = `<!doctype html><html><head><title>t</title><script>window.__qawlPwned=3</script>
    <link rel="stylesheet" href="https://example.com/x.css"></head><body><nav>القائمة</nav>
    <article><h1>عنوان المقال</h1><p>الفقرة <b>الأولى</b> من المقال.</p><img src="https://example.com/a.png" onerror="window.__qawlPwned=4">
    <p>الفقرة الثانية.</p><script>window.__qawlPwned=5</script></article></body></html>`;
  await page.setInputFiles('#file', { name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await waitAnalysed(page, 'story.html');
  const paragraphs = await page.$$eval('#article p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(paragraphs, ['عنوان المقال', 'الفقرة الأولى من المقال.', 'الفقرة الثانية.']);
  assert.equal(await page.evaluate(() => window.__qawlPwned), undefined);
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('the page and the component work under a strict CSP with Trusted Types', { skip }, async () => {
  const server = await serve({ csp: STRICT_CSP });
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const v = [];
    Object.defineProperty(window, '__violations', { value: v });
    document.addEventListener('securitypolicyviolation', (e) => v.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const requests = watchRequests(context, new URL(server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const res = await page.goto(server.url);
  assert.match(res.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
  const name = samples()[1].name;
  await waitAnalysed(page, samples()[0].name);
  await page.selectOption('#sample', name);
  await waitAnalysed(page, name);
  assert.ok((await page.locator('#article p').count()) > 0);
  assert.ok((await page.locator('#who .speaker-group, #who .empty').count()) > 0);
  // The worker did the work (a Worker needs a Trusted Types policy here).
  assert.ok(requests.all.some((u) => u.endsWith('/worker.js')), 'analysis ran in the worker');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);

  await page.goto(`${server.url}embed-example.html`);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  const { entities, marked } = await page.evaluate(() => ({
    entities: document.querySelector('qawl-article').analysis.entities.length,
    marked: new Set([...document.querySelectorAll('mark.qawl-mark')].map((m) => m.dataset.qawlEntity)).size,
  }));
  assert.equal(marked, entities, 'every entity is marked under CSP');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  requests.check();
  await context.close();
  await server.close();
});

test('a warm load is answered from the service worker\'s cache, and its files are fetched again only after it', { skip }, async () => {
  const server = await serve();
  const seen = [];
  server.server.on('request', (req) => seen.push({ url: req.url, at: Date.now() }));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await waitAnalysed(page, samples()[0].name);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Let the first visit's own requests settle, then reload.
  await new Promise((r) => setTimeout(r, 4000));
  seen.length = 0;
  const reloaded = Date.now();
  await page.reload();
  await waitAnalysed(page, samples()[0].name);
  const during = seen.filter((r) => r.at - reloaded < 1500).map((r) => r.url);
  assert.deepEqual(during, [], 'the warm load waits for no request to the server');
  // sw.js's REVALIDATE_AFTER_MS (3 s) later, the files it answered are fetched again.
  const deadline = Date.now() + 10000;
  while (!seen.some((r) => r.url.endsWith('/pkg/qawl_bg.wasm')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(seen.some((r) => r.url.endsWith('/pkg/qawl_bg.wasm')), `the wasm is revalidated after the load; the server saw ${seen.map((r) => r.url).join(', ')}`);
  await context.close();
  await server.close();
});

test('after one visit the page works with the network gone (service worker)', { skip }, async () => {
  const server = await serve();
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  const requests = watchRequests(context, origin);
  await page.goto(server.url);
  await waitAnalysed(page, samples()[0].name);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Cut the network both ways: the browser is offline and the server is gone.
  await context.setOffline(true);
  await server.close();
  await page.reload();
  await waitAnalysed(page, samples()[0].name);
  assert.ok((await page.locator('#article p').count()) > 0);
  const other = samples()[3].name;
  await page.selectOption('#sample', other);
  await waitAnalysed(page, other);
  requests.check();
  await context.close();
});
