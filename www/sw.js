// qawl's service worker: after the first visit the page works with no
// network. Network first (so a deploy is seen at once), the cache when the
// network fails. Only same-origin GETs are touched; nothing else is fetched.
const CACHE = 'qawl-v4';
const SHELL = [
  './',
  './index.html',
  './style.css',
  './boot.js',
  // The page's own modules are inside ../pkg/page.js; the worker is a
  // module of its own and loads its imports.
  './worker.js',
  './requests.js',
  './manifest.webmanifest',
  './icon.svg',
  './samples/index.json',
  './samples/000_0878ad2356b62a7e.txt',
  './samples/001_7704e7591b75eb53.txt',
  './samples/002_520337c85119e73d.txt',
  './samples/003_0f85692e2f39cc58.txt',
  './samples/004_884cef6131e53f02.txt',
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

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok && res.type === 'basic') cache.put(req, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(req, { ignoreSearch: true });
        if (hit) return hit;
        if (req.mode === 'navigate') {
          const shell = await cache.match(new URL('./index.html', self.location));
          if (shell) return shell;
        }
        throw err;
      }
    })(),
  );
});
