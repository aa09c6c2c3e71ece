// The Compare view: the five samples in one click, each speaker's quotations
// across outlets, near-identical ones grouped with wording differences
// marked, all as Rust `compare` returned them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchRequests, watchProblems, samples, waitAnalysed } from './helpers.mjs';

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
        groups: sp.groups.map((gi) =>
          result.groups[gi].members.map((m) => ({
            article: items[m.article].name,
            text: m.diff.map((d) => d.text).join(''),
            changed: m.diff.filter((d) => d.changed && d.text.trim()).map((d) => d.text),
          })),
        ),
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
          text: o.querySelector('blockquote').textContent,
          changed: [...o.querySelectorAll('.diff-changed')].map((c) => c.textContent),
        })),
      ),
      loose: section.querySelectorAll('.compare-loose blockquote').length,
    })),
  );
  assert.deepEqual(shown, expected, 'the view lays out exactly what Rust compare returned');
  assert.ok(
    shown.some((sp) => sp.groups.some((g) => new Set(g.map((m) => m.article)).size >= 2)),
    'the samples share at least one quotation across outlets',
  );
  assert.equal(await page.locator('#compare-out .note').count(), 0, 'no fallback note: the wasm always has compare');
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});
