// The page's interface strings (www/strings.js): the Arabic and English
// tables say the same things, every count message has the plural forms its
// language needs, and the language comes from the browser as issue 15 asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { STRINGS, LANGS, browserLang, num, pluralCategory, useLang, t } from '../../www/strings.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const placeholders = (msg) => new Set(Object.values(typeof msg === 'object' ? msg : { msg }).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));

test('the Arabic and English tables have the same message ids', () => {
  assert.deepEqual(LANGS, ['en', 'ar']);
  assert.deepEqual(Object.keys(STRINGS.ar).sort(), Object.keys(STRINGS.en).sort());
});

test('an Arabic message fills no placeholder its English one lacks, and counts where it counts', () => {
  for (const [id, en] of Object.entries(STRINGS.en)) {
    const ar = STRINGS.ar[id];
    for (const p of placeholders(ar)) assert.ok(placeholders(en).has(p), `${id}: {${p}} is not in the English message`);
    assert.equal(typeof ar === 'object', typeof en === 'object', `${id}: plural in both languages or in neither`);
    for (const msg of [en, ar]) {
      for (const form of Object.values(typeof msg === 'object' ? msg : { msg })) assert.equal(typeof form, 'string', id);
    }
  }
});

test('every Arabic count message has each form Intl.PluralRules("ar") can ask for', () => {
  const rules = new Intl.PluralRules('ar');
  const needed = new Set([0, 1, 2, 3, 11, 100].map((n) => rules.select(n)));
  assert.deepEqual([...needed].sort(), ['few', 'many', 'one', 'other', 'two', 'zero']);
  const plural = Object.entries(STRINGS.ar).filter(([, m]) => typeof m === 'object');
  assert.ok(plural.length >= 10, 'the Arabic counts are plural messages');
  for (const [id, forms] of plural) {
    for (const c of needed) assert.ok(typeof forms[c] === 'string' && forms[c].length, `${id} has no "${c}" form`);
    assert.deepEqual(Object.keys(forms).filter((c) => !needed.has(c)), [], `${id}: only Arabic categories`);
  }
  for (const [id, forms] of Object.entries(STRINGS.en).filter(([, m]) => typeof m === 'object')) {
    assert.deepEqual(Object.keys(forms).sort(), ['one', 'other'], id);
  }
});

test('t() picks the plural form and writes numbers the language\'s way', () => {
  try {
    useLang('ar');
    assert.equal(t('n.quotes', { count: 0 }), 'لا اقتباسات');
    assert.equal(t('n.quotes', { count: 1 }), 'اقتباس واحد');
    assert.equal(t('n.quotes', { count: 2 }), 'اقتباسان');
    const nf = new Intl.NumberFormat('ar');
    assert.equal(t('n.quotes', { count: 3 }), `${nf.format(3)} اقتباسات`);
    assert.equal(t('n.quotes', { count: 11 }), `${nf.format(11)} اقتباسًا`);
    assert.equal(t('n.quotes', { count: 100 }), `${nf.format(100)} اقتباس`);
    useLang('en');
    assert.equal(t('n.quotes', { count: 1 }), '1 quotation');
    assert.equal(t('n.quotes', { count: 1200 }), '1,200 quotations');
    assert.equal(t('compare.remove', { name: 'a.txt' }), 'Remove a.txt');
  } finally {
    useLang('en');
  }
});

test('the browser\'s languages choose: Arabic when an ar tag comes before any en one', () => {
  assert.equal(browserLang(['ar']), 'ar');
  assert.equal(browserLang(['ar-EG', 'en-US']), 'ar');
  assert.equal(browserLang(['fr-FR', 'ar-SA', 'en']), 'ar');
  assert.equal(browserLang(['en-US', 'ar']), 'en');
  assert.equal(browserLang(['fr-FR']), 'en');
  assert.equal(browserLang([]), 'en');
  assert.equal(browserLang(undefined), 'en');
  assert.equal(browserLang(['arn']), 'en', 'Mapudungun is not Arabic');
});

test('every message id the page uses is in the table', () => {
  const www = join(ROOT, 'www');
  const used = new Set();
  for (const f of readdirSync(www).filter((n) => /\.(js|html)$/.test(n) && n !== 'strings.js')) {
    const src = readFileSync(join(www, f), 'utf8');
    for (const m of src.matchAll(/data-i18n(?:-[\w-]+)?="([\w.]+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 40, `${used.size} ids found`);
  for (const id of used) assert.ok(id in STRINGS.en, `${id} is used but not in strings.js`);
});

test('num() and pluralCategory() write what Intl writes, without loading it', () => {
  const values = [0, -0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 999, 1000, 1200, 12345, 1234567, 2 ** 53,
    -1, -1234.5, 0.5, 1.5, 1.05, 12.34, 12.35, 999.96, 0.0005, 1.0005, 999.9996, -0.0001, 1e-7, 3.14159, 1e20, 1e21, NaN, Infinity];
  for (const l of LANGS) {
    const plural = new Intl.PluralRules(l);
    for (const options of [undefined, { maximumFractionDigits: 1 }, { maximumFractionDigits: 0 }]) {
      const nf = new Intl.NumberFormat(l, options);
      for (const n of values) assert.equal(num(n, options, l), nf.format(n), `${l} ${JSON.stringify(options)} ${n}`);
    }
    for (let n = 0; n <= 1200; n++) assert.equal(pluralCategory(n, l), plural.select(n), `${l} ${n}`);
    for (const n of [1.5, 0.1, 2.5, 11.25]) assert.equal(pluralCategory(n, l), plural.select(n), `${l} ${n}`);
  }
});
