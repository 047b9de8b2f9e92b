# Shared by the README commands. Each step installs a tool only when the right
# version is missing, so a fresh machine gets everything and later runs skip it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# nginx serves the build's .br files with this module (deploy/nginx.conf).
BROTLI_STATIC=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
# The reference validator of data packages (specs.frictionlessdata.io), in a
# virtual environment of its own under target/.
FRICTIONLESS_VERSION="5.21.0"
PY_TOOLS="$ROOT/target/py"
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock resolves.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)"

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk 0.21 aborts when NO_COLOR is set to anything but a bool it parses.
unset NO_COLOR
export TRUNK_COLOR=never TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
# Keep this machine's paths out of the wasm (panic locations): smaller, and
# the bundle says nothing about where it was built.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/= --remap-path-prefix=$ROOT/= --remap-path-prefix=$(rustc --print sysroot)/="

say() { printf '\n==> %s\n' "$*"; }

has_version() { # command, expected substring of its --version
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

# What `npm ci` installed last: the sha256 of package-lock.json, kept inside
# node_modules (so a fresh or deleted node_modules has none).
NPM_STAMP=node_modules/.budmm-package-lock.sha256
lock_sha256() {
  node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex") + "\n")'
}
npm_installed() { # every tool there, installed from this very package-lock.json
  [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
    && [ -d node_modules/terser ] && [ -d node_modules/pdfjs-dist ] && [ -d node_modules/puppeteer-core ] \
    && [ -f "$NPM_STAMP" ] && [ "$(cat "$NPM_STAMP")" = "$(lock_sha256)" ]
}

setup() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! has_version trunk "trunk $TRUNK_VERSION"; then
    say "Installing trunk $TRUNK_VERSION (about 9 minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
     || ! has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
    # Not --locked: its lockfile wants a crate release this registry lacks.
    cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi
  if ! npm_installed; then
    say "Installing test tools and wasm-opt from npm"
    # puppeteer-core drives Debian's Firefox ESR; it must never fetch a browser.
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --omit=optional
    lock_sha256 > "$NPM_STAMP"
  fi
  if ! [ -x "$PY_TOOLS/bin/frictionless" ] || ! "$PY_TOOLS/bin/frictionless" --version 2>/dev/null | grep -qxF "$FRICTIONLESS_VERSION"; then
    say "Installing frictionless $FRICTIONLESS_VERSION (Python, for the data packages)"
    python3 -m venv "$PY_TOOLS"
    "$PY_TOOLS/bin/pip" install --quiet "frictionless==$FRICTIONLESS_VERSION"
  fi
  # Debian packages: Chromium and ChromeDriver for the browser tests, Firefox
  # ESR for the core paths in Firefox (tests/e2e/firefox.test.mjs), nginx
  # and its Brotli module for the test of deploy/nginx.conf (run as you, on
  # a free port).
  local packages=()
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    packages+=(chromium chromium-driver)
  fi
  [ -x /usr/bin/firefox-esr ] || packages+=(firefox-esr)
  [ -x /usr/sbin/nginx ] || packages+=(nginx)
  [ -e "$BROTLI_STATIC" ] || packages+=(libnginx-mod-http-brotli-static)
  # Apache, for the test of deploy/apache.htaccess (its own configuration,
  # in the foreground, on a free port: Debian's service is not used).
  [ -x /usr/sbin/apache2 ] || packages+=(apache2)
  if [ "${#packages[@]}" -gt 0 ]; then
    say "Installing ${packages[*]} (Debian packages)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${packages[@]}"
  fi
  cargo fetch --locked >/dev/null
}

# One trunk build per page (each its own wasm; see src/ui/views.rs), the
# language tables, then scripts/assemble.mjs puts them together in dist/
# with the service worker.
build_release() {
  build_pages release dist target/pages
  say "Language tables and assembly"
  cargo run --locked --quiet -p budmm-core --features all-languages --bin catalogs -- target/catalogs
  node scripts/assemble.mjs dist target/pages target/catalogs
}

# The pages in a debug build, for working on them (scripts/dev.sh): every
# page but the offline edition (release only), in target/dev/dist, without
# compressed copies.
build_dev() {
  build_pages debug target/dev/dist target/dev/pages
  say "Language tables and assembly (debug)"
  cargo run --locked --quiet -p budmm-core --features all-languages --bin catalogs -- target/dev/catalogs
  node scripts/assemble.mjs target/dev/dist target/dev/pages target/dev/catalogs --dev
}

build_pages() { # release|debug, dist of index.html, folder of the other pages
  local profile=() page pages=(app report results plan region embed region-card)
  if [ "$1" = release ]; then
    profile=(--release)
    pages+=(offline)
  fi
  say "Building ($1): index.html"
  # ${a[@]+...}: an empty array is "unbound" to bash before 4.4 under set -u.
  trunk build index.html ${profile[@]+"${profile[@]}"} --dist "$2"
  for page in "${pages[@]}"; do
    say "Building ($1): $page.html"
    trunk build "$page.html" ${profile[@]+"${profile[@]}"} --dist "$3/$page"
  done
}
