// Load benchmark on a municipal office's line: builds the release and an
// empty Yew app made with the same pins (benches/floor), serves both from
// 127.0.0.1 with gzip (-9, as a static host would), and loads each page cold
// (no cache, no service worker) five times on Chromium's emulation of
// 1.5 Mbit/s down, 150 ms round trip and a CPU four times slower. Prints,
// side by side with the floor: the bytes that arrived and the median time
// until the page is usable (its view is on screen, measured in the page),
// and the ratio to the floor. Not a test: figures vary a little between
// runs, which is why the floor is measured in the same run.
//
//   ./scripts/bench-load.sh          (builds, then runs this)
//
// To compare a variant of the release without rebuilding: BENCH_DIST=<dir>
// serves another folder; BENCH_ONLY=<text>[,<text>…] measures only the rows
// whose name contains one of them (the floor is always measured).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, DIST, ROOT } from '../tests/e2e/helpers.mjs';

const RUNS = 5;
const FLOOR = join(ROOT, 'benches', 'floor', 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** A static server for `dir` that sends every file gzip -9, as hosts do. */
async function serveGzip(dir) {
  const root = resolve(dir);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!cache.has(file)) cache.set(file, gzipSync(await readFile(file), { level: 9 }));
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
        'cache-control': 'no-store',
      });
      res.end(cache.get(file));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** One cold load of `url` on the office profile: bytes and ms to `selector`. */
async function coldLoad(browser, url, selector, locale) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale });
  await context.addInitScript((sel) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(sel)) {
        window.usableMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['lang'] });
  }, selector);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.5 * 1000 * 1000) / 8,
    uploadThroughput: (0.75 * 1000 * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url);
  await page.waitForFunction(() => window.usableMs !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.usableMs);
  await context.close();
  return { bytes, ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, url, selector, locale = 'en-US') {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url, selector, locale));
  return { bytes: median(runs.map((r) => r.bytes)), ms: median(runs.map((r) => r.ms)), all: runs.map((r) => Math.round(r.ms)) };
}

// A results link as the app makes it (the reference assessment, no notes).
const PAYLOAD = (await readFile(join(ROOT, 'benches', 'reference-payload.txt'), 'utf8')).trim();
// A regional card as the regional view makes it (thirty places).
const REGION = (await readFile(join(ROOT, 'benches', 'reference-region-payload.txt'), 'utf8')).trim();

const app = await serveGzip(process.env.BENCH_DIST ?? DIST);
const floor = await serveGzip(FLOOR);
const browser = await launch();
try {
  const base = await measure(browser, floor.url, 'main h1');
  const rows = [
    // Home's first paint (src/ui/first_paint.rs): the list and its links,
    // "Start a new assessment"; what needs the app waits for it.
    ['home (index.html)', `${app.url}#/`, 'main[data-view="home"] h1', 1.5],
    // A browser in Spanish: the home view waits for i18n/es.json.
    ['home in Spanish', `${app.url}#/`, 'html[lang="es"] main[data-view="home"] h1', 1.5, 'es-419'],
    // Until the app has taken over (rename, delete, import work).
    ['home with its app', `${app.url}#/`, '#app-root:not([hidden]) main[data-view="home"] h1', null],
    // Where a results link lands, as a mayor opens it: in Spanish, the
    // table of levels with its descriptors on screen.
    ['results link in Spanish', `${app.url}results.html#/shared/1/${PAYLOAD}`, 'html[lang="es"] main[data-view="shared"] #levels-table', 1.3, 'es-419'],
    // A link made before results.html: its page sends it there at once.
    ['old results link (report.html)', `${app.url}report.html#/shared/1/${PAYLOAD}`, 'main[data-view="shared"] #levels-table', null],
    ['embed card (embed.html)', `${app.url}embed.html#/embed/1/${PAYLOAD}`, 'main[data-view="embed"] svg', 1.2],
    ['regional card', `${app.url}region-card.html#/region-card/1/${REGION}`, 'main[data-view="region-card"] h1', 1.3],
  ];
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Cold loads, median of ${RUNS}, on 1.5 Mbit/s, 150 ms RTT, CPU 4x slower (Chromium emulation)`);
  console.log(`${'page'.padEnd(30)} ${'transfer'.padStart(10)} ${'usable'.padStart(9)} ${'x floor'.padStart(8)}  goal`);
  console.log(`${'empty Yew app (the floor)'.padEnd(30)} ${kb(base.bytes).padStart(10)} ${`${Math.round(base.ms)} ms`.padStart(9)} ${'1.00'.padStart(8)}  runs ${base.all.join(', ')}`);
  for (const [name, url, selector, goal, locale] of rows.filter((r) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').some((only) => r[0].includes(only)))) {
    const r = await measure(browser, url, selector, locale);
    const ratio = r.ms / base.ms;
    const verdict = goal == null ? '' : ratio <= goal ? `<= ${goal} met` : `<= ${goal} NOT met`;
    console.log(`${name.padEnd(30)} ${kb(r.bytes).padStart(10)} ${`${Math.round(r.ms)} ms`.padStart(9)} ${ratio.toFixed(2).padStart(8)}  ${verdict}  runs ${r.all.join(', ')}`);
  }
} finally {
  await browser.close();
  await app.close();
  await floor.close();
}
