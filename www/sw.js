// qawl's service worker: after the first visit the page works with no
// network, and loads from its cache. Stale while revalidate: a request is
// answered from the cache at once and the file fetched again a few seconds
// later, once the load is done (kept when it changed), so a deploy is seen
// on the visit after the one that fetched it; a file not cached yet comes
// from the network. Network first made every warm load wait for a round
// trip per file, and stored the whole wasm again each time. Only
// same-origin GETs are touched; nothing else is fetched.
const CACHE = 'qawl-v6';
const SHELL = [
  './',
  './index.html',
  './style.css',
  './boot.js',
  // The page's own modules are inside ../pkg/page.js; the worker is a
  // module of its own and loads its imports.
  './worker.js',
  './requests.js',
  './english-model.js',
  './manifest.webmanifest',
  './icon.svg',
  './samples/index.json',
  './samples/000_0878ad2356b62a7e.txt',
  './samples/001_7704e7591b75eb53.txt',
  './samples/002_520337c85119e73d.txt',
  './samples/003_0f85692e2f39cc58.txt',
  './samples/004_884cef6131e53f02.txt',
  './samples/005_english.txt',
  '../pkg/page.js',
  '../pkg/qawl.js',
  '../pkg/qawl_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((p) => new Request(new URL(p, self.location), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('qawl-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Fetches `req` and keeps the response in `cache` when it is new (another ETag) or was not there. */
async function refresh(cache, req, cached) {
  const res = await fetch(req);
  const etag = res.headers.get('ETag');
  if (res.ok && res.type === 'basic' && !(etag && cached?.headers.get('ETag') === etag)) {
    await cache.put(req, res.clone());
  }
  return res;
}

/**
 * How long a cached answer's revalidation waits. Started at once, the
 * fetches of every file behind a warm load (the wasm among them) shared
 * the two cores and the worker's thread with the load itself.
 */
const REVALIDATE_AFTER_MS = 3000;

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(req, { ignoreSearch: true });
      if (cached) {
        const later = new Promise((done) => setTimeout(done, REVALIDATE_AFTER_MS));
        event.waitUntil(later.then(() => refresh(cache, req, cached)).catch(() => {}));
        return cached;
      }
      try {
        return await refresh(cache, req, cached);
      } catch (err) {
        // Offline, and a page never cached: the page's own shell.
        const shell = req.mode === 'navigate' && (await cache.match(new URL('./index.html', self.location)));
        if (shell) return shell;
        throw err;
      }
    })(),
  );
});
