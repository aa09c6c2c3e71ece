// qawl's analysis worker: runs the wasm off the main thread so typing and
// scrolling never wait for an analysis.
//
// Protocol: the page posts {id, ...request} (requests.js lists them); every
// reply carries the request's id: {id, type: 'progress', stage, length?}…,
// then {id, type: 'done', result} or {id, type: 'error', message, fatal}.
// After a fatal error (a wasm trap) this worker closes and the page starts
// a fresh one.
import init, * as qawl from '../pkg/qawl.js';
import { createHandler } from './requests.js';
import { englishModelLoader } from './english-model.js';

/**
 * Runs qawl once on a short sentence and drops the result, so that the
 * one-time costs of a fresh instance (parsing the tagger model, compiling the
 * wasm functions an analysis calls) are paid while the worker is idle, not by
 * the next article.
 */
function warmUp() {
  try {
    qawl.analyze('قال الرئيس محمد علي للصحفيين يوم الأحد إن "الاتفاق صامد".');
  } catch {
    // A failure here shows again, with its message, on the real analysis.
  }
}

/** The English model's bytes, when the page sent them with `init` (the single file). */
let englishBytes = null;

/** Those bytes, or pkg/qawl-en.bin beside the glue (none for a worker made from a blob). */
function englishModelSource() {
  if (englishBytes) return englishBytes;
  try {
    return new URL('../pkg/qawl-en.bin', self.location.href);
  } catch {
    return null;
  }
}

const handle = createHandler(
  async (wasm) => {
    await init(wasm ? { module_or_path: wasm } : undefined);
    return qawl;
  },
  { englishModel: englishModelLoader(englishModelSource) },
);
let warmed = false;

self.onmessage = async (event) => {
  const msg = event.data || {};
  const reply = (m) => self.postMessage({ id: msg.id, ...m });
  if (msg.type === 'init' && msg.englishModel) englishBytes = msg.englishModel;
  try {
    const result = await handle(msg, (p) => reply({ type: 'progress', ...p }));
    if (msg.type === 'init' && !warmed) {
      warmed = true;
      warmUp();
    }
    reply({ type: 'done', result });
  } catch (err) {
    reply({ type: 'error', message: String(err?.message || err), fatal: Boolean(err?.fatal) });
    if (err?.fatal) self.close();
  }
};
