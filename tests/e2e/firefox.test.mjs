// The core paths in Firefox ESR (Debian's firefox-esr), driven by
// puppeteer-core over WebDriver BiDi: home in a fresh profile, a new
// assessment rated to its results, a share link opened in another profile,
// the embed card on a portal, offline after one visit, and the regional
// view. One Firefox for the file, a fresh profile (browser context) per test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { DIST, serveDist, startHost, catalog, fill, watchProblems } from './helpers.mjs';
import { startServer } from './serve.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const en = catalog('en');
// Waits: generous for a page's first view in a fresh profile (a slow
// machine, a cold cache), shorter for the rest; no fixed sleeps.
const FIRST = 60_000;
const WAIT = 30_000;

const COMPETENCIES = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];
const TITLES = COMPETENCIES.map((id) => en.competency_names[id]);
const levelText = (n) => `Level ${n} · ${en.level_names[n - 1]}`;

const env = {};
before(async () => {
  env.server = await serveDist();
  env.browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    // English, whatever the machine's locale: the app follows navigator.languages.
    extraPrefsFirefox: { 'intl.accept_languages': 'en-US' },
  });
});
after(async () => {
  await env.browser?.close();
  await env.server?.close(true);
});

/**
 * A fresh profile (browser context) and page, recording page errors,
 * console errors, dialogs, failed responses and requests that leave
 * `origin` (and `alsoAllowed`); `done()` closes it and fails on any.
 * (Firefox reports a CSP violation as a page error, not a console error.)
 */
async function openPage(origin, { alsoAllowed = [] } = {}) {
  const allowed = [origin, ...alsoAllowed];
  const context = await env.browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const problems = watchProblems(page, page, allowed);
  return {
    context,
    page,
    problems,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'no page errors, console errors, dialogs or off-origin requests');
    },
  };
}

/**
 * Waits until `page` (or a frame) shows the view `name` (`<main data-view>`)
 * with, when given, that level-1 heading, and index.html's first paint has
 * handed over to its app (as helpers.mjs's `view` does for Chromium).
 */
async function view(page, name, heading, timeout = WAIT) {
  try {
    await page.waitForFunction((name, heading) => {
      if (document.getElementById('first-paint')) return false;
      const main = [...document.querySelectorAll(`main[data-view="${name}"]`)].find((m) => !m.closest('[hidden]'));
      const h1 = main?.querySelector('h1');
      return !!h1 && (heading === null || h1.textContent.trim() === heading);
    }, { timeout, polling: 50 }, name, heading ?? null);
  } catch (e) {
    const shown = await page.evaluate(() => [...document.querySelectorAll('main[data-view]')]
      .map((m) => `${m.dataset.view}: ${m.querySelector('h1')?.textContent}`).join('; ')).catch(() => '?');
    throw new Error(`view ${name} (${heading ?? 'any heading'}) not shown; on screen: ${shown}; ${e.message}`);
  }
}

async function visit(page, url, name, heading, timeout = WAIT) {
  await page.goto(url);
  await view(page, name, heading, timeout);
}

/** A control found by its role and accessible name, as a user (and playwright's getByRole) would. */
const aria = (role, name) => `::-p-aria([name="${name}"][role="${role}"])`;

/** Waits until `fn` (run in the page, with `args`) is true. */
const until = (page, fn, ...args) => page.waitForFunction(fn, { polling: 50 }, ...args);

const levelCells = (page) => page.$$eval('#levels-table tbody td.level-cell', (tds) => tds.map((td) => td.textContent.trim()));
const savedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')));

/**
 * From Home: a new assessment of `place` on `date` through the form, every
 * competency rated by its radio choice, then its results.
 */
async function assess(page, { place, date, levels }) {
  await page.click(aria('link', en.start_new));
  await view(page, 'new', en.new_title);
  await page.locator('#f-place').fill(place);
  if (date) await page.locator('#f-date').fill(date);
  await page.click(aria('button', en.form_start));
  await view(page, 'step', TITLES[0]);
  for (const [i, level] of levels.entries()) {
    const id = COMPETENCIES[i];
    if (i > 0) {
      await page.click(`nav.steps a[href$="/${id}"]`);
      await view(page, 'step', TITLES[i]);
    }
    await page.click(`label[for="level-${id}-${level}"]`);
    // The app took it: the radio is checked and the progress counts it.
    await until(page, (id, level, n) => document.querySelector(`input[name="level-${id}"]:checked`)?.value === String(level)
      && document.querySelector('.progress-line')?.textContent.includes(`${n} of 5`), id, level, i + 1);
  }
  await page.click('nav.steps a[href$="/results"]');
  await view(page, 'results', fill(en.results_title, { title: place }));
}

test('Firefox: Home in a fresh profile shows its heading, the empty list and the navigation', async () => {
  const s = await openPage(env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', en.home_title, FIRST);
  assert.equal(await page.$eval('main[data-view="home"] .empty', (p) => p.textContent.trim()), en.home_empty);
  const nav = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(nav.includes(en.nav_region), `navigation: ${nav.join(', ')}`);
  assert.deepEqual(await savedKeys(page), [], 'nothing saved in a fresh profile');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await s.done();
});

test('Firefox: a new assessment, every competency rated, reaches its results, and a reload keeps them', async () => {
  const s = await openPage(env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', en.home_title, FIRST);
  const levels = [2, 1, 3, 5, 4];
  await assess(page, { place: 'Fortaleza', date: '2026-03-15', levels });
  assert.match(page.url(), /\/report\.html#\/a\/[a-z0-9]+\/results$/);
  assert.deepEqual(await levelCells(page), levels.map(levelText));
  const points = await page.$eval('svg.wide polygon.current', (p) => p.getAttribute('points'));
  assert.equal(points.trim().split(/\s+/).length, 5, 'the radar has a point per competency');
  assert.match(await page.$eval('main[data-view="results"]', (m) => m.textContent), /15 March 2026/, 'the date typed in the form');

  const records = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('budmm.a.')).map(([, v]) => JSON.parse(v).assessment));
  assert.equal(records.length, 1, 'one assessment saved');
  assert.equal(records[0].place, 'Fortaleza');
  assert.deepEqual(COMPETENCIES.map((id) => records[0].ratings[id]?.level), levels);

  await page.reload();
  await view(page, 'results', 'Results: Fortaleza');
  assert.deepEqual(await levelCells(page), levels.map(levelText), 'the same levels after a reload');
  await page.click(`header nav a[href="#/"]`);
  await view(page, 'home', en.home_title);
  assert.equal(await page.$$eval('main[data-view="home"] .card', (cards) => cards.length), 1);
  await s.done();
});

test('Firefox: a share link opens the same levels in another fresh profile, read-only, saving nothing', async () => {
  const a = await openPage(env.server.url);
  await visit(a.page, env.server.url, 'home', en.home_title, FIRST);
  const levels = [4, 3, 2, 1, 5];
  await assess(a.page, { place: 'Recife', levels });
  const link = await a.page.$eval('#share-link', (input) => input.value);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/results\.html#\/shared\/1\/[A-Za-z0-9_-]+$/);
  await a.done();

  const b = await openPage(env.server.url);
  await visit(b.page, link, 'shared', 'Results: Recife', FIRST);
  assert.match(await b.page.$eval('main[data-view="shared"]', (m) => m.textContent), /These results come from a link\./);
  assert.deepEqual(await levelCells(b.page), levels.map(levelText));
  assert.equal(await b.page.$$eval('.share', (els) => els.length), 0, 'no share or edit controls');
  assert.deepEqual(await b.page.evaluate(() => Object.keys(localStorage)), [], 'opening a link saves nothing');
  await b.done();
});

test('Firefox: the embed card on a portal, plain and sandboxed, shows the levels and sizes its frame', async () => {
  const s = await openPage(env.server.url);
  await visit(s.page, env.server.url, 'home', en.home_title, FIRST);
  const levels = [3, 2, 2, 4, 1];
  await assess(s.page, { place: 'Montevideo', levels });
  const snippet = await s.page.$eval('#embed-code', (area) => area.value);
  await s.done();
  assert.match(snippet, /src="[^"]+\/embed\.html\?lang=en#\/embed\/1\/[A-Za-z0-9_-]+"/);

  const sandboxed = snippet.replace('<iframe ', '<iframe id="sandboxed" sandbox="allow-scripts allow-popups" ');
  const plain = snippet.replace('<iframe ', '<iframe id="plain" ').replace(/<script>[\s\S]*<\/script>/, '');
  const host = await startHost(`<!doctype html><html lang="en"><head><title>City portal</title><link rel="icon" href="data:,"></head>
    <body><h1>Open data: maturity</h1>
    <script>window.messages = []; addEventListener('message', (e) => messages.push(e.data));</script>
    ${sandboxed}${plain}</body></html>`);
  try {
    const p = await openPage(host.url, { alsoAllowed: [env.server.url] });
    const { page } = p;
    await page.goto(host.url);
    for (const id of ['sandboxed', 'plain']) {
      const frame = await (await page.waitForSelector(`#${id}`)).contentFrame();
      await view(frame, 'embed', 'Montevideo', FIRST);
      const rows = await frame.$$eval('table.compact tbody tr', (trs) => trs.map((tr) => tr.querySelector('td').textContent.trim()));
      assert.deepEqual(rows, levels.map(levelText), `${id}: the levels`);
      assert.equal(await frame.$$eval('svg.wide polygon.current', (ps) => ps.length), 1, `${id}: the chart`);
      assert.equal(await frame.$eval('main a[href*="/results.html#/shared/1/"]', (a) => a.target), '_blank');
    }
    // The snippet's script sized both frames from their own height messages.
    await until(page, () => messages.filter((m) => m && m.type === 'budmm-embed-height').length >= 2);
    await until(page, () => [...document.querySelectorAll('iframe')].every((f) => f.style.height !== '720px'));
    const heights = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
    for (const h of heights) assert.ok(h > 300 && h !== 720, `frame sized to its card, got ${h}`);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], "the host's storage is untouched");
    await p.done();
  } finally {
    await host.close(true);
  }
});

test('Firefox: after one visit, the app opens and works with the network off and the host gone', async () => {
  // A server of its own, so that this test can take it away.
  const site = await startServer(DIST, 0);
  try {
    const s = await openPage(site.url);
    const { page } = s;
    await visit(page, site.url, 'home', en.home_title, FIRST);
    await until(page, () => navigator.serviceWorker.controller !== null);

    await page.setOfflineMode(true);
    await site.close(true);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.reload();
    await view(page, 'home', en.home_title);
    await assess(page, { place: 'Georgetown', levels: [2, 1, 3, 3, 2] });
    assert.deepEqual(await levelCells(page), [2, 1, 3, 3, 2].map(levelText));
    await page.reload();
    await view(page, 'results', 'Results: Georgetown');
    assert.deepEqual(await levelCells(page), [2, 1, 3, 3, 2].map(levelText), 'the same after a reload, offline');
    await s.done();
  } finally {
    await site.close(true);
  }
});

/** An exported file (docs/assessment-json.md) of one assessment. */
function fileOf(id, place, levels) {
  const rubric = { id: 'idb-big-urban-data-maturity-model', version: '2019-10' };
  const ratings = Object.fromEntries(levels.map((level, k) => [COMPETENCIES[k], { level, notes: '' }]));
  const assessment = { id, subject: { kind: 'city' }, place, date: '2026-03-01', assessor: '', rubric, ratings, created_ms: 1700000000000, updated_ms: 1700000000000 };
  return JSON.stringify({ format: 'budmm-assessments', schema: 2, rubric, assessments: [assessment] });
}

/** A results link as the app makes it (share.rs): deflated JSON, base64url. */
function linkOf(place, levels) {
  const json = JSON.stringify(['idb-budmm', '2019-10', 0, place, '2026-05-01', '', levels.join('')]);
  return `https://example.org/budmm/results.html#/shared/1/${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

test('Firefox: the regional view loads two files and a pasted link, a row per place', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'budmm-firefox-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const places = { Lima: [1, 2, 3, 4, 5], Quito: [5, 4, 3, 2, 1], Cusco: [2, 3, 2, 3, 2] };
  await writeFile(join(dir, 'lima.json'), fileOf('lima1', 'Lima', places.Lima));
  await writeFile(join(dir, 'quito.json'), fileOf('quito1', 'Quito', places.Quito));
  const s = await openPage(env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', en.home_title, FIRST);
  await page.click('header nav a[href="#/region"]');
  await view(page, 'region', en.region_title, FIRST);

  const files = await page.waitForSelector('#region-files');
  await files.uploadFile(join(dir, 'lima.json'), join(dir, 'quito.json'));
  await until(page, () => document.querySelector('.region-status')?.textContent === 'Loaded: 2 assessments, 2 places.');
  await page.locator('#region-links').fill(linkOf('Cusco', places.Cusco));
  await page.click(aria('button', en.region_add_links));
  await until(page, () => document.querySelector('.region-status')?.textContent === 'Loaded: 3 assessments, 3 places.');

  const rows = await page.$$eval('#landscape tbody tr', (trs) => trs.map((tr) => [
    tr.querySelector('th').textContent.trim(),
    [...tr.querySelectorAll('td .digit')].map((d) => Number(d.textContent)),
  ]));
  assert.deepEqual(rows, [['Cusco', places.Cusco], ['Lima', places.Lima], ['Quito', places.Quito]], 'a row per place, by name');
  assert.deepEqual(await savedKeys(page), [], 'nothing saved until asked');
  await s.done();
});
