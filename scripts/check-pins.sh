#!/usr/bin/env bash
# Dependencies are pinned (issue 11): the Maven test harness names exact versions (no
# SNAPSHOT, no ranges such as [1.0,2.0) or LATEST/RELEASE), and the Cargo lock files are
# committed. Prints `pins: N passed, M failed`. Cargo.lock itself is guarded by `--locked` and
# the before/after check in scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "pins: FAILED: $1" >&2; fi; }
pom=${POM:-tests/kotlin/pom.xml}
versions() { grep -o '<version>[^<]*</version>\|<[a-z.]*version>[^<]*</[a-z.]*version>' "$pom" | sed 's/<[^>]*>//g'; }
check "no SNAPSHOT, range or LATEST/RELEASE version in $pom" \
  '! versions | grep -Eqi "snapshot|[][(),]|^latest$|^release$"'
undefined() { for p in $(versions | grep -o '${[a-z.]*}' | tr -d '${}'); do grep -q "<$p>[0-9]" "$pom" || echo "$p"; done; }
check "every Maven version is literal or a property defined in $pom" '[ -z "$(undefined)" ]'
check "Cargo.lock and fuzz/Cargo.lock exist" '[ -f Cargo.lock ] && [ -f fuzz/Cargo.lock ]'
echo "pins: $passed passed, $failed failed"
[ "$failed" = 0 ]
