#!/usr/bin/env bash
# The archive workload: the whole news corpus (one article per blank-line-
# separated block) as JSON Lines through `qawl analyze --jsonl`, with --jobs 1
# and --jobs 2 in one run. Prints MB/s for each, their ratio and the peak
# memory, and fails when a budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
MIN_RATIO=1.7          # jobs 2 vs jobs 1 on two cores
MAX_PEAK_MB=200        # peak resident memory of either run
corpus=${QAWL_NEWS:-../shared/data/unlabeled/ant-news.txt}
if [ ! -f "$corpus" ]; then
  echo "archives: no news corpus at $corpus (set QAWL_NEWS); skipped" >&2
  exit 0
fi
[ -x /usr/bin/time ] || { . scripts/ensure-tools.sh; apt_install time; }
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p qawl-cli
mkdir -p "$target/archives"
jsonl=$target/archives/$(basename "$corpus" .txt).jsonl
[ "$jsonl" -nt "$corpus" ] || python3 scripts/news-jsonl.py "$corpus" > "$jsonl"
bytes=$(wc -c < "$jsonl")
records=$(wc -l < "$jsonl")
echo "archives: $records articles, $((bytes / 1000000)) MB of JSON Lines ($corpus); load average $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A rate
for jobs in 1 2; do
  stats=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$stats" \
    "$target/release/qawl" analyze --jsonl "$jsonl" --jobs "$jobs" > /dev/null
  read -r wall user sys peak_kb < "$stats"
  rm -f "$stats"
  rate[$jobs]=$(awk -v b="$bytes" -v s="$wall" 'BEGIN { printf "%.2f", b / 1e6 / s }')
  peak_mb=$((peak_kb / 1024))
  printf '  --jobs %s: %6.2f s  %6s MB/s  %6.2f s of CPU  peak %s MB\n' \
    "$jobs" "$wall" "${rate[$jobs]}" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$peak_mb"
  if [ "$peak_mb" -ge "$MAX_PEAK_MB" ]; then
    echo "  budget missed: peak memory $peak_mb MB >= $MAX_PEAK_MB MB" >&2
    status=1
  fi
done
ratio=$(awk -v a="${rate[2]}" -v b="${rate[1]}" 'BEGIN { printf "%.2f", a / b }')
echo "  jobs 2 / jobs 1: ${ratio}x (budget >= ${MIN_RATIO}x on two cores)"
if awk -v r="$ratio" -v m="$MIN_RATIO" 'BEGIN { exit !(r < m) }'; then
  echo "  budget missed: ratio ${ratio} < ${MIN_RATIO} (other load on the machine lowers it: see the load average and CPU seconds)" >&2
  status=1
fi
exit "${status:-0}"
