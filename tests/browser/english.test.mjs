// English articles: the page fetches the English tagger's model (pkg/qawl-en.bin)
// only when an article has English in it, and then shows organizations; an
// Arabic reader never downloads it; without it (a host that does not serve
// it) English is still analysed, by rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchRequests, watchProblems, samples, waitAnalysed, readPage, DESKTOP } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);
const MODEL = /\/pkg\/qawl-en\.bin$/;
const english = () => samples().find((s) => /english/.test(s.name));

/** The marked names of the page, as [text, label]. */
async function names(page) {
  return (await readPage(page)).entities.map((e) => [e.text, e.label]);
}

test('the English sample shows organizations, with the model fetched only when English comes', { skip }, async () => {
  const context = await env.browser.newContext(DESKTOP);
  const requests = watchRequests(context, new URL(env.server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
  assert.equal(requests.all.filter((u) => MODEL.test(u)).length, 0, 'an Arabic article needs no English model');

  const sample = english();
  await page.selectOption('#sample', sample.name);
  await waitAnalysed(page, sample.name);
  const shown = await names(page);
  const orgs = shown.filter(([, l]) => l === 'ORG').map(([t]) => t);
  for (const want of ['National Weather Service', 'Ohio Department of Transportation', 'Hollis Gas & Electric', 'Ohio State University']) {
    assert.ok(orgs.includes(want), `${want} is an organization: ${JSON.stringify(shown)}`);
  }
  const places = shown.filter(([, l]) => l === 'LOC').map(([t]) => t);
  for (const want of ['Tamsin River', 'Marlow County', 'Canal Street']) assert.ok(places.includes(want), `${want} is a place`);
  // Fetched for it: by the thread that analysed it (the service worker, once
  // active, fetches it again behind the page's request, which the context also sees).
  assert.ok(requests.all.some((u) => MODEL.test(u)), 'the model is fetched for the English article');
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the English model the English sample is still analysed, by rules', { skip }, async () => {
  const context = await env.browser.newContext(DESKTOP);
  await context.route(MODEL, (route) => route.fulfill({ status: 404, body: 'not here' }));
  const page = await context.newPage();
  const problems = watchProblems(page);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);
  const sample = english();
  await page.selectOption('#sample', sample.name);
  await waitAnalysed(page, sample.name);
  const shown = await names(page);
  assert.ok(shown.length >= 10, `names found by rules: ${JSON.stringify(shown)}`);
  assert.ok(warnings.some((w) => /English names come from rules/.test(w)), `says why: ${warnings.join(' | ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});
