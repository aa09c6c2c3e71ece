// dist/qawl.html: one self-contained file that works from file:// with no
// server and makes no request beyond itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, skipReason, launch, watchRequests, watchProblems, samples, waitAnalysed, readPage } from './helpers.mjs';

const skip = skipReason() || false;
let browser;
let dir;
before(async () => {
  if (skip) return;
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'qawl-single-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the single-file build works opened from file://', { skip }, async () => {
  const out = join(dir, 'qawl.html');
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-single.mjs'), '--out', out], { stdio: 'pipe' });
  const context = await browser.newContext();
  const requests = watchRequests(context, 'file:');
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(pathToFileURL(out).href);
  const all = samples();
  await waitAnalysed(page, all[0].name);
  await page.selectOption('#sample', all[2].name);
  await waitAnalysed(page, all[2].name);
  const shown = await readPage(page);
  for (const m of shown.entities) assert.equal(m.text, all[2].text.slice(m.start, m.end));
  // English too, with the inlined English model (the rules miss this company).
  const english = all.find((s) => /english/.test(s.name));
  await page.selectOption('#sample', english.name);
  await waitAnalysed(page, english.name);
  const orgs = (await readPage(page)).entities.filter((e) => e.label === 'ORG').map((e) => e.text);
  assert.ok(orgs.includes('Hollis Gas & Electric'), `organizations: ${JSON.stringify(orgs)}`);
  assert.ok((await page.locator('#article p').count()) > 0);
  assert.deepEqual(
    requests.all.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')),
    [pathToFileURL(out).href],
    'the file loads nothing but itself',
  );
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});
