// Typing a note with 1,000 assessments saved: the time from each key to
// the next paint, on the rating page of one of them (report.html), the
// release build served from 127.0.0.1, no service worker. A benchmark, not
// a test: it prints figures and fails only if the page does not work.
//
//   node benches/keystroke.mjs [dist]      (after a release build)
//
// Each key is pressed once the previous one has painted. Two figures: the
// main thread's time a key (Chromium's TaskDuration over the keys: the
// key's events, Yew's render, the reducer, the save to localStorage,
// style, layout and paint), and the time from the key event (its
// timeStamp) to the end of the frame after it (a task queued from
// requestAnimationFrame runs once that frame is painted), which a 60 Hz
// screen rounds up to whole frames. Run as it is and with the CPU four
// times slower (the office profile's PC).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, DIST } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/serve.mjs';
import { seed } from './records.mjs';

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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
try {
  console.log(`typing a note with ${SAVED} assessments saved, ${KEYS} keys (release build, 127.0.0.1); one frame is 16.7 ms`);
  for (const cpu of [1, 4]) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await seed(page, server.url, SAVED);
  await page.goto(`${server.url}report.html#/a/b500/analytics`);
  await page.locator('main[data-view="step"] h1').waitFor();
  const notes = page.locator('#f-notes');
  await notes.waitFor();
  await page.evaluate(() => {
    window.keyTimes = [];
    document.getElementById('f-notes').addEventListener('keydown', (e) => {
      const start = e.timeStamp;
      // Awaited by this script rather than polled for: polling would run
      // in the page and count as the key's work.
      window.painted = new Promise((done) => {
        requestAnimationFrame(() => setTimeout(() => {
          window.keyTimes.push(performance.now() - start);
          done();
        }));
      });
    }, { capture: true });
  });
  await notes.focus();
  await cdp.send('Performance.enable');
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value * 1000]));
  };
  let before;
  for (let i = 0; i < WARM_UP + KEYS; i++) {
    if (i === WARM_UP) before = await busy();
    await page.keyboard.press(TEXT[i % TEXT.length] === ' ' ? 'Space' : TEXT[i % TEXT.length]);
    await page.evaluate(() => window.painted);
  }
  const after = await busy();
  const typed = await notes.inputValue();
  const expected = Array.from({ length: WARM_UP + KEYS }, (_, i) => TEXT[i % TEXT.length]).join('');
  if (!typed.endsWith(expected)) throw new Error(`the note reads "${typed}"`);
  // Saved as typed: the record holds the note.
  const stored = await page.evaluate(() => localStorage.getItem('budmm.a.b500'));
  if (!stored.includes(expected.slice(-20))) throw new Error('the note was not saved');
  const paint = (await page.evaluate(() => window.keyTimes)).slice(WARM_UP);
  const f = (x) => `${x.toFixed(1)} ms`;
  // The main thread's time per key (Chromium's own accounting, which the
  // CPU throttling scales); the waits between keys are idle.
  const perKey = (name) => (after[name] - before[name]) / KEYS;
  console.log(`CPU ${cpu}x: main thread ${f(perKey('TaskDuration'))} a key (script ${f(perKey('ScriptDuration'))}); to paint median ${f(median(paint))}, p90 ${f(p90(paint))}, max ${f(Math.max(...paint))}`);
  await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
