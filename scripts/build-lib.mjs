// Text surgery shared by scripts/postbuild.mjs and scripts/assemble.mjs.
// Every edit must find exactly what it expects, or the build stops: a page
// silently left without its policy or its checks must not ship.
import { createHash } from 'node:crypto';

/**
 * Replaces the one match of `pattern` (a string or a RegExp without the g
 * flag) by `make(...match)`; throws unless there is exactly one match.
 */
export function once(text, pattern, make, what) {
  const all = typeof pattern === 'string'
    ? text.split(pattern).length - 1
    : (text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? []).length;
  if (all !== 1) throw new Error(`${what}: ${all === 0 ? 'not found' : `found ${all} times`}`);
  return text.replace(pattern, (...match) => make(...match));
}

/** Replaces every match of a global `pattern`; throws if there is none. */
export function every(text, pattern, make, what) {
  if (!pattern.global) throw new Error(`${what}: the pattern must be global`);
  let count = 0;
  const out = text.replace(pattern, (...match) => {
    count += 1;
    return make(...match);
  });
  if (count === 0) throw new Error(`${what}: not found`);
  return out;
}

/** The page's root element, its attributes in group 1: only the one that
 * opens the document, never one named in a comment or a script. */
export const htmlTag = /(?<=^\s*(?:<!doctype html>\s*)?)<html\b([^>]*)>/i;

export const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
export const inlineScript = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
export const cspMeta = /<meta http-equiv=["']?Content-Security-Policy["']?[^>]*>/i;
export const csp = (directives) => `<meta http-equiv=Content-Security-Policy content="${directives.join('; ')}">`;
export const afterCharset = (html, tag, what) => once(html, charset, (meta) => `${meta}${tag}`, `${what}: <meta charset=utf-8>`);

/**
 * The name of the app's code as trunk writes it: the bin's name (each starts
 * with budmm), a hash, and `.js` or `_bg.wasm`. The service worker finds
 * the code a page loads with this very pattern (assemble.mjs puts it in).
 */
export const CODE_NAME = String.raw`budmm(?:-[a-z]+)*-[0-9a-f]+(?:_bg\.wasm|\.js)`;

/**
 * The app's code a page loads: trunk's inline start-up script, and the JS
 * glue and wasm it names (`./<bin>-<hash>.js`, `./<bin>-<hash>_bg.wasm`),
 * which must be of one build.
 */
export function startFiles(html, page) {
  const start = html.match(inlineScript);
  if (!start) throw new Error(`${page}: no inline start-up script`);
  const names = [...new Set(start[1].match(new RegExp(CODE_NAME, 'g')) ?? [])];
  const glue = names.filter((n) => n.endsWith('.js'));
  const wasm = names.filter((n) => n.endsWith('_bg.wasm'));
  if (new Set(start[1].match(/[\w-]+\.(?:js|wasm)\b/g)).size !== names.length) {
    throw new Error(`${page}: the start-up script loads code whose name the service worker would not recognise (${CODE_NAME})`);
  }
  if (glue.length !== 1 || wasm.length !== 1) {
    throw new Error(`${page}: the start-up script loads ${glue.length} glue files and ${wasm.length} wasm files, not one of each`);
  }
  if (glue[0].replace(/\.js$/, '') !== wasm[0].replace(/_bg\.wasm$/, '')) {
    throw new Error(`${page}: ${glue[0]} and ${wasm[0]} are not of one build`);
  }
  return { script: start[1], glue: glue[0], wasm: wasm[0] };
}
