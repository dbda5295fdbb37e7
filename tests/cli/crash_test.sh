#!/usr/bin/env bash
# Crash safety: kill -9 at random points of an import and of a download, two processes at once,
# and a full disk (RLIMIT_FSIZE). After each: the store opens, passes PRAGMA integrity_check and
# holds the old or the new release, never a mix; every cached file matches its record or is absent.
# usage: crash_test.sh LABORSTAT WORKDIR CASE   (WORKDIR/template.db from cli_test.sh setup)
set -u
bin=$1
work=$2
case_name=$3
here=$(cd "$(dirname "$0")" && pwd)
expected="$here/../expected/cli"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/store.db"
fails=0
kills=${LAB_CRASH_KILLS:-50}
. "$here/lib.sh"

# A national OEWS table of N occupations; every value carries the variant (1 or 2), so a store
# holding a mix of two imports shows it.
make_table() { # make_table FILE N VARIANT
  /usr/bin/python3 - "$@" <<'PY'
import sys
path, n, v = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cols = "OCC_CODE,OCC_TITLE,OCC_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY"
with open(path, "w") as f:
    f.write(cols + "\n")
    for i in range(n):
        h = 10 + (i % 50) + v / 100
        f.write(f"{11 + i // 9000}-{1000 + i % 9000:04d},\"Occupation {i}, variant {v}\",detailed,"
                f"{1000 + i * 3 + v},1.5,{h + 2:.2f},{(h + 2) * 2080:.0f},0.8,{h * .6:.2f},{h * .8:.2f},"
                f"{h:.2f},{h * 1.3:.2f},{h * 1.7:.2f},{h * .6 * 2080:.0f},{h * .8 * 2080:.0f},"
                f"{h * 2080:.0f},{h * 1.3 * 2080:.0f},{h * 1.7 * 2080:.0f},,\n")
PY
}
# "1", "2" or "none": which variant of the May 2001 release the store holds (anything else: a mix)
held() {
  sqlite3 "$db" "select count(*), coalesce(min((cast(o.tot_emp as integer) - 1000) % 3), -1),
      coalesce(max((cast(o.tot_emp as integer) - 1000) % 3), -1)
    from oews o join release r on r.id = o.release_id where r.source = 'oews' and r.vintage = '2001'" |
    awk -F'|' -v n="$1" '$1 == 0 {print "none"; exit} $1 == n && $2 == $3 && ($2 == 1 || $2 == 2) {print $2; exit} {print "mix " $0}'
}
checked() { # the store opens and passes integrity_check
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" = "ok" ] || fail "integrity_check: $(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 | head -3)"
}
# kill -9 the command after a random delay below $1 seconds; $code = its exit status (137 = killed)
run_killed() { # run_killed MAX_SECONDS ARGS...
  local max=$1; shift
  "$bin" --db "$db" --quiet "$@" >"$tmp/out" 2>"$tmp/err" &
  local pid=$!
  sleep "$(awk -v m="$max" -v r="$RANDOM" 'BEGIN {printf "%.3f", m * r / 32768}')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid"; code=$?
}

case "$case_name" in
kill_import)
  use_template
  n=20000
  make_table "$tmp/a.csv" $n 1; make_table "$tmp/b.csv" $n 2
  run import --year 2001 --scope national "$tmp/a.csv"; expect_code 0
  [ "$(held $n)" = 1 ] || fail "the first import is not there"
  start=$(date +%s%N)
  run import --year 2001 --scope national "$tmp/b.csv"; expect_code 0
  t=$(( ($(date +%s%N) - start) / 1000000 ))
  now=2 killed=0
  for i in $(seq "$kills"); do
    next=$((3 - now))
    run_killed "$(awk -v t="$t" 'BEGIN {print t * 1.2 / 1000}')" import --year 2001 --scope national "$tmp/$( [ $next = 1 ] && echo a || echo b).csv"
    [ "$code" -eq 137 ] && killed=$((killed + 1))
    checked
    h=$(held $n)
    case $h in
    1 | 2) now=$h ;;
    *) fail "after kill $i the store holds: $h"; break ;;
    esac
    [ "$code" -eq 0 ] && [ "$h" != "$next" ] && fail "a finished import is not in the store"
    [ "$code" -eq 137 ] || [ "$code" -eq 0 ] || fail "import exited $code: $(head -c 300 "$tmp/err")"
  done
  echo "kill_import: $kills runs of an import of $n rows (${t} ms), $killed killed midway"
  [ "$killed" -ge $((kills / 2)) ] || fail "only $killed of $kills runs were killed before they finished"
  ;;
kill_fetch)
  server_up; use_template
  # the May 2024 archive padded to 1 MB, served at about 1 MB/s: a kill lands in the download or
  # in the import; the store then holds the snapshot's May 2024 release or the fetched one (8 rows)
  m="$srvdir/mirror/www.bls.gov/oes/special-requests"
  /usr/bin/python3 - "$m/oesm24nat.zip" "$tmp/padded.zip" <<'PY'
import random, sys, zipfile
random.seed(7)
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as dst:
    for info in src.infolist():
        dst.writestr(info, src.read(info.filename))
    dst.writestr("oesm24nat/readme-padding.bin", random.randbytes(1 << 20))
PY
  mv "$tmp/padded.zip" "$m/oesm24nat.zip"
  national() { sqlite3 "$db" "select count(*) from oews o join release r on r.id = o.release_id
    where r.source = 'oews' and r.scope = 'national' and r.vintage = '2024'"; }
  snapshot_rows=$(national)
  f="$cache/www.bls.gov/oes/special-requests/oesm24nat.zip"
  killed=0
  for i in $(seq "$kills"); do
    run_killed 1.4 fetch oews --year 2024 --mirror "$mirror/_f/slow"
    [ "$code" -eq 137 ] && killed=$((killed + 1))
    [ "$code" -eq 137 ] || [ "$code" -eq 0 ] || fail "fetch exited $code: $(head -c 300 "$tmp/err")"
    checked
    rows=$(national)
    [ "$rows" = "$snapshot_rows" ] || [ "$rows" = 8 ] || fail "after kill $i the May 2024 release has $rows rows"
    if [ -e "$f" ] && [ ! -e "$f.prev" ]; then
      [ "$(sha "$f")" = "$(sed -n 's/^sha256=//p' "$f.meta" 2>/dev/null)" ] ||
        fail "the cached file does not match its record after kill $i"
    fi
    # a killed run may leave temporary files (never under the final name): clean removes them
    run cache clean; expect_code 0
    run cache verify; expect_code 0
    rm -f "$f" "$f.meta"
    use_template
  done
  echo "kill_fetch: $kills downloads of $(stat -c %s "$m/oesm24nat.zip") bytes at ~1 MB/s, $killed killed midway"
  [ "$killed" -ge $((kills / 2)) ] || fail "only $killed of $kills runs were killed before they finished"
  ;;
concurrent)
  # two imports at once: the second waits for the first (busy timeout) and both land whole
  use_template
  make_table "$tmp/a.csv" 40000 1
  make_table "$tmp/b.csv" 40000 2
  "$bin" --db "$db" --quiet import --year 2001 --scope national "$tmp/a.csv" >"$tmp/o1" 2>"$tmp/e1" &
  p1=$!
  "$bin" --db "$db" --quiet import --year 2002 --scope national "$tmp/b.csv" >"$tmp/o2" 2>"$tmp/e2" &
  p2=$!
  wait $p1; c1=$?; wait $p2; c2=$?
  [ $c1 -eq 0 ] && [ $c2 -eq 0 ] || fail "concurrent imports: exit $c1 and $c2 ($(cat "$tmp/e1" "$tmp/e2" | head -c 300))"
  checked
  [ "$(sqlite3 "$db" "select group_concat(vintage) from (select vintage from release where source = 'oews' and vintage in ('2001', '2002') order by vintage)")" = "2001,2002" ] \
    || fail "a concurrent import is missing"
  # two fetches of one file at once into one cache: both succeed, the cache verifies
  server_up
  for y in 2024 2023; do
    "$bin" --db "$db" --quiet fetch oews --year $y --mirror "$mirror" >"$tmp/o1" 2>"$tmp/e1" &
    p1=$!
    "$bin" --db "$db" --quiet fetch oews --year $y --mirror "$mirror" >"$tmp/o2" 2>"$tmp/e2" &
    p2=$!
    wait $p1; c1=$?; wait $p2; c2=$?
    [ $c1 -eq 0 ] && [ $c2 -eq 0 ] || fail "concurrent fetches: exit $c1 and $c2 ($(cat "$tmp/e1" "$tmp/e2" | head -c 300))"
  done
  checked
  run cache verify; expect_code 0
  ;;
full_disk)
  # a file size limit (RLIMIT_FSIZE) stands in for a full disk: a clear error, nothing changed
  use_template
  make_table "$tmp/a.csv" 40000 1
  before=$(sha "$db")
  limit=$(( $(stat -c %s "$db") / 1024 + 64 ))
  (ulimit -f "$limit"; "$bin" --db "$db" import --year 2001 --scope national "$tmp/a.csv" >"$tmp/out" 2>"$tmp/err"); code=$?
  expect_code 1; expect_err "the disk may be full"
  checked
  [ "$(sha "$db")" = "$before" ] || fail "a failed import on a full disk changed the store"
  server_up
  run fetch oews --year 2024 --mirror "$mirror"; expect_code 0
  state >"$tmp/state.good"
  f="$cache/www.bls.gov/oes/special-requests/oesm23nat.zip"
  (ulimit -f 2; "$bin" --db "$db" fetch oews --year 2023 --mirror "$mirror" >"$tmp/out" 2>"$tmp/err"); code=$?
  expect_code 1
  grep -qiE "disk|full|space|large|write" "$tmp/err" || fail "the message does not say the disk is full: $(head -c 300 "$tmp/err")"
  [ -e "$f" ] && fail "a download cut by a full disk was left in the cache"
  expect_state "$tmp/state.good"
  ;;
*)
  echo "unknown case $case_name" >&2; exit 2
  ;;
esac
if [ "$fails" -ne 0 ]; then echo "$case_name: $fails failure(s)" >&2; exit 1; fi
echo "$case_name: ok"
