// The page as a reader meets it (issue 15): names that say what buttons
// show, text in its own direction, nothing that splits or overflows on a
// phone, and a card that never outlives its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchProblems, samples, waitAnalysed } from './helpers.mjs';

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
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
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
