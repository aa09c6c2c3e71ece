// The Compare view: the five samples in one click, each speaker's quotations
// across outlets, near-identical ones grouped with wording differences
// marked, all as Rust `compare` returned them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchRequests, watchProblems, samples, waitAnalysed, openPage } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

test('compare shows Rust compare as it returns it: speakers, groups, differences', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = watchRequests(context, new URL(env.server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);

  await page.click('#tab-compare');
  assert.equal(await page.isVisible('#view-compare'), true);
  await page.click('#compare-samples');
  await page.waitForFunction(() => /^5 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.locator('#compare-list li').count(), 5);

  // What Rust says, computed in the page from the same analyses, in the
  // shape the view should lay out: its speakers in its order, each with its
  // groups (members' articles, texts and changed words) and the count of
  // its quotations in no group.
  const expected = await page.evaluate(async (names) => {
    const qawl = await import('/pkg/qawl.js');
    await qawl.default();
    const items = [];
    for (const name of names) {
      const text = await (await fetch(`/samples/${name}`)).text();
      items.push({ name, text, analysis: qawl.analyze(text) });
    }
    const result = qawl.compare(items);
    const grouped = new Set(result.groups.flatMap((g) => g.members.map((m) => `${m.article}:${m.quote}`)));
    return result.speakers
      .map((sp) => ({
        name: sp.name ?? 'Speaker not identified',
        // One card per outlet, its members in their order.
        groups: sp.groups.map((gi) => {
          const cards = [];
          for (const m of result.groups[gi].members) {
            let card = cards.find((c) => c.article === items[m.article].name);
            if (!card) cards.push((card = { article: items[m.article].name, texts: [], changed: [] }));
            card.texts.push(m.diff.map((d) => d.text).join(''));
            card.changed.push(...m.diff.filter((d) => d.changed && d.text.trim()).map((d) => d.text));
          }
          return cards;
        }),
        loose: sp.quotes.filter((r) => !grouped.has(`${r.article}:${r.quote}`)).length,
      }))
      .filter((sp) => sp.groups.length || sp.loose);
  }, samples().map((s) => s.name));

  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('#compare-out .compare-speaker')].map((section) => ({
      name: section.querySelector('h3').textContent,
      groups: [...section.querySelectorAll('.compare-group')].map((g) =>
        [...g.querySelectorAll('.outlet')].map((o) => ({
          article: o.dataset.article,
          texts: [...o.querySelectorAll('blockquote')].map((b) => b.textContent),
          changed: [...o.querySelectorAll('.diff-changed')].map((c) => c.textContent),
        })),
      ),
      loose: section.querySelectorAll('.compare-loose blockquote').length,
    })),
  );
  assert.deepEqual(shown, expected, 'the view lays out exactly what Rust compare returned');
  assert.ok(
    shown.some((sp) => sp.groups.some((g) => g.length >= 2)),
    'the samples share at least one quotation across outlets',
  );
  assert.equal(await page.locator('#compare-out .note').count(), 0, 'no fallback note: the wasm always has compare');
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare counts outlets as distinct articles: one card per outlet, the count in the label', { skip }, async () => {
  const { context, page } = await openPage(env);
  await page.click('#tab-compare');
  // Outlet a quotes Smith twice, b once; c quotes Jones twice and nobody else does.
  const file = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.setInputFiles('#compare-files', [
    file('a.txt', 'Talks in London\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire," Smith said. Later he repeated: "We are ready to talk to everyone about a ceasefire," Smith said.\n'),
    file('b.txt', 'Smith in London\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire now," Smith told reporters.\n'),
    file('c.txt', 'Only one outlet\nMinister Mary Jones spoke in Paris on Monday. "The border will stay open for the whole winter season," Jones said. She added: "The border will stay open for the whole of the winter season," Jones said.\n'),
  ]);
  await page.waitForFunction(() => /^3 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  const groups = () => page.evaluate(() => [...document.querySelectorAll('#compare-out .compare-group')].map((g) => ({
    speaker: g.closest('.compare-speaker').querySelector('h3').textContent,
    outlets: Number(g.dataset.outlets),
    label: g.querySelector('h4').textContent,
    cards: [...g.querySelectorAll('.outlet')].map((o) => ({ article: o.dataset.article, quotes: o.querySelectorAll('blockquote').length })),
  })));
  const shown = await groups();
  assert.deepEqual(shown, [
    {
      speaker: 'John Smith',
      outlets: 2,
      label: 'Near-identical in 2 outlets (3 quotations); differences marked',
      cards: [{ article: 'a.txt', quotes: 2 }, { article: 'b.txt', quotes: 1 }],
    },
    {
      speaker: 'Mary Jones',
      outlets: 1,
      label: 'Repeated 2 times in 1 outlet; differences marked',
      cards: [{ article: 'c.txt', quotes: 2 }],
    },
  ]);
  // And on the samples: every group shows as many cards as Rust counts outlets, and says that number.
  await page.click('#compare-clear');
  await page.click('#compare-samples');
  await page.waitForFunction(() => /^5 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  for (const g of await groups()) {
    assert.equal(g.cards.length, g.outlets, `one card per outlet: ${JSON.stringify(g)}`);
    assert.equal(new Set(g.cards.map((c) => c.article)).size, g.cards.length, 'no outlet twice');
    assert.ok(g.label.includes(`in ${g.outlets} outlet`), `the label counts outlets: ${g.label}`);
  }
  await context.close();
});
