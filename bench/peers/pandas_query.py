#!/usr/bin/python3
"""B5 peer: the answers of `laborstat wages|compare|trend` from the same SQLite store with pandas.
usage: pandas_query.py DB wages OCC STATE | compare OCC ST,ST,... | trend OCC"""
import math
import sqlite3
import sys

import numpy as np
import pandas as pd

db, cmd, occ = sys.argv[1:4]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
CELLS = ("SELECT o.*, r.year, r.origin_kind FROM oews o JOIN release r ON r.id = o.release_id "
         "WHERE r.source = 'oews' AND o.naics = '000000' AND o.occ_code = ? AND o.area IN (%s)")


def codes(postals):
    a = pd.read_sql("SELECT code, postal FROM area WHERE postal IN (%s)" % ",".join("?" * len(postals)),
                    con, params=postals)
    return dict(zip(a.postal, a.code))


def ci(v, rse):
    h = 1.96 * v * rse / 100.0
    return v - h, v + h


if cmd == "wages":
    area = codes([sys.argv[4]])[sys.argv[4]]
    df = pd.read_sql(CELLS % "?", con, params=[occ, area])
    df = df.sort_values(["year", "origin_kind"], ascending=[False, True]).head(1)
    r = df.iloc[0]
    print("%s %s May %d" % (occ, sys.argv[4], r.year))
    print("employment %s CI %s" % (r.tot_emp, ci(r.tot_emp, r.emp_prse)))
    print("annual mean %s CI %s" % (r.a_mean, ci(r.a_mean, r.mean_prse)))
    for m in ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"):
        print(m, r[m], r[m + "_state"] or "")
elif cmd == "compare":
    postals = sys.argv[4].split(",")
    m = codes(postals)
    df = pd.read_sql(CELLS % ",".join("?" * (len(m) + 1)), con, params=[occ, "US"] + list(m.values()))
    year = df.groupby("area").year.max().min()
    df = df[df.year == year].sort_values("origin_kind").drop_duplicates("area")
    ref = df[df.area == m[postals[0]]].iloc[0]
    se = lambda r: r.a_mean * r.mean_prse / 100.0
    for p in postals:
        r = df[df.area == m[p]]
        if r.empty:
            continue
        r = r.iloc[0]
        d = r.a_mean - ref.a_mean
        s = math.hypot(se(r), se(ref))
        z = d / s if s > 0 else float("nan")
        pv = math.erfc(abs(z) / math.sqrt(2)) if s > 0 else float("nan")
        print(p, r.a_mean, ci(r.a_mean, r.mean_prse), d, z, pv)
elif cmd == "trend":
    df = pd.read_sql(CELLS % "?", con, params=[occ, "US"])
    df = df.sort_values(["year", "origin_kind"]).drop_duplicates("year")
    df = df[df.a_mean.notna()]
    y, x = np.log(df.a_mean.to_numpy()), df.year.to_numpy(dtype=float)
    if len(df) >= 2:
        slope, icpt = np.polyfit(x, y, 1)
        print(df[["year", "a_mean"]].to_string(index=False))
        print("growth per year %.4f" % (math.exp(slope) - 1))
    else:
        print("fewer than 2 years")
