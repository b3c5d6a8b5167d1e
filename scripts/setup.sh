#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for building and testing Reset Companion:
# a Rust toolchain (rustup from crates' ecosystem is assumed present on CI images; installed
# through apt's rustup otherwise), a JDK and Maven, and the Swift chroot. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=0
need_pkg() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The C toolchain builds SQLCipher and libtomcrypt; python3 checks outputs. perl only
# configured the vendored OpenSSL (gone since ADR 0004); kept so older commits still build.
need_pkg build-essential perl python3 debootstrap ca-certificates poppler-utils
# ios/App/tools/check-project.py reads the XcodeGen spec with Debian's PyYAML.
need_pkg python3-yaml
# Compose for desktop (tests/compose) loads Skia's libskiko (links libGL, libX11, fontconfig) and
# renders the Android screens' screenshots with the system fonts.
need_pkg fonts-dejavu-core fontconfig libfontconfig1 libgl1 libx11-6
# The therapist PDF draws Greek, Cyrillic, Arabic, Hebrew, Devanagari, CJK and emoji with the
# platform's fonts, found through fontconfig (issue 17; docs/adr/0006-platform-fonts-and-shaping.md).
need_pkg fonts-noto-core fonts-noto-cjk fonts-symbola
command -v java >/dev/null || need_pkg openjdk-17-jdk-headless
command -v mvn >/dev/null || need_pkg maven
if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null; then
  need_pkg rustup
  rustup default stable
fi
# Fuzzing (scripts/fuzz.sh) needs nightly Rust and cargo-fuzz; only the tests need them.
if [ "${1:-}" != "--no-swift" ]; then
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
fi
# The Swift toolchain is only needed for the tests, not for the tour.
[ "${1:-}" = "--no-swift" ] || scripts/swift-chroot.sh ensure
