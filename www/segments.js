// Turns offset-based annotations into nested DOM, safely.
//
// Annotations (paragraphs, quotations, speakers, entity mentions) are ranges
// over one string; they may nest (a name inside a quotation) and, in rare
// analyses, cross. A boundary sweep cuts the text at every range end, so each
// piece of text is covered by a fixed set of ranges; the builder then opens
// and closes wrapper elements so that every piece sits inside exactly the
// wrappers of the ranges that cover it, outer ranks outside. A range that
// crosses another is split into several wrappers; `make` is told when a
// wrapper continues a range so it can mark only the first piece.
//
// Only createElement/createTextNode are used: text never becomes markup.

/**
 * @typedef {{start: number, end: number, rank: number}} Range
 * `rank` orders nesting: lower ranks wrap higher ones.
 */

function outerFirst(a, b) {
  return a.rank - b.rank || a.start - b.start || b.end - a.end || a._i - b._i;
}

/**
 * Cuts [0, length) at every range boundary.
 * @param {number} length
 * @param {Range[]} ranges
 * @returns {{start: number, end: number, active: Range[]}[]} pieces in order,
 *   each with the ranges that cover it, outermost first.
 */
export function sweep(length, ranges) {
  const starts = [];
  ranges.forEach((r, i) => {
    const start = Math.max(0, Math.min(length, r.start | 0));
    const end = Math.max(0, Math.min(length, r.end | 0));
    if (end > start) starts.push({ r, start, end, i });
  });
  starts.sort((a, b) => a.start - b.start);
  const cuts = new Set([0, length]);
  for (const s of starts) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  let active = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k];
    const to = points[k + 1];
    active = active.filter((s) => s.end > from);
    while (next < starts.length && starts[next].start <= from) {
      active.push(starts[next]);
      next++;
    }
    const covering = active.map((s) => {
      s.r._i = s.i;
      return s.r;
    });
    covering.sort(outerFirst);
    pieces.push({ start: from, end: to, active: covering });
  }
  return pieces;
}

/**
 * Builds `text` as a DocumentFragment with every range wrapped.
 * @param {Document} doc
 * @param {string} text
 * @param {Range[]} ranges offsets into `text`
 * @param {(range: Range, continued: boolean) => Element} make creates the
 *   wrapper for a range; `continued` is true for the second and later pieces.
 * @param {{skipUncovered?: boolean}} [opts] skipUncovered drops text that no
 *   range covers (the newlines between paragraph ranges, say).
 */
export function buildFragment(doc, text, ranges, make, opts = {}) {
  const frag = doc.createDocumentFragment();
  const stack = [];
  const opened = new Set();
  for (const piece of sweep(text.length, ranges)) {
    if (opts.skipUncovered && piece.active.length === 0) {
      stack.length = 0;
      continue;
    }
    let keep = 0;
    while (keep < stack.length && keep < piece.active.length && stack[keep].range === piece.active[keep]) keep++;
    stack.length = keep;
    for (let j = keep; j < piece.active.length; j++) {
      const range = piece.active[j];
      const el = make(range, opened.has(range));
      opened.add(range);
      (stack.length ? stack[stack.length - 1].el : frag).appendChild(el);
      stack.push({ range, el });
    }
    const node = doc.createTextNode(text.slice(piece.start, piece.end));
    (stack.length ? stack[stack.length - 1].el : frag).appendChild(node);
  }
  return frag;
}

/** Ranges for each non-empty line of `text` (paragraphs are lines). */
export function paragraphRanges(text, rank = 0) {
  const out = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lineEnd = end;
    if (lineEnd > start && text[lineEnd - 1] === '\r') lineEnd--;
    if (text.slice(start, lineEnd).trim()) out.push({ start, end: lineEnd, rank, kind: 'paragraph' });
    start = end + 1;
  }
  return out;
}
