#!/usr/bin/env bash
# Fuzzes the decoders of outside input (links, files, stored data) with
# libFuzzer for ${1:-60} seconds. Installs cargo-fuzz if it is missing.
# cargo-fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them (only for this command, never for the app's build).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "Installing cargo-fuzz (a few minutes, once)"
  cargo install --locked cargo-fuzz
fi
SECONDS_TO_RUN="${1:-60}"
say "Fuzzing the decoders for $SECONDS_TO_RUN s"
RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz decoders -- -max_total_time="$SECONDS_TO_RUN" -max_len=4096
