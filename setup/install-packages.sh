#!/usr/bin/env bash
# Installs the packages of setup/packages.txt that this Debian/Ubuntu machine lacks (as root, or
# through sudo). Prints nothing when all are there. Exit 2 with one line naming the packages when
# they cannot be installed (no apt, or neither root nor sudo).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/packages.txt")

missing=()
if command -v dpkg >/dev/null; then
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
else
  missing=("${packages[@]}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

fail() { printf 'setup: %s; install these packages yourself: %s\n' "$1" "${missing[*]}" >&2; exit 2; }
command -v apt-get >/dev/null || fail "no apt-get (not Debian/Ubuntu)"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "not root and no password-less sudo"
fi
printf 'setup: installing %s\n' "${missing[*]}" >&2
"${as_root[@]}" apt-get update -qq || printf 'setup: apt-get update failed; trying the package lists on disk\n' >&2
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
  || fail "apt-get install failed"
