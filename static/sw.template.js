// Keeps the app working offline: every file of the build is cached at the
// first visit and served from the cache after. A new build is a new cache;
// the page asks the user before switching to it. Made by scripts/assemble.mjs,
// which fills in the names below.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
// Each page of this build and the JS glue and wasm it loads: a page fetched
// at install must load exactly these, or the cache would pair one build's
// page with another's code.
const CODE = __CODE__;
// The single-file offline edition (~1.2 MB) is not precached: it is cached
// the first time it is downloaded, so it can be downloaded again offline.
const OFFLINE_EDITION = 'budmm-offline.html';

const here = (path) => new URL(path, self.location.href).href;

// Names of the app's code that a page refers to (scripts/build-lib.mjs,
// CODE_NAME).
const codeRefs = (html) => [...new Set(html.match(new RegExp(__CODE_NAME__, 'g')) || [])].sort();

// Fetches and caches every file of this build, from the host, never from
// the HTTP cache: a cached page of the previous build next to this build's
// code would never start. Any file missing, or a page that does not load
// exactly this build's glue and wasm, fails it and caches nothing.
async function precache() {
  const fetched = await Promise.all(ASSETS.map(async (path) => {
    const response = await fetch(new Request(path, { cache: 'reload' }));
    if (response.status !== 200) throw new Error(`precache: ${path} answered ${response.status}`);
    // Read at once: bodies left unread hold their connections, and the
    // browser's few per host would run out before the last file. A copy of
    // the body and headers also answers a navigation even when the host
    // answered after a redirect.
    const body = await response.arrayBuffer();
    return [path, new Response(body, { status: 200, statusText: response.statusText, headers: response.headers })];
  }));
  for (const [path, response] of fetched) {
    if (!CODE[path]) continue;
    const want = CODE[path].join(' ');
    const got = codeRefs(await response.clone().text()).join(' ');
    if (got !== want) throw new Error(`precache: ${path} loads ${got || 'nothing'}, not this build's ${want}`);
  }
  const existed = await caches.has(VERSION);
  const cache = await caches.open(VERSION);
  try {
    await Promise.all(fetched.map(([path, response]) => cache.put(path, response)));
  } catch (e) {
    if (!existed) await caches.delete(VERSION);
    throw e;
  }
}

// A failed install leaves the worker that runs now serving the build it has.
self.addEventListener('install', (event) => {
  event.waitUntil(precache());
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

let refilling = null;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // A link whose "#" a mail gateway or chat app escaped (report.html%23/
  // shared/…) names no file: sent on to the page and view it meant, online
  // or not, never answered with the app's page under that path (its code
  // would not load from there).
  const mangled = request.mode === 'navigate' ? url.pathname.search(/%23/i) : -1;
  if (mangled >= 0) {
    let fragment;
    try { fragment = decodeURIComponent(url.pathname.slice(mangled + 3)); } catch (e) { fragment = url.pathname.slice(mangled + 3); }
    event.respondWith(Response.redirect(`${url.origin}${url.pathname.slice(0, mangled)}#${fragment}`, 302));
    return;
  }
  url.search = '';
  url.hash = '';
  const offlineEdition = url.href === here(OFFLINE_EDITION);
  // A page of the app: its folder or one of its pages, nothing else.
  const appPage = request.mode === 'navigate' && !offlineEdition && (url.href === here('./') || Object.keys(CODE).some((p) => here(p) === url.href));
  event.respondWith((async () => {
    const cache = await caches.open(VERSION);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === 'navigate' && !(await cache.match('./'))) {
      // The files of this build are gone (the page's "clear" button while
      // another tab kept this worker alive, or the browser made room):
      // fetch them again, for the next time the network is off.
      refilling ??= precache().catch(() => {}).finally(() => { refilling = null; });
      event.waitUntil(refilling);
    }
    let response;
    try {
      response = await fetch(request);
    } catch (e) {
      // Offline: a page of the app opens the app; anything else is an
      // error, never the app's page under the name of another file.
      const page = appPage ? await cache.match('./') : undefined;
      return page || Response.error();
    }
    if (offlineEdition && response.status === 200 && response.type === 'basic') {
      event.waitUntil(cache.put(url.href, response.clone()).catch(() => {}));
    }
    return response;
  })());
});
