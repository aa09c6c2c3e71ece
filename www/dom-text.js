// The readable text of a DOM subtree, one line per block, with the text
// nodes it came from. The one walker behind both the page's .html files
// (extract.js, on an inert parsed document) and the embed (qawl-embed.js, on
// a news site's live article), so both cut an article into the same
// paragraphs and skip the same elements.
//
// Offsets map 1:1: every text node's characters are in `text` at
// `nodes[i].start`, each of its line breaks and tabs turned into a space
// (source formatting is not a paragraph); the only characters added are the
// '\n' between blocks.

/** Elements whose start and end break a line: HTML's block-level elements, br, and the component's own. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP',
  'HR', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
  'QAWL-ARTICLE',
]);

/**
 * Elements never read: not prose (code, forms, media, scripts), or the
 * component's own card. Their text is neither analysed nor changed.
 */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH',
  'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'QAWL-CARD',
]);

/**
 * @param {Node} root
 * @param {{skip?: string}} [opts] a selector for more elements to leave out
 *   (the page's .html files leave out a site's navigation and asides).
 * @returns {{text: string, nodes: {node: Text, start: number}[]}}
 */
export function readText(root, { skip } = {}) {
  const nodes = [];
  let text = '';
  const newline = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const skipped = (el, tag) =>
    SKIP_TAGS.has(tag) || el.hidden || el.isContentEditable || el.hasAttribute('data-qawl-skip') || (skip && el.matches(skip));
  (function walk(parent) {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (!n.data) continue;
        nodes.push({ node: n, start: text.length });
        text += n.data.replace(/[\n\r\t\f]/g, ' ');
      } else if (n.nodeType === 1) {
        // SVG and MathML elements report lowercase tag names.
        const tag = n.tagName.toUpperCase();
        const block = BLOCK_TAGS.has(tag);
        if (block) newline();
        if (!skipped(n, tag)) walk(n);
        if (block) newline();
      }
    }
  })(root);
  return { text, nodes };
}

/** The lines of `readText`'s text with white space folded, empty ones dropped. */
export function paragraphs(text) {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\n\f]+/g, ' ').trim())
    .filter(Boolean);
}
