#!/usr/bin/env bash
# Command-line tests: run the real laborstat binary and compare with expected files.
# usage: cli_test.sh LABORSTAT WORKDIR CASE
#   CASE "setup" builds WORKDIR/template.db (the snapshot loaded once); other cases copy it.
set -u
bin=$1
work=$2
case_name=$3
here=$(cd "$(dirname "$0")" && pwd)
expected="$here/../expected/cli"
data="$here/../data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/store.db"
fails=0

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

case "$case_name" in
setup)
  mkdir -p "$work"
  rm -f "$work/template.db"
  "$bin" --db "$work/template.db" datasets >/dev/null || fail "cannot load the snapshot"
  ;;
version)
  run --version; expect_code 0; expect_out "laborstat 0.1.0"
  ;;
help)
  run --help; expect_code 0; expect_out "Commands:"; expect_out "Exit status: 0 success"
  for c in datasets find import plot wages; do
    run help "$c"; expect_code 0; cp "$tmp/out" "$tmp/help1"
    run "$c" --help; expect_code 0
    cmp -s "$tmp/out" "$tmp/help1" || fail "'help $c' and '$c --help' differ"
    grep -q "^usage: laborstat $c" "$tmp/out" || fail "help of $c has no usage line"
  done
  ;;
usage_errors)
  use_template
  run nosuch; expect_code 2; expect_err "laborstat: unknown command 'nosuch'"
  run wages; expect_code 2; expect_err "name at least one occupation code"
  run wages 29-9021 --year abc; expect_code 2; expect_err "--year needs a May year"
  run wages nursing; expect_code 2; expect_err "not an SOC occupation code"
  run --format xml datasets; expect_code 2; expect_err "unknown format 'xml'"
  run plot wages 29-9021 --out chart.gif; expect_code 2; expect_err "--out FILE.png"
  run wages 29-9021 --bogus; expect_code 2; expect_err "unknown or incomplete option '--bogus'"
  ;;
wages_table)
  use_template
  run wages 29-9021 --year 2023; expect_code 0; expect_golden wages_29-9021_2023.txt
  run wages 11-3021 --year 2022; expect_code 0
  expect_out "Annual 90th percentile  >= \$239,200 (top-coded)"
  ;;
wages_csv)
  use_template
  run wages 29-9021 11-3021 --year 2023 --format csv; expect_code 0
  expect_golden wages_2023.csv
  python3 - "$tmp/out" <<'PY' || fail "the CSV does not read as one rectangular table"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == len(rows[0]) for r in rows), "ragged"
h = rows[0]
med = [r for r in rows[1:] if r[h.index("occ_code")] == "29-9021" and r[h.index("measure")] == "a_median"]
assert med[0][h.index("value")] == "62990" and med[0][h.index("state")] == "published", med
PY
  ;;
wages_json)
  use_template
  run wages 29-9021 --year 2023 --format json; expect_code 0; expect_golden wages_29-9021_2023.json
  # the fit, checked against an independent least-squares fit (Python statistics.NormalDist:
  # mu 11.062570613264787, sigma 0.4160224895091529, share above $100,000 0.13950959975481625)
  run --format json wages 29-9021 --year 2023 --at 100000 --quantile 0.5; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "the fit section is not what it should be"
import json, sys
f = json.load(open(sys.argv[1]))[0]["fit"]
assert f["fitted"] and f["model"] == "lognormal" and f["n_points"] == 5, f
assert abs(f["mu"] - 11.062570613264787) < 1e-9 and abs(f["sigma"] - 0.4160224895091529) < 1e-9
assert abs(f["shares"][0]["above"] - 0.13950959975481625) < 1e-9
assert f["quantiles"][0]["p"] == 0.5 and len(f["quantiles"][0]["bootstrap95"]) == 2
assert f["published_mean"] == 70260 and f["mean_gap_pct"] < 0
PY
  run --format json wages 11-3021 --year 2022; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "JSON is not what it should be"
import json, sys
cells = json.load(open(sys.argv[1]))
assert isinstance(cells, list) and len(cells) == 1
m = cells[0]["measures"]
assert m["a_pct90"] == {"value": 239200, "state": "topcoded", "bound": "lower"}, m["a_pct90"]
assert m["a_median"]["value"] == 164070 and m["a_median"]["state"] == "published"
assert m["jobs_1000"] == {"value": None, "state": "missing"}
PY
  ;;
wages_state)
  use_template
  run wages 15-1212 --area California --year 2024; expect_code 0
  expect_out "California (06), May 2024"; expect_out "Annual mean wage        \$152,640"
  run wages 15-1212 --area Atlantis; expect_code 1; expect_err "no area matches 'Atlantis'"
  run wages 29-9021 --year 2016; expect_code 1; expect_err "years with data: 2021, 2022, 2023, 2024, 2025"
  # 152,640 / (BEA RPP California 2023 112.581 / 100) = 135,582
  run wages 15-1212 --area CA --year 2024 --basis rpp; expect_code 0
  expect_out "Annual mean wage        \$135,582"; expect_out "BEA RPP 2023 for California = 112.581"
  # 37,110 x CPI-U 2024 313.689 / CPI-U 2015 237.017 = 49,114.6
  run wages 29-2071 --year 2015 --basis real; expect_code 0
  expect_out "Annual median wage       \$49,115"; expect_out "real 2024 dollars"
  run wages 15-1212 --area 31080 --basis rpp; expect_code 2; expect_err "price parities are held for states only"
  ;;
find)
  use_template
  run find "health information"; expect_code 0; expect_golden find_health_information.txt
  run --format csv find texas; expect_code 0; expect_out "area,48,,Texas,state,,"
  ;;
datasets)
  use_template
  run datasets; expect_code 0
  expect_out_re "^oews +national +2024 +2018 +1396 +snapshot"
  run --format json datasets; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "datasets JSON"
import json, sys
rel = json.load(open(sys.argv[1]))
nat = [r for r in rel if r["source"] == "oews" and r["scope"] == "national"]
assert [r["vintage"] for r in nat][:11] == [str(y) for y in range(2014, 2025)], nat
assert all("oews_national_M" in r["origin_files"] for r in nat)
assert all(isinstance(r["rows"], (int, float)) and r["rows"] > 1000 for r in nat)
PY
  ;;
import_good)
  use_template
  run import "$data/oews/national_M2016_dl.csv"; expect_code 0
  expect_out "national May 2016, 7 rows"; expect_out "replacing the earlier copy"
  run --format json wages 29-2071 --year 2016; expect_code 0; expect_out '"origin_kind":	"import"'
  ;;
import_bad)
  use_template
  before=$(sha "$db")
  run import "$data/bad/bad_value_M2023.csv"; expect_code 1
  expect_err "bad_value_M2023.csv:3:101: expected a non-negative number or one of # * ** ~ - in column 'TOT_EMP', got '18569O'"
  run import "$data/oews/national_M2016_dl.csv" "$data/bad/short_row_M2023.csv"; expect_code 1
  expect_err "short_row_M2023.csv:3:"
  [ "$(sha "$db")" = "$before" ] || fail "a failed import changed the store"
  rm -f "$db"
  run import "$data/bad/missing_column_M2023.csv"; expect_code 1
  expect_err "missing_column_M2023.csv:1:1: missing required column 'OCC_CODE'"
  [ ! -e "$db" ] || fail "a failed import into a new store left the store behind"
  ;;
plot)
  use_template
  for ext in png svg pdf; do
    run --quiet plot wages 29-9021 29-2072 11-3021 --year 2023 --out "$tmp/w.$ext"; expect_code 0
    [ -s "$tmp/w.$ext" ] || fail "no $ext written"
  done
  [ "$(head -c 8 "$tmp/w.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "not a PNG"
  grep -q "</svg>" "$tmp/w.svg" || fail "SVG not complete"
  if command -v xmllint >/dev/null; then xmllint --noout "$tmp/w.svg" || fail "SVG is not XML"; fi
  [ "$(head -c 5 "$tmp/w.pdf")" = "%PDF-" ] || fail "not a PDF"
  if command -v pdfinfo >/dev/null; then pdfinfo "$tmp/w.pdf" | grep -q "^Pages: *1$" || fail "PDF pages"; fi
  PATH=/nonexistent run plot wages 29-9021 --out "$tmp/x.png"; expect_code 1
  expect_err "gnuplot-nox"
  ;;
roles)
  use_template
  run roles; expect_code 0; expect_golden roles_health-it.txt
  run help roles; expect_code 0; cp "$tmp/out" "$tmp/help1"
  run roles --help; expect_code 0
  cmp -s "$tmp/out" "$tmp/help1" || fail "'help roles' and 'roles --help' differ"
  run --format csv roles; expect_code 0
  # Every code of every role exists in the store in the SOC edition it is listed under.
  python3 - "$tmp/out" "$bin" "$db" <<'PY' || fail "roles CSV or its codes"
import csv, subprocess, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 52, len(rows)
assert {r["role"] for r in rows} >= {"health-informatics-specialist", "clinical-data-analyst",
                                      "health-it-manager", "ai-health-data-scientist"}
have = {}
for code in sorted({r["code"] for r in rows} | {r["fallback"] for r in rows if r["fallback"]}):
    out = subprocess.run([sys.argv[2], "--db", sys.argv[3], "--format", "csv", "find", code],
                         capture_output=True, text=True, check=True).stdout
    have[code] = {(f["code"], f["soc_edition"]) for f in csv.DictReader(out.splitlines())}
for r in rows:
    ok = (r["code"], r["soc_edition"]) in have[r["code"]]
    assert ok, (r["role"], r["soc_edition"], r["code"])
    if r["fallback"]:
        assert (r["fallback"], r["soc_edition"]) in have[r["fallback"]], r
    assert r["rationale"] and r["code_note"], r
his = [r for r in rows if r["role"] == "health-informatics-specialist"]
assert [(r["soc_edition"], r["code"]) for r in his] == [("2018", "15-1211"), ("hybrid", "15-1211"), ("2010", "15-1121")], his
assert "15-1211.01" in his[0]["notes"] and his[0]["industry_naics"] == "62"
PY
  # The claims seed file: its columns, measures, and a role or SOC code in every 'who'.
  python3 - "$tmp/out" "$here/../../datasets/claims/seed-articles.csv" <<'PY' || fail "claims seed file"
import csv, re, sys
roles = {r["role"] for r in csv.DictReader(open(sys.argv[1], newline=""))}
rows = list(csv.reader(open(sys.argv[2], newline="")))
assert rows[0] == ["who", "measure", "value", "low", "high", "year", "source", "note"], rows[0]
assert len(rows) == 9 and all(len(r) == 8 for r in rows), len(rows)
for who, measure, value, low, high, year, source, note in rows[1:]:
    assert who in roles or re.fullmatch(r"\d\d-\d{4}", who), who
    assert measure in {"median", "mean", "range", "growth", "growth_vs_average"}, measure
    if measure == "growth_vs_average":
        assert value in {"faster", "slower"}, value
    for x in (value if measure != "growth_vs_average" else "", low, high):
        assert x == "" or float(x) > 0, x
    assert value or low or high or measure == "growth_vs_average"
    assert re.fullmatch(r"(\d{4}(-\d{4})?)?", year) and source and note
PY
  run roles cybersecurity-analyst --format json; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "roles JSON"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [(r["soc_edition"], r["code"]) for r in rows] == [("2018", "15-1212"), ("hybrid", "15-1212"), ("2010", "15-1122")], rows
assert all(r["weighting"] == "employment" and r["weight"] is None for r in rows)
PY
  run --format json roles health-it-manager; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "fixed weights in JSON"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 6 and all(r["weighting"] == "fixed" and r["weight"] == 0.5 for r in rows), rows
PY
  run roles --file "$data/roles/custom.json" coder-auditor; expect_code 0
  expect_out "Preset my-team, version 0.1"; expect_out_re "^coder-auditor +all +2018 +29-2072 +3$"
  run roles --file "$data/roles/negative_weight.json"; expect_code 1
  expect_err "negative_weight.json:13:41: roles[0].components.2018[1].weight: weight must be a positive number or \"employment\", not -1"
  run roles --file "$data/roles/malformed.json"; expect_code 1
  expect_err "malformed.json:5:44: malformed JSON at '}"
  run roles --file "$data/roles/nonexistent.json"; expect_code 1; expect_err "cannot open the role file"
  run roles astronaut; expect_code 1; expect_err "no role or preset called 'astronaut' (presets: health-it"
  run roles --preset compliance-officer; expect_code 1; expect_err "not a preset"
  run roles --preset health-it --file "$data/roles/custom.json"; expect_code 2; expect_err "not both"
  ;;
*)
  echo "unknown case $case_name" >&2; exit 2
  ;;
esac
if [ "$fails" -ne 0 ]; then echo "$case_name: $fails failure(s)" >&2; exit 1; fi
echo "$case_name: ok"
