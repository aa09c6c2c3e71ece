// Where the page gets its analysis backend, samples and offline support when
// served over http(s). The single-file build (scripts/build-single.mjs)
// replaces this module with one that has everything inlined.
//
// Files are named relative to the page (document.baseURI), not to this
// module: the page loads it bundled into pkg/page.js.
import { createAnalyzer } from './analyzer.js';
import { englishModelLoader } from './english-model.js';
import * as qawl from '../pkg/qawl.js';

const pageUrl = (relative) => new URL(relative, document.baseURI);
/** What www/boot.js started from the HTML head, if it ran. */
const boot = globalThis.qawlBoot ?? {};

let policy = null;
/** Script URLs for Worker / serviceWorker.register, allowed under Trusted Types. */
function scriptUrl(relative) {
  const url = pageUrl(relative);
  const tt = globalThis.trustedTypes;
  if (!tt) return url;
  policy ??= tt.createPolicy('qawl-scripts', {
    createScriptURL(input) {
      const u = new URL(input, location.href);
      if (u.origin !== location.origin) throw new TypeError(`qawl loads scripts only from its own origin, not ${u.origin}`);
      return u.href;
    },
  });
  return policy.createScriptURL(url.href);
}

/**
 * qawl_bg.wasm compiled in the page, streaming: www/boot.js started it from
 * the HTML head; without boot.js, from here. The page's first analysis and
 * the worker both use this module. Resolves to null when that fails (no
 * application/wasm type, a CSP without 'wasm-unsafe-eval'): the glue then
 * fetches the wasm itself.
 */
function compileWasm() {
  if (boot.wasm) return boot.wasm;
  try {
    const res = fetch(pageUrl('../pkg/qawl_bg.wasm'));
    const module = typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(res)
      : res.then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
    return module.catch(() => null);
  } catch {
    return Promise.resolve(null);
  }
}

export function createPlatformAnalyzer() {
  return createAnalyzer({
    makeWorker: () => new Worker(scriptUrl('./worker.js'), { type: 'module', name: 'qawl' }),
    loadInThread: async (module) => {
      // No warm-up here: the first sample (preloaded with the wasm) is
      // normally here before the wasm, so it would only push the article's
      // own analysis later.
      await qawl.default(module ? { module_or_path: module } : undefined);
      return qawl;
    },
    wasm: compileWasm(),
    firstInThread: true,
    englishModel: englishModelLoader(() => pageUrl('../pkg/qawl-en.bin')),
  });
}

export async function sampleIndex() {
  const res = await fetch(pageUrl('samples/index.json'));
  if (!res.ok) throw new Error(`samples/index.json: HTTP ${res.status}`);
  return res.json();
}

/** The sample the page opens with, when boot.js named it (the one index.html preloads). */
export function firstSampleName() {
  return boot.sample?.name ?? null;
}

export async function sampleText(name) {
  // The first sample's text: boot.js has been reading it since the head.
  if (boot.sample?.name === name) {
    const text = await boot.sample.text;
    boot.sample = null;
    if (text != null) return text;
  }
  const res = await fetch(pageUrl(`samples/${encodeURIComponent(name)}`));
  if (!res.ok) throw new Error(`sample ${name}: HTTP ${res.status}`);
  return res.text();
}

export function enableOffline() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register(scriptUrl('./sw.js'), { scope: './' }).catch((err) => {
    console.warn(`qawl: offline support unavailable (${err.message})`);
  });
}
