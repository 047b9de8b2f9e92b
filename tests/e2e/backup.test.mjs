// Backups that happen: the browser is asked to keep the data, Home says
// when the last full copy was made, a reminder comes at the right moment
// (and not on every view), low space is told before a write fails, and a
// full copy restores without overwriting newer work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, ready, view, visit, createAssessment, rate, storedAssessments, screenshot, axe, catalog, fill } from './helpers.mjs';

const env = useApp();
const DAY = 24 * 60 * 60 * 1000;
// A fixed moment, so dates in the text are known: 2 March 2027, 10:00 local.
const T0 = new Date(2027, 2, 2, 10, 0, 0).getTime();

/** Records calls to navigator.storage.persist() across reloads of the tab. */
async function spyOnPersist(context) {
  await context.addInitScript(() => {
    const storage = navigator.storage;
    if (!storage || !storage.persist) return;
    const original = storage.persist.bind(storage);
    storage.persist = () => {
      sessionStorage.setItem('persist-calls', String(Number(sessionStorage.getItem('persist-calls') ?? 0) + 1));
      return original();
    };
  });
}

const persistCalls = (page) => page.evaluate(() => Number(sessionStorage.getItem('persist-calls') ?? 0));
const backupLine = (page) => page.locator('[data-backup]');
const reminder = (page) => page.locator('[data-notice="backup-reminder"]');
const keepingLine = (page) => page.locator('[data-keeping]');

async function home(page) {
  await page.goto(`${env.server.url}#/`);
  await view(page, 'home', 'Your assessments');
}

/** A first visit that makes one assessment (Quito) and its full copy: the copy's path. */
async function quitoWithFullCopy(page) {
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Quito' });
  await home(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backupLine(page).getByRole('button', { name: 'Download all as JSON' }).click(),
  ]);
  return download.path();
}

test('first assessment: the browser is asked to keep the data; Home shows "never", then the date of the copy', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await context.clock.setFixedTime(T0);
  await spyOnPersist(context);
  await page.goto(env.server.url);
  await ready(page);
  assert.equal(await persistCalls(page), 0, 'not asked before there is anything to keep');
  assert.equal(await backupLine(page).count(), 0, 'no copy line without assessments');
  await createAssessment(page, { place: 'Quito' });
  await page.waitForFunction(() => localStorage.getItem('budmm.persist') !== null);
  assert.equal(await persistCalls(page), 1);
  await page.waitForFunction(() => localStorage.getItem('budmm.persist') !== 'asked');
  await home(page);
  assert.equal(await backupLine(page).getAttribute('data-backup'), 'never');
  assert.match(await backupLine(page).textContent(), /Last full copy downloaded on this device: never\./);
  // A browser that refused to promise is named as such, in plain words.
  if ((await page.evaluate(() => localStorage.getItem('budmm.persist'))) === 'denied') {
    assert.match(await keepingLine(page).textContent(), /has not promised to keep your assessments: it may delete them when space runs low/);
  } else {
    assert.equal(await keepingLine(page).count(), 0);
  }
  assert.equal(await reminder(page).count(), 0, 'no reminder for work of today');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backupLine(page).getByRole('button', { name: 'Download all as JSON' }).click(),
  ]);
  const copy = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(copy.assessments[0].place, 'Quito');
  await page.waitForFunction(() => document.querySelector('[data-backup]')?.getAttribute('data-backup') !== 'never');
  assert.equal(await backupLine(page).getAttribute('data-backup'), '2027-03-02');
  assert.match(await backupLine(page).textContent(), /Last full copy downloaded on this device: 2 March 2027\./);

  // A second assessment does not ask again; the answer is remembered.
  await createAssessment(page, { place: 'Cuenca' });
  await page.reload();
  await view(page, 'step', 'Open Data');
  assert.equal(await persistCalls(page), 1);
  await s.done();
});

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

test('Safari is told it may delete the work after seven days, on Home and About, and reminded within the hour; not from the Home Screen', async () => {
  const s = await openPage(env.browser, env.server.url, { userAgent: IPHONE_SAFARI });
  const { page, context } = s;
  await context.clock.setFixedTime(T0);
  await page.goto(env.server.url);
  await ready(page);
  assert.equal(await keepingLine(page).count(), 0, 'nothing to lose yet');
  await createAssessment(page, { place: 'Bridgetown' });
  await home(page);
  assert.equal(await keepingLine(page).getAttribute('data-keeping'), 'seven-days');
  assert.match(await keepingLine(page).textContent(), /Safari, and every browser on an iPhone or iPad, may delete your assessments after seven days without a visit.*Home Screen/);
  assert.equal(await reminder(page).count(), 0, 'work of the last hour');

  // Two hours later, the work never copied: reminded, where others wait a day.
  await context.clock.setFixedTime(T0 + 2 * 60 * 60 * 1000);
  await page.reload();
  await view(page, 'home', 'Your assessments');
  await reminder(page).waitFor();
  assert.equal(await keepingLine(page).getAttribute('data-keeping'), 'seven-days', 'the first paint says it too');
  await axe(page, 'home in Safari, with the seven-day line');
  await page.goto(`${env.server.url}#/about`);
  await view(page, 'about');
  assert.equal(await keepingLine(page).getAttribute('data-keeping'), 'seven-days');
  await s.done();

  // Opened from the Home Screen, Safari keeps the data: no such line.
  const app = await openPage(env.browser, env.server.url, { userAgent: IPHONE_SAFARI });
  await app.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
  await app.page.goto(env.server.url);
  await ready(app.page);
  await createAssessment(app.page, { place: 'Bridgetown' });
  await home(app.page);
  await app.page.waitForFunction(() => !['asked', null].includes(localStorage.getItem('budmm.persist')));
  assert.equal(await app.page.locator('[data-keeping="seven-days"]').count(), 0);
  await app.done();
});

test('the reminder comes after a change more than 7 days after the last copy, can be put away, and returns with the next change', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await context.clock.setFixedTime(T0);
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Lima' });
  await home(page);
  await Promise.all([page.waitForEvent('download'), backupLine(page).getByRole('button', { name: 'Download all as JSON' }).click()]);
  await page.waitForFunction(() => document.querySelector('[data-backup]')?.getAttribute('data-backup') !== 'never');

  // Eight days later, a change.
  await context.clock.setFixedTime(T0 + 8 * DAY);
  await page.reload();
  await view(page, 'home', 'Your assessments');
  assert.equal(await reminder(page).count(), 0, 'no change since the copy: no reminder');
  await page.locator('.card').getByRole('link', { name: 'Continue' }).click();
  await view(page, 'step');
  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await home(page);
  await reminder(page).waitFor();
  assert.match(await reminder(page).textContent(), /changed since the last copy \(2 March 2027\)/);
  await axe(page, 'home with the backup reminder');
  await screenshot(page, 'backup-reminder');

  // On the results page too, then put away: it stays away across views.
  const id = (await storedAssessments(page))[0].id;
  await page.goto(`${env.server.url}#/a/${id}/results`);
  await view(page, 'results', 'Results: Lima');
  await reminder(page).waitFor();
  await reminder(page).getByRole('button', { name: 'Not now' }).click();
  await reminder(page).waitFor({ state: 'detached' });
  await home(page);
  assert.equal(await reminder(page).count(), 0);
  await page.reload();
  await view(page, 'home', 'Your assessments');
  assert.equal(await reminder(page).count(), 0, 'still away after a reload');

  // The next change brings it back.
  await context.clock.setFixedTime(T0 + 9 * DAY);
  await page.goto(`${env.server.url}#/a/${id}/analytics`);
  await view(page, 'step', 'Analytics');
  await page.getByRole('radio', { name: /^Level 3 ·/ }).check();
  await home(page);
  await reminder(page).waitFor();

  // Downloading from the reminder records the copy and puts it away.
  await Promise.all([page.waitForEvent('download'), reminder(page).getByRole('button', { name: 'Download all as JSON' }).click()]);
  await reminder(page).waitFor({ state: 'detached' });
  assert.equal(await backupLine(page).getAttribute('data-backup'), '2027-03-11');
  await s.done();
});

test('work never copied is reminded of after a day, in every language', async () => {
  for (const [locale, text] of [['en-US', /no copy has been downloaded yet/], ['es-ES', /todavía no se ha descargado ninguna copia/], ['pt-BR', /nenhuma cópia foi baixada ainda/], ['fr-FR', /aucune copie n’a encore été téléchargée/]]) {
    const s = await openPage(env.browser, env.server.url, { locale });
    const { page, context } = s;
    await context.clock.setFixedTime(T0);
    await page.goto(env.server.url);
    await ready(page);
    // Saved as the app saves one, made today, so the test needs no words of
    // the language. (Imported from a file, it would be in that file: a copy.)
    await page.evaluate((t) => {
      localStorage.setItem('budmm.store', '{"format":"budmm-store","schema":3,"layout":"one key per assessment"}');
      localStorage.setItem('budmm.a.r1', JSON.stringify({ format: 'budmm-store', schema: 3, clock: { base: t }, assessment: {
        id: 'r1', subject: { kind: 'city' }, place: 'Manaus', date: '2027-03-01',
        rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, ratings: { analytics: { level: 2 } }, created_ms: t, updated_ms: t } }));
    }, T0);
    await page.reload();
    await view(page, 'home');
    await page.locator('.card').waitFor();
    assert.equal(await reminder(page).count(), 0, `${locale}: not on the first day`);
    await context.clock.setFixedTime(T0 + DAY + 60_000);
    await page.reload();
    await view(page, 'home');
    await reminder(page).waitFor();
    assert.match(await reminder(page).textContent(), text, locale);
    await s.done();
  }
});

test('a full copy restores onto a device with newer work, keeps the newer version and says so', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Santiago' });
  await page.getByRole('radio', { name: /^Level 2 ·/ }).check();
  await home(page);
  await createAssessment(page, { place: 'Valdivia' });
  await home(page);
  const [download] = await Promise.all([page.waitForEvent('download'), backupLine(page).getByRole('button', { name: 'Download all as JSON' }).click()]);
  const backup = await readFile(await download.path());

  // After the copy: Santiago changes here, Valdivia is deleted.
  const santiago = (await storedAssessments(page)).find((a) => a.place === 'Santiago');
  await page.goto(`${env.server.url}#/a/${santiago.id}/open-data`);
  await view(page, 'step', 'Open Data');
  await page.getByRole('radio', { name: /^Level 4 ·/ }).check();
  await home(page);
  await page.locator('.card', { hasText: 'Valdivia' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Deleted “Valdivia”').waitFor();

  assert.match(await page.locator('#import-hint').textContent(), /also restores a full copy made with “Download all as JSON”/);
  await page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles({ name: 'assessments.json', mimeType: 'application/json', buffer: backup });
  const flash = page.locator('[data-notice="flash"]');
  await flash.getByText('Imported', { exact: false }).waitFor();
  assert.match(await flash.textContent(), /Imported 1 assessment\. 1 is newer on this device, so this device’s version was kept\./);
  await page.locator('.card h2', { hasText: 'Valdivia' }).waitFor();
  const list = await storedAssessments(page);
  assert.equal(list.find((a) => a.place === 'Santiago').ratings['open-data'].level, 4, 'the newer level stays');
  await s.done();
});

test('storage almost full: a notice says so before a write fails, with the download at hand', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Cayenne' });
  // Fill 95% of what the app counts on (5 million characters), leaving room.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(500_000);
    for (let i = 0; i < 9; i++) localStorage.setItem(`filler${i}`, chunk);
    localStorage.setItem('filler9', 'x'.repeat(250_000));
  });
  await page.reload();
  await view(page, 'step', 'Open Data');
  const low = page.locator('[data-notice="space-low"]');
  await low.waitFor();
  assert.match(await low.textContent(), /almost full/);
  assert.equal(await page.locator('[data-notice="write-failed"]').count(), 0, 'nothing failed yet');
  await page.getByRole('radio', { name: /^Level 1 ·/ }).check();
  assert.equal(await page.locator('[data-notice="write-failed"]').count(), 0, 'and the change was saved');
  await Promise.all([page.waitForEvent('download'), low.getByRole('button', { name: 'Download all as JSON' }).click()]);
  await page.evaluate(() => { for (let i = 0; i < 10; i++) localStorage.removeItem(`filler${i}`); });
  await s.done();
});

test('About says whether the browser promised to keep the data', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await page.goto(`${env.server.url}#/about`);
  await view(page, 'about');
  const line = page.locator('[data-persist]');
  await line.waitFor();
  const answer = await page.evaluate(async () => (navigator.storage?.persisted ? String(await navigator.storage.persisted()) : 'none'));
  const expected = { true: ['granted', /promised to keep/], false: ['denied', /Not promised/], none: ['unknown', /does not say/] }[answer];
  await page.waitForFunction((v) => document.querySelector('[data-persist]')?.getAttribute('data-persist') === v, expected[0]);
  assert.match(await line.textContent(), expected[1]);
  // Where results go from here: a link, and a card on the city's portal.
  await page.getByRole('heading', { name: 'Sharing and your portal' }).waitFor();
  assert.match(await page.locator('main').textContent(), /shows them on a web page, such as the city’s open-data portal/);
  await page.goto(`${env.server.url}#/`);
  await view(page, 'home', 'Your assessments');
  assert.match(await page.locator('.intro').textContent(), /share the results as a link, or show them on your city’s portal/);
  await s.done();
});

test('a copy restores what was deleted while the PC clock ran ahead, once the clock is put right', async () => {
  for (const ahead of [2 * 60 * 60 * 1000, 30 * DAY]) {
    const s = await openPage(env.browser, env.server.url);
    const { page, context } = s;
    await context.clock.setFixedTime(T0 + ahead);
    const copy = await quitoWithFullCopy(page);
    await page.locator('.card', { hasText: 'Quito' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted “Quito”').waitFor();
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('budmm.a.') && localStorage.getItem(k).includes('deleted_ms')));

    // The clock is put right; the deletion, dated in the future, must not
    // outrank the copy the user brings back.
    await context.clock.setFixedTime(T0);
    await page.reload();
    await view(page, 'home', 'Your assessments');
    await page.locator('#import-file').setInputFiles(copy);
    await page.locator('[data-notice="flash"]').filter({ hasText: 'Imported 1 assessment.' }).waitFor();
    await page.locator('.card h2', { hasText: 'Quito' }).waitFor();
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('budmm.a.') && !localStorage.getItem(k).includes('deleted_ms')));
    await page.reload();
    await view(page, 'home', 'Your assessments');
    await page.locator('.card h2', { hasText: 'Quito' }).waitFor();
    assert.deepEqual((await storedAssessments(page)).map((a) => a.place), ['Quito'], `restored after a clock ${ahead / 3600000} hours ahead`);
    await s.done();
  }
});

// Issue 25: after a shared PC wiped the browser, Home looked like a first
// visit, the way back was a small grey hint, the import's message came at
// the top out of view, and after restoring Home still said "never".
test('after a wipe, Home offers the full copy; restored, it says so by the import box and on the copy line', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await context.clock.setFixedTime(T0);
  const copy = await quitoWithFullCopy(page);

  // The browser forgets everything (a wipe at logout); days later, back.
  await page.evaluate(() => localStorage.clear());
  await context.clock.setFixedTime(T0 + 3 * DAY);
  await page.reload();
  await view(page, 'home', 'Your assessments');
  assert.equal(await page.locator('.card').count(), 0);
  const restore = page.locator('.empty-state').getByRole('button', { name: 'Restore from a full copy' });
  assert.match(await page.locator('.empty-state').textContent(), /Made a full copy before/);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), restore.click()]);
  await chooser.setFiles(copy);
  // The message is by the import box, where the user is looking.
  await page.locator('.import [data-notice="flash"]', { hasText: 'Imported 1 assessment.' }).waitFor();
  assert.equal(await page.locator('.notices [data-notice="flash"]').count(), 0, 'not at the top of the page');
  await page.locator('.card h2', { hasText: 'Quito' }).waitFor();
  assert.equal(await backupLine(page).getAttribute('data-backup'), '2027-03-05');
  assert.match(await backupLine(page).textContent(), /Everything here is in the full copy you restored on 5 March 2027\./);
  assert.equal(await reminder(page).count(), 0, 'no reminder: the user holds a copy of it all');
  await axe(page, 'home after a restore');
  await s.done();
});

test('once the first assessment is complete, the results and Home ask for a full copy at once, named in the language', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page, context } = s;
  await context.clock.setFixedTime(T0);
  await page.goto(env.server.url);
  await ready(page);
  await createAssessment(page, { place: 'Quito' });
  await rate(page, [2, 1, 3, 2, 1]);
  const id = (await storedAssessments(page))[0].id;
  await visit(page, `${env.server.url}#/a/${id}/results`, 'results', 'Results: Quito');
  const ask = page.locator('main [data-notice="backup-prompt"]');
  await ask.getByRole('heading', { name: 'Keep a copy of your assessment' }).waitFor();
  assert.equal(await reminder(page).count(), 0, 'one ask, not two');
  // Below what the mayor reads first: the title, the levels, the actions.
  const [glance, bar, box] = await Promise.all(['.results .glance', '.results > header > p.actions', 'main [data-notice="backup-prompt"]']
    .map((sel) => page.locator(sel).boundingBox()));
  assert.ok(box.y > glance.y && box.y > bar.y, 'the ask comes after the levels and the action bar');
  await axe(page, 'results asking for a first copy');
  await screenshot(page, 'backup-prompt-results');
  // Home asks too, in place of its copy line, with the download as the main action.
  await visit(page, `${env.server.url}#/`, 'home', 'Your assessments');
  const onHome = page.locator('[data-backup]');
  await onHome.getByRole('heading', { name: 'Keep a copy of your assessment' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    onHome.getByRole('button', { name: 'Download all as JSON' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'assessments-2027-03-02.json');
  await page.waitForFunction(() => document.querySelector('[data-backup]')?.getAttribute('data-backup') === '2027-03-02');
  assert.equal(await page.getByRole('heading', { name: 'Keep a copy of your assessment' }).count(), 0, 'asked once: the copy is made');
  await visit(page, `${env.server.url}#/a/${id}/results`, 'results', 'Results: Quito');
  assert.equal(await page.locator('[data-notice="backup-prompt"]').count(), 0);
  await s.done();
});

test('"Not now" puts the first-copy ask away for good, on a phone in Spanish', async () => {
  const es = catalog('es');
  const s = await openPage(env.browser, env.server.url, { locale: 'es-ES' });
  const { page, context } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  await context.clock.setFixedTime(T0);
  await page.goto(env.server.url);
  await ready(page);
  // One complete assessment, saved as the app saves one.
  await page.evaluate((t) => {
    const ids = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];
    localStorage.setItem('budmm.store', '{"format":"budmm-store","schema":3,"layout":"one key per assessment"}');
    localStorage.setItem('budmm.a.c1', JSON.stringify({ format: 'budmm-store', schema: 3, clock: { base: t }, assessment: {
      id: 'c1', subject: { kind: 'city' }, place: 'Cuenca', date: '2027-03-01',
      rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' },
      ratings: Object.fromEntries(ids.map((c) => [c, { level: 2 }])), created_ms: t, updated_ms: t } }));
  }, T0);
  await page.reload();
  await view(page, 'home', es.home_title);
  const onHome = page.locator('[data-backup]');
  await onHome.getByRole('heading', { name: es.backup_prompt_title }).waitFor();
  await axe(page, 'home asking for a first copy, 360 px, Spanish');
  await screenshot(page, 'backup-prompt-home-es-360');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    onHome.getByRole('button', { name: es.export_all }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'evaluaciones-2027-03-02.json', 'the file is named in Spanish');
  // A second device's story: the same, never copied, put away instead.
  await page.evaluate(() => localStorage.removeItem('budmm.backup'));
  await page.reload();
  await view(page, 'home', es.home_title);
  await onHome.getByRole('button', { name: es.backup_not_now }).click();
  await page.waitForFunction(() => document.querySelector('[data-backup]')?.getAttribute('data-backup') === 'never');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title', 'focus stays on the page, at its heading');
  assert.match(await onHome.textContent(), new RegExp(es.backup_never.replace(/[.]/g, '\\.')));
  await page.reload();
  await view(page, 'home', es.home_title);
  assert.equal(await page.getByRole('heading', { name: es.backup_prompt_title }).count(), 0, 'still away after a reload');
  await visit(page, `${env.server.url}#/a/c1/results`, 'results', fill(es.results_title, { title: 'Cuenca' }));
  assert.equal(await page.locator('[data-notice="backup-prompt"]').count(), 0, 'and on the results');
  await s.done();
});
