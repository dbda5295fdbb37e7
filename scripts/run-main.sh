#!/usr/bin/env bash
# The main job: install what is missing, build, and write health-IT charts and tables from the
# embedded snapshot of real BLS data into out/health-it/ (or the folder given).
# usage: scripts/run-main.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
bash scripts/health-it.sh build/release/laborstat "${1:-out/health-it}"
