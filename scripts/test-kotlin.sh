#!/usr/bin/env bash
# Runs the Kotlin wrapper's JUnit 5 tests on the JVM against the host-built library (JNA).
# Expects `cargo build --workspace --all-features` and scripts/gen-bindings.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
LIB_DIR="${RESET_LIB_DIR:-$PWD/target/debug}"
mvn -B -f tests/kotlin/pom.xml ${MAVEN_ARGS:-} -Dreset.lib.dir="$LIB_DIR" test
