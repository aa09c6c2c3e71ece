// The English tagger's model (pkg/qawl-en.bin, 0.6 MB): the wasm leaves it
// out so Arabic readers never download it. Before an analysis, the wasm says
// whether the text has English sentences and no model yet
// (`wantsEnglishModel`); only then is the file fetched, once per thread, and
// handed to the wasm. If it cannot be had (offline before it was ever
// fetched, a host that does not serve it), English names come from qawl's
// rules instead: the analysis still runs, a little less well.

/**
 * @param {() => (URL|string|Uint8Array|null)} where the model:
 *   its URL, or its bytes (the single-file build has them inline), or null
 *   when this thread has neither.
 * @returns {(qawl: object, text: string) => Promise<void>} call before
 *   `qawl.analyze(text)`; it never rejects.
 */
export function englishModelLoader(where) {
  let loading = null;
  return async function ensureEnglishModel(qawl, text) {
    // Asked for once (loaded, or failed to): asking again would only copy
    // the whole text into the wasm for nothing, at every analysis.
    if (loading) return loading;
    if (!qawl.wantsEnglishModel(text)) return;
    loading = (async () => {
      const source = where();
      if (!source) return;
      if (ArrayBuffer.isView(source)) {
        qawl.loadEnglishModel(source);
        return;
      }
      const res = await fetch(source);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      qawl.loadEnglishModel(new Uint8Array(await res.arrayBuffer()));
    })().catch((err) => {
      console.warn(`qawl: English names come from rules (the English model did not load: ${err.message})`);
    });
    await loading;
  };
}
