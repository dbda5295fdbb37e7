#!/usr/bin/env bash
# The catalogue of bad inputs (cases.tsv): every malformed file is refused with the expected exit
# code and a message that locates the problem, and nothing changes.
# usage: run.sh LABORSTAT [TEMPLATE.db]
#   TEMPLATE.db: a store with the snapshot loaded (the CLI tests' fixture); built here when absent.
# For each case: copy the template store, run the command from inside the case's folder, then
# check the exit code, the message (a fixed fragment; its kind of location, see README.md), that
# the store is byte-for-byte the same and passes PRAGMA integrity_check, that the inputs' bytes
# are untouched, and that no temporary file was left behind. The ok_* controls (the same inputs
# unbroken) run first and must succeed, so each bad input differs from a good one by its defect.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
template=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ran=0
fail() { echo "FAIL $id: $*" >&2; fails=$((fails + 1)); }

$py -c 'import zlib' 2>/dev/null || { echo "skipped: $py not available"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 not installed"; exit 77; }
if [ -z "$template" ] || [ ! -f "$template" ]; then
  template="$tmp/template.db"
  "$bin" --db "$template" datasets >/dev/null 2>&1 || { echo "FAIL: cannot build a template store" >&2; exit 1; }
fi
gen="$tmp/gen"
$py "$here/gen.py" "$gen" "$here/../data" || { echo "FAIL: gen.py" >&2; exit 1; }

# where: how the fragment must locate the problem (besides naming the input file)
located() { # located WHERE FRAGMENT INPUT
  local base=${3##*/}
  case $1 in
  ok) return 0 ;;
  pos) [[ $2 =~ :[0-9]+:[0-9]+:\  ]] || return 1 ;;
  member) [[ $2 =~ (\.zip|\.xlsx):[^\ ]|member\ \'|cell\ [A-Z]+[0-9]+ ]] || return 1 ;;
  path) [[ $2 == *"series '"* ]] || return 1 ;;
  file) ;;
  *) return 1 ;;
  esac
  [[ $2 == *"$base"* ]]
}

# Self-check of the checker: a message stripped of its position must not pass.
located pos "x.csv: expected a number" x.csv && { echo "FAIL: the position check accepts a message without one" >&2; exit 1; }
located pos "x.csv:3:7: expected a number" y.csv && { echo "FAIL: the file check accepts another file" >&2; exit 1; }

# The store's integrity and bytes, and the case folder's files. The template passes
# PRAGMA integrity_check once; a store with the template's bytes passes it as well, so the check
# runs again only on a store whose bytes differ.
[ "$(sqlite3 "$template" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: the template store is damaged" >&2; exit 1; }
template_sha=$(sha256sum <"$template")
state_of() {
  local sha
  sha=$(sha256sum <"$tmp/store.db")
  if [ "$sha" = "$template_sha" ]; then echo ok; else sqlite3 "$tmp/store.db" 'PRAGMA integrity_check'; fi
  echo "$sha"
  (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum)
}

declare -A count
while IFS=$'\t' read -r id input env cmd code where frag; do
  [ -z "$id" ] || [ "${id:0:1}" = "#" ] && continue
  d="$gen/$id"
  [ -d "$d" ] || { fail "no generated folder"; continue; }
  located "$where" "$frag" "$input" || fail "the manifest's message does not locate the problem as '$where' says: $frag"
  cp "$template" "$tmp/store.db"
  state_of "$d" >"$tmp/before"
  rm -rf "$tmp/cache" "$tmp/tmpdir" && mkdir -p "$tmp/cache" "$tmp/tmpdir"
  envs=()
  [ "$env" != "-" ] && read -r -a envs <<<"$env"
  read -r -a args <<<"${cmd//\{d\}/$d}"
  (cd "$d" && env -u LABORSTAT_MIRROR -u BLS_API_KEY -u LABORSTAT_CONFIG "${envs[@]}" XDG_CONFIG_HOME="$d/cfg" XDG_CACHE_HOME="$tmp/cache" TMPDIR="$tmp/tmpdir" \
    LABORSTAT_CONTACT=tests@laborstat.invalid \
    timeout 120 "$bin" --db "$tmp/store.db" "${args[@]}" >"$tmp/out" 2>"$tmp/err.raw")
  got=$?
  ran=$((ran + 1))
  sed "s#$d/##g" "$tmp/err.raw" >"$tmp/err"
  [ "$got" = "$code" ] || fail "exit $got, expected $code: $(head -c 300 "$tmp/err")"
  if [ "$frag" != "-" ]; then
    grep -qF -- "laborstat: $frag" "$tmp/err" || fail "stderr lacks 'laborstat: $frag'; got: $(head -c 400 "$tmp/err")"
  fi
  grep -qE 'Sanitizer|runtime error|Segmentation|Assertion' "$tmp/err" && fail "crashed: $(head -c 400 "$tmp/err")"
  [ -z "$(ls -A "$tmp/tmpdir")" ] || fail "temporary files left behind: $(ls -A "$tmp/tmpdir")"
  state_of "$d" >"$tmp/after"
  [ "$(head -1 "$tmp/after")" = ok ] || fail "PRAGMA integrity_check: $(head -3 "$tmp/after")"
  if [ "${id:0:3}" = ok_ ]; then
    [ "$(sed -n '3,$p' "$tmp/before")" = "$(sed -n '3,$p' "$tmp/after")" ] || fail "a control's input changed"
  else
    diff -q "$tmp/before" "$tmp/after" >/dev/null ||
      fail "store or input changed: $(diff "$tmp/before" "$tmp/after" | head -4)"
    k=${id%%_*}
    count[$k]=$((${count[$k]:-0} + 1))
  fi
done <"${LAB_BAD_CASES:-$here/cases.tsv}"

total=0
for k in "${!count[@]}"; do total=$((total + count[$k])); done
echo "bad inputs: $ran cases run, $total malformed inputs ($(for k in $(printf '%s\n' "${!count[@]}" | sort); do printf '%s %s, ' "$k" "${count[$k]}"; done | sed 's/, $//'))"
[ "$total" -ge 60 ] || fail "fewer than 60 malformed inputs"
[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "all passed"
