#!/usr/bin/env bash
# Configure and build into build/<kind>: release (default), debug or asan.
# usage: scripts/build.sh [release|debug|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
case "$kind" in
  release) args=(-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF) ;;
  debug) args=(-DCMAKE_BUILD_TYPE=Debug) ;;
  asan) args=(-DCMAKE_BUILD_TYPE=Debug -DLAB_SANITIZE=ON) ;;
  *) echo "usage: scripts/build.sh [release|debug|asan]" >&2; exit 2 ;;
esac
cmake -S . -B "build/$kind" "${args[@]}" >/dev/null
cmake --build "build/$kind" -j "$(nproc)" >/dev/null
