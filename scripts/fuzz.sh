#!/usr/bin/env bash
# Build the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) into build/fuzz and run
# every one: first the regression inputs of tests/fuzz/regressions/NAME (each must pass), then
# fuzzing from the seeds of tests/fuzz/corpus/NAME.
#
# usage: scripts/fuzz.sh [--smoke SECONDS | --long EXECUTIONS | --build] [NAME...]
#   --smoke S    (default, S = 15) fuzz each target S seconds
#   --long N     fuzz each target for N executions (docs/reliability.md: 10000000); env
#                FUZZ_MAX_TIME=S caps each target at S seconds, FUZZ_UNTIL=EPOCH stops everything
#                at that time
#   --build      only build
# Targets run $(nproc) at a time (env FUZZ_JOBS=N: N at a time). FUZZ_BUILD_DIR=DIR builds and
# keeps everything below in DIR instead of build/fuzz. The growing corpus is kept in
# build/fuzz/corpus/NAME, a log in build/fuzz/logs/NAME.log, one line per target in
# build/fuzz/logs/summary.tsv. A crash, leak, timeout or sanitizer report leaves its input as
# build/fuzz/artifacts/NAME/* and makes the script fail; turn it into
# tests/fuzz/regressions/NAME/<what>.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=smoke
arg=15
case "${1:-}" in
  --smoke) mode=smoke; arg=${2:?--smoke SECONDS}; shift 2 ;;
  --long) mode=long; arg=${2:?--long EXECUTIONS}; shift 2 ;;
  --build) mode=build; shift ;;
  -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
esac
all=(csv tsv lsnap xlsx xlsx_diff zip blsapi pc roles claims spec config cli)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

b=${FUZZ_BUILD_DIR:-build/fuzz}
CC=${CC:-clang}
if ! command -v "$CC" >/dev/null ||
  ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
  "$CC" -x c -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null; then
  echo "fuzz: $CC cannot build libFuzzer targets (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
mkdir -p "$b/logs"
if ! { cmake -S . -B "$b" -DCMAKE_C_COMPILER="$CC" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAB_FUZZ=ON \
  -DBUILD_TESTING=OFF -DLAB_WERROR=OFF &&
  cmake --build "$b" -j "${FUZZ_JOBS:-$(nproc)}" --target $(printf 'fuzz_%s ' "${targets[@]}"); } \
  >"$b/logs/build.log" 2>&1; then
  tail -n 40 "$b/logs/build.log" >&2
  echo "fuzz: the build failed (log: $b/logs/build.log)" >&2
  exit 1
fi
[ "$mode" = build ] && exit 0

# the readers that take a path get their input through a file: keep those in memory
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=${TMPDIR:-/dev/shm}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -rss_limit_mb: the readers cap their memory (fields, files, shared strings) well below this
common=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)

opts_for() { # per-target options (inputs are capped: the readers' own caps are tested by the
  # unit tests and tests/bad-inputs; small inputs keep the executions fast)
  case "$1" in
    cli) echo "-close_fd_mask=3 -max_len=2048 -dict=tests/fuzz/cli.dict" ;;
    roles|pc|blsapi|spec) echo "-max_len=4096 -dict=tests/fuzz/json.dict" ;;
    xlsx) echo "-max_len=8192 -dict=tests/fuzz/xlsx.dict" ;;
    xlsx_diff) echo "-max_len=8192 -dict=tests/fuzz/xlsx_diff.dict" ;;
    *) echo "-max_len=4096" ;;
  esac
}

replay() { # the regression inputs must all pass
  local t=$1 dir=tests/fuzz/regressions/$1
  if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    "$b/fuzz_$t" $(opts_for "$t") "$dir"/* >"$b/logs/$t.replay.log" 2>&1 || {
      echo "fuzz_$t: a regression input fails again (see $b/logs/$t.replay.log)" >&2
      return 1
    }
  fi
}

run_one() { # NAME MAX_TIME_OR_EMPTY RUNS_OR_EMPTY
  local t=$1 secs=$2 runs=$3 limit=()
  mkdir -p "$b/corpus/$t" "$b/artifacts/$t"
  [ -n "$secs" ] && limit+=(-max_total_time="$secs")
  [ -n "$runs" ] && limit+=(-runs="$runs")
  # shellcheck disable=SC2046
  "$b/fuzz_$t" "${common[@]}" $(opts_for "$t") "${limit[@]}" \
    -artifact_prefix="$b/artifacts/$t/" "$b/corpus/$t" "tests/fuzz/corpus/$t" \
    >"$b/logs/$t.log" 2>&1
}

mkdir -p "$b/logs"
fail=0
for t in "${targets[@]}"; do
  replay "$t" || fail=1
done

summary=$b/logs/summary.tsv
printf 'target\texecutions\tseconds\texec_per_s\tcorpus_files\tpeak_rss_mb\tresult\n' >"$summary"
finish() { # NAME STATUS: one line of the summary
  local t=$1 rc=$2 log=$b/logs/$1.log runs secs rate files rss result=ok
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || true)
  files=$(find "$b/corpus/$t" -type f | wc -l)
  [ "$rc" -eq 0 ] || { result=FAILED; fail=1; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${runs:-?}" "${secs:-?}" "${rate:-?}" "$files" \
    "${rss:-?}" "$result" >>"$summary"
  if [ "$result" = ok ]; then
    echo "fuzz_$t: ok (${runs:-?} runs in ${secs:-?} s, ${rate:-?}/s, corpus $files files)"
  else
    echo "fuzz_$t: FAILED (log: $log, inputs: $b/artifacts/$t/)" >&2
    tail -n 40 "$log" >&2
  fi
}

# A pool of $(nproc) fuzzers. Smoke: S seconds each. Long: N executions each, capped by
# FUZZ_MAX_TIME seconds per target and by FUZZ_UNTIL (a time as seconds since the epoch) when set.
declare -A pid_of=()
reap() {
  local t
  for t in "${!pid_of[@]}"; do
    if ! kill -0 "${pid_of[$t]}" 2>/dev/null; then
      local rc=0
      wait "${pid_of[$t]}" || rc=$?
      unset "pid_of[$t]"
      finish "$t" "$rc"
    fi
  done
}
for t in "${targets[@]}"; do
  while [ ${#pid_of[@]} -ge "${FUZZ_JOBS:-$(nproc)}" ]; do sleep 1; reap; done
  if [ "$mode" = smoke ]; then
    run_one "$t" "$arg" "" &
  else
    cap=${FUZZ_MAX_TIME:-}
    if [ -n "${FUZZ_UNTIL:-}" ]; then
      left=$((FUZZ_UNTIL - $(date +%s)))
      [ "$left" -gt 0 ] || { echo "fuzz_$t: skipped (FUZZ_UNTIL reached)" >&2; fail=1; continue; }
      if [ -z "$cap" ] || [ "$left" -lt "$cap" ]; then cap=$left; fi
    fi
    run_one "$t" "$cap" "$arg" &
  fi
  pid_of[$t]=$!
done
while [ ${#pid_of[@]} -gt 0 ]; do sleep 1; reap; done
echo "summary: $summary"
exit $fail
