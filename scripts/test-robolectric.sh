#!/usr/bin/env bash
# Runs the Android framework code (reminders, receivers, notifications, key wrapper, deep links,
# share/backup glue) under Robolectric 4.17 on the JVM, compiled against the Android 15 framework
# jar (tests/robolectric). No Android SDK: everything comes from Maven Central. The SDK 35
# runtime jar (android-all-instrumented, ~200 MB) is fetched once into the local Maven
# repository; the tests then run offline (robolectric.offline=true).
# Expects `cargo build --workspace --all-features` and scripts/gen-bindings.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
LIB_DIR="${RESET_LIB_DIR:-$PWD/target/debug}"
RUNTIME="org.robolectric:android-all-instrumented:15-robolectric-13954326-i7"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"  # the default local repository (set MAVEN_REPO if yours differs)
JAR="$REPO/org/robolectric/android-all-instrumented/15-robolectric-13954326-i7/android-all-instrumented-15-robolectric-13954326-i7.jar"
[ -f "$JAR" ] || mvn -B -q dependency:get -Dartifact="$RUNTIME" -Dtransitive=false
# androidx.test:monitor (Robolectric's dependency) is an aar: put its classes.jar on the classpath.
MONITOR="androidx.test:monitor:1.8.0:aar"
AAR="$REPO/androidx/test/monitor/1.8.0/monitor-1.8.0.aar"
[ -f "$AAR" ] || mvn -B -q dependency:get -Dartifact="$MONITOR" -Dtransitive=false
mkdir -p tests/robolectric/target/aar/monitor
python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("classes.jar"))' \
  "$AAR" tests/robolectric/target/aar/monitor/classes.jar
mvn -B -f tests/robolectric/pom.xml ${MAVEN_ARGS:-} -Dreset.lib.dir="$LIB_DIR" test
