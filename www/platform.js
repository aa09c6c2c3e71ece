// Where the page gets its analysis backend, samples and offline support when
// served over http(s). The single-file build (scripts/build-single.mjs)
// replaces this module with one that has everything inlined.
import { createAnalyzer } from './analyzer.js';
import * as qawl from '../pkg/qawl.js';

let policy = null;
/** Script URLs for Worker / serviceWorker.register, allowed under Trusted Types. */
function scriptUrl(relative) {
  const url = new URL(relative, import.meta.url);
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
 * Compiles qawl_bg.wasm in the page, streaming, from the request index.html's
 * preload hint already started; the page's first analysis and the worker both
 * use this module. Resolves to null when that fails (no application/wasm type,
 * a CSP without 'wasm-unsafe-eval'): the glue then fetches the wasm itself.
 */
function compileWasm() {
  try {
    const res = fetch(new URL('../pkg/qawl_bg.wasm', import.meta.url));
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
  });
}

export async function sampleIndex() {
  const res = await fetch(new URL('./samples/index.json', import.meta.url));
  if (!res.ok) throw new Error(`samples/index.json: HTTP ${res.status}`);
  return res.json();
}

export async function sampleText(name) {
  const res = await fetch(new URL(`./samples/${encodeURIComponent(name)}`, import.meta.url));
  if (!res.ok) throw new Error(`sample ${name}: HTTP ${res.status}`);
  return res.text();
}

export function enableOffline() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register(scriptUrl('./sw.js'), { scope: './' }).catch((err) => {
    console.warn(`qawl: offline support unavailable (${err.message})`);
  });
}
