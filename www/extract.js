// Article text from an HTML file: parsed with DOMParser into an inert
// document (scripts never run, images never load), reduced to the text of its
// article, one paragraph per line.

const DROP = 'script,style,noscript,template,iframe,object,embed,svg,canvas,form,nav,header,footer,aside,button,select,textarea,input,[hidden],[aria-hidden="true"]';
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

let policy = null;
function trustedInert(html) {
  // Under Trusted Types, parseFromString wants TrustedHTML. The result here is
  // an inert document that is read for text and never attached, so passing
  // the string through is safe; the policy exists only for this call.
  const tt = globalThis.trustedTypes;
  if (!tt) return html;
  policy ??= tt.createPolicy('qawl-inert-parse', { createHTML: (s) => s });
  return policy.createHTML(html);
}

/**
 * Renames on* attributes inside tags. Not for safety (the parsed document is
 * inert: its handlers never run) but because a page under CSP would still log,
 * and report, a violation for each inline handler the parser sees.
 */
function defuseHandlers(html) {
  return html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)on([a-z]+\s*=)/gi, '$1data-qawl-on$2'));
}

/** @returns {{title: string, text: string}} */
export function textFromHtml(html) {
  const doc = new DOMParser().parseFromString(trustedInert(defuseHandlers(html)), 'text/html');
  const title = (doc.querySelector('h1')?.textContent || doc.title || '').replace(/\s+/g, ' ').trim();
  const root = doc.querySelector('article') || doc.querySelector('main') || doc.querySelector('[role="main"]') || doc.body;
  if (!root) return { title, text: '' };
  for (const el of root.querySelectorAll(DROP)) el.remove();
  const lines = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  (function walk(node) {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) line += child.data;
      else if (child.nodeType === 1) {
        const block = BLOCK.has(child.tagName);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  })(root);
  flush();
  if (title && lines[0] !== title && !root.querySelector('h1') && doc.querySelector('h1')) lines.unshift(title);
  return { title, text: lines.join('\n') };
}
