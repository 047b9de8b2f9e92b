#!/usr/bin/env bash
# Where each page's bytes go (not part of the test command): builds every
# page's wasm with cargo's release profile, names kept (before wasm-bindgen
# and wasm-opt, so sizes are larger than shipped but in proportion), and
# prints the largest contributors by crate and module, then by function,
# with twiggy (installed from crates.io when missing).
#
#   scripts/wasm-sizes.sh [page-binary ...]   # default: every page
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v twiggy >/dev/null || cargo install --locked twiggy@0.8.0
bins=("$@")
[ ${#bins[@]} -eq 0 ] && bins=(budmm budmm-report budmm-results budmm-plan budmm-region budmm-embed budmm-region-card)
args=()
for b in "${bins[@]}"; do args+=(--bin "$b"); done
cargo build --locked --release --target wasm32-unknown-unknown "${args[@]}"
for b in "${bins[@]}"; do
  wasm="target/wasm32-unknown-unknown/release/$b.wasm"
  say "$b: by crate and module (bytes of code and data, names and custom sections left out)"
  twiggy top -n 100000 --format csv "$wasm" | python3 "$ROOT/scripts/wasm-sizes.py"
  say "$b: the largest functions"
  twiggy top -n 15 "$wasm" | grep -v "custom section\|function names"
done
