// What a newcomer sees first (issue 15, item 1): the page opened as it is,
// its first sample analysed on load. No highlighted name may be a one- or
// two-letter fragment, a piece cut out of a word, or a bare pronoun or
// preposition. The checks are general properties of a name in Arabic (or
// English) text; no name or phrase of any article is written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, skipReason, useBrowserAndServer, samples, readPage, openPage } from './helpers.mjs';

const skip = skipReason() || false;
const env = useBrowserAndServer(skip);

/** Folds Arabic spelling variants as the library's look-ups do: hamza forms, ى/ي, ة/ه, marks, tatweel. */
export function fold(s) {
  return s
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[ؤ]/g, 'و')
    .replace(/[ئ]/g, 'ي');
}

/**
 * Words that are never a name on their own: the project's list of Arabic
 * function words (lexicon/ar/function-words.txt: prepositions, pronouns,
 * demonstratives, particles), the free pronouns, and the prepositions with
 * an attached pronoun (لي, له, منها, عليهم…), made here from their parts.
 */
function functionWords() {
  const words = new Set();
  const list = readFileSync(join(ROOT, 'lexicon/ar/function-words.txt'), 'utf8');
  for (const line of list.split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#')) words.add(fold(w));
  }
  const pronouns = ['أنا', 'نحن', 'أنت', 'أنتم', 'أنتما', 'أنتن', 'هو', 'هي', 'هم', 'هما', 'هن'];
  const attached = ['ي', 'ني', 'ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كما', 'كن', 'نا'];
  const prepositions = ['ل', 'ب', 'ك', 'من', 'عن', 'في', 'على', 'إلى', 'مع', 'لدى', 'عند', 'بين', 'منذ', 'حتى', 'إن', 'أن', 'لكن'];
  for (const p of pronouns) words.add(fold(p));
  for (const p of prepositions) {
    words.add(fold(p));
    // على, إلى, لدى take the pronoun on ي (عليه, إليه, لديه).
    const stem = /[ىي]$/.test(p) && p.length > 1 ? `${p.slice(0, -1)}ي` : p;
    for (const a of attached) words.add(fold(p === 'ل' && a === 'ي' ? 'لي' : stem + a));
  }
  words.add(fold('لي'));
  return words;
}

const ARABIC_LETTER = /[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
const LETTER = /\p{L}/u;
/**
 * What may stand in the same written word before a name: Arabic proclitics
 * (and, so; with, for, like; the article after them, ل + ال written لل).
 */
const PROCLITICS = /^[وف]?(?:[بكل]|[بك]?ال|لل)?$/;
/** A short Latin word that is a name on its own: an acronym in capitals (UN, EU). */
const ACRONYM = /^[A-Z]{2}$/;

/** What is wrong with the mark `e` over `text`, or null. */
export function problem(text, e, functionSet = functionWords()) {
  const s = text.slice(e.start, e.end);
  if (s !== e.text) return `its text is not the slice at its offsets (${JSON.stringify(text.slice(e.start, e.end))})`;
  const units = [...s].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  if (units < 3 && !ACRONYM.test(s.trim())) return `only ${units} letter(s)`;
  // The word the mark starts in: what comes before it in that word must be proclitics.
  let i = e.start;
  while (i > 0 && LETTER.test(text[i - 1])) i--;
  const before = text.slice(i, e.start);
  if (before && !(ARABIC_LETTER.test(text[e.start]) && PROCLITICS.test(before))) {
    return `starts inside a word (after ${JSON.stringify(before)})`;
  }
  if (e.end < text.length && LETTER.test(text[e.end])) return `ends inside a word (before ${JSON.stringify(text[e.end])})`;
  if (!/\s/u.test(s.trim()) && functionSet.has(fold(s.trim()))) return 'a bare pronoun or preposition';
  return null;
}

test('the first screen highlights no fragments, no bare pronouns or prepositions', { skip }, async () => {
  const { context, page, problems } = await openPage(env);
  const { text } = samples()[0];
  const shown = await readPage(page);
  assert.ok(shown.entities.length > 10, `the first sample has its names highlighted (${shown.entities.length})`);
  const words = functionWords();
  const bad = [];
  for (const m of shown.entities) {
    const why = problem(text, { ...m, text: m.text }, words);
    if (why) {
      const around = text.slice(Math.max(0, m.start - 15), Math.min(text.length, m.end + 15)).replace(/\s+/g, ' ');
      bad.push(`${m.label} ${JSON.stringify(m.text)} at ${m.start}: ${why} — in “${around}”`);
    }
  }
  assert.deepEqual(bad, [], `highlights a reader would not call names:\n${bad.join('\n')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the checks catch what they are for', () => {
  const words = functionWords();
  const at = (text, word, label = 'PER') => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, text: word, label };
  };
  // General shapes, made up here: a two-letter stem, a pronoun, a cut word, a proclitic split.
  assert.match(problem('قالت الصحيفة على ما يبدو لي أمس', at('قالت الصحيفة على ما يبدو لي أمس', 'لي')), /letter/);
  assert.match(problem('هذا كلام سحب منه', at('هذا كلام سحب منه', 'منه')), /pronoun or preposition/);
  assert.match(problem('هذا كلام سحب منه', at('هذا كلام سحب منه', 'حب')), /letter|inside/);
  assert.match(problem('ذهب المسافرون', at('ذهب المسافرون', 'مسافر')), /inside a word/);
  assert.equal(problem('وقال الوزير وموسكو تنفي', at('وقال الوزير وموسكو تنفي', 'موسكو', 'LOC')), null);
  assert.equal(problem('the UN said', at('the UN said', 'UN', 'ORG')), null);
  assert.ok(words.has(fold('عليهم')) && words.has(fold('لي')));
});
