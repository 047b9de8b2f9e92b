// axe-core on every view, at desktop and phone widths. Fails on any serious
// or critical violation; screenshots are saved in test-artifacts/ for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, ready, axe, screenshot, createAssessment, rate } from './helpers.mjs';

const env = useApp();

for (const width of [1280, 320]) {
  test(`every view passes axe at ${width} px`, async () => {
    const s = await openPage(env.browser, env.server.url);
    const { page } = s;
    await page.setViewportSize({ width, height: 900 });
    const check = async (name) => {
      await ready(page);
      const all = await axe(page, `${name} at ${width}px`);
      if (all.length) console.log(`axe (minor/moderate) on ${name} at ${width}px:`, JSON.stringify(all));
      await screenshot(page, `${name}-${width}`);
      // Nothing may overflow sideways at this width (WCAG reflow).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px scrolls sideways by ${overflow}px`);
    };

    await page.goto(env.server.url);
    await check('home-empty');
    await page.goto(`${env.server.url}#/new`);
    await ready(page);
    await page.getByRole('button', { name: 'Start assessing' }).click();
    await page.locator('#form-errors').waitFor();
    await check('new-with-errors');
    await page.goto(env.server.url);
    await createAssessment(page, { place: 'São Bernardo do Campo', initiative: 'VcSBC app' });
    await rate(page, [2, 3, null, 1, 2]);
    await page.getByLabel('Target level').selectOption('4');
    await page.getByLabel('Notes and evidence').fill('One app for all non-emergency requests.');
    await check('assess-step');
    await page.getByRole('link', { name: 'See the results' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    await check('results');
    const link = await page.locator('#share-link').inputValue();
    await page.goto('about:blank');
    await page.goto(link);
    await check('shared');
    await page.goto(`${env.server.url}#/shared/1/damaged`);
    await check('link-error');
    await page.goto(env.server.url);
    await page.getByLabel('Choose a JSON file downloaded from this app').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
    await page.locator('[data-notice="flash"]').waitFor();
    await check('home-import-failed');
    await page.getByRole('link', { name: 'My assessments' }).click();
    await page.getByRole('button', { name: 'Re-assess' }).click();
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open Data' }).waitFor();
    await page.getByRole('link', { name: 'My assessments' }).click();
    await page.getByRole('button', { name: 'Rename' }).first().click();
    await check('home-two-rename');
    await page.getByRole('link', { name: 'Progress over time' }).first().click();
    await check('progress');
    await page.getByRole('link', { name: 'Back to results' }).click();
    await page.getByRole('link', { name: 'Action plan' }).click();
    await page.getByRole('heading', { level: 1, name: /^Action plan/ }).waitFor();
    await page.getByLabel('What will be done').fill('Publish the service request data');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.locator('fieldset.action').waitFor();
    await check('plan');
    await page.getByRole('link', { name: 'The innovation process in six steps' }).click();
    await check('guide-process');
    await page.getByRole('link', { name: 'Making it last: three avenues' }).click();
    await check('guide-institutions');
    await page.getByRole('link', { name: 'Compare', exact: true }).click();
    await page.locator('.picker input').first().check();
    await page.locator('.picker input').nth(1).check();
    await page.locator('.compare-table').waitFor();
    await check('compare');
    await page.getByRole('link', { name: 'Combine respondents' }).click();
    await page.getByLabel('Results links (one per line)').fill('nonsense');
    await page.getByRole('button', { name: 'Add links' }).click();
    await page.locator('.picker input').first().check();
    await page.locator('.picker input').nth(1).check();
    await page.locator('.merge-table').waitFor();
    await check('merge');
    await page.getByRole('link', { name: 'My assessments' }).click();
    await page.getByRole('button', { name: 'Delete' }).first().click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await check('home-deleted-undo');
    await page.getByRole('link', { name: 'About the model' }).click();
    await check('about');
    await page.goto(`${env.server.url}#/a/gone/results`);
    await check('missing');
    await s.done();
  });
}
