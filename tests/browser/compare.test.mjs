// The Compare view: the five samples in one click, each speaker's quotations
// across outlets, near-identical ones grouped with wording differences
// marked, all as Rust `compare` returned them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchRequests, watchProblems, samples, waitAnalysed, openPage, DESKTOP } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);
/** The samples Compare loads: the five Arabic reports of one story. */
const compared = () => samples().filter((s) => s.compare !== false);

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
    const differs = (g) => g.members.some((m) => m.diff.some((d) => d.changed && d.text.trim()));
    const grouped = new Set(result.groups.flatMap((g) => g.members.map((m) => `${m.article}:${m.quote}`)));
    return result.speakers
      .map((sp) => ({
        name: sp.name ?? 'Speaker not identified',
        // One card per outlet, its members in their order. The groups in
        // Rust's order, except that those whose wording differs (some
        // member has a changed segment) come before identical ones.
        groups: [
          ...sp.groups.filter((gi) => differs(result.groups[gi])),
          ...sp.groups.filter((gi) => !differs(result.groups[gi])),
        ].map((gi) => {
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
  }, compared().map((s) => s.name));

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

// Issue 15 item 6: each outlet has a name (its file name, or the article's
// first line when the file name says nothing), the reader can edit it, and
// every card of that outlet follows; each group says what differs first.
const file = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
const outletFiles = () => [
  file('a.txt', 'Talks in London\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire," Smith said. Later he repeated: "We are ready to talk to everyone about a ceasefire," Smith said. "Nothing has been decided about the date of the next meeting," Smith added.\n'),
  file('b.txt', 'Smith in London\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire now," Smith told reporters.\n'),
  file('untitled.txt', 'Smith ready for talks, says London visit was useful for everyone involved in it\nPresident John Smith spoke in London on Monday. "We are ready to talk to everyone about the ceasefire," Smith said.\n'),
];
const readOutlets = (page) => page.evaluate(() => ({
  list: [...document.querySelectorAll('#compare-list li')].map((li) => {
    const input = li.querySelector('input');
    return { value: input?.value, label: input?.getAttribute('aria-label') };
  }),
  cards: [...document.querySelectorAll('#compare-out .outlet')].map((o) => ({ article: o.dataset.article, name: o.querySelector('.src').textContent })),
}));

test('compare names each outlet after its file, or its first line when the file name says nothing', { skip }, async () => {
  const { context, page, problems } = await openPage(env);
  await page.click('#tab-compare');
  await page.setInputFiles('#compare-files', outletFiles());
  await page.waitForFunction(() => /^3 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  const shown = await readOutlets(page);
  assert.deepEqual(shown.list, [
    { value: 'a', label: 'Outlet name for a.txt' },
    { value: 'b', label: 'Outlet name for b.txt' },
    { value: 'Smith ready for talks, says London visit was useful for…', label: 'Outlet name for untitled.txt' },
  ]);
  const names = { 'a.txt': 'a', 'b.txt': 'b', 'untitled.txt': 'Smith ready for talks, says London visit was useful for…' };
  assert.ok(shown.cards.length >= 3, 'cards are shown');
  for (const c of shown.cards) assert.equal(c.name, names[c.article], `the card names its outlet: ${JSON.stringify(c)}`);

  // The samples: their sample names, without the extension.
  await page.click('#compare-clear');
  await page.click('#compare-samples');
  await page.waitForFunction(() => /^5 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  const samplesShown = await readOutlets(page);
  assert.deepEqual(samplesShown.list.map((o) => o.value), compared().map((s) => s.name.replace(/\.txt$/, '')));
  for (const c of samplesShown.cards) assert.equal(c.name, c.article.replace(/\.txt$/, ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare: editing an outlet name renames every card of that outlet, and the CSV', { skip }, async () => {
  const { context, page, problems } = await openPage(env);
  await page.click('#tab-compare');
  await page.setInputFiles('#compare-files', outletFiles());
  await page.waitForFunction(() => /^3 articles/.test(document.getElementById('compare-status').textContent), null, { timeout: 30000 });
  const input = page.getByRole('textbox', { name: 'Outlet name for a.txt' });
  // From the keyboard: tab to the field, replace its text.
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('<b>London Daily</b>');
  const shown = await readOutlets(page);
  const cardsOfA = shown.cards.filter((c) => c.article === 'a.txt');
  assert.ok(cardsOfA.length >= 2, `a.txt has cards in a group and among the other quotations: ${JSON.stringify(shown.cards)}`);
  for (const c of cardsOfA) assert.equal(c.name, '<b>London Daily</b>', 'the name is text, never markup');
  assert.equal(await page.locator('#compare-out .outlet b').count(), 0);
  for (const c of shown.cards.filter((c) => c.article !== 'a.txt')) assert.notEqual(c.name, '<b>London Daily</b>');
  assert.equal(await page.locator('#compare-out .diff-outlet', { hasText: 'London Daily' }).count() >= 1, true, 'the differences line names it too');
  assert.equal(await page.getByRole('button', { name: 'Remove <b>London Daily</b>' }).count(), 1);
  // The Compare CSV names each article by its outlet's name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare-csv')]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  assert.ok(csv.split('\r\n').slice(1).some((row) => row.startsWith('<b>London Daily</b>,')), 'the CSV names the outlet as edited');
  assert.ok(!csv.includes('\r\na.txt,'), 'and not by its file name');
  // Emptied, the name goes back to the default.
  await input.fill('');
  await input.blur();
  assert.equal(await input.inputValue(), 'a');
  assert.ok((await readOutlets(page)).cards.filter((c) => c.article === 'a.txt').every((c) => c.name === 'a'));
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [locale, label] of [['en-US', 'Worded differently:'], ['ar', 'مواضع اختلاف الصياغة:']]) {
  test(`compare (${locale}): a group whose quotations differ says what differs before the quotations, and comes first`, { skip }, async () => {
    const { context, page, problems } = await openPage(env, { ...DESKTOP, locale });
    await page.click('#tab-compare');
    await page.setInputFiles('#compare-files', outletFiles());
    await page.waitForFunction(() => document.querySelectorAll('#compare-list li').length === 3 && document.querySelector('#compare-out .compare-group'), null, { timeout: 30000 });
    const groups = await page.evaluate(() => [...document.querySelectorAll('#compare-out .compare-group')].map((g) => ({
      first: [...g.children].map((c) => c.className || c.tagName.toLowerCase()).slice(0, 3),
      differs: g.dataset.differs,
      label: g.querySelector('.compare-diffs .diffs-label')?.textContent,
      rows: [...g.querySelectorAll('.compare-diffs li')].map((li) => ({
        outlet: li.querySelector('.diff-outlet').textContent,
        words: [...li.querySelectorAll('.diff-changed')].map((w) => w.textContent),
      })),
      marked: Object.fromEntries([...g.querySelectorAll('.outlet')].map((o) => [o.querySelector('.src').textContent, [...new Set([...o.querySelectorAll('.diff-changed')].map((w) => w.textContent.trim()))]])),
    })));
    assert.equal(groups.length, 1, JSON.stringify(groups));
    const [g] = groups;
    assert.equal(g.differs, 'true');
    assert.deepEqual(g.first, ['h4', 'compare-diffs', 'columns'], 'heading, then what differs, then the quotations');
    assert.equal(g.label, label);
    assert.ok(g.rows.length >= 2, JSON.stringify(g.rows));
    for (const row of g.rows) assert.deepEqual(row.words, g.marked[row.outlet], `the line lists the words marked in ${row.outlet}'s card`);
    assert.ok(g.rows.some((r) => r.outlet === 'b' && r.words.includes('now')), JSON.stringify(g.rows));

    // Differing groups before identical ones: an outlet copying another word for word.
    await page.setInputFiles('#compare-files', [
      file('c.txt', 'Jones in Paris\nMinister Mary Jones spoke in Paris on Monday. "We will not close any crossing this year," Jones said. "The border will stay open for the whole winter season," Jones said.\n'),
      file('d.txt', 'Jones in Paris\nMinister Mary Jones spoke in Paris on Monday. "We will not close any crossing this year," Jones said. "The border will stay open for the whole of the winter season," Jones said.\n'),
    ]);
    await page.waitForFunction(() => document.querySelectorAll('#compare-list li').length === 5 && document.querySelectorAll('#compare-out .compare-group').length >= 3, null, { timeout: 30000 });
    const jones = await page.evaluate(() => {
      const section = [...document.querySelectorAll('#compare-out .compare-speaker')].find((s) => s.querySelector('h3').textContent === 'Mary Jones');
      return [...section.querySelectorAll('.compare-group')].map((g) => ({ differs: g.dataset.differs, group: Number(g.dataset.group), diffs: g.querySelector('.compare-diffs').className }));
    });
    assert.deepEqual(jones.map((g) => g.differs), ['true', 'false'], JSON.stringify(jones));
    assert.ok(jones[0].group > jones[1].group, 'Rust gave the identical group first; the view puts the differing one first');
    assert.equal(jones[1].diffs, 'compare-diffs same');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
