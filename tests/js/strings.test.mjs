// The page's interface strings (www/strings.js): the Arabic and English
// tables say the same things, every count message has the plural forms its
// language needs, and the language comes from the browser as issue 15 asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { STRINGS, LANGS, browserLang, useLang, t } from '../../www/strings.js';

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
