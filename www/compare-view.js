// The Compare view: several reports of one story, each speaker's quotations
// side by side across outlets.
//
// Grouping near-identical quotations and their word-level differences come
// from Rust `compare(items)` when this build exports it; the adapter below
// reads its groups leniently (field names are checked, not assumed), and the
// view falls back to per-speaker columns without grouping when `compare` is
// missing or fails, saying so.

/** Folds Arabic spelling variants and case so names and words compare equal. */
export function fold(s) {
  return String(s)
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200c-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .toLowerCase();
}

function wordKey(w) {
  return fold(w).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Splits into words and the spaces between them (joined they give `s` back). */
export function words(s) {
  return String(s).split(/(\s+)/).filter((t) => t !== '');
}

/** For each word of `a`, whether it is shared with `b` (longest common subsequence). */
export function sharedWords(a, b) {
  const ka = a.map(wordKey);
  const kb = b.map(wordKey);
  const n = ka.length;
  const m = kb.length;
  if (n * m > 4e6) return ka.map(() => true);
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = ka[i] === kb[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const shared = new Array(n).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) {
      shared[i] = true;
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  // Whitespace and punctuation-only tokens are never "differences".
  return shared.map((s, k) => s || ka[k] === '');
}

const first = (o, keys) => {
  for (const k of keys) if (o && o[k] != null) return o[k];
  return undefined;
};

/**
 * Reads Rust `compare` output into [{speaker, members: [{item, quote, text, words?}]}].
 * Accepts an array of groups or {groups}; members under quotes/members/items/variants;
 * a member's article as an index or a name; its quotation as an index, offsets or text;
 * optional word diffs under words/tokens/diff with a text and a same/changed flag.
 */
export function normalizeGroups(result, items) {
  const list = Array.isArray(result) ? result : first(result, ['groups', 'clusters', 'matches']);
  if (!Array.isArray(list)) return null;
  const groups = [];
  for (const [index, g] of list.entries()) {
    const rawMembers = first(g, ['quotes', 'members', 'items', 'variants', 'occurrences']);
    if (!Array.isArray(rawMembers)) continue;
    const members = [];
    for (const m of rawMembers) {
      let a = first(m, ['article', 'item', 'doc', 'document', 'source', 'name']);
      if (typeof a === 'string') a = items.findIndex((it) => it.name === a);
      if (typeof a !== 'number' || !items[a]) continue;
      const quotes = items[a].analysis.quotes;
      let qi = first(m, ['quote', 'quote_index', 'quoteIndex', 'index']);
      if (typeof qi !== 'number' || !quotes[qi]) {
        const start = first(m, ['start']);
        qi = quotes.findIndex((q) => (start != null ? q.start === start : q.text === m.text));
      }
      const quote = quotes[qi] || null;
      const text = first(m, ['text']) ?? quote?.text ?? '';
      let diff = first(m, ['words', 'tokens', 'diff']);
      if (Array.isArray(diff)) {
        diff = diff.map((w) => {
          if (typeof w === 'string') return { text: w, changed: false };
          const op = first(w, ['op', 'kind', 'status', 'type', 'tag']);
          const same = first(w, ['same', 'shared', 'common', 'equal']);
          const changed =
            first(w, ['changed', 'differs', 'different']) ??
            (same != null ? !same : op != null ? !/^(same|equal|eq|common|keep|shared)$/i.test(String(op)) : false);
          return { text: String(first(w, ['text', 'word', 'token', 'value']) ?? ''), changed: Boolean(changed) };
        });
      } else diff = null;
      members.push({ item: a, quote: qi >= 0 ? qi : null, text, words: diff });
    }
    if (members.length < 2) continue;
    let speaker = first(g, ['speaker', 'who']);
    if (speaker && typeof speaker === 'object') speaker = first(speaker, ['name']);
    groups.push({ index, speaker: typeof speaker === 'string' ? speaker : null, members });
  }
  return groups;
}

/** Groups speaker names across articles: folded, and a short form joins the one longer name containing it. */
export function speakerMerger() {
  const canon = []; // {tokens:Set, display}
  return (name) => {
    if (!name) return null;
    const toks = fold(name).split(/\s+/).filter(Boolean);
    const key = toks.join(' ');
    let hit = canon.find((c) => c.key === key);
    if (!hit) {
      const containing = canon.filter((c) => toks.every((t) => c.tokens.has(t)) || [...c.tokens].every((t) => toks.includes(t)));
      if (containing.length === 1) {
        hit = containing[0];
        if (toks.length > hit.tokens.size) {
          hit.tokens = new Set(toks);
          hit.display = name;
        }
      }
    }
    if (!hit) {
      hit = { key, tokens: new Set(toks), display: name };
      canon.push(hit);
    }
    return hit;
  };
}

export function setupCompare({ analyzer, el, sampleIndex, sampleText, readFile, download, quotesCsv, speakerName }) {
  const $ = (id) => document.getElementById(id);
  const items = []; // {name, title, text, analysis}
  let features = null;
  let busy = 0;

  const status = (t) => {
    $('compare-status').textContent = t;
  };

  async function add(name, text) {
    busy++;
    status(`Analysing ${name}…`);
    try {
      const analysis = await analyzer.analyze(text, undefined, undefined, { supersede: false });
      const title = text.split('\n').find((l) => l.trim()) || name;
      const existing = items.findIndex((it) => it.name === name);
      const item = { name, title: title.trim(), text, analysis };
      if (existing >= 0) items[existing] = item;
      else items.push(item);
    } catch (err) {
      status(`Could not analyse ${name}: ${err.message}`);
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
    for (const f of files) {
      const { name, text } = await readFile(f);
      if (text.trim()) await add(name, text);
    }
    await update();
  }

  function renderList() {
    const list = $('compare-list');
    list.replaceChildren();
    items.forEach((it, i) => {
      const remove = el('button', { type: 'button', 'aria-label': `Remove ${it.name}`, text: '×' });
      remove.addEventListener('click', () => {
        items.splice(i, 1);
        update();
      });
      list.append(el('li', { title: it.title }, el('span', { dir: 'auto', text: it.title }), remove));
    });
  }

  function diffBlock(memberWords) {
    const bq = el('blockquote', { dir: 'auto' });
    for (const w of memberWords) {
      if (w.changed && w.text.trim()) bq.append(el('span', { class: 'diff-changed', title: 'worded differently', text: w.text }));
      else bq.append(document.createTextNode(w.text));
    }
    return bq;
  }

  function outletCard(item, body) {
    return el('div', { class: 'outlet', 'data-article': item.name }, el('span', { class: 'src', dir: 'auto', text: item.title.slice(0, 90) }), body);
  }

  async function update() {
    renderList();
    const out = $('compare-out');
    out.replaceChildren();
    if (!items.length) {
      status('No articles loaded yet.');
      return;
    }
    features ??= await analyzer.features().catch(() => ({ compare: false }));
    let groups = null;
    let rawResult = null;
    let note = null;
    if (features.compare && items.length > 1) {
      try {
        rawResult = await analyzer.compare(items.map(({ name, text, analysis }) => ({ name, text, analysis })));
        groups = normalizeGroups(rawResult, items);
        if (!groups) note = 'The compare result had an unexpected shape; showing quotations by speaker without grouping.';
      } catch (err) {
        note = `Grouping failed (${err.message}); showing quotations by speaker without grouping.`;
      }
    } else if (!features.compare) {
      note = 'This build of qawl has no compare function yet: quotations are shown by speaker, without grouping near-identical wording.';
    }

    // Speakers across articles: Rust's merge when compare gave one, else ours.
    const bySpeaker = new Map(); // key -> {canon: {display}|null, groups: [], loose: Map(itemIndex -> [quoteIndex]), count}
    const grouped = new Set();
    for (const g of groups || []) for (const m of g.members) if (m.quote != null) grouped.add(`${m.item}:${m.quote}`);
    const addLoose = (s, a, qi) => {
      const q = items[a]?.analysis.quotes[qi];
      if (!q || grouped.has(`${a}:${qi}`) || q.kind === 'term') return;
      if (!s.loose.has(a)) s.loose.set(a, []);
      s.loose.get(a).push(qi);
      s.count++;
    };
    if (groups && Array.isArray(rawResult?.speakers)) {
      const byIndex = new Map(groups.map((g) => [g.index, g]));
      rawResult.speakers.forEach((sp, k) => {
        const s = { canon: sp.name ? { display: sp.name } : null, groups: [], loose: new Map(), count: 0 };
        for (const gi of sp.groups || []) {
          const g = byIndex.get(gi);
          if (g) {
            s.groups.push(g);
            s.count += g.members.length;
          }
        }
        for (const ref of sp.quotes || []) addLoose(s, ref.article, ref.quote);
        if (s.groups.length || s.loose.size) bySpeaker.set(sp.name ? `s${k}` : 'none', s);
      });
    } else {
      const merge = speakerMerger();
      const slot = (canonOrNull) => {
        const key = canonOrNull || 'none';
        if (!bySpeaker.has(key)) bySpeaker.set(key, { canon: canonOrNull, groups: [], loose: new Map(), count: 0 });
        return bySpeaker.get(key);
      };
      for (const g of groups || []) {
        const names = g.members.map((m) => (m.quote != null ? speakerName(items[m.item].analysis, items[m.item].analysis.quotes[m.quote]) : ''));
        const s = slot(merge(g.speaker || names.find(Boolean) || ''));
        s.groups.push(g);
        s.count += g.members.length;
      }
      items.forEach((it, a) => {
        it.analysis.quotes.forEach((q, qi) => addLoose(slot(merge(speakerName(it.analysis, q))), a, qi));
      });
    }

    if (note) out.append(el('p', { class: 'note', role: 'note', text: note }));
    const speakers = [...bySpeaker.values()].sort(
      (x, y) => (x.canon === null) - (y.canon === null) || y.groups.length - x.groups.length || y.count - x.count,
    );
    for (const s of speakers) {
      const section = el('section', { class: 'compare-speaker' });
      section.append(el('h3', {}, el('bdi', { dir: 'auto', text: s.canon ? s.canon.display : 'Speaker not identified' })));
      s.groups.forEach((g, gi) => {
        const outlets = new Set(g.members.map((m) => m.item)).size;
        const cols = el('div', { class: 'columns' });
        g.members.forEach((m, k) => {
          let ws = m.words;
          if (!ws) {
            const mine = words(m.text);
            const other = words(g.members[k === 0 ? 1 : 0].text);
            const shared = sharedWords(mine, other);
            ws = mine.map((t, i) => ({ text: t, changed: !shared[i] }));
          }
          cols.append(outletCard(items[m.item], diffBlock(ws)));
        });
        section.append(
          el(
            'div',
            { class: 'compare-group', 'data-group': gi, 'data-outlets': outlets },
            el('h4', { text: `Near-identical in ${outlets} outlet${outlets === 1 ? '' : 's'}; differences marked` }),
            cols,
          ),
        );
      });
      if (s.loose.size) {
        const cols = el('div', { class: 'columns' });
        for (const [a, qis] of s.loose) {
          const list = el('div');
          for (const qi of qis) {
            const q = items[a].analysis.quotes[qi];
            list.append(
              el('blockquote', { dir: 'auto' }, el('span', { class: 'badge', 'data-kind': q.kind, text: q.kind }), q.text),
            );
          }
          cols.append(outletCard(items[a], list));
        }
        section.append(
          el('div', { class: 'compare-loose' }, el('h4', { text: groups ? 'Carried differently or by one outlet' : 'Quotations by outlet' }), cols),
        );
      }
      out.append(section);
    }
    const total = items.reduce((n, it) => n + it.analysis.quotes.length, 0);
    status(
      `${items.length} article${items.length === 1 ? '' : 's'}, ${total} quotations` +
        (groups ? `, ${groups.length} group${groups.length === 1 ? '' : 's'} of near-identical quotations.` : '.'),
    );
  }

  $('compare-samples').addEventListener('click', () => {
    if (!busy) loadSamples().catch((err) => status(`Could not load the samples: ${err.message}`));
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
      if (!items.length) status('Load the samples or add files to compare.');
    },
    addFiles,
    items,
  };
}
