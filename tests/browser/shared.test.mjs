// The page and the embed share their label table: each entity type is
// named and coloured the same in both, in both colour schemes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, samples, waitAnalysed } from './helpers.mjs';
import { LABELS } from '../../www/labels.js';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/** In the page, the computed colours of one mark per label, made the way the page or the embed makes them. */
function markStyles([ids, embed]) {
  return ids.map((id) => {
    const m = document.createElement('mark');
    if (embed) {
      m.className = 'qawl-mark';
      m.dataset.qawlLabel = id;
    } else m.dataset.label = id;
    m.textContent = 'x';
    (embed ? document.body : document.getElementById('article')).append(m);
    const cs = getComputedStyle(m);
    return { id, bg: cs.backgroundColor, line: cs.borderBottomColor, style: cs.borderBottomStyle, width: cs.borderBottomWidth };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`each label is named and coloured the same on the page and in the embed (${colorScheme})`, { skip }, async () => {
    const context = await env.browser.newContext({ colorScheme });
    const page = await context.newPage();
    const ids = LABELS.map((l) => l.id);

    await page.goto(env.server.url);
    await waitAnalysed(page, samples()[0].name);
    const legend = await page.$$eval('#legend button[data-legend]:not([data-legend="quotes"])', (bs) =>
      bs.map((b) => ({ id: b.dataset.legend, name: b.childNodes[1].textContent.trim() })),
    );
    assert.deepEqual(legend, LABELS.map((l) => ({ id: l.id, name: l.name })), 'the legend names the labels from labels.js, in its order');
    const onPage = await page.evaluate(markStyles, [ids, false]);

    await page.goto(`${env.server.url}embed-example.html`);
    await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
    const inEmbed = await page.evaluate(markStyles, [ids, true]);
    assert.deepEqual(inEmbed, onPage);
    assert.equal(new Set(onPage.map((s) => s.bg)).size, ids.length, 'every label has a colour of its own');

    // The embed's card names the type as the page does.
    await page.locator('qawl-article mark.qawl-mark').first().hover();
    const card = await page.evaluate(() => ({
      label: document.querySelector('qawl-article mark.qawl-mark').dataset.qawlLabel,
      meta: document.querySelector('qawl-card').shadowRoot.querySelector('.meta').textContent,
    }));
    const name = LABELS.find((l) => l.id === card.label).name;
    assert.ok(card.meta.startsWith(`${name} · `), `${card.meta} names ${card.label} as ${name}`);
    await context.close();
  });
}
