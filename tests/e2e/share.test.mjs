// Results that travel: share links opened in a fresh browser, files exported
// and imported, and broken links and files that change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { useApp, openPage, ready, view, visit, createAssessment, rate, allStorage, storedAssessments, screenshot } from './helpers.mjs';

const env = useApp();

const b64url = (buf) => Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const payloadOf = (text) => b64url(deflateRawSync(Buffer.from(text)));
const levelCells = (page) => page.locator('#levels-table tbody td.level-cell').allTextContents();
const EVIL_SCRIPT = '<script>alert("x")</script> ok';
const EVIL_IMG = '<img src=x onerror="alert(1)">';

/** A saved assessment with targets and hostile notes, on its results view. */
async function assessed(page) {
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Fortaleza', initiative: 'Bike share', date: '2026-03-15' });
  await rate(page, [2, 3, 1, 2, null]);
  await page.getByRole('link', { name: /^Open Data/ }).click();
  await view(page, 'step', 'Open Data');
  await page.getByLabel('Notes and evidence').fill(EVIL_SCRIPT);
  await page.getByLabel('Target level').selectOption('4');
  await page.getByRole('link', { name: /^Analytics/ }).click();
  await view(page, 'step', 'Analytics');
  await page.getByLabel('Notes and evidence').fill(EVIL_IMG);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Bike share');
}

test('a link opens the same results in a fresh browser, read-only, and can be saved once', async () => {
  const a = await openPage(env.browser, env.server.url);
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await assessed(a.page);
  const cells = await levelCells(a.page);
  const notes = await a.page.locator('.notes dd').allTextContents();
  assert.deepEqual(notes, [EVIL_SCRIPT, EVIL_IMG]);
  await a.page.getByLabel('Include notes and evidence in the link').check();
  const link = await a.page.locator('#share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/results\.html#\/shared\/1\/[A-Za-z0-9_-]+$/);
  assert.equal(await a.page.locator('.qr svg path').count(), 1, 'a QR code of the link');
  await a.page.getByRole('button', { name: 'Copy link' }).click();
  await a.page.getByText('Link copied.').waitFor();
  assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), link);
  // For an e-mail: a few words that say what to do, the link on its own line.
  const mail = await a.page.getByLabel('Text for an e-mail').inputValue();
  assert.match(mail, /^Results of the urban data maturity self-assessment: Bike share · .+\.\nOpen this link in a browser:\n/);
  assert.equal(mail.split('\n').at(-1), link);
  await a.page.getByRole('button', { name: 'Copy the text' }).click();
  await a.page.getByText('Text copied.').waitFor();
  assert.equal(await a.page.getByText('Link copied.').count(), 0, 'one message at a time');
  assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), mail);
  const mailto = new URL(await a.page.getByRole('link', { name: 'Write an e-mail with this text' }).getAttribute('href'));
  assert.equal(mailto.protocol, 'mailto:');
  assert.equal(mailto.searchParams.get('body'), mail.replaceAll('\n', '\r\n'));
  assert.match(mailto.searchParams.get('subject'), /^Bike share · /);
  await screenshot(a.page, 'share-panel');
  await a.done();

  // The whole text pasted where links are opened (as a reply quotes it) opens the results.
  const r = await openPage(env.browser, env.server.url);
  await r.page.goto(env.server.url);
  await ready(r.page);
  await r.page.getByLabel('Results link').fill(mail.split('\n').map((l) => `> ${l}`).join('\n'));
  await r.page.getByRole('button', { name: 'Open', exact: true }).click();
  await view(r.page, 'shared', 'Results: Bike share');
  assert.deepEqual(await levelCells(r.page), cells);
  await r.done();

  const b = await openPage(env.browser, env.server.url);
  await visit(b.page, link, 'shared', 'Results: Bike share');
  await assert.doesNotReject(b.page.getByText('These results come from a link.', { exact: false }).waitFor());
  assert.deepEqual(await levelCells(b.page), cells);
  assert.deepEqual(await b.page.locator('.notes dd').allTextContents(), notes, 'notes arrive as text');
  assert.equal(await b.page.locator('.share').count(), 0, 'no share or edit controls on shared results');
  assert.deepEqual(await allStorage(b.page), {}, 'opening a link saves nothing');
  await screenshot(b.page, 'shared-view');

  await b.page.getByRole('link', { name: 'Save a copy on this device' }).click();
  await view(b.page, 'results', 'Results: Bike share');
  await b.page.locator('[data-notice="flash"]').getByText('Saved on this device.', { exact: false }).waitFor();
  const saved = await storedAssessments(b.page);
  assert.equal(saved.length, 1);
  assert.equal(saved[0].ratings['open-data'].notes, EVIL_SCRIPT);
  assert.match(b.page.url(), /#\/a\/[a-z0-9]+\/results$/);

  // Back: the saved copy is offered, not saved again.
  await b.page.goBack();
  await view(b.page, 'keep', 'Results: Bike share');
  await b.page.getByText('This assessment is already saved on this device.').waitFor();
  await b.page.getByRole('link', { name: 'Open the saved copy' }).click();
  await view(b.page, 'results', 'Results: Bike share');

  // The link opened again, and saved again: it opens the copy.
  await visit(b.page, link, 'shared', 'Results: Bike share');
  await b.page.getByRole('link', { name: 'Save a copy on this device' }).click();
  await view(b.page, 'results', 'Results: Bike share');
  await b.page.locator('[data-notice="flash"]').getByText('This assessment was already saved on this device.', { exact: false }).waitFor();
  assert.equal((await storedAssessments(b.page)).length, 1, 'never saved twice');

  // The address of the save alone, without the reader's click in this
  // tab, saves nothing: it shows the results and the button.
  const c = await openPage(env.browser, env.server.url);
  await visit(c.page, link.replace('results.html#/shared/', 'report.html#/keep/'), 'keep', 'Results: Bike share');
  await c.page.getByRole('button', { name: 'Save a copy on this device' }).waitFor();
  assert.deepEqual(await allStorage(c.page), {}, 'nothing saved by an address alone');
  await c.page.getByRole('button', { name: 'Save a copy on this device' }).click();
  await view(c.page, 'results', 'Results: Bike share');
  assert.equal((await storedAssessments(c.page)).length, 1);
  await c.done();
  await b.done();
});

test('a link without notes is shorter and carries none', async () => {
  const s = await openPage(env.browser, env.server.url);
  await assessed(s.page);
  const without = await s.page.locator('#share-link').inputValue();
  assert.equal(await s.page.getByLabel('Include notes and evidence in the link').isChecked(), false, 'notes stay out unless asked for');
  await s.page.getByLabel('Include notes and evidence in the link').check();
  const withNotes = await s.page.locator('#share-link').inputValue();
  assert.ok(without.length < withNotes.length);
  const payload = without.split('#/shared/1/')[1];
  console.log(`share link payload: ${payload.length} chars without notes, ${withNotes.split('#/shared/1/')[1].length} with`);
  await visit(s.page, without, 'shared', 'Results: Bike share');
  await assert.doesNotReject(s.page.getByText('No notes.').waitFor());
  await s.done();
});

test('a dozen broken links each get a plain message and leave saved work byte-identical', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await assessed(page);
  const good = (await page.locator('#share-link').inputValue()).split('#/shared/1/')[1];
  const before = await allStorage(page);
  const bad = [
    ['#/shared/1/', /no results in it/],
    ['#/shared/1', /no results in it/],
    ['#/shared/7/' + good, /newer version/],
    ['#/shared/x/' + good, /not a results link/],
    ['#/shared/1/' + good.slice(0, good.length >> 1), /cut off or damaged/],
    ['#/shared/1/' + good.slice(0, -3) + '+/=', /cut off or damaged/],
    ['#/shared/1/' + 'A'.repeat(70000), /far larger/],
    ['#/shared/1/' + payloadOf(' '.repeat(300000)), /far larger/],
    ['#/shared/1/' + payloadOf('this is not json'), /cut off or damaged/],
    ['#/shared/1/' + payloadOf('{"a":1}'), /cut off or damaged/],
    ['#/shared/1/' + payloadOf('["idb-budmm","2019-10",0,"Quito","2026-01-01","","21391"]'), /cut off or damaged/],
    ['#/shared/1/' + payloadOf('["other-model","3",0,"Quito","2026-01-01","","21311"]'), /version of the model this app does not have \(other-model 3\)/],
    ['#/shared/1/' + b64url(deflateRawSync(Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]))), /cut off or damaged/],
    ['#/shared/1/%3Cscript%3Ealert(1)%3C%2Fscript%3E', /cut off or damaged/],
  ];
  for (const [fragment, message] of bad) {
    // By way of another view: two broken links show the same view and
    // heading, so only a change of view shows the new link was read.
    await visit(page, `${env.server.url}#/`, 'home', 'Your assessments');
    await visit(page, env.server.url + fragment, 'shared', 'This link cannot be opened');
    assert.match(await page.locator('[data-link-error]').textContent(), message, fragment.slice(0, 60));
    assert.deepEqual(await allStorage(page), before, `storage untouched by ${fragment.slice(0, 60)}`);
  }
  await screenshot(page, 'link-broken');
  await page.getByRole('link', { name: 'Go to my assessments' }).click();
  await view(page, 'home', 'Your assessments');
  assert.equal(await page.locator('.card').count(), 1);
  await s.done();
});

test('JSON and CSV downloads carry the assessment; the JSON imports on another device', async () => {
  const a = await openPage(env.browser, env.server.url);
  await assessed(a.page);
  const cells = await levelCells(a.page);
  const [jsonDownload] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Download as JSON' }).click(),
  ]);
  assert.equal(jsonDownload.suggestedFilename(), 'Bike-share-2026-03-15.json');
  // Keep a copy: the download goes when its browser context closes.
  const jsonPath = join(await mkdtemp(join(tmpdir(), 'budmm-')), 'export.json');
  await jsonDownload.saveAs(jsonPath);
  const json = JSON.parse(await readFile(jsonPath, 'utf8'));
  assert.equal(json.format, 'budmm-assessments');
  assert.equal(json.schema, 2);
  assert.equal(json.rubric.id, 'idb-big-urban-data-maturity-model');
  assert.equal(json.assessments[0].ratings.analytics.level, 1);
  assert.equal(json.assessments[0].ratings.analytics.notes, EVIL_IMG);

  const [csvDownload] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Download as CSV (spreadsheet)' }).click(),
  ]);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffInitiative,City or organisation,Date,Competency,Level,Level name,Target level,Notes\r\n'), 'BOM and header');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows.length, 6);
  assert.equal(rows[1], `Bike share,Fortaleza,2026-03-15,Open Data,2,Basic,4,${EVIL_SCRIPT.replace(/"/g, '""').replace(/^(.*)$/, '"$1"')}`);
  assert.equal(rows[5], 'Bike share,Fortaleza,2026-03-15,Participation & Public Services,,Not assessed,,');
  await a.done();

  const b = await openPage(env.browser, env.server.url);
  await visit(b.page, env.server.url, 'home', 'Your assessments');
  await b.page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles(jsonPath);
  await b.page.getByText('Imported 1 assessment.').waitFor();
  await b.page.locator('.card').getByRole('link', { name: 'Results' }).click();
  await view(b.page, 'results', 'Results: Bike share');
  assert.deepEqual(await levelCells(b.page), cells);
  await b.page.getByRole('link', { name: 'My assessments' }).click();
  await view(b.page, 'home', 'Your assessments');

  // The same file again, dropped on the import box this time.
  const content = await readFile(jsonPath, 'utf8');
  const dt = await b.page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'again.json', { type: 'application/json' }));
    return d;
  }, content);
  await b.page.dispatchEvent('.import', 'drop', { dataTransfer: dt });
  await b.page.getByText('Imported 0 assessments. 1 was already on this device.').waitFor();
  assert.equal(await b.page.locator('.card').count(), 1);
  await b.done();
});

test('a dozen broken files each get a plain message and change nothing', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await assessed(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as JSON' }).click(),
  ]);
  const good = await readFile(await download.path(), 'utf8');
  const goodJson = JSON.parse(good);
  const variant = (edit) => { const v = structuredClone(goodJson); edit(v); return JSON.stringify(v); };
  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  const before = await allStorage(page);
  const files = [
    ['empty.json', Buffer.alloc(0), /not a complete JSON file/],
    ['cut.json', Buffer.from(good.slice(0, good.length >> 1)), /not a complete JSON file/],
    ['sheet.csv', Buffer.from('subject,date\nQuito,2026-01-01\n'), /not a complete JSON file/],
    ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe]), /not a text file/],
    ['utf16.json', Buffer.from('\ufeff' + good, 'utf16le'), /not a text file/],
    ['other.json', Buffer.from('{"hello":"world"}'), /not downloaded from this app/],
    ['array.json', Buffer.from('[1,2,3]'), /not downloaded from this app/],
    ['future.json', Buffer.from(variant((v) => { v.schema = 9; })), /newer version/],
    ['levels.json', Buffer.from(variant((v) => { v.assessments[0].ratings.analytics.level = 7; })), /no assessment in it could be read/],
    ['dates.json', Buffer.from(variant((v) => { v.assessments[0].date = '2026-02-30'; })), /no assessment in it could be read/],
    ['rubric.json', Buffer.from(variant((v) => { v.assessments[0].rubric.version = '2031'; })), /no assessment in it could be read/],
    ['huge.json', Buffer.alloc(6 * 1024 * 1024, 0x20), /larger than any file/],
  ];
  for (const [name, buffer, message] of files) {
    await page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles({ name, mimeType: 'application/json', buffer });
    const flash = page.locator('[data-notice="flash"]');
    await flash.filter({ hasText: name }).waitFor();
    const text = await flash.textContent();
    assert.match(text, message, name);
    assert.match(text, /Nothing was changed\./, name);
    assert.deepEqual(await allStorage(page), before, `storage untouched by ${name}`);
  }
  await screenshot(page, 'import-broken');
  assert.equal(await page.locator('.card').count(), 1);
  await s.done();
});

test('a results link on a 360 px phone shows the place, date, assessor and all five levels on the first screen, in every language', async () => {
  const payload = payloadOf(JSON.stringify(['idb-budmm', '2019-10', 0, 'Paramaribo', '2026-05-01', 'Ana Souza', '21345']));
  for (const lang of ['en', 'es', 'pt', 'fr']) {
    const m = JSON.parse(await readFile(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'));
    const s = await openPage(env.browser, env.server.url, { locale: lang });
    await s.page.setViewportSize({ width: 360, height: 740 });
    await visit(s.page, `${env.server.url}results.html#/shared/1/${payload}`, 'shared', m.results_title.replace('{title}', 'Paramaribo'));
    const inView = async (locator, what) => {
      const box = await locator.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 740, `${lang}: ${what} within the first screen (${JSON.stringify(box)})`);
    };
    await inView(s.page.locator('main h1'), 'the place');
    await inView(s.page.locator('main .meta').getByText('Ana Souza', { exact: false }), 'who assessed');
    const rows = s.page.locator('main dl.glance > div');
    assert.equal(await rows.count(), 5);
    for (let i = 0; i < 5; i++) {
      await inView(rows.nth(i).locator('dt'), `competency ${i + 1}`);
      await inView(rows.nth(i).locator('dd'), `level ${i + 1}`);
      assert.match(await rows.nth(i).textContent(), new RegExp(m.competency_names[['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'][i]].replace(/[&]/g, '\\$&')));
    }
    // Then the rest of the results: the chart, the quoted descriptors with
    // our help, the next level, the credit, and the way to keep a copy.
    assert.ok(await s.page.locator('main .results-body svg').count() >= 1, 'the chart');
    assert.equal(await s.page.locator('#levels-table span[lang="en"]').count(), 9, 'five levels held and four next ones, as the IDB wrote them');
    assert.ok(await s.page.locator('#levels-table .our-help').count() >= 5);
    await s.page.locator('main .source-credit').filter({ hasText: 'IDB' }).waitFor();
    await s.page.getByRole('link', { name: m.shared_save }).waitFor();
    await s.done();
  }

  // The owner's results in the same order: the levels before the rest.
  const s = await openPage(env.browser, env.server.url);
  await s.page.setViewportSize({ width: 360, height: 740 });
  await visit(s.page, env.server.url, 'home', 'Your assessments');
  await createAssessment(s.page, { place: 'Paramaribo' });
  await rate(s.page, [2, 1, 3, 4, 5]);
  await s.page.goto(s.page.url().replace(/[^/]+$/, 'results'));
  await view(s.page, 'results', 'Results: Paramaribo');
  const rows = s.page.locator('main dl.glance > div');
  assert.equal(await rows.count(), 5);
  for (let i = 0; i < 5; i++) {
    const box = await rows.nth(i).locator('dd').boundingBox();
    assert.ok(box && box.y + box.height <= 740, `the owner's level ${i + 1} within the first screen (${JSON.stringify(box)})`);
  }
  await s.done();
});

test('a link’s reader can change the language, and the choice is remembered', async () => {
  const payload = payloadOf(JSON.stringify(['idb-budmm', '2019-10', 0, 'Paramaribo', '2026-05-01', '', '21345']));
  const es = JSON.parse(await readFile(new URL('../../i18n/es.json', import.meta.url), 'utf8'));
  const s = await openPage(env.browser, env.server.url);
  const url = `${env.server.url}results.html#/shared/1/${payload}`;
  await visit(s.page, url, 'shared', 'Results: Paramaribo');
  await s.page.getByLabel('Language').selectOption('es');
  await view(s.page, 'shared', es.results_title.replace('{title}', 'Paramaribo'));
  assert.equal(await s.page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await s.page.evaluate(() => document.activeElement?.id), 'lang-select', 'focus stays on the list');
  await s.page.reload();
  await view(s.page, 'shared', es.results_title.replace('{title}', 'Paramaribo'));
  assert.equal(await s.page.getByLabel(es.lang_label).inputValue(), 'es');
  await s.done();
});
