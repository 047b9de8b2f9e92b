// A minimal static file server bound to 127.0.0.1, used by the end-to-end
// tests and by scripts/run.sh. It serves only files inside its folder.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir`; `extra` maps paths to [contentType, body] for test pages,
 * where body may be a function, called on each request.
 *
 * Options, for tests of updates and caching (the defaults keep the plain
 * behaviour):
 * - `cacheControl`: the Cache-Control header of every file (default
 *   'no-store'; a static host typically sends 'max-age=…');
 * - `onRequest(path)`: awaited before each request is answered, so a test
 *   can see a request arrive and hold it.
 * The returned `setRoot(dir)` serves another folder from then on (a new
 * deployment); `setDown(true)` cuts every connection that asks for anything,
 * as an unreachable host would, until `setDown(false)`.
 */
export async function startServer(dir, port = 0, extra = {}, { cacheControl = 'no-store', onRequest } = {}) {
  let root = resolve(dir);
  let down = false;
  const server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (onRequest) await onRequest(path);
      if (extra[path]) {
        const [type, body] = extra[path];
        const text = typeof body === 'function' ? body() : body;
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        return res.end(text);
      }
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': cacheControl,
        // Lets a sandboxed frame (opaque origin) load the module and wasm,
        // as public static hosts commonly allow.
        'access-control-allow-origin': '*',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    // `close(true)` also cuts the connections in use: the host goes down.
    close: (cut = false) => new Promise((ok) => {
      server.close(ok);
      if (cut) server.closeAllConnections();
    }),
    setRoot: (next) => { root = resolve(next); },
    setDown: (value) => { down = value; },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await startServer(dir, Number(port));
  console.log(`Serving ${dir} on ${url}`);
}
