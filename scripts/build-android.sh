#!/usr/bin/env bash
# Builds libreset_ffi.so for arm64-v8a, armeabi-v7a and x86_64 and the Kotlin bindings, the
# same steps android/core/build.gradle.kts runs. Needs the Android NDK (ANDROID_NDK_HOME) and
# `cargo install cargo-ndk`; not available on the Linux CI machine, so untested here.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to an installed NDK (r27 or newer)}"
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
OUT=android/core/build/rustJniLibs
# SQLCipher's crypto is libtomcrypt (crates/tomcrypt; no OpenSSL, ADR 0004): .cargo/config.toml
# sets CFLAGS_<triple> and <TRIPLE>_OPENSSL_* for the three Android triples, and cc combines
# that CFLAGS_ with the one cargo-ndk exports. A new ABI needs its lines there too. The link
# flags (16 KB page alignment, packed relocations) are that file's target rustflags: setting
# RUSTFLAGS here would replace them.
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$OUT" build --locked --release -p reset-ffi
for so in "$OUT"/*/libreset_ffi.so; do
  grep -qa 'libtomcrypt' "$so" || { echo "build-android: $so lacks SQLCipher's libtomcrypt provider" >&2; exit 1; }
done
# From the static library of the same build: the .so leaves out uniffi's metadata (bindings/build.rs).
cargo run --locked -p reset-ffi --features bindgen --bin uniffi-bindgen -- \
  generate --library target/aarch64-linux-android/release/libreset_ffi.a --language kotlin --out-dir android/core/build/generated/uniffi/kotlin
echo "Android: native libraries in $OUT, Kotlin bindings in android/core/build/generated/uniffi/kotlin"
# The app (issue 9), with `--apk`: Gradle builds :core (with its Android-only Keystore and
# Health Connect adapters), :presentation, :reminders and :app (Compose) into a debug APK.
# Needs the Android SDK (ANDROID_HOME, platform 35) and Gradle 8.9+ on PATH (no wrapper is
# committed); the Gradle build re-runs the cargo-ndk step above. Untested here (no SDK).
if [ "${1:-}" = "--apk" ]; then
  : "${ANDROID_HOME:?set ANDROID_HOME to an Android SDK with platform 35}"
  (cd android && gradle --no-daemon :app:assembleDebug)
  echo "Android: APK in android/app/build/outputs/apk/debug/"
fi
