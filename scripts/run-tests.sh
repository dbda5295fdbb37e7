#!/usr/bin/env bash
# Install what is missing, build (debug and ASan/UBSan), check formatting, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
echo "== format check (clang-format)"
git ls-files -z -- '*.c' '*.h' | xargs -0 -r clang-format --dry-run --Werror
echo "== debug build and tests"
bash scripts/build.sh debug
ctest --test-dir build/debug --output-on-failure -j "$(nproc)"
echo "== release build (-O2, warnings are errors) and the main job on the snapshot"
bash scripts/build.sh release
main_out=$(mktemp -d)
bash scripts/health-it.sh build/release/laborstat "$main_out/health-it"
test -s "$main_out/health-it/index.html"
test -s "$main_out/health-it/charts/wages-occupations-us-2024.png"
test -s "$main_out/health-it/tables/claims-check.csv"
rm -rf "$main_out"
echo "== benchmark smoke (bench/run --quick: 5,000 rows, installed peers only, installs nothing)"
LABORSTAT_BENCH_BUILD=build/release bench/run --quick
echo "== fuzz smoke (libFuzzer: the regression inputs, then 15 s a target)"
bash scripts/fuzz.sh --smoke 15
echo "== ASan/UBSan build and tests"
bash scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)"
