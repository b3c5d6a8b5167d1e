#!/usr/bin/env bash
# The main job: builds the `reset` CLI and runs `reset tour` on its own demo profile
# ($XDG_DATA_HOME/reset-companion/tour/; never an existing profile). Extra arguments go to `reset` (e.g. --tz Europe/London).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi
{ command -v cc >/dev/null && command -v perl >/dev/null; } || scripts/setup.sh --no-swift
cargo build --locked -q -p reset-cli
exec target/debug/reset "$@" tour
