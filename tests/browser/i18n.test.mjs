// The interface in the reader's language (issue 15, item 2): Arabic, right
// to left, for a browser that prefers Arabic; English otherwise; a switch in
// the header that changes it at once and is remembered; an Arabic page that
// fits a phone; both interfaces such that axe finds nothing wrong with them,
// light and dark, on both views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, skipReason, useBrowserAndServer, openPage, DESKTOP, samples, waitAnalysed } from './helpers.mjs';
import { STRINGS } from '../../www/strings.js';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);
const AR = STRINGS.ar;
const EN = STRINGS.en;

/** What the page shows of its interface: the html's lang and dir, and a few of its words. */
function seen(page) {
  return page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent.trim();
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      tab: text('#tab-compare'),
      paste: text('#paste-toggle'),
      who: text('#who-h [data-i18n]'),
      legendQuotes: document.querySelector('#legend button[data-legend="quotes"]')?.childNodes[0].textContent.trim(),
      status: text('#status-text'),
      switchValue: document.getElementById('lang').value,
      title: document.title,
    };
  });
}

test('a browser that prefers Arabic gets the Arabic interface, right to left', { skip }, async () => {
  const { context, page, problems } = await openPage(env, { ...DESKTOP, locale: 'ar' });
  const s = await seen(page);
  assert.equal(s.lang, 'ar');
  assert.equal(s.dir, 'rtl');
  assert.equal(s.direction, 'rtl');
  assert.equal(s.tab, AR['tab.compare']);
  assert.equal(s.paste, AR['source.paste']);
  assert.equal(s.who, 'من قال ماذا');
  assert.equal(s.legendQuotes, AR['legend.quotes']);
  assert.equal(s.switchValue, 'ar');
  assert.equal(s.title, AR['page.title']);
  // The status after the analysis, in Arabic with its counts.
  const quotes = await page.locator('#who .quote-item').count();
  assert.ok(s.status.startsWith(`\u2068${samples()[0].name}\u2069: `), `the file name first, isolated: ${s.status}`);
  assert.ok(/[\u0600-\u06FF]/.test(s.status) && !/mentions|quotations/.test(s.status), `an Arabic status: ${s.status}`);
  const category = new Intl.PluralRules('ar').select(quotes);
  const quoteWords = AR['n.quotes'][category].replace('{count}', new Intl.NumberFormat('ar').format(quotes));
  assert.ok(s.status.includes(quoteWords), `the status counts ${quotes} quotations as "${quoteWords}": ${s.status}`);
  // Entity types and quotation kinds in Arabic.
  const words = await page.evaluate(() => ({
    legend: [...document.querySelectorAll('#legend button[data-legend]:not([data-legend="quotes"])')].map((b) => b.childNodes[1].textContent.trim()),
    badge: document.querySelector('#who .badge')?.textContent,
  }));
  assert.deepEqual(words.legend, ['PER', 'ORG', 'LOC', 'MISC', 'DATE'].map((id) => AR[`label.${id}`]));
  if (words.badge) assert.ok(Object.keys(AR).filter((k) => k.startsWith('kind.')).map((k) => AR[k]).includes(words.badge), words.badge);
  // The header is mirrored: the brand on the right, the views on the left.
  const header = await page.evaluate(() => ({
    brand: document.querySelector('.brand').getBoundingClientRect().left,
    views: document.querySelector('.views').getBoundingClientRect().left,
  }));
  assert.ok(header.brand > header.views, `the brand is at the start (right): ${JSON.stringify(header)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the header switch changes the language at once, and the choice survives a reload', { skip }, async () => {
  const { context, page, problems } = await openPage(env, { ...DESKTOP, locale: 'ar' });
  const label = await page.evaluate(() => document.querySelector('label:has(#lang)').textContent.trim());
  assert.ok(label.startsWith(AR['lang.label']), `the switch is labelled: ${label}`);
  await page.focus('#lang');
  await page.selectOption('#lang', 'en');
  let s = await seen(page);
  assert.equal(s.lang, 'en');
  assert.equal(s.dir, 'ltr');
  assert.equal(s.direction, 'ltr');
  assert.equal(s.tab, 'Compare');
  assert.equal(s.paste, 'Paste text');
  assert.equal(s.who, 'Who said what');
  assert.equal(s.legendQuotes, 'quotations');
  assert.match(s.status, new RegExp(`^${samples()[0].name}: \\d+ mentions? of \\d+ names?, \\d+ quotations? \\(\\d+ ms\\)\\.$`), s.status);

  // Remembered: a reload comes up English though the browser prefers Arabic.
  await page.reload();
  await waitAnalysed(page, samples()[0].name);
  s = await seen(page);
  assert.equal(s.lang, 'en');
  assert.equal(s.dir, 'ltr');
  assert.equal(s.tab, EN['tab.compare']);

  // And back to Arabic, which is remembered too.
  await page.selectOption('#lang', 'ar');
  s = await seen(page);
  assert.equal(s.lang, 'ar');
  assert.equal(s.dir, 'rtl');
  assert.equal(s.tab, AR['tab.compare']);
  assert.ok(/[\u0600-\u06FF]/.test(s.status), s.status);
  await page.reload();
  await waitAnalysed(page, samples()[0].name);
  assert.equal((await seen(page)).lang, 'ar');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a browser that prefers English gets the English interface', { skip }, async () => {
  const { context, page, problems } = await openPage(env, { ...DESKTOP, locale: 'en-US' });
  const s = await seen(page);
  assert.equal(s.lang, 'en');
  assert.equal(s.dir, 'ltr');
  assert.equal(s.tab, 'Compare');
  assert.equal(s.paste, 'Paste text');
  assert.equal(s.switchValue, 'en');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page whose storage is blocked still comes up, in the browser\'s language', { skip }, async () => {
  const context = await env.browser.newContext({ locale: 'ar' });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
  assert.equal((await seen(page)).lang, 'ar');
  await page.selectOption('#lang', 'en');
  assert.equal((await seen(page)).lang, 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Arabic page fits a phone: no horizontal overflow', { skip }, async () => {
  const { context, page } = await openPage(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ar' });
  assert.equal((await seen(page)).dir, 'rtl');
  await page.waitForSelector('#who .quote-item');
  const overflow = () => page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw) out.push(`page: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const e of document.querySelectorAll('body *')) {
      if (!e.checkVisibility() || e.closest('.skip, #card')) continue;
      const r = e.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1) out.push(`${e.tagName}#${e.id}.${e.className} outside the screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    return out;
  });
  assert.deepEqual(await overflow(), [], 'read view');
  await page.click('#tab-compare');
  await page.click('#compare-samples');
  await page.waitForFunction(() => document.querySelectorAll('#compare-list li').length === 5 && document.querySelector('#compare-out section'), null, { timeout: 30000 });
  assert.deepEqual(await overflow(), [], 'compare view');
  await context.close();
});

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page as it is: rule id, impact and the first few targets. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
}

/** Each interface with a word its Compare status shows once the samples are in. */
const INTERFACES = [
  { locale: 'ar', name: 'Arabic', articles: /مقالات/ },
  { locale: 'en-US', name: 'English', articles: /articles/ },
];

for (const { locale, name, articles } of INTERFACES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violation in the ${name} interface (${colorScheme}), main view and Compare`, { skip }, async () => {
      const { context, page, problems } = await openPage(env, { ...DESKTOP, locale, colorScheme });
      await page.waitForSelector('#entities .cluster-name');
      assert.deepEqual(await axeViolations(page), [], 'main view');
      await page.click('#tab-compare');
      await page.click('#compare-samples');
      await page.waitForFunction(() => document.querySelectorAll('#compare-list li').length === 5 && document.querySelector('#compare-out section'), null, { timeout: 30000 });
      assert.match(await page.textContent('#compare-status'), articles);
      assert.deepEqual(await axeViolations(page), [], 'compare');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
