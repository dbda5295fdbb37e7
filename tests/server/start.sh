#!/bin/sh
# usage: start.sh OUTDIR
# Builds the mirror into OUTDIR/mirror, starts labsrv.py in the background (port in OUTDIR/port,
# request log in OUTDIR/requests.log, stderr in OUTDIR/server.err, pid in OUTDIR/pid) and prints
# the base URL, e.g. http://127.0.0.1:40123 . Exit status 1 if the server is not up within 5 s.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: start.sh OUTDIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
# LABSRV_SHARED overrides the reference folder; LABSRV_SHARED= (empty) builds from fixtures only
shared=${LABSRV_SHARED-"$repo/../shared/reference"}
if [ -n "$shared" ] && [ -d "$shared" ]; then
    "$py" "$here/make_mirror.py" "$out/mirror" --shared "$shared" >/dev/null
else
    "$py" "$here/make_mirror.py" "$out/mirror" >/dev/null
fi
rm -f "$out/port" "$out/pid"
: > "$out/requests.log"
"$py" "$here/labsrv.py" --root "$out/mirror" --port-file "$out/port" --log "$out/requests.log" \
    </dev/null >/dev/null 2>"$out/server.err" &
pid=$!
echo "$pid" > "$out/pid"
i=0
while [ ! -s "$out/port" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "start.sh: labsrv.py exited; see $out/server.err" >&2
        cat "$out/server.err" >&2
        exit 1
    fi
    i=$((i + 1))
    if [ "$i" -gt 50 ]; then
        echo "start.sh: no port file after 5 s" >&2
        kill "$pid" 2>/dev/null || true
        exit 1
    fi
    sleep 0.1
done
echo "http://127.0.0.1:$(cat "$out/port")"
