#!/usr/bin/env bash
# Sets up whatever is missing, builds the release and serves it on
# http://127.0.0.1:${PORT:-8080}/ (Ctrl+C to stop).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup
build_release
PORT="${PORT:-8080}"
say "Serving on http://127.0.0.1:$PORT/  (Ctrl+C to stop)"
exec node tests/e2e/serve.mjs dist "$PORT"
