// qawl for news sites: one ES module that marks the names (and, optionally,
// the quotations) of an article in place, on the site's own DOM. It loads
// four next to it, shared with the page: segments.js (offsets to DOM),
// dom-text.js (DOM to text), labels.js (label names and colours) and
// strings.js (its few words, in Arabic or English: the site page's lang, else
// the browser's language, as the page chooses).
//
//   <script type="module" src="/qawl/qawl-embed.js"></script>
//   <qawl-article quotes panel> …the site's article markup… </qawl-article>
//
// or from a site script:
//
//   import { highlight, unhighlight } from '/qawl/qawl-embed.js';
//   const result = await highlight(document.querySelector('article'), { quotes: true });
//   unhighlight(document.querySelector('article'));   // the DOM exactly as before
//
// What it guarantees:
// - Only text nodes are touched. Each text node that holds a mention is
//   replaced by a fragment (text + <mark class="qawl-mark">); element nodes,
//   links, inline formatting, attributes and event handlers stay as they are.
//   `unhighlight` puts the very same original text nodes back, so the DOM is
//   identical (outerHTML and node identity).
// - <qawl-article> follows a live article (MutationObserver): what the site
//   adds or updates is highlighted again once its changes settle; the
//   component's own writes are not observed.
// - script, style, code, pre, textarea, input, select, button, template,
//   svg, math, [contenteditable], [hidden] and [data-qawl-skip] are never read
//   or changed (dom-text.js, the walker the page's .html files go through
//   too, lists them and the block elements that end a paragraph).
// - No innerHTML anywhere, no inline styles or scripts: it works under
//   `script-src 'self' 'wasm-unsafe-eval'` and `require-trusted-types-for 'script'`.
//   Marks are styled by a constructed stylesheet with CSS custom properties
//   (--qawl-per-bg, --qawl-per-line, … --qawl-quote-line) the site can set;
//   the hover card and the panel live in shadow DOM.
// - The analysis runs in this page's thread: an article is a few KB and qawl
//   reads well over 10 MB/s, so a worker would cost more than it saves (and
//   would need a Trusted Types policy for its URL).
//
// Why JavaScript and not web-sys for the DOM work: walking and wrapping text
// nodes is ~150 lines here; in Rust it would pull web-sys DOM bindings into
// the wasm (bigger download for every user of the page too) and cross the
// JS/wasm boundary once per node. The wasm stays DOM-free and the same for
// the page, the worker and the CLI.
import init, * as qawl from '../pkg/qawl.js';
import { englishModelLoader } from './english-model.js';
import { buildFragment } from './segments.js';
import { readText } from './dom-text.js';
import { LABELS, labelCss, speakerName, textDir } from './labels.js';
import { tIn, langFor, kindName } from './strings.js';

const CSS = `
.qawl-mark { color: inherit; background: var(--qawl-bg, transparent);
  border-bottom: 2px var(--qawl-line-style, solid) var(--qawl-line, currentColor);
  border-radius: .15em; padding: 0 .05em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
${labelCss((id) => `.qawl-mark[data-qawl-label="${id}"]`)}
.qawl-quote { border-bottom: 2px solid var(--qawl-quote-line, #0d5a53); box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.qawl-quote[data-qawl-kind="indirect"] { border-bottom-style: dashed; }
.qawl-quote[data-qawl-kind="term"] { border-bottom-style: dotted; }
.qawl-mark:focus-visible, .qawl-quote:focus-visible { outline: 3px solid var(--qawl-focus, #b3261e); outline-offset: 2px; }
`;

const CARD_CSS = `
:host { position: absolute; z-index: 2147483000; display: block; max-width: min(20rem, calc(100vw - 1rem));
  font: 14px/1.5 system-ui, "Segoe UI", "Noto Sans Arabic", Tahoma, sans-serif; color: var(--qawl-card-fg, #1b1d1e);
  background: var(--qawl-card-bg, #fff); border: 1px solid var(--qawl-card-line, #d9d6cf); border-radius: 8px;
  box-shadow: 0 6px 24px rgb(0 0 0 / .18); padding: 8px 12px; pointer-events: none; }
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) { :host { color: var(--qawl-card-fg-dark, #ebe8e2); background: var(--qawl-card-bg-dark, #1c2225); border-color: #3a4246; } }
.name { display: block; font-weight: 700; font-size: 1.1em; }
.meta { display: block; opacity: .85; }
ul { margin: 4px 0 0; padding-inline-start: 1.2em; }
`;

const PANEL_CSS = `
:host { display: block; }
aside { margin-block-start: 1.5em; border: 1px solid var(--qawl-panel-line, #d9d6cf); border-radius: 10px; padding: .5em 1em;
  background: var(--qawl-panel-bg, transparent); font: 15px/1.6 system-ui, "Segoe UI", "Noto Sans Arabic", Tahoma, sans-serif; }
summary { cursor: pointer; font-weight: 700; padding: .25em 0; }
summary:focus-visible, button:focus-visible { outline: 3px solid var(--qawl-focus, #b3261e); outline-offset: 2px; }
h3 { margin: .6em 0 .2em; font-size: 1em; }
ul { list-style: none; margin: 0; padding: 0; }
button { all: unset; display: block; box-sizing: border-box; width: 100%; text-align: start; cursor: pointer; padding: .2em .3em; border-radius: 4px; }
button:hover { background: rgb(127 127 127 / .12); }
.kind { display: inline-block; font-size: .75em; font-weight: 600; border: 1px solid currentColor; border-radius: 4px; padding: 0 .35em; margin-inline-end: .4em; }
`;

let ready = null;
/** Where the wasm came from: the English model lies beside it. */
let wasmUrl = null;
/** Loads the wasm once; `wasm` may be a URL to qawl_bg.wasm when it is not next to qawl.js. */
function load(wasm) {
  if (!ready) wasmUrl = wasm ? new URL(wasm, document.baseURI) : null;
  ready ??= init(wasm ? { module_or_path: wasm } : undefined).catch((err) => {
    ready = null;
    throw err;
  });
  return ready;
}

/**
 * The English model, fetched the first time an article has English in it:
 * next to the wasm (qawl-en.bin beside qawl_bg.wasm), wherever the `wasm`
 * option or attribute put that.
 */
const ensureEnglishModel = englishModelLoader(() => new URL('qawl-en.bin', wasmUrl ?? new URL('../pkg/qawl_bg.wasm', import.meta.url)));

function sheet(css) {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}
let docSheet = null;
let cardSheet = null;
let panelSheet = null;
let highlighted = 0;

const states = new WeakMap(); // element -> state

/** Index of the last node starting at or before `offset`. */
function nodeAt(nodes, offset) {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (nodes[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Marks the names (and with `quotes: true` the quotations) inside `element`.
 * @param {Element} element
 * `lang` ('ar' or 'en') is the card's language; by default the nearest
 * lang attribute's, else the browser's.
 * @param {{quotes?: boolean, entities?: boolean, labels?: string[], card?: boolean,
 *          focusable?: boolean, stylesheet?: boolean, wasm?: string|URL, lang?: string}} [options]
 * @returns {Promise<{analysis: object, text: string, marks: number}>}
 */
export async function highlight(element, options = {}) {
  const opts = {
    entities: true,
    quotes: false,
    labels: LABELS.map((l) => l.id),
    card: true,
    focusable: false,
    stylesheet: true,
    ...options,
  };
  await load(opts.wasm);
  // The last wait, before the DOM is touched: an article with English in
  // it may need the English model first.
  await ensureEnglishModel(qawl, readText(element).text);
  unhighlight(element);
  const doc = element.ownerDocument;
  const { text, nodes } = readText(element);
  const analysis = qawl.analyze(text);
  const ranges = [];
  if (opts.quotes) {
    analysis.quotes.forEach((q, i) => ranges.push({ start: q.start, end: q.end, rank: 1, kind: 'quote', i }));
  }
  if (opts.entities) {
    const wanted = new Set(opts.labels);
    analysis.entities.forEach((e, i) => {
      if (wanted.has(e.label)) ranges.push({ start: e.start, end: e.end, rank: 2, kind: 'entity', i });
    });
  }

  // Clip every range to the text nodes it spans.
  const perNode = new Map(); // node index -> clipped ranges
  if (nodes.length) {
    for (const r of ranges) {
      for (let k = nodeAt(nodes, r.start); k < nodes.length && nodes[k].start < r.end; k++) {
        const { node, start } = nodes[k];
        const from = Math.max(r.start, start) - start;
        const to = Math.min(r.end, start + node.data.length) - start;
        if (to <= from) continue;
        if (!perNode.has(k)) perNode.set(k, []);
        perNode.get(k).push({ start: from, end: to, rank: r.rank, source: r, continues: start + from > r.start });
      }
    }
  }

  const make = (clip, continued) => {
    const r = clip.source;
    const first = !continued && !clip.continues;
    if (r.kind === 'quote') {
      const q = analysis.quotes[r.i];
      const span = doc.createElement('span');
      span.className = 'qawl-quote';
      span.dataset.qawlQuote = r.i;
      span.dataset.qawlKind = q.kind;
      if (first) span.tabIndex = -1;
      return span;
    }
    const e = analysis.entities[r.i];
    const mark = doc.createElement('mark');
    mark.className = 'qawl-mark';
    mark.dataset.qawlLabel = e.label;
    mark.dataset.qawlEntity = r.i;
    mark.dataset.qawlCluster = e.cluster;
    if (opts.focusable && first) mark.tabIndex = 0;
    return mark;
  };

  const records = [];
  let marks = 0;
  for (const [k, clips] of perNode) {
    const original = nodes[k].node;
    const frag = buildFragment(doc, original.data, clips, make);
    marks += frag.querySelectorAll('mark').length;
    const replacement = [...frag.childNodes];
    original.replaceWith(frag);
    records.push({ original, replacement });
  }

  const state = { records, analysis, text, listeners: [], card: null };
  states.set(element, state);
  if (opts.stylesheet && 'adoptedStyleSheets' in doc) {
    docSheet ??= sheet(CSS);
    if (!doc.adoptedStyleSheets.includes(docSheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, docSheet];
  }
  highlighted++;
  if (opts.card) attachCard(element, state, opts.lang);
  return { analysis, text, marks };
}

/** "person · 3 mentions" / "شخص · ٣ إشارات": the card's line under a name, in `l`. */
function mentionSummary(l, entity, cluster) {
  const type = LABELS.some((x) => x.id === entity.label) ? tIn(l, `type.${entity.label}`) : entity.label;
  return tIn(l, 'card.summary', { type, count: cluster ? cluster.mentions : 1 });
}

function attachCard(element, state, lang) {
  const doc = element.ownerDocument;
  const host = doc.createElement('qawl-card');
  const root = host.attachShadow({ mode: 'open' });
  cardSheet ??= sheet(CARD_CSS);
  root.adoptedStyleSheets = [cardSheet];
  host.hidden = true;
  host.setAttribute('role', 'tooltip');
  host.id = `qawl-card-${Math.random().toString(36).slice(2)}`;
  doc.body.append(host);
  state.card = host;
  const show = (ev) => {
    const mark = ev.target.closest?.('mark.qawl-mark');
    if (!mark || !element.contains(mark)) return;
    const { analysis } = state;
    const e = analysis.entities[Number(mark.dataset.qawlEntity)];
    if (!e) return;
    const c = analysis.clusters[e.cluster];
    const line = (cls, text) => {
      const s = doc.createElement('span');
      s.className = cls;
      s.dir = 'auto';
      s.textContent = text;
      return s;
    };
    const list = doc.createElement('ul');
    for (const s of c?.spellings || [e.text]) {
      const li = doc.createElement('li');
      li.dir = 'auto';
      li.textContent = s;
      list.append(li);
    }
    // The card reads in its name's direction, whatever the site's; the
    // summary, in the site's language, is isolated so it keeps its own order.
    const name = c ? c.name : e.text;
    const l = lang ?? langFor(element);
    host.dir = textDir(name);
    host.lang = l;
    const meta = doc.createElement('span');
    meta.className = 'meta';
    meta.append(doc.createElement('bdi'));
    meta.firstChild.textContent = mentionSummary(l, e, c);
    root.replaceChildren(line('name', name), meta, list);
    host.hidden = false;
    const r = mark.getBoundingClientRect();
    const view = doc.defaultView;
    const w = host.offsetWidth;
    host.style.left = `${Math.max(8, Math.min(r.left + r.width / 2 - w / 2, doc.documentElement.clientWidth - w - 8)) + view.scrollX}px`;
    host.style.top = `${r.bottom + view.scrollY + 6}px`;
    mark.setAttribute('aria-describedby', host.id);
    state.described = mark;
  };
  const hide = () => {
    host.hidden = true;
    if (state.described) {
      state.described.removeAttribute('aria-describedby');
      state.described = null;
    }
  };
  const onKey = (ev) => {
    if (ev.key === 'Escape') hide();
  };
  for (const [type, fn] of [['mouseover', show], ['focusin', show], ['mouseout', hide], ['focusout', hide], ['keydown', onKey]]) {
    element.addEventListener(type, fn);
    state.listeners.push([type, fn]);
  }
}

/** Puts back exactly the DOM `highlight` found. Safe to call on an element never highlighted. */
export function unhighlight(element) {
  const state = states.get(element);
  if (!state) return;
  states.delete(element);
  for (const [type, fn] of state.listeners) element.removeEventListener(type, fn);
  if (state.described) state.described.removeAttribute('aria-describedby');
  state.card?.remove();
  for (const { original, replacement } of state.records) {
    const anchor = replacement.find((n) => n.parentNode);
    if (!anchor) continue; // the site removed this part of the article meanwhile
    anchor.parentNode.insertBefore(original, anchor);
    for (const n of replacement) n.remove();
  }
  highlighted = Math.max(0, highlighted - 1);
  const doc = element.ownerDocument;
  if (!highlighted && docSheet && 'adoptedStyleSheets' in doc) {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== docSheet);
  }
}

/** The analysis of a highlighted element, or null. */
export function analysisOf(element) {
  return states.get(element)?.analysis ?? null;
}

/** How long a live article must stay still before its changes are analysed, ms. */
const SETTLE_MS = 150;

/**
 * <qawl-article>: highlights its own content when connected, and again when
 * the site changes it (a live page: paragraphs added, text updated).
 * A MutationObserver watches the article (nodes added or removed, text
 * changed) and the site's own text nodes that highlighting took out of it:
 * a site that keeps a text node and updates it updates the detached node,
 * which the marks stand for. A change, once the article is still for
 * SETTLE_MS, puts the site's DOM back (its nodes where it put them, its
 * updates in them) and highlights it again. The component's own writes are
 * not watched: the observer is disconnected while it writes.
 * Attributes: quotes (also mark quotations), panel (a "who said what" panel
 * after the article, in shadow DOM), labels="PER ORG LOC" (types to mark),
 * focusable (marks join the tab order), wasm="…/qawl_bg.wasm" (where the
 * wasm is when it is not next to qawl.js, as after bundling). Fires `qawl-highlighted` with
 * {analysis, marks} in detail, or `qawl-error` with {message}.
 */
export class QawlArticle extends HTMLElement {
  #root = null;
  #run = 0;
  #observer = null;
  #settle = 0;

  connectedCallback() {
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: 'open' });
      panelSheet ??= sheet(PANEL_CSS);
      this.#root.adoptedStyleSheets = [panelSheet];
      this.#root.append(document.createElement('slot'));
    }
    this.highlight();
  }

  disconnectedCallback() {
    this.#run++;
    this.#unwatch();
    unhighlight(this);
  }

  /** Watches the article and the site's text nodes under the marks for the site's changes. */
  #watch() {
    this.#observer ??= new MutationObserver((records) => {
      if (!records.length) return;
      clearTimeout(this.#settle);
      this.#settle = setTimeout(() => {
        if (this.isConnected) this.#rehighlight();
      }, SETTLE_MS);
    });
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    for (const { original } of states.get(this)?.records ?? []) this.#observer.observe(original, { characterData: true });
  }

  /**
   * Highlights the changed article again; a reader's focus on a mark or
   * quotation moves to the same one in the new marks (same text, nearest
   * offset), not to the page's start.
   */
  async #rehighlight() {
    const active = this.ownerDocument.activeElement;
    const focused = this.contains(active) ? active.closest('mark.qawl-mark, .qawl-quote') : null;
    const before = analysisOf(this);
    const kind = focused?.dataset.qawlEntity != null ? 'entity' : 'quote';
    const item = focused && before && (kind === 'entity' ? before.entities[Number(focused.dataset.qawlEntity)] : before.quotes[Number(focused.dataset.qawlQuote)]);
    await this.highlight();
    const after = analysisOf(this);
    if (!item || !after || this.contains(this.ownerDocument.activeElement)) return;
    const list = kind === 'entity' ? after.entities : after.quotes;
    let best = -1;
    list.forEach((x, i) => {
      if (x.text === item.text && (best < 0 || Math.abs(x.start - item.start) < Math.abs(list[best].start - item.start))) best = i;
    });
    const target = best >= 0 && this.querySelector(kind === 'entity' ? `mark.qawl-mark[data-qawl-entity="${best}"]` : `.qawl-quote[data-qawl-quote="${best}"]`);
    if (target && target.hasAttribute('tabindex')) target.focus({ preventScroll: true });
  }

  #unwatch() {
    clearTimeout(this.#settle);
    // Changes not yet handled are dropped: what comes next reads the DOM afresh.
    this.#observer?.takeRecords();
    this.#observer?.disconnect();
  }

  get analysis() {
    return analysisOf(this);
  }

  async highlight() {
    const run = ++this.#run;
    const labels = this.getAttribute('labels');
    // Our own writes (unhighlight, then the marks) are not the site's changes.
    this.#unwatch();
    try {
      const result = await highlight(this, {
        quotes: this.hasAttribute('quotes'),
        focusable: this.hasAttribute('focusable'),
        ...(labels ? { labels: labels.split(/[\s,]+/).filter(Boolean) } : {}),
        ...(this.hasAttribute('wasm') ? { wasm: new URL(this.getAttribute('wasm'), document.baseURI) } : {}),
      });
      if (run !== this.#run) return;
      // The marks are written (highlight wrote them in one task after
      // loading): from here on, a change is the site's.
      this.#observer?.takeRecords();
      if (this.isConnected) this.#watch();
      this.#renderPanel(result.analysis);
      this.dispatchEvent(new CustomEvent('qawl-highlighted', { detail: result }));
    } catch (err) {
      if (run === this.#run && this.isConnected) this.#watch();
      this.dispatchEvent(new CustomEvent('qawl-error', { detail: { message: String(err?.message || err) } }));
    }
  }

  /** Puts the site's DOM back and stops watching it (until the next highlight()). */
  unhighlight() {
    this.#run++;
    this.#unwatch();
    unhighlight(this);
    this.#root?.querySelector('aside')?.remove();
  }

  #renderPanel(analysis) {
    this.#root.querySelector('aside')?.remove();
    if (!this.hasAttribute('panel') || !analysis.quotes.length) return;
    const mk = (tag, text) => {
      const n = document.createElement(tag);
      if (text != null) n.textContent = text;
      return n;
    };
    // Its words in the site page's language (its lang), else the browser's.
    const l = langFor(this);
    const aside = mk('aside');
    aside.setAttribute('part', 'panel');
    aside.lang = l;
    aside.setAttribute('aria-label', tIn(l, 'who.heading'));
    const details = mk('details');
    details.append(mk('summary', `${tIn(l, 'who.heading')} ${tIn(l, 'count', { count: analysis.quotes.length })}`));
    const groups = new Map();
    analysis.quotes.forEach((q, i) => {
      if (q.kind === 'term') return;
      const who = speakerName(analysis, q) || tIn(l, 'who.unknown');
      if (!groups.has(who)) groups.set(who, []);
      groups.get(who).push(i);
    });
    for (const [who, list] of groups) {
      const h = mk('h3', who);
      h.dir = 'auto';
      const ul = mk('ul');
      for (const i of list) {
        const q = analysis.quotes[i];
        const b = mk('button');
        b.setAttribute('role', 'button');
        b.tabIndex = 0;
        // The quotation's direction, not dir="auto": the kind's word comes first.
        b.dir = textDir(q.text);
        b.append(mk('span', kindName(q.kind, l)), q.text.length > 200 ? `${q.text.slice(0, 200)}…` : q.text);
        b.firstChild.className = 'kind';
        b.addEventListener('click', () => this.#reveal(i));
        const li = mk('li');
        li.append(b);
        ul.append(li);
      }
      details.append(h, ul);
    }
    aside.append(details);
    this.#root.append(aside);
  }

  #reveal(i) {
    const span = this.querySelector(`.qawl-quote[data-qawl-quote="${i}"]`);
    if (span) {
      span.scrollIntoView({ block: 'center' });
      span.focus({ preventScroll: true });
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('qawl-article')) {
  customElements.define('qawl-article', QawlArticle);
}
