// Made for the people who use it: our help beside every quoted descriptor in
// the user's language, phones, re-assessing without surprises, links that
// work from the offline edition, what a mayor sees, and the small slips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useApp, openPage, view, visit, createAssessment, rate, storedAssessments, screenshot, catalog, fill, LANGS, axe, DIST,
} from './helpers.mjs';

const env = useApp();
const en = catalog('en');
const COMPETENCIES = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];
const TITLES = ['Open Data', 'Cultivating Data Ecosystems', 'Analytics', 'Data-Driven Decision-Making', 'Participation & Public Services'];
const rubric = JSON.parse(await readFile(new URL('../../rubric/big-urban-data-maturity-model.en.json', import.meta.url), 'utf8'));

/** One complete assessment of Quito with a target and a note, on its results. */
async function quito(page, { levels = [2, 3, 1, 2, 4] } = {}) {
  await visit(page, env.server.url, 'home', en.home_title);
  await createAssessment(page, { place: 'Quito', date: '2026-03-15' });
  await page.getByLabel('Target level').selectOption('4');
  await page.getByLabel('Notes and evidence').fill('Internal: the portal budget is not approved yet.');
  await rate(page, levels);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Quito');
}

/**
 * A new assessment of `place`, made through the form in the catalog `m`'s
 * language; returns its id once its first step is on screen.
 */
async function startIn(page, m, place) {
  await visit(page, env.server.url, 'home', m.home_title);
  await page.getByRole('link', { name: m.start_new }).first().click();
  await view(page, 'new', m.new_title);
  await page.locator('#f-place').fill(place);
  await page.getByRole('button', { name: m.form_start }).click();
  await view(page, 'step', m.competency_names['open-data']);
  return page.url().match(/#\/a\/([a-z0-9-]+)\//)[1];
}

test('each level and definition has our help in the user language beside the exact English quote', async () => {
  for (const lang of LANGS) {
    const m = catalog(lang);
    const s = await openPage(env.browser, env.server.url, { locale: lang });
    const { page } = s;
    const assessment = await startIn(page, m, 'Recife');
    for (const [i, id] of COMPETENCIES.entries()) {
      await visit(page, `${env.server.url}report.html#/a/${assessment}/${id}`, 'step', m.competency_names[id]);
      const c = rubric.competencies[i];
      const definition = page.locator('p.definition');
      assert.equal(await definition.textContent(), c.definition, `${lang}: the definition is quoted exactly`);
      assert.equal(await definition.getAttribute('lang'), 'en');
      const help = page.locator('p.definition + p.our-help');
      assert.equal(await help.textContent(), m.our_help + m.competency_help[id], `${lang}: our words on ${id}, marked as ours`);
      const cards = page.locator('.level-card');
      assert.equal(await cards.count(), 5);
      for (let level = 0; level < 5; level++) {
        const card = cards.nth(level);
        const quote = card.locator('.descriptor');
        assert.equal(await quote.textContent(), c.descriptors[level], `${lang} ${id} level ${level + 1}: the quote`);
        assert.equal(await quote.getAttribute('lang'), 'en');
        assert.equal(await card.locator('.our-help-mark').textContent(), m.our_help);
        assert.deepEqual(await card.locator('.our-help-item').allTextContents(), m.questions[id][level], `${lang} ${id} level ${level + 1}: our questions`);
        assert.equal(await card.locator('.our-help').evaluate((e) => e.closest('[lang]').lang), lang, 'our help is in the page language');
        // Tied to its radio as a description; the radio's name stays short.
        const radio = card.getByRole('radio');
        assert.equal(await radio.getAttribute('aria-describedby'), await card.locator('.our-help').getAttribute('id'));
        assert.ok(!(await card.locator('label').textContent()).includes(m.our_help), 'not inside the label');
      }
    }
    if (lang === 'es') await screenshot(page, 'people-step-help-es');
    await visit(page, `${env.server.url}report.html#/about`, 'about', m.about_title);
    assert.deepEqual(await page.locator('dd .our-help').allTextContents(), COMPETENCIES.map((id) => m.our_help + m.competency_help[id]));
    await s.done();
  }
});

test('on a phone every table row shows all its cells, labelled, and chart text stays readable', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await quito(page);
  await page.setViewportSize({ width: 360, height: 800 });
  const table = page.locator('#levels-table');
  const cells = await table.locator('tbody td').evaluateAll((tds) => tds.map((td) => {
    const r = td.getBoundingClientRect();
    return { label: td.dataset.label, left: r.left, right: r.right, width: r.width, before: getComputedStyle(td, '::before').content };
  }));
  assert.equal(cells.length, 20);
  for (const c of cells) {
    assert.ok(c.left >= 0 && c.right <= 360 && c.width > 100, `a cell within the screen: ${JSON.stringify(c)}`);
    // Shown, with no alternative text: screen readers have the column header.
    assert.equal(c.before, `${JSON.stringify(c.label)} / ""`, 'each cell says its column');
  }
  assert.deepEqual([...new Set(cells.map((c) => c.label))], [en.col_level, en.col_holds, en.col_target, en.col_next]);
  // Still a table to a screen reader: rows named by their header, cells by
  // their content only (the shown column label is not read again).
  const stacked = page.getByRole('table', { name: en.table_caption });
  assert.equal(await stacked.getByRole('row').count(), 6);
  await stacked.getByRole('rowheader', { name: 'Open Data', exact: true }).waitFor();
  assert.equal(await stacked.getByRole('cell', { name: 'Level 2 · Basic', exact: true }).count(), 2, 'two rows at level 2');
  const scroll = await page.locator('.table-wrap').first().evaluate((w) => w.scrollWidth - w.clientWidth);
  assert.equal(scroll, 0, 'nothing to scroll sideways');
  const sizes = await textSizes(page);
  assert.ok(sizes.length >= 10, `chart text measured: ${sizes.length}`);
  assert.ok(Math.min(...sizes) >= 11, `chart text at least 11 px on a 360 px screen: ${Math.min(...sizes)}`);
  assert.deepEqual(await page.locator('.radar-key li').allTextContents(), [
    'Open Data: level 2, target level 4', 'Cultivating Data Ecosystems: level 3', 'Analytics: level 1',
    'Data-Driven Decision-Making: level 2', 'Participation & Public Services: level 4',
  ].map((t) => t.replace(', target level 4', `, ${fill(en.chart_target_item, { n: 4 })}`)));
  await screenshot(page, 'people-results-360');
  await page.emulateMedia({ media: 'print' });
  const print = await textSizes(page);
  assert.ok(Math.min(...print) >= 8 * 96 / 72, `chart text at least 8 pt in print: ${Math.min(...print)} px`);
  await s.done();
});

/** Rendered sizes (CSS px) of every text of the charts on screen. */
function textSizes(page, charts = '.results .radar > svg') {
  return page.locator(charts).evaluateAll((svgs) => svgs
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .flatMap((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    }));
}

test('level cards leave our help lines of 35 characters or more, and no word leaves its card, at 1024, 1280 and 1440 px in every language', async () => {
  for (const lang of LANGS) {
    const m = catalog(lang);
    const s = await openPage(env.browser, env.server.url, { locale: lang });
    const { page } = s;
    const id = await startIn(page, m, 'Florianópolis');
    for (const competency of COMPETENCIES) {
      await visit(page, `${env.server.url}report.html#/a/${id}/${competency}`, 'step', m.competency_names[competency]);
      for (const width of [1024, 1280, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        const problems = await page.locator('.level-card').evaluateAll((cards) => cards.flatMap((card, i) => {
          const out = [];
          const box = card.getBoundingClientRect();
          if (card.scrollWidth > card.clientWidth + 1) out.push(`level ${i + 1}: content wider than its card`);
          for (const el of card.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > box.right + 1) out.push(`level ${i + 1}: "${el.textContent.slice(0, 30)}" overflows`);
          }
          // The first 35 letters of each help line, set on one line in the
          // same font, fit the line the card gives it.
          for (const item of card.querySelectorAll('.our-help-item')) {
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            probe.textContent = item.textContent.slice(0, 35);
            item.append(probe);
            const needed = probe.getBoundingClientRect().width;
            probe.remove();
            const style = getComputedStyle(item);
            const room = item.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            if (needed > room) out.push(`level ${i + 1}: help line holds fewer than 35 characters (${Math.round(room)} px for ${Math.round(needed)})`);
          }
          return out;
        }));
        assert.deepEqual(problems, [], `${lang}, ${competency}, ${width} px`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    if (lang === 'pt') await screenshot(page, 'people-level-cards-pt-1280');
    await s.done();
  }
});

test('no chart label is cut, in any language, from 320 to 1440 px', async () => {
  for (const lang of LANGS) {
    const m = catalog(lang);
    const s = await openPage(env.browser, env.server.url, { locale: lang });
    const { page } = s;
    const id = await startIn(page, m, 'Montréal');
    // Two levels only: the others' "not assessed" are the longest labels.
    await page.locator('.level-card input').nth(1).check();
    await page.locator('#f-target').selectOption('5');
    await visit(page, `${env.server.url}report.html#/a/${id}/results`, 'results');
    for (const width of [320, 360, 480, 600, 768, 1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const cut = await page.locator('.results .radar > svg').evaluateAll((svgs) => svgs
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .flatMap((svg) => {
          const vb = svg.viewBox.baseVal;
          return [...svg.querySelectorAll('text')].filter((t) => {
            const b = t.getBBox();
            return b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height;
          }).map((t) => `${svg.getAttribute('class')}: ${t.textContent}`);
        }));
      assert.deepEqual(cut, [], `${lang} at ${width} px: labels inside the chart`);
      const shown = await page.locator('.results .radar > svg').evaluateAll((svgs) => svgs.filter((s) => s.getBoundingClientRect().width > 0).length);
      assert.equal(shown, 1, 'one chart at a time');
    }
    if (lang === 'fr') await screenshot(page, 'people-results-fr-1440');
    await s.done();
  }
});

test('the downloaded chart has a legend, the assessment and the whole credit', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await quito(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.download_chart }).click()]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /^Quito-2026-03-15\.svg$/);
  assert.match(svg, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  // Drawn as a browser would show the file on its own: every text inside.
  const file = await s.context.newPage();
  await file.setContent(svg.replace(/^<\?xml[^>]*>\n/, ''));
  const texts = await file.locator('svg > text, svg > g > text').evaluateAll((ts) => ts.map((t) => t.textContent));
  const words = texts.join(' ');
  assert.ok(texts.includes(en.legend_current) && texts.includes(en.legend_target), `legend: ${texts}`);
  assert.ok(texts.includes(fill(en.dated_title, { title: 'Quito', date: '15 March 2026' })), 'title and date');
  for (const credit of [en.footer_source, en.footer_licence]) {
    assert.ok(words.replace(/\s+/g, ' ').includes(credit), `the whole credit: ${credit}`);
  }
  const outside = await file.locator('svg').evaluate((svg) => {
    const vb = svg.viewBox.baseVal;
    return [...svg.querySelectorAll('text')].filter((t) => {
      const b = t.getBBox();
      return b.x < vb.x || b.x + b.width > vb.x + vb.width || b.y < vb.y || b.y + b.height > vb.y + vb.height;
    }).map((t) => t.textContent);
  });
  assert.deepEqual(outside, [], 'nothing cut in the file');
  await file.close();
  await s.done();
});

test('re-assessing makes nothing until confirmed; a copy carries its date; the card leads with what comes next', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', en.home_title);
  await createAssessment(page, { place: 'Lima', date: '2025-11-20' });
  await rate(page, [2, 2, 3]);
  await visit(page, env.server.url, 'home', en.home_title);
  const card = page.locator('article.card').first();
  assert.equal(await card.locator('.actions .primary').textContent(), en.action_continue, 'incomplete: Continue leads');
  await card.getByRole('link', { name: en.action_continue }).click();
  await view(page, 'step', 'Data-Driven Decision-Making');
  await rate(page, [2, 2, 3, 1, 2]);
  await visit(page, env.server.url, 'home', en.home_title);
  assert.equal(await card.locator('.actions .primary').textContent(), en.action_results, 'complete: Results leads');
  assert.equal(await card.locator('.actions .primary').count(), 1, 'one main button');
  assert.equal(await card.locator('h2').textContent(), 'Lima · 20 November 2025');
  const before = await storedAssessments(page);

  await card.getByRole('link', { name: en.action_reassess }).click();
  await view(page, 'reassess', fill(en.reassess_title, { title: 'Lima' }));
  assert.equal(await page.locator('.notice.info').textContent(), fill(en.reassess_intro, { date: '20 November 2025' }));
  assert.deepEqual(await storedAssessments(page), before, 'opening the form makes nothing');
  await page.getByRole('link', { name: en.cancel }).click();
  await view(page, 'home', en.home_title);
  assert.deepEqual(await storedAssessments(page), before, 'Cancel leaves the list as it was');
  assert.equal(await page.locator('article.card').count(), 1);

  await page.locator('article.card').first().getByRole('link', { name: en.action_reassess }).click();
  await view(page, 'reassess');
  // The same date as the one it starts from: said at once, not refused.
  await page.getByLabel(en.form_date).fill('2025-11-20');
  await page.getByText(en.reassess_same_date).waitFor();
  await page.getByLabel(en.form_date).fill('2026-11-20');
  assert.equal(await page.getByText(en.reassess_same_date).count(), 0);
  await page.getByRole('button', { name: en.reassess_start }).click();
  await view(page, 'step', 'Open Data');
  const after = await storedAssessments(page);
  assert.equal(after.length, 2);
  assert.equal(after[1].date, '2026-11-20');
  assert.equal(after[1].ratings.analytics.level, 3, 'the copy starts from the levels');
  await visit(page, env.server.url, 'home', en.home_title);
  assert.deepEqual(await page.locator('article.card h2').allTextContents(), ['Lima · 20 November 2026', 'Lima · 20 November 2025']);
  await screenshot(page, 'people-home-copies');

  // What moved, on a phone: the overlay chart keeps its text readable too.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator('article.card').first().getByRole('link', { name: en.action_progress }).click();
  await view(page, 'progress', 'Progress: Lima');
  const sizes = await textSizes(page, '.radar.overlay > svg');
  assert.ok(sizes.length >= 10 && Math.min(...sizes) >= 11, `overlay text at 360 px: ${Math.min(...sizes)} px`);
  assert.deepEqual(await page.locator('.radar.overlay .radar-key li').allTextContents(), TITLES);
  await screenshot(page, 'people-progress-360');
  await s.done();
});

test('a re-assessment starts with every level carried over until confirmed or changed; results, files and links say how many', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', en.home_title);
  await createAssessment(page, { place: 'Lima', date: '2025-11-20' });
  await rate(page, [2, 2, 3, 1, 2]);
  await visit(page, env.server.url, 'home', en.home_title);
  await page.locator('article.card').first().getByRole('link', { name: en.action_reassess }).click();
  await view(page, 'reassess');
  await page.getByLabel(en.form_date).fill('2026-11-20');
  await page.getByRole('button', { name: en.reassess_start }).click();
  await view(page, 'step', 'Open Data');
  const id = page.url().match(/#\/a\/([a-z0-9-]+)\//)[1];
  // Last year's answers are there, and say so: nothing counts as assessed yet.
  const carried = page.locator('[data-notice="carried"]');
  assert.equal(await carried.locator('p').first().textContent(), fill(en.carried_notice, { n: 2 }));
  assert.equal(await page.locator('.assess-head .progress-line').textContent(),
    `${fill(en.progress_label_n.other, { n: 0, total: 5 })} · ${fill(en.carried_count_n.other, { n: 5 })}`);
  assert.deepEqual(await page.locator('.steps .step-status').allTextContents(), [2, 2, 3, 1, 2].map((n) => fill(en.step_carried, { n })));
  await axe(page, 'a step carried over');
  await screenshot(page, 'people-carried-step');
  // Confirmed as it is, and changed: both are this year's answers.
  await carried.getByRole('button', { name: fill(en.carried_confirm, { n: 2 }) }).click();
  await carried.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'level-open-data-2', 'on the level it confirmed');
  await visit(page, `${env.server.url}report.html#/a/${id}/analytics`, 'step', 'Analytics');
  await page.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await carried.waitFor({ state: 'detached' });
  const stored = (await storedAssessments(page)).find((a) => a.id === id);
  assert.deepEqual(COMPETENCIES.map((c) => stored.ratings[c].carried === true), [false, true, false, true, true]);
  assert.equal(stored.ratings.analytics.level, 4);

  // Home counts what is confirmed, and leads to the next level to confirm.
  await visit(page, env.server.url, 'home', en.home_title);
  const card = page.locator('article.card').first();
  assert.equal(await card.locator('.progress-line').textContent(),
    `${fill(en.progress_count_n.other, { n: 2, total: 5 })} · ${fill(en.carried_count_n.other, { n: 3 })}`);
  await card.getByRole('link', { name: en.action_continue }).click();
  await view(page, 'step', 'Cultivating Data Ecosystems');

  // The results say it, mark each, and lead to confirming them.
  await visit(page, `${env.server.url}report.html#/a/${id}/results`, 'results', 'Results: Lima');
  const notice = page.locator('.results [data-notice="carried"]');
  assert.equal(await notice.locator('p').first().textContent(), fill(en.results_carried_n.other, { n: 3, total: 5 }));
  assert.equal(await notice.getByRole('link', { name: fill(en.results_confirm_n.other, { name: 'Cultivating Data Ecosystems' }) }).getAttribute('href'), `#/a/${id}/data-ecosystems`);
  assert.equal(await page.locator('td.level-cell .carried-record').count(), 3);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.export_json }).click()]);
  const file = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.deepEqual(COMPETENCIES.map((c) => file.assessments[0].ratings[c].carried === true), [false, true, false, true, true], 'the file keeps which');
  const link = await page.locator('#share-link').inputValue();
  await s.done();

  // A link's reader, in Spanish on a phone, is told the same.
  const es = catalog('es');
  const b = await openPage(env.browser, env.server.url, { locale: 'es-ES' });
  await b.page.setViewportSize({ width: 360, height: 740 });
  await visit(b.page, link, 'shared', fill(es.results_title, { title: 'Lima' }));
  assert.equal(await b.page.locator('[data-notice="carried"] p').first().textContent(), fill(es.results_carried_n.other, { n: 3, total: 5 }));
  assert.deepEqual(await b.page.locator('td.level-cell .carried-record').allTextContents(), [es.level_carried, es.level_carried, es.level_carried]);
  await axe(b.page, 'a shared re-assessment, 360 px, Spanish');
  await b.done();
});

test('a mayor gets the link without internal notes, a print button, and copy buttons at hand', async () => {
  const a = await openPage(env.browser, env.server.url);
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  const { page } = a;
  await quito(page);
  // The action bar at the top reaches the share panel.
  await page.locator('.results > header').getByRole('button', { name: en.action_share }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'share-title');
  assert.equal(await page.getByLabel(en.share_with_notes).isChecked(), false, 'notes stay out unless ticked');
  const link = await page.locator('#share-link').inputValue();
  await page.getByRole('button', { name: en.embed_copy }).click();
  await page.getByText(en.embed_copied).waitFor();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(code, await page.locator('#embed-code').inputValue());
  assert.match(code, /embed\.html\?lang=en#\/embed\/1\//);
  await a.done();

  const b = await openPage(env.browser, env.server.url, { locale: 'pt-BR' });
  const pt = catalog('pt');
  await visit(b.page, link, 'shared', fill(pt.results_title, { title: 'Quito' }));
  assert.equal(await b.page.locator('.notes dd').count(), 0, 'no internal note reached the mayor');
  assert.equal(await b.page.getByText(pt.shared_plan_note).count(), 1, 'says where the full plan lives');
  assert.equal(await b.page.locator('.results').getByRole('button', { name: pt.action_print }).count(), 1, 'a print button');
  const credited = (page) => page.evaluate((t) => [...document.querySelectorAll('p, span')]
    .filter((el) => el.checkVisibility() && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.includes(t))).length, pt.footer_source.slice(0, 30));
  assert.equal(await credited(b.page), 1, 'the source is credited once on screen');
  await b.page.emulateMedia({ media: 'print' });
  assert.equal(await b.page.locator('.radar svg.narrow').isVisible(), true, 'the same printed report');
  assert.equal(await credited(b.page), 1, 'and once on paper, under the results');
  await screenshot(b.page, 'people-shared-pt');
  await b.done();

  // The card follows the language its code names, not the visitor's.
  const card = await openPage(env.browser, env.server.url, { locale: 'fr-FR' });
  const src = code.match(/src="([^"]+)"/)[1].replace('?lang=en', '?lang=es');
  await card.page.goto(src);
  await card.page.locator('main[data-view="embed"] svg').first().waitFor();
  assert.equal(await card.page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await card.page.locator('.embed-card table caption').textContent(), catalog('es').table_caption);
  await card.done();
});

test('a link received from any address opens here; anything else is named', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await quito(page);
  const link = await page.locator('#share-link').inputValue();
  const elsewhere = link.replace(/^http:\/\/127\.0\.0\.1:\d+\//, 'https://datos.municipio.gob.ec/madurez/');
  await visit(page, env.server.url, 'home', en.home_title);
  await page.getByLabel(en.open_link_label).fill('https://example.org/not-this-app');
  await page.getByRole('button', { name: en.open_link_button }).click();
  await page.getByRole('alert').filter({ hasText: en.open_link_not_ours }).waitFor();
  assert.equal(await page.locator('main').getAttribute('data-view'), 'home');
  // Far too long to be ours: refused here at once, nothing opened.
  await page.getByLabel(en.open_link_label).fill(`${elsewhere}${'A'.repeat(70_000)}`);
  await page.getByRole('button', { name: en.open_link_button }).click();
  await page.getByRole('alert').filter({ hasText: en.link_too_large }).waitFor();
  assert.equal(await page.locator('main').getAttribute('data-view'), 'home');
  await page.getByLabel(en.open_link_label).fill(`  ${elsewhere}\n`);
  await page.getByRole('button', { name: en.open_link_button }).click();
  await view(page, 'shared', 'Results: Quito');
  assert.ok(page.url().startsWith(env.server.url), 'opened on this copy of the app');
  await s.done();
});

test('links that went through mail open: Safe Links, an escaped #, brackets and a full stop, lines broken in a quoted reply', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await quito(page);
  const away = (url) => url.replace(/^http:\/\/127\.0\.0\.1:\d+\//, 'https://datos.municipio.gob.ec/madurez/');
  const plain = await page.locator('#share-link').inputValue();
  const link = away(plain);
  // The same results with their notes: a second link, of other content.
  await page.getByLabel(en.share_with_notes).check();
  await page.waitForFunction((before) => document.querySelector('#share-link')?.value !== before, plain);
  const withNotes = away(await page.locator('#share-link').inputValue());
  const wrap = (url) => `https://eur02.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=05%7C02%7Cana%40quito.gob.ec%7C&sdata=x%3D&reserved=0`;
  const safeLinks = wrap(link);
  for (const text of [safeLinks, link.replace('#', '%23'), `<${link}>.`, `“${link}”`]) {
    await visit(page, env.server.url, 'home', en.home_title);
    await page.getByLabel(en.open_link_label).fill(text);
    await page.getByRole('button', { name: en.open_link_button }).click();
    await view(page, 'shared', 'Results: Quito');
  }
  // A reply that quotes the first mail, its link broken over two lines, and
  // a second link wrapped by the scanner: both are added for comparing
  // (once the saved Quito has changed: what is saved here is not opened).
  const id = (await storedAssessments(page))[0].id;
  await visit(page, `${env.server.url}report.html#/a/${id}/open-data`, 'step', 'Open Data');
  await page.getByRole('radio', { name: /^Level 5 ·/ }).check();
  for (let i = 0; (await storedAssessments(page))[0].ratings['open-data'].level !== 5; i++) {
    assert.ok(i < 50, 'the change is saved');
    await page.waitForTimeout(100);
  }
  const [head, tail] = [link.slice(0, link.indexOf('/shared/1/') + 40), link.slice(link.indexOf('/shared/1/') + 40)];
  await visit(page, `${env.server.url}#/compare`, 'compare', 'Compare assessments');
  await page.getByLabel(en.pool_links_label).fill(`Hola Ana,\n> Los resultados:\n> ${head}\n> ${tail}\n> ${wrap(withNotes)}\n> Saludos`);
  await page.getByRole('button', { name: en.pool_add_links }).click();
  await page.getByText(en.pool_opened_tag).nth(1).waitFor();
  assert.equal(await page.getByText(en.pool_opened_tag).count(), 2, 'two links found, nothing refused');
  assert.equal(await page.getByRole('alert').count(), 0);
  await s.done();
});

test('the offline edition offers no link that only works on this disk, and uses the public address when built with one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'budmm-people-'));
  // The edition as a build without a public address makes it, and as one
  // with (BUDMM_PUBLIC_URL writes the attribute; tests may run either way).
  const edition = (await readFile(join(DIST, 'budmm-offline.html'), 'utf8')).replace(/ data-public-url="[^"]*"/, '');
  const plain = join(dir, 'urban-data-maturity.html');
  await writeFile(plain, edition);
  const withAddress = join(dir, 'with-address.html');
  await writeFile(withAddress, edition.replace(/<html\b/, '<html data-public-url="https://datos.ciudad.gob/madurez"'));

  for (const [file, address] of [[plain, null], [withAddress, 'https://datos.ciudad.gob/madurez/']]) {
    const s = await openPage(env.browser, 'file://', { serviceWorkers: 'block' });
    const { page } = s;
    await page.goto(pathToFileURL(file).href);
    await view(page, 'home', en.home_title);
    await createAssessment(page, { place: 'Cusco' });
    await rate(page, [1, 2, 3, 4, 5]);
    await page.getByRole('link', { name: 'See the results' }).first().click();
    await view(page, 'results', 'Results: Cusco');
    if (address === null) {
      assert.equal(await page.locator('#share-link').count(), 0, 'no link to a file on this disk');
      assert.equal(await page.locator('.qr svg').count(), 0, 'no QR code of it');
      assert.equal(await page.locator('#embed-code').count(), 0, 'no embed code of it');
      assert.equal(await page.locator('[data-on-disk]').textContent(), en.share_on_disk);
      assert.equal(await page.getByRole('button', { name: en.export_json }).count(), 1, 'the file instead');
      await screenshot(page, 'people-offline-no-link');
      // A link received opens here, with no network at all.
      const received = 'https://datos.ciudad.gob/madurez/report.html#/shared/1/' + (await sharedPayload());
      await page.goto(`${pathToFileURL(file).href}#/`);
      await view(page, 'home', en.home_title);
      await page.getByLabel(en.open_link_label).fill(received);
      await page.getByRole('button', { name: en.open_link_button }).click();
      await view(page, 'shared', 'Results: Quito');
    } else {
      const link = await page.locator('#share-link').inputValue();
      assert.ok(link.startsWith(`${address}results.html#/shared/1/`), link);
      assert.equal(await page.locator('.qr svg path').count(), 1);
      assert.match(await page.locator('#embed-code').inputValue(), new RegExp(`src="${address.replace(/[./]/g, '\\$&')}embed\\.html\\?lang=en#/embed/1/`));
    }
    await s.done();
  }
});

/** A results payload made by the app itself in a browser on the server. */
let payload = null;
async function sharedPayload() {
  if (payload) return payload;
  const s = await openPage(env.browser, env.server.url);
  await quito(s.page);
  payload = (await s.page.locator('#share-link').inputValue()).split('/').pop();
  await s.done();
  return payload;
}

test('the small slips: plural forms, the tab title, the date hint, editing from the results', async () => {
  const fr = catalog('fr');
  const s = await openPage(env.browser, env.server.url, { locale: 'fr-FR' });
  const { page } = s;
  await visit(page, env.server.url, 'home', fr.home_title);
  await page.getByRole('link', { name: fr.start_new }).first().click();
  await view(page, 'new', fr.new_title);
  assert.equal(await page.locator('#h-date').textContent(), fr.form_date_hint);
  assert.doesNotMatch(fr.form_date_hint, /\d{4}-\d{2}-\d{2}/, 'no format the field may not show');
  await page.locator('#f-place').fill('Lyon');
  await page.getByRole('button', { name: fr.form_start }).click();
  await view(page, 'step', fr.competency_names['open-data']);
  await page.locator('.level-card input').nth(2).check();
  await visit(page, env.server.url, 'home', fr.home_title);
  assert.match(await page.locator('article.card .progress-line').textContent(), /1 compétence évaluée sur 5/);
  assert.doesNotMatch(await page.locator('main').textContent(), /\(s\)/);
  await page.waitForFunction((t) => document.title === t, fr.app_name);
  await page.getByLabel(fr.lang_label).selectOption('es');
  await view(page, 'home', catalog('es').home_title);
  await page.waitForFunction((t) => document.title === t, catalog('es').app_name);

  const id = await page.locator('article.card').first().getAttribute('aria-labelledby');
  await page.getByLabel(catalog('es').lang_label).selectOption('en');
  await view(page, 'home', en.home_title);
  await visit(page, `${env.server.url}report.html#/a/${id.replace(/^card-/, '')}/results`, 'results', 'Results: Lyon');
  await page.getByRole('link', { name: `${en.action_change} — Analytics` }).click();
  await view(page, 'step', 'Analytics');
  await s.done();
});

test('the new and changed views have no axe violations in four languages at 320 and 1280 px', async () => {
  for (const lang of LANGS) {
    const m = catalog(lang);
    const s = await openPage(env.browser, env.server.url, { locale: lang });
    const { page } = s;
    const id = await startIn(page, m, 'Bogotá');
    await page.locator('.level-card input').nth(1).check();
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [url, name] of [
        [`${env.server.url}#/`, 'home'],
        [`${env.server.url}#/a/${id}/again`, 'reassess'],
        [`${env.server.url}report.html#/a/${id}/open-data`, 'step'],
        [`${env.server.url}report.html#/a/${id}/results`, 'results'],
      ]) {
        await visit(page, url, name);
        await axe(page, `${name} in ${lang} at ${width} px`);
      }
      if (width === 320) await screenshot(page, `people-results-${lang}-320`);
    }
    await s.done();
  }
});
