#!/usr/bin/env bash
# Issue 21's measurements: an automatic backup of the ten-year heavy-user profile — the file's
# size (against Android Auto Backup's 25 MB quota) and the time to write it (budget 300 ms),
# through the real `reset` binary: `reset backup auto run` on N consecutive days, each a new
# backup of the same profile. Prints one line per run, the median and p95, the load average
# before and after, the CPU time per run, and the budget verdict. The wall time per run includes starting the
# process and opening the profile, so it is an upper bound on the write itself.
#
#   scripts/bench-auto-backup.sh --release     # the figure that counts: release build (fat LTO)
#   scripts/bench-auto-backup.sh               # debug build of `reset` (not comparable)
#   RUNS=21 YEARS=10 scripts/bench-auto-backup.sh --release
#   RESET_BIN=path/to/reset scripts/bench-auto-backup.sh   # an already built binary
#
# Exit status: 0 if median and p95 are under the budget and the file under the quota, 1 if not.
set -euo pipefail
cd "$(dirname "$0")/.."
budget_ms=300
quota_bytes=25000000
target="${CARGO_TARGET_DIR:-$PWD/target}"
if [[ -n "${RESET_BIN:-}" ]]; then
    reset="$RESET_BIN"
    build="$RESET_BIN"
elif [[ "${1:-}" == "--release" ]]; then
    cargo build --locked --release -p reset-cli
    reset="$target/release/reset"
    build="release build"
else
    cargo build --locked -p reset-cli
    reset="$target/debug/reset"
    build="debug build"
fi
runs="${RUNS:-21}"
years="${YEARS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/profile.db"
now="2026-12-07T09:00:00Z"
"$reset" --db "$db" --tz Europe/London --now "$now" dev generate --years "$years" --seed 1 >/dev/null
echo "profile: $(stat -c %s "$db") bytes on disk ($years years, seed 1)"
"$reset" --db "$db" --tz Europe/London --now "$now" --json backup auto on >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before ($(nproc) cores)"
times=()
cpus=()
sizes=()
TIMEFORMAT='%3U %3S'
for i in $(seq 1 "$runs"); do
    day=$(date -u -d "2026-12-07 + $i day" +%Y-%m-%dT09:00:00Z)
    start=$(date +%s%N)
    # bash's `time` reports the child's user and system CPU seconds on stderr.
    cpu=$({ time "$reset" --db "$db" --tz Europe/London --now "$day" --json backup auto run >"$work/run.json"; } 2>&1)
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    cpu_ms=$(awk '{printf "%d", ($1 + $2) * 1000}' <<<"$cpu")
    bytes=$(sed -n 's/.*"bytes": *\([0-9]*\).*/\1/p' "$work/run.json" | head -1)
    echo "run $i: ${ms} ms wall, ${cpu_ms} ms CPU, ${bytes} bytes"
    times+=("$ms")
    cpus+=("$cpu_ms")
    sizes+=("$bytes")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
# Nearest rank: the median is the ceil(n/2)-th time, p95 the ceil(0.95 n)-th.
median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
p95=$(sed -n "$(((95 * runs + 99) / 100))p" <<<"$sorted")
cpu_sorted=$(printf '%s\n' "${cpus[@]}" | sort -n)
cpu_median=$(sed -n "$(((runs + 1) / 2))p" <<<"$cpu_sorted")
cpu_p95=$(sed -n "$(((95 * runs + 99) / 100))p" <<<"$cpu_sorted")
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
total=$(du -cb "$work"/auto-backups/reset-auto-*.rcbackup | tail -1 | cut -f1)
files=$(find "$work/auto-backups" -name 'reset-auto-*.rcbackup' | wc -l)
echo "load average after: $load_after"
echo "wall: median ${median} ms, p95 ${p95} ms over ${runs} runs ($build)"
echo "CPU (user + system): median ${cpu_median} ms, p95 ${cpu_p95} ms — what the wall time would be without other load, less the I/O waits"
echo "largest file ${largest} bytes; folder: ${files} files, ${total} bytes"
verdict=0
if ((median < budget_ms && p95 < budget_ms)); then
    echo "time: MET — median and p95 under the ${budget_ms} ms budget"
else
    echo "time: NOT MET — the budget is ${budget_ms} ms for median and p95 (wall; if the CPU figures are under it, the machine was too loaded to show it)"
    verdict=1
fi
if ((largest < quota_bytes && total < quota_bytes)); then
    echo "size: MET — one file and the whole folder under Android Auto Backup's 25 MB quota"
else
    echo "size: NOT MET — over Android Auto Backup's 25 MB quota"
    verdict=1
fi
exit "$verdict"
