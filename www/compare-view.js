// The Compare view: several reports of one story, each speaker's quotations
// side by side across outlets.
//
// What is shown is Rust `compare(items)` as it returns it (pkg/qawl.d.ts,
// `Comparison`): its speakers merged across articles, in its order, its
// groups of near-identical quotations with their word-level differences,
// and each speaker's other quotations. This view only lays it out. Its
// words come from strings.js through `t`, in the interface language.

const KINDS = ['direct', 'partial', 'indirect', 'term'];

export function setupCompare({ analyzer, el, sampleIndex, sampleText, readFile, download, quotesCsv, textDir, t }) {
  const $ = (id) => document.getElementById(id);
  const items = []; // {name, title, text, analysis}
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
      const item = { name, title: title.trim(), text, analysis };
      if (existing >= 0) items[existing] = item;
      else items.push(item);
    } catch (err) {
      status(() => t('compare.failed', { name, error: err.message }));
    } finally {
      busy--;
    }
  }

  async function loadSamples() {
    const index = await sampleIndex();
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
      const remove = el('button', { type: 'button', 'aria-label': t('compare.remove', { name: it.name }), text: '×' });
      remove.addEventListener('click', () => {
        items.splice(i, 1);
        update();
      });
      list.append(el('li', { title: it.title }, el('span', { dir: 'auto', text: it.title }), remove));
    });
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
      el('span', { class: 'src', dir: 'auto', text: item.title.slice(0, 90) }),
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
    return el('div', { class: 'compare-group', 'data-group': gi, 'data-outlets': n }, el('h4', { text: heading }), cols);
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
        list.append(el('blockquote', { dir: textDir(q.text) }, el('span', { class: 'badge', 'data-kind': q.kind, text: KINDS.includes(q.kind) ? t(`kind.${q.kind}`) : q.kind }), q.text));
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
      const groups = sp.groups.map((gi) => groupBlock(result.groups[gi], gi));
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
    if (items.length) download(document, 'qawl-quotations.csv', quotesCsv(items), 'text/csv;charset=utf-8');
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
