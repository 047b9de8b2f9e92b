// Typing a note with 1,000 assessments saved: the time from each key to
// the next paint, on the rating page of one of them (report.html), the
// release build served from 127.0.0.1, no service worker. A benchmark, not
// a test: it prints figures and fails only if the page does not work.
//
//   node benches/keystroke.mjs [dist]      (after a release build)
//
// Each key is pressed once the previous one has painted. Its time runs
// from the key event (its timeStamp) to the end of the frame after it: a
// task queued from requestAnimationFrame runs once that frame is painted.
// Everything the key causes before then is in it: Yew's render, the
// reducer, the save to localStorage.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, DIST } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/serve.mjs';
import { records } from './records.mjs';

const dist = resolve(process.argv[2] ?? DIST);
if (!existsSync(join(dist, 'report.html'))) {
  console.error(`No release build in ${dist}: run ./scripts/test.sh or ./scripts/run.sh first.`);
  process.exit(1);
}
const SAVED = 1000;
const WARM_UP = 5;
const KEYS = 60;
const TEXT = 'Portal since 2019, 180 datasets; no publication calendar yet. ';

const server = await startServer(dist, 0);
const browser = await launch();
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}#/about`);
  await page.locator('main[data-view="about"] h1').waitFor();
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, records(SAVED));
  await page.goto('about:blank');
  await page.goto(`${server.url}report.html#/a/b500/analytics`);
  await page.locator('main[data-view="step"] h1').waitFor();
  const notes = page.locator('#f-notes');
  await notes.waitFor();
  await page.evaluate(() => {
    window.keyTimes = [];
    document.getElementById('f-notes').addEventListener('keydown', (e) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.keyTimes.push(performance.now() - start)));
    }, { capture: true });
  });
  await notes.focus();
  for (let i = 0; i < WARM_UP + KEYS; i++) {
    await page.keyboard.press(TEXT[i % TEXT.length] === ' ' ? 'Space' : TEXT[i % TEXT.length]);
    await page.waitForFunction((n) => window.keyTimes.length >= n, i + 1);
  }
  const typed = await notes.inputValue();
  if (!typed.endsWith(TEXT.slice(0, WARM_UP + KEYS).slice(-10))) throw new Error(`the note reads "${typed}"`);
  // Saved as typed: the record holds the note.
  const stored = await page.evaluate(() => localStorage.getItem('budmm.a.b500'));
  if (!stored.includes(TEXT.slice(0, 20))) throw new Error('the note was not saved');
  const times = (await page.evaluate(() => window.keyTimes)).slice(WARM_UP).sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`typing a note with ${SAVED} assessments saved, key to paint, ${times.length} keys (release build, 127.0.0.1, this machine's CPU)`);
  console.log(`median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms; one frame is 16.7 ms`);
} finally {
  await browser.close();
  await server.close();
}
