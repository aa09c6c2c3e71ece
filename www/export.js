// Exports: the analysis as JSON, and quotations as CSV.
//
// The JSON is the analysis exactly as qawl returned it: its contract is the
// Rust types in src/analysis.rs (pkg/qawl.d.ts is derived from them), and
// the page never adds fields of its own, so nothing here lists them again.
import { speakerName } from './labels.js';

/** The analysis as JSON, as `analyze` returned it. */
export function analysisJson(analysis) {
  return JSON.stringify(analysis, null, 2) + '\n';
}

/**
 * A field a spreadsheet would read as a formula: one that starts with `=`,
 * `+`, `-` or `@`, or with a tab or carriage return (OWASP, "CSV
 * Injection"). A quotation or a speaker's name is article text, written by
 * whoever wrote the article.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 field: quoted when it holds a comma, quote, CR or LF. A field
 * that would start a formula (FORMULA_START) gets a leading single quote, so
 * spreadsheet programs show it as text and never evaluate it.
 */
export function csvField(value) {
  let s = value == null ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV's columns, each a header and its value for one quotation of one article. */
const QUOTE_COLUMNS = [
  ['article', (name) => name],
  ['speaker', (name, analysis, q) => speakerName(analysis, q)],
  ['kind', (name, analysis, q) => q.kind],
  ['quotation', (name, analysis, q) => q.text],
];

/**
 * CSV with a header row (QUOTE_COLUMNS), one row per quotation; CRLF line
 * ends and a BOM so spreadsheet programs read the Arabic as UTF-8.
 * @param {{name: string, analysis: object}[]} articles
 */
export function quotesCsv(articles) {
  const rows = [QUOTE_COLUMNS.map(([header]) => header)];
  for (const { name, analysis } of articles) {
    for (const q of analysis.quotes) rows.push(QUOTE_COLUMNS.map(([, value]) => value(name, analysis, q)));
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Offers `content` as a download without leaving the page. */
export function download(doc, filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
