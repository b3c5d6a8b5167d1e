#!/usr/bin/env bash
# Issue 21's measurements: an automatic backup of the ten-year heavy-user profile — the file's
# size (against Android Auto Backup's 25 MB quota) and the time to write it (budget 300 ms),
# through the real `reset` binary: `reset backup auto run` on N consecutive days, each a new
# backup of the same profile. Prints one line per run and the median; the wall time per run
# includes starting the process and opening the profile, so it is an upper bound.
#
#   scripts/bench-auto-backup.sh               # debug build of `reset`, 7 runs
#   scripts/bench-auto-backup.sh --release     # release build (fat LTO: a long build)
#   RUNS=15 YEARS=10 scripts/bench-auto-backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug
if [[ "${1:-}" == "--release" ]]; then profile=release; cargo build --release -p reset-cli; else cargo build -p reset-cli; fi
reset="$PWD/target/$profile/reset"
runs="${RUNS:-7}"
years="${YEARS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/profile.db"
now="2026-12-07T09:00:00Z"
"$reset" --db "$db" --tz Europe/London --now "$now" dev generate --years "$years" --seed 1 >/dev/null
echo "profile: $(stat -c %s "$db") bytes on disk ($years years, seed 1)"
"$reset" --db "$db" --tz Europe/London --now "$now" --json backup auto on >/dev/null
times=()
for i in $(seq 1 "$runs"); do
    day=$(date -u -d "2026-12-07 + $i day" +%Y-%m-%dT09:00:00Z)
    start=$(date +%s%N)
    out=$("$reset" --db "$db" --tz Europe/London --now "$day" --json backup auto run)
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    bytes=$(printf '%s' "$out" | sed -n 's/.*"bytes": *\([0-9]*\).*/\1/p' | head -1)
    echo "run $i: ${ms} ms, ${bytes} bytes"
    times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
total=$(du -cb "$work"/auto-backups/reset-auto-*.rcbackup | tail -1 | cut -f1)
files=$(ls "$work"/auto-backups/reset-auto-*.rcbackup | wc -l)
echo "median ${median} ms per run ($profile build); folder: ${files} files, ${total} bytes"
