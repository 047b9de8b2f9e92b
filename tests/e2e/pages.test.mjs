// The app in pages (src/ui/views.rs): a first visit fetches the first
// page's code only, and another language only when it is wanted; a view
// on another page shows its heading while that page loads, then takes
// focus; after one visit every page works offline in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, useServers, fill, openPage, view, visit, createAssessment, rate, catalog, LANGS, DIST } from './helpers.mjs';

const env = useApp();
const en = catalog('en');
const serve = useServers();

/** The paths of the app's own requests, from now on, in order. */
function requests(page) {
  const seen = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    seen.push(url.pathname + url.search);
  });
  return seen;
}

test('a first visit loads its own page\'s code only, and another language only when it is chosen', async () => {
  // No worker: it would fetch everything for offline use once the page
  // has loaded; this is about what the page itself needs.
  const s = await openPage(env.browser, env.server.url, { serviceWorkers: 'block' });
  const { page } = s;
  const seen = requests(page);
  await visit(page, env.server.url, 'home', en.home_title);
  const code = seen.filter((p) => /\.(wasm|js)$/.test(p));
  assert.ok(code.some((p) => /^\/budmm-[0-9a-f]+_bg\.wasm$/.test(p)), `index.html's wasm: ${code}`);
  assert.deepEqual(code.filter((p) => /budmm-(report|plan|embed)/.test(p)), [], 'no code of other pages');
  assert.deepEqual(seen.filter((p) => p.startsWith('/i18n/')), [], 'English is built in');

  const es = catalog('es');
  await page.getByLabel(en.lang_label).selectOption('es');
  await view(page, 'home', es.home_title);
  assert.deepEqual(seen.filter((p) => p.startsWith('/i18n/')).map((p) => p.replace(/\?.*/, '')), ['/i18n/index/es.json']);
  await page.getByLabel(es.lang_label).selectOption('en');
  await view(page, 'home', en.home_title);
  await page.getByLabel(en.lang_label).selectOption('es');
  await view(page, 'home', es.home_title);
  assert.equal(seen.filter((p) => p.startsWith('/i18n/')).length, 1, 'English needs no file, Spanish is not fetched twice');
  await s.done();

  // A browser in Portuguese: its language file comes with the first view.
  const pt = await openPage(env.browser, env.server.url, { serviceWorkers: 'block', locale: 'pt-BR' });
  const ptSeen = requests(pt.page);
  await visit(pt.page, env.server.url, 'home', catalog('pt').home_title);
  assert.deepEqual(ptSeen.filter((p) => p.startsWith('/i18n/')).map((p) => p.replace(/\?.*/, '')), ['/i18n/index/pt.json']);
  await pt.done();
});

test('a view on another page shows its heading and a loading line until that page runs, then takes focus', async () => {
  // The host holds plan.html's wasm, when asked to, until the test has looked.
  let hold = null;
  const holdPlan = () => {
    const h = {};
    h.arrived = new Promise((ok) => { h.reached = ok; });
    h.held = new Promise((ok) => { h.release = ok; });
    hold = h;
    return h;
  };
  const site = await serve(DIST, 0, {}, {
    onRequest: async (path) => {
      if (hold && /^\/budmm-plan-[0-9a-f]+_bg\.wasm$/.test(path)) {
        const h = hold;
        hold = null;
        h.reached();
        await h.held;
      }
    },
  });
  const s = await openPage(env.browser, site.url, { serviceWorkers: 'block' });
  const { page } = s;
  const es = catalog('es');
  await visit(page, site.url, 'home', en.home_title);
  await createAssessment(page, { place: 'Valparaíso' });
  await rate(page, [2, 3, 1, 2, 2]);
  await page.getByRole('link', { name: en.see_results }).first().click();
  await view(page, 'results');
  // In Spanish from here: the heading that waits is in the user's language.
  await page.getByLabel(en.lang_label).selectOption('es');
  await view(page, 'results', fill(es.results_title, { title: 'Valparaíso' }));
  const first = holdPlan();
  await page.getByRole('link', { name: es.action_plan, exact: true }).click();
  await first.arrived;
  const boot = page.locator('main#boot-message.boot-arriving');
  await boot.waitFor();
  assert.equal(await boot.getAttribute('lang'), 'es');
  assert.equal(await boot.getByRole('heading', { level: 1 }).textContent(), fill(es.plan_title, { title: 'Valparaíso' }));
  assert.equal(await boot.getByRole('status').textContent(), es.boot_loading);
  assert.match(page.url(), /\/plan\.html#\/a\/[a-z0-9]+\/plan$/);
  first.release();
  await view(page, 'plan', fill(es.plan_title, { title: 'Valparaíso' }));
  assert.equal(await page.locator('#boot-message').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title', 'focus on the new view, as within a page');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('budmm.arriving')), null, 'the note is used once');

  // A reload is a plain start: the loading line, no heading left over.
  const again = holdPlan();
  await page.reload();
  await again.arrived;
  await page.locator('p#boot-message', { hasText: es.boot_loading }).waitFor();
  assert.equal(await page.locator('#boot-message h1').count(), 0);
  again.release();
  await view(page, 'plan', fill(es.plan_title, { title: 'Valparaíso' }));

  // Back returns to the results.
  await page.goBack();
  await view(page, 'results', fill(es.results_title, { title: 'Valparaíso' }));
  assert.match(page.url(), /\/report\.html#\/a\/[a-z0-9]+\/results$/);
  await s.done();
});

test('Home paints before its app; links work at once, and what the user does meanwhile is done once the app is there', async () => {
  // The host holds index.html's app (its wasm), when asked to, until the
  // test has looked at the first paint.
  let hold = null;
  const holdApp = () => {
    const h = {};
    h.arrived = new Promise((ok) => { h.reached = ok; });
    h.held = new Promise((ok) => { h.release = ok; });
    hold = h;
    return h;
  };
  const site = await serve(DIST, 0, {}, {
    onRequest: async (path) => {
      if (hold && /^\/budmm-[0-9a-f]+_bg\.wasm$/.test(path)) {
        const h = hold;
        hold = null;
        h.reached();
        await h.held;
      }
    },
  });
  const s = await openPage(env.browser, site.url, { serviceWorkers: 'block' });
  const { page } = s;
  await visit(page, site.url, 'home', en.home_title);
  await createAssessment(page, { place: 'Natal' });
  await visit(page, `${site.url}#/`, 'home', en.home_title);
  await createAssessment(page, { place: 'Recife' });
  await page.setViewportSize({ width: 1280, height: 500 });
  const firstPaint = page.locator('#first-paint main[data-view="home"]');
  // Every element, its attributes and text, as a string: the app's buttons
  // carry the same ones (data-action, data-id are the first paint's and the
  // app's alike).
  // A boolean attribute reads the same as "" or as its own name.
  const markup = (root) => page.evaluate((sel) => {
    const walk = (n) => {
      if (n.nodeType === 3) return n.textContent;
      if (n.nodeType !== 1) return '';
      const attrs = [...n.attributes].map((a) => `${a.name}="${a.value === a.name ? '' : a.value}"`).sort().join(' ');
      return `<${n.localName} ${attrs}>${[...n.childNodes].map(walk).join('')}</${n.localName}>`;
    };
    return [...document.querySelector(sel).childNodes].map(walk).join('');
  }, root);

  // 1. The same page before and after the app comes: markup, scroll, focus.
  // Each load its own address: a new document, not a move within one.
  let h = holdApp();
  await page.goto(`${site.url}?load=1#/`);
  await h.arrived;
  await firstPaint.getByRole('heading', { level: 1, name: en.home_title }).waitFor();
  assert.equal(await firstPaint.locator('.card').count(), 2, 'the list, from storage');
  const before = await markup('#first-paint');
  await page.evaluate(() => window.scrollTo(0, 400));
  await firstPaint.locator('.card', { hasText: 'Recife' }).getByRole('link', { name: en.action_plan }).focus();
  h.release();
  await page.locator('#first-paint').waitFor({ state: 'detached' });
  await page.locator('#app-root main[data-view="home"]').waitFor();
  assert.equal(await markup('#app-root'), before, 'the app draws what the first paint showed');
  assert.equal(await page.evaluate(() => window.scrollY), 400, 'the page stays where it was scrolled');
  assert.deepEqual(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.closest('.card')?.querySelector('h2')?.textContent.startsWith('Recife')]), [en.action_plan, true], 'focus stays on the link it was on');

  // 2. Typed, pressed and submitted before the app: done once it is there.
  h = holdApp();
  await page.goto(`${site.url}?load=2#/`);
  await h.arrived;
  await firstPaint.waitFor();
  await firstPaint.getByLabel(en.open_link_label).fill('not a link of ours');
  await firstPaint.getByLabel(en.open_link_label).press('Enter');
  await firstPaint.locator('.card', { hasText: 'Natal' }).getByRole('button', { name: en.action_delete }).click();
  assert.equal(await page.locator('[data-notice="flash"]').count(), 0, 'nothing happens without the app');
  h.release();
  await view(page, 'home', en.home_title);
  await page.locator('[data-notice="flash"]', { hasText: '“Natal”' }).waitFor();
  await page.locator('.card', { hasText: 'Natal' }).waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel(en.open_link_label).inputValue(), 'not a link of ours', 'what was typed is kept');
  await page.locator('#open-link-error').waitFor();

  // 3. A link of a card works before the app: to its page at once.
  h = holdApp();
  await page.goto(`${site.url}?load=3#/`);
  await h.arrived;
  await firstPaint.locator('.card', { hasText: 'Recife' }).getByRole('link', { name: en.action_results, exact: true }).first().click();
  await view(page, 'results', fill(en.results_title, { title: 'Recife' }));
  assert.match(page.url(), /\/report\.html#\/a\/[a-z0-9]+\/results$/);
  h.release();

  // 4. "Start a new assessment" answers at once, and the form comes with the app.
  h = holdApp();
  await page.goto(`${site.url}?load=4#/`);
  await h.arrived;
  await firstPaint.getByRole('link', { name: en.start_new }).click();
  await page.locator('#first-paint main[data-view="leaving"]').getByRole('status').waitFor();
  h.release();
  await view(page, 'new', en.new_title);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title', 'focus on the form\'s heading, as after any navigation');
  await s.done();
});

test('when the app cannot come after the first paint, the failed-start message says so above it', async () => {
  const site = await serve(DIST, 0, {}, {
    onRequest: (path) => {
      // The app's wasm is gone from the host (a broken deploy): a 404.
      if (/^\/budmm-[0-9a-f]+_bg\.wasm$/.test(path)) throw new Error('gone');
    },
  });
  const s = await openPage(env.browser, site.url, { serviceWorkers: 'block', allowConsoleErrors: [/./] });
  const { page } = s;
  await page.goto(site.url);
  await page.locator('#first-paint main[data-view="home"]').getByRole('heading', { level: 1, name: en.home_title }).waitFor();
  const box = page.locator('main#boot-message.boot-failed');
  await box.waitFor({ timeout: 30_000 });
  assert.equal(await box.getByRole('alert').getByRole('heading', { level: 1 }).textContent(), en.boot_failed);
  await box.getByRole('button', { name: en.boot_failed_button }).waitFor();
  assert.equal(await page.locator('#first-paint').count(), 1, 'the first paint stays, and its links with it');
  await s.context.close();
  assert.deepEqual(s.problems.filter((p) => !/^HTTP 404 for .*\/budmm-[0-9a-f]+_bg\.wasm$/.test(p) && !/^page error/.test(p)), [], 'only the missing wasm');
});

test('after one visit, every page works offline in every language', async () => {
  const site = await serve(DIST, 0);
  const s = await openPage(env.browser, site.url);
  const { page, context } = s;
  await visit(page, site.url, 'home', en.home_title);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await context.setOffline(true);
  await site.close(true);

  await createAssessment(page, { place: 'Paramaribo' });
  await rate(page, [1, 2]);
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    const m = catalog(lang);
    await visit(page, `${site.url}#/`, 'home');
    await page.getByLabel(catalog(await page.evaluate(() => document.documentElement.lang)).lang_label).selectOption(lang);
    await view(page, 'home', m.home_title);
    const id = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('budmm.a.')))).assessment.id);
    await visit(page, `${site.url}#/a/${id}/results`, 'results', fill(m.results_title, { title: 'Paramaribo' }));
    assert.match(page.url(), /\/report\.html#/);
    await visit(page, `${site.url}#/a/${id}/plan`, 'plan', fill(m.plan_title, { title: 'Paramaribo' }));
    assert.match(page.url(), /\/plan\.html#/);
    await visit(page, `${site.url}#/compare`, 'compare', m.compare_title);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    // The card, from the results' embed snippet.
    await visit(page, `${site.url}#/a/${id}/results`, 'results', fill(m.results_title, { title: 'Paramaribo' }));
    const card = (await page.locator('#embed-code').inputValue()).match(/src="([^"]+)"/)[1];
    await visit(page, card, 'embed', 'Paramaribo');
    // In the language its snippet names (the maker's), whatever the
    // browser's; the card reads no remembered choice.
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
  }
  await context.setOffline(false);
  await s.done();
});

test('no other site can hand the app records: a window name of ours is dropped unread where session storage works', async () => {
  // A real record, as the app writes it.
  const maker = await openPage(env.browser, env.server.url);
  await visit(maker.page, env.server.url, 'home', en.home_title);
  await createAssessment(maker.page, { place: 'Planted' });
  const [key, record] = await maker.page.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith('budmm.a.'));
    return [k, localStorage.getItem(k)];
  });
  await maker.done();

  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto('about:blank');
  // As a hostile page would by opening the app in a window it names.
  await page.evaluate((value) => { window.name = value; }, `budmm.session:${JSON.stringify({ 'budmm.unsaved': JSON.stringify({ format: 'budmm-carry', to: '', records: [{ key, record }] }) })}`);
  await visit(page, env.server.url, 'home', en.home_title);
  assert.equal(await page.evaluate(() => window.name), '', 'the name is cleared');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).length), 0);
  await s.done();
});
