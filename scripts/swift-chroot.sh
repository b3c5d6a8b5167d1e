#!/usr/bin/env bash
# Creates (once) a Debian trixie chroot holding Swift 6 + SwiftPM + XCTest, and runs a
# command inside it with the checkout bind-mounted at its own path.
#
#   scripts/swift-chroot.sh ensure          # create the chroot if missing
#   scripts/swift-chroot.sh run CMD...      # run CMD in the checkout, mounted at the same path
#
# Why a chroot: Swift for Linux comes from Debian trixie (see shared/reference/platform.md);
# the host is bookworm. The chroot lives outside the checkout so a fresh clone reuses it.
set -euo pipefail
ROOT="${RESET_SWIFT_CHROOT:-/var/cache/reset-companion/swift-trixie}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"

need_root() { [ "$(id -u)" = 0 ] || { echo "swift-chroot: must run as root (debootstrap, mount)" >&2; exit 1; }; }

ensure() {
  need_root
  if [ -f "$ROOT/.reset-ready" ]; then return 0; fi
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  unmount_all
  rm -rf --one-file-system "$ROOT"; mkdir -p "$ROOT"
  echo "swift-chroot: debootstrap trixie into $ROOT (about 2 minutes)…" >&2
  debootstrap --variant=minbase --include=swiftlang,libc6-dev,libstdc++-14-dev trixie "$ROOT" http://deb.debian.org/debian >/tmp/reset-debootstrap.log 2>&1 \
    || { tail -30 /tmp/reset-debootstrap.log >&2; exit 1; }
  touch "$ROOT/.reset-ready"
}

# The checkout is mounted at its own absolute path, so paths (RESET_LIB_DIR, fixtures) read
# the same inside and outside. Mounts stay up: parallel runs share them, and they are cheap.
mounts() {
  exec 9>"$ROOT/.mount-lock"; flock 9
  mkdir -p "$ROOT/proc" "$ROOT/dev" "$ROOT$REPO"
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
  mountpoint -q "$ROOT/dev" || mount --bind /dev "$ROOT/dev"
  # A mount left from an earlier checkout at the same path that has since been deleted and
  # re-cloned still shows the old (deleted) folder: replace it.
  if mountpoint -q "$ROOT$REPO" && [ "$(stat -c %d:%i "$REPO")" != "$(stat -c %d:%i "$ROOT$REPO" 2>/dev/null)" ]; then
    umount -l "$ROOT$REPO"
  fi
  mountpoint -q "$ROOT$REPO" || mount --bind "$REPO" "$ROOT$REPO"
  flock -u 9
}

unmount_all() {
  [ -d "$ROOT" ] || return 0
  grep -o " $ROOT[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
}

case "${1:-}" in
  ensure) ensure ;;
  run)
    shift; ensure; mounts
    chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
      ${LD_LIBRARY_PATH:+LD_LIBRARY_PATH="$LD_LIBRARY_PATH"} ${RESET_LIB_DIR:+RESET_LIB_DIR="$RESET_LIB_DIR"} \
      /bin/bash -c 'cd "$0" && "$@"' "$REPO" "$@"
    ;;
  unmount) unmount_all ;;
  *) echo "usage: $0 ensure | run CMD... | unmount" >&2; exit 2 ;;
esac
