#!/usr/bin/env bash
# Install what laborstat needs on Debian 12, quietly when everything is already there.
# usage: scripts/setup.sh [--tests]   (--tests adds what the test suite needs)
set -euo pipefail

packages=(gcc make cmake pkg-config libgsl-dev libcurl4-openssl-dev libcjson-dev libsqlite3-dev
          libisal-dev libexpat1-dev libcmocka-dev gnuplot-nox)
if [ "${1:-}" = "--tests" ]; then
  # libzip writes the tests' archives (laborstat reads zips itself: datasets/lab_zip.h); zlib
  # deflates the hand-built zip64 one
  packages+=(libzip-dev zlib1g-dev clang-format python3 python3-openpyxl sqlite3 libxml2-utils
    poppler-utils chromium clang libclang-rt-14-dev valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
