// Trunk post-build hook, run on trunk's staging folder.
// Every build:
//  0. index.html's loading, failed-start and no-script messages in every
//     language of i18n/ (they show before the app, so not from the wasm),
//     and static/sw-register.js moved to the top of <head>, not deferred, so
//     it hears every failure of the app's files (see that file).
// Release builds also get:
//  1. a Content-Security-Policy in index.html that allows only this origin,
//     wasm, and trunk's inline start-up script (by hash);
//  2. budmm-offline.html: the whole app in one file (CSS, JS, wasm inlined)
//     that works opened from file://;
//  3. sw.js: a service worker that precaches every asset of this build and
//     checks that the index.html it caches loads this build's JS and wasm;
//  4. the JS minified (trunk leaves wasm-bindgen's glue as it is), with
//     trunk's integrity hash updated to match.
// Any piece it cannot put in place stops the build (an exception: non-zero
// exit): a release without its CSP or its worker must not ship.
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk: TRUNK_STAGING_DIR is not set');
const release = process.env.TRUNK_PROFILE === 'release';

/**
 * Replaces the one match of `pattern` (a string or a RegExp without the g
 * flag) by `make(...match)`; throws unless there is exactly one match.
 */
function once(text, pattern, make, what) {
  const all = typeof pattern === 'string'
    ? text.split(pattern).length - 1
    : (text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? []).length;
  if (all !== 1) throw new Error(`postbuild: ${what}: ${all === 0 ? 'not found' : `found ${all} times`}`);
  return text.replace(pattern, (...match) => make(...match));
}

/** Replaces every match of a global `pattern`; throws if there is none. */
function every(text, pattern, make, what) {
  if (!pattern.global) throw new Error(`postbuild: ${what}: the pattern must be global`);
  let count = 0;
  const out = text.replace(pattern, (...match) => {
    count += 1;
    return make(...match);
  });
  if (count === 0) throw new Error(`postbuild: ${what}: not found`);
  return out;
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineScript = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
const cspMeta = /<meta http-equiv=["']?Content-Security-Policy["']?[^>]*>/i;
const csp = (directives) => `<meta http-equiv=Content-Security-Policy content="${directives.join('; ')}">`;
const afterCharset = (html, tag, what) => once(html, charset, (meta) => `${meta}${tag}`, `${what}: <meta charset=utf-8>`);

// 0. index.html's messages before the app starts, from the catalogs, and
//    the script that shows them (and registers the worker) first in <head>.
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const i18nDir = new URL('../i18n/', import.meta.url);
const catalogs = readdirSync(i18nDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, i18nDir), 'utf8')) }));
if (catalogs.length === 0) throw new Error('postbuild: no catalogs in i18n/');
for (const c of catalogs) {
  if (!/^[a-z]{2,3}$/.test(c.lang ?? '')) throw new Error(`postbuild: i18n/${c.file} has no language code (lang)`);
}
const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (c, key) => {
  if (typeof c[key] !== 'string' || c[key] === '') throw new Error(`postbuild: i18n/${c.file} has no text for ${key}`);
  return attr(c[key]);
};
// data-<lang>: "Loading…"; data-failed[-safe|-button]-<lang>: the failed start.
const bootTexts = catalogs.map((c) => [
  `data-${c.lang}="${text(c, 'boot_loading')}"`,
  `data-failed-${c.lang}="${text(c, 'boot_failed')}"`,
  `data-failed-safe-${c.lang}="${text(c, 'boot_failed_safe')}"`,
  `data-failed-button-${c.lang}="${text(c, 'boot_failed_button')}"`,
].join(' ')).join(' ');
index = once(index, /<p([^>]*\bid=["']?boot-message\b[^>]*)>/, (_, attrs) => `<p${attrs.replace(/\s*\/$/, '')} ${bootTexts}>`, 'the boot message (<p id=boot-message>) in index.html');
index = once(index, /<noscript>[\s\S]*?<\/noscript>/, () => `<noscript>${catalogs.map((c) => `<p class=boot lang=${c.lang}>${text(c, 'boot_noscript')}</p>`).join('')}</noscript>`, 'the <noscript> message in index.html');
const registerTag = /<script\b[^>]*\bsrc=["']?(?:\.\/)?sw-register\.js["']?[^>]*><\/script>/;
index = once(index, registerTag, () => '', 'the <script src=sw-register.js> in index.html');
index = afterCharset(index, '<script src=sw-register.js></script>', 'sw-register.js first in <head>');

if (!release) {
  writeFileSync(indexPath, index);
  process.exit(0);
}

// 1. index.html's Content-Security-Policy, before any script.
const start = index.match(inlineScript);
if (!start) throw new Error('postbuild: no inline start-up script in index.html');
index = afterCharset(index, csp([
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${sha256(start[1])}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]), 'the CSP of index.html');

// 2. The offline edition.
const files = readdirSync(dir);
const find = (re) => {
  const names = files.filter((f) => re.test(f));
  if (names.length !== 1) throw new Error(`postbuild: ${names.length} files match ${re}, not one`);
  return names[0];
};
const css = readFileSync(join(dir, find(/^app-[0-9a-f]+\.css$/)), 'utf8');
const glueName = find(/^budmm-[0-9a-f]+\.js$/);
const wasmName = find(/^budmm-[0-9a-f]+_bg\.wasm$/);
if (glueName.replace(/\.js$/, '') !== wasmName.replace(/_bg\.wasm$/, '')) throw new Error(`postbuild: ${glueName} and ${wasmName} are not of one build`);
// The start-up script loads exactly this build's glue and wasm.
for (const name of [glueName, wasmName]) {
  if (!start[1].includes(`'./${name}'`)) throw new Error(`postbuild: the start-up script does not load ./${name}`);
}
const glueSource = readFileSync(join(dir, glueName), 'utf8');
const glue = once(glueSource, /^export \{[^}]*\};?\s*$/m, () => '', `the exports of ${glueName}`);
const wasm = readFileSync(join(dir, wasmName)).toString('base64');
const small = async (code) => {
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (!out.code) throw new Error('postbuild: terser gave no output');
  return out.code;
};
const boot = await small(`${glue}
const data = document.getElementById('budmm-wasm').textContent;
const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });`);
let offline = index;
offline = once(offline, cspMeta, () => '', 'offline edition: the CSP of index.html');
offline = once(offline, /<link[^>]*rel=["']?stylesheet["']?[^>]*>/, () => `<style>${css}</style>`, 'offline edition: the stylesheet link');
offline = once(offline, inlineScript, () => `<script type=module>${boot}</script>`, 'offline edition: the start-up script');
offline = every(offline, /<link[^>]*rel=["']?(modulepreload|preload|manifest)["']?[^>]*>/g, () => '', 'offline edition: preload and manifest links');
offline = every(offline, /<script[^>]*src=[^>]*><\/script>/g, () => '', 'offline edition: scripts from files');
offline = once(offline, '</body>', () => `<script type=application/octet-stream id=budmm-wasm>${wasm}</script></body>`, 'offline edition: </body>');
offline = afterCharset(offline, csp([
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha256(boot)}`,
  `style-src ${sha256(css)}`,
  "img-src data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
]), 'the CSP of the offline edition');
if (/<script[^>]*\bsrc=|<link[^>]*\bhref=["']?\.?\//.test(offline)) throw new Error('postbuild: the offline edition still loads a file');
writeFileSync(join(dir, 'budmm-offline.html'), offline);

// 4. Minify the glue (fixing its integrity hash) and the worker registration.
const glueMin = await small(glueSource);
writeFileSync(join(dir, glueName), glueMin);
const sri = `sha384-${createHash('sha384').update(glueMin).digest('base64')}`;
index = once(index, new RegExp(`(href=["']?\\./${glueName.replace('.', '\\.')}["']? integrity=["']?)sha384-[A-Za-z0-9+/=]+`), (_, head) => `${head}${sri}`, `the integrity hash of ${glueName} in index.html`);
const register = join(dir, 'sw-register.js');
writeFileSync(register, await small(readFileSync(register, 'utf8')));

// The finished index.html: its CSP first, then the watcher, before anything
// of the app loads.
const head = index.slice(0, index.search(/<link|<script type=["']?module/i));
if (!cspMeta.test(head) || !head.includes('<script src=sw-register.js></script>')) {
  throw new Error('postbuild: index.html does not start with its CSP and sw-register.js');
}
writeFileSync(indexPath, index);

// 3. The service worker, listing every file of this build. Its version
//    covers the files and the worker's own code.
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const skip = new Set(['sw.js', 'budmm-offline.html']);
const assets = walk(dir).map((f) => relative(dir, f).split('\\').join('/')).filter((f) => !skip.has(f)).sort();
for (const name of ['index.html', glueName, wasmName]) {
  if (!assets.includes(name)) throw new Error(`postbuild: ${name} is not among the files to precache`);
}
const template = readFileSync(new URL('../static/sw.template.js', import.meta.url), 'utf8');
const version = createHash('sha256').update(template);
for (const f of assets) version.update(f).update(readFileSync(join(dir, f)));
let sw = template;
sw = once(sw, "'__VERSION__'", () => `'budmm-${version.digest('hex').slice(0, 16)}'`, 'sw.template.js: __VERSION__');
sw = once(sw, '__ASSETS__', () => JSON.stringify(['./', ...assets.map((f) => `./${f}`)]), 'sw.template.js: __ASSETS__');
sw = once(sw, "'__GLUE__'", () => `'${glueName}'`, 'sw.template.js: __GLUE__');
sw = once(sw, "'__WASM__'", () => `'${wasmName}'`, 'sw.template.js: __WASM__');
writeFileSync(join(dir, 'sw.js'), await small(sw));
