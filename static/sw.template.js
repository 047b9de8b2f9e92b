// Keeps the app working offline: every file of the build is cached at the
// first visit and served from the cache after. A new build is a new cache;
// the page asks the user before switching to it. Made by scripts/postbuild.mjs.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('budmm-') && k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Sent by the page when the user chose to load the new version.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(VERSION).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) =>
        hit || fetch(request).catch(() => cache.match('./'))
      )
    )
  );
});
