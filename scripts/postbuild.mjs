// Trunk post-build hook (release builds), run on trunk's staging folder:
//  1. a Content-Security-Policy in index.html that allows only this origin,
//     wasm, and trunk's inline start-up script (by hash);
//  2. budmm-offline.html: the whole app in one file (CSS, JS, wasm inlined)
//     that works opened from file://;
//  3. sw.js: a service worker that precaches every asset of this build;
//  4. the JS minified (trunk leaves wasm-bindgen's glue as it is), with
//     trunk's integrity hash updated to match;
//  0. first, the loading and no-script messages of index.html in every
//     language of i18n/ (they show before the app, so not from the wasm).
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk: TRUNK_STAGING_DIR is not set');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineScript = /<script type=module>([\s\S]*?)<\/script>/;
const csp = (directives) => `<meta http-equiv=Content-Security-Policy content="${directives.join('; ')}">`;
const insertAfterCharset = (html, tag) => html.replace('<meta charset=utf-8>', `<meta charset=utf-8>${tag}`);

// 0. index.html's messages before the app starts, from the catalogs.
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const i18nDir = new URL('../i18n/', import.meta.url);
const catalogs = readdirSync(i18nDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, i18nDir), 'utf8')));
const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const bootBefore = index;
index = index
  .replace(/<p([^>]*\bid=boot-message\b[^>]*)>/, (_, attrs) => `<p${attrs} ${catalogs.map((c) => `data-${c.lang}="${attr(c.boot_loading)}"`).join(' ')}>`)
  .replace(/<noscript>[\s\S]*?<\/noscript>/, () => `<noscript>${catalogs.map((c) => `<p class=boot lang=${c.lang}>${attr(c.boot_noscript)}</p>`).join('')}</noscript>`);
if (index === bootBefore) throw new Error('no boot message or noscript in index.html');

// 1. index.html
const start = index.match(inlineScript);
if (!start) throw new Error('no inline start-up script in index.html');
index = insertAfterCharset(index, csp([
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${sha256(start[1])}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]));
writeFileSync(indexPath, index);

// 2. The offline edition.
const files = readdirSync(dir);
const find = (re) => {
  const name = files.find((f) => re.test(f));
  if (!name) throw new Error(`no file matching ${re}`);
  return name;
};
const css = readFileSync(join(dir, find(/^app-.*\.css$/)), 'utf8');
const glueName = find(/^budmm-[0-9a-f]+\.js$/);
const glueSource = readFileSync(join(dir, glueName), 'utf8');
const glue = glueSource.replace(/^export \{[^}]*\};?\s*$/m, '');
const wasm = readFileSync(join(dir, find(/_bg\.wasm$/))).toString('base64');
const small = async (code) => {
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (!out.code) throw new Error('terser gave no output');
  return out.code;
};
const boot = await small(`${glue}
const data = document.getElementById('budmm-wasm').textContent;
const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });`);
let offline = index
  .replace(/<meta http-equiv=Content-Security-Policy[^>]*>/, '')
  .replace(/<link[^>]*rel=stylesheet[^>]*>/, () => `<style>${css}</style>`)
  .replace(inlineScript, () => `<script type=module>${boot}</script>`)
  .replace(/<link[^>]*rel=(modulepreload|preload|manifest)[^>]*>/g, '')
  .replace(/<script[^>]*src=[^>]*><\/script>/g, '')
  .replace('</body>', () => `<script type=application/octet-stream id=budmm-wasm>${wasm}</script></body>`);
offline = insertAfterCharset(offline, csp([
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha256(boot)}`,
  `style-src ${sha256(css)}`,
  "img-src data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
]));
writeFileSync(join(dir, 'budmm-offline.html'), offline);

// 4. Minify the glue (fixing its integrity hash) and the worker registration.
const glueMin = await small(glueSource);
writeFileSync(join(dir, glueName), glueMin);
const sri = `sha384-${createHash('sha384').update(glueMin).digest('base64')}`;
const before = index;
index = index.replace(new RegExp(`(href=\\./${glueName.replace('.', '\\.')} integrity=)sha384-[A-Za-z0-9+/=]+`), `$1${sri}`);
if (index === before) throw new Error('could not update the integrity hash of the glue');
writeFileSync(indexPath, index);
const register = join(dir, 'sw-register.js');
writeFileSync(register, await small(readFileSync(register, 'utf8')));

// 3. The service worker, listing every file of this build.
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const skip = new Set(['sw.js', 'budmm-offline.html']);
const assets = walk(dir).map((f) => relative(dir, f).split('\\').join('/')).filter((f) => !skip.has(f)).sort();
const version = createHash('sha256');
for (const f of assets) version.update(f).update(readFileSync(join(dir, f)));
const template = readFileSync(new URL('../static/sw.template.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), await small(template
  .replace('__VERSION__', `budmm-${version.digest('hex').slice(0, 16)}`)
  .replace('__ASSETS__', JSON.stringify(['./', ...assets.map((f) => `./${f}`)]))));
