// The regional view (#/region, region.html): many cities from files, links
// and this device; the landscape, its order and one place against the
// group; the cohort file, CSV and data package; the regional card; bad
// input among good; axe in every language. Driven like a user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ROOT, launch, serveDist, startHost, openPage, view, visit, axe, catalog, LANGS, fill, createAssessment, rate, screenshot } from './helpers.mjs';

const RUBRIC = { id: 'idb-big-urban-data-maturity-model', version: '2019-10' };
const COMPETENCIES = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];
const FRICTIONLESS = join(ROOT, 'target', 'py', 'bin', 'frictionless');
const en = catalog('en');

/** City `i`'s levels in `year`: spread over 1–5, some not assessed. */
function levelsOf(i, year) {
  return COMPETENCIES.map((_, k) => (year === 2026 && k === 2 && i % 17 === 0 ? null : ((i * (k + 2) + ((i * i) % 7) + year + k) % 5) + 1));
}

function assessment(i, year, extra = {}) {
  const ratings = {};
  levelsOf(i, year).forEach((level, k) => {
    if (level !== null) ratings[COMPETENCIES[k]] = { level, notes: `Evidence of city ${i}` };
  });
  return {
    id: `c${i}y${year}`,
    subject: { kind: 'city' },
    place: `City ${String(i).padStart(3, '0')}`,
    date: `${year}-03-0${1 + (i % 9)}`,
    assessor: `Analyst ${i}`,
    rubric: RUBRIC,
    ratings,
    created_ms: 1700000000000 + i,
    updated_ms: 1700000000000 + i,
    ...extra,
  };
}

/** An exported file (docs/assessment-json.md) of `list`. */
const fileOf = (list) => JSON.stringify({ format: 'budmm-assessments', schema: 2, rubric: RUBRIC, assessments: list });

/** 150 cities, each assessed in 2025 and 2026: 300 assessments. */
const cities = (n = 150) => Array.from({ length: n }, (_, i) => i + 1);
const COHORT = fileOf(cities().flatMap((i) => [assessment(i, 2025), assessment(i, 2026)]));

/** A results link as the app makes it (share.rs): deflated JSON, base64url. */
function linkOf(i, year) {
  const levels = levelsOf(i, year).map((l) => l ?? 0).join('');
  const json = JSON.stringify(['idb-budmm', '2019-10', 0, `Linked ${i}`, `${year}-05-01`, '', levels]);
  return `https://example.org/budmm/report.html#/shared/1/${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

const env = {};
before(async () => {
  env.server = await serveDist({ '/cohort.json': ['application/json', COHORT] });
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

const status = (page) => page.locator('.region-status');
const rows = (page) => page.locator('#landscape tbody tr');

/** Opens the regional view from the main navigation, like a user. */
async function openRegion(page, m = en) {
  await visit(page, env.server.url, 'home');
  await page.getByRole('navigation', { name: m.nav_label }).getByRole('link', { name: m.nav_region }).click();
  await view(page, 'region', m.region_title);
}

async function load(page, files) {
  await page.locator('#region-files').setInputFiles(files);
}

/** The column of a competency (by its index) in the table, as numbers (null when not assessed). */
async function column(page, k) {
  return page.locator('#landscape tbody tr').evaluateAll((trs, k) => trs.map((tr) => {
    const digit = tr.querySelectorAll('td')[1 + k].querySelector('.digit');
    return digit ? Number(digit.textContent) : null;
  }), k);
}

/** Clicks a download button; the file is kept under its suggested name. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = join(await mkdtemp(join(tmpdir(), 'budmm-region-')), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

function validate(path) {
  assert.ok(existsSync(FRICTIONLESS), `${FRICTIONLESS} is installed by the test command`);
  const run = spawnSync(FRICTIONLESS, ['validate', path], { encoding: 'utf8' });
  assert.equal(run.status, 0, `frictionless validate ${path}:\n${run.stdout}\n${run.stderr}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

test('300 assessments of 150 cities from one file: 150 rows, sorting, one place against the band, and the cohort file round trip', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  await load(page, { name: 'network.json', mimeType: 'application/json', buffer: Buffer.from(COHORT) });
  await status(page).filter({ hasText: 'Loaded: 300 assessments, 150 places.' }).waitFor();
  await page.locator('#region-report').filter({ hasText: '300 assessments added.' }).waitFor();
  // 25 rows a page; the next page, then all 150.
  assert.equal(await rows(page).count(), 25);
  const pager = page.getByRole('navigation', { name: en.region_pages_label });
  await pager.getByText('Rows 1–25 of 150').waitFor();
  await pager.getByRole('button', { name: en.region_next }).click();
  await pager.getByText('Rows 26–50 of 150').waitFor();
  assert.equal(await rows(page).first().locator('th').textContent(), 'City 026');
  await pager.getByLabel(en.region_rows_label).selectOption({ label: en.region_rows_all });
  await pager.getByText('Rows 1–150 of 150').waitFor();
  assert.equal(await rows(page).count(), 150, 'the latest of each place: one row each');
  assert.equal(await rows(page).first().locator('th').textContent(), 'City 001');
  assert.match(await rows(page).first().locator('td').first().textContent(), /2026/);

  // Sorting by analytics: highest first, the places not assessed last.
  // With the keyboard: the button keeps the focus after the table is redrawn.
  const analytics = page.locator('#landscape thead th').nth(4);
  await analytics.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await page.locator('#landscape thead th[aria-sort="descending"]').filter({ hasText: en.competency_names.analytics }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'sort-c2');
  const sorted = await column(page, 2);
  const assessed = sorted.filter((x) => x !== null);
  assert.deepEqual(assessed, [...assessed].sort((a, b) => b - a), 'highest first');
  const unassessed = cities().filter((i) => levelsOf(i, 2026)[2] === null).length;
  assert.equal(unassessed, 8);
  assert.equal(sorted.indexOf(null), assessed.length, 'the places not assessed go last');
  assert.equal(sorted.filter((x) => x === null).length, unassessed);
  await analytics.getByRole('button').click();
  await page.locator('#landscape thead th[aria-sort="ascending"]').filter({ hasText: en.competency_names.analytics }).waitFor();
  const up = (await column(page, 2)).filter((x) => x !== null);
  assert.deepEqual(up, [...up].sort((a, b) => a - b), 'then lowest first');

  // Every date, then one year.
  await page.getByLabel(en.region_show_label).selectOption({ label: en.region_show_all });
  await page.waitForFunction(() => document.querySelectorAll('#landscape tbody tr').length === 300);
  await page.getByLabel(en.region_show_label).selectOption({ label: fill(en.region_show_year, { year: '2025' }) });
  await page.waitForFunction(() => document.querySelectorAll('#landscape tbody tr').length === 150);
  assert.ok((await rows(page).locator('td:first-of-type').allTextContents()).every((d) => d.includes('2025')));
  await page.getByLabel(en.region_show_label).selectOption({ label: en.region_show_latest });
  await page.waitForFunction(() => document.querySelectorAll('#landscape tbody tr').length === 150);

  // The group's medians, as a table: the same as computed here.
  const latest = cities().map((i) => levelsOf(i, 2026));
  const spread = page.locator('table.spread');
  for (const [k, id] of COMPETENCIES.entries()) {
    const levels = latest.map((l) => l[k]).filter((x) => x !== null);
    const row = spread.locator('tbody tr').nth(k);
    assert.equal(await row.locator('th').textContent(), en.competency_names[id]);
    assert.equal(await row.locator('td').nth(2).textContent(), String(median(levels)).replace('.5', '.5'), `median of ${id}`);
    assert.equal(await row.locator('td').nth(5).textContent(), String(levels.length));
  }

  // One place against the band, in the chart and in words.
  await page.getByLabel(en.region_place_label).selectOption({ label: 'City 017' });
  const words = page.locator('p.standing');
  // Which of its assessments: the latest, named by its date.
  await words.filter({ hasText: 'Where City 017 stands, in its assessment of 9 March 2026:' }).waitFor();
  assert.match(await words.textContent(), /not assessed in Analytics/);
  await page.locator('table.spread thead th').filter({ hasText: 'City 017' }).waitFor();
  const chart = page.locator('figure.band-chart svg.wide');
  assert.equal(await chart.locator('path.band').count(), 1);
  assert.equal(await chart.locator('circle.dot').count(), 4, 'four competencies assessed in 2026');
  assert.match(await chart.locator('desc').textContent(), /City 017 at level/);
  // Readable where it overlaps: the place an outline with no fill over the
  // band, and every scale number on top of whatever marks share its spot.
  assert.equal(await chart.locator('.current').evaluate((e) => getComputedStyle(e).fill), 'none');
  await chart.scrollIntoViewIfNeeded();
  const hidden = await chart.locator('text.ring-label').evaluateAll((labels) => labels.filter((t) => {
    const r = t.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return top !== t && !t.contains(top);
  }).map((t) => t.textContent));
  assert.deepEqual(hidden, [], 'no scale number under a marker or outline');
  await screenshot(page, 'region-1280');

  // The cohort file, anonymised by default, loads back to the same landscape.
  const before = await rows(page).allTextContents();
  const cohort = await download(page, en.region_download_json);
  const file = JSON.parse(cohort.text);
  assert.equal(file.format, 'budmm-assessments');
  assert.equal(file.assessments.length, 300);
  assert.ok(!cohort.text.includes('Analyst') && !cohort.text.includes('Evidence'), 'no assessor and no notes');
  await page.getByRole('button', { name: en.region_clear }).click();
  await page.locator('main[data-view="region"] .notice.info').filter({ hasText: en.region_empty }).waitFor();
  await load(page, { name: cohort.name, mimeType: 'application/json', buffer: Buffer.from(cohort.text) });
  await status(page).filter({ hasText: 'Loaded: 300 assessments, 150 places.' }).waitFor();
  await page.locator('#landscape thead th[aria-sort="ascending"]').filter({ hasText: en.competency_names.analytics }).waitFor();
  assert.deepEqual(await rows(page).allTextContents(), before, 'the same rows, in the same order');

  // Loading the same file again adds nothing: each content counts once.
  await load(page, { name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(cohort.text) });
  await page.locator('#region-report').filter({ hasText: '0 assessments added. 300 were already loaded and count once.' }).waitFor();
  assert.equal(await page.locator('#region-report-live').getAttribute('role'), 'status');

  // CSV: one row per place and competency.
  const csv = await download(page, en.region_download_csv);
  assert.equal(csv.text.trim().split(/\r?\n/).length, 1 + 150 * 5);
  await s.done();
});

test('the group survives going to another page and back, and a reload; "Remove all" is kept too', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  assert.match(await page.locator('main').textContent(), /stays in this tab until you close it/);
  await load(page, { name: 'network.json', mimeType: 'application/json', buffer: Buffer.from(COHORT) });
  await status(page).filter({ hasText: 'Loaded: 300 assessments, 150 places.' }).waitFor();
  const before = await rows(page).allTextContents();

  // To Home (another page of the app), then Back.
  await page.getByRole('navigation', { name: en.nav_label }).getByRole('link', { name: en.nav_assessments }).click();
  await view(page, 'home', en.home_title);
  await page.goBack();
  await view(page, 'region', en.region_title);
  await status(page).filter({ hasText: 'Loaded: 300 assessments, 150 places.' }).waitFor();
  assert.deepEqual(await rows(page).allTextContents(), before, 'the same rows');
  assert.equal(await page.locator('#region-report').count(), 0, 'no load report: nothing was loaded again');

  await page.reload();
  await view(page, 'region', en.region_title);
  await status(page).filter({ hasText: 'Loaded: 300 assessments, 150 places.' }).waitFor();
  assert.deepEqual(await rows(page).allTextContents(), before);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).length), 0, 'kept in the tab, not saved');
  const kept = await page.evaluate(() => sessionStorage.getItem('budmm.tab.region'));
  assert.ok(kept?.startsWith('{"format":"budmm-carry"'), 'the group is in the tab\'s storage');

  await page.getByRole('button', { name: en.region_clear }).click();
  await page.locator('main[data-view="region"] .notice.info').filter({ hasText: en.region_empty }).waitFor();
  await page.reload();
  await view(page, 'region', en.region_title);
  await page.locator('main[data-view="region"] .notice.info').filter({ hasText: en.region_empty }).waitFor();
  await s.done();

  // The tab's own value, cut short: an empty group at once, not a broken page.
  const t = await openPage(env.browser, env.server.url);
  await t.page.goto(`${env.server.url}region.html#/region`);
  await view(t.page, 'region', en.region_title);
  await t.page.evaluate((text) => sessionStorage.setItem('budmm.tab.region', text.slice(0, text.length / 2)), kept);
  await t.page.reload();
  await view(t.page, 'region', en.region_title);
  await t.page.locator('main[data-view="region"] .notice.info').filter({ hasText: en.region_empty }).waitFor();
  await t.done();
});

test('the data package of the region and of one assessment pass the frictionless validator', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  await load(page, { name: 'network.json', mimeType: 'application/json', buffer: Buffer.from(COHORT) });
  await status(page).filter({ hasText: '150 places' }).waitFor();
  await page.getByLabel(en.region_group_label).fill('Red de ciudades 2026');
  await page.getByLabel(en.package_licence_label).selectOption({ label: en.licence_odc_by });
  const pack = await download(page, en.package_download);
  const json = JSON.parse(pack.text);
  assert.equal(json.title, 'Red de ciudades 2026');
  assert.equal(json.licenses[0].name, 'ODC-By-1.0');
  assert.deepEqual(json.resources.map((r) => r.name), ['levels', 'rubric']);
  assert.equal(json.resources[0].data.length, 150 * 5);
  assert.ok(!pack.text.includes('Analyst') && !pack.text.includes('Evidence'));
  assert.equal(pack.name, 'urban-data-maturity-red-de-ciudades-2026-datapackage.json', 'named after the group');
  validate(pack.path);

  // One assessment, from its results.
  await visit(page, `${env.server.url}#/`, 'home');
  await createAssessment(page, { place: 'Montevideo', date: '2026-10-01' });
  await rate(page, [2, 3, 1, 4, 2]);
  await page.getByRole('link', { name: /^(Next: |See the results)/ }).last().click();
  await view(page, 'results', /Montevideo/);
  await page.getByRole('link', { name: en.publish_link }).click();
  await view(page, 'publish', fill(en.publish_title, { title: 'Montevideo' }));
  const one = await download(page, en.package_download);
  const single = JSON.parse(one.text);
  assert.equal(single.resources[0].data.length, 5);
  assert.equal(single.licenses[0].name, 'CC-BY-4.0');
  assert.equal(one.name, 'urban-data-maturity-montevideo-2026-10-01-datapackage.json');
  validate(one.path);
  await s.done();
});

test('bad files and links among good ones are each named with the reason; the rest load', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  const good = fileOf([assessment(1, 2026), assessment(2, 2026)]);
  const more = fileOf([assessment(2, 2026), assessment(3, 2026, { place: '<img src=x onerror=alert(1)>' }), assessment(4, 2026, { place: 'X'.repeat(200) })]);
  const files = [
    { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) },
    { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(6 * 1024 * 1024, 32) },
    { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(good.slice(0, 200)) },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x9f]) },
    { name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(good.replace('"schema":2', '"schema":9')) },
    { name: 'more.json', mimeType: 'application/json', buffer: Buffer.from(more) },
  ];
  await load(page, files);
  const report = page.locator('#region-report');
  await report.filter({ hasText: '4 assessments added. 1 was already loaded and counts once.' }).waitFor();
  assert.match(await report.getAttribute('class'), /warning/);
  const items = await report.locator('li').allTextContents();
  assert.deepEqual(items, [
    `huge.json: ${en.file_too_large}.`,
    `cut.json: ${en.file_not_json}.`,
    `photo.png: ${en.file_not_text}.`,
    `newer.json: ${en.file_newer}.`,
  ]);
  await status(page).filter({ hasText: 'Loaded: 4 assessments, 4 places.' }).waitFor();
  assert.equal(await page.locator('#landscape tbody tr th').filter({ hasText: '<img src=x onerror=alert(1)>' }).count(), 1, 'shown as text');
  // A name of 200 letters without a space wraps on a phone.
  await page.getByLabel(en.region_place_label).selectOption({ label: 'X'.repeat(200) });
  await page.locator('p.standing').waitFor();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.locator('figure.band-chart svg.narrow').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Links: one per line; a broken one is named by its line.
  await page.getByLabel(en.region_links_label).fill(`${linkOf(40, 2026)}\n\nhttps://example.org/report.html#/shared/1/AAAA\n${linkOf(41, 2026)}`);
  await page.getByRole('button', { name: en.region_add_links }).click();
  await report.filter({ hasText: '2 assessments added.' }).waitFor();
  assert.deepEqual(await report.locator('li').allTextContents(), [`Line 3: ${en.link_damaged.replace(/\.$/, '')}.`]);
  await status(page).filter({ hasText: 'Loaded: 6 assessments, 6 places.' }).waitFor();

  // A pasted book of junk: the first 20 lines named, the rest counted.
  // Set as a paste would: Playwright's fill of 5,000 lines outlasts its timeout.
  await page.getByLabel(en.region_links_label).evaluate((area, text) => { area.value = text; }, Array.from({ length: 5000 }, (_, i) => `not a link ${i}`).join('\n'));
  await page.getByRole('button', { name: en.region_add_links }).click();
  await report.filter({ hasText: fill(en.region_rejected_more_n.other, { n: '4980' }) }).waitFor();
  assert.equal(await report.locator('li').count(), 20);
  await page.getByLabel(en.region_links_label).fill('');

  // Nothing was saved: the device still has none, until asked.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).length), 0);
  await page.getByRole('button', { name: fill(en.region_save_n.other, { n: '6' }) }).click();
  await page.locator('.notice').filter({ hasText: 'Imported 6 assessments.' }).waitFor();
  // Links carry no id: each got one of its own, so all six are stored.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).length), 6);
  assert.equal(await page.evaluate(() => localStorage.getItem('budmm.a.')), null, 'none under an empty id');
  await s.done();
});

test('a folder adds its .json files and says how many others it left aside; files dropped on the box load too', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  const folder = await mkdtemp(join(tmpdir(), 'budmm-folder-'));
  await writeFile(join(folder, 'quito.json'), fileOf([assessment(1, 2026)]));
  await writeFile(join(folder, 'lima.JSON'), fileOf([assessment(2, 2026)]));
  await writeFile(join(folder, 'notes.txt'), 'minutes of the meeting');
  await page.locator('#region-folder').setInputFiles(folder);
  const report = page.locator('#region-report');
  await report.filter({ hasText: `2 assessments added. ${fill(en.region_folder_skipped_n.one, { n: '1' })}` }).waitFor();
  await status(page).filter({ hasText: 'Loaded: 2 assessments, 2 places.' }).waitFor();

  // A drop on the box, as a browser delivers it.
  const transfer = await page.evaluateHandle((text) => {
    const t = new DataTransfer();
    t.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return t;
  }, fileOf([assessment(3, 2026), assessment(4, 2026)]));
  const box = page.locator('section.region-load');
  await box.dispatchEvent('dragover', { dataTransfer: transfer });
  await box.dispatchEvent('drop', { dataTransfer: transfer });
  await report.filter({ hasText: '2 assessments added.' }).waitFor();
  await status(page).filter({ hasText: 'Loaded: 4 assessments, 4 places.' }).waitFor();
  // A drop beside the box is cancelled, so the browser does not open the
  // file in place of the page (and the group with it).
  const cancelled = await page.evaluate((t) => {
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: t });
    document.querySelector('h1').dispatchEvent(drop);
    return drop.defaultPrevented;
  }, transfer);
  assert.equal(cancelled, true);
  await s.done();
});

test('the assessments saved on this device join the group; past 1,000 the rest are left out and said so', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home');
  await createAssessment(page, { place: 'Asunción', date: '2026-09-01' });
  await rate(page, [1, 2, 2, 1, 3]);
  await openRegion(page);
  await page.getByRole('button', { name: en.region_add_saved_n.one }).click();
  await status(page).filter({ hasText: 'Loaded: 1 assessment, 1 place.' }).waitFor();
  const big = fileOf(Array.from({ length: 1005 }, (_, i) => assessment(i + 1, 2026)));
  await load(page, { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(big) });
  await page.locator('#region-report').filter({ hasText: '999 assessments added. 6 were left out: 1,000 is the most this view holds.' }).waitFor();
  await status(page).filter({ hasText: 'Loaded: 1,000 assessments' }).or(status(page).filter({ hasText: 'Loaded: 1000 assessments' })).waitFor();
  await s.done();
});

test('the regional card: up to 60 places in its link, more from a cohort file on the same site', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  const forty = fileOf(cities(40).map((i) => assessment(i, 2026)));
  await load(page, { name: 'forty.json', mimeType: 'application/json', buffer: Buffer.from(forty) });
  await status(page).filter({ hasText: '40 places' }).waitFor();
  await page.getByLabel(en.region_group_label).fill('Andean network');
  const code = await page.locator('#region-embed-code').inputValue();
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.match(src, /\/region-card\.html\?lang=en#\/region-card\/1\//);
  assert.ok(!src.includes('City'), 'no names in the link');

  // On a portal of another origin, in a sandboxed frame, sized by the
  // snippet's script from the card's height messages.
  const host = await startHost(`<!doctype html><html lang="en"><head><title>Network portal</title><link rel="icon" href="data:,"></head>
    <body><h1>Our network</h1>${code.replace('<iframe ', '<iframe id="card" sandbox="allow-scripts allow-popups" ')}</body></html>`);
  const portal = await openPage(env.browser, host.url, { alsoAllowed: [env.server.url] });
  await portal.page.goto(host.url);
  const frame = portal.page.frameLocator('#card');
  await view(frame, 'region-card', 'Andean network');
  await frame.locator('table.dist-table tbody tr').nth(4).waitFor();
  await portal.page.waitForFunction(() => {
    const h = document.querySelector('#card').getBoundingClientRect().height;
    return h > 300 && h !== 720;
  });
  await portal.done();
  await host.close();

  const card = await s.context.newPage();
  await visit(card, src, 'region-card', 'Andean network');
  assert.match(await card.locator('.meta').textContent(), /40 places/);
  const counts = await card.locator('table.dist-table tbody tr').first().locator('td').allTextContents();
  const expected = [1, 2, 3, 4, 5].map((l) => String(cities(40).filter((i) => levelsOf(i, 2026)[0] === l).length));
  assert.deepEqual(counts.slice(0, 5), expected, 'open data: places at each level');
  await axe(card, 'regional card');
  // In Spanish, from the card page's own language table.
  const es = catalog('es');
  await card.goto('about:blank');
  await visit(card, src.replace('?lang=en', '?lang=es'), 'region-card', 'Andean network');
  await card.locator('table.dist-table caption').filter({ hasText: es.region_dist_caption }).waitFor();
  assert.deepEqual((await card.locator('table.dist-table thead th').allTextContents()).slice(-2), [es.region_col_missing, es.region_col_median]);
  assert.equal(await card.title(), `${es.region_title} – ${es.app_name}`);
  await axe(card, 'regional card in Spanish');

  // More than 60: the code names a cohort file on this site.
  await load(page, { name: 'network.json', mimeType: 'application/json', buffer: Buffer.from(COHORT) });
  await status(page).filter({ hasText: '150 places' }).waitFor();
  await page.getByLabel(en.region_embed_file_label).fill('https://elsewhere.example/c.json');
  await page.locator('#region-path-error').filter({ hasText: en.region_embed_file_bad }).waitFor();
  assert.equal(await page.locator('#region-embed-code').count(), 0);
  await page.getByLabel(en.region_embed_file_label).fill('cohort.json');
  const fileSrc = (await page.locator('#region-embed-code').inputValue()).match(/src="([^"]+)"/)[1];
  assert.match(fileSrc, /#\/region-card\/file\/cohort\.json$/);
  await visit(card, fileSrc, 'region-card');
  await card.locator('.meta').filter({ hasText: '150 places' }).waitFor();
  // A file elsewhere is never fetched (and the results card's page hands a
  // group's address to the regional card's, with its language).
  await visit(card, `${env.server.url}embed.html?lang=en#/region-card/file/..%2F..%2Fetc.json`, 'region-card');
  assert.match(card.url(), /\/region-card\.html\?lang=en#/);
  await card.locator('main[data-link-error]').filter({ hasText: en.region_card_failed }).waitFor();
  await s.done();
});

for (const lang of LANGS) {
  test(`the regional view in ${lang}: 60 assessments, a place chosen, a column sorted: zero axe violations at 1280 and 320 px`, async () => {
    const m = catalog(lang);
    const locale = { en: 'en-US', es: 'es-ES', pt: 'pt-BR', fr: 'fr-FR' }[lang];
    const s = await openPage(env.browser, env.server.url, { locale });
    const { page } = s;
    await openRegion(page, m);
    const small = fileOf(cities(30).flatMap((i) => [assessment(i, 2025), assessment(i, 2026)]));
    await load(page, { name: 'thirty.json', mimeType: 'application/json', buffer: Buffer.from(small) });
    await page.locator('#region-report').filter({ hasText: m.region_added_n.other.replace('{n}', '60') }).waitFor();
    await page.getByLabel(m.region_place_label).selectOption({ label: 'City 005' });
    await page.locator('p.standing').filter({ hasText: fill(m.region_standing_intro, { place: 'City 005', date: fill(m.date_long, { d: '6', month: m.months[2], y: '2026' }) }) }).waitFor();
    await page.locator('#landscape thead th').nth(2).getByRole('button').click();
    await page.locator('#landscape thead th[aria-sort="descending"]').waitFor();
    await axe(page, `region ${lang} 1280`);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.locator('figure.band-chart svg.narrow').waitFor();
    await axe(page, `region ${lang} 320`);
    await screenshot(page, `region-${lang}-320`);
    await s.done();
  });
}

// Issue 26: ids the view gave were g1, g2… on every visit, and import took
// "same id, same place" for one assessment, so a later visit's save
// overwrote, or never stored, what an earlier one saved.
test('saves from several visits, reloads between them, lose nothing', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).map((k) => JSON.parse(localStorage.getItem(k)).assessment?.date ?? JSON.parse(localStorage.getItem(k)).date ?? k));
  const count = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budmm.a.')).length);
  const quito = (year, created) => ({ ...assessment(7, year), id: 'dup', place: 'Quito', created_ms: created, updated_ms: created });
  const saveVisit = async (input, n, saved) => {
    await openRegion(page);
    await input();
    await status(page).filter({ hasText: `Loaded: ${n} assessment` }).waitFor();
    await page.getByRole('button', { name: fill(n === 1 ? en.region_save_n.one : en.region_save_n.other, { n: String(n) }) }).click();
    await page.locator('.notice').filter({ hasText: fill(n === 1 ? en.flash_imported_n.one : en.flash_imported_n.other, { n: String(saved) }) }).waitFor();
    // The next visit as in a new tab: this tab's group is not carried over.
    await page.evaluate(() => sessionStorage.removeItem('budmm.tab.region'));
    await page.reload();
  };
  // Two files with one id, then two more with that id on a later visit.
  await saveVisit(() => load(page, [
    { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(fileOf([quito(2025, 1700000000001)])) },
    { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(fileOf([quito(2026, 1700000000002)])) },
  ]), 2, 2);
  assert.equal(await count(), 2);
  await saveVisit(() => load(page, [
    { name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(fileOf([quito(2027, 1700000000003)])) },
    { name: 'd.json', mimeType: 'application/json', buffer: Buffer.from(fileOf([quito(2028, 1700000000004)])) },
  ]), 2, 2);
  assert.equal(await count(), 4, `every year kept: ${await stored()}`);
  // Links carry no id: one visit's link, then another's.
  for (const year of [2025, 2026]) {
    await saveVisit(async () => {
      await page.getByLabel(en.region_links_label).fill(linkOf(90, year));
      await page.getByRole('button', { name: en.region_add_links }).click();
    }, 1, 1);
  }
  assert.equal(await count(), 6, 'both links saved');
  await s.done();
});

test('places sort by their letters before accents and case, as readers expect', async () => {
  const names = ['Curitiba', 'Santiago', 'São Paulo', 'Córdoba', 'Bogotá', 'Ñuñoa', 'Nuevo León', 'cartagena'];
  const list = names.map((place, i) => ({ ...assessment(i + 1, 2026), id: `acc${i}`, place }));
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await openRegion(page);
  await load(page, { name: 'accents.json', mimeType: 'application/json', buffer: Buffer.from(fileOf(list)) });
  await status(page).filter({ hasText: `${names.length} places` }).waitFor();
  const shown = await rows(page).locator('th').allTextContents();
  assert.deepEqual(shown, ['Bogotá', 'cartagena', 'Córdoba', 'Curitiba', 'Nuevo León', 'Ñuñoa', 'Santiago', 'São Paulo']);
  await s.done();
});
