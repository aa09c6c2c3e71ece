// The page as a reader meets it (issue 15): names that say what buttons
// show, text in its own direction, nothing that splits or overflows on a
// phone, and a card that never outlives its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, waitAnalysed, openPage } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/**
 * Every widget with an aria-label or aria-labelledby whose visible text is
 * not a run of whole words of that name: axe's `label-content-name-mismatch`
 * (WCAG 2.5.3, label in name), computed the way axe does. Visible text is
 * every text node on screen (aria-hidden ones too), joined as they are;
 * words are split at white space and punctuation, compared case-folded.
 */
function labelInNameMismatches(page, root = 'body') {
  return page.evaluate((rootSel) => {
    const sep = /[\s\p{P}$+<=>^`|~£¢±]+/u;
    const words = (s) => s.toLowerCase().split(sep).filter(Boolean);
    const out = [];
    const widgets = document.querySelector(rootSel).querySelectorAll('button, [role="button"], a[href], [role="link"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="switch"], [role="option"]');
    for (const w of widgets) {
      const label = w.getAttribute('aria-label') ?? (w.hasAttribute('aria-labelledby')
        ? w.getAttribute('aria-labelledby').split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ')
        : null);
      if (label == null || !w.checkVisibility()) continue;
      let visible = '';
      const walker = document.createTreeWalker(w, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement.checkVisibility({ visibilityProperty: true })) visible += n.nodeValue;
      const v = words(visible);
      const name = words(label);
      // axe leaves text with no letters or digits to a person ("×").
      if (!v.length || !/[\p{L}\p{N}]/u.test(visible)) continue;
      const contained = name.some((_, i) => v.every((word, j) => name[i + j] === word));
      if (!contained) out.push({ visible, label, html: w.outerHTML.slice(0, 200) });
    }
    return out;
  }, root);
}

test('every labelled button says what it shows (axe label-content-name-mismatch)', { skip }, async () => {
  const { context, page, problems } = await openPage(env);
  await page.waitForSelector('#entities .cluster-name');
  assert.deepEqual(await labelInNameMismatches(page), [], 'on load');
  // After stepping through a name's mentions, and after hiding a type.
  await page.click('#entities .cluster-name');
  await page.click('#legend button[data-legend="PER"]');
  assert.deepEqual(await labelInNameMismatches(page), [], 'after a click');
  // The Compare view with the samples loaded.
  await page.click('#tab-compare');
  await page.click('#compare-samples');
  await page.waitForFunction(() => /^5 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  assert.deepEqual(await labelInNameMismatches(page), [], 'compare');
  assert.deepEqual(problems, []);
  await context.close();
});

// One short article in each language: a quotation with a named speaker.
const ARTICLES = [
  { lang: 'ar', dir: 'rtl', text: 'قال الرئيس الروسي فلاديمير بوتين في موسكو يوم الأحد: "نحن مستعدون للحوار".' },
  { lang: 'en', dir: 'ltr', text: 'President John Smith spoke in London on Monday. "We are ready to talk," Smith said.' },
];

/** Opens the page (openPage's `options`) and analyses `text` as pasted text. */
async function openPasted(text, options) {
  const { context, page } = await openPage(env, options);
  await page.click('#paste-toggle');
  await page.fill('#paste', text);
  await waitAnalysed(page, 'pasted text');
  await page.waitForSelector('#who .quote-item');
  return { context, page };
}

for (const { lang, dir, text } of ARTICLES) {
  test(`article text reads in its own direction: ${lang} (${dir})`, { skip }, async () => {
    const { context, page } = await openPasted(text);
    const seen = await page.evaluate(() => {
      const box = (e) => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return { left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight) };
      };
      const item = document.querySelector('#who .quote-item');
      // The line's content: the kind badge, then the quotation.
      const rects = [...item.children].map((c) => c.getBoundingClientRect());
      const words = { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
      const chip = document.querySelector('#article .quote.first[data-speaker]');
      return {
        list: getComputedStyle(document.getElementById('who')).direction,
        item: getComputedStyle(item).direction,
        heading: getComputedStyle(item.closest('.speaker-group').querySelector('h3')).direction,
        button: box(item),
        words: { left: words.left, right: words.right },
        chip: chip && getComputedStyle(chip, '::before').direction,
      };
    });
    assert.equal(seen.list, dir, 'the who-said-what list follows the article');
    assert.equal(seen.item, dir, 'the quotation reads in its direction');
    assert.equal(seen.heading, dir, 'the speaker heading reads in its direction');
    // The badge and quotation (one short line) sit against the start edge: the right for Arabic.
    const [near, far] = dir === 'rtl'
      ? [seen.button.right - seen.words.right, seen.words.left - seen.button.left]
      : [seen.words.left - seen.button.left, seen.button.right - seen.words.right];
    assert.ok(near <= 2 && far > 40, `quotation aligned to its start: ${JSON.stringify(seen)}`);
    assert.equal(seen.chip, dir, 'the speaker chip reads in its name\'s direction');

    // The hover card of a name: its direction, its bullets on the start side.
    await page.hover('#article mark[data-label="PER"]');
    await page.waitForSelector('#card:not([hidden])');
    const card = await page.evaluate(() => {
      const c = document.getElementById('card');
      const ul = getComputedStyle(c.querySelector('ul'));
      return {
        dir: getComputedStyle(c).direction,
        item: getComputedStyle(c.querySelector('li')).direction,
        padLeft: parseFloat(ul.paddingLeft),
        padRight: parseFloat(ul.paddingRight),
      };
    });
    assert.equal(card.dir, dir, 'the card reads in its name\'s direction');
    assert.equal(card.item, dir);
    assert.ok(dir === 'rtl' ? card.padRight > card.padLeft : card.padLeft > card.padRight, `bullets on the start side: ${JSON.stringify(card)}`);
    await context.close();
  });
}

test('Compare lays out Arabic outlets right to left and English ones left to right', { skip }, async () => {
  const { context, page } = await openPage(env);
  await page.click('#tab-compare');
  const layout = () => page.evaluate(() => [...document.querySelectorAll('#compare-out .columns')].map((cols) => {
    const cards = [...cols.querySelectorAll(':scope > .outlet')];
    return {
      dir: getComputedStyle(cols).direction,
      cards: cards.map((c) => ({ dir: getComputedStyle(c).direction, left: c.getBoundingClientRect().left, top: c.getBoundingClientRect().top })),
    };
  }));
  const check = (all, dir) => {
    assert.ok(all.length > 0, 'there are columns');
    for (const cols of all) {
      assert.equal(cols.dir, dir, 'columns run in the outlets\' direction');
      for (const c of cols.cards) assert.equal(c.dir, dir, 'each card reads in its quotation\'s direction');
      const row = cols.cards.filter((c) => Math.abs(c.top - cols.cards[0].top) < 2);
      for (let i = 1; i < row.length; i++) {
        assert.ok(dir === 'rtl' ? row[i].left < row[i - 1].left : row[i].left > row[i - 1].left, `card ${i} follows card ${i - 1}: ${JSON.stringify(cols)}`);
      }
    }
  };
  await page.click('#compare-samples');
  await page.waitForFunction(() => /^5 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  check(await layout(), 'rtl');
  assert.ok((await layout()).some((c) => c.cards.length >= 2), 'some group shows two outlets side by side');

  await page.click('#compare-clear');
  const english = (outlet, verb) => ({
    name: `${outlet}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Talks in London\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire," Smith ${verb}.\n`),
  });
  await page.setInputFiles('#compare-files', [english('outlet-a', 'said'), english('outlet-b', 'told reporters')]);
  await page.waitForFunction(() => /^2 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  check(await layout(), 'ltr');
  await context.close();
});

const LONG_NAME = 'وقال صاحب السمو الملكي الأمير محمد بن عبد الرحمن بن عبد العزيز آل سعود في الرياض: "نحن مستعدون للحوار مع الجميع".';
const LONG_URL = `https://example.com/${'news/2026/12/05/'.repeat(12)}article?id=${'x'.repeat(120)}`;
const LONG_WORD = 'ا'.repeat(150);

test('on a phone the speaker chip stays on one line and nothing runs out of its box', { skip }, async () => {
  const text = [
    'وقال الرئيس الروسي فلاديمير بوتين في موسكو يوم الأحد إن الاتفاق صامد.',
    `${LONG_NAME} وأضاف أن "التفاصيل منشورة في ${LONG_URL} وفي ${LONG_WORD}".`,
    `المصدر: ${LONG_URL}`,
  ].join('\n');
  const { context, page } = await openPasted(text, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  // Every quotation's chip, the long name's among them: one box, one line,
  // inside the article.
  const chips = await page.evaluate(() => [...document.querySelectorAll('#article .quote.first[data-speaker]')].map((q) => {
    const s = getComputedStyle(q, '::before');
    return {
      name: q.dataset.speaker,
      display: s.display,
      whiteSpace: s.whiteSpace,
      height: parseFloat(s.height),
      lineHeight: parseFloat(s.fontSize) * 1.2,
      width: parseFloat(s.width) + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight),
      article: document.getElementById('article').clientWidth,
    };
  }));
  assert.ok(chips.some((c) => c.name.length > 30), `a long speaker name: ${JSON.stringify(chips.map((c) => c.name))}`);
  for (const c of chips) {
    assert.equal(c.display, 'inline-block', `the chip is one box: ${JSON.stringify(c)}`);
    assert.equal(c.whiteSpace, 'nowrap');
    assert.ok(c.height < c.lineHeight * 1.5, `the chip is one line high: ${JSON.stringify(c)}`);
    assert.ok(c.width < c.article, `the chip fits in the article: ${JSON.stringify(c)}`);
  }
  // No horizontal overflow: not the page, not the article, not the panels,
  // nor any element in them.
  await page.waitForSelector('#who .quote-item');
  const overflow = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw) out.push(`page: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const e of document.querySelectorAll('#article, #article *, .panel, .panel *')) {
      const r = e.getBoundingClientRect();
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden' && e.clientWidth > 0) out.push(`${e.tagName}.${e.className} scrolls: ${e.scrollWidth} > ${e.clientWidth}`);
      if (r.right > vw + 1 || r.left < -1) out.push(`${e.tagName}.${e.className} outside the screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    return out;
  });
  assert.deepEqual(overflow, []);
  await context.close();
});

test('the hover card goes when the text changes', { skip }, async () => {
  const { context, page } = await openPasted(ARTICLES[0].text);
  await page.hover('#article mark[data-label="PER"]');
  await page.waitForSelector('#card:not([hidden])');
  // New text with no names at all: no mark for the pointer to rest on.
  const plain = 'the weather was fine and nothing else happened.';
  await page.fill('#paste', plain);
  await page.waitForFunction((t) => document.getElementById('article').textContent === t && /0 mentions/.test(document.getElementById('status-text').textContent), plain);
  const card = await page.evaluate(() => ({ hidden: document.getElementById('card').hidden, name: document.querySelector('#card .card-name')?.textContent }));
  assert.equal(card.hidden, true, `no card for a name no longer there: ${JSON.stringify(card)}`);
  await context.close();
});

test('a touch phone is not told to drop a file; a desktop is', { skip }, async () => {
  for (const [options, shown] of [
    [{ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, false],
    [{ viewport: { width: 1280, height: 900 } }, true],
  ]) {
    const { context, page } = await openPage(env, options);
    assert.equal(await page.locator('.drop-hint').isVisible(), shown, JSON.stringify(options));
    await context.close();
  }
});
