// The output contract is written once, in src/analysis.rs (and src/compare.rs
// for compare): pkg/qawl.d.ts is derived from those Rust types, so every
// interface it declares has exactly the fields the wasm API returns, and the
// page's exports take their fields from the analysis itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { analysisJson, quotesCsv } from '../../www/export.js';
import { LABELS, labelCss } from '../../www/labels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
if (!existsSync(join(root, 'pkg/qawl.js'))) throw new Error('pkg/ is missing: run `bash scripts/build-wasm.sh` first');
const qawl = await import(join(root, 'pkg/qawl.js'));
await qawl.default({ module_or_path: readFileSync(join(root, 'pkg/qawl_bg.wasm')) });
const dts = readFileSync(join(root, 'pkg/qawl.d.ts'), 'utf8');
const seeds = ['000_0878ad2356b62a7e.txt', '002_520337c85119e73d.txt'].map((f) => ({
  name: f,
  text: readFileSync(join(root, 'tests/fixtures/seeds', f), 'utf8'),
}));

/** interface name -> its field names, from the generated declarations. */
function interfaces(src) {
  const out = new Map();
  for (const m of src.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const body = m[2].replace(/\/\*\*[\s\S]*?\*\//g, '');
    out.set(m[1], [...body.matchAll(/^\s*(\w+)\??:/gm)].map((f) => f[1]).sort());
  }
  return out;
}

/** type alias name -> the string literals of its union. */
function unions(src) {
  const out = new Map();
  for (const m of src.matchAll(/^export type (\w+) = ((?:"[^"]*"(?: \| )?)+);/gm)) {
    out.set(m[1], [...m[2].matchAll(/"([^"]*)"/g)].map((v) => v[1]));
  }
  return out;
}

const keys = (o) => Object.keys(o).sort();

test('pkg/qawl.d.ts declares the analysis exactly as analyze() returns it', () => {
  const decl = interfaces(dts);
  const analyses = seeds.map((s) => qawl.analyze(s.text));
  const a = analyses.find((x) => x.quotes.some((q) => q.speaker && q.cue));
  assert.ok(a, 'a seed with a quotation that has a speaker and a cue');
  const q = a.quotes.find((x) => x.speaker && x.cue);
  for (const [name, value] of [
    ['Analysis', a], ['Entity', a.entities[0]], ['Cluster', a.clusters[0]], ['Quote', q], ['Speaker', q.speaker], ['Cue', q.cue],
  ]) {
    assert.deepEqual(decl.get(name), keys(value), `interface ${name}`);
  }
  assert.match(dts, /export function analyze\(text: string, options: Options\): Analysis;/);
  assert.deepEqual(decl.get('Options'), ['entities', 'quotes']);
  const kinds = unions(dts);
  for (const x of analyses) {
    for (const e of x.entities) assert.ok(kinds.get('Label').includes(e.label), e.label);
    for (const qq of x.quotes) assert.ok(kinds.get('QuoteKind').includes(qq.kind), qq.kind);
  }
  // Option fields are declared `T | null`, as the wasm layer writes None.
  assert.match(dts, /speaker: Speaker \| null;/);
  assert.match(dts, /cluster: number \| null;/);
});

test('pkg/qawl.d.ts declares compare() results exactly as compare() returns them', () => {
  const decl = interfaces(dts);
  const items = seeds.map((s) => ({ ...s, analysis: qawl.analyze(s.text) }));
  // The same article twice: every quotation has a near-identical twin.
  const c = qawl.compare([items[0], items[0], items[1]]);
  const g = c.groups[0];
  assert.ok(g, 'a group');
  for (const [name, value] of [
    ['Comparison', c], ['SpeakerQuotes', c.speakers[0]], ['QuoteRef', c.speakers[0].quotes[0]], ['Group', g],
    ['GroupSpeaker', g.speaker], ['Member', g.members[0]], ['Segment', g.members[0].diff[0]],
  ]) {
    assert.deepEqual(decl.get(name), keys(value), `interface ${name}`);
  }
  assert.deepEqual(decl.get('Article'), ['analysis', 'name', 'text']);
  assert.match(dts, /export function compare\(articles: Article\[\]\): Comparison;/);
});

test('the JSON export is the analysis as returned; the CSV takes its columns from one table', () => {
  const text = seeds[1].text;
  const a = qawl.analyze(text);
  assert.deepEqual(JSON.parse(analysisJson(a)), a);
  assert.equal(analysisJson(a), `${JSON.stringify(a, null, 2)}\n`);
  const lines = quotesCsv([{ name: 'x', analysis: a }]).replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'article,speaker,kind,quotation');
  assert.equal(lines.length, a.quotes.length + 2); // header, rows, the empty string after the last CRLF
});

test('the page and the embed label table (www/labels.js) covers exactly the Rust Label type', () => {
  assert.deepEqual(LABELS.map((l) => l.id).sort(), [...unions(dts).get('Label')].sort());
  const css = labelCss((id) => `[data-x="${id}"]`);
  for (const { id } of LABELS) {
    // One rule per label in each colour scheme.
    assert.equal(css.split(`[data-x="${id}"] {`).length - 1, 2, id);
  }
});
