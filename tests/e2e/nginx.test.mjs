// deploy/nginx.conf, as docs/deploy.md says to use it, in Debian's nginx
// (run as whoever runs the tests, on free ports of 127.0.0.1) serving dist/:
// once at the root of a host, once in a subfolder; and deploy/apache.htaccess
// in Debian's Apache, as the .htaccess of a copy of dist/ in a subfolder.
// Headers of every file, a cold load, a results link and the card on
// another site, and offline use after one visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ROOT, DIST, launch, openPage, view, visit, createAssessment, rate, catalog, allStorage, useServers } from './helpers.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const APACHE = process.env.APACHE ?? '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const BROTLI_STATIC = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const CONF = join(ROOT, 'deploy', 'nginx.conf');
const WAIT = { timeout: 30_000 };
const FOLDER = 'madurez';

// trunk writes a 64-bit hash in hex without its leading zeros.
const HASHED = /-[0-9a-f]{12,16}(\.js|_bg\.wasm|\.css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES = {
  '.html': /^text\/html\b/,
  '.js': /^(text|application)\/javascript\b/,
  '.wasm': /^application\/wasm$/,
  '.css': /^text\/css\b/,
  '.json': /^application\/json\b/,
  '.svg': /^image\/svg\+xml\b/,
  '.png': /^image\/png$/,
  '.webmanifest': /^application\/manifest\+json\b/,
};
const extension = (name) => name.slice(name.lastIndexOf('.'));

/** A GET with exactly these request headers; the body as it came (not decompressed). */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function freePort() {
  const probe = createServer();
  await new Promise((ok, fail) => {
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', ok);
  });
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/**
 * `command args`, a server in the foreground, once `base` answers: what
 * stops it (and removes `dir`), or, when it exited first, what it said on
 * stderr and in `errorLog`.
 */
async function running(command, args, { dir, errorLog, origin, base }) {
  const proc = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.on('error', (e) => { stderr += `${e.message}\n`; });
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((ok) => proc.once('exit', (code, signal) => ok({ code, signal })));
  let up = false;
  for (let i = 0; i < 200 && proc.exitCode === null && proc.signalCode === null; i++) {
    try {
      up = (await get(base)).status === 200 && proc.exitCode === null;
      break;
    } catch {
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
  if (up) {
    return {
      server: {
        origin,
        base,
        async stop() {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
          await rm(dir, { recursive: true, force: true });
        },
      },
    };
  }
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  await exited;
  return { log: stderr + (await readFile(errorLog, 'utf8').catch(() => '')) };
}

/**
 * deploy/nginx.conf with the edits it documents: the port, the folder of
 * the files and, for a subfolder, the location and the redirect to it. Each
 * line edited must be in the file exactly once.
 */
function filled(conf, { port, root, folder }) {
  const edit = (text, re, by, what) => {
    const found = text.match(new RegExp(re.source, `${re.flags}g`))?.length ?? 0;
    assert.equal(found, 1, `deploy/nginx.conf has ${what} once (found ${found})`);
    return text.replace(re, (_, indent) => indent + by);
  };
  let out = edit(conf, /^(\s*)listen 80;/m, `listen 127.0.0.1:${port};`, '"listen 80;"');
  out = edit(out, /^(\s*)root \/var\/www\/budmm;/m, `root "${root}";`, '"root /var/www/budmm;"');
  // This machine has the Brotli module (scripts/lib.sh installs it).
  out = edit(out, /^(\s*)# brotli_static on;/m, 'brotli_static on;', 'the Brotli line, commented out');
  if (folder) {
    out = edit(out, /^(\s*)location \/ \{/m, `location /${folder}/ {`, '"location / {"');
    out = edit(out, /^(\s*)# location = \/madurez \{ return 301 \/madurez\/; \}/m, `location = /${folder} { return 301 /${folder}/; }`, 'the subfolder\'s redirect, commented out');
  }
  return out;
}

/**
 * Debian's nginx in the foreground, everything it writes in a temporary
 * folder, with deploy/nginx.conf inside its http { } block as on Debian
 * (the same mime.types and defaults). `folder`: serve dist/ as /<folder>/.
 */
async function startNginx(folder = null) {
  const dir = await mkdtemp(join(tmpdir(), 'budmm-nginx-'));
  let root = DIST;
  if (folder) {
    root = join(dir, 'site');
    await mkdir(root);
    await symlink(DIST, join(root, folder));
  }
  const conf = await readFile(CONF, 'utf8');
  const errorLog = join(dir, 'error.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(join(dir, 'budmm.conf'), filled(conf, { port, root, folder }));
    await writeFile(join(dir, 'nginx.conf'), `
# As root (CI containers) workers would run as nobody, who may not read the checkout.
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
load_module "${BROTLI_STATIC}";
pid "${join(dir, 'nginx.pid')}";
error_log "${errorLog}" warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  gzip on;
  access_log "${join(dir, 'access.log')}";
  client_body_temp_path "${join(dir, 'body')}";
  proxy_temp_path "${join(dir, 'proxy')}";
  fastcgi_temp_path "${join(dir, 'fastcgi')}";
  uwsgi_temp_path "${join(dir, 'uwsgi')}";
  scgi_temp_path "${join(dir, 'scgi')}";
  include "${join(dir, 'budmm.conf')}";
}
`);
    const origin = `http://127.0.0.1:${port}/`;
    const base = folder ? `${origin}${folder}/` : origin;
    const { server, log } = await running(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', errorLog, '-g', 'daemon off;'], { dir, errorLog, origin, base });
    if (server) return { ...server, brotli: true };
    // Another process may take the port between the probe and nginx.
    if (attempt < 3 && /Address already in use/.test(log)) continue;
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start:\n${log}`);
  }
}

/**
 * Debian's Apache in the foreground with a minimal server configuration
 * (the modules deploy/apache.htaccess names, "AllowOverride FileInfo
 * Indexes" on the app's folder, as its comments ask), serving a copy of
 * dist/ as /<folder>/ with the file as its .htaccess.
 */
async function startApache(folder = FOLDER) {
  const dir = await mkdtemp(join(tmpdir(), 'budmm-apache-'));
  const site = join(dir, 'site');
  const app = join(site, folder);
  await mkdir(site);
  await cp(DIST, app, { recursive: true });
  await copyFile(join(ROOT, 'deploy', 'apache.htaccess'), join(app, '.htaccess'));
  // Its children run as nobody: the copy must be readable by anyone.
  await chmod(dir, 0o755);
  const errorLog = join(dir, 'error.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const modules = ['mpm_event', 'authz_core', 'dir', 'mime', 'headers', 'filter', 'deflate']
      .map((m) => `LoadModule ${m}_module "${APACHE_MODULES}/mod_${m}.so"`).join('\n');
    await writeFile(join(dir, 'httpd.conf'), `
ServerRoot "${dir}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile "${join(dir, 'httpd.pid')}"
Mutex file:${dir} default
DefaultRuntimeDir "${dir}"
${modules}
${process.getuid?.() === 0 ? 'User nobody\nGroup nogroup' : ''}
ErrorLog "${errorLog}"
LogLevel warn
TypesConfig /etc/mime.types
DocumentRoot "${site}"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "${site}">
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
# As Debian's apache2.conf: the .htaccess itself is not served.
<FilesMatch "^\\.ht">
  Require all denied
</FilesMatch>
`);
    const origin = `http://127.0.0.1:${port}/`;
    const base = `${origin}${folder}/`;
    const { server, log } = await running(APACHE, ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'], { dir, errorLog, origin, base });
    // The file compresses as it sends (mod_deflate); it serves no .br copies.
    if (server) return { ...server, brotli: false };
    if (attempt < 3 && /Address already in use/.test(log)) continue;
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Apache did not start:\n${log}`);
  }
}

const sites = {};
let browser;
// Portals on another origin, closed at the end even after a failed test.
const serve = useServers();

before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: scripts/lib.sh's setup installs Debian's nginx`);
  sites.root = await startNginx();
  sites.subfolder = await startNginx(FOLDER);
  assert.ok(existsSync(APACHE), `${APACHE} is missing: scripts/lib.sh's setup installs Debian's Apache`);
  sites.apache = await startApache();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(Object.values(sites).map((s) => s.stop()));
});

/** Every file of dist/, as paths relative to it (the compressed copies apart). */
async function distFiles() {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name).slice(DIST.length + 1))
    .filter((f) => !/\.(br|gz)$/.test(f)).sort();
}

test('nginx and Apache send every file with its type, cache lifetime, frame policy and CORS header, and compressed when asked', async () => {
  const conf = await readFile(CONF, 'utf8');
  const gzipMin = Number(conf.match(/gzip_min_length (\d+);/)?.[1] ?? 20);
  const files = await distFiles();
  for (const name of ['index.html', 'report.html', 'results.html', 'plan.html', 'region.html', 'embed.html', 'region-card.html', 'budmm-offline.html', 'sw.js', 'manifest.webmanifest', 'i18n/index/es.json']) {
    assert.ok(files.includes(name), `dist/ has ${name}`);
  }
  const hashed = files.filter((f) => HASHED.test(f));
  for (const kind of ['.js', '_bg.wasm', '.css']) assert.ok(hashed.some((f) => f.endsWith(kind)), `dist/ has hashed ${kind} files`);

  for (const [label, site] of Object.entries(sites)) {
    for (const name of files) {
      const what = `${label}: ${name}`;
      const bytes = await readFile(join(DIST, name));
      const plain = await get(site.base + name);
      assert.equal(plain.status, 200, what);
      assert.match(plain.headers['content-type'] ?? '', TYPES[extension(name)] ?? /^$/, `${what}: content type`);
      assert.equal(plain.headers['cache-control'], HASHED.test(name) ? IMMUTABLE : 'no-cache', `${what}: cache`);
      const frames = ['embed.html', 'region-card.html'].includes(name) ? '*' : "'self'";
      assert.equal(plain.headers['content-security-policy'], `frame-ancestors ${frames}`, `${what}: CSP header`);
      assert.equal(plain.headers['access-control-allow-origin'], '*', `${what}: CORS`);
      assert.equal(plain.headers['content-encoding'], undefined, `${what}: not compressed unasked`);
      assert.ok(plain.body.equals(bytes), `${what}: the file as it is`);

      assert.equal(plain.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
      const zipped = await get(site.base + name, { 'accept-encoding': 'gzip' });
      assert.equal(zipped.headers['cache-control'], plain.headers['cache-control'], `${what}: same cache when compressed`);
      if (name.endsWith('.png')) {
        assert.equal(zipped.headers['content-encoding'], undefined, `${what}: sent as it is`);
      } else {
        // From the build's .gz copy, which every text file has.
        assert.equal(zipped.headers['content-encoding'], 'gzip', `${what}: gzip`);
        assert.match(zipped.headers.vary ?? '', /Accept-Encoding/i, `${what}: Vary`);
        if (bytes.length >= gzipMin) assert.ok(zipped.body.length < bytes.length, `${what}: smaller`);
        assert.ok(gunzipSync(zipped.body).equals(bytes), `${what}: unzips to the file`);
      }
      // Brotli, from the copy the build wrote, for every text and wasm file.
      if (site.brotli && !name.endsWith('.png')) {
        assert.ok(existsSync(join(DIST, `${name}.br`)), `${what}: the build wrote its .br`);
        const br = await get(site.base + name, { 'accept-encoding': 'br, gzip' });
        assert.equal(br.headers['content-encoding'], 'br', `${what}: Brotli when the browser takes it`);
        assert.equal(br.headers['cache-control'], plain.headers['cache-control'], `${what}: same cache in Brotli`);
        assert.match(br.headers['content-type'] ?? '', TYPES[extension(name)] ?? /^$/, `${what}: content type in Brotli`);
        assert.ok(brotliDecompressSync(br.body).equals(bytes), `${what}: Brotli decodes to the file`);
        if (name.endsWith('.wasm')) assert.ok(br.body.length < zipped.body.length, `${what}: Brotli smaller than gzip`);
      }
    }

    // The folder's address is the home page; the language files as the pages ask for them.
    const home = await get(site.base);
    assert.equal(home.headers['cache-control'], 'no-cache', `${label}: /`);
    assert.ok(home.body.equals(await readFile(join(DIST, 'index.html'))), `${label}: / is index.html`);
    const version = home.body.toString().match(/data-i18n-version=([0-9a-f]+)/)?.[1];
    assert.ok(version, 'index.html names its language files’ version');
    const table = await get(`${site.base}i18n/index/es.json?v=${version}`);
    assert.equal(table.headers['cache-control'], 'no-cache', `${label}: i18n/index/es.json?v=…`);
    assert.equal(table.headers['access-control-allow-origin'], '*');

    // no-cache costs a 304 when nothing changed.
    for (const name of ['index.html', 'sw.js', 'i18n/index/es.json']) {
      const first = await get(site.base + name);
      assert.ok(first.headers.etag, `${label}: ${name} has an ETag`);
      const again = await get(site.base + name, { 'if-none-match': first.headers.etag });
      assert.equal(again.status, 304, `${label}: ${name} revalidates`);
      assert.equal(again.headers['cache-control'], 'no-cache');
    }
  }

  // In a subfolder, the app is there and only there.
  const sub = sites.subfolder;
  const bare = await get(sub.origin + FOLDER);
  assert.equal(bare.status, 301);
  assert.match(bare.headers.location ?? '', new RegExp(`/${FOLDER}/$`));
  assert.equal((await get(`${sub.origin}index.html`)).status, 404, 'nothing outside the subfolder');
});

for (const label of ['root', 'subfolder', 'apache']) {
  test(`a cold load shows the home view, with compressed code (${label})`, async () => {
    const site = sites[label];
    const s = await openPage(browser, site.base);
    const wasm = [];
    s.page.on('response', (r) => {
      if (r.url().endsWith('_bg.wasm')) wasm.push(r.headers());
    });
    await visit(s.page, site.base, 'home', 'Your assessments');
    assert.ok(wasm.length >= 1, 'the page loaded its wasm');
    for (const h of wasm) {
      assert.equal(h['content-type'], 'application/wasm');
      // Brotli where the browser asks for it (Chromium does over HTTPS), else gzip.
      assert.ok(['br', 'gzip'].includes(h['content-encoding']), `compressed: ${h['content-encoding']}`);
    }
    await s.done();
  });
}

/** An assessment made on the deployed app; its share link and card snippet, and the levels shown. */
async function madeOn(site, place) {
  const s = await openPage(browser, site.base);
  const { page } = s;
  await visit(page, site.base, 'home', 'Your assessments');
  await createAssessment(page, { place });
  await rate(page, [2, 4, 1, 3, 2]);
  await page.getByRole('link', { name: 'See the results' }).first().click();
  await view(page, 'results', `Results: ${place}`);
  const made = {
    link: await page.locator('#share-link').inputValue(),
    snippet: await page.locator('#embed-code').inputValue(),
    cells: await page.locator('#levels-table tbody td.level-cell').allTextContents(),
  };
  await s.done();
  return made;
}

for (const label of ['root', 'subfolder', 'apache']) {
  test(`a results link opens on the deployed app; another site shows the card but not the app (${label})`, async () => {
    const site = sites[label];
    const place = 'Asunción';
    const { link, snippet, cells } = await madeOn(site, place);
    assert.ok(link.startsWith(`${site.base}results.html#/shared/1/`), `the link points to the deployed app: ${link}`);
    assert.equal(cells.length, 5);

    const b = await openPage(browser, site.base);
    await visit(b.page, link, 'shared', `Results: ${place}`);
    assert.deepEqual(await b.page.locator('#levels-table tbody td.level-cell').allTextContents(), cells);
    assert.deepEqual(await allStorage(b.page), {}, 'opening a link saves nothing');
    await b.done();

    // A portal on another origin: the card sandboxed (its code and Spanish
    // table then load as from another site: CORS), and the app itself,
    // which frame-ancestors 'self' keeps out.
    const src = snippet.match(/src="([^"]+)"/)?.[1];
    assert.ok(src?.startsWith(`${site.base}embed.html?lang=en#/embed/1/`), `the card's address: ${src}`);
    // The portal, in Spanish, names its language in the card's address.
    const card = snippet.replace('<iframe ', '<iframe id="card" sandbox="allow-scripts allow-popups" ').replace('?lang=en#', '?lang=es#');
    const host = await serve(join(ROOT, 'tests', 'e2e'), 0, { '/': ['text/html; charset=utf-8', `<!doctype html><html lang="es"><head><title>Portal</title><link rel="icon" href="data:,"></head>
      <body><h1>Datos abiertos</h1>${card}<iframe id="app" title="app" src="${site.base}"></iframe></body></html>`] });
    const p = await openPage(browser, host.url, {
      locale: 'es-ES',
      alsoAllowed: [site.base],
      allowConsoleErrors: [/frame-ancestors/],
    });
    const refused = p.page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), ...WAIT });
    refused.catch(() => {}); // awaited below; no unhandled rejection if the test fails first
    await p.page.goto(host.url);
    const frame = p.page.frameLocator('#card');
    await view(frame, 'embed', place);
    await frame.getByRole('link', { name: catalog('es').embed_full_results }).waitFor();
    assert.equal(await frame.locator('table.compact tbody tr').count(), 5);
    const message = await refused;
    assert.match(message.text(), new RegExp(`frame-ancestors 'self'`));
    assert.equal(await p.page.frameLocator('#app').locator('main').count(), 0, 'the app does not show in a frame of another site');
    await p.done();
    await host.close();
  });
}

for (const label of ['root', 'subfolder', 'apache']) {
  test(`after one visit every page works with the network off (${label})`, async () => {
    const site = sites[label];
    const s = await openPage(browser, site.base);
    const { page, context } = s;
    await visit(page, site.base, 'home', 'Your assessments');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);

    await context.setOffline(true);
    await page.reload();
    await view(page, 'home', 'Your assessments');
    const place = 'Encarnación';
    await createAssessment(page, { place });
    await rate(page, [3, 1, 2]);
    await page.getByRole('link', { name: 'See the results' }).first().click();
    await view(page, 'results', `Results: ${place}`);
    const link = await page.locator('#share-link').inputValue();
    assert.ok(link.startsWith(`${site.base}results.html#/shared/1/`), link);
    await page.getByRole('link', { name: 'My assessments' }).click();
    await view(page, 'home', 'Your assessments');
    await page.getByRole('link', { name: 'Action plan' }).click();
    await view(page, 'plan', `Action plan: ${place}`);
    await visit(page, link, 'shared', `Results: ${place}`);
    await page.reload();
    await view(page, 'shared', `Results: ${place}`);
    await context.setOffline(false);
    await s.done();
  });
}
