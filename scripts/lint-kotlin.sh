#!/usr/bin/env bash
# The Kotlin format gate: ktlint (com.pinterest.ktlint:ktlint-cli, from Maven Central) over the
# Android sources and the Kotlin test harnesses, with the rules in .editorconfig (IntelliJ IDEA
# style, 160 columns). `scripts/lint-kotlin.sh --format` rewrites the files instead.
# Every Kotlin file in android/ and the harnesses is under the gate (none is excluded).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.7.1
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
JAR="$REPO/com/pinterest/ktlint/ktlint-cli/$VERSION/ktlint-cli-$VERSION-all.jar"
[ -f "$JAR" ] || mvn -B -q dependency:get -Dartifact="com.pinterest.ktlint:ktlint-cli:$VERSION:jar:all" -Dtransitive=false
args=()
[ "${1:-}" = "--format" ] && args+=(--format)
out=$(java -jar "$JAR" "${args[@]}" --relative \
  'android/**/*.kt' 'android/**/*.kts' \
  'tests/kotlin/src/**/*.kt' 'tests/compose/src/**/*.kt' 'tests/robolectric/src/**/*.kt' 'tests/robolectric/stub/*.kt' 2>&1) && rc=0 || rc=$?
printf '%s\n' "$out" | grep -v '^\s*$' || true
files=$(git ls-files 'android/*.kt' 'android/*.kts' 'tests/kotlin/src/*.kt' 'tests/compose/src/*.kt' 'tests/robolectric/*.kt' | wc -l)
bad=$(printf '%s\n' "$out" | { grep -E '^[^ ]+\.kts?:[0-9]+:[0-9]+:' || true; } | cut -d: -f1 | sort -u | wc -l)
echo "ktlint: $((files - bad)) passed, $bad failed"
exit $rc
