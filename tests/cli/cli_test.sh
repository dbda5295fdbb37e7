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

. "$here/lib.sh"

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
  for c in cache check compare datasets diff fetch find import plot project rank roles shiftshare \
    stats trend wages; do
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
  run wages nursing; expect_code 2; expect_err "'nursing' is neither an SOC code such as 29-9021 nor a role"
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
wages_role)
  use_template
  # a one-code role is that code's fitted distribution: the role median is exp(mu)
  run --format json wages health-informatics-specialist --year 2024 --at 100000; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "role JSON"
import json, math, sys
r = json.load(open(sys.argv[1]))[0]
c = r["components"]
assert r["role"] == "health-informatics-specialist" and r["year"] == 2024, r
assert [x["code"] for x in c] == ["15-1211"] and c[0]["weight"] == 1
assert abs(r["distribution"]["median"] / math.exp(c[0]["mu"]) - 1) < 1e-9
# the fit section of a one-code role: the Gini of that code's lognormal, 2 Phi(sigma/sqrt 2) - 1
from statistics import NormalDist
f = r["fit"]
assert f["mu"] is None and abs(f["gini"] - (2 * NormalDist().cdf(c[0]["sigma"] / math.sqrt(2)) - 1)) < 1e-12
assert f["shares"][0]["wage"] == 100000 and f["implied_mean"] == r["distribution"]["mean"]
assert any("15-1211.01" in n for n in r["notes"])
PY
  # the CMIO / health IT manager role: fixed 0.5/0.5 weights, health care sector (NAICS 62)
  # figures of May 2024 (BLS natsector file: 11-3021 employment 20,290; 11-9111 445,150)
  run wages health-it-manager --year 2024; expect_code 0
  expect_out_re "^11-3021 +Computer and Information Systems Managers +62 +20,290 +50.0%"
  expect_out_re "^11-9111 +Medical and Health Services Managers +62 +445,150 +50.0%"
  run wages health-it; expect_code 0; expect_out "Role distribution"
  run wages nosuchrole; expect_code 2; expect_err "neither an SOC code"
  run wages health-it 29-9021; expect_code 2; expect_err "one role or preset at a time"
  ;;
mixtures)
  use_template
  # a custom region: the employment-weighted mixture of the areas' fitted distributions; with
  # one area it is that area's fit (median exp(mu))
  run --format json wages 15-1212 --area CA,NV,AZ --year 2024; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "region JSON"
import json, sys
r = json.load(open(sys.argv[1]))[0]
c = r["components"]
assert r["region"] == "06+32+04" and [x["code"] for x in c] == ["06", "32", "04"], r
# May 2024 state employment of 15-1212: CA 15,800, NV 1,570, AZ 4,170
assert [x["employment"] for x in c] == [15800, 1570, 4170]
assert abs(c[0]["weight"] - 15800 / (15800 + 1570 + 4170)) < 1e-12
d = r["distribution"]
assert d["p10"] < d["p25"] < d["median"] < d["p75"] < d["p90"]
PY
  run --format json wages 15-1212 --area CA --year 2024 --quantile 0.5; expect_code 0
  cp "$tmp/out" "$tmp/ca.json"
  run --format json wages 15-1212 --area CA,CA --year 2024; expect_code 0
  python3 - "$tmp/ca.json" "$tmp/out" <<'PY' || fail "a region of one area is that area"
import json, sys
one = json.load(open(sys.argv[1]))[0]["fit"]["quantiles"][0]["value"]
reg = json.load(open(sys.argv[2]))[0]["distribution"]["median"]
assert abs(reg / one - 1) < 1e-9, (reg, one)
PY
  run wages 15-1212 29-9021 --area CA,TX; expect_code 2; expect_err "takes one SOC code"
  # project ROLE: BLS 2024-34, 11-3021 +15.2%, 11-9111 +23.2%, fixed weights 0.5/0.5 -> +19.2%
  run --format json project health-it-manager; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "project ROLE"
import json, sys
r = json.load(open(sys.argv[1]))[0]
c = {x["code"]: x for x in r["components"]}
assert round(c["11-3021"]["pct_change"], 1) == 15.2 and round(c["11-9111"]["pct_change"], 1) == 23.2
t = r["total"]
assert t["weights"] == "fixed"
assert abs(t["pct_change"] - (c["11-3021"]["pct_change"] + c["11-9111"]["pct_change"]) / 2) < 1e-9
assert t["emp_base"] == c["11-3021"]["emp_base"] + c["11-9111"]["emp_base"]
PY
  run project clinical-data-analyst --area CA; expect_code 0
  expect_out "different cycles"
  # compare ROLE: cross-industry everywhere, the nation last
  run --format csv compare cybersecurity-analyst --areas CA,TX --year 2024; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "compare ROLE"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["area"] for r in rows] == ["06", "48", "US"], rows
assert float(rows[2]["median_vs_us_pct"]) == 0
PY
  ;;
check)
  use_template
  run --format json check "$here/../../datasets/claims/seed-articles.csv"; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "check verdicts"
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == 8, len(v)
by = {(x["who"], x["measure"]): x for x in v}
# "IT manager average $127,640": the May 2014 median of 11-3021; the mean was $136,280
x = by[("11-3021", "mean")]
assert x["verdict"] == "contradicted" and x["data_value"] == 136280 and "median" in x["explanation"]
x = by[("29-2071", "mean")]
assert x["verdict"] == "contradicted" and x["data_value"] == 38860
# realized: May 2014 29-2071 184,740 -> May 2024 29-2072 + 29-9021 (187,910 + 37,620 = 225,530)
x = by[("29-2071", "growth")]
assert abs(x["data_value"] - 100 * (225530 / 184740 - 1)) < 1e-9, x
x = by[("29-2071", "growth_vs_average")]
assert x["verdict"] == "supported", x
assert all(x["verdict"] in ("supported", "contradicted", "partly supported", "not verifiable") for x in v)
PY
  printf 'who,measure,value\n29-9021,median,abc\n' >"$tmp/bad.csv"
  run check "$tmp/bad.csv"; expect_code 1; expect_err "bad.csv:2:1: expected a number in column 'value'"
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
import_flatfile)
  # the May 2024 national figures as BLS's flat files hold them import to the release table's values
  use_template
  run --format csv wages 29-9021 11-1011 15-1212 00-0000 --year 2024; expect_code 0
  cut -d, -f1-12 "$tmp/out" > "$tmp/before"
  run import "$data/flatfiles/M2024/oe.data.0.Current"; expect_code 0
  expect_out "national May 2024, 4 rows"; expect_out "replacing the earlier copy"
  run --format csv wages 29-9021 11-1011 15-1212 00-0000 --year 2024; expect_code 0
  expect_out "(imported file)"
  cut -d, -f1-12 "$tmp/out" > "$tmp/after"
  cmp -s "$tmp/before" "$tmp/after" || fail "flat-file values differ: $(diff "$tmp/before" "$tmp/after" | head -5)"
  # the data file's SHA-256 (hashed on a thread of its own while the rows were read) is the release's
  run datasets --format csv; expect_code 0
  expect_out "$(sha256sum "$data/flatfiles/M2024/oe.data.0.Current" | cut -c1-64)"
  # a bad value is located in the flat file, and the store is left as it was
  mkdir "$tmp/ff" && cp "$data/flatfiles/M2024"/oe.* "$tmp/ff/"
  sed -i '5s/67920/6792O/' "$tmp/ff/oe.data.0.Current"
  before=$(sha "$db")
  run import "$tmp/ff/oe.data.0.Current"; expect_code 1
  expect_err "oe.data.0.Current:5:48: expected a non-negative number or '-' as the value, got '6792O'"
  [ "$(sha "$db")" = "$before" ] || fail "a failed flat-file import changed the store"
  cp "$data/flatfiles/M2024/oe.data.0.Current" "$tmp/ff/" # a row cut short after its period
  sed -i '7s/\t[^\t]*\t[^\t]*$//' "$tmp/ff/oe.data.0.Current"
  run import "$tmp/ff/oe.data.0.Current"; expect_code 1
  expect_err "oe.data.0.Current:7:"; expect_err "short row: expected 4 fields as in the header, found 3"
  [ "$(sha "$db")" = "$before" ] || fail "a failed flat-file import changed the store"
  rm "$tmp/ff/oe.area"
  run import "$tmp/ff/oe.data.0.Current"; expect_code 1
  expect_err "needs the mapping file oe.area beside the data file"
  ;;
import_xlsx)
  # a workbook written by openpyxl from the same figures imports to the same values as the CSV
  command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c "import openpyxl" 2>/dev/null ||
    { echo "skipped: python3-openpyxl not installed (scripts/setup.sh --tests installs it)"; exit 77; }
  use_template
  /usr/bin/python3 "$here/make_xlsx.py" "$data/oews/national_M2016_dl.csv" "$tmp/national_M2016_dl.xlsx" \
    national_M2016_dl || fail "could not write the workbook"
  run import "$data/oews/national_M2016_dl.csv"; expect_code 0
  run --format csv wages 00-0000 11-0000 29-2071 --year 2016; expect_code 0
  cut -d, -f1-12 "$tmp/out" > "$tmp/from_csv"
  run import --sheet "Field Descriptions" "$tmp/national_M2016_dl.xlsx"; expect_code 1
  expect_err "national_M2016_dl.xlsx:2:1: no OEWS measure column"
  run import "$tmp/national_M2016_dl.xlsx"; expect_code 0
  expect_out "national May 2016, 7 rows"; expect_out "replacing the earlier copy"
  run --format csv wages 00-0000 11-0000 29-2071 --year 2016; expect_code 0
  cut -d, -f1-12 "$tmp/out" > "$tmp/from_xlsx"
  cmp -s "$tmp/from_csv" "$tmp/from_xlsx" || fail "xlsx values differ: $(diff "$tmp/from_csv" "$tmp/from_xlsx" | head -5)"
  grep -q ",topcoded," "$tmp/from_xlsx" || fail "the top-coded '#' was lost"
  before=$(sha "$db")
  run import --sheet '#2' "$tmp/national_M2016_dl.xlsx"; expect_code 1
  run import --sheet Nope "$tmp/national_M2016_dl.xlsx"; expect_code 1
  expect_err "national_M2016_dl"
  [ "$(sha "$db")" = "$before" ] || fail "a failed workbook import changed the store"
  # the same workbook inside a zip as BLS ships it; then hostile archives change nothing
  (cd "$tmp" && mkdir oesm16nat && cp national_M2016_dl.xlsx oesm16nat/ &&
    /usr/bin/python3 -c 'import sys, zipfile
with zipfile.ZipFile("oesm16nat.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("oesm16nat/national_M2016_dl.xlsx")
with zipfile.ZipFile("evil.zip", "w") as z:
    z.writestr("../x.xlsx", "not a workbook")
with zipfile.ZipFile("empty.zip", "w") as z:
    z.writestr("readme.txt", "nothing here")') || fail "could not write the archives"
  mkdir "$tmp/tmpdir" && export TMPDIR="$tmp/tmpdir"
  run import "$tmp/oesm16nat.zip"; expect_code 0
  expect_out "national May 2016, 7 rows"
  run --format csv wages 00-0000 11-0000 29-2071 --year 2016; expect_code 0
  cut -d, -f1-12 "$tmp/out" > "$tmp/from_zip"
  cmp -s "$tmp/from_csv" "$tmp/from_zip" || fail "zip values differ"
  before=$(sha "$db")
  run import "$tmp/evil.zip"; expect_code 1; expect_err "archive member '../x.xlsx' has an unsafe name"
  [ ! -e "$tmp/../x.xlsx" ] || fail "an archive member was written outside"
  run import "$tmp/empty.zip"; expect_code 1; expect_err "holds no OEWS table (.xlsx or .csv); members: 'readme.txt'"
  printf '<html><body>Access Denied</body></html>' > "$tmp/oesm16st.zip"
  run import "$tmp/oesm16st.zip"; expect_code 1; expect_err "is not a zip archive"
  run import --sheet Nope "$tmp/oesm16nat.zip"; expect_code 1
  expect_err "oesm16nat.zip:oesm16nat/national_M2016_dl.xlsx: no sheet 'Nope'"
  [ "$(sha "$db")" = "$before" ] || fail "a failed archive import changed the store"
  [ -z "$(ls -A "$tmp/tmpdir")" ] || fail "a temporary file was left behind: $(ls -A "$tmp/tmpdir")"
  ;;
import_ep)
  # BLS's own Employment Projections workbook imports to exactly the rows of the snapshot, which
  # were derived from an independent CSV copy of the same table
  wb="$here/../../../shared/reference/projections/bls_ep_occupation_2023-33_as_committed_modified.xlsx"
  [ -f "$wb" ] || { echo "skipped: ../shared/reference not present"; exit 77; }
  use_template
  run --format csv project 29-9021; expect_code 0 # loads the projections part of the snapshot
  q="select p.occ_code, p.occ_title, p.occ_type, p.emp_base, p.emp_proj, p.change, p.pct_change,
     p.self_emp_pct, p.openings, p.median_wage, p.education, p.experience, p.training
     from projection p join release r on r.id = p.release_id
     where r.source = 'ep' and r.vintage = '2023-2033' order by p.occ_code"
  sqlite3 "$db" "$q" > "$tmp/snap"
  [ "$(wc -l < "$tmp/snap")" = 1113 ] || fail "the snapshot holds $(wc -l < "$tmp/snap") EP rows"
  run import "$wb"; expect_code 0
  expect_out "BLS Employment Projections national 2023-2033, 1,113 rows, replacing the earlier copy"
  sqlite3 "$db" "$q" > "$tmp/wb"
  cmp -s "$tmp/snap" "$tmp/wb" || fail "workbook rows differ: $(diff "$tmp/snap" "$tmp/wb" | head -4)"
  [ "$(sqlite3 "$db" "select origin_kind from release where source='ep' and vintage='2023-2033'")" = import ] ||
    fail "the imported release is not recorded as an import"
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
  [ -s "$tmp/w.png.gp" ] || fail "no gnuplot script beside the chart"
  # an existing chart is never overwritten silently
  before=$(sha "$tmp/w.svg")
  run --quiet plot wages 29-9021 --year 2023 --out "$tmp/w.svg"; expect_code 1
  expect_err "w.svg already exists: pass --force to overwrite it"
  [ "$(sha "$tmp/w.svg")" = "$before" ] || fail "the chart was overwritten without --force"
  run --quiet plot wages 29-9021 --year 2023 --out "$tmp/w.svg" --force; expect_code 0
  [ "$(sha "$tmp/w.svg")" != "$before" ] || fail "--force did not overwrite"
  grep -q "^set output '" "$tmp/w.png.gp" || fail "the script does not set its output"
  # the chart's data beside it as CSV: the published May 2023 median of 29-9021 is in it
  grep -q "62990" "$tmp/w.png.csv" || fail "no data CSV beside the chart"
  run --quiet plot wages health-it --year 2024 --out "$tmp/roles.svg"; expect_code 0
  grep -q "Health informatics specialist" "$tmp/roles.svg" || fail "role labels missing"
  # one box without top-codes (gnuplot 5.4 crashed on an empty labels plot)
  run --quiet plot wages 29-9021 --year 2023 --out "$tmp/one.png"; expect_code 0
  # --density: each occupation's fitted lognormal above its box (11-3021 has a top-coded P90)
  for ext in png svg; do
    run --quiet plot wages 29-9021 29-2072 15-1212 11-3021 --year 2023 --density \
      --out "$tmp/d.$ext"; expect_code 0
  done
  [ "$(head -c 8 "$tmp/d.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "density: not a PNG"
  grep -q "Fitted lognormal density" "$tmp/d.svg" || fail "density: no key entry"
  grep -q '^\$density << EOD' "$tmp/d.png.gp" || fail "density: no datablock"
  [ "$(grep -c '^4 ' "$tmp/d.png.gp")" -ge 96 ] || fail "density: 11-3021 not sampled"
  grep -q "density: lognormal fitted to the published percentiles" "$tmp/d.png.gp" \
    || fail "density: caption"
  ! grep -q '\$density' "$tmp/w.png.gp" || fail "density drawn without --density"
  run plot wages health-it --density --out "$tmp/x.png"; expect_code 2
  expect_err "--density is for occupations"
  run plot nosuch --out "$tmp/x.png"; expect_code 2; expect_err "unknown chart kind 'nosuch'"
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
stats_summary)
  nist="$data/nist"
  run help stats; expect_code 0; cp "$tmp/out" "$tmp/help1"
  run stats --help; expect_code 0
  cmp -s "$tmp/out" "$tmp/help1" || fail "'help stats' and 'stats --help' differ"
  grep -q "^usage: laborstat stats summary" "$tmp/out" || fail "help of stats has no usage line"
  run stats summary "$nist/Lew.csv"; expect_code 0; expect_golden stats_summary_lew.txt
  run --format csv stats summary "$nist/Norris.csv"; expect_code 0
  expect_golden stats_summary_norris.csv
  run stats summary "$nist/Longley.csv" --column x6 --format json; expect_code 0
  python3 - "$tmp/out" "$nist/certified.csv" <<'PY' || fail "summary JSON"
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list) and len(rows) == 1, rows
r = rows[0]
keys = ["column", "n", "skipped", "mean", "sd", "min", "p10", "p25", "median", "p75", "p90",
        "max", "lag1_autocorrelation"]
assert list(r) == keys, list(r)
# Longley's x6 is the years 1947..1962: mean 1954.5, sd sqrt(sum k^2 / 15) over k = -7.5..7.5,
# lag-1 = sum d_i d_{i-1} / sum d_i^2 = (340 - 15 * 0.25 - ...) computed here directly.
years = list(range(1947, 1963))
m = sum(years) / 16
d = [y - m for y in years]
ss = sum(v * v for v in d)
assert r["column"] == "x6" and r["n"] == 16 and r["skipped"] == 0
assert r["mean"] == 1954.5 and r["min"] == 1947 and r["max"] == 1962 and r["median"] == 1954.5
assert abs(r["sd"] - (ss / 15) ** 0.5) < 1e-12
assert abs(r["lag1_autocorrelation"] - sum(d[i] * d[i - 1] for i in range(1, 16)) / ss) < 1e-15
assert abs(r["p10"] - 1948.5) < 1e-12 and abs(r["p90"] - 1960.5) < 1e-12
PY
  run --format json stats summary "$nist/PiDigits.csv"; expect_code 0
  python3 - "$tmp/out" "$nist/certified.csv" <<'PY' || fail "PiDigits JSON against NIST"
import csv, json, sys
r = json.load(open(sys.argv[1]))[0]
cert = {row["quantity"]: float(row["value"]) for row in csv.DictReader(open(sys.argv[2]))
        if row["dataset"] == "PiDigits"}
for k in ("mean", "sd", "lag1_autocorrelation"):
    assert abs(r[k] - cert[k]) <= 1e-9 * abs(cert[k]), (k, r[k], cert[k])
PY
  printf 'year,wage,name,emp\n2019,50000,a,10\n2020,NA,b,12\n2021,52000.5,c,\n2022,"53,100",d,15\n2023,x,e,16\n' >"$tmp/own.csv"
  run --format csv stats summary "$tmp/own.csv"; expect_code 0
  expect_out "column,n,skipped,mean"; expect_out "wage,3,2,51700.166666666664,"
  expect_out "emp,4,1,13.25,"; expect_out "year,5,0,2021,"
  grep -q "^name," "$tmp/out" && fail "the text column 'name' was summarised"
  run stats summary "$tmp/own.csv" --column name; expect_code 1; expect_err "column 'name' holds no numbers"
  run stats summary "$tmp/own.csv" --column salary; expect_code 1
  expect_err "own.csv:1:1: no column 'salary' in the header (it has 'year', 'wage', 'name', 'emp')"
  printf 'y,x\n1,2\n3\n' >"$tmp/short.csv"
  run stats summary "$tmp/short.csv"; expect_code 1; expect_err "short.csv:3:1: this row has 1 fields but the header has 2"
  run stats summary "$tmp/none.csv"; expect_code 1; expect_err "cannot open"
  run stats summary; expect_code 2; expect_err "name exactly one CSV file after 'summary'"
  run stats median "$tmp/own.csv"; expect_code 2; expect_err "unknown statistic 'median'"
  run stats summary "$tmp/own.csv" --y wage; expect_code 2; expect_err "belong to 'stats regress'"
  ;;
stats_regress)
  nist="$data/nist"
  run stats regress "$nist/Longley.csv" --y y --x x1,x2,x3,x4,x5,x6; expect_code 0
  expect_golden stats_regress_longley.txt
  run --format csv stats regress "$nist/Pontius.csv" --y y --x x --degree 2; expect_code 0
  expect_golden stats_regress_pontius.csv
  python3 - "$tmp/out" <<'PY' || fail "the CSV does not read as one rectangular table"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == len(rows[0]) for r in rows), "ragged"
assert [r[0] for r in rows] == ["term", "intercept", "x", "x^2"], rows
PY
  for spec in "Filip:10" "Wampler4:5" "NoInt1:1:--no-intercept"; do
    IFS=: read -r name degree flag <<<"$spec"
    run --format json stats regress "$nist/$name.csv" --y y --x x --degree "$degree" $flag
    expect_code 0
    python3 - "$tmp/out" "$nist/certified.csv" "$name" <<'PY' || fail "$name JSON against NIST"
import csv, json, sys
fits = json.load(open(sys.argv[1]))
assert isinstance(fits, list) and len(fits) == 1
f = fits[0]
for k in ("coefficients", "residual_sd", "r_squared", "adj_r_squared", "n", "df"):
    assert k in f, k
cert = {row["quantity"]: float(row["value"]) for row in csv.DictReader(open(sys.argv[2]))
        if row["dataset"] == sys.argv[3]}
def close(a, b):
    return abs(a - b) <= 1e-9 * abs(b) if b else abs(a) <= 1e-9
for c in f["coefficients"]:
    assert list(c) == ["term", "estimate", "std_error", "t", "p"], list(c)
    assert close(c["estimate"], cert["estimate:" + c["term"]]), c
    assert close(c["std_error"], cert["std_error:" + c["term"]]), c
    assert 0 <= c["p"] <= 1
assert close(f["residual_sd"], cert["residual_sd"]) and close(f["r_squared"], cert["r_squared"])
assert f["df"] == f["n"] - len(f["coefficients"])
assert f["r_squared_kind"] == ("uncentred" if sys.argv[3] == "NoInt1" else "centred")
PY
  done
  printf 'y,x,z\n1,2,4\n2,4,8\n3,5,10\n4,9,18\n5,1,2\n' >"$tmp/dup.csv"
  run stats regress "$tmp/dup.csv" --y y --x x,z; expect_code 1; expect_err "rank-deficient"
  run stats regress "$tmp/dup.csv" --y y --x x --degree 4; expect_code 1
  expect_err "5 observations cannot estimate 5 coefficients"
  printf 'wage,year\n50000,2019\nNA,2020\n52000,2021\n' >"$tmp/na.csv"
  run stats regress "$tmp/na.csv" --y wage --x year; expect_code 1
  expect_err "na.csv:3:1: missing value in column 'wage' ('NA')"
  printf 'wage,year\n50000,2019\n51000,twenty\n52000,2021\n' >"$tmp/text.csv"
  run stats regress "$tmp/text.csv" --y wage --x year; expect_code 1
  expect_err "text.csv:3:7: expected a number in column 'year', got 'twenty'"
  run stats regress "$tmp/text.csv" --y wage; expect_code 2; expect_err "needs --y NAME and --x"
  run stats regress "$tmp/text.csv" --y wage --x year,,z; expect_code 2
  expect_err "--x needs column names separated by commas"
  run stats regress "$tmp/text.csv" --y wage --x year --degree 99; expect_code 2
  expect_err "--degree needs a whole number from 1 to 20"
  run stats regress "$tmp/dup.csv" --y y --x x,z --degree 2; expect_code 2
  expect_err "--degree takes exactly one --x column"
  run stats regress "$tmp/dup.csv" --y y --x y; expect_code 2; expect_err "both the response and a predictor"
  run stats regress "$tmp/dup.csv" --y y --x x --column x; expect_code 2; expect_err "--column belongs to 'stats summary'"
  ;;
compare)
  snap="$here/../../datasets/snapshot"
  use_template
  for c in compare rank diff shiftshare; do
    run help "$c"; expect_code 0; cp "$tmp/out" "$tmp/help1"
    run "$c" --help; expect_code 0
    cmp -s "$tmp/out" "$tmp/help1" || fail "'help $c' and '$c --help' differ"
    grep -q "^usage: laborstat $c" "$tmp/out" || fail "help of $c has no usage line"
  done
  run compare 15-1212 --areas CA,TX,NY --year 2024; expect_code 0
  expect_golden compare_15-1212_2024.txt
  run --format csv compare 15-1212 --areas CA,TX,NY --year 2024; expect_code 0
  # Independent check: values, SEs and z-tests recomputed from the snapshot with NormalDist.
  python3 - "$tmp/out" "$snap/oews-state.lsnap" "$snap/oews-national.lsnap" <<'PY' || fail "compare CSV"
import csv, math, sys
from statistics import NormalDist
def cells(path, vintage, occ):
    rel = cols = None; out = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "@release": rel = dict(x.split("=", 1) for x in f[1:])
        elif f[0] == "@columns": cols = f[1:]
        elif not f[0].startswith(("@", "#")) and rel["vintage"] == vintage:
            r = dict(zip(cols, f))
            if r["occ_code"] == occ: out[r["area"]] = r
    return out
st = cells(sys.argv[2], "2024", "15-1212"); us = cells(sys.argv[3], "2024", "15-1212")["US"]
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["area"] for r in rows] == ["06", "48", "36", "US"], rows
assert rows[3]["role"] == "reference" and float(rows[3]["value"]) == float(us["a_mean"])
zc = NormalDist().inv_cdf(0.975)
for r in rows[:3]:
    src = st[r["area"]]
    v, se = float(src["a_mean"]), float(src["a_mean"]) * float(src["mean_prse"]) / 100
    assert float(r["value"]) == v and abs(float(r["se"]) - se) < 1e-9, r
    assert abs(float(r["ci95_low"]) - (v - zc * se)) < 1e-6, r
for r in rows[1:3]:
    a, b = st[r["area"]], st["06"]
    sa = float(a["a_mean"]) * float(a["mean_prse"]) / 100
    sb = float(b["a_mean"]) * float(b["mean_prse"]) / 100
    z = (float(a["a_mean"]) - float(b["a_mean"])) / math.hypot(sa, sb)
    p = 2 * NormalDist().cdf(-abs(z))
    assert r["vs_area"] == "06" and abs(float(r["z"]) - z) < 1e-9 and abs(float(r["p"]) - p) < 1e-12, r
    assert r["verdict"].startswith(r["area_name"] + " is lower than California"), r
ca = rows[0]  # LQ and jobs per 1,000 from employment: (e / E_area) / (e_US / E_US)
tot = cells(sys.argv[2], "2024", "00-0000")["06"]; ustot = cells(sys.argv[3], "2024", "00-0000")["US"]
share = float(st["06"]["tot_emp"]) / float(tot["tot_emp"])
assert abs(float(ca["jobs_1000"]) - 1000 * share) < 1e-12, ca
assert abs(float(ca["lq"]) - share / (float(us["tot_emp"]) / float(ustot["tot_emp"]))) < 1e-12, ca
assert ca["lq_published"] == st["06"]["loc_quotient"] and ca["jobs_1000_published"] == st["06"]["jobs_1000"], ca
PY
  run --format json compare 15-1212 --areas CA,TX,NY --year 2024 --measure loc_quotient; expect_code 0
  # LQ recomputed from employment agrees with the published value to its two decimals.
  python3 - "$tmp/out" <<'PY' || fail "compare LQ JSON"
import json, sys
rows = json.load(open(sys.argv[1]))
ca = rows[0]
assert ca["area"] == "06" and ca["published"] == 0.75, ca
assert abs(ca["value"] - (15800 / 18057850) / (179430 / 154187380)) < 1e-12, ca
for r in rows[:3]:
    assert abs(r["recomputed_minus_published"]) < 0.005 and r["ci95_low"] < r["value"] < r["ci95_high"], r
assert rows[3]["role"] == "reference" and rows[3]["value"] == 1
PY
  run compare 15-1212 --areas CA,TX --year 2024 --basis rpp; expect_code 0
  expect_out "BEA RPP 2023"; expect_out "price-parity adjusted dollars"
  run compare 11-1021 --areas CA,TX --year 2024 --measure tot_emp; expect_code 0
  expect_out "no CI (RSE not published)"; expect_out "not tested: no standard error for"
  run compare 15-1212 --year 2024; expect_code 2; expect_err "name the areas with --areas"
  run compare 15-1212 --areas CA --measure tot_emp --basis rpp; expect_code 2; expect_err "--basis rpp applies to wages"
  run compare 15-1212 --areas CA --measure h_pct10; expect_code 2; expect_err "--measure is a_mean"
  run compare 15-1212 --areas CA,Atlantis; expect_code 1; expect_err "no area matches 'Atlantis'"
  run compare 15-1212 --areas 31080,CA; expect_code 1; expect_err "the areas have no May year in common"
  ;;
rank)
  snap="$here/../../datasets/snapshot"
  use_template
  run rank --occ 15-1212 --by state --year 2024 --top 10; expect_code 0
  expect_golden rank_15-1212_2024.txt
  run --format csv rank --occ 15-1212 --by state --year 2024; expect_code 0
  # The top state by mean wage, found independently in the snapshot.
  python3 - "$tmp/out" "$snap/oews-state.lsnap" <<'PY' || fail "rank CSV"
import csv, sys
rel = cols = None; best = None
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "@release": rel = dict(x.split("=", 1) for x in f[1:])
    elif f[0] == "@columns": cols = f[1:]
    elif not f[0].startswith(("@", "#")) and rel["vintage"] == "2024":
        r = dict(zip(cols, f))
        if r["occ_code"] == "15-1212" and r["a_mean"].replace(".", "").isdigit():
            if best is None or float(r["a_mean"]) > float(best["a_mean"]): best = r
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert best["area"] == "06" and rows[0]["area"] == best["area"], (best["area"], rows[0])
ranked = [r for r in rows if r["position"]]
vals = [float(r["value"]) for r in ranked]
assert vals == sorted(vals, reverse=True)
for k, r in enumerate(ranked, 1):  # a rank range spans the positions of its group
    assert int(r["rank_lo"]) <= k <= int(r["rank_hi"]), r
    same = [int(x["position"]) for x in ranked if x["group"] == r["group"]]
    assert (min(same), max(same)) == (int(r["rank_lo"]), int(r["rank_hi"])), r
unranked = [r for r in rows if not r["position"]]
assert [r["area"] for r in unranked] == ["45"] and "not available" in unranked[0]["note"], unranked
PY
  run rank --occ 15-1212 --year 2024 --basis rpp --top 3; expect_code 0
  expect_out "BEA RPP 2023"; expect_out "Puerto Rico (no BEA regional price parity"
  run rank --occ 15-1212 --year 2024 --measure loc_quotient --top 1; expect_code 0
  expect_out_re "^ +1 +Virginia \(51\) +3\.947 "
  run rank 15-1212; expect_code 2; expect_err "name the occupation with --occ"
  run rank --occ 15-1212 --by county; expect_code 2; expect_err "--by is state or msa"
  run rank --occ 15-1212 --by msa --basis rpp; expect_code 2; expect_err "--basis rpp needs --by state"
  run rank --occ 15-1212 --top 0; expect_code 2; expect_err "--top needs a positive count"
  ;;
diff)
  snap="$here/../../datasets/snapshot"
  use_template
  run diff --from 2023 --to 2024 15-1212; expect_code 0
  expect_golden diff_15-1212_2023_2024.txt
  run --format json diff --from 2023 --to 2024 15-1212; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "diff JSON"
import json, math, sys
from statistics import NormalDist
rows = {r["measure"]: r for r in json.load(open(sys.argv[1]))}
e = rows["tot_emp"]  # May 2023 175,350 (RSE 1.1%) -> May 2024 179,430 (2.1%)
se = math.hypot(175350 * 0.011, 179430 * 0.021)
assert e["diff"] == 4080 and abs(e["se"] - se) < 1e-9, e
assert abs(e["p"] - 2 * NormalDist().cdf(-4080 / se)) < 1e-12 and e["verdict"].startswith("no significant"), e
m = rows["a_mean"]  # 124,740 (0.5%) -> 127,730 (0.6%)
se = math.hypot(124740 * 0.005, 127730 * 0.006)
assert m["diff"] == 2990 and abs(m["z"] - 2990 / se) < 1e-9 and m["verdict"].startswith("May 2024 is higher"), m
assert abs(m["pct_change"] - 100 * 2990 / 124740) < 1e-9
assert rows["a_median"]["se"] is None and "no CI" in rows["a_median"]["note"]
PY
  run diff --from 2019 --to 2024 15-1212; expect_code 0; expect_out "SOC edition differs (hybrid in 2019, 2018 in 2024)"
  run diff --from 2017 --to 2018 29-1061; expect_code 0; expect_out "top-coded in both years"
  run diff --from 2024 --to 2023 15-1212; expect_code 2; expect_err "must be earlier than --to"
  run diff --from 2023 15-1212; expect_code 2; expect_err "name both releases"
  run diff --from 2015 --to 2024 15-1212; expect_code 1; expect_err "years with data"
  ;;
shiftshare)
  snap="$here/../../datasets/snapshot"
  use_template
  run shiftshare --area CA --from 2023 --to 2024; expect_code 0
  expect_golden shiftshare_CA_2023_2024.txt
  run --format csv shiftshare --area CA --from 2023 --to 2024; expect_code 0
  # Components add up to the change; and recomputed independently from the snapshot.
  python3 - "$tmp/out" "$snap/oews-state.lsnap" "$snap/oews-national.lsnap" <<'PY' || fail "shiftshare CSV"
import csv, sys
def emp(path, area):
    rel = cols = None; out = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "@release": rel = dict(x.split("=", 1) for x in f[1:])
        elif f[0] == "@columns": cols = f[1:]
        elif not f[0].startswith(("@", "#")) and rel["vintage"] in ("2023", "2024"):
            r = dict(zip(cols, f))
            if r["area"] == area and r.get("naics", "000000") == "000000" and r["tot_emp"].isdigit():
                out[(rel["vintage"], r["occ_code"])] = float(r["tot_emp"])
    return out
ca, us = emp(sys.argv[2], "06"), emp(sys.argv[3], "US")
g_n = us[("2024", "00-0000")] / us[("2023", "00-0000")] - 1
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows[-1]["occ_code"] == "total" and len(rows) == 23, len(rows)
for r in rows:
    ch = float(r["change"])
    assert abs(float(r["national_effect"]) + float(r["mix_effect"]) + float(r["regional_effect"]) - ch) < 1e-6, r
    if r["occ_code"] == "total": continue
    c = r["occ_code"]; e0, e1 = ca[("2023", c)], ca[("2024", c)]
    g_i = us[("2024", c)] / us[("2023", c)] - 1
    assert float(r["emp_from"]) == e0 and float(r["emp_to"]) == e1 and ch == e1 - e0, r
    assert abs(float(r["national_effect"]) - e0 * g_n) < 1e-6, r
    assert abs(float(r["mix_effect"]) - e0 * (g_i - g_n)) < 1e-6, r
    assert abs(float(r["regional_effect"]) - (e1 - e0 * (1 + g_i))) < 1e-6, r
tot = rows[-1]
assert abs(float(tot["change"]) - sum(float(r["change"]) for r in rows[:-1])) < 1e-6
PY
  run --format json shiftshare --area US --from 2023 --to 2024 --occ 15-1212,15-1211; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "shiftshare for the nation"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["occ_code"] for r in rows] == ["15-1212", "15-1211", "total"], rows
assert all(abs(r["regional_effect"]) < 1e-6 for r in rows)  # the nation: 0 by construction
PY
  run shiftshare --area CA --from 2023 --to 2024 --occ 15-1212; expect_code 1
  expect_err "no occupation of CA has published employment"
  run shiftshare --area CA --from 2024 --to 2023; expect_code 2; expect_err "must be earlier"
  run shiftshare --from 2023 --to 2024; expect_code 2; expect_err "name the area with --area"
  run shiftshare --area CA --from 2023 --to 2024 --occ nursing; expect_code 2; expect_err "not an SOC occupation code"
  ;;
trend)
  use_template
  run trend --help; expect_code 0; grep -q "^usage: laborstat trend" "$tmp/out" || fail "help of trend"
  # 29-2071 national annual median, May 2014-2018 (SOC 2010, one code, one top-code change)
  run trend 29-2071 --from 2014 --to 2018; expect_code 0; expect_golden trend_29-2071_2014-2018.txt
  expect_out "OEWS is not designed as a time series"
  run --format json trend 29-2071 --from 2014 --to 2018; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "29-2071 trend JSON"
import json, math, sys
d = json.load(open(sys.argv[1]))[0]
assert [p["value"] for p in d["series"]] == [35900, 37110, 38040, 39180, 40350], d["series"]
f = d["fit"]
# independent: OLS of ln(median) on centred years (see tests/unit/test_trend.c for the script)
t = [2014, 2015, 2016, 2017, 2018]; y = [35900, 37110, 38040, 39180, 40350]
x = [a - 2016 for a in t]; ly = [math.log(v) for v in y]
b = sum(a * l for a, l in zip(x, ly)) / sum(a * a for a in x)
assert abs(f["slope"] - b) < 1e-12 and f["n"] == 5 and f["basis"] == "nominal", f
assert abs(f["cagr_pct"] - 100 * ((40350 / 35900) ** 0.25 - 1)) < 1e-10, f
assert abs(f["slope_se"] - 0.0006336526900175089) < 1e-12, f
assert set(f) >= {"slope", "slope_se", "slope_ci95", "growth_pct", "growth_ci95", "cagr_pct",
                  "theil_sen_slope", "n", "basis"}, f
# real: CPI-U 2014 236.736, 2024 313.689 (reference deflators)
assert abs(d["series"][0]["real_value"] - 35900 * 313.689 / 236.736) < 1e-6, d["series"][0]
assert d["base_year"] == 2024 and d["cpi_series"] == "CUUR0000SA0"
assert [b["kind"] for b in d["breaks"]] == ["topcode"] and d["breaks"][0]["year"] == 2016, d["breaks"]
assert d["notes"][0].startswith("OEWS is not designed as a time series"), d["notes"]
assert [g["basis"] for g in d["fits"]] == ["nominal", "real"]
PY
  # 15-1212 across editions: the SOC 2010 predecessor 15-1122 is followed for 2014-2018
  run --format json trend 15-1212 --from 2014 --to 2024; expect_code 0
  expect_golden trend_15-1212_2014-2024.json
  python3 - "$tmp/out" <<'PY' || fail "15-1212 trend JSON"
import json, sys
d = json.load(open(sys.argv[1]))[0]
s = d["series"]
assert [p["year"] for p in s] == list(range(2014, 2025)), s
assert [p["occ_code"] for p in s] == ["15-1122"] * 5 + ["15-1212"] * 6
assert [p["soc_edition"] for p in s] == ["2010"] * 5 + ["hybrid"] * 2 + ["2018"] * 4
assert s[0]["value"] == 88890 and s[-1]["value"] == 124910 and all(p["in_fit"] for p in s)
kinds = sorted((b["year"], b["kind"]) for b in d["breaks"])
assert kinds == [(2016, "topcode"), (2019, "occ_code"), (2019, "soc_edition"),
                 (2021, "soc_edition"), (2022, "topcode")], kinds
assert any("15-1122" in n and "one-to-one" in n for n in d["notes"]), d["notes"]
assert d["fit"]["n"] == 11
PY
  run --format csv trend 15-1212 --from 2014 --to 2024; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "trend CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["year", "soc_edition", "occ_code", "value", "state", "real_value", "base_year",
                   "notes"], rows[0]
assert len(rows) == 12 and all(len(r) == 8 for r in rows), "ragged"
assert rows[1][:5] == ["2014", "2010", "15-1122", "88890", "published"], rows[1]
assert rows[1][7].startswith("OEWS is not designed as a time series"), rows[1][7]
PY
  run --format csv trend 15-1212 --from 2019 --to 2024 --fit-only --basis real; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "fit-only CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert len(rows) == 2 and len(rows[0]) == len(rows[1]), rows
r = dict(zip(*rows))
assert r["basis"] == "real" and r["n"] == "6" and r["base_year"] == "2024", r
assert "not designed as a time series" in r["notes"]
PY
  # 29-9021 exists from 2021; before, it was part of aggregates: listed, not followed
  run trend 29-9021; expect_code 0
  expect_out "29-9021 was part of 29-9098"; expect_out "29-9021 was part of 29-2071"
  expect_out_re "^2021  2018  29-9021"
  run --format json trend 29-9021 --follow-aggregates --to 2024; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "follow-aggregates JSON"
import json, sys
d = json.load(open(sys.argv[1]))[0]
agg = [p for p in d["series"] if p["aggregate"]]
assert [p["occ_code"] for p in agg] == ["29-2071"] * 5 + ["29-9098"] * 2, agg
assert not any(p["in_fit"] for p in agg) and d["fit"]["n"] == 4
PY
  run trend 11-3021 --measure a_pct90 --to 2024; expect_code 0
  expect_out "top-coded: a lower bound, excluded from the fit"; expect_out "0 usable years"
  run trend 15-1212 --measure tot_emp --basis real; expect_code 2; expect_err "--basis real applies to wage measures"
  run trend 15-1212 --measure emp_prse; expect_code 2; expect_err "--measure needs an OEWS measure"
  run trend 99-9999; expect_code 1; expect_err "no OEWS estimates of 99-9999"
  ;;
project)
  use_template
  run project --help; expect_code 0; grep -q "^usage: laborstat project" "$tmp/out" || fail "help of project"
  # BLS 2024-34, Table 1.2: 41.9 -> 48.1 thousand, +6.2 thousand, +14.7%, 3.2 thousand openings
  run project 29-9021; expect_code 0; expect_golden project_29-9021.txt
  run --format json project 29-9021; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "project JSON"
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert (p["emp_base"], p["emp_proj"], p["change"], p["pct_change"], p["openings"]) == \
    (41900, 48100, 6200, 14.7, 3200), p
assert p["cycle"] == "2024-2034" and p["method"] == "bls_national" and p["median_wage"] == 67310
assert abs(p["openings_per_1000"] - 1000 * 3200 / 41900) < 1e-9
b = p["band"]
assert b["halfwidth_pp"] == 13.9 and b["evaluation"] == "2002-12", b
assert abs(b["emp_proj"][0] - (48100 - 41900 * 0.139)) < 1e-6 and abs(b["emp_proj"][1] - (48100 + 41900 * 0.139)) < 1e-6
assert abs(b["pct_change"][0] - 0.8) < 1e-9 and abs(b["pct_change"][1] - 28.6) < 1e-9
PY
  run --format csv project 29-9021 --cycle 2023-33; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "project CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert len(rows) == 2 and len(rows[0]) == len(rows[1]), rows
r = dict(zip(*rows))
# BLS 2023-33: 39.1 -> 45.5 thousand, +16.3%, 3.2 thousand openings
assert (r["cycle"], r["emp_base"], r["emp_proj"], r["pct_change"], r["openings"]) == \
    ("2023-2033", "39100", "45500", "16.3", "3200"), r
PY
  # a state with its own projection of the national cycle (Nevada), of an older one (California)
  run --format json project 29-9021 --area NV; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "Nevada projection"
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert p["method"] == "projections_central" and p["cycle"] == "2024-2034", p
assert (p["emp_base"], p["emp_proj"], p["openings"]) == (180, 230, 20), p
PY
  run project 29-9021 --area California; expect_code 0
  expect_out "Projections Central long-term projections 2022-2032"
  expect_out "the state projection is of the 2022-2032 cycle; the national one is 2024-2034"
  # no state projection under the code: national rates on the state's OEWS employment
  run --format json project 29-9021 --area Idaho; expect_code 0
  python3 - "$tmp/out" <<'PY' || fail "constant share"
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert p["method"] == "constant_share" and p["oews_base_year"] == 2024, p
assert p["emp_base"] == 580 and abs(p["emp_proj"] - 580 * 48100 / 41900) < 1e-9, p
assert any("29-2071" in n for n in p["notes"]), p["notes"]
PY
  run project 29-9021 --area 31080; expect_code 2; expect_err "projections exist for the nation and the states"
  run project 29-2071; expect_code 1; expect_err "29-2071 became 29-2072, 29-9021"
  run project 29-9021 --cycle 2024; expect_code 2; expect_err "--cycle needs a cycle"
  ;;
plot_growth_pay)
  use_template
  for ext in png svg pdf; do
    run --quiet plot growth-pay --role health-it --out "$tmp/g.$ext"; expect_code 0
    [ -s "$tmp/g.$ext" ] || fail "no $ext written"
  done
  run --quiet plot growth-pay --occ 15-1212,29-9021,29-2072 --out "$tmp/o.svg"; expect_code 0
  grep -q "All occupations \$49,500" "$tmp/o.svg.gp" || fail "no all-occupations reference"
  run plot growth-pay --out "$tmp/x.png"; expect_code 2; expect_err "either --role"
  run plot growth-pay --occ nonsense --out "$tmp/x.png"; expect_code 2; expect_err "--occ needs"
  ;;
plot_projection)
  use_template
  for ext in png svg pdf; do
    run --quiet plot projection --role health-it --out "$tmp/p.$ext"; expect_code 0
    [ -s "$tmp/p.$ext" ] || fail "no $ext written"
  done
  run --quiet plot projection --occ 15-1212,29-9021 --out "$tmp/o.png"; expect_code 0
  grep -q '"+28.5%"' "$tmp/o.png.gp" || fail "no published percent change for 15-1212"
  run plot projection --role nosuch --out "$tmp/x.png"; expect_code 2
  ;;
plot_compare)
  use_template
  for ext in png svg pdf; do
    run --quiet plot compare 15-2051 --by state --year 2023 --out "$tmp/c.$ext"; expect_code 0
    [ -s "$tmp/c.$ext" ] || fail "no $ext written"
  done
  [ "$(head -c 8 "$tmp/c.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "not a PNG"
  grep -q "</svg>" "$tmp/c.svg" || fail "SVG not complete"
  if command -v xmllint >/dev/null; then xmllint --noout "$tmp/c.svg" || fail "SVG is not XML"; fi
  [ "$(head -c 5 "$tmp/c.pdf")" = "%PDF-" ] || fail "not a PDF"
  # published May 2023 A_MEAN of Data Scientists (oews_state_M2023_15-1242_15-1243_15-2051.csv)
  grep -q '^1 "Washington" "" 148730 ' "$tmp/c.svg.gp" || fail "Washington not first at \$148,730"
  grep -q '"\$72,070"' "$tmp/c.svg.gp" || fail "Puerto Rico's \$72,070 missing"
  grep -q "^119.04$" "$tmp/c.svg.gp" || fail "no national line at \$119,040"
  grep -q "Made with: laborstat" "$tmp/c.svg.gp" || fail "the caption does not name the command"
  run --quiet plot compare 15-2051 --by state --year 2023 --out "$tmp/c2.svg"; expect_code 0
  sed 's/c2\.svg/c.svg/g' "$tmp/c2.svg" | cmp -s - "$tmp/c.svg" || fail "SVG not reproducible"
  run --quiet plot compare 15-2051 --by state --year 2023 --top 5 --basis rpp --out "$tmp/r.svg"
  expect_code 0
  [ "$(grep -c '^[0-9]* "' "$tmp/r.svg.gp")" = 5 ] || fail "--top 5 did not keep five bars"
  grep -q "price parity" "$tmp/r.svg.gp" || fail "rpp caption"
  run --quiet plot compare 15-2051 --by msa --measure a_median --out "$tmp/m.png"; expect_code 0
  run --quiet plot compare health-informatics-specialist --by state --out "$tmp/role.png"
  expect_code 0
  grep -q "no confidence intervals" "$tmp/role.png.gp" || fail "role caption"
  run plot compare 15-2051 --out "$tmp/x.png"; expect_code 2; expect_err "needs --by state"
  run plot compare 15-2051 --by county --out "$tmp/x.png"; expect_code 2; expect_err "--by needs"
  run plot compare 15-2051 --by msa --basis rpp --out "$tmp/x.png"; expect_code 2
  expect_err "--basis rpp needs --by state"
  run plot compare 15-2051 --by state --measure tot_emp --out "$tmp/x.png"; expect_code 2
  expect_err "--measure needs a_mean or a_median"
  run plot compare health-it --by state --out "$tmp/x.png"; expect_code 2; expect_err "name one of them"
  ;;
plot_map)
  use_template
  for ext in png svg pdf; do
    run --quiet plot map 15-2051 --measure a_median --year 2023 --out "$tmp/m.$ext"; expect_code 0
    [ -s "$tmp/m.$ext" ] || fail "no $ext written"
  done
  [ "$(head -c 8 "$tmp/m.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "not a PNG"
  if command -v xmllint >/dev/null; then xmllint --noout "$tmp/m.svg" || fail "SVG is not XML"; fi
  [ "$(head -c 5 "$tmp/m.pdf")" = "%PDF-" ] || fail "not a PDF"
  # California's published May 2023 A_MEDIAN, 133,690, in its tile (column 0, row 3)
  grep -q '^0 3 [0-9]* [0-9]* "CA" "\$133.7k"$' "$tmp/m.svg.gp" || fail "California's tile"
  run --quiet plot map 15-2051 --measure a_median --year 2023 --out "$tmp/m2.svg"; expect_code 0
  sed 's/m2\.svg/m.svg/g' "$tmp/m2.svg" | cmp -s - "$tmp/m.svg" || fail "SVG not reproducible"
  run --quiet plot map 15-2051 --measure growth --out "$tmp/g.svg"; expect_code 0
  grep -q "Projections Central" "$tmp/g.svg.gp" || fail "growth caption does not name the source"
  grep -q '"n/a"' "$tmp/g.svg.gp" || fail "states without projections not n/a"
  run --quiet plot map 15-2051 --measure loc_quotient --out "$tmp/lq.png"; expect_code 0
  run --quiet plot map 15-2051 --basis rpp --out "$tmp/rpp.png"; expect_code 0
  run --quiet plot map health-informatics-specialist --out "$tmp/role.png"; expect_code 0
  run plot map 15-2051 --measure h_median --out "$tmp/x.png"; expect_code 2; expect_err "--measure needs"
  run plot map 15-2051 --measure growth --basis rpp --out "$tmp/x.png"; expect_code 2
  expect_err "wage measures only"
  run plot map 15-2051 --area CA --out "$tmp/x.png"; expect_code 2; expect_err "--area does not apply"
  ;;
plot_trend)
  use_template
  for ext in png svg pdf; do
    run --quiet plot trend 15-1212 --out "$tmp/t.$ext"; expect_code 0
    [ -s "$tmp/t.$ext" ] || fail "no $ext written"
  done
  run --quiet plot trend 15-1212 --measure tot_emp --out "$tmp/e.svg"; expect_code 0
  grep -q "title 'Projection'" "$tmp/e.svg.gp" || fail "no projection in the employment trend"
  run plot trend health-it --out "$tmp/x.png"; expect_code 2; expect_err "holds several roles"
  ;;
plot_trend_role)
  use_template
  role=health-information-technologist
  for ext in png svg pdf; do
    run --quiet plot trend "$role" --out "$tmp/r.$ext"; expect_code 0
    [ -s "$tmp/r.$ext" ] || fail "no $ext written"
  done
  [ "$(head -c 8 "$tmp/r.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "not a PNG"
  grep -q "</svg>" "$tmp/r.svg" || fail "SVG not complete"
  if command -v xmllint >/dev/null; then xmllint --noout "$tmp/r.svg" || fail "SVG is not XML"; fi
  [ "$(head -c 5 "$tmp/r.pdf")" = "%PDF-" ] || fail "not a PDF"
  run --quiet plot trend "$role" --out "$tmp/r2.svg"; expect_code 0
  sed 's/r2\.svg/r.svg/g' "$tmp/r2.svg" | cmp -s - "$tmp/r.svg" || fail "SVG not reproducible"
  # one row a May year 2014..2025; May 2023 is the mixture median of `wages ROLE --year 2023`
  run --format json wages "$role" --year 2023; expect_code 0
  python3 - "$tmp/r.svg.gp" "$tmp/out" <<'EOF' || fail "the role's series is not the mixture's"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
rows = lines[lines.index("$series << EOD") + 2:]
rows = [r.split() for r in rows[:rows.index("EOD")]]
years = [int(r[0]) for r in rows]
if years != list(range(2014, 2026)):
    sys.exit(f"years {years}")
median = json.load(open(sys.argv[2]))[0]["distribution"]["median"]
got = 1000 * float(rows[years.index(2023)][1])
if abs(got - median) > 1e-6 * median:
    sys.exit(f"2023: {got} against {median}")
EOF
  grep -qF "SOC 2010 → hybrid: 29-2071 → 29-9098" "$tmp/r.svg.gp" || fail "no 2019 break naming the codes"
  grep -qF "SOC hybrid → 2018: 29-9098 → 29-9021" "$tmp/r.svg.gp" || fail "no 2021 break naming the codes"
  grep -q "employment-weighted mixture of the role" "$tmp/r.svg.gp" || fail "the caption does not say mixture"
  grep -q "Made with:" "$tmp/r.svg.gp" && grep -q "plot trend $role --out" "$tmp/r.svg.gp" ||
    fail "the caption does not name the command"
  grep -q "title 'Trend (nominal)" "$tmp/r.svg.gp" || fail "no trend"
  run --quiet plot trend "$role" --measure a_mean --basis real --from 2021 --out "$tmp/m.svg"
  expect_code 0
  grep -q "title 'Trend (real)" "$tmp/m.svg.gp" || fail "no real trend"
  grep -q '^2020 ' "$tmp/m.svg.gp" && fail "--from ignored"
  grep -q '^2021 ' "$tmp/m.svg.gp" || fail "no May 2021 in the a_mean series"
  run plot trend health-it --out "$tmp/x.png"; expect_code 2
  expect_err "'health-it' holds several roles; name one of: health-informatics-specialist,"
  run plot trend "$role" --measure h_median --out "$tmp/x.png"; expect_code 2; expect_err "a_median or a_mean"
  run plot trend nosuchrole --out "$tmp/x.png"; expect_code 2; expect_err "neither an SOC code"
  [ ! -e "$tmp/x.png" ] || fail "a chart was written on an error"
  ;;
plot_sectors)
  use_template
  for ext in png svg pdf; do
    run --quiet plot sectors 29-9021 --year 2023 --out "$tmp/s.$ext"; expect_code 0
    [ -s "$tmp/s.$ext" ] || fail "no $ext written"
  done
  [ "$(head -c 8 "$tmp/s.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "not a PNG"
  grep -q "</svg>" "$tmp/s.svg" || fail "SVG not complete"
  if command -v xmllint >/dev/null; then xmllint --noout "$tmp/s.svg" || fail "SVG is not XML"; fi
  [ "$(head -c 5 "$tmp/s.pdf")" = "%PDF-" ] || fail "not a PDF"
  # published May 2023 TOT_EMP of 29-9021 in sector 62, 24,640 (meta/spot_checks.csv), of the
  # national 34,430 (oews_national_M2023_dl.csv): 71.6%, first
  grep -Eq '^1 "Health Care and Social Assistance.*\(62\)"( "")? 71\.5654952076677[0-9]* 24640 0 "24,640 \(71\.6%\)"$' \
    "$tmp/s.svg.gp" || fail "sector 62 not first at 24,640 (71.6%)"
  grep -q '"Wholesale Trade (42)" "" NaN NaN 2 "n/a' "$tmp/s.svg.gp" || fail "42 ('**') not n/a"
  grep -q '^10 "Other industries" "" .* 410 1 "410 (1.2%)"$' "$tmp/s.svg.gp" || fail "no remainder of 410"
  grep -q "(34,430) x 100" "$tmp/s.svg.gp" || fail "the caption does not give the national total"
  grep -q "Made with: laborstat" "$tmp/s.svg.gp" || fail "the caption does not name the command"
  run --quiet plot sectors 29-9021 --year 2023 --out "$tmp/s2.svg"; expect_code 0
  sed 's/s2\.svg/s.svg/g' "$tmp/s2.svg" | cmp -s - "$tmp/s.svg" || fail "SVG not reproducible"
  # the default year: the latest with 2-digit sectors (May 2024)
  run --quiet plot sectors 29-9021 --out "$tmp/d.png"; expect_code 0
  grep -q "employment by industry, May 2024" "$tmp/d.png.gp" || fail "default year not 2024"
  # May 2019: hospitals and schools by ownership; 622100 has an all-ownerships row (125,230 =
  # 104,650 + 16,220 + 4,360), 611300 is the sum of its ownerships (3,430 + 2,890 + 200)
  run --quiet plot sectors 11-9111 --year 2019 --out "$tmp/o.svg"; expect_code 0
  grep -Eq '\(622100\)"( "")? [0-9.]+ 125230 0 ' "$tmp/o.svg.gp" || fail "622100 not 125,230"
  grep -q ' 6520 0 "6,520' "$tmp/o.svg.gp" || fail "611300 ownerships not summed to 6,520"
  grep -q "Ownerships summed" "$tmp/o.svg.gp" || fail "the caption does not say ownerships are summed"
  run plot sectors 29-9021 --year 2017 --out "$tmp/x.png"; expect_code 1
  expect_err "no May 2017 industry estimates of 29-9021"
  run plot sectors 29-2071 --year 2011 --out "$tmp/x.png"; expect_code 1
  expect_err "no national cross-industry employment"
  run plot sectors 29-9021 --area CA --out "$tmp/x.png"; expect_code 2; expect_err "no --area"
  run plot sectors health-it --out "$tmp/x.png"; expect_code 2; expect_err "one occupation code"
  run plot sectors 29-9021 15-1212 --out "$tmp/x.png"; expect_code 2; expect_err "one occupation code"
  run plot sectors 29-9021; expect_code 2
  [ ! -e "$tmp/x.png" ] || fail "a chart was written on an error"
  ;;
report)
  use_template
  out="$tmp/rep"
  run --quiet report --preset health-it --out "$out"; expect_code 0
  for f in index.html report.md; do [ -s "$out/$f" ] || fail "no $f"; done
  [ -d "$out/charts" ] && [ -d "$out/data" ] || fail "no charts/ or data/ folder"
  n=0
  for svg in "$out"/charts/*.svg; do
    stem=${svg%.svg}
    base=$(basename "$stem")
    n=$((n + 1))
    for ext in png svg pdf; do
      [ -s "$stem.$ext" ] || fail "no $base.$ext"
      [ -s "$stem.$ext.gp" ] || fail "no script $base.$ext.gp"
    done
    [ "$(head -c 8 "$stem.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$base.png is not a PNG"
    [ "$(head -c 5 "$stem.pdf")" = "%PDF-" ] || fail "$base.pdf is not a PDF"
    if command -v xmllint >/dev/null; then xmllint --noout "$svg" || fail "$base.svg is not XML"; fi
    [ -s "$out/data/$base.csv" ] || fail "no data/$base.csv"
    grep -qF "charts/$base.png" "$out/report.md" || fail "report.md does not link $base.png"
  done
  [ "$n" -ge 15 ] || fail "only $n charts"
  [ "$(grep -c '<svg' "$out/index.html")" -eq "$n" ] || fail "index.html does not embed every chart"
  for f in claims.csv datasets.csv seed-articles.csv; do [ -s "$out/data/$f" ] || fail "no data/$f"; done
  head -1 "$out/data/claims.csv" | grep -q ',verdict,' || fail "claims.csv has no verdicts"
  grep -q 'Caveats' "$out/index.html" || fail "no caveats"
  grep -q 'http' "$out/index.html" && fail "index.html names http(s) addresses"
  # parses as HTML; nothing loaded from elsewhere: no scripts, images, links, only #fragments
  python3 - "$out/index.html" <<'EOF' || fail "index.html: not self-contained or does not parse"
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad = []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "link", "iframe", "object", "embed"):
            self.bad.append(tag)
        for k, v in attrs:
            if k in ("src", "href", "xlink:href") and not (v or "").startswith("#"):
                self.bad.append(f"{k}={v}")
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
if p.bad:
    sys.exit("external references: " + ", ".join(p.bad[:5]))
EOF
  # hostile text in a user spec: escaped in the HTML, runs nothing
  cat >"$tmp/spec.json" <<EOF
{"title": "Pay \`touch $tmp/pwn1\` <script>alert(1)</script> \"q\" 'a' system(\"touch $tmp/pwn2\")",
 "description": "@macro; set output '$tmp/pwn3' & <b>bold</b>",
 "occupations": ["15-1212", "15-1211"], "key": ["15-1212"], "trend": ["15-1212"], "top": 5,
 "sections": ["wages", "maps", "compare", "trend", "caveats"]}
EOF
  run --quiet report --spec "$tmp/spec.json" --out "$tmp/rep2"; expect_code 0
  grep -q '<script>' "$tmp/rep2/index.html" && fail "a <script> from the spec reached the HTML"
  grep -q '<b>bold' "$tmp/rep2/index.html" && fail "markup from the spec reached the HTML"
  grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39;' "$tmp/rep2/index.html" \
    || fail "the spec's title is not escaped"
  [ "$(grep -c "<svg" "$tmp/rep2/index.html")" -eq 5 ] || fail "the spec's report lacks charts"
  grep -q 'Claims check' "$tmp/rep2/index.html" && fail "a section left out of the spec is shown"
  cat >"$tmp/spec2.json" <<EOF
{"key": ["x\`touch $tmp/pwn4\`"], "sections": ["maps"]}
EOF
  run --quiet report --spec "$tmp/spec2.json" --out "$tmp/rep3"; expect_code 2
  cat >"$tmp/spec3.json" <<EOF
{"trend": ["15-1212"], "area": "\`touch $tmp/pwn5\`", "sections": ["trend"]}
EOF
  run --quiet report --spec "$tmp/spec3.json" --out "$tmp/rep4"; expect_code 1
  for f in pwn1 pwn2 pwn3 pwn4 pwn5; do [ -e "$tmp/$f" ] && fail "hostile spec text ran ($f)"; done
  run report --spec "$tmp/nosuch.json" --out "$tmp/rep5"; expect_code 1
  run report --preset nosuch --out "$tmp/rep5"; expect_code 2; expect_err "unknown report preset"
  run report --preset health-it; expect_code 2; expect_err "--out DIR is required"
  # headless Chromium: no console error, every chart drawn, a real screenshot
  if command -v chromium >/dev/null; then
    prof=$(mktemp -d)
    flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
      --disable-component-update --disable-sync --user-data-dir="$prof")
    timeout 120 chromium "${flags[@]}" --enable-logging=stderr --v=0 --window-size=1280,4000 \
      --screenshot="$tmp/shot.png" "file://$out/index.html" >"$tmp/chr.out" 2>"$tmp/chr.err" \
      || fail "chromium failed: $(tail -3 "$tmp/chr.err")"
    # the page has no scripts: any console message (an error, a resource refused) is a failure
    grep -q 'CONSOLE' "$tmp/chr.err" && fail "console message: $(grep CONSOLE "$tmp/chr.err" | head -3)"
    [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "no screenshot"
    [ "$(stat -c %s "$tmp/shot.png")" -gt 50000 ] || fail "screenshot too small (blank page?)"
    timeout 120 chromium "${flags[@]}" --dump-dom "file://$out/index.html" >"$tmp/dom.html" 2>/dev/null \
      || fail "chromium --dump-dom failed"
    [ "$(grep -o '<svg' "$tmp/dom.html" | wc -l)" -eq "$n" ] || fail "the browser does not show every chart"
    [ -n "${LAB_KEEP_SHOT:-}" ] && cp "$tmp/shot.png" "$LAB_KEEP_SHOT"
    rm -rf "$prof"
  else
    echo "skipped: chromium not installed (headless screenshot test)"
  fi
  ;;
fetch_oews)
  # a release downloaded from the (loopback) BLS site, cached with its record, imported at once
  server_up; use_template
  LABORSTAT_CONTACT= run fetch oews --year 2024 --mirror "$mirror"; expect_code 1
  expect_err "export LABORSTAT_CONTACT=you@example.org"
  run fetch oews --year 2024 --mirror "$mirror"; expect_code 0
  expect_out "imported $cache/www.bls.gov/oes/special-requests/oesm24nat.zip"
  expect_out "national May 2024, 8 rows"
  grep -q '"user_agent": "laborstat/0.1.0 (+tests@laborstat.invalid)"' "$log" || fail "no User-Agent with the contact"
  run --format csv wages 15-1212 --year 2024; expect_code 0; expect_out "a_median,124910"
  run datasets --format csv; expect_code 0; expect_out "oesm24nat.zip"
  grep "oesm24nat.zip" "$tmp/out" | grep -q ",fetch," || fail "the fetched release is not marked origin_kind fetch"
  grep -q "^url=https://www.bls.gov/oes/special-requests/oesm24nat.zip$" "$cache/www.bls.gov/oes/special-requests/oesm24nat.zip.meta" \
    || fail "the record does not name the URL"
  run cache verify; expect_code 0; expect_out "verified"
  # unchanged on the server: a conditional request, no body, nothing imported again
  state >"$tmp/state.before"
  run fetch oews --year 2024 --mirror "$mirror"; expect_code 0
  expect_err "unchanged:"; expect_err "nothing to import"
  tail -1 "$log" | grep -q '"status": 304, "body_bytes": 0' || fail "the second fetch was not a 304: $(tail -1 "$log")"
  tail -1 "$log" | grep -q '"if_none_match": "\\"' || fail "no If-None-Match sent"
  expect_state "$tmp/state.before"
  # offline: the cache only, no request at all
  n=$(wc -l <"$log")
  run --offline fetch oews --year 2024; expect_code 0
  [ "$(wc -l <"$log")" -eq "$n" ] || fail "--offline made a request"
  run fetch oews --year 2023 --offline; expect_code 1; expect_err "not in the cache"
  run fetch oews --year 2024 --geo nat,county --mirror "$mirror"; expect_code 1; expect_err "unknown geography 'county'"
  run fetch oews --year 24; expect_code 2; expect_err "--year needs a year"
  run fetch; expect_code 2; expect_err "name what to fetch"
  run fetch nosuch; expect_code 2; expect_err "unknown source 'nosuch'"
  ;;
fetch_faults)
  # every scripted fault ends in success after retries or in a clear error - and then the store
  # passes integrity_check and holds what it held, and the cache still verifies
  server_up; use_template
  run fetch oews --year 2023 --mirror "$mirror/_f/503x2"; expect_code 0; expect_out "national May 2023, 8 rows"
  [ "$(grep -c '"fault": "503x2"' "$log")" -eq 3 ] || fail "503x2 was not retried twice"
  run fetch oews --year 2024 --mirror "$mirror/_f/cutrange"; expect_code 0; expect_out "national May 2024, 8 rows"
  grep '"fault": "cutrange"' "$log" | grep -q '"status": 206, .*"range": "bytes=' || fail "the cut download was not resumed with Range"
  run cache verify; expect_code 0
  state >"$tmp/state.good"
  for f in html notzip 500 loop; do
    run fetch oews --year 2024 --mirror "$mirror/_f/$f"; expect_code 1
    case $f in
    html) expect_err "sent an HTML page"; expect_err "cache keeps its previous copy" ;;
    notzip) expect_err "oesm24nat.zip" ;;
    500) expect_err "500" ;;
    loop) expect_err "redirect" ;;
    esac
    expect_state "$tmp/state.good"
  done
  config 'pace_ms = 0' 'timeout_s = 1' 'retries = 1'
  start=$(date +%s)
  # (a file not cached yet: a cached one would be answered 304 before any drip)
  run fetch deflators --mirror "$mirror/_f/drip"; expect_code 1
  [ $(($(date +%s) - start)) -le 20 ] || fail "a dripping server was not given up on"
  expect_state "$tmp/state.good"
  config 'pace_ms = 0' 'timeout_s = 2' 'retries = 2'
  run fetch oews --year 2024 --mirror "$mirror/_f/429"; expect_code 0
  run fetch oews --year 2024 --mirror "$mirror/_f/reset"; expect_code 0
  run fetch oews --year 2023 --mirror "$mirror/_f/short"; expect_code 0
  state >"$tmp/state.good"
  # hostile and wrong archives: May "1999" is a zip whose member is ../x.xlsx, "1998" lacks OCC_CODE
  run fetch oews --year 1999 --mirror "$mirror"; expect_code 1; expect_err "x.xlsx"
  [ -z "$(find "$tmp" -name x.xlsx)" ] || fail "an archive member was written outside the cache"
  run fetch oews --year 1998 --mirror "$mirror"; expect_code 1; expect_err "no header row containing 'occ_code'"
  rm -f "$cache/www.bls.gov/oes/special-requests/oesm99nat.zip"* "$cache/www.bls.gov/oes/special-requests/oesm98nat.zip"*
  expect_state "$tmp/state.good"
  ;;
fetch_sources)
  # the other sources: flat files, deflators, projections (paged), through the same cache
  server_up; use_template
  run fetch flatfiles --mirror "$mirror"; expect_code 0; expect_out "oe.data.0.Current"
  [ -s "$cache/download.bls.gov/pub/time.series/oe/oe.area" ] || fail "the mapping files were not fetched"
  run fetch deflators --mirror "$mirror"; expect_code 0
  expect_out "cu.data.1.AllItems"; expect_out "SARPP.zip"
  run --format csv wages 29-9021 --year 2024 --basis real; expect_code 0
  config 'pace_ms = 0' 'timeout_s = 2' 'retries = 2' 'pc_page_size = 10'
  run fetch projections --states CA,NV --mirror "$mirror"; expect_code 0
  expect_err "Projections Central has"
  grep -q 'LongTermRestJson/6+32", "query": "items_per_page=10&page=0"' "$log" || fail "no first page asked for CA+NV"
  run --format csv project 29-1141 --area NV; expect_code 0; expect_out "29-1141"
  run fetch projections --national --mirror "$mirror"; expect_code 0; expect_out "occupation.xlsx"
  run fetch projections --states XX --mirror "$mirror"; expect_code 1; expect_err "'XX' is not a state"
  # the workbook replaced on the server by one without "Table 1.2": refused, nothing changes
  state >"$tmp/state.good"
  cp "$srvdir/mirror/www.bls.gov/emp/ind-occ-matrix/noSheet.xlsx" "$srvdir/mirror/www.bls.gov/emp/ind-occ-matrix/occupation.xlsx"
  run fetch projections --national --mirror "$mirror"; expect_code 1; expect_err "occupation.xlsx"
  expect_state "$tmp/state.good"
  run cache list --format csv; expect_code 0
  expect_out "https://apps.bea.gov/regional/zip/SARPP.zip"
  ;;
fetch_series)
  # the BLS API: planned requests, every message shown, the key never written anywhere
  server_up; use_template
  key=PLANTED-KEY-7f3a9c
  BLS_API_KEY=$key run fetch series CUUR0000SA0 --from 2015 --to 2024 --mirror "$mirror"; expect_code 0
  expect_err "CUUR0000SA0: 130 observations"; expect_err "1 API request"
  tail -1 "$log" | grep -q '"nseries": 1, .*"key": "present"' || fail "the key was not sent: $(tail -1 "$log")"
  run fetch series CUUR0000SA0 oeun000000000000015121204 NOSUCH1 --from 2012 --to 2024 --mirror "$mirror"; expect_code 0
  expect_err "2 API requests"; expect_err "Series does not exist for Series NOSUCH1"
  expect_err "NOSUCH1: no data from BLS"
  run fetch series NOSUCH2 --mirror "$mirror"; expect_code 1; expect_err "nothing was stored"
  state >"$tmp/state.good"
  run fetch series CUUR0000SA0 --mirror "$mirror/_f/threshold"; expect_code 1; expect_err "daily threshold"
  run fetch series CUUR0000SA0 --mirror "$mirror/_f/badjson"; expect_code 1; expect_err "the BLS API answer:1:"
  expect_state "$tmp/state.good"
  grep -q "anonymous" "$cache/api-quota.tsv" || fail "no ledger line without a key"
  # a key in a config file others may read is refused; at 600 it is used
  config 'pace_ms = 0' "api_key = $key"; chmod 644 "$tmp/config/laborstat/config"
  run fetch series CUUR0000SA0 --mirror "$mirror"; expect_code 1; expect_err "chmod 600"
  chmod 600 "$tmp/config/laborstat/config"
  run fetch series CUUR0000SA0 --from 2020 --to 2024 --mirror "$mirror"; expect_code 0
  tail -1 "$log" | grep -q '"key": "present"' || fail "the config key was not used"
  # a chart made while the key is in the environment: neither gnuplot nor the files see it
  BLS_API_KEY=$key run --quiet plot wages 29-9021 --year 2024 --out "$tmp/chart.svg"; expect_code 0
  grep -rqF -- "$key" "$cache" "$db" "$tmp/out" "$tmp/err" "$log" "$tmp"/chart.* && fail "the API key was written somewhere"
  run fetch series 'BAD ID!' --mirror "$mirror"; expect_code 1; expect_err "invalid series id"
  ;;
cache_cmd)
  server_up; use_template
  run cache; expect_code 0; expect_out "(0 files)"
  run fetch oews --year 2024 --mirror "$mirror"; expect_code 0
  run cache list --format json; expect_code 0; expect_out_re '"state":\s+"ok"'
  f="$cache/www.bls.gov/oes/special-requests/oesm24nat.zip"
  printf 'x' >>"$f"; : >"$f.part-abc123"
  run cache verify; expect_code 1; expect_out "MISMATCH"; expect_out "partial"
  expect_err "laborstat cache clean"
  run cache clean; expect_code 0; expect_out "removed 2 files"
  run cache verify; expect_code 0
  run fetch oews --year 2024 --mirror "$mirror"; expect_code 0
  run fetch --check --mirror "$mirror"; expect_code 0
  expect_out "unchanged"; expect_out "oesm26nat.zip"
  printf 'changed' >>"$srvdir/mirror/www.bls.gov/oes/special-requests/oesm24nat.zip"
  run fetch --check --mirror "$mirror" --format csv; expect_code 0
  expect_out "oesm24nat.zip,changed"
  run cache clean --all; expect_code 0
  run cache list --format csv; expect_code 0
  [ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "clean --all left files"
  run cache bogus; expect_code 2
  ;;
*)
  echo "unknown case $case_name" >&2; exit 2
  ;;
esac
if [ "$fails" -ne 0 ]; then echo "$case_name: $fails failure(s)" >&2; exit 1; fi
echo "$case_name: ok"
