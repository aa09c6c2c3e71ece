#!/usr/bin/env bash
# Builds the wasm package and serves the page; prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
