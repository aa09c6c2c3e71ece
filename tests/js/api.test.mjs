// The wasm package's JavaScript API in Node: offsets are JavaScript string
// indices (lone surrogates included), errors are exceptions with a message,
// and analysing many articles does not grow memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = join(root, 'pkg/qawl.js');
if (!existsSync(pkg)) throw new Error('pkg/ is missing: run `bash scripts/build-wasm.sh` first');
const { default: init, analyze } = await import(pkg);
const exports = await init({ module_or_path: readFileSync(join(root, 'pkg/qawl_bg.wasm')) });
const samples = readdirSync(join(root, 'tests/fixtures/seeds')).filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(root, 'tests/fixtures/seeds', f), 'utf8'));

function assertSlices(text, a) {
  for (const e of a.entities) assert.equal(text.slice(e.start, e.end), e.text);
  for (const q of a.quotes) {
    assert.equal(text.slice(q.start, q.end), q.text);
    if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
    if (q.speaker) assert.ok(q.speaker.start <= q.speaker.end && q.speaker.end <= text.length);
  }
}

test('every span of every sample slices the input', () => {
  for (const text of samples) {
    const a = analyze(text);
    assert.ok(a.entities.length > 0 && a.quotes.length > 0);
    assertSlices(text, a);
  }
});

test('lone surrogates keep offsets aligned with the JavaScript string', () => {
  // A lone surrogate crosses the boundary as U+FFFD: one UTF-16 unit either way.
  const text = '\uD800 قال يوم الجمعة \uDC00 إن "الاتفاق صامد" \uD83D';
  const a = analyze(text);
  assert.ok(a.entities.some((e) => e.text === 'الجمعة'));
  assertSlices(text, a);
});

test('errors are exceptions with a message that says what to do', () => {
  assert.throws(() => analyze('x', { quotes: 'yes' }), /invalid options/);
  const huge = 'ا'.repeat(17 * 1024 * 1024); // 34 MB of UTF-8, over the 32 MiB limit
  assert.throws(() => analyze(huge), (e) => e instanceof Error && /limit/.test(e.message) && /split/.test(e.message));
  // The instance still works after an error.
  assertSlices(samples[0], analyze(samples[0]));
});

test('analysing 1,000 articles does not grow memory', () => {
  for (let i = 0; i < 50; i++) analyze(samples[i % samples.length]);
  const before = exports.memory.buffer.byteLength;
  for (let i = 0; i < 1000; i++) analyze(samples[i % samples.length]);
  const after = exports.memory.buffer.byteLength;
  assert.ok(after <= before * 1.1 + 65536, `memory grew from ${before} to ${after} bytes`);
});
