// The page's first script: in index.html's head right after the preload
// hints, a classic script of a few hundred bytes that runs as soon as it arrives,
// long before the page's bundle (pkg/page.js, a module: it runs once the
// document is parsed). It starts compiling the wasm, streaming, and reading
// the first sample, so that neither waits for the bundle's download,
// compilation and evaluation. The bundle takes both from
// `globalThis.qawlBoot` (www/platform.js); without it (another host page,
// an old cache) the bundle starts them itself.
//
// Why a blocking script, here, and not async: an async script ran only
// after the bundle on this page (it waited for a free connection, then for
// the main thread), and a fetch that runs after the bundle's own has no
// preload left to take, so the wasm was downloaded twice. Run here, its
// requests take over the head's preloads (wasm and sample) while they are
// still in flight, and no preload element comes after it to request them
// again: nothing is requested twice. Before the stylesheet, it waits for
// nothing but itself.
globalThis.qawlBoot ??= (() => {
  // Marks for the benchmark's breakdown (scripts/bench-wasm.mjs).
  performance.mark('qawl:boot');
  const url = (href) => new URL(href, document.baseURI);
  let wasm = null;
  try {
    const res = fetch(url('../pkg/qawl_bg.wasm'));
    wasm = (typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(res)
      : res.then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))
    ).then((module) => {
      performance.mark('qawl:wasm-compiled');
      return module;
    }, () => null);
  } catch {
    // No fetch or no WebAssembly here: the bundle says so when it loads.
  }
  // The first sample: the page preloads it and names it on this script.
  const name = document.currentScript?.dataset.sample ?? null;
  const text = name
    ? fetch(url(`samples/${encodeURIComponent(name)}`)).then((r) => (r.ok ? r.text() : null), () => null)
    : null;
  return { wasm, sample: name ? { name, text } : null };
})();
