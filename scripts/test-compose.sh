#!/usr/bin/env bash
# Runs the Android app's Compose UI tests on the JVM (JetBrains Compose for desktop, headless,
# software-rendered through Skia) against real view models over the host-built library, and
# writes the phone-sized screenshots to docs/screenshots/android/.
# Expects `cargo build --workspace --all-features` and scripts/gen-bindings.sh to have run
# (the harness compiles tests/kotlin/generated, the same bindings the wrapper tests use).
set -euo pipefail
cd "$(dirname "$0")/.."
LIB_DIR="${RESET_LIB_DIR:-$PWD/target/debug}"
mvn -B -f tests/compose/pom.xml ${MAVEN_ARGS:-} -Dreset.lib.dir="$LIB_DIR" test
