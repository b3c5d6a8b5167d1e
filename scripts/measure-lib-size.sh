#!/usr/bin/env bash
# Builds the release phone library (`cargo build --release -p reset-ffi`, what the phones link)
# and prints its stripped size against the 6 MB budget (6,000,000 B, docs/performance.md), with
# the sections that make it up. Exits 1 when it is over budget. A release build takes minutes,
# so this is not part of scripts/test.sh; scripts/check-release-library.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=6000000
cargo build --locked --release -p reset-ffi 2>&1 | tail -1
LIB=target/release/libreset_ffi.so
stripped=$(mktemp)
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" "$LIB"
bytes=$(stat -c %s "$stripped")
echo "lib-size: sections of the stripped library over 10 KB (bytes):"
size -A "$stripped" | awk 'NR > 2 && $1 != "Total" && $2 >= 10240 { printf "lib-size:   %-20s %9d\n", $1, $2 }'
meta=$(nm -D --defined-only "$LIB" | grep -c ' UNIFFI_META_' || true)
echo "lib-size: uniffi metadata statics still exported: $meta (0 when bindings/release-hidden-symbols.txt is current)"
if [ "$bytes" -le "$BUDGET" ]; then
  echo "lib-size: stripped $LIB is $bytes B: within the $BUDGET B budget ($((BUDGET - bytes)) B to spare)"
else
  echo "lib-size: stripped $LIB is $bytes B: OVER the $BUDGET B budget by $((bytes - BUDGET)) B"
  exit 1
fi
