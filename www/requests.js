// What qawl does with one request from the page, wherever it runs: in the
// analysis worker (worker.js) and on the page's own thread (analyzer.js: the
// first analysis, and every one when no worker can start). One handler, so
// both threads load the wasm, answer and fail the same way.
//
// Requests and what they resolve to:
//   {type: 'init', wasm?: WebAssembly.Module}  -> {maxInputBytes}
//   {type: 'analyze', text, options?}          -> Analysis (pkg/qawl.d.ts)
//   {type: 'compare', items}                   -> Comparison
// Progress is reported as {stage: 'loading'} then, for analyze,
// {stage: 'analysing', length}.

/**
 * @param {(wasm?: WebAssembly.Module) => Promise<object>} load resolves to an
 *   initialised qawl namespace; it is called once, and again after it failed.
 * @param {{englishModel?: (qawl: object, text: string) => Promise<void>}} [extras]
 *   `englishModel` (english-model.js) loads the English model before an
 *   analysis that needs it.
 * @returns {(msg: object, progress?: (p: object) => unknown) => Promise<unknown>}
 *   `progress` may return a promise: the handler waits for it before the
 *   wasm takes the thread, so the caller can let an indicator paint.
 *   A failed load rejects with `loadFailed: true` on the error; a wasm trap
 *   rejects with the panic's message and `fatal: true` (the instance is
 *   unusable after it).
 */
export function createHandler(load, { englishModel = async () => {} } = {}) {
  let ready = null;
  let analysed = 0;
  return async function handle(msg, progress = () => {}) {
    await progress({ stage: 'loading' });
    ready ??= Promise.resolve()
      .then(() => load(msg.wasm))
      .catch((err) => {
        ready = null;
        throw Object.assign(err instanceof Error ? err : new Error(String(err)), { loadFailed: true });
      });
    const qawl = await ready;
    try {
      switch (msg.type) {
        case 'init':
          return { maxInputBytes: qawl.maxInputBytes() };
        case 'analyze': {
          await englishModel(qawl, msg.text);
          await progress({ stage: 'analysing', length: msg.text.length });
          // The first analysis's duration (a fresh instance's one-time
          // costs included), in the Performance timeline of the thread that
          // ran it: the benchmark reads the page's.
          const start = analysed++ ? -1 : performance.now();
          const result = qawl.analyze(msg.text, msg.options);
          if (start >= 0) performance.measure('qawl:first-analyze', { start, detail: { length: msg.text.length } });
          return result;
        }
        case 'compare':
          return qawl.compare(msg.items);
        default:
          throw new Error(`unknown request type ${msg.type}`);
      }
    } catch (err) {
      // qawl is fuzzed never to panic; if it does, wasm only says
      // "unreachable": the panic hook kept the real message.
      if (err instanceof WebAssembly.RuntimeError) {
        throw Object.assign(new Error(qawl.takePanicMessage() || err.message), { fatal: true });
      }
      throw err;
    }
  };
}
