#!/usr/bin/env bash
# The release library the phones link (issue 15): built without features, it must not export
# the test-only hooks (`debug_trigger_panic`, `debug_time_check_ins`, behind `test-hooks`), in
# its symbols or in the bindings generated from it. It exports the FFI entry points only —
# every one the generated bindings call, and none of uniffi's metadata statics
# (bindings/build.rs) — and its stripped size is within the 6 MB budget
# (scripts/measure-lib-size.sh, docs/performance.md). Prints `release-library: N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "release-library: FAILED: $1" >&2; fi; }
check "stripped release library within the 6 MB budget" "scripts/measure-lib-size.sh"
# The bindgen binaries of the test build (scripts/test.sh builds them first) read any library.
BIN=target/debug
LIB=target/release/libreset_ffi.so
# The bindings come from the static library of the same build: the .so no longer carries the
# metadata uniffi-bindgen reads.
STATIC=target/release/libreset_ffi.a
hooks='debug_trigger_panic|debug_time_check_ins'
check "no test hook among the exported symbols of $LIB" "! nm -D --defined-only $LIB | grep -Eq '$hooks'"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$BIN/uniffi-bindgen-swift" --swift-sources "$STATIC" "$out/swift" >/dev/null
"$BIN/uniffi-bindgen" generate --library "$STATIC" --language kotlin --out-dir "$out/kotlin" >/dev/null
check "no test hook in the Swift generated from $STATIC" "! grep -rqE 'debugTriggerPanic|debugTimeCheckIns' '$out/swift'"
check "no test hook in the Kotlin generated from $STATIC" "! grep -rqE 'debugTriggerPanic|debugTimeCheckIns' '$out/kotlin'"
# The debug build CI tests with (--all-features) does export them: the check can fail.
check "the test build does export them (the check can fail)" "nm -D --defined-only target/debug/libreset_ffi.so | grep -Eq '$hooks'"
nm -D --defined-only "$LIB" | awk '{ print $3 }' | LC_ALL=C sort > "$out/exported"
check "no uniffi metadata exported from $LIB (else run scripts/update-hidden-symbols.sh)" "! grep -q '^UNIFFI_META_' '$out/exported'"
check "every symbol $LIB exports is an FFI entry point (uniffi_*, ffi_*)" "! grep -qvE '^(uniffi|ffi)_' '$out/exported'"
# Every C symbol the generated Kotlin binds through JNA must be exported by the trimmed library.
grep -rhoE '\b(uniffi|ffi)_reset_[a-z0-9_]+' "$out/kotlin" | LC_ALL=C sort -u > "$out/called"
check "the Kotlin bindings name some entry points" "[ -s '$out/called' ]"
check "every entry point the Kotlin bindings call is exported by $LIB" "[ -z \"\$(LC_ALL=C comm -23 '$out/called' '$out/exported')\" ]"
echo "release-library: $passed passed, $failed failed"
[ "$failed" = 0 ]
