#!/usr/bin/env bash
# Generates the Swift and Kotlin bindings from the compiled library (uniffi library mode).
# Outputs are build products: never edit them, never commit them.
#
#   scripts/gen-bindings.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${1:-debug}"
LIB="target/$PROFILE/libreset_ffi.so"
# The release .so does not carry uniffi's metadata (bindings/build.rs hides it to save space);
# the static library of the same build does, and uniffi-bindgen reads either.
[ "$PROFILE" = release ] && LIB=target/release/libreset_ffi.a
BIN="target/$PROFILE"
[ -f "$LIB" ] || { echo "gen-bindings: $LIB missing; run cargo build first" >&2; exit 1; }

SWIFT_SRC=ios/Sources/ResetCore/Generated
SWIFT_FFI=ios/Sources/ResetCoreFFI
rm -rf "$SWIFT_SRC" && mkdir -p "$SWIFT_SRC" "$SWIFT_FFI"
rm -f "$SWIFT_FFI"/*.h "$SWIFT_FFI"/module.modulemap
"$BIN/uniffi-bindgen-swift" --swift-sources "$LIB" "$SWIFT_SRC"
"$BIN/uniffi-bindgen-swift" --headers "$LIB" "$SWIFT_FFI"
"$BIN/uniffi-bindgen-swift" --modulemap --module-name ResetCoreFFI --modulemap-filename module.modulemap "$LIB" "$SWIFT_FFI"

KOTLIN_OUT="${KOTLIN_OUT:-tests/kotlin/generated}"
rm -rf "$KOTLIN_OUT" && mkdir -p "$KOTLIN_OUT"
"$BIN/uniffi-bindgen" generate --library "$LIB" --language kotlin --out-dir "$KOTLIN_OUT" >/dev/null
echo "gen-bindings: Swift → $SWIFT_SRC, $SWIFT_FFI; Kotlin → $KOTLIN_OUT"
