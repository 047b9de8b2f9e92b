// Two tabs of one browser, as people use them: each sees the other's
// changes, and nothing one tab writes is lost because the other wrote too.
// Also: data from another version appearing while a tab is open, the card
// route then the app in one tab, an old version's tab saving its whole
// store, and limits enforced when a file is imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, ready, view, createAssessment, allStorage, storedAssessments, storedRecords } from './helpers.mjs';

const env = useApp();

/** A second tab in the same browser context, held to the same checks. */
async function secondTab(s) {
  const page = await s.context.newPage();
  page.on('pageerror', (e) => s.problems.push(`page error (tab 2): ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') s.problems.push(`console error (tab 2): ${m.text()}`);
  });
  page.on('dialog', (d) => {
    s.problems.push(`dialog opened (tab 2): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return page;
}

const STEP_TITLES = {
  'open-data': 'Open Data',
  'data-ecosystems': 'Cultivating Data Ecosystems',
  analytics: 'Analytics',
  'decision-making': 'Data-Driven Decision-Making',
  'public-services': 'Participation & Public Services',
};

async function openStep(page, id, competency) {
  await page.goto(`${env.server.url}#/a/${id}/${competency}`);
  await view(page, 'step', STEP_TITLES[competency]);
}

const idFrom = (page) => page.url().match(/#\/a\/([a-z0-9-]+)\//)[1];

/** Waits until storage holds an assessment that satisfies `check`. */
async function storedSoon(page, check, what) {
  for (let i = 0; i < 100; i++) {
    const list = await storedAssessments(page);
    if (check(list)) return list;
    await page.waitForTimeout(50);
  }
  assert.fail(`storage never showed: ${what}`);
}

const level = (a, c) => a.ratings[c]?.level;

/** Waits until the level radio named `name` is checked (it may change by itself). */
async function checkedSoon(page, name) {
  const radio = page.getByRole('radio', { name });
  for (let i = 0; i < 100; i++) {
    if (await radio.isChecked()) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${name} never became checked`);
}

test('edits of different competencies in two tabs both survive, and each tab shows the other’s', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Quito' });
  const id = idFrom(page);
  const other = await secondTab(s);
  await openStep(other, id, 'analytics');

  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await storedSoon(page, (l) => level(l[0], 'open-data') === 2, 'tab 1 level');
  await other.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await page.getByLabel('Notes and evidence').fill('Portal since 2019');
  await other.getByLabel('Notes and evidence').fill('Dashboards for transport');
  const both = (l) => level(l[0], 'open-data') === 2 && level(l[0], 'analytics') === 4
    && l[0].ratings['open-data'].notes === 'Portal since 2019' && l[0].ratings.analytics.notes === 'Dashboards for transport';
  await storedSoon(page, both, 'both tabs’ levels and notes');

  // Each tab already shows what the other did, without a reload.
  await page.locator('nav.steps').getByRole('link', { name: /^Analytics/ }).click();
  await view(page, 'step', 'Analytics');
  assert.equal(await page.getByRole('radio', { name: /^Level 4 ·/ }).isChecked(), true);
  assert.equal(await page.getByLabel('Notes and evidence').inputValue(), 'Dashboards for transport');

  for (const p of [page, other]) {
    await p.goto(`${env.server.url}#/a/${id}/results`);
    await view(p, 'results', 'Results: Quito');
    const cells = await p.locator('#levels-table tbody td.level-cell').allTextContents();
    assert.deepEqual([cells[0], cells[2]], ['Level 2 · Basic', 'Level 4 · Advanced']);
  }
  await s.done();
});

test('going back to a step shows its own level and target, not the last step’s', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Cuenca' });
  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await page.getByLabel('Target level').selectOption({ label: 'Level 3 · Intermediate' });
  const step = async (name) => {
    await page.locator('nav.steps').getByRole('link', { name: new RegExp(`^${name}`) }).click();
    await view(page, 'step', name);
  };
  await step('Analytics');
  assert.equal(await page.getByLabel('Target level').inputValue(), '', 'a fresh step has no target');
  await page.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await step('Open Data');
  assert.equal(await page.getByRole('radio', { name: /^Level 2 ·/ }).isChecked(), true);
  assert.equal(await page.getByLabel('Target level').inputValue(), '3');
  await step('Analytics');
  assert.equal(await page.getByRole('radio', { name: /^Level 4 ·/ }).isChecked(), true);
  assert.equal(await page.getByRole('radio', { name: /^Level 2 ·/ }).isChecked(), false);
  assert.equal(await page.getByLabel('Target level').inputValue(), '');
  await s.done();
});

test('two edits of the same level: the later one is shown in both tabs, with a notice in the other', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Lima' });
  const id = idFrom(page);
  const other = await secondTab(s);
  await openStep(other, id, 'open-data');

  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await other.locator('[data-notice="elsewhere"]').waitFor();
  await checkedSoon(other, /^Level 2 ·/);
  await other.getByRole('radio', { name: /^Level 3 ·/ }).check();
  await page.locator('[data-notice="elsewhere"]').waitFor();
  await checkedSoon(page, /^Level 3 ·/);
  assert.equal(await page.getByRole('radio', { name: /^Level 2 ·/ }).isChecked(), false, 'no silent revert to 2');
  assert.match(await page.locator('[data-notice="elsewhere"]').textContent(), /changed in another tab or window/);
  await storedSoon(page, (l) => level(l[0], 'open-data') === 3, 'the later level');
  await page.reload();
  await view(page, 'step', 'Open Data');
  assert.equal(await page.getByRole('radio', { name: /^Level 3 ·/ }).isChecked(), true);
  await s.done();
});

test('an assessment made in one tab survives edits in the other; a deletion stays deleted', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Recife' });
  const recife = idFrom(page);
  const other = await secondTab(s);
  await other.goto(env.server.url);
  await view(other, 'home', 'Your assessments');
  await createAssessment(other, { place: 'Natal' });

  // Tab 1 edits its own assessment: Natal, made in tab 2, stays.
  await page.getByRole('radio', { name: /^Level 1 ·/ }).check();
  await storedSoon(page, (l) => l.length === 2 && l.some((a) => a.place === 'Natal' ) && l.some((a) => level(a, 'open-data') === 1), 'both assessments');

  // Tab 1's list shows Natal without a reload, and says the list changed.
  await page.goto(`${env.server.url}#/`);
  await view(page, 'home', 'Your assessments');
  await page.locator('.card h2', { hasText: 'Natal' }).waitFor();

  // Deleted in tab 2 while tab 1 shows the list: gone there too, and an
  // edit in tab 1 afterwards does not bring it back.
  await other.goto(`${env.server.url}#/`);
  await view(other, 'home', 'Your assessments');
  await other.locator('.card', { hasText: 'Recife' }).getByRole('button', { name: 'Delete' }).click();
  await other.getByText('Deleted “Recife”').waitFor();
  await page.locator('.card h2', { hasText: 'Recife' }).waitFor({ state: 'detached' });
  await page.locator('[data-notice="elsewhere"]').waitFor();
  await page.locator('.card', { hasText: 'Natal' }).getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name').fill('Natal RN');
  await page.getByLabel('New name').press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Natal RN' }).waitFor();
  const list = await storedSoon(page, (l) => l.some((a) => a.place === 'Natal RN'), 'the rename');
  assert.deepEqual(list.map((a) => a.place), ['Natal RN']);
  const records = await storedRecords(page);
  assert.equal(typeof records[`budmm.a.${recife}`].deleted_ms, 'number', 'the deletion is kept as a deletion');

  // Undo in tab 2 brings it back in both.
  await other.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.card h2', { hasText: 'Recife' }).waitFor();
  await s.done();
});

test('a form half-typed in one tab keeps its text when the other tab deletes the assessment, and Undo or Save brings it back', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Olinda' });
  const id = idFrom(page);
  await page.goto(`${env.server.url}#/a/${id}/details`);
  await view(page, 'details', 'Assessment details');
  await page.getByLabel('City or organisation').fill('Olinda PE, half-typed');

  const other = await secondTab(s);
  const deleteIn = async () => {
    await other.goto(`${env.server.url}#/`);
    await view(other, 'home', 'Your assessments');
    await other.locator('.card', { hasText: 'Olinda' }).getByRole('button', { name: 'Delete' }).click();
    await other.getByText('Deleted “Olinda”').waitFor();
  };
  await deleteIn();

  // The first tab says so, and the form and its text stay.
  const said = page.locator('[data-notice="elsewhere"]');
  await said.filter({ hasText: '“Olinda” was deleted in another tab or window.' }).waitFor();
  assert.equal(await page.getByLabel('City or organisation').inputValue(), 'Olinda PE, half-typed');
  // Dismissing the notice leaves the form, and its text, where they are.
  await said.getByRole('button', { name: 'Dismiss' }).click();
  await said.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('City or organisation').inputValue(), 'Olinda PE, half-typed');

  // Saving the form brings the assessment back with what was typed.
  await page.getByRole('button', { name: 'Save details' }).click();
  await storedSoon(page, (l) => l.some((a) => a.id === id && a.place === 'Olinda PE, half-typed'), 'the saved form');
  await other.locator('.card h2', { hasText: 'Olinda PE, half-typed' }).waitFor();

  // Deleted again while the form is open: Undo brings it back as it was.
  await page.goto(`${env.server.url}#/a/${id}/details`);
  await view(page, 'details', 'Assessment details');
  await page.getByLabel('City or organisation').fill('typed again');
  await other.locator('.card', { hasText: 'Olinda' }).getByRole('button', { name: 'Delete' }).click();
  await said.waitFor();
  assert.equal(await page.getByLabel('City or organisation').inputValue(), 'typed again');
  await said.getByRole('button', { name: 'Undo' }).click();
  await said.waitFor({ state: 'detached' });
  await other.locator('.card h2', { hasText: 'Olinda PE, half-typed' }).waitFor();
  assert.equal(await page.getByLabel('City or organisation').inputValue(), 'typed again', 'the text is still in the form');
  await storedSoon(page, (l) => l.some((a) => a.id === id), 'the assessment back');
  await s.done();
});

test('data from a newer version written while a tab is open stops that tab from saving, and is left alone', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Bogotá' });
  const other = await secondTab(s);
  await other.goto(env.server.url);
  await view(other, 'home', 'Your assessments');
  // Tab 2 runs "the next release": it writes the marker of a newer schema.
  const newer = '{"format":"budmm-store","schema":99,"layout":"whatever comes next"}';
  await other.evaluate((v) => localStorage.setItem('budmm.store', v), newer);
  await page.locator('[data-notice="memory-only"]').waitFor();
  assert.match(await page.locator('[data-notice="memory-only"]').textContent(), /newer version/);
  const before = await allStorage(page);
  await page.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await page.getByLabel('Notes and evidence').fill('typed after the newer version appeared');
  assert.equal(await page.getByRole('radio', { name: /^Level 4 ·/ }).isChecked(), true, 'the change stays on screen');
  const after = await allStorage(page);
  for (const k of Object.keys(before).filter((k) => k.startsWith('budmm.a.') || k === 'budmm.store')) {
    assert.equal(after[k], before[k], `${k} untouched`);
  }
  await s.done();
});

test('a record of a newer version found at save time stops saving too', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Cali' });
  const id = idFrom(page);
  const key = `budmm.a.${id}`;
  // Written behind the app's back (no storage event reaches the tab that writes).
  const newer = '{"format":"budmm-store","schema":42,"something":"new"}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);
  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await page.locator('[data-notice="memory-only"]').waitFor();
  assert.equal((await allStorage(page))[key], newer, 'the newer record is left byte-identical');
  await s.done();
});

test('the card then the app in one tab: the app reads and saves the real store', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Asunción' });
  await page.getByRole('radio', { name: /^Level 3 ·/ }).check();
  await page.locator('nav.steps').getByRole('link', { name: 'See the results' }).click();
  await view(page, 'results', 'Results: Asunción');
  const embed = (await page.locator('#embed-code').inputValue()).match(/src="([^"]+)"/)[1];
  await page.goto(embed);
  await view(page, 'embed');
  await page.evaluate(() => { location.hash = '#/'; });
  await view(page, 'home', 'Your assessments');
  assert.equal(await page.locator('.card h2', { hasText: 'Asunción' }).count(), 1, 'the saved assessments are listed');
  await createAssessment(page, { place: 'Encarnación' });
  await storedSoon(page, (l) => l.some((a) => a.place === 'Encarnación'), 'the new assessment saved');
  await page.reload();
  await view(page, 'step', 'Open Data');
  await page.goto(`${env.server.url}#/`);
  await view(page, 'home', 'Your assessments');
  assert.equal(await page.locator('.card').count(), 2);
  await s.done();
});

test('a tab of an older version saving its whole store: what it wrote is merged in, not lost', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Rosario' });
  const id = idFrom(page);
  await page.goto(`${env.server.url}#/a/${id}/results`);
  await view(page, 'results', 'Results: Rosario');
  const [mine] = await storedAssessments(page);
  const other = await secondTab(s);
  await other.goto(`${env.server.url}#/about`);
  await view(other, 'about');
  // What a schema-2 build writes on its next save: its whole store, with an
  // edit of its own to this assessment and an assessment made there.
  const edited = { ...mine, ratings: { analytics: { level: 5, notes: 'from the old tab' } }, updated_ms: mine.updated_ms + 60_000 };
  const made = { ...mine, id: 'old1', place: 'Mendoza', ratings: {}, created_ms: 5, updated_ms: 5 };
  await other.evaluate((v) => localStorage.setItem('budmm.store', v), JSON.stringify({ format: 'budmm-store', schema: 2, assessments: [edited, made] }));
  await page.locator('[data-notice="elsewhere"]').waitFor();
  await page.getByText('from the old tab').waitFor();
  const list = await storedSoon(page, (l) => l.length === 2, 'both in records');
  assert.deepEqual(list.map((a) => a.place).sort(), ['Mendoza', 'Rosario']);
  assert.match((await allStorage(page))['budmm.store'], /"schema":3/, 'the marker is back');
  await s.done();
});

test('notes over the limit in an imported file are shortened at import, and the message says so', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  const long = 'é'.repeat(4100);
  const file = JSON.stringify({ format: 'budmm-assessments', schema: 2, assessments: [{
    id: 'long1', subject: { kind: 'city' }, place: 'Valparaíso', date: '2026-04-01',
    rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' },
    ratings: { analytics: { level: 2, notes: long } }, created_ms: 1, updated_ms: 1 }] });
  await page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const flash = page.locator('[data-notice="flash"]');
  await flash.waitFor();
  assert.match(await flash.textContent(), /Imported 1 assessment\. In 1 of them, notes longer than 4,000 characters were shortened/);
  const [a] = await storedSoon(page, (l) => l.length === 1, 'the import');
  assert.equal([...a.ratings.analytics.notes].length, 4000);
  // Its own share link opens (it was "cut off or damaged" before).
  await page.locator('.card', { hasText: 'Valparaíso' }).getByRole('link', { name: 'Results' }).click();
  await view(page, 'results', 'Results: Valparaíso');
  const link = await page.locator('#share-link').inputValue();
  await page.goto(link);
  await view(page, 'shared');
  assert.equal(await page.locator('[data-link-error]').count(), 0);
  await s.done();
});

test('a file with 100,000 entries is refused at once with a plain reason', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  const file = `{"format":"budmm-assessments","schema":2,"assessments":[${Array(100000).fill('{}').join(',')}]}`;
  const started = Date.now();
  await page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const flash = page.locator('[data-notice="flash"]');
  await flash.waitFor();
  assert.match(await flash.textContent(), /more assessments than this app imports at once/);
  // Not a timing test: a generous bound that only a frozen page misses.
  assert.ok(Date.now() - started < 10_000, 'the page answered at once');
  assert.deepEqual(await storedAssessments(page), []);
  await s.done();
});
