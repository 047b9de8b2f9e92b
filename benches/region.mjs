// The regional view with 1,000 assessments: how long loading them from one
// file and drawing the landscape takes, and then changing the order of the
// table or the chosen place. The release build served from 127.0.0.1, this
// machine's CPU (no throttling), median of 5 runs. A benchmark, not a test:
// it prints figures and fails only if the view does not work.
//
//   node benches/region.mjs          (after a release build in dist/)
//
// Each figure is measured in the page with performance.now(): from the
// event (the file input's change, the click, the select's change) to the
// next frame after the view shows the result, so parsing, the reducer,
// rendering, style and layout are all in it. Goals (issue 13): loading and
// drawing ≤ 300 ms; a new order or place ≤ 16 ms.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, DIST } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

if (!existsSync(join(DIST, 'region.html'))) {
  console.error('No release build in dist/: run ./scripts/test.sh or ./scripts/run.sh first.');
  process.exit(1);
}

const RUNS = 5;
const N = 1000;
const COMPETENCIES = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];

/** 1,000 assessments of 1,000 places: the largest landscape the view holds. */
function cohort() {
  const rubric = { id: 'idb-big-urban-data-maturity-model', version: '2019-10' };
  const assessments = Array.from({ length: N }, (_, i) => ({
    id: `r${i}`, subject: { kind: 'city' }, place: `Ciudad ${String(i).padStart(4, '0')}`,
    date: `202${5 + (i % 2)}-0${1 + (i % 9)}-1${i % 9}`, assessor: 'Oficina de planeamiento', rubric,
    ratings: Object.fromEntries(COMPETENCIES.map((c, k) => [c, { level: 1 + ((i * (k + 2) + k) % 5), notes: 'Evidencia: portal con 120 conjuntos de datos.' }])),
    created_ms: 1_700_000_000_000 + i, updated_ms: 1_700_000_000_000 + i,
  }));
  return Buffer.from(JSON.stringify({ format: 'budmm-assessments', schema: 2, rubric, assessments }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Arms a timer in the page: from `event` on `selector` (heard on the
 * window in the capture phase, before the app's own listeners, which
 * re-render at once) until the view shows `want`, then one frame more.
 * The page's CSP forbids evaluating strings, so the conditions are here.
 */
async function timed(page, selector, event, want, act) {
  const result = page.evaluate(([selector, event, want]) => new Promise((resolve, reject) => {
    const shows = {
      // The first page of the table, naming every row loaded.
      loaded: (n) => document.querySelectorAll('#landscape tbody tr').length > 0
        && (document.querySelector('.pager-status')?.textContent.endsWith(` ${n}`) ?? false),
      sorted: ([th, order]) => document.querySelector(th)?.getAttribute('aria-sort') === order,
      standing: (place) => document.querySelector('p.standing')?.textContent.includes(place) ?? false,
    };
    let start = null;
    const arm = (e) => {
      if (e.target instanceof Element && e.target.closest(selector)) {
        start = performance.now();
        window.removeEventListener(event, arm, { capture: true });
      }
    };
    window.addEventListener(event, arm, { capture: true });
    const observer = new MutationObserver(() => {
      if (start === null || !shows[want.kind](want.arg)) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => reject(new Error(`timed out waiting after ${event} on ${selector}`)), 60_000);
  }), [selector, event, want]);
  await page.waitForTimeout(50);
  await act();
  return result;
}

const server = await startServer(DIST, 0);
const browser = await launch();
const file = { name: 'cohort.json', mimeType: 'application/json', buffer: cohort() };
const load = [];
const sort = [];
const choose = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}region.html#/region`);
    await page.locator('main[data-view="region"] h1').waitFor();
    load.push(await timed(page, '#region-files', 'change', { kind: 'loaded', arg: N },
      () => page.locator('#region-files').setInputFiles(file)));
    // A competency's first press sorts from the highest level, the second
    // reverses; columns 3 to 7 are the competencies.
    for (const [column, order] of [[5, 'descending'], [5, 'ascending'], [7, 'descending']]) {
      const th = `#landscape thead th:nth-child(${column})`;
      sort.push(await timed(page, `${th} button`, 'click', { kind: 'sorted', arg: [th, order] },
        () => page.locator(`${th} button`).click()));
    }
    for (const place of ['Ciudad 0007', 'Ciudad 0512', 'Ciudad 0999']) {
      choose.push(await timed(page, '#region-place', 'change', { kind: 'standing', arg: place },
        () => page.locator('#region-place').selectOption({ label: place })));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const ms = (xs) => `${median(xs).toFixed(0)} ms (median of ${xs.length}; ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
console.log(`Regional view, ${N} assessments of ${N} places, this machine, no throttling:`);
console.log(`  load one file and draw the landscape: ${ms(load)}   goal ≤ 300 ms`);
console.log(`  sort by another column:               ${ms(sort)}   goal ≤ 16 ms`);
console.log(`  choose a place:                       ${ms(choose)}   goal ≤ 16 ms`);
