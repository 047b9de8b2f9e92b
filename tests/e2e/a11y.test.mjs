// Every view, in every language, at phone and desktop widths: axe-core finds
// no violation of any impact, nothing scrolls sideways, and every piece of
// text on screen comes from that language's catalog (or is the quoted rubric,
// or the user's own data). Screenshots are saved in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useApp, openPage, view, axe, screenshot, catalog, LANGS, ROOT, fill } from './helpers.mjs';

const env = useApp();

const RUBRIC = JSON.parse(readFileSync(join(ROOT, 'rubric', 'big-urban-data-maturity-model.en.json'), 'utf8'));
const USER_DATA = ['Fortaleza', 'Planejamento', 'Portal since 2019: <b>180</b> data sets', 'Publish the bus feed', 'Transport', 'Quito', 'Bike share'];

function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Each catalog template as a whole-text pattern; `{name}` stands for anything. */
function patterns(lang) {
  const templates = strings(catalog(lang));
  // A placeholder filled with marked-up content (a quote in another
  // language) leaves the template's words around it as text nodes of their own.
  const parts = templates.filter((t) => /\{[a-z_]+\}/.test(t))
    .flatMap((t) => t.split(/\{[a-z_]+\}/).map((p) => p.trim()).filter((p) => p.length > 3));
  return [
    ...templates.map((t) => new RegExp(`^${escape(t).replace(/\\\{[a-z_]+\\\}/g, '[\\s\\S]+?')}$`)),
    ...parts.map((p) => new RegExp(`^${escape(p)}$`)),
  ];
}

/** Text nodes the user can see that no catalog template, rubric quote or user datum explains. */
async function foreignText(page, lang) {
  const texts = await page.evaluate((pageLang) => {
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // [data-quote]: a citation quoted as published (an official translation's source).
      if (!el || el.closest('script, style, noscript, [hidden], [data-quote]')) continue;
      // Content declared in another language (quoted rubric, language names).
      if ((el.closest('[lang]')?.getAttribute('lang') ?? pageLang) !== pageLang) continue;
      // SVG labels are split over lines (tspans): read the label whole.
      const svgText = el.closest('text');
      if (svgText) {
        if (seen.has(svgText)) continue;
        seen.add(svgText);
        // The narrow chart letters its axes A, B, C… to match its key's
        // list markers: not words of any language.
        if (svgText.closest('svg.narrow') && /^[A-Z]$/.test(svgText.textContent.trim())) continue;
        const lines = [...svgText.querySelectorAll('tspan:not(.value)')];
        const t = (lines.length ? lines.map((l) => l.textContent).join(' ') : svgText.textContent).replace(/\s+/g, ' ').trim();
        if (t) out.push(t);
        continue;
      }
      // Only what is on screen (print-only parts are checked by the print test).
      if (!el.checkVisibility()) continue;
      const t = n.textContent.replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
    }
    return out;
  }, lang);
  const known = patterns(lang);
  const quoted = new Set(strings(RUBRIC));
  // Separators and signs the views put around catalog text.
  const bare = (t) => t.replace(/^[\s—·←→:(),“”«»"]+|[\s—·←→:(),“”«»"]+$/g, '');
  return texts.filter((t) => {
    const b = bare(t);
    // Numbers and signs: dashes for "none", the sort marks of a column.
    if (!b || /^[\d\s+−/—–.·▲▼↕-]+$/.test(b)) return false;
    if (quoted.has(b) || USER_DATA.some((u) => b === u || b.startsWith(u))) return false;
    return !known.some((re) => re.test(b) || re.test(t));
  });
}

/** Two assessments of Fortaleza a year apart, with notes, targets, an action and guided answers. */
function store() {
  const base = {
    subject: { kind: 'city' }, place: 'Fortaleza', assessor: 'Planejamento',
    rubric: { id: RUBRIC.id, version: RUBRIC.version }, created_ms: 1, updated_ms: 1,
  };
  return JSON.stringify({ format: 'budmm-store', schema: 2, assessments: [
    { ...base, id: 'y1', date: '2025-03-01', ratings: { 'open-data': { level: 1 }, analytics: { level: 2 } } },
    { ...base, id: 'y2', date: '2026-03-01',
      ratings: {
        'open-data': { level: 2, target: 4, notes: 'Portal since 2019: <b>180</b> data sets',
          guided: { answers: ['yy', 'yy', 'yny'], suggested: 2, accepted: true } },
        'data-ecosystems': { level: 1, target: 2 }, analytics: { level: 3 }, 'decision-making': { level: 2 },
      },
      plan: [{ competency: 'open-data', what: 'Publish the bus feed', owner: 'Transport', due: '2026-12-01', status: 'doing' }] },
  ] });
}

for (const width of [1280, 320]) {
  for (const lang of LANGS) {
    test(`every view in ${lang} at ${width} px: axe clean, no sideways scroll, only catalog text`, async () => {
      const T = catalog(lang);
      // The browser speaks the language too: the embedded card reads no
      // storage, so it follows the browser.
      const s = await openPage(env.browser, env.server.url, { locale: lang });
      const { page } = s;
      await page.setViewportSize({ width, height: 900 });
      // Called once the view is on screen (see `go`).
      const check = async (name) => {
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${name}: <html lang>`);
        await axe(page, `${name} (${lang}, ${width}px)`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} (${lang}) at ${width}px scrolls sideways by ${overflow}px`);
        assert.deepEqual(await foreignText(page, lang), [], `${name} (${lang}): text not from the catalog`);
        await screenshot(page, `${lang}-${name}-${width}`);
      };
      /** Goes to `hash` (or a whole address), then waits for the view `name` with that heading. */
      const go = async (hash, name, heading) => {
        await page.goto(hash.startsWith('#') ? `${env.server.url}${hash}` : hash);
        await view(page, name, heading);
      };
      const title = 'Fortaleza';

      // The browser's language first: nothing is stored yet.
      await go('#/', 'home', T.home_title);
      await page.evaluate(([v, l]) => { localStorage.setItem('budmm.store', v); localStorage.setItem('budmm.lang', l); }, [store(), lang]);
      await page.reload();
      await view(page, 'home', T.home_title);
      await page.locator('.card').nth(1).waitFor();
      await check('home');
      await go('#/new', 'new', T.new_title);
      await page.getByRole('button', { name: T.form_start }).click();
      await page.locator('#form-errors').waitFor();
      await check('new-with-errors');
      await go('#/a/y2/open-data', 'step', T.competency_names['open-data']);
      // Guided answers are saved for this competency, so the questions are open.
      await page.getByRole('button', { name: T.guided_close }).waitFor();
      await page.locator('.suggestion').waitFor();
      await check('assess-guided');
      await go('#/a/y2/results', 'results', fill(T.results_title, { title }));
      await check('results');
      const link = await page.locator('#share-link').inputValue();
      await go('#/a/y2/plan', 'plan', fill(T.plan_title, { title }));
      await check('plan');
      await go('#/a/y2/progress', 'progress', fill(T.progress_title, { title }));
      await page.locator('.compare-table').waitFor();
      await check('progress');
      await go('#/compare', 'compare', T.compare_title);
      await page.locator('.picker input').first().check();
      await page.locator('.picker input').nth(1).check();
      await page.locator('.compare-table').waitFor();
      await check('compare');
      await go('#/merge', 'merge', T.merge_title);
      await page.getByLabel(T.pool_links_label).fill('not a link');
      await page.getByRole('button', { name: T.pool_add_links }).click();
      await page.locator('.picker input').first().check();
      await page.locator('.picker input').nth(1).check();
      await page.locator('.merge-table').waitFor();
      await check('merge');
      await go('#/region', 'region', T.region_title);
      await page.getByRole('button', { name: fill(T.region_add_saved_n.other, { n: '2' }) }).click();
      await page.getByLabel(T.region_place_label).selectOption({ label: title });
      await page.locator('p.standing').waitFor();
      await check('region');
      await go('#/guide/process', 'guide', T.guide_process_title);
      await check('guide-process');
      await go('#/guide/institutions', 'guide', T.guide_institutions_title);
      await check('guide-institutions');
      await go('#/about', 'about', T.about_title);
      await check('about');
      await page.goto('about:blank');
      await go(link, 'shared', fill(T.results_title, { title }));
      await check('shared');
      await page.goto('about:blank');
      await go(link.replace('#/shared/', '#/embed/'), 'embed', title);
      await check('embed-card');
      // The card is its own page (it never loads the saved assessments).
      await page.goto('about:blank');
      await go('#/shared/1/damaged', 'shared', T.link_error_title);
      await check('link-error');
      await go('#/a/gone/results', 'missing', T.missing_assessment_title);
      await check('missing');
      await go('#/nowhere', 'not-found', T.not_found_title);
      await check('not-found');
      await go('#/', 'home', T.home_title);
      await page.locator('.card').first().getByRole('button', { name: T.action_delete }).click();
      await page.getByRole('button', { name: T.undo }).waitFor();
      await check('home-deleted-undo');
      await s.done();
    });
  }
}
