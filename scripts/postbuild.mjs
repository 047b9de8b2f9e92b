// Trunk post-build hook, run on trunk's staging folder once per page
// (index.html, report.html, plan.html, embed.html, offline.html; see
// scripts/lib.sh). scripts/assemble.mjs then puts the pages together.
// Every build:
//  0. the page's loading, failed-start and no-script messages in every
//     language of i18n/ (they show before the app, so not from the wasm),
//     and static/sw-register.js inlined at the top of <head>, so that it
//     hears every failure of the page's files (see that file) and costs no
//     request of its own: as a file, it held up the page by a round trip.
// Release builds also get:
//  1. a Content-Security-Policy that allows only this origin, wasm, and
//     trunk's inline start-up script (by hash);
//  2. the JS minified (trunk leaves wasm-bindgen's glue as it is), with
//     trunk's integrity hash updated to match;
//  3. for offline.html: the whole page in one file (CSS, JS, wasm inlined),
//     with the app's public address (BUDMM_PUBLIC_URL) when given
//     that works opened from file://, with its own policy.
// Any piece it cannot put in place stops the build (an exception: non-zero
// exit): a release without its CSP must not ship.
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterCharset, csp, cspMeta, every, htmlTag, inlineScript, once, sha256, startFiles } from './build-lib.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by trunk: TRUNK_STAGING_DIR is not set');
const release = process.env.TRUNK_PROFILE === 'release';
const page = basename(process.env.TRUNK_HTML_FILE ?? 'index.html');

// 0. The messages before the app starts, from the catalogs, and the script
//    that shows them (and registers the worker) first in <head>.
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
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
  `data-failed-offline-${c.lang}="${text(c, 'boot_failed_offline')}"`,
].join(' ')).join(' ');
html = once(html, /<p([^>]*\bid=["']?boot-message\b[^>]*)>/, (_, attrs) => `<p${attrs.replace(/\s*\/$/, '')} ${bootTexts}>`, `the boot message (<p id=boot-message>) in ${page}`);
html = once(html, /<noscript>[\s\S]*?<\/noscript>/, () => `<noscript>${catalogs.map((c) => `<p class=boot lang=${c.lang}>${text(c, 'boot_noscript')}</p>`).join('')}</noscript>`, `the <noscript> message in ${page}`);
const small = async (code, module = true) => {
  const out = await minify(code, { module, compress: true, mangle: true });
  if (!out.code) throw new Error('postbuild: terser gave no output');
  return out.code;
};
// The offline edition has no worker and no failed-start message: it is one
// file, with nothing to fail to load.
const offlineEdition = page === 'offline.html';
const registerSource = readFileSync(new URL('../static/sw-register.js', import.meta.url), 'utf8');
const register = release ? await small(registerSource, false) : registerSource;
if (/<\/script/i.test(register)) throw new Error('postbuild: sw-register.js cannot be inlined: it contains </script');
if (/sw-register\.js/.test(html)) throw new Error(`postbuild: ${page} names sw-register.js; it is inlined, not loaded`);
if (!offlineEdition) {
  // Which page this is, for sw-register.js (addresses may drop ".html");
  // before the script goes in, whose comments name <html> too (in debug
  // builds, which keep them).
  html = once(html, htmlTag, (_, attrs) => `<html${attrs} data-page=${page.replace(/\.html$/, '')}>`, `the <html> of ${page}`);
  html = afterCharset(html, `<script>${register}</script>`, `sw-register.js first in the <head> of ${page}`);
}

if (!release) {
  writeFileSync(htmlPath, html);
  process.exit(0);
}

const files = readdirSync(dir);
const find = (re) => {
  const names = files.filter((f) => re.test(f));
  if (names.length !== 1) throw new Error(`postbuild: ${names.length} files of ${page} match ${re}, not one`);
  return names[0];
};
const { script: start, glue: glueName, wasm: wasmName } = startFiles(html, page);
for (const name of [glueName, wasmName]) {
  if (!files.includes(name)) throw new Error(`postbuild: ${page} loads ./${name}, which the build did not make`);
}
const glueSource = readFileSync(join(dir, glueName), 'utf8');

if (offlineEdition) {
  // 3. The offline edition: one file, nothing else.
  // Its stylesheets in one <style>: the app's, then the region's.
  const sheets = [find(/^app-[0-9a-f]+\.css$/), find(/^region-[0-9a-f]+\.css$/)];
  const css = sheets.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const glue = once(glueSource, /^export \{[^}]*\};?\s*$/m, () => '', `the exports of ${glueName}`);
  const wasm = readFileSync(join(dir, wasmName)).toString('base64');
  const boot = await small(`${glue}
const data = document.getElementById('budmm-wasm').textContent;
const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });`);
  let offline = html;
  // The app's public address (docs/deploy.md): links made in this copy, on
  // someone's disk, point there. Without it, this copy offers no links.
  const publicUrl = (process.env.BUDMM_PUBLIC_URL ?? '').trim();
  if (publicUrl) {
    if (!/^https?:\/\/[^\s"'<>#?]+$/.test(publicUrl)) throw new Error(`postbuild: BUDMM_PUBLIC_URL must be an http(s) address without spaces, quotes, # or ?: ${publicUrl}`);
    offline = once(offline, htmlTag, (_, attrs) => `<html${attrs} data-public-url="${publicUrl}">`, 'offline edition: <html>');
  }
  let sheet = 0;
  offline = every(offline, /<link[^>]*rel=["']?stylesheet["']?[^>]*>/g, () => (sheet++ === 0 ? `<style>${css}</style>` : ''), 'offline edition: the stylesheet links');
  if (sheet !== sheets.length) throw new Error(`postbuild: the offline edition links ${sheet} stylesheets, not ${sheets.length}`);
  offline = once(offline, inlineScript, () => `<script type=module>${boot}</script>`, 'offline edition: the start-up script');
  offline = every(offline, /<link[^>]*rel=["']?(modulepreload|preload)["']?[^>]*>/g, () => '', 'offline edition: preload links');
  offline = once(offline, '</body>', () => `<script type=application/octet-stream id=budmm-wasm>${wasm}</script></body>`, 'offline edition: </body>');
  offline = afterCharset(offline, csp([
    "default-src 'none'",
    `script-src 'wasm-unsafe-eval' ${sha256(boot)}`,
    `style-src ${sha256(css)}`,
    "img-src data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ]), 'the CSP of the offline edition');
  if (/<script[^>]*\bsrc=|<link[^>]*\bhref=["']?\.?\/|rel=["']?manifest/.test(offline)) throw new Error('postbuild: the offline edition still loads a file');
  for (const f of files) if (f !== 'index.html') rmSync(join(dir, f), { recursive: true });
  writeFileSync(htmlPath, offline);
  process.exit(0);
}

// 1. The page's Content-Security-Policy, before any script.
html = afterCharset(html, csp([
  "default-src 'self'",
  // The start-up script's hash first (tests/e2e/update.test.mjs rewrites it).
  `script-src 'self' 'wasm-unsafe-eval' ${sha256(start)} ${sha256(register)}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]), `the CSP of ${page}`);

// 2. Minify the glue, fixing its integrity hash.
const glueMin = await small(glueSource);
writeFileSync(join(dir, glueName), glueMin);
const sri = `sha384-${createHash('sha384').update(glueMin).digest('base64')}`;
html = once(html, new RegExp(`(href=["']?\\./${glueName.replace('.', '\\.')}["']? integrity=["']?)sha384-[A-Za-z0-9+/=]+`), (_, head) => `${head}${sri}`, `the integrity hash of ${glueName} in ${page}`);

// The finished page: its CSP first, then the watcher, before anything of
// the app loads.
const head = html.slice(0, html.search(/<link|<script type=["']?module/i));
if (!cspMeta.test(head) || !head.includes(`<script>${register}</script>`) || head.search(cspMeta) > head.indexOf('<script>')) {
  throw new Error(`postbuild: ${page} does not start with its CSP and sw-register.js`);
}
writeFileSync(htmlPath, html);
