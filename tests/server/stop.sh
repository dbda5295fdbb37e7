#!/bin/sh
# usage: stop.sh OUTDIR   -- stops the server started by start.sh OUTDIR (SIGTERM, then waits <= 5 s)
set -eu
if [ $# -ne 1 ]; then
    echo "usage: stop.sh OUTDIR" >&2
    exit 2
fi
pidfile=$1/pid
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
fi
rm -f "$pidfile"
