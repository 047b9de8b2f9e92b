// The results card on a city's portal: iframes on another origin, sandboxed
// or not, sized by height messages; no storage used; readable 300–800 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, startHost, openPage, view, visit, createAssessment, rate, axe, screenshot, allStorage } from './helpers.mjs';

const env = useApp();

const TITLE = 'Datos "abiertos" <b>';

/** The snippet and the chart download, from a real assessment's results. */
async function fromResults() {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  await visit(page, env.server.url, 'home', 'Your assessments');
  await createAssessment(page, { place: 'Montevideo', initiative: TITLE });
  await rate(page, [3, 2, 2, 4, 1]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', `Results: ${TITLE}`);
  const snippet = await page.locator('#embed-code').inputValue();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download chart (SVG)' }).click(),
  ]);
  const svg = await readFile(await download.path(), 'utf8');
  await s.done();
  return { snippet, svg };
}

test('the snippet sizes sandboxed and plain iframes from height messages, and the card uses no storage', async () => {
  const { snippet } = await fromResults();
  assert.match(snippet, /title="Data maturity results: Datos &quot;abiertos&quot; &lt;b&gt;"/);
  const src = snippet.match(/src="([^"]+)"/)[1];
  assert.match(src, /#\/embed\/1\/[A-Za-z0-9_-]+$/);
  const sandboxed = snippet.replace('<iframe ', '<iframe id="sandboxed" sandbox="allow-scripts allow-popups" ');
  const plain = snippet.replace('<iframe ', '<iframe id="plain" ').replace(/<script>[\s\S]*<\/script>/, '');
  const host = await startHost(`<!doctype html><html lang="en"><head><title>City portal</title><link rel="icon" href="data:,"></head>
    <body><h1>Open data: maturity</h1>
    <script>window.messages = []; addEventListener('message', (e) => messages.push(e.data));</script>
    ${sandboxed}${plain}</body></html>`);
  const s = await openPage(env.browser, host.url, { alsoAllowed: [env.server.url] });
  const { page } = s;
  await page.goto(host.url);
  for (const id of ['sandboxed', 'plain']) {
    const frame = page.frameLocator(`#${id}`);
    await view(frame, 'embed');
    assert.equal(await frame.locator('.embed-card h1').textContent(), TITLE);
    assert.equal(await frame.locator('table.compact tbody tr').count(), 5);
    assert.equal(await frame.locator('svg.wide polygon.current').count(), 1);
    assert.equal(await frame.locator('a', { hasText: 'See the full results' }).getAttribute('target'), '_blank');
  }
  // The snippet's script sized both frames from their own messages.
  await page.waitForFunction(() => messages.filter((m) => m && m.type === 'budmm-embed-height').length >= 2);
  const heights = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
  for (const h of heights) assert.ok(h > 300 && h !== 720, `iframe sized to its card, got ${h}`);
  const message = await page.evaluate(() => messages.find((m) => m && m.type === 'budmm-embed-height'));
  assert.deepEqual(Object.keys(message).sort(), ['height', 'type']);
  await screenshot(page, 'embed-on-portal');
  assert.deepEqual(await allStorage(page), {}, "the host's storage is untouched");
  await s.done();
  await host.close();

  // Nor did the card write its own origin's storage.
  const own = await openPage(env.browser, env.server.url);
  await visit(own.page, src, 'embed', TITLE);
  assert.deepEqual(await allStorage(own.page), {});
  await own.done();
});

test('the card is readable from 300 to 800 px, chart labels of 11 px or more, and passes axe', async () => {
  const { snippet } = await fromResults();
  const src = snippet.match(/src="([^"]+)"/)[1];
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  for (const width of [300, 480, 719, 721, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('about:blank');
    await visit(page, src, 'embed', TITLE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `card scrolls sideways by ${overflow}px at ${width}px`);
    // Rendered size of every text of the chart on screen.
    const sizes = await page.locator('.radar > svg').evaluateAll((svgs) => svgs
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      }));
    assert.ok(sizes.length >= 5, `chart text measured at ${width}px`);
    assert.ok(Math.min(...sizes) >= 11, `chart labels at least 11 px at ${width}px: ${Math.min(...sizes).toFixed(1)}`);
    if (width === 300 || width === 800) {
      await axe(page, `embed card at ${width}px`);
      await screenshot(page, `embed-${width}`);
    }
  }
  await visit(page, src.replace(/embed\/1\/.*/, 'embed/1/broken'), 'embed', 'This link cannot be opened');
  await page.locator('main[data-view="embed"][data-link-error]').waitFor();
  await s.done();
});

test('the chart downloads as a standalone SVG', async () => {
  const { svg } = await fromResults();
  assert.ok(svg.startsWith('<?xml'));
  assert.match(svg, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*><title>[^<]*<\/title><style>/);
  assert.match(svg, /<polygon class="current" points="[\d., ]+">/);
  // The title escaped, with its date, then the model's credit.
  assert.match(svg, />Datos &quot;abiertos&quot; &lt;b&gt; · \d{1,2} [A-Z][a-z]+ \d{4}<\/text>/);
  assert.match(svg, /class="credit">Model: Anthony Townsend/);
  assert.doesNotMatch(svg, /<b>/);
});

test('the card tells its host a new height whenever its layout changes, smaller as well as larger', async () => {
  const { snippet } = await fromResults();
  const narrow = snippet.replace('style="width:100%;max-width:800px;', 'id="card" style="width:340px;max-width:800px;');
  const host = await startHost(`<!doctype html><html lang="en"><head><title>City portal</title><link rel="icon" href="data:,"></head>
    <body><h1>Open data: maturity</h1>${narrow}</body></html>`);
  const s = await openPage(env.browser, host.url, { alsoAllowed: [env.server.url] });
  const { page } = s;
  await page.goto(host.url);
  await view(page.frameLocator('#card'), 'embed');
  const height = () => page.evaluate(() => document.getElementById('card').getBoundingClientRect().height);
  const settled = async (test, what) => {
    for (let i = 0; i < 100; i++) {
      const h = await height();
      if (test(h)) return h;
      await page.waitForTimeout(50);
    }
    assert.fail(`${what}: the frame stayed ${await height()} px`);
  };
  const tall = await settled((h) => h !== 720, 'sized at first');
  // The portal's column widens: the card takes its shorter layout, and the
  // frame shrinks to it, leaving no blank box.
  await page.evaluate(() => { document.getElementById('card').style.width = '800px'; });
  const short = await settled((h) => h < tall - 40, 'shrunk when wider');
  const content = await page.frameLocator('#card').locator('body').evaluate((b) => b.getBoundingClientRect().height);
  assert.ok(Math.abs(short - Math.ceil(content)) <= 1, `the frame fits the card: ${short} for ${content}`);
  // And back: it grows again.
  await page.evaluate(() => { document.getElementById('card').style.width = '340px'; });
  await settled((h) => Math.abs(h - tall) <= 1, 'grew back when narrow');
  await s.done();
  await host.close();
});
