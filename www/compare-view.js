// The Compare view: several reports of one story, each speaker's quotations
// side by side across outlets.
//
// What is shown is Rust `compare(items)` as it returns it (pkg/qawl.d.ts,
// `Comparison`): its speakers merged across articles, in its order, its
// groups of near-identical quotations with their word-level differences,
// and each speaker's other quotations. This view only lays it out. Its
// words come from strings.js through `t`, in the interface language.

/** A file name that says nothing about the outlet: the article's first line names it instead. */
const GENERIC_NAME = /^(untitled|paste|pasted|clipboard|text|article|document|file|new|noname|unnamed|news|story|نص|مقال|ملف)?$/i;
const NAME_LENGTH = 60;

/**
 * The name an outlet has until the reader edits it: the file name without
 * its extension, or the article's first line (trimmed to NAME_LENGTH) when
 * the file name is empty or generic ("untitled.txt", "pasted (2).txt").
 */
export function defaultOutletName(name, title) {
  const base = String(name ?? '').replace(/\.[^.\s]{1,5}$/, '').trim();
  if (base && !GENERIC_NAME.test(base.replace(/[\s_\-()\d]+$/u, ''))) return base;
  const line = String(title ?? '').trim().replace(/\s+/g, ' ');
  if (!line) return base || String(name ?? '');
  if (line.length <= NAME_LENGTH) return line;
  const cut = line.slice(0, NAME_LENGTH - 1);
  return `${cut.replace(/\s+\S*$/u, '') || cut}…`;
}

/** Whether some member of `group` words something differently (a marked segment). */
const hasDifferences = (group) => group.members.some((m) => m.diff.some((d) => d.changed && d.text.trim()));

export function setupCompare({ analyzer, el, sampleIndex, sampleText, readFile, download, quotesCsv, textDir, t, kindName }) {
  const $ = (id) => document.getElementById(id);
  const items = []; // {name, title, outlet, text, analysis}: name is the file, outlet what the reader calls it
  let busy = 0;
  let updates = 0;
  let shownResult = null; // the comparison on screen, drawn again in another language

  /** Shows `message` (a function writing it in the interface language; see app.js setStatus). */
  let statusShown = () => '';
  const status = (message) => {
    statusShown = message;
    $('compare-status').textContent = message();
  };

  async function add(name, text) {
    busy++;
    status(() => t('compare.analysing', { name }));
    try {
      const analysis = await analyzer.analyze(text, undefined, undefined, { supersede: false });
      const title = text.split('\n').find((l) => l.trim()) || name;
      const existing = items.findIndex((it) => it.name === name);
      // The same file again keeps the name the reader gave its outlet.
      const outlet = existing >= 0 ? items[existing].outlet : defaultOutletName(name, title);
      const item = { name, title: title.trim(), outlet, text, analysis };
      if (existing >= 0) items[existing] = item;
      else items.push(item);
    } catch (err) {
      status(() => t('compare.failed', { name, error: err.message }));
    } finally {
      busy--;
    }
  }

  async function loadSamples() {
    // The five Arabic reports of one story; the English sample (`compare: false`) is another story.
    const index = (await sampleIndex()).filter((s) => s.compare !== false);
    for (const s of index) await add(s.name, await sampleText(s.name));
    await update();
  }

  async function addFiles(files) {
    const refused = []; // too large to read (readFile checks the size first)
    for (const f of files) {
      let read;
      try {
        read = await readFile(f);
      } catch (err) {
        refused.push(err.message);
        continue;
      }
      if (read.text.trim()) await add(read.name, read.text);
    }
    await update();
    if (refused.length) {
      const shown = statusShown;
      status(() => `${shown()} ${refused.join(' ')}`.trim());
    }
  }

  function renderList() {
    const list = $('compare-list');
    list.replaceChildren();
    items.forEach((it, i) => {
      const remove = el('button', { type: 'button', 'aria-label': t('compare.remove', { name: it.outlet }), text: '×' });
      remove.addEventListener('click', () => {
        items.splice(i, 1);
        update();
      });
      // The outlet's name, the reader's to edit: set as a value, never as markup.
      const input = el('input', {
        type: 'text',
        class: 'outlet-name',
        dir: 'auto',
        maxlength: 120,
        spellcheck: 'false',
        'aria-label': t('compare.outletName', { name: it.name }),
        'data-article': it.name,
      });
      input.value = it.outlet;
      input.addEventListener('input', () => {
        it.outlet = input.value.trim() || defaultOutletName(it.name, it.title);
        remove.setAttribute('aria-label', t('compare.remove', { name: it.outlet }));
        renameShown(it);
      });
      input.addEventListener('change', () => {
        input.value = it.outlet; // an emptied name goes back to the default
      });
      list.append(el('li', { title: it.title }, input, remove));
    });
  }

  /** Writes `item`'s outlet name again wherever the comparison on screen shows it. */
  function renameShown(item) {
    for (const node of $('compare-out').querySelectorAll('[data-outlet-of]')) {
      if (node.dataset.outletOf === item.name) node.textContent = item.outlet;
    }
  }

  /** An element showing `item`'s outlet name, renamed with it. */
  function outletName(tag, item, attrs = {}) {
    return el(tag, { ...attrs, dir: 'auto', 'data-outlet-of': item.name, text: item.outlet });
  }

  /** A member's text, its segments worded differently from the reference marked. */
  function diffBlock(segments) {
    const bq = el('blockquote', { dir: 'auto' });
    for (const seg of segments) {
      if (seg.changed && seg.text.trim()) bq.append(el('span', { class: 'diff-changed', title: t('compare.changed'), text: seg.text }));
      else bq.append(document.createTextNode(seg.text));
    }
    return bq;
  }

  /** One outlet's card, in the direction of the quotation it shows (`text`). */
  function outletCard(item, body, text) {
    return el(
      'div',
      { class: 'outlet', 'data-article': item.name, dir: textDir(text) },
      outletName('span', item, { class: 'src', title: item.title }),
      body,
    );
  }

  /** Columns that run in their first quotation's direction: right to left for Arabic outlets. */
  function columns(text) {
    return el('div', { class: 'columns', dir: textDir(text) });
  }

  /**
   * One card per outlet (article), holding its members in their order: an
   * outlet that repeats the quotation shows it twice in one card, so the
   * cards are as many as the outlets Rust counts (`group.articles`).
   */
  function groupBlock(group, gi) {
    const memberText = (m) => m.diff.map((d) => d.text).join('');
    const byArticle = new Map();
    for (const m of group.members) {
      if (!byArticle.has(m.article)) byArticle.set(m.article, []);
      byArticle.get(m.article).push(m);
    }
    const cols = columns(group.members.length ? memberText(group.members[0]) : '');
    for (const [article, members] of byArticle) {
      const body = members.length === 1 ? diffBlock(members[0].diff) : el('div', {}, ...members.map((m) => diffBlock(m.diff)));
      cols.append(outletCard(items[article], body, memberText(members[0])));
    }
    const n = group.articles;
    const m = group.members.length;
    const heading = n === 1
      ? t('compare.repeated', { count: m })
      : t('compare.nearIdentical', { count: n, extra: m > n ? t('compare.extra', { count: m }) : '' });
    return el(
      'div',
      { class: 'compare-group', 'data-group': gi, 'data-outlets': n, 'data-differs': String(hasDifferences(group)) },
      el('h4', { text: heading }),
      differencesLine(byArticle),
      cols,
    );
  }

  /**
   * What differs, before the full quotations: per outlet, the words its
   * quotations word differently (the segments Rust marked changed), marked
   * as in the quotations below. Outlets with no marked words are left out.
   */
  function differencesLine(byArticle) {
    const rows = [];
    for (const [article, members] of byArticle) {
      const words = [...new Set(members.flatMap((mb) => mb.diff.filter((d) => d.changed && d.text.trim()).map((d) => d.text.trim())))];
      if (!words.length) continue;
      const row = el('li', {}, outletName('bdi', items[article], { class: 'diff-outlet' }), ': ');
      words.forEach((w, k) => {
        if (k) row.append(' … ');
        row.append(el('bdi', { class: 'diff-changed', dir: 'auto', text: w }));
      });
      rows.push(row);
    }
    if (!rows.length) return el('p', { class: 'compare-diffs same', text: t('compare.noDifferences') });
    return el('div', { class: 'compare-diffs' }, el('span', { class: 'diffs-label', text: t('compare.differences') }), el('ul', {}, ...rows));
  }

  /** The speaker's quotations in no group, one column per article. */
  function looseBlock(refs, grouped) {
    const byArticle = new Map();
    for (const { article, quote } of refs) {
      if (grouped.has(`${article}:${quote}`)) continue;
      if (!byArticle.has(article)) byArticle.set(article, []);
      byArticle.get(article).push(items[article].analysis.quotes[quote]);
    }
    if (!byArticle.size) return null;
    const cols = columns([...byArticle.values()][0][0].text);
    for (const [article, quotes] of byArticle) {
      const list = el('div');
      for (const q of quotes) {
        // Not dir="auto": the badge's interface word would decide it.
        list.append(el('blockquote', { dir: textDir(q.text) }, el('span', { class: 'badge', 'data-kind': q.kind, text: kindName(q.kind) }), q.text));
      }
      cols.append(outletCard(items[article], list, quotes[0].text));
    }
    const heading = items.length > 1 ? t('compare.loose') : t('compare.looseOne');
    return el('div', { class: 'compare-loose' }, el('h4', { text: heading }), cols);
  }

  async function update() {
    const run = ++updates;
    renderList();
    const out = $('compare-out');
    out.replaceChildren();
    shownResult = null;
    if (!items.length) {
      status(() => t('compare.empty'));
      return;
    }
    let result;
    try {
      result = await analyzer.compare(items.map(({ name, text, analysis }) => ({ name, text, analysis })));
    } catch (err) {
      if (run === updates) status(() => t('compare.compareFailed', { error: err.message }));
      return;
    }
    if (run !== updates) return; // the list changed meanwhile; a newer update shows it
    draw(result);
  }

  /** Lays out `result`, the comparison of `items`. */
  function draw(result) {
    shownResult = result;
    const out = $('compare-out');
    out.replaceChildren();
    const grouped = new Set();
    for (const g of result.groups) for (const m of g.members) grouped.add(`${m.article}:${m.quote}`);
    for (const sp of result.speakers) {
      // Groups whose wording differs first, then the identical ones; each in Rust's order.
      const order = [...sp.groups.filter((gi) => hasDifferences(result.groups[gi])), ...sp.groups.filter((gi) => !hasDifferences(result.groups[gi]))];
      const groups = order.map((gi) => groupBlock(result.groups[gi], gi));
      const loose = looseBlock(sp.quotes, grouped);
      if (!groups.length && !loose) continue;
      out.append(
        el(
          'section',
          { class: 'compare-speaker' },
          el('h3', { dir: textDir(sp.name ?? '') }, el('bdi', { dir: 'auto', text: sp.name ?? t('who.unknown') })),
          ...groups,
          loose,
        ),
      );
    }
    const total = items.reduce((n, it) => n + it.analysis.quotes.length, 0);
    const g = result.groups.length;
    status(() => t('compare.status', {
      articles: t('compare.articles', { count: items.length }),
      quotes: t('compare.quotes', { count: total }),
      groups: t('compare.groups', { count: g }),
    }));
  }

  $('compare-samples').addEventListener('click', () => {
    if (!busy) loadSamples().catch((err) => status(() => t('compare.samplesFailed', { error: err.message })));
  });
  $('compare-files').addEventListener('change', (ev) => {
    addFiles([...ev.target.files]);
    ev.target.value = '';
  });
  $('compare-clear').addEventListener('click', () => {
    items.length = 0;
    update();
  });
  $('compare-csv').addEventListener('click', () => {
    if (items.length) download(document, 'qawl-quotations.csv', quotesCsv(items.map(({ outlet, analysis }) => ({ name: outlet, analysis }))), 'text/csv;charset=utf-8');
  });

  return {
    shown() {
      if (!items.length) status(() => t('compare.hint'));
    },
    /** Writes the view again in the interface language, which just changed. */
    relabel() {
      renderList();
      if (shownResult) draw(shownResult);
      $('compare-status').textContent = statusShown();
    },
    addFiles,
    items,
  };
}
