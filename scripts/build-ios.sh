#!/usr/bin/env bash
# Builds build/ResetCoreFFI.xcframework (device + simulator static libraries with the
# generated headers) and the Swift bindings, for ios/Package.swift's binary target.
# Needs macOS with Xcode; untested on the Linux CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname)" = Darwin ] || { echo "build-ios: needs macOS with Xcode" >&2; exit 1; }
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${TARGETS[@]}"
for t in "${TARGETS[@]}"; do cargo build --locked --release -p reset-ffi --target "$t"; done
cargo build --locked -p reset-ffi --features bindgen --bins
LIB=target/aarch64-apple-ios/release/libreset_ffi.a
HEADERS=build/ios-headers
rm -rf build/ResetCoreFFI.xcframework "$HEADERS" && mkdir -p "$HEADERS" build/sim
target/debug/uniffi-bindgen-swift --headers "$LIB" "$HEADERS"
target/debug/uniffi-bindgen-swift --modulemap --xcframework --module-name ResetCoreFFI --modulemap-filename module.modulemap "$LIB" "$HEADERS"
target/debug/uniffi-bindgen-swift --swift-sources "$LIB" ios/Sources/ResetCore/Generated
lipo -create target/aarch64-apple-ios-sim/release/libreset_ffi.a target/x86_64-apple-ios/release/libreset_ffi.a \
  -output build/sim/libreset_ffi.a
xcodebuild -create-xcframework \
  -library "$LIB" -headers "$HEADERS" \
  -library build/sim/libreset_ffi.a -headers "$HEADERS" \
  -output build/ResetCoreFFI.xcframework
echo "iOS: build/ResetCoreFFI.xcframework; open ios/ in Xcode (without RESET_LIB_DIR set)"
