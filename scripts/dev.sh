#!/usr/bin/env bash
# For contributors: sets up whatever is missing, builds every page in debug
# and serves them on http://127.0.0.1:${PORT:-8080}/, rebuilding on every
# change to the sources (Ctrl+C to stop). Not for users: debug builds are
# large and slow; ./scripts/run.sh serves the release.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
build_dev
exec node scripts/dev.mjs target/dev/dist "${PORT:-8080}"
