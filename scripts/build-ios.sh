#!/usr/bin/env bash
# Builds build/ResetCoreFFI.xcframework (device + simulator static libraries with the
# generated headers) and the Swift bindings, for ios/Package.swift's binary target.
# Needs macOS with Xcode; untested on the Linux CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname)" = Darwin ] || { echo "build-ios: needs macOS with Xcode" >&2; exit 1; }
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${TARGETS[@]}"
# On Apple targets SQLCipher uses CommonCrypto (libsqlite3-sys's own choice: .cargo/config.toml
# sets nothing for them, ADR 0004); the app links Security.framework (ios/Package.swift).
for t in "${TARGETS[@]}"; do cargo build --locked --release -p reset-ffi --target "$t"; done
cargo build --locked -p reset-ffi --features bindgen --bins
LIB=target/aarch64-apple-ios/release/libreset_ffi.a
grep -qa 'commoncrypto' "$LIB" || { echo "build-ios: $LIB lacks SQLCipher's CommonCrypto provider" >&2; exit 1; }
HEADERS=build/ios-headers
rm -rf build/ResetCoreFFI.xcframework "$HEADERS" && mkdir -p "$HEADERS" build/sim
target/debug/uniffi-bindgen-swift --headers "$LIB" "$HEADERS"
# A library-plus-headers XCFramework needs a plain `module ResetCoreFFI { header … }` map named
# module.modulemap beside the header. uniffi's `--xcframework` flag writes `framework module`,
# which only resolves inside a .framework bundle (SwiftPM then stops with "header not found",
# mozilla/uniffi-rs#2646), so it is not passed. This is the same map scripts/gen-bindings.sh
# writes for the Linux build that `swift test` compiles.
target/debug/uniffi-bindgen-swift --modulemap --module-name ResetCoreFFI --modulemap-filename module.modulemap "$LIB" "$HEADERS"
grep -q '^module ResetCoreFFI {' "$HEADERS/module.modulemap" \
  || { echo "build-ios: $HEADERS/module.modulemap is not a plain ResetCoreFFI module" >&2; exit 1; }
target/debug/uniffi-bindgen-swift --swift-sources "$LIB" ios/Sources/ResetCore/Generated
lipo -create target/aarch64-apple-ios-sim/release/libreset_ffi.a target/x86_64-apple-ios/release/libreset_ffi.a \
  -output build/sim/libreset_ffi.a
xcodebuild -create-xcframework \
  -library "$LIB" -headers "$HEADERS" \
  -library build/sim/libreset_ffi.a -headers "$HEADERS" \
  -output build/ResetCoreFFI.xcframework
# The app's Xcode project is generated from ios/App/project.yml when XcodeGen is installed.
if command -v xcodegen >/dev/null; then (cd ios/App && xcodegen --quiet); fi
echo "iOS: build/ResetCoreFFI.xcframework; open ios/App/ResetCompanion.xcodeproj (or ios/ for the package) without RESET_LIB_DIR set"
