# lib.sh - the helpers of the command-line tests (sourced by cli_test.sh and crash_test.sh).
# Expects: bin (the laborstat binary), work (the fixture folder), here, expected, tmp, db, fails.
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
run() { # run ARGS...: stdout to $tmp/out, stderr to $tmp/err, exit code to $code
  "$bin" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
  code=$?
}
expect_code() { [ "$code" -eq "$1" ] || fail "exit $code, expected $1 ($(head -c 300 "$tmp/err"))"; }
expect_err() { grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1': $(head -c 300 "$tmp/err")"; }
expect_out() { grep -qF -- "$1" "$tmp/out" || fail "stdout lacks '$1'"; }
expect_out_re() { grep -qE -- "$1" "$tmp/out" || fail "stdout lacks /$1/"; }
expect_golden() {
  if [ -n "${LAB_UPDATE_EXPECTED:-}" ]; then cp "$tmp/out" "$expected/$1"; fi
  diff -u "$expected/$1" "$tmp/out" >"$tmp/diff" || { fail "output differs from $1"; head -40 "$tmp/diff" >&2; }
}
use_template() { cp "$work/template.db" "$db"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
# The loopback server of tests/server serving a mirror tree; fetch writes to a private cache and
# reads a private config (no pacing, short timeouts), never the user's.
server_up() {
  srvdir="$tmp/srv"
  mirror=$(bash "$here/../server/start.sh" "$srvdir") || { echo "FAIL: the test server did not start" >&2; exit 1; }
  trap 'bash "$here/../server/stop.sh" "$srvdir"; rm -rf "$tmp"' EXIT
  export XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" LABORSTAT_CONTACT=tests@laborstat.invalid
  unset LABORSTAT_MIRROR BLS_API_KEY LABORSTAT_CONFIG
  mkdir -p "$tmp/config/laborstat"
  config 'pace_ms = 0' 'timeout_s = 2' 'retries = 3'
  cache="$tmp/cache/laborstat"
  log="$srvdir/requests.log"
}
config() { printf '%s\n' "$@" >"$tmp/config/laborstat/config"; chmod 600 "$tmp/config/laborstat/config"; }
# the store's integrity and hash, and the cache's verification: what "nothing changed" compares
state() { sqlite3 "$db" 'PRAGMA integrity_check'; sha "$db"; (cd "$cache" 2>/dev/null && find . -type f ! -name api-quota.tsv | sort | xargs -r sha256sum); }
expect_state() { state >"$tmp/state.now"; diff -q "$1" "$tmp/state.now" >/dev/null || fail "store or cache changed: $(diff "$1" "$tmp/state.now" | head -6)"; }

