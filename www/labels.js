// How readers see what qawl found, for the page (app.js) and the embed
// (qawl-embed.js) alike: the entity labels' display names, order and
// colours, and a quotation's speaker name. One table, so the page and the
// component a news site embeds never name or colour a type differently.
//
// The labels are the Rust `Label` type's (src/analysis.rs; pkg/qawl.d.ts
// declares them; tests/js/contract.test.mjs checks this table against it).

/**
 * Entity labels in display order, each with a mark's background and
 * underline colours in the light and the dark scheme (text on them meets
 * WCAG AA) and the underline's style.
 */
export const LABELS = [
  { id: 'PER', name: 'person', bg: '#fbdcaa', line: '#9a5b00', bgDark: '#5b3f0f', lineDark: '#f2b955', lineStyle: 'solid' },
  { id: 'ORG', name: 'organisation', bg: '#d3e0fb', line: '#2d55a6', bgDark: '#243f70', lineDark: '#93b4f5', lineStyle: 'solid' },
  { id: 'LOC', name: 'place', bg: '#c9e7cf', line: '#2c7a43', bgDark: '#1c4a2b', lineDark: '#7ad394', lineStyle: 'solid' },
  { id: 'MISC', name: 'other name', bg: '#ead7f5', line: '#7a3d9c', bgDark: '#4d2c61', lineDark: '#d2a2ef', lineStyle: 'solid' },
  { id: 'DATE', name: 'date', bg: '#e2e2de', line: '#66665f', bgDark: '#3c4245', lineDark: '#b9bcb4', lineStyle: 'dotted' },
];

/**
 * CSS that gives the elements `selector(id)` picks for each label the custom
 * properties --qawl-bg, --qawl-line and --qawl-line-style; the stylesheet
 * that uses them decides where they go. A site themes a label with
 * --qawl-per-bg, --qawl-per-line (and -dark variants), and so on.
 * @param {(id: string) => string} selector
 */
export function labelCss(selector) {
  const rule = (l, dark) => {
    const k = l.id.toLowerCase();
    const v = dark ? '-dark' : '';
    return `${selector(l.id)} { --qawl-bg: var(--qawl-${k}-bg${v}, ${dark ? l.bgDark : l.bg}); ` +
      `--qawl-line: var(--qawl-${k}-line${v}, ${dark ? l.lineDark : l.line}); --qawl-line-style: ${l.lineStyle}; }`;
  };
  return [
    ...LABELS.map((l) => rule(l, false)),
    '@media (prefers-color-scheme: dark) {',
    ...LABELS.map((l) => `  ${rule(l, true)}`),
    '}',
  ].join('\n');
}

/** Scripts written right to left. */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * The direction of `text` as dir="auto" would find it, from its first
 * letter: "rtl" for Arabic (and other right-to-left scripts), else "ltr".
 * For what dir="auto" cannot reach: a pseudo-element's text, or a block
 * whose first strong character is an interface word (a kind badge).
 */
export function textDir(text) {
  const first = /\p{L}/u.exec(text || '');
  return first && RTL_SCRIPT.test(first[0]) ? 'rtl' : 'ltr';
}

/** A quotation's speaker as shown: the cluster's canonical name when linked, '' when unknown. */
export function speakerName(analysis, quote) {
  const sp = quote.speaker;
  if (!sp) return '';
  const cluster = sp.cluster != null ? analysis.clusters[sp.cluster] : null;
  return cluster ? cluster.name : sp.name;
}
