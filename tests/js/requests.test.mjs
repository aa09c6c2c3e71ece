// www/requests.js, the one request handler behind the analysis worker and
// the page's in-thread phase: what each request answers, how progress,
// load failures and wasm traps come out, on the real wasm package and on a
// stand-in that fails on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createHandler } from '../../www/requests.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = join(root, 'pkg/qawl.js');
if (!existsSync(pkg)) throw new Error('pkg/ is missing: run `bash scripts/build-wasm.sh` first');
const qawl = await import(pkg);
const wasmBytes = readFileSync(join(root, 'pkg/qawl_bg.wasm'));
const sample = readFileSync(join(root, 'tests/fixtures/seeds', '000_0878ad2356b62a7e.txt'), 'utf8');

function realHandler() {
  let loads = 0;
  const handle = createHandler(async () => {
    loads++;
    await qawl.default({ module_or_path: wasmBytes });
    return qawl;
  });
  return { handle, loads: () => loads };
}

test('init, analyze and compare answer what the wasm API returns', async () => {
  const { handle, loads } = realHandler();
  assert.deepEqual(await handle({ type: 'init' }), { maxInputBytes: qawl.maxInputBytes() });
  const progress = [];
  const analysis = await handle({ type: 'analyze', text: sample }, (p) => progress.push(p));
  assert.deepEqual(analysis, qawl.analyze(sample));
  assert.deepEqual(progress, [{ stage: 'loading' }, { stage: 'analysing', length: sample.length }]);
  assert.deepEqual(await handle({ type: 'analyze', text: sample, options: { quotes: false } }), qawl.analyze(sample, { quotes: false }));
  const items = [{ name: 'a', text: sample, analysis }, { name: 'b', text: sample, analysis }];
  assert.deepEqual(await handle({ type: 'compare', items }), qawl.compare(items));
  assert.equal(loads(), 1, 'the wasm is loaded once');
  await assert.rejects(handle({ type: 'nonsense' }), /unknown request type nonsense/);
  await assert.rejects(handle({ type: 'analyze', text: 'x', options: { quotes: 'yes' } }), /invalid options/);
});

test('the handler waits for a progress promise before the wasm takes the thread', async () => {
  const { handle } = realHandler();
  let released = false;
  const analysed = handle({ type: 'analyze', text: sample }, (p) =>
    p.stage === 'analysing' ? new Promise((r) => setTimeout(() => r((released = true)), 20)) : undefined,
  );
  const analysis = await analysed;
  assert.ok(released && analysis.entities.length > 0);
});

test('a failed load is flagged and tried again on the next request', async () => {
  let attempts = 0;
  const handle = createHandler(async () => {
    attempts++;
    if (attempts === 1) throw new Error('no wasm here');
    return { maxInputBytes: () => 7 };
  });
  await assert.rejects(handle({ type: 'init' }), (err) => err.loadFailed === true && /no wasm here/.test(err.message));
  assert.deepEqual(await handle({ type: 'init' }), { maxInputBytes: 7 });
  assert.equal(attempts, 2);
});

test('a wasm trap comes out as the panic message, marked fatal', async () => {
  const trapping = {
    analyze() {
      throw new WebAssembly.RuntimeError('unreachable');
    },
    takePanicMessage: () => 'qawl failed on this text (boom); please report it with the text',
  };
  const handle = createHandler(async () => trapping);
  await assert.rejects(handle({ type: 'analyze', text: 'x' }), (err) => err.fatal === true && /qawl failed on this text \(boom\)/.test(err.message));
  // An ordinary exception (bad input) is not fatal.
  const { handle: real } = realHandler();
  await assert.rejects(real({ type: 'compare', items: 'not an array' }), (err) => !err.fatal && /invalid articles/.test(err.message));
});
