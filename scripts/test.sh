#!/usr/bin/env bash
# Sets up whatever is missing, then runs every check and test: format, lints
# (native and wasm32), native unit and property tests, data packages checked
# by the reference validator, component tests in
# headless Chromium, the release build and its size budget, and end-to-end
# tests against the release served from 127.0.0.1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup

say "Format"
cargo fmt --all -- --check
say "Lints (native)"
cargo clippy --locked --all-targets -- -D warnings
say "Lints (wasm32)"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

say "Native unit and property tests"
cargo test --locked

say "Data packages, checked by the reference validator (frictionless)"
rm -rf target/datapackages
cargo run --locked --quiet -p budmm-core --example datapackages -- target/datapackages
for package in target/datapackages/*/datapackage.json; do
  "$PY_TOOLS/bin/frictionless" validate "$package"
done

say "Component tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test components

build_release
say "Bundle size"
node tests/e2e/size.mjs dist

say "End-to-end tests in headless Chromium (and the core paths in Firefox ESR)"
node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/*.test.mjs
