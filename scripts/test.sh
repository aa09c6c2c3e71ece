#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit/integration tests (quality
# bars included), the Python package and its Dask path (pytest), the
# JavaScript API in headless Chromium (wasm-bindgen-test), and the page and
# component in headless Chromium (playwright-core).
# Installs what it needs on a fresh machine; `make test` and CI run this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
ensure_all

# Each step is a group of checks; the last line sums them up for CI.
steps_passed=0
current=
step() {
  [ -z "$current" ] || steps_passed=$((steps_passed + 1))
  current=$*
  printf '\n== %s\n' "$*"
}
finish() {
  local status=$?
  if [ "$status" -eq 0 ]; then
    [ -z "$current" ] || steps_passed=$((steps_passed + 1))
    echo "test steps: $steps_passed passed, 0 failed"
  else
    echo "test step failed: $current"
    echo "test steps: $steps_passed passed, 1 failed"
  fi
}
trap finish EXIT

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p qawl --lib --target wasm32-unknown-unknown -- -D warnings

step "Rust tests"
cargo test --workspace

step "JavaScript API in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} cargo test --target wasm32-unknown-unknown --test wasm

step "Python package and the Dask path (pytest)"
bash scripts/python.sh
# The CLI the package is compared with: the one the Rust tests just built.
QAWL_BIN="${CARGO_TARGET_DIR:-target}/debug/qawl" python3 -m pytest -q -p no:cacheprovider tests/python

step "page and component in headless Chromium (playwright-core)"
bash scripts/build-wasm.sh
node --test tests/js/
node --test --test-concurrency=1 tests/browser/

step "bounded fuzzing (cargo-fuzz, ${FUZZ_SECONDS:=30}s per target; longer: bash scripts/fuzz.sh 3600)"
bash scripts/fuzz.sh "$FUZZ_SECONDS"
