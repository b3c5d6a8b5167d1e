#!/usr/bin/env bash
# Runs every test: Rust (unit, property, CLI contract), Swift (XCTest via SwiftPM in a Debian
# trixie chroot) and Kotlin (JUnit 5 on the JVM), all against the same freshly built library.
# Installs what a fresh Debian/Ubuntu machine lacks first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
scripts/setup.sh
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi
mkdir -p target
# Each step names the free disk: a full run needs several GB (README, "Disk"), and a full disk shows up as
# a linker's Bus error rather than a clear message.
step() { printf '\n==> %s   [%s free]\n' "$*" "$(df -h --output=avail . | tail -1 | tr -d ' ')"; }

step "Rust: build (--locked) and test"
lock_before=$(sha256sum Cargo.lock)
cargo build --locked --workspace --all-features
# The lock file is respected: the build must leave it byte-for-byte as committed.
[ "$(sha256sum Cargo.lock)" = "$lock_before" ] || { echo "Cargo.lock changed during the build" >&2; exit 1; }
scripts/check-pins.sh

step "Rust: gates (rustfmt, clippy with warnings as errors)"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets --all-features -- -D warnings

cargo test --locked --workspace --all-features 2>&1 | tee target/rust-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Fuzz: every cargo-fuzz target for 20 s (longer runs: docs/reliability.md)"
scripts/fuzz.sh 20 2>&1 | tee target/fuzz-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Bindings: generate Swift and Kotlin from the built library"
scripts/gen-bindings.sh debug

step "iOS app: XcodeGen inputs, icon, privacy manifest, bell (ios/App/tools/check-project.py)"
/usr/bin/python3 ios/App/tools/check-project.py

step "Swift: swift format lint --strict over every checked-in Swift file in ios/ (config ios/.swift-format)"
# swift-format ships with the Swift 6 toolchain in the chroot (`swift format`, 600.0.0). Generated
# bindings are not checked in, so they are not linted. Fix with `swift format format -i`.
# shellcheck disable=SC2046
scripts/swift-chroot.sh run swift format lint --strict --parallel --configuration ios/.swift-format $(git ls-files 'ios/*.swift')

step "Swift: swift test (XCTest) on Linux"
RESET_LIB_DIR="$ROOT/target/debug" LD_LIBRARY_PATH="$ROOT/target/debug" \
  scripts/swift-chroot.sh run bash -c 'cd ios && swift test 2>&1' | tee target/swift-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Kotlin: ktlint format gate (.editorconfig) over android/ and the Kotlin test harnesses"
scripts/lint-kotlin.sh 2>&1 | tee target/ktlint.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Kotlin: JUnit 5 on the JVM (JNA)"
RESET_LIB_DIR="$ROOT/target/debug" scripts/test-kotlin.sh 2>&1 | tee target/kotlin-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Robolectric: the Android framework code (alarms, receivers, notifications, glue) on the JVM"
RESET_LIB_DIR="$ROOT/target/debug" scripts/test-robolectric.sh 2>&1 | tee target/robolectric-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "Compose: the Android screens' UI tests and screenshots on the JVM (Compose for desktop)"
RESET_LIB_DIR="$ROOT/target/debug" scripts/test-compose.sh 2>&1 | tee target/compose-tests.log
[ "${PIPESTATUS[0]}" = 0 ]

step "CLI: the README's main job on a scratch default profile"
scripts/cli-smoke.sh | tee target/cli-smoke.log

step "Summary"
python3 scripts/summarize-tests.py
