// Big inputs (issue 15, item 4): an input over the library's limit is
// refused before the page reads it, with the limit in the message, and the
// tab carries on; a big article stays usable while and after it is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, useBrowserAndServer, watchProblems, samples, waitAnalysed } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/** A short analysis still works: the page was not frozen or crashed by what came before. */
async function smallAnalysisWorks(page) {
  await page.click('#paste-toggle').catch(() => {});
  if (await page.locator('#paste-box').isHidden()) await page.click('#paste-toggle');
  await page.fill('#paste', 'قال الرئيس الروسي فلاديمير بوتين في موسكو: "نحن مستعدون للحوار".');
  await waitAnalysed(page, 'pasted text');
  assert.ok(await page.locator('#article mark').count() > 0, 'the small article is highlighted');
}

test('a file or paste over the limit is refused before it is read, and the tab carries on', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await waitAnalysed(page, samples()[0].name);

  // A dropped file of 33 MiB: its size is known without reading it, and
  // nothing may read it (Blob.text, arrayBuffer, stream, FileReader).
  const dropped = await page.evaluate(() => {
    window.__reads = 0;
    for (const m of ['text', 'arrayBuffer', 'stream', 'bytes']) {
      const orig = Blob.prototype[m];
      if (!orig) continue;
      Blob.prototype[m] = function (...args) {
        window.__reads++;
        return orig.apply(this, args);
      };
    }
    const file = new File([new Uint8Array(33 * 1024 * 1024).fill(0x61)], 'huge.txt', { type: 'text/plain' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const ev = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(ev);
    return { prevented: ev.defaultPrevented };
  });
  assert.equal(dropped.prevented, true);
  await page.waitForFunction(() => document.getElementById('status').classList.contains('error'), null, { timeout: 5000 });
  const dropMessage = await page.textContent('#status-text');
  assert.match(dropMessage, /huge\.txt/);
  assert.match(dropMessage, /33 MiB/);
  assert.match(dropMessage, /at most 32 MiB/);
  assert.equal(await page.evaluate(() => window.__reads), 0, 'the file was not read');

  // The same file opened with the file chooser.
  await page.setInputFiles('#file', { name: 'huge2.txt', mimeType: 'text/plain', buffer: Buffer.alloc(33 * 1024 * 1024 + 1, 0x62) });
  await page.waitForFunction(() => /huge2\.txt/.test(document.getElementById('status-text').textContent), null, { timeout: 10000 });
  assert.match(await page.textContent('#status-text'), /at most 32 MiB/);
  assert.equal(await page.evaluate(() => window.__reads), 0, 'the chosen file was not read');

  // A paste of 12 M Arabic letters (24 MB in UTF-8, 36 MB counted at 3
  // bytes a unit: under the limit, not refused) and of 17 M (34 MB: refused).
  await page.click('#paste-toggle');
  const pasted = await page.evaluate(() => {
    const area = document.getElementById('paste');
    area.value = '';
    const paste = (n) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'ب'.repeat(n));
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      area.dispatchEvent(ev);
      return ev.defaultPrevented;
    };
    return { under: paste(12_000_000), over: paste(17_000_000), status: document.getElementById('status-text').textContent };
  });
  assert.equal(pasted.under, false, 'a paste under the limit goes through');
  assert.equal(pasted.over, true, 'a paste over the limit is stopped');
  assert.match(pasted.status, /pasted text is 32\.4 MiB/);
  assert.match(pasted.status, /at most 32 MiB/);
  assert.equal(await page.inputValue('#paste'), '', 'the textarea did not take it');

  await smallAnalysisWorks(page);
  assert.deepEqual(problems, []);
  await context.close();
});
