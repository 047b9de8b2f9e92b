// A municipal officer assesses their city through the UI, like a user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, view, visit, tabTo, createAssessment, rate, screenshot, storedAssessments, storedRecords } from './helpers.mjs';

const env = useApp();

test('a full assessment with the keyboard alone, then results, then reload restores it', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await assert.doesNotReject(page.getByText('You have no assessments on this device yet.').waitFor());

  await tabTo(page, 'the start link', () => document.activeElement?.textContent?.trim() === 'Start a new assessment');
  await page.keyboard.press('Enter');
  await view(page, 'new', 'New assessment');

  await tabTo(page, 'the place field', () => document.activeElement?.id === 'f-place');
  await page.keyboard.type('Municipalidad de Córdoba');
  await tabTo(page, 'the date field', () => document.activeElement?.id === 'f-date');
  await tabTo(page, 'the assessor field', () => document.activeElement?.id === 'f-assessor');
  await page.keyboard.type('Equipo de datos');
  await page.keyboard.press('Enter'); // submits the form
  await view(page, 'step', 'Open Data');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title', 'focus moves to the new view');
  assert.match(page.url(), /#\/a\/[a-z0-9]+\/open-data$/);

  // Levels chosen per competency, reached by arrow keys inside each radio group.
  const levels = [2, 1, 3, 2, 1];
  const titles = ['Open Data', 'Cultivating Data Ecosystems', 'Analytics', 'Data-Driven Decision-Making', 'Participation & Public Services'];
  for (const [i, level] of levels.entries()) {
    await view(page, 'step', titles[i]);
    await tabTo(page, 'the first level', () => document.activeElement?.type === 'radio');
    await page.keyboard.press('Space'); // selects level 1
    for (let k = 1; k < level; k++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('radio', { checked: true }).getAttribute('value'), String(level));
    if (i === 2) {
      await tabTo(page, 'the target', () => document.activeElement?.id === 'f-target');
      await page.keyboard.press('ArrowDown'); // Level 1
      await page.keyboard.press('ArrowDown'); // Level 2
      await page.keyboard.press('ArrowDown'); // Level 3
      await page.keyboard.press('ArrowDown'); // Level 4
      await tabTo(page, 'the notes', () => document.activeElement?.id === 'f-notes');
      await page.keyboard.type('Modelo predictivo de demanda: <b>piloto</b> 2025');
    }
    const next = i < 4 ? 'Next: ' : 'See the results';
    await tabTo(page, `the link "${next}"`, (prefix) => (document.activeElement?.textContent?.trim() ?? '').startsWith(prefix), next);
    await page.keyboard.press('Enter');
  }

  await view(page, 'results', 'Results: Municipalidad de Córdoba');
  const rows = page.locator('#levels-table tbody tr');
  assert.equal(await rows.count(), 5);
  const levelCells = await page.locator('#levels-table tbody td.level-cell').allTextContents();
  assert.deepEqual(levelCells, ['Level 2 · Basic', 'Level 1 · Ad hoc', 'Level 3 · Intermediate', 'Level 2 · Basic', 'Level 1 · Ad hoc']);
  await assert.doesNotReject(page.getByText('Lowest level: Cultivating Data Ecosystems, Participation & Public Services (level 1 · Ad hoc)').waitFor());
  // The next level's descriptor, quoted from the rubric.
  await assert.doesNotReject(page.getByRole('cell', { name: 'Predictive analytics is widely used to identify actions that maximize operational effectiveness and achieve policy outcomes.' }).waitFor());
  // Chart: a closed outline with five points, and the one target as its
  // square, with no line drawn to nowhere.
  const outline = await page.locator('svg.wide polygon.current').getAttribute('points');
  assert.equal(outline.trim().split(/\s+/).length, 5);
  assert.equal(await page.locator('svg.wide rect.target-mark').count(), 1);
  assert.equal(await page.locator('svg.wide .target').count(), 0);
  const notes = await page.locator('.notes dd').allTextContents();
  assert.deepEqual(notes, ['Modelo predictivo de demanda: <b>piloto</b> 2025'], 'notes show as typed text, not HTML');
  await screenshot(page, 'results-complete');

  const records = Object.values(await storedRecords(page));
  assert.equal(records.length, 1);
  assert.equal(records[0].schema, 3);

  await page.reload();
  await view(page, 'results', 'Results: Municipalidad de Córdoba');
  assert.deepEqual(await page.locator('#levels-table tbody td.level-cell').allTextContents(), levelCells);
  assert.deepEqual(await page.locator('.notes dd').allTextContents(), notes);

  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  await assert.doesNotReject(page.getByText('5 of 5 competencies assessed').waitFor());
  await s.done();
});

test('a partial assessment marks the missing competencies instead of inventing them', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Quito', initiative: 'Bike share' });
  await rate(page, [3, null, 2]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', 'Results: Bike share');
  await assert.doesNotReject(page.getByText('2 of 5 competencies are assessed.', { exact: false }).waitFor());
  const cells = await page.locator('#levels-table tbody td.level-cell').allTextContents();
  assert.deepEqual(cells, ['Level 3 · Intermediate', 'Not assessed', 'Level 2 · Basic', 'Not assessed', 'Not assessed']);
  // Two rated points: drawn as a line, never a polygon padded with zeros.
  assert.equal(await page.locator('svg.wide polygon.current').count(), 0);
  assert.equal((await page.locator('svg.wide polyline.current').getAttribute('points')).trim().split(/\s+/).length, 2);
  assert.equal(await page.locator('svg.wide circle.dot').count(), 2);
  await screenshot(page, 'results-partial');
  await page.getByRole('link', { name: 'Continue the assessment' }).click();
  await view(page, 'step', 'Cultivating Data Ecosystems');
  await s.done();
});

test('details are checked with a plain message, and can be edited later', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, `${env.server.url}#/new`, 'new', 'New assessment');
  await page.getByLabel('Date of the assessment').fill('');
  await page.getByRole('button', { name: 'Start assessing' }).click();
  const summary = page.locator('#form-errors');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-errors', 'focus goes to the error summary');
  assert.match(await summary.textContent(), /Enter the city or organisation\./);
  assert.match(await summary.textContent(), /Enter a real date/);
  assert.equal(await page.getByLabel('City or organisation').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await storedAssessments(page), [], 'nothing saved from an invalid form');

  await page.getByLabel('City or organisation').fill('Lima');
  await page.getByLabel('Date of the assessment').fill('2025-06-30');
  await page.getByRole('button', { name: 'Start assessing' }).click();
  await view(page, 'step', 'Open Data');
  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  await page.getByRole('link', { name: 'Edit details' }).click();
  await view(page, 'details', 'Assessment details');
  assert.equal(await page.getByLabel('City or organisation').inputValue(), 'Lima');
  await page.getByLabel('City or organisation').fill('Lima Metropolitana');
  await page.getByRole('button', { name: 'Save details' }).click();
  await view(page, 'step', 'Open Data');
  assert.equal((await storedAssessments(page))[0].place, 'Lima Metropolitana');
  await s.done();
});

test('several assessments: listed, opened, deleted with a chance to undo', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Medellín', date: '2024-05-01' });
  await rate(page, [1]);
  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Medellín', date: '2025-05-01' });
  await rate(page, [2, 2]);
  await page.getByRole('link', { name: 'My assessments' }).click();
  await view(page, 'home', 'Your assessments');

  const cards = page.locator('.card');
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  assert.match(await cards.nth(0).textContent(), /1 May 2025/, 'newest first');
  assert.match(await cards.nth(1).textContent(), /1 of 5 competencies assessed/);

  await cards.nth(1).getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Deleted “Medellín” (1 May 2024).').waitFor();
  assert.equal(await cards.count(), 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 2);

  await cards.nth(1).getByRole('button', { name: 'Delete' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
  await page.reload();
  await view(page, 'home', 'Your assessments');
  assert.equal(await page.locator('.card').count(), 1, 'without undo, the deletion is saved');
  assert.match(await page.locator('.card').textContent(), /1 May 2025/);
  await page.locator('.card').getByRole('link', { name: 'Results' }).click();
  await view(page, 'results', 'Results: Medellín');
  await s.done();
});

test('an address for an assessment that is not here says so plainly', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, `${env.server.url}#/a/nothere/results`, 'missing', 'Assessment not found');
  await visit(page, `${env.server.url}#/a/<img src=x onerror=alert(1)>/x`, 'not-found', 'Page not found');
  await s.done();
});
