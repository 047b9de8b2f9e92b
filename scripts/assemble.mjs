// Puts the release together, after trunk built each page (scripts/lib.sh):
//   node scripts/assemble.mjs <dist> <pages> <catalogs> [--dev]
// <dist> holds index.html's build; <pages>/<name>/ holds the build of
// <name>.html; <catalogs> holds the language tables (<lang>.json, English too).
//  1. report.html, results.html, plan.html, embed.html and the rest, with their files, next to
//     index.html (files of the same name must be the same file);
//  2. budmm-offline.html, the single-file edition;
//  3. each page's language tables, as i18n/<page>/<lang>.json;
//  4. sw.js: a service worker that precaches every file of the release and
//     checks that each page it caches loads this release's JS and wasm;
//  5. beside every text and wasm file, its Brotli (.br, quality 11) and
//     gzip (.gz, level 9) copies, for hosts that serve them as they are
//     (deploy/nginx.conf: brotli_static, gzip_static).
// With --dev (a debug build, scripts/dev.sh), 2 and 5 are left out.
// Anything missing or inconsistent stops the build.
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CODE_NAME, htmlTag, once, startFiles } from './build-lib.mjs';

const [dist, pages, catalogs, flag] = process.argv.slice(2);
const dev = flag === '--dev';
if (!dist || !pages || !catalogs) throw new Error('usage: node scripts/assemble.mjs <dist> <pages> <catalogs>');
const fail = (message) => { throw new Error(`assemble: ${message}`); };
const same = (a, b) => readFileSync(a).equals(readFileSync(b));

// The pages beside index.html (scripts/lib.sh builds each), and all four.
// app.html is the app of index.html, built on its own; index.html loads it
// after its first paint (1b).
const OTHERS = ['app', 'report', 'results', 'plan', 'region', 'embed', 'region-card'];
const PAGES = ['index.html', ...OTHERS.map((p) => `${p}.html`)];

// 1. The pages.
for (const page of OTHERS) {
  const from = join(pages, page);
  if (!existsSync(join(from, 'index.html'))) fail(`${from}/index.html is missing: was ${page}.html built?`);
  for (const f of readdirSync(from)) {
    const source = join(from, f);
    if (statSync(source).isDirectory()) fail(`${page}.html made a folder (${f}); only index.html copies folders`);
    const target = join(dist, f === 'index.html' ? `${page}.html` : f);
    if (f !== 'index.html' && existsSync(target) && !same(source, target)) {
      fail(`${page}.html and another page both have a ${f}, not the same file`);
    }
    copyFileSync(source, target);
  }
}

// 1b. index.html paints Home first (src/ui/first_paint.rs), then starts
//     the app: app.html's start-up module, as a file named by its content,
//     which index.html names on <html data-app> (its policy allows scripts
//     of this origin). The module loads app.html's glue and wasm.
const appStart = startFiles(readFileSync(join(dist, 'app.html'), 'utf8'), 'app.html');
const appStartName = `app-start-${createHash('sha256').update(appStart.script).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dist, appStartName), (await minify(appStart.script, { module: true, compress: true, mangle: true })).code);
{
  const index = join(dist, 'index.html');
  writeFileSync(index, once(readFileSync(index, 'utf8'), htmlTag, (_, attrs) => `<html${attrs} data-app=${appStartName}>`, 'assemble: <html> of index.html'));
}

// 2. The offline edition (scripts/postbuild.mjs made it one file).
if (!dev) {
  const offline = join(pages, 'offline', 'index.html');
  if (!existsSync(offline)) fail(`${offline} is missing: was offline.html built?`);
  copyFileSync(offline, join(dist, 'budmm-offline.html'));
}

// 3. For every page and every language but English (compiled in), a
//    table of the strings that page's code can show: i18n/<page>/<lang>.json.
//    A page's wasm holds the English text of every message it can show
//    (each accessor has it inline, and the linker drops the accessors a
//    page never calls), so a string whose English is not in the wasm is
//    one the page never asks for, and goes as "". A first visit in Spanish
//    then fetches a third of the whole catalog. Each page names the tables
//    and their version on <html>, so that the user's one is fetched with
//    the page's code (static/sw-register.js).
const languages = readdirSync(new URL('../i18n/', import.meta.url))
  .filter((f) => f.endsWith('.json') && f !== 'en.json').sort();
const table = (f) => {
  const source = join(catalogs, f);
  if (!existsSync(source)) fail(`no language table ${source}`);
  return JSON.parse(readFileSync(source, 'utf8'));
};
const english = table('en.json');
const versions = new Set([english.version]);
const tables = languages.map((f) => {
  const t = table(f);
  versions.add(t.version);
  if (t.strings.length !== english.strings.length) fail(`${f} has ${t.strings.length} strings, English ${english.strings.length}`);
  return t;
});
if (versions.size !== 1 || !/^[0-9a-f]+$/.test([...versions][0])) fail(`the language tables are not of one version: ${[...versions]}`);
const codes = languages.map((f) => f.replace(/\.json$/, '')).join(' ');
for (const page of PAGES) {
  const path = join(dist, page);
  const name = page.replace(/\.html$/, '');
  let html = readFileSync(path, 'utf8');
  // index.html's table serves its first paint and its app (1b).
  const wasms = [startFiles(html, page).wasm, ...(page === 'index.html' ? [appStart.wasm] : [])]
    .map((f) => readFileSync(join(dist, f)));
  // Very short strings (the language code) are kept whatever the wasm holds.
  const shows = english.strings.map((s) => s.length <= 3 || wasms.some((w) => w.includes(Buffer.from(s, 'utf8'))));
  mkdirSync(join(dist, 'i18n', name), { recursive: true });
  for (const t of tables) {
    const strings = t.strings.map((s, i) => (shows[i] ? s : ''));
    writeFileSync(join(dist, 'i18n', name, `${t.lang}.json`), JSON.stringify({ ...t, strings }));
  }
  html = once(html, htmlTag, (_, attrs) => `<html${attrs} data-i18n="${codes}" data-i18n-version=${[...versions][0]}>`, `assemble: <html> of ${page}`);
  writeFileSync(path, html);
}

// 4. The service worker. Each page's code, for its consistency check.
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const skip = new Set(['sw.js', 'budmm-offline.html']);
const COMPRESSED = /\.(br|gz)$/;
const assets = walk(dist).map((f) => relative(dist, f).split('\\').join('/')).filter((f) => !skip.has(f) && !COMPRESSED.test(f)).sort();
const code = {};
for (const page of assets.filter((f) => f.endsWith('.html'))) {
  const { glue, wasm } = startFiles(readFileSync(join(dist, page), 'utf8'), page);
  for (const f of [glue, wasm]) if (!assets.includes(f)) fail(`${page} loads ${f}, which is not in ${dist}`);
  code[`./${page}`] = [glue, wasm].sort();
}
for (const page of PAGES) {
  if (!code[`./${page}`]) fail(`${page} is not among the files to precache`);
}
code['./'] = code['./index.html'];
const template = readFileSync(new URL('../static/sw.template.js', import.meta.url), 'utf8');
const version = createHash('sha256').update(template);
for (const f of assets) version.update(f).update(readFileSync(join(dist, f)));
let sw = template;
sw = once(sw, "'__VERSION__'", () => `'budmm-${version.digest('hex').slice(0, 16)}'`, 'sw.template.js: __VERSION__');
sw = once(sw, '__ASSETS__', () => JSON.stringify(['./', ...assets.map((f) => `./${f}`)]), 'sw.template.js: __ASSETS__');
sw = once(sw, '__CODE__', () => JSON.stringify(code), 'sw.template.js: __CODE__');
sw = once(sw, '__CODE_NAME__', () => JSON.stringify(CODE_NAME), 'sw.template.js: __CODE_NAME__');
const out = await minify(sw, { module: false, compress: true, mangle: true });
if (!out.code) fail('terser gave no output for sw.js');
writeFileSync(join(dist, 'sw.js'), out.code);
// 5. Compressed copies. A browser is sent the same bytes either way; only
//    the transfer shrinks (Brotli about a sixth below gzip for the wasm).
const TEXT = /\.(html|js|css|wasm|json|svg|webmanifest)$/;
let plain = 0;
let brotli = 0;
// Every one, however small: a host sends a copy without comparing it to
// its file, so a release that left one out would leave an older copy
// served in its place.
for (const f of dev ? [] : walk(dist).filter((f) => TEXT.test(f))) {
  const bytes = readFileSync(f);
  const br = brotliCompressSync(bytes, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 11,
      [zlib.BROTLI_PARAM_MODE]: f.endsWith('.wasm') ? zlib.BROTLI_MODE_GENERIC : zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(`${f}.br`, br);
  writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }));
  plain += bytes.length;
  brotli += br.length;
}
console.log(`assemble: ${Object.keys(code).length - 1} pages, ${assets.length} files precached, ${languages.length} language tables; ${dev ? 'no compressed copies (--dev)' : `compressed copies: ${(plain / 1024).toFixed(0)} KB to ${(brotli / 1024).toFixed(0)} KB in Brotli`}`);
