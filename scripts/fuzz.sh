#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 30).
#   bash scripts/fuzz.sh          # bounded run, as in `make test-fuzz`
#   bash scripts/fuzz.sh 3600     # the documented longer run: an hour per target
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable
# toolchain (the only one on these machines) provide them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
for target in ${FUZZ_TARGETS:-normalize tokenize quotes analyze}; do
  echo "== fuzz $target for ${seconds}s"
  mkdir -p fuzz/corpus/$target
  # Seed the corpus with the sample articles.
  cp -n tests/fixtures/seeds/*.txt fuzz/corpus/$target/ 2>/dev/null || true
  log=$(mktemp)
  if cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^Done|stat::number_of_executed_units' "$log" || true
    rm -f "$log"
  else
    tail -60 "$log"
    echo "fuzz target $target failed; the crashing input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
