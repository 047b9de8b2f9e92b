// Languages: chosen from the browser, switched from any view and remembered;
// a shared link opens in the viewer's language; the model's descriptors stay
// in English, said once; exports follow the language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, view, visit, createAssessment, rate, catalog, tabTo, LANGS, storedAssessments, fill } from './helpers.mjs';

const env = useApp();

/** A fresh browser whose preferred language is `locale`. */
const pageIn = (locale) => openPage(env.browser, env.server.url, { locale });

test('the language comes from the browser, can be switched on any view, and is remembered', async () => {
  const pt = catalog('pt');
  const fr = catalog('fr');
  const s = await pageIn('pt-BR');
  const { page } = s;
  await visit(page, env.server.url, 'home', pt.home_title);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt');
  assert.equal(await page.evaluate(() => localStorage.getItem('budmm.lang')), null, 'following the browser stores nothing');

  await visit(page, `${env.server.url}#/about`, 'about', pt.about_title);
  await page.getByLabel(pt.lang_label).selectOption('fr');
  await view(page, 'about', fr.about_title);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  // Competency names are ours, in French; the definitions stay as published.
  await page.getByText(fr.competency_names['open-data'], { exact: true }).waitFor();
  assert.equal(await page.locator('dd > span[lang="en"]').count(), 5);
  assert.equal(await page.locator('dd > .our-help').count(), 5, 'each with our help in French');

  await page.reload();
  await view(page, 'about', fr.about_title);
  assert.equal(await page.evaluate(() => localStorage.getItem('budmm.lang')), 'fr');
  await s.done();
});

test('a shared link opens in the viewer’s language, with the descriptors in English and a one-time notice', async () => {
  const es = catalog('es');
  const sender = await openPage(env.browser, env.server.url);
  await visit(sender.page, env.server.url, 'home', 'Your assessments');
  await createAssessment(sender.page, { place: 'Quito', date: '2026-04-02' });
  await rate(sender.page, [2, 1, 3, 2, 1]);
  await sender.page.getByRole('link', { name: 'See the results' }).first().click();
  await view(sender.page, 'results', 'Results: Quito');
  const link = await sender.page.locator('#share-link').inputValue();
  await sender.done();

  const s = await pageIn('es-EC');
  const { page } = s;
  await visit(page, link, 'shared', fill(es.results_title, { title: 'Quito' }));
  await page.getByText(es.shared_banner_title).first().waitFor();
  await page.getByText('2 de abril de 2026').first().waitFor();
  assert.deepEqual(
    (await page.locator('#levels-table tbody th').allTextContents()),
    ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'].map((id) => es.competency_names[id]),
  );
  // The descriptors are quoted in English and marked so.
  const holds = page.locator('#levels-table tbody tr').first().locator('td span[lang="en"]').first();
  assert.equal(await holds.textContent(), 'Open-data portal aggregates published government data sets.');

  const notice = page.locator('[data-notice="descriptors"]');
  assert.equal(await notice.textContent().then((t) => t.includes(es.descriptors_notice)), true);
  await notice.getByRole('button', { name: es.descriptors_notice_ok }).click();
  await notice.waitFor({ state: 'detached' });
  await page.reload();
  await view(page, 'shared', fill(es.results_title, { title: 'Quito' }));
  await page.getByText(es.shared_banner_title).first().waitFor();
  assert.equal(await notice.count(), 0, 'said once');
  await s.done();
});

test('CSV exports use the language’s headers, names and delimiter', async () => {
  const fr = catalog('fr');
  const s = await pageIn('fr-HT');
  const { page } = s;
  await visit(page, env.server.url, 'home', fr.home_title);
  await page.getByRole('link', { name: fr.start_new }).click();
  await view(page, 'new', fr.new_title);
  await page.getByLabel(fr.form_place).fill('Port-au-Prince');
  await page.getByLabel(fr.form_date).fill('2026-05-18');
  await page.getByRole('button', { name: fr.form_start }).click();
  await view(page, 'step', fr.competency_names['open-data']);
  await page.getByRole('radio', { name: new RegExp(`^${fr.level_label.replace('{n}', '2').replace('{name}', fr.level_names[1])}`) }).check();
  await page.getByRole('link', { name: fr.see_results }).first().click();
  await view(page, 'results', fill(fr.results_title, { title: 'Port-au-Prince' }));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: fr.export_csv }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], [fr.csv_initiative, fr.csv_place, fr.csv_date, fr.csv_competency, fr.csv_level, fr.csv_level_name, fr.csv_target, fr.csv_notes].join(';'));
  // A whole city: no initiative, and the city's name once.
  assert.equal(lines[1], `;Port-au-Prince;2026-05-18;${fr.competency_names['open-data']};2;${fr.level_names[1]};;`);
  await s.done();
});

test('guided mode suggests a level, the user overrides it, and the answers travel in the link', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Recife', date: '2026-06-01' });
  await page.getByRole('button', { name: 'Not sure? Answer yes/no questions' }).click();
  const yes = (q) => page.getByRole('group', { name: q }).getByRole('radio', { name: 'Yes' }).check();
  const no = (q) => page.getByRole('group', { name: q }).getByRole('radio', { name: 'No' }).check();
  await yes('Does at least one department share some of its data outside its own team, even informally or on request?');
  await page.getByText('Answer the questions above to get a suggestion.').waitFor();
  // Each save is announced in the status region, for screen readers.
  await page.locator('.notices[role="status"] .visually-hidden', { hasText: 'Saved on this device.' }).waitFor({ state: 'attached' });
  await yes('Is there any rule or policy, even a single department’s, that allows data to be shared?');
  await yes('Is there a single portal where the city’s published data sets can be found?');
  await yes('Do several departments publish data sets on that portal?');
  await no('Is there a policy or regulation that sets a timetable to publish the city’s data?');
  await page.getByText('Suggested level: 2 · Basic.').waitFor();
  await page.getByText('Held back by: “Is there a policy or regulation that sets a timetable to publish the city’s data?”').waitFor();
  await page.getByRole('button', { name: 'Use level 2' }).click();
  await page.getByText('You used the suggested level.').waitFor();
  assert.equal(await page.getByRole('radio', { name: /^Level 2 · Basic/ }).isChecked(), true);
  // Override: the assessor knows better.
  await page.getByRole('radio', { name: /^Level 3 · Intermediate/ }).check();
  await page.getByText('You chose level 3 instead of the suggested level 2.').waitFor();
  const saved = await storedAssessments(page);
  assert.deepEqual(saved[0].ratings['open-data'], {
    level: 3, guided: { answers: ['yy', 'yy', 'n--'], suggested: 2, accepted: false },
  });

  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Recife');
  await page.getByText('Guided: suggested level 2, overridden.').waitFor();
  const link = await page.locator('#share-link').inputValue();
  const other = await openPage(env.browser, env.server.url);
  await visit(other.page, link, 'shared', 'Results: Recife');
  await other.page.getByText('Guided: suggested level 2, overridden.').waitFor();
  await other.done();
  await s.done();
});

test('guided mode works with the keyboard alone', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Natal', date: '2026-07-01' });
  await tabTo(page, 'the guided-mode button', () => document.activeElement?.getAttribute('aria-controls') === 'guided-body');
  await page.keyboard.press('Enter');
  await page.locator('.guided-level').first().waitFor();
  const focusedRadio = () => page.evaluate(() => {
    const el = document.activeElement;
    return el?.type === 'radio' ? `${el.closest('fieldset.question')?.querySelector('legend')?.textContent}|${el.parentElement.textContent}` : null;
  });
  // Level 1: yes, yes. Level 2 then appears: yes, then "no" by arrow key.
  for (let q = 0; q < 4; q++) {
    await tabTo(page, `question ${q + 1}`, () => document.activeElement?.type === 'radio' && !document.activeElement.checked);
    await page.keyboard.press('Space');
    if (q === 3) await page.keyboard.press('ArrowRight');
    assert.match(await focusedRadio(), q === 3 ? /\|No$/ : /\|Yes$/);
  }
  await page.getByText('Suggested level: 1 · Ad hoc.').waitFor();
  await tabTo(page, 'the accept button', () => document.activeElement?.textContent === 'Use level 1');
  await page.keyboard.press('Enter');
  await page.getByText('You used the suggested level.').waitFor();
  assert.equal(await page.getByRole('radio', { name: /^Level 1 · Ad hoc/ }).isChecked(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'level-open-data-1', 'focus lands on the level chosen');
  await s.done();
});

test('before the app starts: the loading message in the browser’s language, and a no-script message in all four', async () => {
  const pt = catalog('pt');
  const s = await openPage(env.browser, env.server.url, { locale: 'pt-BR' });
  const { page } = s;
  // Hold the wasm back, as a slow connection would.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(env.server.url);
  await page.locator('#boot-message[lang="pt"]', { hasText: pt.boot_loading }).waitFor();
  release();
  await view(page, 'home', pt.home_title);
  assert.equal(await page.locator('#boot-message').count(), 0, 'the app removes it');
  await s.done();

  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(env.server.url);
  for (const lang of LANGS) {
    assert.ok(await noJs.locator(`noscript p[lang="${lang}"]`, { hasText: catalog(lang).boot_noscript }).isVisible(), lang);
  }
  await context.close();
});
