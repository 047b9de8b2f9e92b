// From a score to a plan: progress over time, several respondents, an action
// plan and the printed report, driven through the UI like a user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { useApp, openPage, view, visit, createAssessment, rate, axe, screenshot, storedAssessments, catalog, LANGS, fill } from './helpers.mjs';

const env = useApp();

async function openResults(page) {
  await page.getByRole('link', { name: /^(Next: |See the results)/ }).last().click();
}

async function setTarget(page, title, level) {
  await page.getByRole('navigation', { name: 'Competencies' }).getByRole('link', { name: new RegExp(`^${title}`) }).click();
  await view(page, 'step', title);
  await page.getByLabel(/^Target level/).selectOption(String(level));
}

/** The cells of a table body, row by row, as trimmed text. */
async function tableCells(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

test('re-assessing a year later shows what moved, in a timeline and a changes table', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Fortaleza', date: '2025-11-20' });
  await rate(page, [1, 1, 2, 3, 1]);

  await visit(page, `${env.server.url}#/`, 'home', 'Your assessments');
  await page.getByRole('heading', { level: 2, name: 'Fortaleza · 20 November 2025' }).waitFor();
  await page.getByRole('link', { name: 'Re-assess' }).click();
  // The new one is made once its details are confirmed, answers carried over.
  await view(page, 'reassess', 'New assessment of Fortaleza');
  await page.getByLabel('Date of the assessment').fill('2026-11-20');
  await page.getByRole('button', { name: 'Create the new assessment' }).click();
  await view(page, 'step', 'Open Data');
  assert.equal(await page.getByRole('radio', { checked: true }).getAttribute('value'), '1', 'pre-filled from the earlier one');
  await rate(page, [2, 1, 3, 2, null]);

  await visit(page, `${env.server.url}#/`, 'home', 'Your assessments');
  const cards = page.locator('.card');
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  // Each card shows a small chart of its levels, named for screen readers.
  assert.match(await cards.first().locator('svg.mini-chart').getAttribute('aria-label'), /^Levels: Open Data: level 2, /);
  await cards.first().getByRole('link', { name: 'Progress over time' }).click();
  await view(page, 'progress', 'Progress: Fortaleza');

  const rows = await tableCells(page, '.compare-table');
  assert.deepEqual(rows, [
    ['Open Data', '1', '2 (+1)', '+1', ''],
    ['Cultivating Data Ecosystems', '1', '1 (0)', '0', ''],
    ['Analytics', '2', '3 (+1)', '+1', ''],
    ['Data-Driven Decision-Making', '3', '2 (−1)', '−1', ''],
    ['Participation & Public Services', '1', '1 (0)', '0', ''],
  ]);
  const headers = await page.locator('.compare-table thead th').allTextContents();
  assert.deepEqual(headers, ['Competency', '20 November 2025', '20 November 2026', 'Change', 'Trend']);
  // Each row's timeline, drawn and spoken.
  const trend = page.locator('.compare-table tbody tr').nth(3).locator('svg.spark');
  assert.equal(await trend.getAttribute('aria-label'), 'Data-Driven Decision-Making, level by column: 3 → 2');
  assert.equal(await trend.locator('circle').count(), 2);
  // Two outlines on one radar, told apart by shape and line, with a legend.
  assert.equal(await page.locator('.radar.overlay svg.wide g.series').count(), 2);
  assert.equal(await page.locator('.radar.overlay svg.wide g.series circle.mark.s0').count(), 5);
  assert.equal(await page.locator('.radar.overlay svg.wide g.series polygon.mark.s1').count(), 5, 'the newer date with diamonds');
  // Neither looks like a target (the results' dashed brown line with squares).
  assert.equal(await page.locator('.radar.overlay svg.wide g.series rect').count(), 0, 'no squares');
  const strokes = await page.locator('.radar.overlay svg.wide g.series > :is(polygon, polyline):not(.mark)').evaluateAll((els) => els.map((e) => getComputedStyle(e).stroke));
  assert.equal(strokes.length, 2);
  assert.ok(!strokes.includes('rgb(138, 59, 0)'), `outlines not in the target's colour: ${strokes}`);
  assert.deepEqual(await page.locator('.radar.overlay .legend li').allTextContents(), ['20 November 2025', '20 November 2026']);
  await axe(page, 'progress view');
  await screenshot(page, 'progress-1280');
  await s.done();
});

test('three respondents from links: spread, disagreement, and the agreed assessment', async () => {
  // Three departments each assess the city in their own browser and send a link.
  const links = [];
  for (const [who, levels] of [['Planning', [1, 2, 2, 3, 1]], ['Transport', [3, 2, 3, 3, 2]], ['Finance', [2, 2, 1, 4, 2]]]) {
    const s = await openPage(env.browser, env.server.url);
    const { page } = s;
    await visit(page, env.server.url, 'home', 'Your assessments');
    await page.getByRole('link', { name: 'Start a new assessment' }).click();
    await view(page, 'new', 'New assessment');
    await page.getByLabel('City or organisation').fill('Quito');
    await page.getByLabel('Date of the assessment').fill('2026-10-01');
    await page.getByLabel(/^Assessed by/).fill(who);
    await page.getByRole('button', { name: 'Start assessing' }).click();
    await view(page, 'step', 'Open Data');
    await rate(page, levels);
    await page.getByLabel(/^Notes and evidence/).fill(`${who}: services app in pilot`);
    await openResults(page);
    await view(page, 'results', 'Results: Quito');
    // Each respondent chooses to send the notes along.
    await page.getByLabel('Include notes and evidence in the link').check();
    links.push(await page.locator('#share-link').inputValue());
    await s.done();
  }

  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, `${env.server.url}#/merge`, 'merge', 'Combine respondents');
  await page.getByLabel('Results links (one per line)').fill(`${links.join('\n')}\nhttps://example.org/not-a-link`);
  await page.getByRole('button', { name: 'Add links' }).click();
  // Named by its line, as the regional view names a bad line.
  await page.getByText('Line 4: ').waitFor();
  const rows = await tableCells(page, '.merge-table');
  assert.deepEqual(rows.map((r) => r.slice(0, 5)), [
    ['Open Data', '1', '3', '2', '1 / 2 / 3 Differ by 2 or more levels: talk this one through.'],
    ['Cultivating Data Ecosystems', '2', '2', '2', '2 / 2 / 2'],
    ['Analytics', '2', '3', '1', '1 / 2 / 3 Differ by 2 or more levels: talk this one through.'],
    ['Data-Driven Decision-Making', '3', '3', '4', '3 / 3 / 4'],
    ['Participation & Public Services', '1', '2', '2', '1 / 2 / 2'],
  ]);
  assert.deepEqual(await page.locator('.merge-table thead th').allTextContents(),
    ['Competency', 'Planning', 'Transport', 'Finance', 'Lowest / median / highest', 'Agreed level']);
  // Notes side by side, under each respondent's name.
  assert.deepEqual(await page.locator('.merge-notes').first().locator('dt').allTextContents(), ['Planning', 'Transport', 'Finance']);
  assert.deepEqual(await storedAssessments(page), [], 'nothing is saved just by opening links');
  await axe(page, 'merge view');
  await screenshot(page, 'merge-1280');

  // The group settles open data at level 1, keeps the medians elsewhere.
  await page.getByLabel('Agreed level for Open Data').selectOption({ label: 'Level 1 · Ad hoc' });
  await page.getByRole('button', { name: 'Save as agreed assessment' }).click();
  await view(page, 'results', 'Results: Quito');
  await page.getByText('Saved the agreed assessment from 3 respondents.').waitFor();
  await page.getByText('Agreed from 3 respondents').waitFor();
  const levelCells = await page.locator('#levels-table tbody td.level-cell').allTextContents();
  assert.deepEqual(levelCells.map((t) => t.slice(0, 7)), ['Level 1', 'Level 2', 'Level 2', 'Level 3', 'Level 2']);
  const stored = await storedAssessments(page);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].respondents, 3);
  assert.equal(stored[0].assessor, 'Planning, Transport, Finance');
  assert.match(stored[0].ratings['public-services'].notes, /^Planning: Planning: services app in pilot\n\nTransport: /);

  // Back: the three opened from links are still there, and after a reload.
  await page.goBack();
  await view(page, 'merge', 'Combine respondents');
  await page.locator('.merge-table').waitFor();
  assert.deepEqual((await tableCells(page, '.merge-table')).map((r) => r.slice(0, 4)), rows.map((r) => r.slice(0, 4)));
  await page.reload();
  await view(page, 'merge', 'Combine respondents');
  await page.locator('.merge-table').waitFor();
  assert.deepEqual((await tableCells(page, '.merge-table')).map((r) => r.slice(0, 4)), rows.map((r) => r.slice(0, 4)));
  assert.equal((await storedAssessments(page)).length, 1, 'kept in the tab, not saved');
  // One removed from the list stays removed after a reload.
  const opened = page.locator('#picker li', { hasText: 'opened, not saved' });
  assert.equal(await opened.count(), 3);
  await opened.first().getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#picker li')].filter((li) => li.textContent.includes('opened, not saved')).length === 2);
  await page.reload();
  await view(page, 'merge', 'Combine respondents');
  await page.locator('#picker').waitFor();
  assert.equal(await opened.count(), 2);
  await s.done();
});

test('actions per gap: add, edit, keep after reload, export as CSV and read it back', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Córdoba', date: '2026-05-04' });
  await rate(page, [1, 2, 2, 2, 1]);
  await setTarget(page, 'Open Data', 3);
  await setTarget(page, 'Analytics', 3);
  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  await page.getByRole('link', { name: 'Action plan' }).click();
  await view(page, 'plan', 'Action plan: Córdoba');

  const openData = page.locator('section.gap', { has: page.getByRole('heading', { name: 'Open Data: from level 1 to level 3' }) });
  // What must become true: the descriptors of levels 2 and 3, quoted.
  assert.equal(await openData.locator('.steps-to-target > li').count(), 2);
  assert.match(await openData.locator('.steps-to-target > li').first().textContent(), /^Level 2 · Basic/);
  await openData.getByText('How cities move up').waitFor();

  const form = openData.locator('form.add-action');
  await form.getByLabel('What will be done').fill('Publish the bus GPS feed; daily');
  await form.getByLabel('Who owns it').fill('Transport department');
  await form.getByLabel('Due date').fill('2027-03-31');
  await form.getByLabel('Status').selectOption({ label: 'In progress' });
  await form.getByRole('button', { name: 'Add action' }).click();
  await openData.locator('fieldset.action').first().waitFor();
  await form.getByLabel('What will be done').fill('=SUM(A1) open-data law draft');
  await form.getByLabel('What will be done').press('Enter');
  await openData.locator('fieldset.action').nth(1).waitFor();
  // An empty action is refused with a message.
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByRole('alert').getByText('Write what will be done.').waitFor();
  // A due date half typed is not dropped unsaid: the action waits, and says why.
  await form.getByLabel('What will be done').fill('Train the data stewards');
  await form.getByLabel('Due date').focus();
  await page.keyboard.type('06');
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByRole('alert').getByText('This date is not complete. Finish it or clear it.').waitFor();
  assert.equal(await openData.locator('fieldset.action').count(), 2, 'not added without its date');
  assert.equal(await page.evaluate(() => document.activeElement?.type), 'date', 'back on the date');
  await form.getByLabel('Due date').fill('');
  await form.getByLabel('What will be done').fill('');
  // Numbered as shown: the first of a section is its action 1.
  const analytics = page.locator('section.gap', { has: page.getByRole('heading', { name: 'Analytics: from level 2 to level 3' }) });
  assert.deepEqual(await openData.locator('fieldset.action legend').allTextContents(),
    ['Action 1: Publish the bus GPS feed; daily', 'Action 2: =SUM(A1) open-data law draft']);
  await analytics.locator('form.add-action').getByLabel('What will be done').fill('Hire an analyst');
  await analytics.getByRole('button', { name: 'Add action' }).click();
  assert.deepEqual(await analytics.locator('fieldset.action legend').allTextContents(), ['Action 1: Hire an analyst'], 'not "Action 3" below "Action 1" and "Action 2"');
  await analytics.locator('fieldset.action').getByRole('button').click();
  await analytics.locator('fieldset.action').waitFor({ state: 'detached' });

  // Edit the second: done.
  await openData.locator('fieldset.action').nth(1).getByLabel('Status').selectOption({ label: 'Done' });
  await page.locator('fieldset.action.done').waitFor();
  await axe(page, 'action plan');
  await screenshot(page, 'plan-1280');

  await page.reload();
  await view(page, 'plan', 'Action plan: Córdoba');
  assert.equal(await page.locator('fieldset.action').count(), 2, 'actions are saved with the assessment');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download plan (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /plan\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 with BOM');
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.deepEqual(lines, [
    'Subject,Date,Competency,What will be done,Who owns it,Due date,Status',
    // Quoted: it holds a ';', which splits cells in spreadsheets set to ';'.
    'Córdoba,2026-05-04,Open Data,"Publish the bus GPS feed; daily",Transport department,2027-03-31,In progress',
    "Córdoba,2026-05-04,Open Data,'=SUM(A1) open-data law draft,,,Done",
  ]);

  // The JSON export carries the plan under schema 2.
  await page.getByRole('link', { name: 'Back to results' }).click();
  await view(page, 'results', 'Results: Córdoba');
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as JSON' }).click(),
  ]);
  const file = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(file.schema, 2);
  assert.deepEqual(file.assessments[0].plan.map((p) => [p.what, p.status]),
    [['Publish the bus GPS feed; daily', 'doing'], ['=SUM(A1) open-data law draft', 'done']]);
  // Results list the open actions first.
  assert.deepEqual(await page.locator('.top-actions li strong').allTextContents(), ['Publish the bus GPS feed; daily']);
  await s.done();
});

/** Page count and text of a PDF, read with pdf.js. */
async function readPdf(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += `${content.items.map((it) => it.str).join(' ')}\n`;
  }
  return { pages: doc.numPages, text: text.replace(/\s+/g, ' ') };
}

test('the printed report fits two pages, A4 and Letter, in every language, with our help, the notes, dates in words and no app chrome', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  // The heaviest realistic report: every competency rated with notes, a target
  // on each, long names, and five open actions.
  const store = await page.evaluate(() => {
    const note = 'Evidencia: portal publicado com 180 conjuntos de dados; falta política formal de abertura e um calendário de publicação para todos os órgãos municipais.';
    const ids = ['open-data', 'data-ecosystems', 'analytics', 'decision-making', 'public-services'];
    const ratings = Object.fromEntries(ids.map((id, i) => [id, { level: [2, 1, 3, 2, 1][i], target: [4, 3, 4, 3, 3][i], notes: note }]));
    const plan = ids.map((id, i) => ({ competency: id, what: `Acción ${i + 1}: publicar el calendario de datos abiertos de todas las secretarías`, owner: 'Secretaría de Modernización', due: `2027-0${i + 1}-15`, status: 'todo' }));
    return JSON.stringify({ format: 'budmm-store', schema: 2, assessments: [{
      id: 'print1', subject: { kind: 'initiative', name: 'Plataforma de seguimiento de autobuses de la ciudad' }, place: 'Municipalidad de Córdoba',
      date: '2026-11-27', assessor: 'Dirección General de Datos Abiertos e Innovación Pública',
      rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' }, ratings, plan, created_ms: 1, updated_ms: 1 }] });
  });
  await page.evaluate((v) => localStorage.setItem('budmm.store', v), store);
  for (const lang of LANGS) {
    const T = catalog(lang);
    const subject = 'Plataforma de seguimiento de autobuses de la ciudad';
    await page.evaluate((l) => localStorage.setItem('budmm.lang', l), lang);
    // A fresh start, so that the app reads the store and language set above.
    await page.goto('about:blank');
    await visit(page, `${env.server.url}#/a/print1/results`, 'results', fill(T.results_title, { title: subject }));
    await page.locator('.qr svg').waitFor();
    const link = await page.locator('#share-link').inputValue();

    for (const format of ['A4', 'Letter']) {
      const { pages, text } = await readPdf(await page.pdf({ format, printBackground: true }));
      const where = `${lang}, ${format}`;
      assert.ok(pages <= 2, `${where}: ${pages} pages`);
      for (const expected of [
        fill(T.results_title, { title: subject }),
        'Municipalidad de Córdoba', fill(T.date_long, { d: '27', month: T.months[10], y: '2026' }),
        'Dirección General de Datos Abiertos e Innovación Pública',
        fill(T.level_label, { n: '3', name: T.level_names[2] }), T.col_target, T.top_actions_title,
        'Acción 1: publicar el calendario', T.footer_source.slice(0, 40), T.report_link,
      ]) {
        assert.ok(text.includes(expected), `${where}: "${expected}" in the PDF`);
      }
      // The link wraps where the line ends; it has no spaces of its own.
      assert.ok(text.replace(/\s/g, '').includes(link), `${where}: the whole share link is printed`);
      // A quoted descriptor from the table, in English as published.
      assert.ok(text.includes('Predictive analytics provide insight'), `${where}: descriptors are printed`);
      // Beside each quote, our help in the reader's language; the notes;
      // due dates written as the language writes dates.
      const squashed = text.replace(/\s/g, '');
      for (const [id, level] of [['open-data', 2], ['analytics', 3], ['public-services', 1]]) {
        for (const q of T.questions[id][level - 1]) {
          assert.ok(squashed.includes(q.replace(/\s/g, '')), `${where}: our help "${q}" is printed`);
        }
      }
      assert.ok(text.includes(T.our_help), `${where}: our help is marked as ours`);
      assert.ok(squashed.includes('Evidencia:portalpublicadocom180conjuntos'), `${where}: the notes are printed`);
      const due = fill(T.plan_due_on, { date: fill(T.date_long, { d: '15', month: T.months[0], y: '2027' }) });
      assert.ok(squashed.includes(due.replace(/\s/g, '')), `${where}: "${due}" in the PDF`);
      assert.ok(!text.includes('2027-01-15'), `${where}: no ISO date`);
      for (const chrome of [T.skip_to_content, T.nav_assessments, T.share_copy, T.export_json, T.embed_title, T.action_print, T.descriptors_notice]) {
        assert.ok(!text.includes(chrome), `${where}: no "${chrome}" in print`);
      }
    }
  }
  // A link's reader prints the same: in Spanish, with the notes the link
  // carries and our help beside each quote.
  const es = catalog('es');
  await page.evaluate(() => localStorage.setItem('budmm.lang', 'es'));
  await page.goto('about:blank');
  const subject = 'Plataforma de seguimiento de autobuses de la ciudad';
  await visit(page, `${env.server.url}#/a/print1/results`, 'results', fill(es.results_title, { title: subject }));
  await page.locator('.qr svg').waitFor();
  const withoutNotes = await page.locator('#share-link').inputValue();
  await page.getByLabel(es.share_with_notes).check();
  await page.waitForFunction((before) => document.querySelector('#share-link')?.value !== before, withoutNotes);
  const withNotes = await page.locator('#share-link').inputValue();
  const reader = await openPage(env.browser, env.server.url, { locale: 'es-MX' });
  await visit(reader.page, withNotes, 'shared', fill(es.results_title, { title: subject }));
  const printed = await readPdf(await reader.page.pdf({ format: 'A4', printBackground: true }));
  assert.ok(printed.pages <= 2, `the shared report: ${printed.pages} pages`);
  const squashed = printed.text.replace(/\s/g, '');
  for (const q of es.questions.analytics[2]) {
    assert.ok(squashed.includes(q.replace(/\s/g, '')), `the shared report prints our help "${q}"`);
  }
  assert.ok(squashed.includes('Evidencia:portalpublicadocom180conjuntos'), 'the shared report prints the notes it carries');
  await reader.page.emulateMedia({ media: 'print' });
  await screenshot(reader.page, 'shared-report-print-es');
  await reader.done();

  // The QR code is printed as vector paths; the radar too.
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'report-print');
  assert.ok(await page.locator('.qr svg').isVisible());
  assert.ok(await page.locator('.radar svg.narrow').isVisible());
  assert.ok(!(await page.locator('.site-header').isVisible()));
  await s.done();
});

test('compare any assessments, saved or opened from a file, and the reference pages', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Recife', date: '2026-02-01' });
  await rate(page, [2, 2, 2, 2, 2]);
  await visit(page, `${env.server.url}#/compare`, 'compare', 'Compare assessments');
  await page.getByText('Choose at least two assessments to compare.').waitFor();
  // Another city's results arrive as an exported file; they are not saved.
  const other = JSON.stringify({ format: 'budmm-assessments', schema: 1, assessments: [{
    id: 'x1', subject: { kind: 'city' }, place: 'Medellín', date: '2026-03-01',
    rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' },
    ratings: { 'open-data': { level: 4 }, analytics: { level: 3 } }, created_ms: 1, updated_ms: 1 }] });
  await page.getByLabel('Or choose exported files (.json)').setInputFiles({ name: 'medellin.json', mimeType: 'application/json', buffer: Buffer.from(other) });
  await page.getByText('opened, not saved').waitFor();
  await page.getByLabel(/^Recife · 1 February 2026/).check();
  const rows = await tableCells(page, '.compare-table');
  assert.deepEqual(rows[0], ['Open Data', '2', '4 (+2)', '+2', '']);
  assert.deepEqual(rows[1], ['Cultivating Data Ecosystems', '2', 'Not assessed', '—', '']);
  assert.equal((await storedAssessments(page)).length, 1, 'the opened file is not saved');
  await axe(page, 'compare view');

  await visit(page, `${env.server.url}#/guide/process`, 'guide', 'The innovation process in six steps');
  assert.equal(await page.locator('.guide-steps > li').count(), 6);
  await axe(page, 'guide: process');
  await page.getByRole('link', { name: 'Making it last: three avenues' }).click();
  await view(page, 'guide', 'Making it last: three avenues');
  assert.equal(await page.locator('.guide section h2').count(), 3);
  await axe(page, 'guide: institutions');
  await s.done();
});

test('delete has an undo, and rename changes the title', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Natal' });
  await visit(page, `${env.server.url}#/`, 'home', 'Your assessments');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name').fill('Natal RN');
  await page.getByLabel('New name').press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Natal RN' }).waitFor();
  // Where the keyboard was stays sensible as things come and go.
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(await focused(), 'Rename', 'back on the button after renaming');
  const before = await storedAssessments(page);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Deleted “Natal RN”').waitFor();
  assert.equal(await page.locator('.card').count(), 0);
  assert.equal(await focused(), 'Undo', 'on Undo once the card is gone');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Natal RN' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title');
  assert.deepEqual(await storedAssessments(page), before, 'restored exactly');
  await s.done();
});

// Issue 25: the results said where to start, and the plan could not take it
// (only competencies with a target above their level), nor set one; the
// plan's quotes had no help in the reader's language.
test('the plan takes any competency: "where to start" leads there, a level to reach is set on the plan, our help beside each quote', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Cusco' });
  await rate(page, [2, 3, 1, 2, 2]);
  await openResults(page);
  await view(page, 'results', 'Results: Cusco');
  const start = page.locator('.start-here');
  assert.match(await start.textContent(), /Lowest level: Analytics/);
  await start.getByRole('link', { name: 'Plan where to start' }).click();
  await view(page, 'plan', 'Action plan: Cusco');
  assert.equal(await page.locator('section.gap').count(), 0, 'no target yet');
  const other = page.locator('section.plan-other');
  await other.getByLabel('Level to reach in Analytics').selectOption('3');
  await other.getByRole('listitem').filter({ has: page.getByLabel('Level to reach in Analytics') }).getByRole('button', { name: 'Plan it' }).click();
  const gap = page.locator('section.gap', { has: page.getByRole('heading', { name: 'Analytics: from level 1 to level 3' }) });
  await gap.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Analytics: from level 1 to level 3', 'on the new section');
  assert.equal(await gap.locator('.steps-to-target > li').count(), 2);
  assert.equal(await gap.locator('.steps-to-target > li .our-help').count(), 2, 'our help beside each quote');
  assert.equal(await other.getByLabel('Level to reach in Analytics').count(), 0, 'planned: no longer among the others');
  assert.equal((await storedAssessments(page))[0].ratings.analytics.target, 3);
  await axe(page, 'plan with another competency');
  // In Spanish, the help is in Spanish beside the English quote.
  const es = catalog('es');
  await page.getByLabel('Language').selectOption('es');
  await view(page, 'plan', fill(es.plan_title, { title: 'Cusco' }));
  assert.equal(await page.locator('section.gap .our-help-mark').first().textContent(), es.our_help);
  assert.equal(await page.locator('section.gap q').first().getAttribute('lang'), 'en');
  await page.setViewportSize({ width: 360, height: 740 });
  await axe(page, 'plan in Spanish at 360 px');
  await s.done();
});
