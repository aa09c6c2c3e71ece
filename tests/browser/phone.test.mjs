// A phone's first screens (issue 15, item 3): after the first sample is
// analysed, the article starts on the first screen and the first
// who-said-what quotation, which the one-column layout puts below an article
// thousands of pixels long, is one tap away on a control near the top that
// stays in sight while the article scrolls by. In Arabic and in English; no
// jump on a desktop, whose panels sit beside the article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, openPage, DESKTOP } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/** A phone (an iPhone 12-14's CSS viewport). */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SCREEN = PHONE.viewport.height;
/** How far down the article the jump is checked again: well past the first screen. */
const INTO_ARTICLE = 2 * SCREEN;

/** Where things are, in page pixels from the top of the document, and how much of the page is scrolled. */
function positions(page) {
  return page.evaluate(() => {
    const top = (sel) => {
      const e = document.querySelector(sel);
      return e ? Math.round(e.getBoundingClientRect().top + scrollY) : null;
    };
    return { scrollY: Math.round(scrollY), article: top('#article p'), quote: top('#who .quote-item'), jump: top('#jump-who') };
  });
}

/** Where `sel` is on the screen now: its top and bottom in viewport pixels. */
function onScreen(page, sel) {
  return page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: innerHeight };
  }, sel);
}

/** Everything on the Read view that runs out sideways: the page, or an element wider than its box or past the screen's edge. */
function overflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw) out.push(`page: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const e of document.querySelectorAll('.top, .top *, #view-read, #view-read *')) {
      if (!e.checkVisibility()) continue;
      const r = e.getBoundingClientRect();
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden' && e.clientWidth > 0) out.push(`${e.tagName}.${e.className} scrolls: ${e.scrollWidth} > ${e.clientWidth}`);
      if (r.right > vw + 1 || r.left < -1) out.push(`${e.tagName}#${e.id}.${e.className} outside the screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    return out;
  });
}

for (const locale of ['ar', 'en-US']) {
  test(`on a phone the article starts on the first screen and who said what is one tap away (${locale})`, { skip }, async () => {
    const { context, page, problems } = await openPage(env, { ...PHONE, locale });
    await page.waitForSelector('#who .quote-item');
    const at = await positions(page);
    console.log(`${locale} at 390x844: ${JSON.stringify(at)}`);
    // (a) The article's first paragraph starts on the first screen.
    assert.ok(at.article < SCREEN, `the first paragraph starts on the first screen: ${JSON.stringify(at)}`);
    // (b) The first quotation is within two screens, or a visible control on
    // the first screen takes the reader there.
    if (at.quote >= 2 * SCREEN) {
      const jump = page.locator('#jump-who');
      assert.ok(await jump.isVisible(), `a jump to who said what, the first quotation being ${at.quote} px down`);
      assert.ok(at.jump < SCREEN && at.jump < at.article, `the jump is on the first screen, before the article: ${JSON.stringify(at)}`);
      const count = await page.locator('#who-count').textContent();
      assert.ok(count && (await jump.textContent()).includes(count), 'the jump says how many quotations it leads to');
      // It stays in sight while the article scrolls by.
      await page.evaluate((y) => scrollTo(0, y), INTO_ARTICLE);
      const kept = await onScreen(page, '#jump-who');
      assert.ok(kept.top >= 0 && kept.bottom <= kept.height, `the jump is still on screen ${INTO_ARTICLE} px down: ${JSON.stringify(kept)}`);
      await jump.click();
      await page.waitForFunction(() => location.hash === '#who-h');
      const quote = await onScreen(page, '#who .quote-item');
      assert.ok(quote.top >= 0 && quote.bottom <= quote.height, `after the jump the first quotation is on screen: ${JSON.stringify(quote)}`);
    }
    assert.deepEqual(await overflow(page), []);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('a desktop shows no jump: its panels are beside the article', { skip }, async () => {
  const { context, page } = await openPage(env, DESKTOP);
  assert.equal(await page.locator('#jump-who').isVisible(), false);
  await context.close();
});
