// qawl's page: open an article, read it with names and quotations marked,
// browse the entities and who said what, compare outlets, export.
//
// Every piece of article text reaches the DOM through textContent or
// createTextNode; nothing is ever assigned to innerHTML. Every interface
// word comes from strings.js, in the reader's language (Arabic or English).
import { AbortedError } from './analyzer.js';
import { buildFragment, paragraphRanges } from './segments.js';
import { analysisJson, quotesCsv, download } from './export.js';
import { LABELS, labelCss, speakerName, textDir } from './labels.js';
import { t, num, lang, useLang, browserLang, storedLang, storeLang, DIRS, kindName } from './strings.js';
import { createPlatformAnalyzer, sampleIndex, sampleText, firstSampleName, enableOffline } from './platform.js';
import { textFromHtml } from './extract.js';
import { setupCompare } from './compare-view.js';

const LABEL_ORDER = LABELS.map((l) => l.id);
/** A label's name in the legend and the names panel ('person' / 'أشخاص'). */
const labelName = (id) => (LABEL_ORDER.includes(id) ? t(`label.${id}`) : id);
/** A label's name for one entity ('person' / 'شخص'). */
const typeName = (id) => (LABEL_ORDER.includes(id) ? t(`type.${id}`) : id);
const LONG_INPUT = 20000; // characters; above this the progress bar shows at once

// The largest input the library reads (src/lib.rs MAX_INPUT_BYTES, 32 MiB);
// the wasm reports its own once loaded (analyzer.features()). A larger file
// or paste is refused before it is read into the page: reading it whole
// (file.text(), the textarea's value) is what can exhaust a tab's memory.
let maxInputBytes = 32 * 1024 * 1024;

/** "32 MiB", "40.5 MiB", "900 KB" (in the interface language). */
export function formatBytes(n) {
  if (n >= 1024 * 1024) {
    return t('bytes.mib', { n: num(n / (1024 * 1024), { maximumFractionDigits: 1 }) });
  }
  return t('bytes.kb', { n: num(Math.ceil(n / 1024)) });
}

/** Thrown by readFile for a file over the limit, before its content is read. */
export class TooLargeError extends Error {}

/** The message for an input of `bytes` (more than the limit). */
function tooLargeMessage(what, bytes, limit = maxInputBytes) {
  return t('status.tooLarge', { what, size: formatBytes(bytes), limit: formatBytes(limit) });
}

/**
 * The UTF-8 length of `s` (what the library counts), or a bound past
 * `limit` when `s` is certainly over it: exact in between. A UTF-16 unit is
 * at least 1 byte and at most 3 (a surrogate pair, two units, is 4).
 */
export function utf8Bytes(s, limit = Infinity) {
  if (s.length > limit) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // a lone surrogate becomes U+FFFD, 3 bytes
  }
  return n;
}

const $ = (id) => document.getElementById(id);

// Each label's colours come from the table the embed uses too (labels.js);
// style.css says where they go. Hiding a type (the legend) is per label too.
const labelSheet = new CSSStyleSheet();
labelSheet.replaceSync(
  `${labelCss((id) => `mark[data-label="${id}"], .swatch[data-label="${id}"]`)}\n` +
    `${LABEL_ORDER.map((id) => `.hide-${id} mark[data-label="${id}"]`).join(', ')} ` +
    '{ background: none; border-color: transparent; cursor: text; }',
);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, labelSheet];

/** createElement with text and attributes, the only way this page builds DOM. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** "ar" when the text is mostly Arabic script, else "en". */
export function guessLang(text) {
  const sample = text.slice(0, 4000);
  const arabic = (sample.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/g) || []).length;
  const latin = (sample.match(/[A-Za-z]/g) || []).length;
  return arabic >= latin ? 'ar' : 'en';
}

const state = {
  name: '',
  text: '',
  analysis: null,
  hidden: new Set(),
  stepper: new Map(), // cluster id -> index of the mention shown last
  seq: 0,
  panelsDone: false, // the panels show the analysis whole
  relabel: false, // the language changed while they were drawn
};

const analyzer = createPlatformAnalyzer();

/**
 * Shows `message` in the status line: a function that writes it in the
 * interface language, called again when the reader switches language.
 */
let statusShown = () => '';
function setStatus(message, { error = false, busy = false } = {}) {
  statusShown = message;
  $('status-text').textContent = message();
  $('status').classList.toggle('error', error);
  $('progress').hidden = !busy;
}

/** A pasted text's name: state.name, shown in the interface language. */
const PASTED = Symbol('pasted text');
const shownName = (name) => (name === PASTED ? t('paste.name') : name);

/**
 * Analyses `text` and shows it with its marks. With `paint`, an article just
 * opened, its text is shown at once as plain paragraphs, and the marks come
 * when the analysis does (not for text being typed, where the marks of the
 * last analysis stay until the next one). `since` is when the reader gave
 * the text (a paste's event time), if before now: the status's time counts
 * from it.
 */
async function analyse(name, text, { paint = false, since } = {}) {
  const seq = ++state.seq;
  state.name = name;
  state.text = text;
  if (paint) {
    renderPlain(text);
    if (!performance.getEntriesByName('qawl:text').length) performance.mark('qawl:text');
  }
  const started = Math.min(since ?? Infinity, performance.now());
  const showBusy = () => {
    if (seq === state.seq) setStatus(() => t('status.analysing', { size: formatBytes(text.length) }), { busy: true });
  };
  let timer = setTimeout(showBusy, text.length > LONG_INPUT ? 0 : 200);
  try {
    const analysis = await analyzer.analyze(text, undefined, (p) => {
      if (p.stage === 'loading' && seq === state.seq && !state.analysis) setStatus(() => t('status.loading'), { busy: true });
    });
    if (seq !== state.seq) return;
    state.analysis = analysis;
    // What is on screen first, in this task; the rest in slices (drawn).
    const drawn = renderArticle();
    renderLegend();
    // The benchmark (scripts/bench-wasm.mjs) reads these: the first analysis
    // in the DOM, and the end of the frame that painted it (a task after
    // the next frame, as its control page marks its own highlight).
    const first = !performance.getEntriesByName('qawl:first-analysis').length;
    if (first) performance.mark('qawl:first-analysis');
    // The panels come after the frame that paints the highlights: their
    // lists would make that frame's style and layout longer.
    await afterNextFrame();
    if (first) performance.mark('qawl:first-highlight');
    if (seq !== state.seq) return;
    // The status's time is to a usable page: the whole article and its
    // panels drawn.
    state.panelsDone = false;
    // Each panel's set-up (a pass over every mention, over every quotation)
    // and first slice in a task of its own: together, with the frame
    // after them, they made a 100-180 ms task on 5 MB.
    const entities = renderEntities();
    await yieldToBrowser();
    if (seq !== state.seq) return;
    const panels = [entities, renderWho()];
    if (!(await Promise.all([drawn, ...panels])).every(Boolean) || seq !== state.seq) return;
    state.panelsDone = true;
    if (state.relabel) {
      state.relabel = false;
      renderEntities();
      renderWho();
    }
    const ms = Math.round(performance.now() - started);
    const people = analysis.clusters.length;
    setStatus(() => t(people ? 'status.done' : 'status.doneNoNames', {
      name: shownName(name),
      mentions: t('n.mentions', { count: analysis.entities.length }),
      names: t('n.names', { count: people }),
      quotes: t('n.quotes', { count: analysis.quotes.length }),
      ms: t('n.ms', { count: ms }),
    }));
  } catch (err) {
    if (err instanceof AbortedError || seq !== state.seq) return;
    setStatus(() => t('status.failed', { name: shownName(name), error: err.message }), { error: true });
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- article

/** Resolves in a task after the next frame (or after 100 ms in a hidden tab, which has no frames). */
function afterNextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

// ---- drawing in slices
//
// A big article is hundreds of thousands of nodes: built at once, it held the
// main thread for seconds, and every click after it for most of a second
// (issue 15, item 4). The article is drawn a run of paragraphs at a time:
// the first slice, what is on screen, in the task that has the analysis; the
// rest in slices of SLICE_MS, yielding to the browser between them so that
// input and frames come first. A big article's paragraphs are also laid out
// and styled only near the screen (.article.big, content-visibility).

const SLICE_MS = 10;
const CHUNK_CHARS = 2000; // the text of one step: a few paragraphs
const BIG_ARTICLE = 100_000; // characters; above this, the article comes in sections skipped by layout off screen
const SECTION_CHARS = 20_000; // the text of one such section: ~275 for 5 MB of Arabic
const BIG_LIST = 300; // names or quotations; above this, a panel's blocks off screen are skipped by layout
const LIST_BLOCK = 100; // names or quotations in one such block

/**
 * Resolves after giving the browser a turn (input, a frame). A task, not
 * scheduler.yield(): its continuations run ahead of frames, and a toggle
 * waited ~150 ms for its frame while the article was drawn.
 */
function yieldToBrowser() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs the steps of `steps` (a generator) a slice at a time, the first slice
 * at once; resolves true when done, false when `current()` turns false
 * (a newer drawing took over).
 */
async function inSlices(steps, current) {
  for (;;) {
    const until = performance.now() + SLICE_MS;
    do {
      if (steps.next().done) return true;
    } while (performance.now() < until);
    await yieldToBrowser();
    if (!current()) return false;
  }
}

let drawing = 0; // the article's drawing; a newer one stops an older one

/**
 * Draws `text` into the article with `marks` (offset ranges over it, sorted
 * by start), a few paragraphs a step. Each step's DOM replaces what the
 * article showed before for the same stretch of text (its plain paragraphs,
 * or the last analysis's), so the page keeps its height while it is drawn.
 * The output is the DOM one buildFragment of the whole text would make: a
 * range crossing a step's end is cut there and continued in the next.
 */
function drawArticle(text, marks, onFirst) {
  const token = ++drawing;
  const article = $('article');
  setLang(article, guessLang(text));
  const big = text.length > BIG_ARTICLE;
  article.classList.toggle('big', big);
  const paragraphs = paragraphRanges(text, 0);
  const wrap = (range, continued) => makeWrapper(range, continued || range.cont === true);
  let old = article.firstChild; // what the article showed before, replaced as the new text is drawn
  const startOf = (node) => (node.nodeType === 1 && node.hasAttribute('data-start') ? Number(node.dataset.start) : -1);
  // A big article's paragraphs go into sections of SECTION_CHARS, each
  // laid out and painted only near the screen (style.css, .article.big
  // .section). Paragraphs themselves were that unit before: on a 5 MB paste
  // (14,000 paragraphs) every frame walked all of them (layout, the
  // content-visibility intersections, paint), frames of 50 ms growing to
  // 100-120 ms while the article was drawn; ~275 sections keep them short.
  let section = null;
  let sectionChars = 0;
  const into = (frag, a, b) => {
    if (!big) {
      article.insertBefore(frag, old);
      return;
    }
    if (!section || sectionChars >= SECTION_CHARS) {
      section = el('div', { class: 'section', 'data-start': a });
      sectionChars = 0;
      article.insertBefore(section, old);
    }
    section.append(frag);
    sectionChars += b - a;
    // Until it is first laid out, a section is as tall as its text would
    // roughly be (a line of about 80 characters is 2em), so that the
    // scroll bar and a jump into the article land near the right place.
    section.style.containIntrinsicSize = `auto ${Math.ceil(sectionChars / 40) + 1}em`;
  };
  function* steps() {
    let open = [];
    let next = 0;
    for (let p = 0; p < paragraphs.length;) {
      const a = p === 0 ? 0 : paragraphs[p].start;
      let q = p;
      for (let size = 0; q < paragraphs.length && (q === p || size < CHUNK_CHARS); q++) size += paragraphs[q].end - paragraphs[q].start;
      const b = q < paragraphs.length ? paragraphs[q].start : text.length;
      open = open.filter((r) => r.end > a);
      while (next < marks.length && marks[next].start < b) open.push(marks[next++]);
      const ranges = paragraphs.slice(p, q);
      for (const r of open) {
        if (r.start >= a && r.end <= b) ranges.push(r);
        else ranges.push({ ...r, start: Math.max(a, r.start), end: Math.min(b, r.end), cont: r.start < a });
      }
      const frag = buildFragment(document, text, ranges, wrap, { skipUncovered: true });
      while (old && startOf(old) < b) {
        const n = old.nextSibling;
        old.remove();
        old = n;
      }
      into(frag, a, b);
      if (p === 0) onFirst?.();
      p = q;
      yield;
    }
    while (old) {
      const n = old.nextSibling;
      old.remove();
      old = n;
    }
    if (!paragraphs.length) onFirst?.();
  }
  return inSlices(steps(), () => token === drawing);
}

/**
 * Sets `lang` only when it changes: Chromium invalidates :lang() on every
 * descendant when `lang` is set, even to the value it has. The marks replace
 * an article drawn plain, of the same text: setting it again restyled all its
 * paragraphs (8,487 on 3 MB, ~50 ms) in the frame of the first highlights.
 */
function setLang(node, lang) {
  if (node.getAttribute('lang') !== lang) node.setAttribute('lang', lang);
}

/** The article's paragraphs, with no marks: what shows until the analysis is there. */
function renderPlain(text) {
  hideCard();
  drawArticle(text, []);
}

/** Draws the article with its marks; resolves true once all of it is drawn, false when superseded. */
function renderArticle() {
  const { text, analysis } = state;
  // The card names a mark of the text being replaced.
  hideCard();
  const article = $('article');
  applyHidden();
  const ranges = [];
  analysis.quotes.forEach((q, i) => {
    ranges.push({ start: q.start, end: q.end, rank: 1, kind: 'quote', i });
    if (q.speaker && q.speaker.end > q.speaker.start) {
      ranges.push({ start: q.speaker.start, end: q.speaker.end, rank: 2, kind: 'speaker', i });
    }
    if (q.cue && q.cue.end > q.cue.start) ranges.push({ start: q.cue.start, end: q.cue.end, rank: 2, kind: 'cue', i });
  });
  analysis.entities.forEach((e, i) => ranges.push({ start: e.start, end: e.end, rank: 3, kind: 'entity', i }));
  ranges.sort((x, y) => x.start - y.start);

  // The first mark joins the tab order (the arrows move from it); with no
  // mark, the article itself.
  const focusable = () => {
    const first = article.querySelector('mark');
    if (first) first.tabIndex = 0;
    roving = first;
    return first;
  };
  return drawArticle(text, ranges, focusable).then((done) => {
    if (done && !article.querySelector('mark[tabindex="0"]') && !focusable()) article.tabIndex = 0;
    return done;
  });
}

function makeWrapper(range, continued) {
  const { analysis } = state;
  if (range.kind === 'paragraph') return el('p', { dir: 'auto', 'data-start': range.start });
  if (range.kind === 'quote') {
    const q = analysis.quotes[range.i];
    const who = speakerName(analysis, q);
    return el('span', {
      class: continued ? 'quote' : 'quote first',
      'data-quote': range.i,
      'data-kind': q.kind,
      'data-speaker': !continued && who ? who : null,
      // The chip (style.css, .quote::before) reads in its name's direction.
      'data-speaker-dir': !continued && who ? textDir(who) : null,
      tabindex: continued ? null : -1,
    });
  }
  if (range.kind === 'speaker') return el('span', { class: 'speaker', 'data-quote': range.i });
  if (range.kind === 'cue') return el('span', { class: 'cue', 'data-quote': range.i });
  const e = analysis.entities[range.i];
  const cluster = analysis.clusters[e.cluster];
  return el('mark', {
    'data-label': e.label,
    'data-entity': range.i,
    'data-cluster': e.cluster,
    'data-start': e.start,
    'data-end': e.end,
    'aria-label': markLabel(e, cluster),
    tabindex: -1,
    class: continued ? 'cont' : null,
  });
}

/** A mark's accessible name: its text, its type and the name it is linked to. */
function markLabel(e, cluster) {
  return cluster && cluster.name !== e.text
    ? t('mark.labelLinked', { text: e.text, type: typeName(e.label), name: cluster.name })
    : t('mark.label', { text: e.text, type: typeName(e.label) });
}

function applyHidden() {
  const article = $('article');
  for (const label of LABEL_ORDER) article.classList.toggle(`hide-${label}`, state.hidden.has(label));
  article.classList.toggle('hide-quotes', state.hidden.has('quotes'));
}

// ---------------------------------------------------------------- legend

function renderLegend() {
  const legend = $('legend');
  legend.replaceChildren();
  const counts = {};
  for (const e of state.analysis.entities) counts[e.label] = (counts[e.label] || 0) + 1;
  for (const label of LABEL_ORDER) {
    const n = counts[label] || 0;
    const b = el(
      'button',
      {
        type: 'button',
        'aria-pressed': String(!state.hidden.has(label)),
        'data-legend': label,
        title: t('legend.title', { type: labelName(label) }),
      },
      el('span', { class: 'swatch', 'aria-hidden': 'true' }),
      `${labelName(label)} `,
      el('span', { class: 'count', text: t('count', { count: n }) }),
    );
    b.querySelector('.swatch').dataset.label = label;
    b.addEventListener('click', () => toggleHidden(label, b));
    legend.append(b);
  }
  const q = el(
    'button',
    { type: 'button', 'aria-pressed': String(!state.hidden.has('quotes')), 'data-legend': 'quotes' },
    `${t('legend.quotes')} `,
    el('span', { class: 'count', text: t('count', { count: state.analysis.quotes.length }) }),
  );
  q.addEventListener('click', () => toggleHidden('quotes', q));
  legend.append(q);
}

function toggleHidden(key, button) {
  if (state.hidden.has(key)) state.hidden.delete(key);
  else state.hidden.add(key);
  button.setAttribute('aria-pressed', String(!state.hidden.has(key)));
  applyHidden();
}

// ---------------------------------------------------------------- entities panel

function mentionsOf(clusterId) {
  const marks = [];
  state.analysis.entities.forEach((e, i) => {
    if (e.cluster === clusterId) marks.push(i);
  });
  return marks;
}

let entitiesDrawing = 0;

/** Draws the entities panel, a slice at a time; resolves true when done, false when superseded. */
function renderEntities() {
  const token = ++entitiesDrawing;
  const { analysis } = state;
  const box = $('entities');
  box.replaceChildren();
  $('ent-count').textContent = t('count', { count: analysis.clusters.length });
  if (!analysis.clusters.length) {
    box.append(el('p', { class: 'empty', text: t('entities.empty') }));
    return Promise.resolve(true);
  }
  // A long list in blocks, as who said what's (style.css, #entities.big).
  const big = analysis.clusters.length > BIG_LIST;
  box.classList.toggle('big', big);
  const block = big ? LIST_BLOCK : Infinity;
  const spellingCounts = new Map();
  for (const e of analysis.entities) {
    const m = spellingCounts.get(e.cluster) || new Map();
    m.set(e.text, (m.get(e.text) || 0) + 1);
    spellingCounts.set(e.cluster, m);
  }
  function* steps() {
    for (const label of LABEL_ORDER) {
      const clusters = analysis.clusters.filter((c) => c.label === label).sort((a, b) => b.mentions - a.mentions);
      if (!clusters.length) continue;
      box.append(el('h3', {}, `${labelName(label)} `, el('span', { class: 'count', text: t('count', { count: clusters.length }) })));
      let list = null;
      for (const [n, c] of clusters.entries()) {
        if (n % block === 0) {
          if (n) yield;
          list = el('ul', { class: 'plain' });
          box.append(list);
        }
        const counts = spellingCounts.get(c.id) || new Map();
        // The button is named by what it shows, the name and its count (or
        // which mention is shown), so that the name a voice user says is the
        // one on screen (WCAG 2.5.3, label in name); the title says what it does.
        const pos = el('span', { class: 'pos', text: t('entities.times', { count: c.mentions }) });
        const button = el(
          'button',
          {
            type: 'button',
            class: 'cluster-name',
            'data-cluster': c.id,
            title: t('entities.title', { count: c.mentions }),
          },
          el('bdi', { text: c.name }),
          ' ',
          pos,
        );
        button.addEventListener('click', () => stepMention(c.id, pos));
        const spellings = el('ul', { class: 'spellings', 'aria-label': t('entities.spellings') });
        for (const s of c.spellings) {
          spellings.append(el('li', { dir: 'auto', text: t('entities.spelling', { spelling: s, count: counts.get(s) || 0 }) }));
        }
        list.append(el('li', { class: 'cluster' }, button, spellings));
      }
      yield;
    }
  }
  return inSlices(steps(), () => token === entitiesDrawing);
}

function stepMention(clusterId, pos) {
  const mentions = mentionsOf(clusterId);
  if (!mentions.length) return;
  const next = ((state.stepper.get(clusterId) ?? -1) + 1) % mentions.length;
  state.stepper.set(clusterId, next);
  pos.textContent = t('entities.pos', { i: next + 1, n: mentions.length });
  const mark = $('article').querySelector(`mark[data-entity="${mentions[next]}"]`);
  if (mark) focusMark(mark, { scroll: true });
}

// ---------------------------------------------------------------- who said what

function speakerKey(analysis, q) {
  if (!q.speaker) return 'none';
  return q.speaker.cluster != null ? `c${q.speaker.cluster}` : `n${q.speaker.name}`;
}

let whoDrawing = 0;

/** Draws the who-said-what panel, a slice at a time; resolves true when done, false when superseded. */
function renderWho() {
  const token = ++whoDrawing;
  const { analysis } = state;
  const box = $('who');
  box.replaceChildren();
  const big = analysis.quotes.length > BIG_LIST;
  box.classList.toggle('big', big);
  // The list reads in the article's direction; each quotation and speaker in its own.
  box.dir = guessLang(state.text) === 'ar' ? 'rtl' : 'ltr';
  $('who-count').textContent = t('count', { count: analysis.quotes.length });
  // The phone's jump to this panel (index.html, #jump-who) says how many it will find.
  $('jump-who-count').textContent = $('who-count').textContent;
  if (!analysis.quotes.length) {
    box.append(el('p', { class: 'empty', text: t('who.empty') }));
    return Promise.resolve(true);
  }
  const groups = new Map();
  analysis.quotes.forEach((q, i) => {
    const key = speakerKey(analysis, q);
    if (!groups.has(key)) groups.set(key, { name: speakerName(analysis, q), quotes: [] });
    groups.get(key).quotes.push(i);
  });
  const ordered = [...groups.entries()].sort(
    ([ka, a], [kb, b]) => (ka === 'none') - (kb === 'none') || b.quotes.length - a.quotes.length,
  );
  // A big list comes in blocks of LIST_BLOCK items, each laid out only near
  // the screen (style.css, #who.big): a frame lays out a block, not an item.
  const block = big ? LIST_BLOCK : Infinity;
  function* steps() {
    for (const [key, g] of ordered) {
      const heading = key === 'none' ? t('who.unknown') : g.name;
      const section = el(
        'section',
        { class: 'speaker-group', 'data-speaker': key },
        el('h3', { dir: textDir(heading) }, el('bdi', { dir: 'auto', text: heading }), el('span', { class: 'count', text: ` ${t('count', { count: g.quotes.length })}` })),
      );
      box.append(section);
      let list = null;
      for (const [n, i] of g.quotes.entries()) {
        if (n % block === 0) {
          if (n) yield;
          list = el('ul', { class: 'plain' });
          section.append(list);
        }
        const q = analysis.quotes[i];
        const excerpt = q.text.length > 220 ? `${q.text.slice(0, 220)}…` : q.text;
        const b = el(
          'button',
          { type: 'button', class: 'quote-item', 'data-quote': i, dir: textDir(q.text) },
          el('span', { class: 'badge', 'data-kind': q.kind, text: kindName(q.kind) }),
          el('span', { class: 'quote-text', text: excerpt }),
        );
        b.addEventListener('click', () => showQuote(i));
        list.append(el('li', {}, b));
      }
      yield;
    }
  }
  return inSlices(steps(), () => token === whoDrawing);
}

function showQuote(i) {
  const span = $('article').querySelector(`.quote.first[data-quote="${i}"]`);
  if (!span) return;
  span.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  span.focus({ preventScroll: true });
  span.classList.remove('flash');
  void span.offsetWidth;
  span.classList.add('flash');
}

// ---------------------------------------------------------------- marks: focus, card

// The one mark in the tab order (the arrows move from it), and the one the
// card describes: kept here, not looked up, because a query over a big
// article's marks (58,000 on 5 MB) cost 10-20 ms on every key press.
let roving = null;
let described = null;

function focusMark(mark, { scroll = false } = {}) {
  if (roving && roving !== mark) {
    roving.tabIndex = -1;
    roving.classList.remove('current');
  }
  roving = mark;
  mark.tabIndex = 0;
  mark.classList.add('current');
  if (scroll) mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
}

function showCard(mark) {
  const { analysis } = state;
  const e = analysis.entities[Number(mark.dataset.entity)];
  if (!e) return;
  const c = analysis.clusters[e.cluster];
  const card = $('card');
  const items = (c?.spellings || [e.text]).map((s) => el('li', { dir: 'auto', text: s }));
  const name = c ? c.name : e.text;
  // The card reads in its name's direction (an Arabic name's card is
  // right-aligned, its bullets on the right); the interface's words in it
  // are isolated, so their punctuation stays where English puts it.
  card.dir = textDir(name);
  card.replaceChildren(
    el('span', { class: 'card-name', dir: 'auto', text: name }),
    el('span', { class: 'card-meta' }, el('bdi', { text: t('card.summary', { type: typeName(e.label), count: c ? c.mentions : 1 }) })),
    el('span', { class: 'card-meta' }, el('bdi', { text: t('card.spellings') })),
    el('ul', {}, ...items),
  );
  card.hidden = false;
  const r = mark.getBoundingClientRect();
  const w = card.offsetWidth;
  const left = Math.min(Math.max(8, r.left + r.width / 2 - w / 2), document.documentElement.clientWidth - w - 8);
  card.style.left = `${left + scrollX}px`;
  card.style.top = `${r.bottom + scrollY + 6}px`;
  if (described !== mark) described?.removeAttribute('aria-describedby');
  mark.setAttribute('aria-describedby', 'card');
  described = mark;
}

function hideCard() {
  $('card').hidden = true;
  described?.removeAttribute('aria-describedby');
  described = null;
}

function setupArticleEvents() {
  const article = $('article');
  article.addEventListener('mouseover', (ev) => {
    const mark = ev.target.closest?.('mark');
    if (mark) showCard(mark);
  });
  article.addEventListener('mouseout', (ev) => {
    if (ev.target.closest?.('mark') && !ev.relatedTarget?.closest?.('mark')) hideCard();
  });
  article.addEventListener('focusin', (ev) => {
    const mark = ev.target.closest?.('mark');
    if (mark) showCard(mark);
  });
  article.addEventListener('focusout', hideCard);
  article.addEventListener('keydown', (ev) => {
    const mark = ev.target.closest?.('mark');
    if (ev.key === 'Escape') {
      hideCard();
      return;
    }
    if (!mark) return;
    const rtl = getComputedStyle(mark).direction === 'rtl';
    // The next or previous mark that starts a name (not a continued
    // piece), walked to from this one: a big article has tens of thousands.
    const whole = (node) => (node.localName === 'mark' && !node.classList.contains('cont') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT, whole);
    let target = null;
    if (ev.key === 'ArrowDown' || ev.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) {
      walker.currentNode = mark;
      target = walker.nextNode() ?? mark;
    } else if (ev.key === 'ArrowUp' || ev.key === (rtl ? 'ArrowRight' : 'ArrowLeft')) {
      walker.currentNode = mark;
      target = walker.previousNode() ?? mark;
    } else if (ev.key === 'Home') target = walker.firstChild();
    else if (ev.key === 'End') target = walker.lastChild(); // through skipped paragraphs and quotations
    else return;
    ev.preventDefault();
    if (target) focusMark(target, { scroll: true });
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') hideCard();
  });
}

// ---------------------------------------------------------------- opening articles

export async function readFile(file, limit = maxInputBytes) {
  // file.size is known without reading: a file over the limit never is.
  if (file.size > limit) throw new TooLargeError(tooLargeMessage(file.name, file.size, limit));
  const raw = await file.text();
  const isHtml = /\.html?$/i.test(file.name) || file.type === 'text/html' || /^\s*<(!doctype|html|head|body|article|p|div)\b/i.test(raw);
  if (!isHtml) return { name: file.name, text: raw.replace(/\r\n?/g, '\n') };
  const { text } = textFromHtml(raw);
  return { name: file.name, text };
}

async function openFile(file) {
  try {
    const { name, text } = await readFile(file);
    if (!text.trim()) {
      setStatus(() => t('status.noText', { name }), { error: true });
      return;
    }
    $('paste').value = text;
    await analyse(name, text, { paint: true });
  } catch (err) {
    if (err instanceof TooLargeError) setStatus(() => tooLargeMessage(file.name, file.size), { error: true });
    else setStatus(() => t('status.unreadable', { name: file.name, error: err.message }), { error: true });
  }
}

function setupSources(samples) {
  const select = $('sample');
  select.replaceChildren(el('option', { value: '', 'data-i18n': 'source.choose', text: t('source.choose'), disabled: true }));
  for (const s of samples) {
    const title = s.title.length > 70 ? `${s.title.slice(0, 70)}…` : s.title;
    select.append(el('option', { value: s.name, text: title, dir: 'auto' }));
  }
  select.addEventListener('change', async () => {
    if (!select.value) return;
    const text = await sampleText(select.value);
    $('paste').value = text;
    analyse(select.value, text, { paint: true });
  });
  $('file').addEventListener('change', (ev) => {
    const file = ev.target.files?.[0];
    if (file) openFile(file);
    ev.target.value = '';
  });
  const toggle = $('paste-toggle');
  toggle.addEventListener('click', () => {
    const box = $('paste-box');
    box.hidden = !box.hidden;
    toggle.setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) $('paste').focus();
  });
  let debounce = 0;
  let pastedAt = null; // the last paste's event time
  // A paste over the limit is refused before the textarea takes it: the
  // text the textarea would hold is what is left of its value around the
  // selection, and the pasted text, counted in UTF-8 bytes as the library does.
  $('paste').addEventListener('paste', (ev) => {
    const pasted = ev.clipboardData?.getData('text/plain') ?? '';
    const area = ev.currentTarget;
    const kept = area.value.length - Math.abs(area.selectionEnd - area.selectionStart);
    pastedAt = ev.timeStamp;
    if (pasted.length + kept <= maxInputBytes / 3) return; // 3 bytes a UTF-16 unit at most
    const bytes = utf8Bytes(pasted, maxInputBytes) + utf8Bytes(area.value.slice(0, area.selectionStart) + area.value.slice(area.selectionEnd), maxInputBytes);
    if (bytes <= maxInputBytes) return;
    pastedAt = null;
    ev.preventDefault();
    clearTimeout(debounce);
    setStatus(() => tooLargeMessage(t('paste.what'), bytes), { error: true });
  });
  // Typing is analysed once it pauses; a paste at once, and the status's
  // time counts from the paste: the browser's putting a big text into the
  // text box (seconds for megabytes) is part of the reader's wait.
  $('paste').addEventListener('input', (ev) => {
    hideCard();
    clearTimeout(debounce);
    select.value = '';
    const since = ev.inputType === 'insertFromPaste' ? pastedAt : null;
    pastedAt = null;
    // A big paste is read in the article; the text box, holding megabytes,
    // made every frame of the page 20 ms longer while open. It closes (the
    // Paste text button opens it again).
    if (since != null && $('paste').value.length > BIG_ARTICLE) {
      $('paste-box').hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
    debounce = setTimeout(() => analyse(PASTED, $('paste').value, { since: since ?? undefined }), since == null ? 300 : 0);
  });
  // Drop a file anywhere on the page.
  const drop = $('drop');
  let depth = 0;
  const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes('Files');
  window.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    depth++;
    drop.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.hidden = true;
  });
  window.addEventListener('dragover', (ev) => {
    if (hasFiles(ev)) ev.preventDefault();
  });
  window.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    drop.hidden = true;
    const files = [...ev.dataTransfer.files];
    if (!files.length) return;
    if (!$('view-compare').hidden) compareView().then((compare) => compare.addFiles(files));
    else openFile(files[0]);
  });
}

function baseName(name) {
  return (shownName(name) || 'article').replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'article';
}

function setupExports() {
  $('export-json').addEventListener('click', () => {
    if (!state.analysis) return;
    download(document, `${baseName(state.name)}.qawl.json`, analysisJson(state.analysis), 'application/json');
  });
  $('export-csv').addEventListener('click', () => {
    if (!state.analysis) return;
    download(document, `${baseName(state.name)}.quotes.csv`, quotesCsv([{ name: shownName(state.name), analysis: state.analysis }]), 'text/csv;charset=utf-8');
  });
}

function setupViews() {
  const tabs = [
    [$('tab-read'), $('view-read')],
    [$('tab-compare'), $('view-compare')],
  ];
  for (const [tab, view] of tabs) {
    tab.addEventListener('click', () => {
      for (const [t, v] of tabs) {
        t.setAttribute('aria-pressed', String(t === tab));
        v.hidden = t !== tab;
      }
      hideCard();
      if (view.id === 'view-compare') compareView().then((compare) => compare.shown());
    });
  }
}

// ---------------------------------------------------------------- interface language

/** The attributes index.html fills from strings.js: data-i18n-aria-label names the message of aria-label, and so on. */
const I18N_ATTRS = ['aria-label', 'placeholder', 'title'];

/**
 * Writes the page in the interface language: <html lang dir>, the title,
 * and every element index.html marks with data-i18n (its text) or
 * data-i18n-aria-label, -placeholder, -title (that attribute).
 */
function applyLang() {
  const l = lang();
  setLang(document.documentElement, l);
  if (document.documentElement.dir !== DIRS[l]) document.documentElement.dir = DIRS[l];
  document.title = t('page.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('page.description'));
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const attr of I18N_ATTRS) {
    for (const node of document.querySelectorAll(`[data-i18n-${attr}]`)) node.setAttribute(attr, t(node.getAttribute(`data-i18n-${attr}`)));
  }
  $('lang').value = l;
}

/** Switches the interface to `l` at once, and remembers the choice. */
function switchLang(l) {
  if (useLang(l) === document.documentElement.lang) return;
  storeLang(lang());
  applyLang();
  hideCard();
  $('status-text').textContent = statusShown();
  if (state.analysis) {
    renderLegend();
    for (const m of $('article').querySelectorAll('mark[data-entity]')) {
      const e = state.analysis.entities[Number(m.dataset.entity)];
      if (e) m.setAttribute('aria-label', markLabel(e, state.analysis.clusters[e.cluster]));
    }
    // Panels still being drawn for an analysis are drawn again when it is done.
    if (state.panelsDone) {
      renderEntities();
      renderWho();
    } else state.relabel = true;
  }
  comparing?.then((compare) => compare.relabel());
}

function setupLang() {
  $('lang').addEventListener('change', (ev) => switchLang(ev.target.value));
}

let comparing = null;
/** The compare view, set up on first use (after the first analysis). */
function compareView() {
  comparing ??= Promise.resolve().then(() =>
    setupCompare({ analyzer, el, sampleIndex, sampleText, readFile, download, quotesCsv, textDir, t, kindName }),
  );
  return comparing;
}

async function main() {
  performance.mark('qawl:bundle');
  // The interface's language: the reader's last choice, else the browser's.
  useLang(storedLang() ?? browserLang(navigator.languages));
  applyLang();
  setupLang();
  setStatus(() => t('status.loading'));
  // The first sample: boot.js has been reading it since the head. Its text
  // is painted as soon as it is here, then analysed; nothing else waits
  // for it, and it waits for nothing else.
  const firstName = firstSampleName();
  const opening = firstName
    ? sampleText(firstName).then((text) => {
      $('paste').value = text;
      return analyse(firstName, text, { paint: true });
    })
    : null;
  // Instantiate the wasm (its download and compilation started in the head,
  // see boot.js) while the samples load: the first analysis should not wait
  // for them one after the other.
  const warm = analyzer.features();
  warm.then((f) => {
    if (f?.maxInputBytes > 0) maxInputBytes = f.maxInputBytes;
  }, () => {});
  setupArticleEvents();
  setupExports();
  setupViews();
  let samples = [];
  try {
    samples = await sampleIndex();
  } catch (err) {
    setStatus(() => t('status.noSamples', { error: err.message }), { error: true });
  }
  setupSources(samples);
  if (opening) {
    $('sample').value = firstName;
    await opening.catch(() => {});
  } else if (samples.length) {
    $('sample').value = samples[0].name;
    const text = await sampleText(samples[0].name);
    $('paste').value = text;
    await analyse(samples[0].name, text, { paint: true });
  } else {
    warm.then(() => setStatus(() => t('status.ready')));
  }
  // The compare view and caching for offline use compete with the first
  // analysis; set them up after it, the cache once the worker is ready too
  // (its download of every file would slow the worker's start).
  compareView().catch(() => {});
  // The worker starts in a later task, so the first result paints first.
  setTimeout(() => analyzer.features().catch(() => {}).finally(enableOffline), 0);
}

main();
