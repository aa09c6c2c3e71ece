// The page's handle on qawl: analysis in a Web Worker, or on the main thread
// when no worker can start (file:// pages in some browsers, old engines).
//
// Guarantees: requests are answered in order; `analyze` with a newer request
// supersedes an older one still running (the worker is restarted, so a long
// analysis never delays the text the reader is typing now); a worker that
// fails to start falls back to the in-thread backend once, transparently.

export class AbortedError extends Error {
  constructor() {
    super('superseded by a newer analysis');
    this.name = 'AbortedError';
  }
}

/**
 * @param {{makeWorker?: () => Worker, loadInThread: () => Promise<object>}} backends
 *   `loadInThread` resolves to an initialised qawl namespace ({analyze, compare?, maxInputBytes?}).
 */
export function createAnalyzer({ makeWorker, loadInThread }) {
  let worker = null;
  let useWorker = typeof makeWorker === 'function';
  let nextId = 1;
  const pending = new Map(); // id -> {resolve, reject, onProgress, msg}
  let inThread = null;

  function startWorker() {
    const w = makeWorker();
    w.onmessage = (event) => {
      const { id, type } = event.data || {};
      const job = pending.get(id);
      if (!job) return;
      if (type === 'progress') {
        job.onProgress?.(event.data);
      } else if (type === 'done') {
        pending.delete(id);
        job.resolve(event.data.result);
      } else if (type === 'error') {
        pending.delete(id);
        // A fatal error closed the worker; the next request starts a new one.
        if (event.data.fatal && worker === w) worker = null;
        job.reject(new Error(event.data.message));
      }
    };
    w.onerror = (event) => {
      // The worker script itself failed (blocked, unsupported): fall back.
      event.preventDefault?.();
      fallBack();
    };
    return w;
  }

  function fallBack() {
    useWorker = false;
    if (worker) worker.terminate();
    worker = null;
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) runInThread(job.msg, job.onProgress).then(job.resolve, job.reject);
  }

  async function runInThread(msg, onProgress) {
    onProgress?.({ stage: 'loading' });
    inThread ??= loadInThread();
    const qawl = await inThread;
    if (msg.type === 'init') {
      return {
        compare: typeof qawl.compare === 'function',
        maxInputBytes: typeof qawl.maxInputBytes === 'function' ? qawl.maxInputBytes() : null,
      };
    }
    if (msg.type === 'analyze') {
      onProgress?.({ stage: 'analysing', length: msg.text.length });
      // Let the progress indicator paint before the main thread is busy.
      await new Promise((r) => setTimeout(r, 16));
      return qawl.analyze(msg.text, msg.options);
    }
    if (msg.type === 'compare') return typeof qawl.compare === 'function' ? qawl.compare(msg.items) : null;
    throw new Error(`unknown request type ${msg.type}`);
  }

  function request(msg, onProgress) {
    if (useWorker) {
      try {
        worker ??= startWorker();
      } catch {
        useWorker = false;
      }
    }
    if (!useWorker) return runInThread(msg, onProgress);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, msg });
      worker.postMessage({ id, ...msg });
    });
  }

  let currentAnalysis = null;

  return {
    /** Loads the wasm; resolves to {compare: boolean, maxInputBytes}. */
    features: () => request({ type: 'init', wasm: undefined }),

    /** Analyses `text`; a later superseding call rejects this one with AbortedError. */
    analyze(text, options, onProgress, { supersede = true } = {}) {
      if (!supersede) return request({ type: 'analyze', text, options }, onProgress);
      if (currentAnalysis && useWorker && worker) {
        // Restart the worker: its wasm call cannot be interrupted otherwise.
        const old = currentAnalysis;
        if (pending.has(old.id)) {
          worker.terminate();
          worker = null;
          for (const [id, job] of pending) {
            if (id === old.id) job.reject(new AbortedError());
            else queueMicrotask(() => request(job.msg, job.onProgress).then(job.resolve, job.reject));
          }
          pending.clear();
        }
      }
      const id = nextId; // the id `request` is about to use (worker path)
      const promise = request({ type: 'analyze', text, options }, onProgress);
      const mine = { id, promise };
      currentAnalysis = mine;
      promise.finally(() => {
        if (currentAnalysis === mine) currentAnalysis = null;
      }).catch(() => {});
      return promise;
    },

    /** Rust `compare` over [{name, text, analysis}], or null if this build has none. */
    compare: (items) => request({ type: 'compare', items }),
  };
}
