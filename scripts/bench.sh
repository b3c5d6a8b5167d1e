#!/usr/bin/env bash
# Issue 10's benchmark report in one command: every screen call through the Companion facade
# on generated heavy-user profiles (1, 3 and 10 years), each against its raw-SQL floor, plus
# exports, backup/restore, cold open, the PDF's peak memory and the stripped library size.
# Prints a table; writes target/bench/report.json. About 5–10 minutes after the build.
#
#   scripts/bench.sh              # the full report
#   scripts/bench.sh --quick      # 1 year, few runs, no library size (a smoke run)
#   scripts/bench.sh --check      # exit 1 if any budget is blown by more than 3x
#   scripts/bench.sh --years 10   # only the ten-year profile
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
if [[ " $* " != *" --quick "* ]]; then
    # The library the phones link: release profile, reset-ffi alone (no `dev` generator).
    cargo build --locked --release -p reset-ffi
    cp target/release/libreset_ffi.so target/bench/libreset_ffi.stripped.so
    strip target/bench/libreset_ffi.stripped.so
    export RESET_BENCH_LIB="$PWD/target/bench/libreset_ffi.stripped.so"
fi
# `cargo bench` builds with the release settings (the bench profile inherits them).
cargo bench --locked -p reset-ffi --features dev --bench screens -- \
    --dir "$PWD/target/bench" --out "$PWD/target/bench/report.json" "$@"
