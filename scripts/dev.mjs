// The dev loop (scripts/dev.sh): serves the debug build of every page from
// target/dev/dist on http://127.0.0.1:<port>/ and rebuilds all of them
// whenever a source changes. Reload the page after "rebuilt": the service
// worker is the release's, so the app offers the new version, or a second
// reload takes it.
//   node scripts/dev.mjs <dist> <port>
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/serve.mjs';

const [dist, port] = process.argv.slice(2);
if (!dist || !port) throw new Error('usage: node scripts/dev.mjs <dist> <port>');
const root = fileURLToPath(new URL('..', import.meta.url));

// What the pages are built from.
const WATCHED = ['src', 'crates/core/src', 'crates/core/build.rs', 'styles', 'i18n', 'static', 'rubric'];
const ROOT_FILES = /^(.+\.html|Trunk\.toml|Cargo\.toml)$/;

await startServer(dist, Number(port));
console.log(`dev: serving ${dist} on http://127.0.0.1:${port}/ (Ctrl+C to stop)`);

let building = false;
let again = false;
let timer;
const rebuild = () => {
  if (building) {
    again = true;
    return;
  }
  building = true;
  const started = Date.now();
  console.log('dev: a source changed; rebuilding every page (debug)');
  const child = spawn('bash', ['-c', 'source scripts/lib.sh && build_dev'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => {
    building = false;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(code === 0 ? `dev: rebuilt in ${seconds} s; reload the page` : `dev: the build failed (exit ${code}; see above); save a fix to build again`);
    if (again) {
      again = false;
      rebuild();
    }
  });
};
// Editors write a file in several steps: one build for a burst of events.
const changed = () => {
  clearTimeout(timer);
  timer = setTimeout(rebuild, 300);
};
// Recursive watching on Linux needs Node 20 or later.
for (const path of WATCHED) watch(join(root, path), { recursive: true }, changed);
watch(root, (_, file) => {
  if (file && ROOT_FILES.test(file)) changed();
});
