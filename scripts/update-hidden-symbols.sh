#!/usr/bin/env bash
# Rewrites bindings/release-hidden-symbols.txt: the names of uniffi's metadata statics
# (`UNIFFI_META_*`) that bindings/build.rs makes local in the release phone library. Run it
# after adding, renaming or removing anything exported through uniffi, then rebuild the release
# library; scripts/check-release-library.sh fails while one of them is still exported.
# Reads the release static library (same items as the phone library, and it keeps the
# metadata); builds it first when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=target/release/libreset_ffi.a
[ -f "$LIB" ] || cargo build --locked --release -p reset-ffi
LIST=bindings/release-hidden-symbols.txt
names=$(readelf -sW "$LIB" 2>/dev/null | awk '$5 == "GLOBAL" && $7 != "UND" && $8 ~ /^UNIFFI_META_/ { print $8 }' | LC_ALL=C sort -u)
[ -n "$names" ] || { echo "update-hidden-symbols: no UNIFFI_META_ symbol in $LIB" >&2; exit 1; }
{
  echo "# uniffi's metadata statics, hidden from the release phone library (bindings/build.rs)."
  echo "# One exact name a line; regenerate with scripts/update-hidden-symbols.sh after the FFI changes."
  echo "# Only UNIFFI_META_* names are accepted: every function the bindings call stays exported."
  echo "$names"
} > "$LIST"
echo "update-hidden-symbols: $(echo "$names" | wc -l) names in $LIST"
