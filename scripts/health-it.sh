#!/usr/bin/env bash
# Health-IT charts and tables from the embedded snapshot (real BLS OEWS data).
# usage: scripts/health-it.sh LABORSTAT_BINARY OUTDIR
set -euo pipefail
bin=$(realpath "$1")
out=$2
mkdir -p "$out/tables"
out=$(realpath "$out")
db="$out/laborstat.db"
rm -f "$db"
ls() { "$bin" --db "$db" --quiet "$@"; }

# the seed roles' occupations (SOC 2018): health information technologists and medical
# registrars, medical records specialists, computer systems analysts (health informatics),
# information security analysts, data scientists, compliance officers, medical and health
# services managers, computer and information systems managers
occs=(29-9021 29-2072 15-1211 15-1212 15-2051 13-1041 11-9111 11-3021)
year=2024

echo "laborstat: loading the embedded snapshot into $db" >&2
"$bin" --db "$db" datasets > "$out/tables/datasets.txt"
ls --format csv datasets > "$out/tables/datasets.csv"
# the report: index.html (charts embedded as SVG), report.md, charts/ (PNG, SVG, PDF and the
# gnuplot scripts), data/ (a CSV for every chart and table)
ls report --preset health-it --out "$out"
for fmt in png svg pdf; do
  ls plot wages "${occs[@]}" --year "$year" --force --out "$out/charts/wages-occupations-us-$year.$fmt"
done
ls --format csv wages "${occs[@]}" --year "$year" > "$out/tables/wages-us-$year.csv"
ls --format json wages "${occs[@]}" --year "$year" > "$out/tables/wages-us-$year.json"
ls wages "${occs[@]}" --year "$year" > "$out/tables/wages-us-$year.txt"
for area in CA TX NY FL; do
  ls --format csv wages 15-1212 29-2072 --area "$area" --year "$year" \
    > "$out/tables/wages-$area-$year.csv"
done
ls find "health information" > "$out/tables/find-health-information.txt"
# the roles (bundles of SOC codes, datasets/roles/health-it.json) and what the data say about them
ls roles > "$out/tables/roles.txt"
ls wages health-it --year "$year" --at 100000 > "$out/tables/roles-wages-us-$year.txt"
ls --format csv wages health-it --year "$year" --at 100000 > "$out/tables/roles-wages-us-$year.csv"
ls project health-it > "$out/tables/roles-projections-us.txt"
ls --format csv project health-it > "$out/tables/roles-projections-us.csv"
for occ in 15-1212 29-9021 11-3021; do
  ls trend "$occ" --basis real > "$out/tables/trend-$occ.txt"
done
ls rank --occ 15-1212 --by state --basis rpp --year "$year" > "$out/tables/rank-15-1212-rpp-$year.txt"
here=$(cd "$(dirname "$0")/.." && pwd)
ls check "$here/datasets/claims/seed-articles.csv" > "$out/tables/claims-check.txt"
ls --format csv check "$here/datasets/claims/seed-articles.csv" > "$out/tables/claims-check.csv"

cat > "$out/README.md" <<MD
# Health-IT roles and occupations: the laborstat report (embedded snapshot)

Made by \`scripts/health-it.sh\` with laborstat $("$bin" --version | cut -d' ' -f2).
Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics
(OEWS), May $year, cross-industry estimates. Nominal dollars.

- \`index.html\` (open it in a browser; self-contained) and \`report.md\`: the health-IT report -
  the roles' wage distributions, state maps, top states after price parities, trends (nominal and
  real), growth against pay, projections, the claims check, caveats, methods, provenance
- \`charts/\`: every chart as PNG, SVG and PDF with its gnuplot script; \`data/\`: its CSV
- \`charts/wages-occupations-us-$year.{png,svg,pdf}\`: wage distribution (P10-P90, P25-P75,
  median, mean) of ${occs[*]}, United States
- \`tables/wages-us-$year.{csv,json,txt}\`: every published measure with 95% confidence
  intervals from the published relative standard errors
- \`tables/wages-{CA,TX,NY,FL}-$year.csv\`: information security analysts and medical records
  specialists by state
- \`tables/datasets.{txt,csv}\`: the releases used and where each came from
MD
echo "laborstat: wrote $out (index.html, report.md, charts/, data/, tables/, README.md)" >&2
