#!/usr/bin/env bash
# Load benchmark (not part of the test command): sets up whatever is missing,
# builds the release and the empty Yew app of benches/floor with the same
# pins, then loads the home view, a results link and the embed card cold,
# five times each, on a municipal office's line (benches/load.mjs).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
build_release
say "Building the floor: an empty Yew app (benches/floor)"
(cd benches/floor && CARGO_TARGET_DIR="$ROOT/target/floor" trunk build --release)
say "Load benchmark (a few minutes)"
node benches/load.mjs
