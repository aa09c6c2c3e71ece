// Types of qawl's web component module (qawl-embed.js, the package's
// `qawl/component` export). Importing it defines <qawl-article>.
import type { Analysis, Label } from '../pkg/qawl.js';

export interface HighlightOptions {
  /** Mark quotations too (default false). */
  quotes?: boolean;
  /** Mark entity mentions (default true). */
  entities?: boolean;
  /** Which entity labels to mark (default all). */
  labels?: Label[];
  /** Show the hover card with a name's spellings (default true). */
  card?: boolean;
  /** Put marks in the tab order (default false). */
  focusable?: boolean;
  /** Adopt the marks' stylesheet into the document (default true). */
  stylesheet?: boolean;
  /** Where qawl_bg.wasm is, when it is not next to qawl.js (after bundling, for instance). */
  wasm?: string | URL;
  /** The hover card's language, 'ar' or 'en' (default: the nearest lang attribute's, else the browser's). */
  lang?: 'ar' | 'en';
}

export interface Highlighted {
  analysis: Analysis;
  /** The element's text as qawl read it; the analysis's offsets index it. */
  text: string;
  /** How many <mark> elements were added. */
  marks: number;
}

/** Marks the names (and quotations) inside `element`, in place, touching text nodes only. */
export function highlight(element: Element, options?: HighlightOptions): Promise<Highlighted>;
/** Puts back exactly the DOM `highlight` found. */
export function unhighlight(element: Element): void;
/** The analysis of a highlighted element, or null. */
export function analysisOf(element: Element): Analysis | null;

/**
 * <qawl-article quotes panel labels="PER ORG" focusable wasm="/assets/qawl_bg.wasm">:
 * highlights its own content when connected, and again (debounced) when the
 * site adds to it or changes it; fires `qawl-highlighted` ({analysis, marks})
 * each time, or `qawl-error` ({message}). `unhighlight()` puts the site's DOM
 * back and stops watching it until `highlight()`.
 */
export class QawlArticle extends HTMLElement {
  readonly analysis: Analysis | null;
  highlight(): Promise<void>;
  unhighlight(): void;
}
