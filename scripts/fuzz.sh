#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 20: the CI smoke run), from
# the committed seeds (fuzz/seeds/<target>) plus a scratch corpus, and prints one line per
# target: `fuzz <target>: <executions> execs, <crashes> crashes`. Fails on any crash.
# Needs the nightly toolchain and cargo-fuzz (scripts/setup.sh installs both).
#   scripts/fuzz.sh            # 20 s per target
#   scripts/fuzz.sh 120        # the documented longer run (docs/reliability.md)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi
# cargo-fuzz has no --locked: the committed fuzz/Cargo.lock must come out of the build unchanged.
lock_before=$(sha256sum fuzz/Cargo.lock)
cargo +nightly fuzz build -O >/dev/null
[ "$(sha256sum fuzz/Cargo.lock)" = "$lock_before" ] || { echo "fuzz/Cargo.lock changed during the build" >&2; exit 1; }
mkdir -p target/fuzz
status=0; passed=0; failed=0
for target in $(cargo +nightly fuzz list); do
  corpus="target/fuzz/corpus/$target"; mkdir -p "$corpus"
  log="target/fuzz/$target.log"
  set +e
  cargo +nightly fuzz run -O "$target" "$corpus" "fuzz/seeds/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=0; [ "$rc" = 0 ] || { crashes=1; status=1; tail -30 "$log"; }
  if [ "$rc" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  echo "fuzz $target: ${execs:-0} execs in ${secs}s, $crashes crashes"
done
echo "fuzz: $passed passed, $failed failed (targets without a crash)"
exit $status
