// Exports: the analysis as the documented JSON contract, quotations as CSV.

/** The analysis exactly as the contract documents it (no page-side fields). */
export function analysisJson(analysis) {
  const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
  const contract = {
    entities: analysis.entities.map((e) => pick(e, ['start', 'end', 'text', 'label', 'cluster'])),
    clusters: analysis.clusters.map((c) => pick(c, ['id', 'name', 'label', 'mentions', 'spellings'])),
    quotes: analysis.quotes.map((q) => ({
      ...pick(q, ['start', 'end', 'text', 'kind']),
      speaker: q.speaker ? pick(q.speaker, ['name', 'cluster', 'start', 'end']) : null,
      cue: q.cue ? pick(q.cue, ['start', 'end', 'text']) : null,
    })),
  };
  return JSON.stringify(contract, null, 2) + '\n';
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(value) {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The speaker's display name: the cluster's canonical name when linked. */
export function speakerName(analysis, quote) {
  const sp = quote.speaker;
  if (!sp) return '';
  const cluster = sp.cluster != null ? analysis.clusters[sp.cluster] : null;
  return cluster ? cluster.name : sp.name;
}

/**
 * CSV with header article,speaker,kind,quotation; CRLF line ends and a BOM so
 * spreadsheet programs read the Arabic as UTF-8.
 * @param {{name: string, analysis: object}[]} articles
 */
export function quotesCsv(articles) {
  const rows = [['article', 'speaker', 'kind', 'quotation']];
  for (const { name, analysis } of articles) {
    for (const q of analysis.quotes) rows.push([name, speakerName(analysis, q), q.kind, q.text]);
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
