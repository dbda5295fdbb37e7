#!/bin/sh
# Self-test of the laborstat test server: builds the mirror, starts labsrv.py, checks the static-file
# behaviour, every fault, the fake BLS API and the fake Projections Central endpoint with curl.
# usage: selftest.sh            (exit 0 when every check passes; takes about 5 s)
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/labsrv-selftest.XXXXXX")
cleanup() { "$here/stop.sh" "$tmp" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

B=$("$here/start.sh" "$tmp") || { echo "FAIL: server did not start"; exit 1; }
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1 (got: $2)"; }
check() { # name expected actual
    if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "$3"; fi
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
hdr() { # URL HEADER-NAME [curl args...]  -> header value (no CR)
    u=$1; h=$2; shift 2
    curl -s -D - -o /dev/null "$@" "$u" | tr -d '\r' | sed -n "s/^$h: //Ip" | head -1
}

Z=/www.bls.gov/oes/special-requests/oesm24nat.zip
F=/download.bls.gov/pub/time.series/oe/oe.area
ZLEN=$(stat -c %s "$tmp/mirror$Z")
FLEN=$(stat -c %s "$tmp/mirror$F")

# ---- static files
check "static GET 200" 200 "$(code "$B$Z")"
check "static Content-Length" "$ZLEN" "$(hdr "$B$Z" Content-Length)"
check "query string ignored" 200 "$(code "$B$Z?x=1")"
etag=$(hdr "$B$Z" ETag)
case $etag in \"????????????????\") ok "ETag quoted sha256 prefix";; *) ko "ETag" "$etag";; esac
want=\"$(sha256sum "$tmp/mirror$Z" | cut -c1-16)\"
check "ETag = sha256 prefix" "$want" "$etag"
check "Last-Modified fixed" "Wed, 02 Apr 2025 08:30:00 GMT" "$(hdr "$B$Z" Last-Modified)"
check "Accept-Ranges" bytes "$(hdr "$B$Z" Accept-Ranges)"
check "If-None-Match -> 304" 304 "$(code -H "If-None-Match: $etag" "$B$Z")"
check "If-None-Match other -> 200" 200 "$(code -H 'If-None-Match: "nope"' "$B$Z")"
check "If-Modified-Since -> 304" 304 "$(code -H 'If-Modified-Since: Wed, 02 Apr 2025 08:30:00 GMT' "$B$Z")"
check "If-Modified-Since older -> 200" 200 "$(code -H 'If-Modified-Since: Tue, 01 Apr 2025 00:00:00 GMT' "$B$Z")"
check "Range -> 206" 206 "$(code -H 'Range: bytes=100-199' "$B$Z")"
check "Content-Range" "bytes 100-199/$ZLEN" "$(hdr "$B$Z" Content-Range -H 'Range: bytes=100-199')"
check "Range bytes" "$(tail -c +101 "$tmp/mirror$Z" | head -c 100 | sha256sum)" \
      "$(curl -s -H 'Range: bytes=100-199' "$B$Z" | sha256sum)"
check "If-Range match -> 206" 206 "$(code -H 'Range: bytes=0-9' -H "If-Range: $etag" "$B$Z")"
check "If-Range stale -> 200" 200 "$(code -H 'Range: bytes=0-9' -H 'If-Range: "stale"' "$B$Z")"
check "Range past end -> 416" 416 "$(code -H "Range: bytes=$ZLEN-" "$B$Z")"
check "gzip for text" gzip "$(hdr "$B$F" Content-Encoding -H 'Accept-Encoding: gzip')"
check "gzip body" "$(sha256sum < "$tmp/mirror$F")" \
      "$(curl -s -H 'Accept-Encoding: gzip' "$B$F" | gzip -dc | sha256sum)"
check "no gzip for zip" "" "$(hdr "$B$Z" Content-Encoding -H 'Accept-Encoding: gzip')"
check "no gzip unasked" "$FLEN" "$(hdr "$B$F" Content-Length)"
check "missing -> 404" 404 "$(code "$B/www.bls.gov/no/such/file.zip")"
check "dotdot -> 404" 404 "$(code --path-as-is "$B/www.bls.gov/../etc/passwd")"

# ---- faults
P=/_f/503x2/www.bls.gov/oes/special-requests/oesm24nat.zip
check "503x2" "503 503 200" "$(code "$B$P") $(code "$B$P") $(code "$B$P")"
P=/_f/429$Z
check "429 Retry-After" 1 "$(hdr "$B$P" Retry-After)"
check "429 then 200" 200 "$(code "$B$P")"
check "500 always" "500 500" "$(code "$B/_f/500$Z") $(code "$B/_f/500$Z")"
curl -s -o "$tmp/o" "$B/_f/reset$Z"; rc=$?
check "reset: RST after half" "56 $((ZLEN / 2))" "$rc $(stat -c %s "$tmp/o")"
check "reset: then normal" 200 "$(code "$B/_f/reset$Z")"
curl -s -o "$tmp/o" "$B/_f/short$Z"; rc=$?
check "short: curl 18" 18 "$rc"
check "short: then normal" 200 "$(code "$B/_f/short$Z")"
curl -s -o "$tmp/o" "$B/_f/cutrange$Z"; rc=$?
check "cutrange: 40% then close" "18 $((ZLEN * 2 / 5))" "$rc $(stat -c %s "$tmp/o")"
curl -s -C - -o "$tmp/o" "$B/_f/cutrange$Z"; rc=$?
check "cutrange: resume with Range" 0 "$rc"
if cmp -s "$tmp/o" "$tmp/mirror$Z"; then ok "cutrange: resumed file identical"; else ko "cutrange resumed" differs; fi
curl -s -m 2.5 -o "$tmp/o" "$B/_f/drip$Z"; rc=$?
check "drip: timeout with <=2 bytes" "28 ok" "$rc $( [ "$(stat -c %s "$tmp/o")" -le 2 ] && echo ok)"
curl -s -L --max-redirs 3 -o /dev/null "$B/_f/loop$Z?a=1"; rc=$?
check "loop: redirect limit" 47 "$rc"
check "loop: Location same URL" "/_f/loop$Z?a=1" "$(hdr "$B/_f/loop$Z?a=1" Location)"
check "html" "200 <html><body>Access Denied</body></html>" "$(curl -s -w '%{http_code} ' -o /dev/null "$B/_f/html$Z")$(curl -s "$B/_f/html$Z")"
check "badjson" '{"status": "REQUEST_SUCCEEDED", "Results": {' "$(curl -s "$B/_f/badjson$Z")"
check "notzip" "504b0304" "$(curl -s "$B/_f/notzip$Z" | head -c 4 | od -An -tx1 | tr -d ' \n')"
A=/api.bls.gov/publicAPI/v2/timeseries/data/
if curl -s -X POST -H 'Content-Type: application/json' -d '{"seriesid":["CUUR0000SA0"]}' "$B/_f/threshold$A" |
   grep -q '^{"status":"REQUEST_NOT_PROCESSED".*daily threshold for total number of requests allocated to the user with registration key  has been reached'; then
  ok "threshold body as BLS words it"; else ko threshold differs; fi

# ---- fake BLS API
api() { curl -s -X POST -H 'Content-Type: application/json' -d "$1" "$B$A"; }
jq_py() { "$py" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
r=$(api '{"seriesid":["CUUR0000SA0"],"startyear":"2023","endyear":"2024","registrationkey":"K3Y-NOT-LOGGED","annualaverage":true}')
check "api: 2023 M13" "304.702" "$(echo "$r" | jq_py "[p['value'] for p in d['Results']['series'][0]['data'] if p['year']=='2023' and p['period']=='M13'][0]")"
check "api: newest first" "2024 M13" "$(echo "$r" | jq_py "d['Results']['series'][0]['data'][0]['year']+' '+d['Results']['series'][0]['data'][0]['period']")"
r=$(api '{"seriesid":["CUUR0000SA0"],"startyear":"2023","endyear":"2024"}')
check "api: no M13 without key" "0 24" "$(echo "$r" | jq_py "str(sum(p['period']=='M13' for p in d['Results']['series'][0]['data']))+' '+str(len(d['Results']['series'][0]['data']))")"
r=$(api '{"seriesid":["CUUR0000SA0"],"startyear":"2013","endyear":"2024"}')
check "api: 10-year limit" "['Year range has been reduced to the system-allowed limit of 10 years.'] 2013 2022" \
      "$(echo "$r" | jq_py "d['message'], min(p['year'] for p in d['Results']['series'][0]['data']), max(p['year'] for p in d['Results']['series'][0]['data'])" | tr -d "(),")"
r=$(api '{"seriesid":["CUUR0000SA0"],"startyear":"2013","endyear":"2024","registrationkey":"abc"}')
check "api: 20 years with key" "[]" "$(echo "$r" | jq_py "d['message']")"
ids=$(for i in $(seq 26); do printf '"CUUR0000SA0",'; done)
check "api: 26 series without key" REQUEST_NOT_PROCESSED "$(api "{\"seriesid\":[${ids%,}]}" | jq_py "d['status']")"
check "api: 26 series with key" REQUEST_SUCCEEDED "$(api "{\"seriesid\":[${ids%,}],\"registrationkey\":\"abc\"}" | jq_py "d['status']")"
r=$(api '{"seriesid":["OEUN000000000000015113201"],"startyear":"2023","endyear":"2024"}')
check "api: unknown series" "['Series does not exist for Series OEUN000000000000015113201'] []" \
      "$(echo "$r" | jq_py "d['message'], d['Results']['series'][0]['data']" | tr -d '(),')"
r=$(api '{"seriesid":["OEUN000000000000029102313"],"startyear":"2016","endyear":"2018"}')
check "api: No Data Available message" "No Data Available for Series OEUN000000000000029102313 Year: 2017" \
      "$(echo "$r" | jq_py "d['message'][1]")"
check "api: top-coded value and footnote 5" "- 5 true" \
      "$(echo "$r" | jq_py "' '.join([d['Results']['series'][0]['data'][0][k] for k in ('value','latest')][:1] + [d['Results']['series'][0]['data'][0]['footnotes'][0]['code'], d['Results']['series'][0]['data'][0]['latest']])")"
check "api: 415 without JSON type" 415 "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary '{}' -H 'Content-Type: text/plain' "$B$A")"
if grep -q K3Y-NOT-LOGGED "$tmp/requests.log"; then ko "key not logged" "key found in log"; else ok "key not logged"; fi
check "log: key present" present "$(grep '"nseries": 1, "startyear": "2023"' "$tmp/requests.log" | head -1 | jq_py "d['key']")"

# ---- fake Projections Central
PC="$B/public.projectionscentral.org/Projections/LongTermRestJson"
check "pc: 404 bad items_per_page" "404 No results found." "$(curl -s -w '%{http_code} ' -o /dev/null "$PC/all?items_per_page=20")$(curl -s "$PC/all?items_per_page=20")"
r=$(curl -s "$PC/all/29-1141?items_per_page=10&page=0")
n=$(echo "$r" | jq_py "d['pager']['total_items']")
check "pc: page 0" "0 $(( n < 10 ? n : 10 )) US-first" "$(echo "$r" | jq_py "d['pager']['current_page'], len(d['rows']), 'US-first' if d['rows'][0]['STFIPS']=='0' else 'no'" | tr -d "(),'")"
pages=$(echo "$r" | jq_py "d['pager']['total_pages']")
check "pc: total_pages" "$(( (n + 9) / 10 ))" "$pages"
check "pc: page past end" "0 $n" "$(curl -s "$PC/all/29-1141?items_per_page=10&page=99" | jq_py "len(d['rows']), d['pager']['total_items']" | tr -d '(),')"
check "pc: FIPS 6+32, SOC list" "['32', '6']" \
      "$(curl -s "$PC/6+32/29-1141+15-1212?items_per_page=25&page=0" | jq_py "sorted({r['STFIPS'] for r in d['rows']})")"

# ---- log format
check "log: one JSON object per line" ok "$("$py" -c "
import json,sys
keys={'method','path','query','fault','status','body_bytes','range','if_none_match','if_modified_since','user_agent','accept_encoding'}
for l in open(sys.argv[1]):
    d=json.loads(l)
    assert keys <= set(d), d
print('ok')" "$tmp/requests.log" 2>&1 | tail -1)"

echo "selftest: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
