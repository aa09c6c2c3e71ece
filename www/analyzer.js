// The page's handle on qawl: analysis in a Web Worker, or on the main thread
// when no worker can start (file:// pages in some browsers, old engines).
//
// With `firstInThread`, the page's first analysis runs on the main thread
// when its text is short (the page's wasm is compiled by then, and a worker
// would still be fetching its scripts); the worker starts after it, in the
// background, and takes every later request.
//
// Guarantees: requests are answered in order; `analyze` with a newer request
// supersedes an older one still running (the worker is restarted, so a long
// analysis never delays the text the reader is typing now); a worker that
// fails to start falls back to the in-thread backend once, transparently.
// Both backends answer through the same handler (requests.js).
import { createHandler } from './requests.js';

/** Longest text (UTF-16 units) the first analysis takes on the main thread; a few ms of work. */
const FIRST_IN_THREAD_MAX = 20000;

export class AbortedError extends Error {
  constructor() {
    super('superseded by a newer analysis');
    this.name = 'AbortedError';
  }
}

/**
 * @param {{makeWorker?: () => Worker, loadInThread: (module?: WebAssembly.Module) => Promise<object>,
 *   wasm?: Promise<WebAssembly.Module | null>, firstInThread?: boolean}} backends
 *   `loadInThread` resolves to an initialised qawl namespace (pkg/qawl.js);
 *   `wasm`, when given, is the page's own compilation of qawl_bg.wasm: each worker is
 *   handed it before any request, so it neither fetches nor compiles the wasm again
 *   (null or a rejection: the worker loads the wasm itself). `englishModel`
 *   (english-model.js) loads the English model for analyses in this thread;
 *   `englishModelBytes`, when given, returns the model's bytes, which the
 *   worker is handed with the wasm (a page that has no URL for them).
 */
export function createAnalyzer({ makeWorker, loadInThread, wasm = null, firstInThread = false, englishModel, englishModelBytes }) {
  let worker = null;
  // Requests run in this thread until the first analysis has settled.
  let startingInThread = firstInThread && typeof makeWorker === 'function';
  let workerGate = null; // resolves once the worker has been handed `wasm`
  let useWorker = typeof makeWorker === 'function';
  let nextId = 1;
  const pending = new Map(); // id -> {resolve, reject, onProgress, msg}

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
    workerGate = wasm
      ? wasm.then(
        (module) => {
          if (!module) return;
          try {
            w.postMessage({ id: 0, type: 'init', wasm: module, englishModel: englishModelBytes?.() });
          } catch {
            // Not cloneable here: the worker loads the wasm itself.
          }
        },
        () => {},
      )
      : null;
    return w;
  }

  function fallBack() {
    useWorker = false;
    if (worker) worker.terminate();
    worker = null;
    workerGate = null;
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) runInThread(job.msg, job.onProgress).then(job.resolve, job.reject);
  }

  const handleInThread = createHandler(
    () => (wasm ? wasm.catch(() => null) : Promise.resolve(null)).then((module) => loadInThread(module || undefined)),
    { englishModel },
  );

  function runInThread(msg, onProgress) {
    return handleInThread(msg, (p) => {
      onProgress?.(p);
      // Let the progress indicator paint before the main thread is busy (the
      // page shows it at once only for long texts; short ones take less
      // than the page's 200 ms before it shows progress).
      if (p.stage === 'analysing' && p.length > FIRST_IN_THREAD_MAX) return new Promise((r) => setTimeout(r, 16));
      return undefined;
    });
  }

  function request(msg, onProgress) {
    if (startingInThread) {
      // This thread could not load the wasm: the worker takes over at once.
      return runInThread(msg, onProgress).catch((err) => {
        if (!err?.loadFailed || !startingInThread) throw err;
        startingInThread = false;
        return request(msg, onProgress);
      });
    }
    if (useWorker) {
      try {
        worker ??= startWorker();
      } catch {
        useWorker = false;
      }
    }
    if (!useWorker) return runInThread(msg, onProgress);
    const id = nextId++;
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, msg });
      const post = () => w.postMessage({ id, ...msg });
      if (workerGate) workerGate.then(post);
      else post();
    });
  }

  let currentAnalysis = null;

  return {
    /** Loads the wasm; resolves to {maxInputBytes}. */
    features: () => request({ type: 'init', wasm: undefined }),

    /** Analyses `text`; a later superseding call rejects this one with AbortedError. */
    analyze(text, options, onProgress, { supersede = true } = {}) {
      if (startingInThread && text.length > FIRST_IN_THREAD_MAX) startingInThread = false;
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
      if (startingInThread) {
        // After the first analysis, the next request starts the worker
        // (the page asks for its features once the result is shown).
        const handOver = () => {
          startingInThread = false;
        };
        promise.then(handOver, handOver);
      }
      const mine = { id, promise };
      currentAnalysis = mine;
      promise.finally(() => {
        if (currentAnalysis === mine) currentAnalysis = null;
      }).catch(() => {});
      return promise;
    },

    /** Rust `compare` over [{name, text, analysis}]. */
    compare: (items) => request({ type: 'compare', items }),
  };
}
