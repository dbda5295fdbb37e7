#!/usr/bin/env bash
# Run the command-line test suite with every laborstat process under valgrind memcheck.
# A process with a memory error or a definite/indirect leak exits 97, which fails its case.
# usage: scripts/valgrind-cli.sh [CASE...]   (default: every case ctest knows)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
bash scripts/build.sh debug >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vg=$(command -v valgrind)
cat >"$work/laborstat" <<WRAP
#!/bin/sh
exec $vg --quiet --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
  --show-leak-kinds=definite,indirect --log-file="$work/vg.%p.log" "$PWD/build/debug/laborstat" "\$@"
WRAP
chmod +x "$work/laborstat"
if [ $# -eq 0 ]; then
  set -- $(ctest --test-dir build/debug -N -R '^cli_' | sed -n 's/.*Test *#[0-9]*: cli_//p' | grep -v '^setup$')
fi
bash tests/cli/cli_test.sh "$work/laborstat" "$work/cli-work" setup >/dev/null
failed=0 n=0
for c in "$@"; do
  n=$((n + 1))
  if ! bash tests/cli/cli_test.sh "$work/laborstat" "$work/cli-work" "$c" >"$work/$c.out" 2>&1; then
    rc=$(tail -1 "$work/$c.out")
    case $rc in *"skipped"*) continue ;; esac
    echo "FAIL $c"; tail -5 "$work/$c.out"; failed=$((failed + 1))
  fi
done
procs=$(ls "$work"/vg.*.log | wc -l)
# with --quiet a clean process leaves an empty log: any text is an error or a leak
errs=$(find "$work" -name 'vg.*.log' -size +0 | wc -l)
find "$work" -name 'vg.*.log' -size +0 -exec head -40 {} + | head -120
echo "valgrind: $n cases, $procs laborstat processes, $failed failed cases, $errs processes with errors or leaks"
[ "$failed" -eq 0 ] && [ "$errs" -eq 0 ]
