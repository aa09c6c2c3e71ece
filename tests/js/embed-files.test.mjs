// A news site hosts the embed as the files the README names; they must be
// exactly the www/ modules qawl-embed.js loads (the wasm glue in pkg/ aside),
// so that sharing a module with the page never leaves a host without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The www/ modules `file` imports, itself included, transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = readFileSync(join(root, 'www', file), 'utf8');
  for (const m of src.matchAll(/^\s*import\s[^'"]*['"]\.\/([\w.-]+\.js)['"]/gm)) closure(m[1], seen);
  return seen;
}

test('the README names every file the embed loads from www/', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const sentence = readme.match(/Host the `www\/` folder's ([\s\S]*?)\s+next\s+to\s+the\s+built/);
  assert.ok(sentence, 'the README says which files to host');
  const named = [...sentence[1].matchAll(/`([\w.-]+\.js)`/g)].map((m) => m[1]).sort();
  assert.deepEqual(named, [...closure('qawl-embed.js')].sort());
});
