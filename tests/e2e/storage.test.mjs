// Storage that is blocked, full, damaged or from a newer version: the app
// keeps working, says what happened in plain words, and never loses or
// overwrites what was saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, startHost, openPage, ready, view, createAssessment, rate, storedValue, allStorage, storedAssessments, storedRecords, screenshot } from './helpers.mjs';

const env = useApp();

/** Opens the app once so its origin exists, writes raw storage, then reloads. */
async function withStored(page, entries) {
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  await page.reload();
  await ready(page);
}

const notice = (page, kind) => page.locator(`[data-notice="${kind}"]`);

test('blocked storage (sandboxed frame): a plain warning, and the app still works', async () => {
  const host = await startHost(`<!doctype html><html lang="en"><title>Portal</title><link rel="icon" href="data:,">
    <iframe title="Assessment" sandbox="allow-scripts allow-forms" src="${env.server.url}" style="width:1200px;height:1400px"></iframe></html>`);
  const s = await openPage(env.browser, host.url, { alsoAllowed: [env.server.url] });
  const { page } = s;
  await page.goto(host.url);
  const app = page.frameLocator('iframe');
  await app.locator('main h1').waitFor();
  await assert.doesNotReject(app.getByText('This browser does not let the app save here', { exact: false }).waitFor());
  await app.getByRole('link', { name: 'Start a new assessment' }).click();
  await app.getByLabel('City or organisation').fill('Kingston');
  await app.getByRole('button', { name: 'Start assessing' }).click();
  await app.getByRole('radio', { name: /^Level 3 ·/ }).check();
  await app.getByRole('link', { name: 'See the results' }).first().click();
  assert.equal(await app.locator('#levels-table td.level-cell').first().textContent(), 'Level 3 · Intermediate');
  await screenshot(page, 'storage-blocked');
  await host.close();
  await s.done();
});

test('full storage: the change stays on screen, a warning says so, and saving resumes once there is room', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  const fillers = await page.evaluate(() => {
    localStorage.clear();
    // Big pieces first, then ever smaller ones, until not one more byte fits.
    let n = 0;
    for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
      const piece = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`f${n}`, piece); n++; } catch { break; }
      }
    }
    return n;
  });
  assert.ok(fillers > 4, 'storage was filled');
  const before = await allStorage(page);
  await page.reload();
  await ready(page);
  await createAssessment(page, { place: 'Port-au-Prince' });
  await notice(page, 'write-failed').waitFor();
  assert.match(await notice(page, 'write-failed').textContent(), /storage is full/);
  await rate(page, [2]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Port-au-Prince');
  assert.equal(await page.locator('#levels-table td.level-cell').first().textContent(), 'Level 2 · Basic', 'work is kept in memory');
  assert.deepEqual(await allStorage(page), before, 'nothing in storage was changed or removed');

  // The work moves with the user between the app's pages, and survives
  // Back and a reload there, while storage stays full.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  assert.match(page.url(), /\/(index\.html)?#\/$/);
  await page.getByText('Port-au-Prince').first().waitFor();
  await page.reload();
  await view(page, 'home', 'Your assessments');
  await page.getByText('Port-au-Prince').first().waitFor();
  await page.goBack();
  await view(page, 'results', 'Results: Port-au-Prince');
  assert.equal(await page.locator('#levels-table td.level-cell').first().textContent(), 'Level 2 · Basic', 'still there after Back');
  await notice(page, 'write-failed').waitFor();
  assert.deepEqual(await allStorage(page), before, 'nothing in storage was changed or removed');

  await page.evaluate(() => localStorage.removeItem('f0'));
  await page.getByRole('link', { name: 'Continue the assessment' }).click();
  await view(page, 'step');
  await page.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await notice(page, 'write-failed').waitFor({ state: 'detached' });
  const saved = await storedAssessments(page);
  assert.equal(saved[0].place, 'Port-au-Prince');
  assert.equal(saved[0].ratings['open-data'].level, 2);
  assert.equal(saved[0].ratings['data-ecosystems'].level, 4, 'the change made once there was room');
  await s.done();
});

test('a damaged saved value is kept aside, offered for download, and never deleted without asking', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const raw = '{"format":"budmm-store","schema":1,"assessments":[{"id":"a1","subject":{"kind":"city"},"place":"Fortal';
  await withStored(page, { 'budmm.store': raw });
  await notice(page, 'set-aside').waitFor();
  assert.match(await notice(page, 'set-aside').textContent(), /cut off or damaged.*Nothing was deleted/s);
  const stored = await allStorage(page);
  const kept = Object.keys(stored).filter((k) => k.startsWith('budmm.unreadable.'));
  assert.equal(kept.length, 1);
  assert.equal(stored[kept[0]], raw, 'the exact original is kept');
  await screenshot(page, 'storage-damaged');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), raw);

  // The app works: a new assessment saves beside the kept copy.
  await createAssessment(page, { place: 'Recife' });
  const after = await allStorage(page);
  assert.equal(after[kept[0]], raw);
  assert.equal((await storedAssessments(page))[0].place, 'Recife');

  // A reload does not set the same value aside twice.
  await page.reload();
  await ready(page);
  assert.equal(Object.keys(await allStorage(page)).filter((k) => k.startsWith('budmm.unreadable.')).length, 1);

  await page.getByRole('button', { name: 'Delete the kept copy' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await notice(page, 'set-aside').waitFor({ state: 'detached' });
  assert.equal((await allStorage(page))[kept[0]], undefined);
  await s.done();
});

test('data from a newer version is left byte-identical, and the app works in memory', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const raw = '{"format":"budmm-store","schema":99,"assessments":[{"whatever":"the future holds"}]}';
  await withStored(page, { 'budmm.store': raw });
  await notice(page, 'memory-only').waitFor();
  assert.match(await notice(page, 'memory-only').textContent(), /newer version/);
  await createAssessment(page, { place: 'Bogotá' });
  await rate(page, [1, 2]);
  assert.equal(await storedValue(page), raw);
  assert.deepEqual(await storedRecords(page), {}, 'nothing written beside it');
  await page.reload();
  await ready(page);
  assert.equal(await storedValue(page), raw);
  await s.done();
});

test('one damaged assessment among good ones: the good ones open, the original is kept aside', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const good = { id: 'good1', subject: { kind: 'city' }, place: 'Montevideo', date: '2025-09-01', rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, ratings: { analytics: { level: 3 } }, created_ms: 1, updated_ms: 1 };
  const bad = { ...good, id: 'bad1', place: 'Salto', ratings: { analytics: { level: 9 } } };
  const raw = JSON.stringify({ format: 'budmm-store', schema: 1, assessments: [good, bad] });
  await withStored(page, { 'budmm.store': raw });
  await notice(page, 'set-aside').waitFor();
  assert.match(await notice(page, 'set-aside').textContent(), /1 saved assessment could not be read and is not shown/);
  assert.equal(await page.locator('.card').count(), 1);
  assert.match(await page.locator('.card').textContent(), /Montevideo/);
  const kept = Object.entries(await allStorage(page)).filter(([k]) => k.startsWith('budmm.unreadable.'));
  assert.deepEqual(kept.map(([, v]) => v), [raw]);
  await s.done();
});

test('hostile saved text is shown as text, never run', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  const a = { id: 'evil', subject: { kind: 'initiative', name: evil }, place: evil, date: '2025-09-01', assessor: evil, rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, ratings: { analytics: { level: 1, notes: evil } }, created_ms: 1, updated_ms: 1 };
  await withStored(page, { 'budmm.store': JSON.stringify({ format: 'budmm-store', schema: 1, assessments: [a] }) });
  assert.equal(await page.locator('.card h2').textContent(), `${evil} · 1 September 2025`);
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
  assert.equal(await page.locator('.notes dd').textContent(), evil);
  assert.equal(await page.locator('main img, main script').count(), 0);
  await withStored(page, { 'budmm.store': evil });
  await notice(page, 'set-aside').waitFor();
  await s.done(); // fails on any dialog, page error or request to "x"
});

test('a whole store from an earlier version moves into one record per assessment, with nothing lost', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const base = { subject: { kind: 'city' }, date: '2025-09-01', rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, created_ms: 1, updated_ms: 1 };
  const list = [
    { ...base, id: 'm1', place: 'Montevideo', ratings: { analytics: { level: 3, notes: 'dashboards' } },
      plan: [{ competency: 'analytics', what: 'Hire an analyst', status: 'doing' }, { competency: 'analytics', what: 'Train staff' }] },
    { ...base, id: 'm2', place: 'Salto', ratings: { 'open-data': { level: 1 } }, respondents: 2 },
  ];
  const raw = JSON.stringify({ format: 'budmm-store', schema: 2, assessments: list });
  await withStored(page, { 'budmm.store': raw });
  assert.equal(await page.locator('.card').count(), 2);
  const stored = await allStorage(page);
  assert.deepEqual(JSON.parse(stored['budmm.store']), { format: 'budmm-store', schema: 3, layout: 'one key per assessment' });
  const records = await storedRecords(page);
  assert.deepEqual(Object.keys(records).sort(), ['budmm.a.m1', 'budmm.a.m2']);
  assert.equal(records['budmm.a.m1'].assessment.ratings.analytics.notes, 'dashboards');
  assert.deepEqual(records['budmm.a.m1'].assessment.plan.map((p) => [p.id, p.what]), [['i1', 'Hire an analyst'], ['i2', 'Train staff']]);
  assert.equal(records['budmm.a.m2'].assessment.respondents, 2);
  assert.equal(Object.keys(stored).filter((k) => k.startsWith('budmm.unreadable.')).length, 0, 'nothing to set aside');
  // The plan works by id after the move.
  await page.goto(`${env.server.url}#/a/m1/plan`);
  await view(page, 'plan');
  await page.getByRole('button', { name: 'Remove action: Hire an analyst' }).click();
  await page.getByRole('button', { name: 'Remove action: Hire an analyst' }).waitFor({ state: 'detached' });
  for (let i = 0; i < 100; i++) {
    const m1 = (await storedAssessments(page)).find((a) => a.id === 'm1');
    if (m1.plan.length === 1) break;
    await page.waitForTimeout(50);
  }
  const after = await storedAssessments(page);
  assert.deepEqual(after.find((a) => a.id === 'm1').plan.map((p) => [p.id, p.what]), [['i2', 'Train staff']]);
  await s.done();
});

test('a damaged record costs only its assessment: kept aside, the others open', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const good = { format: 'budmm-store', schema: 3, clock: { base: 1 }, assessment: { id: 'ok1', subject: { kind: 'city' }, place: 'Cusco', date: '2025-09-01', rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, ratings: {}, created_ms: 1, updated_ms: 1 } };
  const bad = '{"format":"budmm-store","schema":3,"clock":{"base":1},"assessment":{"id":"bad1","place":';
  await withStored(page, { 'budmm.store': '{"format":"budmm-store","schema":3,"layout":"one key per assessment"}', 'budmm.a.ok1': JSON.stringify(good), 'budmm.a.bad1': bad });
  await notice(page, 'set-aside').waitFor();
  assert.match(await notice(page, 'set-aside').textContent(), /1 saved assessment could not be read and is not shown/);
  assert.equal(await page.locator('.card').count(), 1);
  const stored = await allStorage(page);
  const kept = Object.entries(stored).filter(([k]) => k.startsWith('budmm.unreadable.'));
  assert.deepEqual(kept.map(([, v]) => v), [bad], 'the exact original is kept');
  assert.equal(stored['budmm.a.bad1'], undefined, 'and only then removed from its place');
  await s.done();
});

// Issue 26: an import into full storage said "Imported 1000" while a part
// was written, and leaving the page then lost the rest without a word.
test('an import into full storage says how many are held only in this tab, and leaving then asks first', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate(() => {
    localStorage.clear();
    for (const store of [localStorage, sessionStorage]) {
      let n = 0;
      for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
        const piece = 'x'.repeat(size);
        for (;;) {
          try { store.setItem(`f${n}`, piece); n++; } catch { break; }
        }
      }
    }
  });
  await page.reload();
  await ready(page);
  const RUBRIC = { id: 'idb-big-urban-data-maturity-model', version: '2019-10' };
  const assessments = [1, 2, 3].map((i) => ({
    id: `h${i}`, subject: { kind: 'city' }, place: `Held ${i}`, date: '2026-03-01', assessor: '', rubric: RUBRIC,
    ratings: { 'open-data': { level: 2 } }, created_ms: 1700000000000 + i, updated_ms: 1700000000000 + i,
  }));
  const file = JSON.stringify({ format: 'budmm-assessments', schema: 2, rubric: RUBRIC, assessments });
  await page.locator('#import-file').setInputFiles({ name: 'three.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.locator('.notice').filter({ hasText: 'Imported 3 assessments.' }).filter({ hasText: 'Of these, 3 could not be saved on this device' }).waitFor();
  await page.getByText('Held 2').first().waitFor();

  // The warning offers the file that keeps what could not be saved.
  const warning = page.locator('[data-notice="write-failed"]');
  await warning.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    warning.getByRole('button', { name: 'Download all as JSON' }).click(),
  ]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(saved.assessments.map((a) => a.place).sort(), ['Held 1', 'Held 2', 'Held 3']);

  // The browser asks before the page goes (a click first: browsers ask
  // only on pages the user has touched).
  await page.getByRole('heading', { level: 1 }).first().click();
  // This dialog is expected: the helper's "no dialog" check stands aside.
  page.removeAllListeners('dialog');
  const asked = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload');
  assert.equal(page.isClosed(), false, 'the user chose to stay');
  await page.getByText('Held 2').first().waitFor();
  await s.done();
});
