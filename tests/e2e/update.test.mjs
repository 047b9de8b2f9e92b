// New versions and failed starts: an update behind an HTTP cache arrives
// whole; every tab of the old build is told and reloads into the new one,
// without losing a form being filled in; a start that fails says so, in the
// user's language, with a button that clears the app's files (never the
// saved assessments) and starts afresh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, useServers, openPage, view, catalog, createAssessment, storedAssessments, axe, DIST, screenshot } from './helpers.mjs';

const env = useApp();
const en = catalog('en');
const WAIT = { timeout: 30_000 };

const scratch = await mkdtemp(join(tmpdir(), 'budmm-update-'));
after(() => rm(scratch, { recursive: true, force: true }));
const serve = useServers();

const sha = (algorithm, data) => createHash(algorithm).update(data).digest('base64');

// The pages of the app, each with its own code.
const PAGES = ['index.html', 'report.html', 'results.html', 'plan.html', 'region.html', 'embed.html', 'region-card.html'];

/** The names of the JS glue and wasm that each page of a build loads. */
async function codeOf(dir) {
  const code = {};
  for (const name of PAGES) {
    const html = await readFile(join(dir, name), 'utf8');
    const glue = html.match(/'\.\/([\w-]+-[0-9a-f]+\.js)'/)?.[1];
    const wasm = html.match(/'\.\/([\w-]+-[0-9a-f]+_bg\.wasm)'/)?.[1];
    assert.ok(glue && wasm, `${name} loads a glue and a wasm`);
    code[name] = { glue, wasm };
  }
  return code;
}

/** The code `build` has for the page `page` shows (index.html for the folder). */
function codeFor(build, page) {
  const name = new URL(page.url()).pathname.split('/').pop() || 'index.html';
  assert.ok(build[name], `a page of the app: ${page.url()}`);
  return build[name];
}

/**
 * Build B, made from the release build A as the next deployment would be:
 * every page's glue and wasm under new hashed names (A's are not there any
 * more), each page loading them (integrity of the glue, modulepreload and
 * preload links, start-up script and its CSP hash), and sw.js with the new
 * names and a new version.
 */
async function nextBuild(from, name) {
  const to = join(scratch, name);
  await cp(from, to, { recursive: true });
  const a = await codeOf(to);
  const b = {};
  let sw = await readFile(join(to, 'sw.js'), 'utf8');
  for (const page of PAGES) {
    const old = a[page];
    const next = newNames(`${name}:${old.glue}`, old.glue.replace(/-[0-9a-f]+\.js$/, ''));
    const glue = (await readFile(join(to, old.glue), 'utf8')).split(old.wasm).join(next.wasm);
    await writeFile(join(to, next.glue), glue);
    await cp(join(to, old.wasm), join(to, next.wasm));
    await rm(join(to, old.glue));
    await rm(join(to, old.wasm));
    await writeFile(join(to, page), retarget(await readFile(join(to, page), 'utf8'), old, next, glue));
    sw = sw.split(old.glue).join(next.glue).split(old.wasm).join(next.wasm);
    b[page] = next;
  }
  const version = sw.match(/(["'])(budmm-[0-9a-f]{16})\1/)[2];
  const nextVersion = `budmm-${createHash('sha256').update(`${name}:${version}`).digest('hex').slice(0, 16)}`;
  sw = sw.split(version).join(nextVersion);
  await writeFile(join(to, 'sw.js'), sw);
  return { dir: to, code: b, old: a, version: nextVersion };
}

/** Hashed names for another build's glue and wasm of the binary `bin`. */
function newNames(seed, bin = 'budmm') {
  const id = `${bin}-${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`;
  return { glue: `${id}.js`, wasm: `${id}_bg.wasm` };
}

/**
 * A page loading the glue and wasm `b` instead of `a`: the start-up
 * script and its CSP hash, the modulepreload and preload links, and the
 * glue's integrity (when its bytes are given).
 */
function retarget(page, a, b, glue) {
  let html = page.split(a.glue).join(b.glue).split(a.wasm).join(b.wasm);
  const integrity = new RegExp(`(href=\\./${b.glue.replace('.', '\\.')} integrity=)sha384-[A-Za-z0-9+/=]+`);
  assert.match(html, integrity);
  if (glue !== undefined) html = html.replace(integrity, `$1sha384-${sha('sha384', glue)}`);
  const start = html.match(/<script type=module>([\s\S]*?)<\/script>/)[1];
  assert.match(html, /'sha256-[A-Za-z0-9+/=]+'/);
  return html.replace(/'sha256-[A-Za-z0-9+/=]+'/, `'sha256-${sha('sha256', start)}'`);
}

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
}

/** Asks the browser to look for a new sw.js now (as it does on its own, later). */
async function lookForUpdate(page) {
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
}

/** The JS glue the page runs. */
async function glueOf(page) {
  return page.evaluate(() => document.querySelector('link[rel=modulepreload]').getAttribute('href').replace('./', ''));
}

/**
 * openPage records problems of its first page only; a second tab of the
 * same context gets the same checks here.
 */
function watch(page, s) {
  page.on('pageerror', (e) => s.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') s.problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) s.problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
}

/** Waits until `check()` (async) is true, polling; fails after `ms`. */
async function until(check, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((ok) => { setTimeout(ok, 50); });
  }
}

/** `promise`, or a failure after `ms`. */
async function within(promise, what, ms = 30_000) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for the problems a test provokes on purpose to be recorded, one at
 * least for each pattern, and takes them out of `s.problems`: openPage's
 * allowConsoleErrors covers console errors only, not page errors or HTTP
 * errors.
 */
async function provoked(s, patterns) {
  await until(async () => patterns.every((re) => s.problems.some((p) => re.test(p))),
    `problems matching ${patterns.join(' and ')} (got ${JSON.stringify(s.problems)})`);
  const rest = s.problems.filter((p) => !patterns.some((re) => re.test(p)));
  s.problems.splice(0, s.problems.length, ...rest);
}

test('an update behind an HTTP cache arrives whole, and starts again after a reload and offline', async () => {
  const b = await nextBuild(DIST, 'b-http-cache');
  // Like most static hosts: every file may be cached for an hour.
  const site = await serve(DIST, 0, {}, { cacheControl: 'max-age=3600' });
  const s = await openPage(env.browser, site.url);
  const { page, context } = s;
  await page.goto(site.url);
  await view(page, 'home');
  await controlled(page);
  await createAssessment(page, { place: 'Cartagena' });
  await view(page, 'step', 'Open Data');
  assert.equal(await glueOf(page), codeFor(b.old, page).glue);

  // Build B is deployed; A's code is gone from the host.
  site.setRoot(b.dir);
  await lookForUpdate(page);
  const notice = page.locator('[data-notice="update"]');
  await notice.waitFor(WAIT);
  await Promise.all([
    page.waitForEvent('load', WAIT),
    notice.getByRole('button', { name: en.update_reload }).click(),
  ]);
  await view(page, 'step', 'Open Data');
  assert.equal(await glueOf(page), codeFor(b.code, page).glue, 'the new build runs');
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('budmm-'))), [b.version]);
  assert.equal(await page.locator('[data-notice="update"]').count(), 0);

  // It works: the saved assessment is there, and a new one can be made.
  await page.goto(`${site.url}#/`);
  await view(page, 'home');
  await page.getByText('Cartagena').first().waitFor();
  await createAssessment(page, { place: 'Barranquilla' });
  await view(page, 'step', 'Open Data');

  await page.reload();
  await view(page, 'step', 'Open Data');
  assert.equal(await glueOf(page), codeFor(b.code, page).glue);

  await context.setOffline(true);
  await site.close(true);
  await page.goto(`${site.url}#/`);
  await view(page, 'home');
  await page.reload();
  await view(page, 'home');
  assert.equal(await glueOf(page), codeFor(b.code, page).glue);
  assert.deepEqual((await storedAssessments(page)).map((a) => a.place).sort(), ['Barranquilla', 'Cartagena']);
  await context.setOffline(false);
  await s.done();
  await site.close();
});

test('every tab of the old build is told; a form being filled in holds the reload until it is saved', async () => {
  const b = await nextBuild(DIST, 'b-two-tabs');
  const site = await serve(DIST, 0);
  const s = await openPage(env.browser, site.url);
  const { page: tab1, context } = s;
  const tab2 = await context.newPage();
  watch(tab2, s);
  await tab1.goto(site.url);
  await view(tab1, 'home');
  await controlled(tab1);
  await tab2.goto(site.url);
  await view(tab2, 'home');
  await controlled(tab2);

  // Tab 1 has a form with input that is not saved yet.
  await tab1.goto(`${site.url}#/new`);
  await view(tab1, 'new');
  await tab1.getByLabel('City or organisation').fill('Montevideo');
  await tab1.evaluate(() => { window.sameDocument = true; });

  site.setRoot(b.dir);
  await lookForUpdate(tab1);
  const notice1 = tab1.locator('[data-notice="update"]');
  const notice2 = tab2.locator('[data-notice="update"]');
  await notice1.waitFor(WAIT);
  assert.ok((await notice1.textContent()).includes(en.update_ready_open_form));

  await notice1.getByRole('button', { name: en.update_reload }).click();
  await tab1.locator('[data-notice="update"]', { hasText: en.update_wait_forms }).waitFor(WAIT);
  assert.equal(await tab1.evaluate(() => window.sameDocument), true, 'no reload while the form is open');
  assert.equal(await tab1.getByLabel('City or organisation').inputValue(), 'Montevideo');
  assert.equal(await tab1.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null), true, 'the new version still waits');
  assert.equal(await glueOf(tab1), codeFor(b.old, tab1).glue);

  // Saving the form lets the new version in, on the page it leads to
  // (the rating steps are on report.html): that page of the old build
  // loads, and reloads into the new one as soon as it hears of it.
  await tab1.getByRole('button', { name: en.form_start }).click();
  await until(async () => {
    try {
      return new URL(tab1.url()).pathname.endsWith('/report.html') && await glueOf(tab1) === b.code['report.html'].glue;
    } catch {
      return false; // between two documents
    }
  }, 'tab 1 to run the new build of report.html', 30_000);
  await view(tab1, 'step', 'Open Data');
  assert.equal(await glueOf(tab1), codeFor(b.code, tab1).glue, 'tab 1 runs the new build');
  assert.deepEqual((await storedAssessments(tab1)).map((a) => a.place), ['Montevideo']);
  await tab1.goto(`${site.url}#/`);
  await view(tab1, 'home');
  await tab1.getByText('Montevideo').first().waitFor();

  // Tab 2 clicked nothing: it still runs the old build, and is told.
  await notice2.waitFor(WAIT);
  assert.equal(await glueOf(tab2), codeFor(b.old, tab2).glue);
  assert.equal(await tab2.evaluate(() => navigator.serviceWorker.controller !== null && window.budmmUpdateReady === true), true);
  assert.equal(await tab2.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting), null, 'nothing waits any more');
  await Promise.all([
    tab2.waitForEvent('load', WAIT),
    notice2.getByRole('button', { name: en.update_reload }).click(),
  ]);
  await view(tab2, 'home');
  assert.equal(await glueOf(tab2), codeFor(b.code, tab2).glue, 'tab 2 runs the new build');
  await tab2.getByText('Montevideo').first().waitFor();
  assert.equal(await tab2.locator('[data-notice="update"]').count(), 0);
  await s.done();
  await site.close();
});

/** A copy of the release whose wasm files do not compile. */
async function brokenWasmBuild(name) {
  const dir = join(scratch, name);
  await cp(DIST, dir, { recursive: true });
  for (const { wasm } of Object.values(await codeOf(dir))) {
    const bytes = await readFile(join(dir, wasm));
    await writeFile(join(dir, wasm), bytes.subarray(0, 4096).map((x, i) => (i > 8 ? x ^ 0x5a : x)));
  }
  return dir;
}

/** The failed-start message in `lang`: visible, an alert, with a real button that shows focus. */
async function assertFailureMessage(page, lang) {
  const m = catalog(lang);
  const box = page.locator('main#boot-message.boot-failed');
  await box.waitFor({ timeout: 10_000 });
  assert.equal(await box.getAttribute('lang'), lang);
  const alert = box.getByRole('alert');
  assert.equal(await alert.getByRole('heading', { level: 1 }).textContent(), m.boot_failed);
  assert.match(await alert.textContent(), new RegExp(m.boot_failed_safe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const button = box.getByRole('button', { name: m.boot_failed_button });
  await button.waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.matches('#boot-message button:focus-visible')), true, 'the button takes focus first, visibly');
  assert.notEqual(await button.evaluate((el) => getComputedStyle(el).outlineStyle), 'none');
  return button;
}

test('a start that fails says so in the user\'s language, on the app and on the embedded card', async () => {
  const broken = await brokenWasmBuild('broken-wasm');
  const site = await serve(broken, 0);

  // The embedded card: no worker is registered there.
  const card = await openPage(env.browser, site.url, { locale: 'es-ES' });
  await card.page.goto(`${site.url}embed.html#/embed/1/anything`);
  await assertFailureMessage(card.page, 'es');
  await screenshot(card.page, 'boot-failed-embed-es');
  await card.page.waitForFunction(() => document.readyState === 'complete', null, WAIT);
  assert.deepEqual(await card.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await provoked(card, [/page error: .*WebAssembly/]);
  await card.done();

  // The app, in the browser's language; a remembered choice comes first.
  const s = await openPage(env.browser, site.url, { locale: 'es-ES' });
  await s.page.goto(site.url);
  await assertFailureMessage(s.page, 'es');
  await axe(s.page, 'the failed start (es)');
  await screenshot(s.page, 'boot-failed-es');
  await provoked(s, [/page error: .*WebAssembly/]);
  await s.page.evaluate(() => localStorage.setItem('budmm.lang', 'fr'));
  await s.page.reload();
  await assertFailureMessage(s.page, 'fr');
  await provoked(s, [/page error: .*WebAssembly/]);

  // The host is fixed; the button starts afresh and the app runs.
  site.setRoot(DIST);
  await Promise.all([
    s.page.waitForEvent('load', WAIT),
    s.page.getByRole('button', { name: catalog('fr').boot_failed_button }).click(),
  ]);
  await view(s.page, 'home');
  assert.equal(await s.page.evaluate(() => localStorage.getItem('budmm.lang')), 'fr');
  await s.done();
  await site.close();
});

test('a cache that pairs one build\'s page with another\'s code: the message, and its button clears the app\'s files only', async () => {
  // The bricked state: the worker's cache holds an index.html of another
  // build, whose code the host no longer has. The button gets the app out.
  let hold = null;
  const site = await serve(DIST, 0, {
    '/probe.html': ['text/html; charset=utf-8', '<!doctype html><html lang=en><link rel=icon href="data:,"><title>probe</title><p>probe</p></html>'],
  }, {
    onRequest: async (path) => {
      if (hold && path === '/') {
        const held = hold;
        hold = null;
        held.arrived();
        await held.released;
      }
    },
  });
  // The glue the stale page asks for is not there: the worker answers a
  // network error (the 404 fails the preload's integrity), the wasm's
  // preload gets the 404.
  const s = await openPage(env.browser, site.url, { allowConsoleErrors: [/status of 404/, /net::ERR_FAILED/] });
  const { page, context } = s;
  await page.goto(site.url);
  await view(page, 'home');
  await controlled(page);
  await createAssessment(page, { place: 'Asunción' });
  await view(page, 'step', 'Open Data');
  await page.goto(site.url);
  await view(page, 'home');
  const a = (await codeOf(DIST))['index.html'];
  const stale = retarget(await readFile(join(DIST, 'index.html'), 'utf8'), a, newNames('gone'));
  await page.evaluate(async (html) => {
    localStorage.setItem('budmm.test.kept', 'still here');
    const [key] = (await caches.keys()).filter((k) => k.startsWith('budmm-'));
    const cache = await caches.open(key);
    for (const path of ['./', './index.html']) {
      await cache.put(path, new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    }
    await (await caches.open('another-app')).put('./x', new Response('not ours'));
  }, stale);

  await page.reload();
  const button = await assertFailureMessage(page, 'en');
  await screenshot(page, 'boot-failed-en');
  await provoked(s, [/HTTP 404 for .*budmm-[0-9a-f]+_bg\.wasm$/]);

  // Holds the reload at the host, to look at the browser's state between
  // the clearing and the new start, from a second page of the site.
  let arrived;
  const reached = new Promise((ok) => { arrived = ok; });
  let release;
  const released = new Promise((ok) => { release = ok; });
  const probe = await context.newPage();
  watch(probe, s);
  await probe.goto(`${site.url}probe.html`);
  hold = { arrived, released };
  // Not awaited yet: the click may wait for the navigation it starts, which
  // the host holds.
  const clicked = button.click();
  clicked.catch(() => {});
  await within(reached, 'the reload to reach the host');
  assert.deepEqual(await probe.evaluate(async () => (await caches.keys()).sort()), ['another-app'], 'only the app\'s caches are gone');
  assert.equal(await probe.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'the worker is unregistered');
  assert.equal(await probe.evaluate(() => localStorage.getItem('budmm.test.kept')), 'still here');
  release();
  await clicked;

  await view(page, 'home');
  assert.equal(await glueOf(page), a.glue);
  assert.equal(await page.evaluate(() => localStorage.getItem('budmm.test.kept')), 'still here');
  assert.deepEqual((await storedAssessments(page)).map((x) => x.place), ['Asunción']);

  // Offline use comes back, though the other tab kept the old worker alive
  // through the clearing: this build's files are cached again.
  await page.reload();
  await view(page, 'home');
  await controlled(page);
  await until(() => page.evaluate(async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('budmm-') && await (await caches.open(key)).match('./')) return true;
    }
    return false;
  }), 'the app\'s files in the cache again');
  await context.setOffline(true);
  await site.close(true);
  await page.reload();
  await view(page, 'home');
  assert.equal(await glueOf(page), a.glue);
  await context.setOffline(false);
  await s.done();
});

test('a download that never ends: the message shows once the wait after load is over', async () => {
  const { wasm } = (await codeOf(DIST))['index.html'];
  const site = await serve(DIST, 0, {}, {
    onRequest: (path) => (path === `/${wasm}` ? new Promise(() => {}) : undefined),
  });
  const s = await openPage(env.browser, site.url, { locale: 'pt-BR' });
  await s.page.goto(site.url, { waitUntil: 'load' });
  assert.equal(await s.page.locator('#boot-message').textContent(), catalog('pt').boot_loading);
  // sw-register.js waits 15 s after the load event.
  await s.page.locator('main#boot-message.boot-failed').waitFor({ timeout: 45_000 });
  await assertFailureMessage(s.page, 'pt');
  await s.done();
  await site.close(true);
});
