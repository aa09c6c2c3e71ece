// qawl's analysis worker: runs the wasm off the main thread so typing and
// scrolling never wait for an analysis.
//
// Protocol (every reply carries the request's id):
//   {id, type: 'init', wasm?: WebAssembly.Module}  -> {id, type: 'done', result: {compare, maxInputBytes}}
//   {id, type: 'analyze', text, options?}    -> {id, type: 'progress', stage}… then done | error
//   {id, type: 'compare', items}             -> done (result null when this build has no compare)
import init, * as qawl from '../pkg/qawl.js';

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

let ready = null;
let warmed = false;

function load(wasm) {
  if (!ready) {
    ready = init(wasm ? { module_or_path: wasm } : undefined).catch((err) => {
      ready = null;
      throw err;
    });
  }
  return ready;
}

function features() {
  return {
    compare: typeof qawl.compare === 'function',
    maxInputBytes: typeof qawl.maxInputBytes === 'function' ? qawl.maxInputBytes() : null,
  };
}

self.onmessage = async (event) => {
  const { id, type } = event.data || {};
  const reply = (msg) => self.postMessage({ id, ...msg });
  try {
    reply({ type: 'progress', stage: 'loading' });
    await load(event.data.wasm);
    let result;
    if (type === 'init') {
      if (!warmed) {
        warmed = true;
        warmUp();
      }
      result = features();
    } else if (type === 'analyze') {
      reply({ type: 'progress', stage: 'analysing', length: event.data.text.length });
      result = qawl.analyze(event.data.text, event.data.options);
    } else if (type === 'compare') {
      result = typeof qawl.compare === 'function' ? qawl.compare(event.data.items) : null;
    } else {
      throw new Error(`unknown request type ${type}`);
    }
    reply({ type: 'done', result });
  } catch (err) {
    // A wasm trap (qawl is fuzzed never to panic) leaves this instance unusable:
    // report the panic's own message and let the page start a fresh worker.
    const trapped = err instanceof WebAssembly.RuntimeError;
    const message = (trapped && qawl.takePanicMessage?.()) || String((err && err.message) || err);
    reply({ type: 'error', message, fatal: trapped });
    if (trapped) self.close();
  }
};
