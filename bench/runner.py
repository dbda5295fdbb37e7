#!/usr/bin/python3
"""The benchmark runner behind bench/run (see bench/README.md).

usage: runner.py --laborstat BIN --fit-bench BIN [--quick] [--only B1,B5] [--runs N]

Generates the data once (bench/data/<scale>/, or $LABORSTAT_BENCH_DATA), then runs each task's
contenders (laborstat, its peers, the floor) alternately, N times each, measuring every process
with wait4(): wall (monotonic clock), CPU (user + system, children included) and peak RSS.
Prints the table, writes bench/results/latest.json (or quick.json with --quick) and, at full
scale, the table in docs/performance.md between its BENCH-TABLE markers.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
PEERS = os.path.join(HERE, "peers")
FULL_ROWS = 414437
QUICK_ROWS = 5000
STATES = ("AL,AK,AZ,AR,CA,CO,CT,DE,DC,FL,GA,HI,ID,IL,IN,IA,KS,KY,LA,ME,MD,MA,MI,MN,MS,MO,MT,NE,NV,"
          "NH,NJ,NM,NY,NC,ND,OH,OK,OR,PA,RI,SC,SD,TN,TX,UT,VT,VA,WA,WV,WI,WY")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ measuring
def measure(cmd, env=None, cwd=None, stdout=subprocess.DEVNULL, timeout=3600, rss=True):
    """Run cmd; return dict(wall, cpu, rss_mb, rc, out). With rss False the command runs without
    the GNU time wrapper (whose own start-up, ~1 ms, would count in a few-millisecond command's
    wall) and rss_mb is None."""
    out_f = tempfile.TemporaryFile() if stdout == "capture" else stdout
    # peak RSS from GNU time: wait4()'s ru_maxrss would count the forked copy of this Python
    # process before exec
    rss_f = tempfile.NamedTemporaryFile(prefix="labbench-rss.", delete=False)
    rss_f.close()
    if rss and os.path.exists("/usr/bin/time"):
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_f.name] + list(cmd)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out_f,
                         stderr=subprocess.STDOUT if stdout == "capture" else subprocess.DEVNULL)
    killer = threading.Timer(timeout, p.kill)  # a blocking wait ends at the exit, not at a poll
    killer.start()
    pid, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    killer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    out = ""
    if stdout == "capture":
        out_f.seek(0)
        out = out_f.read().decode("utf-8", "replace")
        out_f.close()
    try:
        rss_mb = int(open(rss_f.name).read().split()[-1]) / 1024.0
    except (OSError, ValueError, IndexError):
        rss_mb = ru.ru_maxrss / 1024.0 if rss else None
    os.unlink(rss_f.name)
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": rss_mb,
            "rc": p.returncode, "out": out}


class Contender:
    def __init__(self, name, kind, cmd, prepare=None, env=None, cwd=None, metric=None, check=None):
        self.name, self.kind, self.cmd = name, kind, cmd
        self.prepare, self.env, self.cwd = prepare, env, cwd
        self.metric = metric      # fn(output) -> seconds to report instead of the process wall
        self.check = check        # fn(output) -> None or an error text
        self.runs = []
        self.errors = []


def run_task(task, runs):
    """Alternate contenders: run 1 of each, run 2 of each, ..."""
    for i in range(runs):
        for c in task["contenders"]:
            if c.errors and not c.runs and i > 0:
                continue
            if c.prepare:
                c.prepare()
            m = measure(c.cmd, env=c.env, cwd=c.cwd, stdout="capture", timeout=task.get("timeout", 3600),
                        rss=not task.get("short"))
            err = None
            if m["rc"] != 0:
                err = "exit %d: %s" % (m["rc"], m["out"].strip()[-300:])
            elif c.check:
                err = c.check(m["out"])
            if err:
                c.errors.append(err)
                log("  %-28s run %d FAILED: %s" % (c.name, i + 1, err))
                continue
            if c.metric:
                m["wall_process"] = m["wall"]
                m["wall"] = c.metric(m["out"])
            m.pop("out")
            c.runs.append(m)
            log("  %-28s run %d: %.3f s wall, %.3f s CPU, %s MB" % (c.name, i + 1, m["wall"], m["cpu"],
                                                                 "-" if m["rss_mb"] is None else "%.0f" % m["rss_mb"]))
    if task.get("short"):  # timed without the wrapper: peak RSS from one more, untimed run each
        for c in task["contenders"]:
            if c.runs:
                r = measure(c.cmd, env=c.env, cwd=c.cwd, stdout="capture")["rss_mb"]
                for m in c.runs:
                    m["rss_mb"] = r


def summary(c, work):
    if not c.runs:
        return None
    w = [r["wall"] for r in c.runs]
    s = {"name": c.name, "kind": c.kind, "runs": len(w), "median": statistics.median(w), "min": min(w),
         "max": max(w), "cpu": statistics.median(r["cpu"] for r in c.runs),
         "rss_mb": max(r["rss_mb"] for r in c.runs)}
    if work.get("rows"):
        s["rows_per_s"] = work["rows"] / s["median"]
    if work.get("bytes"):
        s["mb_per_s"] = work["bytes"] / 1e6 / s["median"]
    if c.errors:
        s["errors"] = c.errors[:3]
    return s


# ------------------------------------------------------------------------------ data
def gen_stamp(rows, seed):
    h = hashlib.sha256(open(os.path.join(HERE, "gen.py"), "rb").read()).hexdigest()[:16]
    return "gen.py %s rows %d seed %d\n" % (h, rows, seed)


def ensure_data(data, rows, seed, laborstat):
    stamp = os.path.join(data, ".stamp")
    want = gen_stamp(rows, seed)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        log("generating %d-row data into %s (once; cached)" % (rows, data))
        shutil.rmtree(data, ignore_errors=True)
        os.makedirs(data)
        t0 = time.monotonic()
        subprocess.run([PY, os.path.join(HERE, "gen.py"), data, "--rows", str(rows), "--seed", str(seed)],
                       check=True)
        log("generated in %.0f s" % (time.monotonic() - t0))
        for f in ("template.db", "store11.db"):
            if os.path.exists(os.path.join(data, f)):
                os.remove(os.path.join(data, f))
        with open(stamp, "w") as f:
            f.write(want)
    env = bench_env(data)
    tpl = os.path.join(data, "template.db")
    if not os.path.exists(tpl):                      # an empty store with the snapshot core
        subprocess.run([laborstat, "--db", tpl + ".tmp", "--quiet", "datasets"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        os.replace(tpl + ".tmp", tpl)
    else:                                            # brought to this laborstat's schema, once
        subprocess.run([laborstat, "--db", tpl, "--quiet", "datasets"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    store = os.path.join(data, "store11.db")
    if not os.path.exists(store):
        files = sorted(os.path.join(data, "store", f) for f in os.listdir(os.path.join(data, "store")))
        log("building the %d-release store (once)" % len(files))
        shutil.copy(tpl, store + ".tmp")
        subprocess.run([laborstat, "--db", store + ".tmp", "--quiet", "import"] + files, check=True, env=env)
        os.replace(store + ".tmp", store)
    else:                                            # migrated here, not in B5's first timed run
        subprocess.run([laborstat, "--db", store, "--quiet", "datasets"], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def bench_env(data):
    env = dict(os.environ)
    for k in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[k] = os.path.join(data, "xdg", k.lower())
    env.pop("LABORSTAT_DB", None)
    return env


def have(cmd):
    return shutil.which(cmd) is not None


def have_py(mod):
    return subprocess.run([PY, "-c", "import " + mod], capture_output=True).returncode == 0


def have_r(pkg):
    return have("Rscript") and subprocess.run(["Rscript", "-e", "library(%s)" % pkg],
                                              capture_output=True).returncode == 0


# ------------------------------------------------------------------------------ the tasks
def tasks(a, data, work):
    L = a.laborstat
    env = bench_env(data)
    tpl = os.path.join(data, "template.db")
    db = os.path.join(work, "run.db")
    csv_ = os.path.join(data, "all_data_M_2024.csv")
    zip_ = os.path.join(data, "oesm24all.zip")
    oe = os.path.join(data, "oe")
    rows = a.rows
    skipped = []

    def fresh_copy():
        for s in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(db + s):
                os.remove(db + s)
        shutil.copy(tpl, db)

    def fresh_empty():
        for s in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(db + s):
                os.remove(db + s)

    def opt(cond, what, c):
        if cond:
            return [c]
        skipped.append(what)
        return []

    def rows_imported(n):
        def check(out):
            m = re.search(r"([\d,]+) rows", out)
            got = int(m.group(1).replace(",", "")) if m else -1
            return None if got == n else "expected %d rows imported, output: %s" % (n, out.strip()[-200:])
        return check

    out = {}
    csv_bytes = os.path.getsize(csv_)
    out["B1"] = {
        "title": "import the all-data CSV (%s rows, %.0f MB)" % (format(rows, ","), csv_bytes / 1e6),
        "work": {"rows": rows, "bytes": csv_bytes},
        "contenders": [
            Contender("laborstat import", "laborstat", [L, "--db", db, "import", csv_], fresh_copy, env,
                      check=rows_imported(rows)),
            *opt(have("sqlite3"), "sqlite3", Contender("sqlite3 .import --csv", "peer",
                 ["sqlite3", db, ".import --csv %s oews" % csv_], fresh_empty)),
            *opt(have_py("pandas"), "pandas", Contender("pandas read_csv+to_sql", "peer",
                 [PY, os.path.join(PEERS, "pandas_csv.py"), csv_, db], fresh_empty)),
            *opt(have_r("data.table"), "data.table", Contender("data.table fread", "peer",
                 ["Rscript", os.path.join(PEERS, "fread.R"), csv_])),
            Contender("floor: cat", "floor", ["cat", csv_], None),
        ]}
    zip_bytes = os.path.getsize(zip_)
    xtmp = os.path.join(work, "x.xlsx")
    out["B2"] = {
        "title": "import the all-data XLSX from BLS's zip (%.0f MB zip)" % (zip_bytes / 1e6),
        "work": {"rows": rows, "bytes": zip_bytes},
        "contenders": [
            Contender("laborstat import", "laborstat", [L, "--db", db, "import", zip_], fresh_copy, env,
                      check=rows_imported(rows)),
            *opt(have_r("readxl"), "readxl", Contender("R readxl", "peer",
                 ["Rscript", os.path.join(PEERS, "readxl.R"), zip_])),
            *opt(have_py("pandas") and have_py("openpyxl"), "pandas read_excel",
                 Contender("pandas read_excel", "peer", [PY, os.path.join(PEERS, "pandas_xlsx.py"), zip_])),
            Contender("floor: unzip -p (both layers)", "floor",
                      ["bash", "-c", 'unzip -p "$1" > "$2" && unzip -p "$2" > /dev/null', "-", zip_, xtmp]),
        ]}
    flat_bytes = os.path.getsize(os.path.join(oe, "oe.data.0.Current"))
    series_bytes = os.path.getsize(os.path.join(oe, "oe.series"))
    with open(os.path.join(oe, "oe.data.0.Current"), "rb") as f:
        flat_rows = sum(1 for _ in f) - 1
    out["B3"] = {
        "title": "import the flat files (%s series; oe.data %.0f MB + oe.series %.0f MB)"
                 % (format(flat_rows, ","), flat_bytes / 1e6, series_bytes / 1e6),
        "work": {"rows": flat_rows, "bytes": flat_bytes + series_bytes},
        "contenders": [
            Contender("laborstat import", "laborstat", [L, "--db", db, "import", os.path.join(oe, "oe.data.0.Current")],
                      fresh_copy, env),
            *opt(have_r("data.table"), "data.table", Contender("data.table fread (both)", "peer",
                 ["Rscript", os.path.join(PEERS, "fread.R"), os.path.join(oe, "oe.series"),
                  os.path.join(oe, "oe.data.0.Current")])),
            *opt(have_py("pandas"), "pandas", Contender("pandas read_csv (both)", "peer",
                 [PY, os.path.join(PEERS, "pandas_flat.py"), oe])),
            Contender("floor: cat (both)", "floor", ["cat", os.path.join(oe, "oe.series"),
                                                     os.path.join(oe, "oe.data.0.Current")]),
        ]}

    def fit_metric(out):
        m = re.search(r"all cells as drawn:\s+(\d+) fits in ([\d.]+) s", out)
        return float(m.group(2)) * FULL_ROWS / int(m.group(1))

    def scipy_metric(out):
        m = re.search(r"(\d+) fits in ([\d.]+) s", out)
        return float(m.group(2)) * FULL_ROWS / int(m.group(1))

    n_scipy = "300" if a.quick else "3000"
    out["B4"] = {
        "title": "fit the lognormal of every cell (414,437 cells, one core; s for all cells)",
        "work": {"rows": FULL_ROWS},
        "contenders": [
            *opt(a.fit_bench and os.path.exists(a.fit_bench), "fit_bench",
                 Contender("laborstat lab_dist_fit (fit_bench)", "laborstat", ["taskset", "-c", "0", a.fit_bench],
                           metric=fit_metric)),
            *opt(have_py("scipy"), "scipy", Contender("scipy least_squares (%s fits, scaled)" % n_scipy, "peer",
                 ["taskset", "-c", "0", PY, os.path.join(PEERS, "scipy_fit.py"), n_scipy], metric=scipy_metric)),
        ]}
    store = os.path.join(data, "store11.db")
    pq = os.path.join(PEERS, "pandas_query.py")
    b5 = [("B5a", "wages 15-1212 --area CA", ["wages", "15-1212", "--area", "CA"], ["wages", "15-1212", "CA"]),
          ("B5b", "compare 15-1212 --areas (51 states)", ["compare", "15-1212", "--areas", STATES],
           ["compare", "15-1212", STATES]),
          ("B5c", "trend 15-1212", ["trend", "15-1212"], ["trend", "15-1212"])]
    for key, title, args, pargs in b5:
        out[key] = {
            "title": "`%s` on the 11-release store (%s rows)" % (title, format(11 * rows, ",")),
            "work": {}, "warmup": [L, "--db", store] + args, "env": env, "short": True,
            "contenders": [
                Contender("laborstat " + args[0], "laborstat", [L, "--db", store] + args, None, env),
                *opt(have_py("pandas"), "pandas", Contender("pandas script (read_sql)", "peer",
                     [PY, pq, store] + pargs)),
            ]}
    rep = os.path.join(work, "report")
    rep_db = os.path.join(work, "report.db")
    gp_dir = os.path.join(work, "gp")

    def fresh_report():
        shutil.rmtree(rep, ignore_errors=True)

    gnuplot_all = ["bash", "-c", 'cd "$1" && ls report/charts/*.gp | xargs -P "$(nproc)" -n 1 gnuplot', "-", gp_dir]
    out["B6"] = {
        "title": "the health-IT report (`report --preset health-it`, warm store)",
        "work": {}, "warmup": [L, "--db", rep_db, "report", "--preset", "health-it", "--out", "report"], "env": env,
        "cwd": work, "after_warmup": lambda: (shutil.rmtree(gp_dir, ignore_errors=True),
                                              shutil.copytree(rep, os.path.join(gp_dir, "report"))),
        "contenders": [
            Contender("laborstat report", "laborstat", [L, "--db", rep_db, "report", "--preset", "health-it",
                                                          "--out", "report"], fresh_report, env, cwd=work),
            *opt(have("gnuplot"), "gnuplot", Contender("gnuplot alone (same .gp, %d procs)" % os.cpu_count(),
                 "floor", gnuplot_all)),
        ]}
    out["_skipped"] = skipped
    return out


# ------------------------------------------------------------------------------ B7: the network
def run_b7(a, work, runs):
    srv = os.path.join(ROOT, "tests", "server")
    sw = os.path.join(work, "srv")
    os.makedirs(sw, exist_ok=True)
    env = dict(os.environ, LABSRV_SHARED="")
    p = subprocess.run([os.path.join(srv, "start.sh"), sw], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        return {"error": "server did not start: " + p.stderr[-300:]}
    mirror = p.stdout.strip().splitlines()[-1]
    logf = os.path.join(sw, "requests.log")
    res = {"title": "fetch through the loopback server (tests/server)", "mirror": mirror}
    try:
        env = dict(os.environ)
        for k in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env[k] = os.path.join(work, "b7", k.lower())
        env.update(LABORSTAT_CONTACT="bench@example.org", BLS_API_KEY="bench-not-a-key")
        env.pop("LABORSTAT_DB", None)
        db = os.path.join(work, "b7.db")
        L = a.laborstat

        def entries():
            time.sleep(0.3)         # the server logs a request when its response is finished
            with open(logf) as f:
                return [json.loads(l) for l in f if l.strip()]

        fetch = [L, "--db", db, "--quiet", "fetch", "oews", "--year", "2024", "--geo", "national", "--mirror", mirror]
        first = measure(fetch, env=env, stdout="capture")
        n0 = len(entries())
        c = Contender("re-fetch oews 2024 national", "laborstat", fetch, None, env)
        per = []
        for i in range(runs):
            k = len(entries())
            m = measure(fetch, env=env, stdout="capture")
            new = entries()[k:]
            per.append({"wall": m["wall"], "cpu": m["cpu"], "rss_mb": m["rss_mb"], "rc": m["rc"],
                        "requests": len(new), "body_bytes": sum(e.get("body_bytes") or 0 for e in new),
                        "statuses": sorted({e.get("status") for e in new})})
            log("  re-fetch run %d: %.3f s, %d requests, %d body bytes, statuses %s" % (
                i + 1, m["wall"], per[-1]["requests"], per[-1]["body_bytes"], per[-1]["statuses"]))
        res["first_fetch"] = {"rc": first["rc"], "wall": first["wall"], "requests": n0,
                              "body_bytes": sum(e.get("body_bytes") or 0 for e in entries()[:n0])}
        res["refetch"] = per
        # the API: 120 series x 25 years with a key (50 series, 20 years a request) -> 3 x 2 = 6
        # the fake API has data for the flat-file fixture's 60 series and CUUR0000SA0; the rest
        # answer "Series does not exist" (the request count is what B7 checks)
        ids = ["CUUR0000SA0"]
        with open(os.path.join(ROOT, "tests", "data", "flatfiles", "M2024", "oe.data.0.Current")) as f:
            ids += sorted({l.split()[0] for l in f if l.startswith("OE")})
        ids += ["OEUN0000000000000%06d%02d" % (110000 + 1000 * (i // 15), i % 15 + 1)
                for i in range(120 - len(ids))]
        api = [L, "--db", db, "--quiet", "fetch", "series"] + ids + ["--from", "2000", "--to", "2024", "--mirror", mirror]
        aper = []
        for i in range(runs):
            k = len(entries())
            m = measure(api, env=env, stdout="capture")
            new = [e for e in entries()[k:] if "api" in e]
            aper.append({"wall": m["wall"], "cpu": m["cpu"], "rc": m["rc"], "requests": len(new),
                         "body_bytes": sum(e.get("body_bytes") or 0 for e in new),
                         "nseries": [e.get("nseries") for e in new], "years": [e.get("years") for e in new],
                         "out": m["out"].strip()[-300:] if m["rc"] else ""})
            log("  API pull run %d: %.3f s, exit %d, %d requests (series %s, years %s)" % (
                i + 1, m["wall"], m["rc"], len(new), aper[-1]["nseries"], aper[-1]["years"]))
        res["api"] = aper
        res["api_minimum"] = 6
    finally:
        subprocess.run([os.path.join(srv, "stop.sh"), sw], capture_output=True)
    return res


# ------------------------------------------------------------------------------ report
def fmt_t(s):
    if s is None:
        return "-"
    return "%.1f ms" % (s * 1e3) if s < 0.1 else ("%.2f s" % s if s < 100 else "%.0f s" % s)


def table(results):
    lines = ["| # | contender | median wall | min - max | CPU | peak RSS | throughput | laborstat vs this |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for key, t in results["tasks"].items():
        lab = next((s for s in t["summary"] if s["kind"] == "laborstat"), None)
        for s in t["summary"]:
            tp = ""
            if s.get("rows_per_s"):
                tp = "%.2f M rows/s" % (s["rows_per_s"] / 1e6)
            if s.get("mb_per_s"):
                tp += (", " if tp else "") + "%.0f MB/s" % s["mb_per_s"]
            if s["kind"] == "laborstat" or not lab:
                ratio = ""
            else:
                r = s["median"] / lab["median"]
                ratio = ("laborstat %.2fx faster" % r) if r >= 1 else ("laborstat %.2fx slower" % (1 / r))
                if s["kind"] == "floor":
                    ratio = "laborstat = %.2fx floor" % (lab["median"] / s["median"])
            lines.append("| %s | %s | %s | %s - %s | %s | %.0f MB | %s | %s |" % (
                key, s["name"] + (" (%d runs)" % s["runs"]), fmt_t(s["median"]), fmt_t(s["min"]),
                fmt_t(s["max"]), fmt_t(s["cpu"]), s["rss_mb"], tp, ratio))
        for name, err in t.get("failed", {}).items():
            lines.append("| %s | %s | failed: %s | | | | | |" % (key, name, err[:80].replace("|", "/")))
    b7 = results.get("B7")
    if b7 and "refetch" in b7:
        rf = b7["refetch"]
        lines.append("| B7 | re-fetch of an unchanged release (%d runs) | %s | | | | %s requests, %s body bytes | target 0 bytes |" % (
            len(rf), fmt_t(statistics.median(r["wall"] for r in rf)),
            "/".join(str(r["requests"]) for r in rf), "/".join(str(r["body_bytes"]) for r in rf)))
        ap = b7["api"]
        lines.append("| B7 | API pull 120 series x 25 years, key (%d runs) | %s | | | | %s requests (exit %s) | minimum 6 |" % (
            len(ap), fmt_t(statistics.median(r["wall"] for r in ap)),
            "/".join(str(r["requests"]) for r in ap), "/".join(str(r["rc"]) for r in ap)))
    return "\n".join(lines)


def verdicts(results):
    """Targets of issue 6, checked against the medians."""
    t = results["tasks"]
    out = []

    def med(key, kind=None, name=None):
        for s in t.get(key, {}).get("summary", []):
            if (kind and s["kind"] == kind) or (name and s["name"].startswith(name)):
                return s
        return None

    lab = med("B1", "laborstat")
    sq, pd_ = med("B1", name="sqlite3"), med("B1", name="pandas")
    if lab and sq:
        out.append(("B1 faster than sqlite3 .import", lab["median"] < sq["median"],
                    "%s vs %s" % (fmt_t(lab["median"]), fmt_t(sq["median"]))))
    if lab and pd_:
        out.append(("B1 >= 3x pandas+to_sql", pd_["median"] >= 3 * lab["median"],
                    "%.2fx" % (pd_["median"] / lab["median"])))
    lab, fl = med("B2", "laborstat"), med("B2", "floor")
    if lab and fl:
        out.append(("B2 <= 2x inflate floor", lab["median"] <= 2 * fl["median"],
                    "%.2fx (%s vs %s)" % (lab["median"] / fl["median"], fmt_t(lab["median"]), fmt_t(fl["median"]))))
        out.append(("B2 stretch <= 1.5x floor", lab["median"] <= 1.5 * fl["median"], "%.2fx" % (lab["median"] / fl["median"])))
    if lab:
        out.append(("B2 peak RSS < 64 MB", lab["rss_mb"] < 64, "%.0f MB" % lab["rss_mb"]))
    lab = med("B3", "laborstat")
    if lab:
        out.append(("B3 <= 3 s", lab["median"] <= 3.0, fmt_t(lab["median"])))
    lab = med("B4", "laborstat")
    if lab:
        out.append(("B4 < 0.5 s for all cells, one core", lab["median"] < 0.5, fmt_t(lab["median"])))
    for k in ("B5a", "B5b", "B5c"):
        lab = med(k, "laborstat")
        if lab:
            out.append(("%s < 10 ms whole process" % k, lab["median"] < 0.010, fmt_t(lab["median"])))
    lab = med("B6", "laborstat")
    if lab:
        out.append(("B6 < 3 s", lab["median"] < 3.0, fmt_t(lab["median"])))
    b7 = results.get("B7")
    if b7 and "refetch" in b7:
        ok = all(r["body_bytes"] == 0 and r["rc"] == 0 for r in b7["refetch"])
        out.append(("B7 re-fetch 0 body bytes", ok, "/".join(str(r["body_bytes"]) for r in b7["refetch"])))
        ok = all(r["requests"] == 6 for r in b7["api"])
        out.append(("B7 API requests = 6", ok, "/".join(str(r["requests"]) for r in b7["api"])))
    return out


def write_doc(results, tbl, ver):
    path = os.path.join(ROOT, "docs", "performance.md")
    text = open(path, encoding="utf-8").read()
    block = ("<!-- BENCH-TABLE:BEGIN (written by bench/run; do not edit by hand) -->\n"
             "Measured %s on %s (%s, %d cores), %s rows, %d runs each (B5: %d)%s.\n"
             "Wall = median of the runs (B4: the fits alone, fit_bench's own timer; scipy scaled from "
             "its sample); CPU = user + system of the whole process and its children (B4: including "
             "fit_bench's data generation); ratios are of median walls. B5 (commands of a few "
             "milliseconds) is timed without GNU time around the process (its peak RSS comes from "
             "one more run with it).\n\n%s\n\n"
             "| target | met | measured |\n|---|---|---|\n%s\n"
             "<!-- BENCH-TABLE:END -->") % (
        results["date"], results["host"]["cpu"], results["host"]["os"], results["host"]["cores"],
        format(results["rows"], ","), results["runs"], results["runs_b5"],
        "".join("; %s re-measured %s" % (",".join(m["only"]), m["date"]) for m in results.get("merged", []))
        + ("; load average at start %s (other jobs on the machine)" % results["host"]["loadavg"]
           if results["host"].get("loadavg") else ""),
        tbl,
        "\n".join("| %s | %s | %s |" % (n, "yes" if ok else "**no**", m) for n, ok, m in ver))
    text = re.sub(r"<!-- BENCH-TABLE:BEGIN.*?<!-- BENCH-TABLE:END -->", lambda _: block, text, flags=re.S)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--laborstat", required=True)
    ap.add_argument("--fit-bench")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--render", action="store_true", help="rewrite docs/performance.md from results/latest.json")
    a = ap.parse_args()
    if a.render:
        with open(os.path.join(HERE, "results", "latest.json")) as f:
            results = json.load(f)
        write_doc(results, table(results), verdicts(results))
        return 0
    a.laborstat = os.path.abspath(a.laborstat)
    a.rows = QUICK_ROWS if a.quick else FULL_ROWS
    runs = a.runs or (1 if a.quick else 3)
    runs_b5 = max(runs, 3 if a.quick else 10)
    only = {x.strip().upper() for x in a.only.split(",") if x.strip()}
    want = lambda k: not only or k in only or k[:2] in only
    data = os.environ.get("LABORSTAT_BENCH_DATA") or os.path.join(HERE, "data", "quick" if a.quick else "full")
    ensure_data(data, a.rows, a.seed, a.laborstat)
    work = tempfile.mkdtemp(prefix="labbench.")
    results = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "rows": a.rows, "quick": a.quick,
               "runs": runs, "runs_b5": runs_b5, "data": data,
               "host": {"cpu": cpu_name(), "cores": os.cpu_count(), "os": "%s %s" % (platform.system(), platform.release()),
                        "loadavg": "%.1f" % os.getloadavg()[0]},
               "laborstat": a.laborstat, "tasks": {}}
    try:
        all_tasks = tasks(a, data, work)
        results["skipped_peers"] = sorted(set(all_tasks.pop("_skipped")))
        if results["skipped_peers"]:
            log("not installed, skipped: " + ", ".join(results["skipped_peers"]))
        order = sorted(all_tasks, key=lambda k: (k == "B2", k))
        name = "quick.json" if a.quick else ("latest.json" if not only else "latest-partial.json")
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        for key in order:
            t = all_tasks[key]
            if key == "B2" and want("B7") and "B7" not in results:
                log("== B7: fetch through the loopback server")
                results["B7"] = run_b7(a, work, runs)
            if not want(key):
                continue
            log("== %s: %s" % (key, t["title"]))
            if t.get("warmup"):
                w = measure(t["warmup"], env=t.get("env"), cwd=t.get("cwd"), stdout="capture")
                log("  warm-up (not counted): %.3f s, exit %d" % (w["wall"], w["rc"]))
                if w["rc"] != 0:
                    log("  warm-up failed: " + w["out"][-400:])
                if t.get("after_warmup") and w["rc"] == 0:
                    t["after_warmup"]()
            run_task(t, runs_b5 if key.startswith("B5") else runs)
            results["tasks"][key] = {
                "title": t["title"], "work": t["work"],
                "summary": [s for s in (summary(c, t["work"]) for c in t["contenders"]) if s],
                "failed": {c.name: c.errors[0] for c in t["contenders"] if c.errors and not c.runs}}
            with open(os.path.join(HERE, "results", name), "w") as f:
                json.dump(results, f, indent=1)
        if want("B7") and "B7" not in results:
            log("== B7: fetch through the loopback server")
            results["B7"] = run_b7(a, work, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    latest = os.path.join(HERE, "results", "latest.json")
    if only and not a.quick and os.path.exists(latest):
        # --only at full scale: merge into the last full run, so the table stays whole
        with open(latest) as f:
            old = json.load(f)
        if old.get("rows") == results["rows"]:
            old["tasks"].update(results["tasks"])
            if "B7" in results:
                old["B7"] = results["B7"]
            old.setdefault("merged", []).append({"date": results["date"], "only": sorted(only)})
            results = old
            only = set()
            name = "latest.json"
    tbl = table(results)
    ver = verdicts(results)
    results["targets"] = [{"target": n, "met": ok, "measured": m} for n, ok, m in ver]
    print("\n" + tbl + "\n")
    for n, ok, m in ver:
        print("%-40s %-4s %s" % (n, "met" if ok else "MISS", m))
    with open(os.path.join(HERE, "results", name), "w") as f:
        json.dump(results, f, indent=1)
    log("wrote bench/results/" + name)
    if not a.quick and not only:
        write_doc(results, tbl, ver)
        log("updated docs/performance.md")
    bad = [k for k, t in results["tasks"].items() for c in t["summary"] if c["kind"] == "laborstat" and c.get("errors")]
    bad += [k for k, t in results["tasks"].items() if any(n.startswith("laborstat") for n in t["failed"])]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
