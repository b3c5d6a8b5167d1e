#!/usr/bin/env bash
# Builds libreset_ffi.so for arm64-v8a, armeabi-v7a and x86_64 and the Kotlin bindings, the
# same steps android/core/build.gradle.kts runs. Needs the Android NDK (ANDROID_NDK_HOME) and
# `cargo install cargo-ndk`; not available on the Linux CI machine, so untested here.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to an installed NDK (r27 or newer)}"
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
OUT=android/core/build/rustJniLibs
RUSTFLAGS="-C link-arg=-Wl,-z,max-page-size=16384" \
  cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$OUT" build --locked --release -p reset-ffi
cargo run --locked -p reset-ffi --features bindgen --bin uniffi-bindgen -- \
  generate --library "$OUT/arm64-v8a/libreset_ffi.so" --language kotlin --out-dir android/core/build/generated/uniffi/kotlin
echo "Android: native libraries in $OUT, Kotlin bindings in android/core/build/generated/uniffi/kotlin"
