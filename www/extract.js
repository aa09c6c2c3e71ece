// Article text from an HTML file: parsed with DOMParser into an inert
// document (scripts never run, images never load), reduced to the text of its
// article, one paragraph per line, by the walker the embed uses too
// (dom-text.js).
import { readText, paragraphs } from './dom-text.js';

/** Parts of a whole web page that are not its article (with what readText never reads). */
const NOT_ARTICLE = 'form,nav,header,footer,aside,[aria-hidden="true"]';

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
  const lines = paragraphs(readText(root, { skip: NOT_ARTICLE }).text);
  if (title && lines[0] !== title && !root.querySelector('h1') && doc.querySelector('h1')) lines.unshift(title);
  return { title, text: lines.join('\n') };
}
