// Shared by the end-to-end tests: the release build served from 127.0.0.1,
// Debian's Chromium driven by playwright-core, and checks every test wants.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { startServer } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export async function serveDist(extra = {}) {
  return startServer(DIST, 0, extra);
}

/**
 * For a test file that starts servers of its own: `serve(...)` takes
 * startServer's arguments, and every server it started is closed (its open
 * connections cut) when the file ends, even after a failed test, so the
 * process can exit. A test may close one itself, once or more.
 */
export function useServers() {
  const open = new Set();
  after(() => Promise.all([...open].map((close) => close(true))));
  return async (...args) => {
    const site = await startServer(...args);
    let closing = null;
    const close = (cut = false) => {
      open.delete(close);
      closing ??= site.close(cut);
      return closing;
    };
    open.add(close);
    return { ...site, close };
  };
}

/** A catalog template with its `{name}` slots filled. */
export const fill = (template, args) => template.replace(/\{([a-z_]+)\}/g, (_, k) => args[k]);

/** For a test file: dist/ served from 127.0.0.1 and one Chromium, as `env.server` and `env.browser`. */
export function useApp() {
  const env = {};
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * What a page did that no test wants: page errors, console errors (but
 * `allowConsoleErrors`), dialogs (dismissed), failed responses, and
 * requests (from `requests`: the context in playwright, the page in
 * puppeteer) that leave `allowed`. The two drivers name these events alike.
 */
export function watchProblems(page, requests, allowed, allowConsoleErrors = []) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsoleErrors.some((re) => re.test(m.text()))) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  requests.on('request', (r) => {
    const url = r.url();
    if (!allowed.some((o) => url.startsWith(o)) && !/^(data|blob|about):/.test(url)) problems.push(`request off origin: ${url}`);
  });
  return problems;
}

/**
 * A fresh browser context and page, recording page errors, console errors and
 * any request that leaves the page's own origin. Call `done()` at the end of
 * a test: it fails the test on any of those.
 */
export async function openPage(browser, origin, { allowConsoleErrors = [], alsoAllowed = [], locale = 'en-US', serviceWorkers = 'allow', userAgent } = {}) {
  const allowed = [origin, ...alsoAllowed];
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale, serviceWorkers, userAgent });
  const page = await context.newPage();
  const problems = watchProblems(page, context, allowed, allowConsoleErrors);
  return {
    context,
    page,
    problems,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'no page errors, console errors or off-origin requests');
    },
  };
}

/** Waits for the app to have rendered a view (any), with its heading. */
export async function ready(page) {
  await page.locator('main[data-view] h1').first().waitFor();
  await appInCharge(page);
}

/**
 * index.html paints Home first, then its app takes over
 * (src/platform/takeover.rs): tests act once the app is in charge, except
 * those about that first paint (pages.test.mjs), which hold the app back.
 */
export async function appInCharge(page) {
  await page.locator('#first-paint').waitFor({ state: 'detached' });
}

/**
 * Waits until the app shows the view `name` (`<main data-view>`: home, new,
 * about, details, step, results, plan, progress, compare, merge, guide,
 * shared, embed, not-found, missing) and, when given, a level-1 heading
 * with that name (string or RegExp). Use it after every navigation, before
 * reading or filling anything: the previous view may still be on screen.
 * `page` may also be a frame (`page.frameLocator(…)`).
 */
export async function view(page, name, heading) {
  // While index.html's app takes over, its view is drawn in a hidden root
  // beside the first paint's: the one that counts is the app's, once shown.
  const main = `main[data-view="${name}"]:not(#first-paint main):not([hidden] main)`;
  await page.locator(main).waitFor();
  await appInCharge(page);
  const h1 = page.locator(`${main} h1`);
  if (heading === undefined) {
    await h1.first().waitFor();
  } else {
    await page.locator(main).getByRole('heading', { level: 1, name: heading, exact: typeof heading === 'string' }).waitFor();
  }
}

/** `page.goto(url)`, then waits for the view `name` (and heading) as `view` does. */
export async function visit(page, url, name, heading) {
  await page.goto(url);
  await view(page, name, heading);
}

/**
 * Presses Tab until the focused element matches `predicate` (run in the page
 * with `arg`), like a keyboard user.
 */
export async function tabTo(page, description, predicate, arg = null, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  assert.fail(`could not reach ${description} with the Tab key`);
}

/** Runs axe-core (WCAG 2.x A and AA, and best practices); fails on any violation, whatever its impact. */
export async function axe(page, label) {
  // Through the debugging protocol, not a <script>: the page's CSP rightly
  // refuses inline scripts.
  await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `axe on ${label}: violations`);
  return violations;
}

/** A message catalog (i18n/<lang>.json), so tests can find controls in any language. */
export function catalog(lang) {
  return JSON.parse(readFileSync(join(ROOT, 'i18n', `${lang}.json`), 'utf8'));
}

export const LANGS = ['en', 'es', 'pt', 'fr'];

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function storedValue(page, key = 'budmm.store') {
  return page.evaluate((k) => window.localStorage.getItem(k), key);
}

/**
 * The assessments saved in this page's storage: one record per key
 * (`budmm.a.<id>`, store schema 3), deletions left out; oldest first.
 */
export async function storedAssessments(page) {
  const all = await allStorage(page);
  return Object.entries(all)
    .filter(([k]) => k.startsWith('budmm.a.'))
    .map(([, v]) => JSON.parse(v))
    .filter((r) => r.assessment)
    .map((r) => r.assessment)
    .sort((a, b) => a.created_ms - b.created_ms || a.id.localeCompare(b.id));
}

/** The raw records of saved assessments, by key. */
export async function storedRecords(page) {
  const all = await allStorage(page);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('budmm.a.')).map(([k, v]) => [k, JSON.parse(v)]));
}

export async function allStorage(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** Creates an assessment through the form with the mouse, for tests about later steps. */
export async function createAssessment(page, { place = 'Fortaleza', date, initiative } = {}) {
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await view(page, 'new', 'New assessment');
  if (initiative) {
    await page.getByLabel('One initiative or project').check();
    await page.getByLabel('Name of the initiative').fill(initiative);
  }
  await page.getByLabel('City or organisation').fill(place);
  if (date) await page.getByLabel('Date of the assessment').fill(date);
  await page.getByRole('button', { name: 'Start assessing' }).click();
  await view(page, 'step', 'Open Data');
}

/** Rates competencies by level number through the radio groups; null skips one. */
export async function rate(page, levels) {
  const titles = ['Open Data', 'Cultivating Data Ecosystems', 'Analytics', 'Data-Driven Decision-Making', 'Participation & Public Services'];
  for (const [i, level] of levels.entries()) {
    await page.getByRole('navigation', { name: 'Competencies' }).getByRole('link', { name: new RegExp(`^${titles[i].replace(/[&]/g, '\\$&')}`) }).click();
    await view(page, 'step', titles[i]);
    if (level != null) await page.getByRole('radio', { name: new RegExp(`^Level ${level} ·`) }).check();
  }
}

/** A second origin on 127.0.0.1 serving one host page (e.g. a city portal). */
export async function startHost(html) {
  return startServer(join(ROOT, 'tests', 'e2e'), 0, { '/': ['text/html; charset=utf-8', html] });
}
