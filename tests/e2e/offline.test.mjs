// Working with no internet: the service worker after one visit, the update
// prompt, the single-file edition from file://, and the page's CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useApp, useServers, openPage, ready, view, createAssessment, rate, DIST, screenshot } from './helpers.mjs';

const env = useApp();
const WAIT = { timeout: 30_000 };

const serve = useServers();

const levelCells = (page) => page.locator('#levels-table tbody td.level-cell').allTextContents();

test('after one visit the app opens and works with the network off', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await createAssessment(page, { place: 'Georgetown' });
  await rate(page, [2, 1, 3]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Georgetown');
  const cells = await levelCells(page);
  assert.deepEqual(cells.slice(0, 3), ['Level 2 · Basic', 'Level 1 · Ad hoc', 'Level 3 · Intermediate']);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Results: Georgetown' }).waitFor();
  assert.deepEqual(await levelCells(page), cells);
  await context.setOffline(false);
  await s.done();
});

test('a new version is announced, and loads only when the user asks', async () => {
  // A second server over the same files, whose sw.js can change between visits.
  let sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const site = await serve(DIST, 0, { '/sw.js': ['text/javascript', () => sw] });
  const s = await openPage(env.browser, site.url);
  const { page } = s;
  await page.goto(site.url);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await createAssessment(page, { place: 'Paramaribo' });

  // The version is the name of the worker's cache (sw.js also names the
  // build's glue and wasm, which stay).
  const version = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('budmm-')));
  assert.ok(sw.includes(`"${version}"`), 'sw.js names its version');
  sw = sw.split(version).join('budmm-0000000000000000');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const notice = page.locator('[data-notice="update"]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /new version.*Your work is saved/);
  await screenshot(page, 'update-ready');
  await Promise.all([
    page.waitForEvent('load'),
    notice.getByRole('button', { name: 'Reload now' }).click(),
  ]);
  await ready(page);
  assert.equal(await page.locator('[data-notice="update"]').count(), 0);
  assert.equal(await page.evaluate(async () => (await caches.keys()).join()), 'budmm-0000000000000000');
  await page.goto(site.url + '#/');
  assert.equal(await page.locator('.card').count(), 1, 'nothing lost by updating');
  await s.done();
  await site.close();
});

test('the offline edition works opened from file://, and the app offers it', async () => {
  const s = await openPage(env.browser, 'file://');
  const { page } = s;
  const file = pathToFileURL(join(DIST, 'budmm-offline.html')).href;
  await page.goto(file);
  await ready(page);
  assert.equal(await page.locator('.offline').count(), 0, 'no download link inside the file itself');
  await createAssessment(page, { place: 'Port of Spain' });
  await rate(page, [3, 3]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Results: Port of Spain' }).waitFor();
  // A link to a file on this disk would open nowhere else: none is offered
  // (tests/e2e/people.test.mjs has the edition built with a public address).
  assert.equal(await page.locator('#share-link').count(), 0);
  await page.locator('[data-on-disk]').waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Results: Port of Spain' }).waitFor();
  assert.deepEqual((await levelCells(page)).slice(0, 2), ['Level 3 · Intermediate', 'Level 3 · Intermediate']);
  await screenshot(page, 'offline-edition');
  await s.done();

  const online = await openPage(env.browser, env.server.url);
  await online.page.goto(env.server.url);
  await ready(online.page);
  const [download] = await Promise.all([
    online.page.waitForEvent('download'),
    online.page.getByRole('link', { name: 'Download for offline use' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'urban-data-maturity.html');
  const got = await readFile(await download.path());
  assert.ok(got.equals(await readFile(join(DIST, 'budmm-offline.html'))), 'the offered file is the offline edition');
  await online.done();
});

test('after one download online, the offline edition downloads with the network off', async () => {
  const site = await serve(DIST, 0);
  // A download that cannot happen makes the browser log the failed fetch.
  const s = await openPage(env.browser, site.url, { allowConsoleErrors: [/net::ERR_FAILED/] });
  const { page, context } = s;
  const network = async (on) => {
    await context.setOffline(!on);
    site.setDown(!on);
  };
  await page.goto(site.url);
  await view(page, 'home');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
  const link = page.getByRole('link', { name: 'Download for offline use' });
  const offlineEdition = await readFile(join(DIST, 'budmm-offline.html'));
  const download = async () => {
    const [d] = await Promise.all([page.waitForEvent('download', WAIT), link.click()]);
    return d;
  };
  const cached = () => page.evaluate(async () => (await caches.match('budmm-offline.html')) !== undefined);

  // Never downloaded, network off: it fails (nothing else is saved under its name).
  await network(false);
  const failed = await download();
  assert.notEqual(await failed.failure(), null, 'no file without the network the first time');
  await view(page, 'home');
  assert.equal(await cached(), false);

  // Once online...
  await network(true);
  const first = await download();
  assert.equal(first.suggestedFilename(), 'urban-data-maturity.html');
  assert.ok((await readFile(await first.path())).equals(offlineEdition));
  for (let i = 0; !(await cached()); i++) {
    assert.ok(i < 300, 'the worker keeps the offline edition');
    await page.waitForTimeout(100);
  }

  // ...then with the network off (the host unreachable too).
  await network(false);
  const again = await download();
  assert.equal(again.suggestedFilename(), 'urban-data-maturity.html');
  assert.equal(await again.failure(), null);
  assert.ok((await readFile(await again.path())).equals(offlineEdition), 'the same file, from the worker');
  await view(page, 'home');
  await network(true);
  await s.done();
  await site.close();
});

test('the pages carry a Content-Security-Policy for their own origin only', async () => {
  for (const name of ['index.html', 'report.html', 'results.html', 'plan.html', 'region.html', 'embed.html', 'region-card.html']) {
    const html = await readFile(join(DIST, name), 'utf8');
    const csp = html.match(/http-equiv=Content-Security-Policy content="([^"]+)"/)?.[1] ?? '';
    assert.match(csp, /default-src 'self'/, name);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/, name);
    assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/, name);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), `${name}: the policy comes before any script`);
  }
  const offline = await readFile(join(DIST, 'budmm-offline.html'), 'utf8');
  assert.match(offline, /http-equiv=Content-Security-Policy content="default-src 'none'; script-src 'wasm-unsafe-eval' 'sha256-/);
  // Every other test runs under these policies and fails on any violation
  // (a console error) or on any request to another origin.
});

// Issue 26: a results link whose "#" a gateway escaped opened, offline, the
// app's page under a path its code cannot load from, and the failed start
// then offered to clear the app's files: offline, the last copy.
test('offline, a link whose # was escaped opens its results, and the failed start never clears the files', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await page.goto(env.server.url);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const { deflateRawSync } = await import('node:zlib');
  const json = JSON.stringify(['idb-budmm', '2019-10', 0, 'Paramaribo', '2026-05-01', '', '21345']);
  const payload = deflateRawSync(Buffer.from(json)).toString('base64url');

  await context.setOffline(true);
  await page.goto(`${env.server.url}report.html%23/shared/1/${payload}`);
  await view(page, 'shared', 'Results: Paramaribo');
  assert.equal(new URL(page.url()).pathname.endsWith('/results.html'), true, page.url());
  assert.equal(new URL(page.url()).hash, `#/shared/1/${payload}`);

  // A path that is no page of the app is not answered with the app's page.
  // (In a page of its own: its error page would cut the next navigation.)
  const stray = await context.newPage();
  const other = await stray.goto(`${env.server.url}no/such/page`).catch(() => null);
  assert.ok(other === null || other.status() !== 200 || !(await stray.locator('#boot-message').count()), 'no app page at another path');
  await stray.close();

  // The failed start, offline: its button keeps the files and says so.
  // Its code gone from the cache (a browser making room), the start fails.
  await page.goto(`${env.server.url}#/`);
  await ready(page);
  assert.deepEqual(s.problems, [], 'nothing failed until the code is taken away');
  await page.evaluate(async () => {
    for (const key of await caches.keys()) {
      if (!key.startsWith('budmm-')) continue;
      const cache = await caches.open(key);
      for (const r of await cache.keys()) if (r.url.endsWith('.wasm')) await cache.delete(r);
    }
  });
  await page.reload();
  await page.locator('.boot-failed').waitFor();
  // What that failure provokes on purpose: the wasm's fetch fails, and the
  // start-up module says so. Nothing else may be among the problems.
  const provoked = [/^console error: Failed to load resource: net::ERR_FAILED$/, /^page error: Failed to fetch/];
  for (let i = 0; i < 100 && !s.problems.some((p) => provoked[1].test(p)); i++) await page.waitForTimeout(50);
  s.problems.splice(0, s.problems.length, ...s.problems.filter((p) => !provoked.some((re) => re.test(p))));
  await page.locator('.boot-failed button').click();
  await page.locator('.boot-failed [role="status"]').filter({ hasText: 'You are offline' }).waitFor();
  assert.ok((await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('budmm-')).length)) > 0, 'the files are kept');
  assert.ok(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())), 'the worker is kept');
  await context.setOffline(false);
  await s.done();
});
