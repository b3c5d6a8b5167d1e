#!/usr/bin/env bash
# The README's main job, checked: `reset tour` and `reset status --json` on a scratch default
# profile (XDG_DATA_HOME pointed at a temp folder), with JSON validated by python3.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp"
target/debug/reset --tz Europe/London tour >"$tmp/tour.txt"
target/debug/reset status --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert s["schema_version"]>=1, s; print("cli smoke: status --json ok,", len(s["counts"]), "counted tables")'
head -c 16 "$tmp/reset-companion/profile.db" | grep -q "SQLite format 3" && { echo "cli smoke: database is not encrypted" >&2; exit 1; }
echo "cli smoke: tour ran $(grep -c "^•" "$tmp/tour.txt") steps"; echo "cli: 2 passed, 0 failed"
