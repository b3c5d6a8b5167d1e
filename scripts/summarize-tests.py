#!/usr/bin/env python3
"""Prints one 'N passed, N failed' line per suite and an overall one from the runners' logs.

Exits non-zero if any test failed or a suite ran no test at all.
"""
import re
import sys


def last(path, pattern):
    hits = [m for m in (re.search(pattern, l) for l in open(path, errors="replace")) if m]
    return hits[-1] if hits else None


def rust(path):
    p = f = 0
    for line in open(path, errors="replace"):
        m = re.search(r"test result: \w+\. (\d+) passed; (\d+) failed", line)
        if m:
            p, f = p + int(m[1]), f + int(m[2])
    return p, f


def swift(path):
    # XCTest's last 'Executed' line is the 'All tests' total.
    m = last(path, r"^\s*Executed (\d+) tests?, with (\d+) failures")
    return (int(m[1]) - int(m[2]), int(m[2])) if m else (0, 0)


def kotlin(path):
    # Surefire's closing summary has no 'Time elapsed' (per-class lines do).
    m = last(path, r"Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)\s*$")
    return (int(m[1]) - int(m[2]) - int(m[3]) - int(m[4]), int(m[2]) + int(m[3])) if m else (0, 0)


def plain(path):
    m = last(path, r"(\d+) passed, (\d+) failed")
    return (int(m[1]), int(m[2])) if m else (0, 0)


suites = {
    "rust": rust("target/rust-tests.log"),
    "swift": swift("target/swift-tests.log"),
    "kotlin": kotlin("target/kotlin-tests.log"),
    "robolectric": kotlin("target/robolectric-tests.log"),
    "ktlint": plain("target/ktlint.log"),
    "compose": kotlin("target/compose-tests.log"),
    "cli": plain("target/cli-smoke.log"),
    "fuzz": plain("target/fuzz-tests.log"),
}
for name, (p, f) in suites.items():
    print(f"{name}: {p} passed, {f} failed")
# Tests that could not run here print 'SKIPPED: <reason>' (e.g. the disk-full tests need root).
skipped = [l.strip() for l in open("target/rust-tests.log", errors="replace") if l.startswith("SKIPPED: ")]
if skipped:
    print(f"rust: {len(skipped)} skipped: {skipped[0]}")
passed = sum(p for p, _ in suites.values())
failed = sum(f for _, f in suites.values())
empty = [n for n, (p, f) in suites.items() if p + f == 0]
if empty:
    print(f"suites that ran no test: {', '.join(empty)}")
print(f"all: {passed} passed, {failed} failed")
sys.exit(1 if failed or empty else 0)
