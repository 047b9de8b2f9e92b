// How long the app takes to show the home list with many assessments saved:
// 0, 100 and 1,000 records in localStorage, the release build served from
// 127.0.0.1, no service worker, median of 5 loads each. A benchmark, not a
// test: it prints figures and fails only if the app does not start.
//
//   node benches/boot.mjs            (after a release build in dist/)
//
// "Boot" is from navigation start to the home view with its cards on
// screen (performance.now() in the page), so it includes fetching and
// compiling the wasm; the line for 0 assessments is that fixed cost.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, DIST } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/serve.mjs';
import { seed } from './records.mjs';

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('No release build in dist/: run ./scripts/test.sh or ./scripts/run.sh first.');
  process.exit(1);
}

const RUNS = 5;
const COUNTS = [0, 100, 1000];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer(DIST, 0);
const browser = await launch();
try {
  console.log(`boot to the home list, median of ${RUNS} loads (release build, 127.0.0.1, no service worker)`);
  for (const n of COUNTS) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      // The moment the view is there, taken in the page, not after a round
      // trip to this script.
      await context.addInitScript((selector) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(selector)) {
            window.bootMs = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, n === 0 ? 'main[data-view="home"] h1' : 'main[data-view="home"] .card');
      const page = await context.newPage();
      await seed(page, server.url, n);
      await page.goto(`${server.url}#/`);
      const ready = n === 0 ? 'main[data-view="home"] h1' : 'main[data-view="home"] .card';
      await page.locator(ready).first().waitFor();
      const cards = await page.locator('.card').count();
      await page.waitForFunction(() => window.bootMs !== undefined);
      times.push(await page.evaluate(() => window.bootMs));
      if (n > 0 && cards === 0) throw new Error('no cards rendered');
      await context.close();
    }
    console.log(`${String(n).padStart(5)} assessments: ${median(times).toFixed(0).padStart(5)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
} finally {
  await browser.close();
  await server.close();
}
