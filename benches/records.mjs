// What localStorage holds with n assessments saved (schema 3, one record
// each, ids b0, b1, …): for the benchmarks that start from many.
export function records(n) {
  const out = { 'budmm.store': '{"format":"budmm-store","schema":3,"layout":"one key per assessment"}' };
  for (let i = 0; i < n; i++) {
    const id = `b${i}`;
    const assessment = {
      id, subject: { kind: 'city' }, place: `City ${i % 300}`, date: `20${20 + (i % 7)}-0${1 + (i % 9)}-1${i % 9}`,
      assessor: 'Planning office', rubric: { id: 'idb-big-urban-data-maturity-model', version: '2019-10' },
      ratings: {
        'open-data': { level: 1 + (i % 5), target: 5, notes: 'Evidence: the portal lists 120 datasets, updated monthly.' },
        'data-ecosystems': { level: 1 + ((i + 1) % 5) },
        analytics: { level: 1 + ((i + 2) % 5), notes: 'Dashboards for transport and health.' },
        'decision-making': { level: 1 + ((i + 3) % 5) },
        'public-services': { level: 1 + ((i + 4) % 5) },
      },
      plan: [{ id: 'p1', competency: 'open-data', what: 'Publish the budget monthly', owner: 'Finance', status: 'doing' }],
      created_ms: 1_700_000_000_000 + i, updated_ms: 1_700_000_000_000 + i,
    };
    out[`budmm.a.${id}`] = JSON.stringify({ format: 'budmm-store', schema: 3, clock: { base: assessment.updated_ms }, assessment });
  }
  return out;
}

/**
 * Puts the records of `n` assessments in the origin's localStorage, in
 * place of what it held, from a page of the app (`url`, its About view),
 * then leaves for a blank page, so that the next visit starts from them.
 */
export async function seed(page, url, n) {
  await page.goto(`${url}#/about`);
  await page.locator('main[data-view="about"] h1').waitFor();
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, records(n));
  await page.goto('about:blank');
}
