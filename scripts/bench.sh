#!/usr/bin/env bash
# Speed and size benchmarks; prints figures and fails when a budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
ensure_all
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
status=0
cargo bench --features lab --bench throughput || status=1
cargo bench --features lab --bench tagger || status=1
bash scripts/build-wasm.sh
node scripts/bench-wasm.mjs || status=1
bash scripts/bench-archives.sh || status=1
exit $status
