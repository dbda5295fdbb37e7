#!/usr/bin/env python3
"""Derive laborstat's embedded data snapshot from the shared reference data.

Usage: python3 scripts/make_snapshot.py [--reference DIR] [--out DIR] [--exclude-may2025]

Reads the real BLS/BEA reference files under ../shared/reference (relative to the repository
root) and writes datasets/snapshot/*.lsnap in the format of docs/snapshot-format.md.  Python 3
standard library only; deterministic (same input -> same bytes, no timestamps).  A short summary
goes to stderr.  Anything unexpected (a field holding TAB/CR/LF, an unknown column, a value that is
neither a number nor an OEWS symbol, a duplicate it cannot resolve by the rules below, ...) stops
the run with a message naming the file and line.

Every decision taken here is explained in docs/data-notes.md; keep the two in step.
"""

import argparse
import collections
import csv
import glob
import hashlib
import json
import os
import re
import sys

MAGIC = "#laborstat-snapshot\t1"

# --------------------------------------------------------------------------------------------
# errors and small helpers
# --------------------------------------------------------------------------------------------


class SnapError(Exception):
    pass


def die(path, line, msg):
    where = path if line is None else "%s:%s" % (path, line)
    raise SnapError("%s: %s" % (where, msg))


def note(msg):
    sys.stderr.write(msg + "\n")


NUM_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
THOUSANDS_RE = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def is_num(s):
    return bool(NUM_RE.match(s))


def norm_num(s):
    """Plain decimal text: no thousands separators, no trailing decimal zeros, no bare '.5'.
    '2053090.0' -> '2053090', '44.90' -> '44.9', '-.6' -> '-0.6', '"2,091,480"' -> '2091480'."""
    if THOUSANDS_RE.match(s):
        s = s.replace(",", "")
    if not NUM_RE.match(s):
        return s
    neg = s.startswith("-")
    body = s[1:] if neg else s
    if "." in body:
        body = body.rstrip("0").rstrip(".")
        if body.startswith("."):
            body = "0" + body
        if body == "":
            body = "0"
    if neg and body.strip("0.") == "":
        neg = False  # '-0' -> '0'
    return ("-" if neg else "") + body


def decimals(s):
    return len(s.split(".", 1)[1]) if "." in s else 0


def check_text(path, line, value):
    if any(c in value for c in "\t\r\n"):
        die(path, line, "field holds a TAB, CR or LF: %r" % value)
    return value


# --------------------------------------------------------------------------------------------
# the reference tree
# --------------------------------------------------------------------------------------------


class CheckedRow(dict):
    """A CSV row as a dict; reading a field with [] refuses TAB, CR and LF."""

    def __init__(self, rel, line, items):
        dict.__init__(self, items)
        self.rel, self.line = rel, line

    def __getitem__(self, k):
        return check_text(self.rel, self.line, dict.__getitem__(self, k))


class Reference:
    def __init__(self, root):
        self.root = root
        self._sha = {}

    def path(self, rel):
        p = os.path.join(self.root, rel)
        if not os.path.isfile(p):
            die(rel, None, "reference file missing (looked in %s)" % self.root)
        return p

    def sha256(self, rel):
        if rel not in self._sha:
            h = hashlib.sha256()
            with open(self.path(rel), "rb") as f:
                for chunk in iter(lambda: f.read(1 << 16), b""):
                    h.update(chunk)
            self._sha[rel] = h.hexdigest()
        return self._sha[rel]

    def text(self, rel):
        with open(self.path(rel), encoding="utf-8") as f:
            return f.read()

    def csv(self, rel, skipinitialspace=False):
        """Return (header, [(line_number, fields)]) with every field stripped and checked."""
        out = []
        with open(self.path(rel), encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, skipinitialspace=skipinitialspace, strict=True)
            try:
                header = next(reader)
            except StopIteration:
                die(rel, 1, "empty file")
            header = [check_text(rel, 1, h).strip() for h in header]
            try:
                for rec in reader:
                    line = reader.line_num
                    if not rec or all(x.strip() == "" for x in rec):
                        continue
                    # TAB/CR/LF are refused when a field is used (CheckedRow, check_text), so
                    # that a verbatim note column the snapshot does not keep cannot stop the run
                    out.append((line, [x.strip() for x in rec]))
            except csv.Error as e:
                die(rel, reader.line_num, "CSV error: %s" % e)
        return header, out

    def dict_rows(self, rel, expected=None):
        """Rows as dicts; a row whose field count differs from the header is an error."""
        header, rows = self.csv(rel)
        if len(set(header)) != len(header):
            die(rel, 1, "duplicate column names in header")
        if expected is not None:
            unknown = [h for h in header if h not in expected]
            if unknown:
                die(rel, 1, "unknown column(s) %s" % ", ".join(unknown))
        out = []
        for line, rec in rows:
            if len(rec) != len(header):
                die(rel, line, "%d fields, header has %d" % (len(rec), len(header)))
            out.append((line, CheckedRow(rel, line, zip(header, rec))))
        return header, out


# --------------------------------------------------------------------------------------------
# releases and the writer
# --------------------------------------------------------------------------------------------


class Release:
    def __init__(self, source, scope, vintage, soc, title, base=None, proj=None, note=None):
        self.keys = [("source", source), ("scope", scope), ("vintage", vintage), ("soc", soc),
                     ("title", title)]
        if base is not None:
            self.keys.append(("base", base))
        if proj is not None:
            self.keys.append(("proj", proj))
        if note:
            self.keys.append(("note", note))
        self.origins = []  # [rel, rows]
        self.columns = []
        self.rows = []

    def key(self, k):
        return dict(self.keys)[k]

    def origin(self, rel, rows):
        for o in self.origins:
            if o[0] == rel:
                o[1] += rows
                return
        self.origins.append([rel, rows])


def render(releases, ref, fname):
    out = [MAGIC,
           "# Generated by scripts/make_snapshot.py from shared/reference/ - do not edit by hand.",
           "# Format: docs/snapshot-format.md; provenance and decisions: docs/data-notes.md."]
    for r in releases:
        fields = ["@release"]
        for k, v in r.keys:
            check_text(fname, None, v)
            if "\t" in v or "=" in k:
                die(fname, None, "bad release key/value %r=%r" % (k, v))
            fields.append("%s=%s" % (k, v))
        out.append("\t".join(fields))
        if not r.origins:
            die(fname, None, "release %s has no @origin" % r.key("vintage"))
        for rel, n in r.origins:
            out.append("@origin\t%s\t%s\t%d" % (rel, ref.sha256(rel), n))
        out.append("@columns\t" + "\t".join(r.columns))
        ncol = len(r.columns)
        for row in r.rows:
            if len(row) != ncol:
                die(fname, None, "internal: row width %d != %d" % (len(row), ncol))
            for v in row:
                check_text(fname, None, v)
            if row[0].startswith("#") or row[0].startswith("@"):
                die(fname, None, "first field %r would read as a comment/directive" % row[0])
            if ncol == 1 and row[0] == "":
                die(fname, None, "an empty one-column row would read as an empty line")
            out.append("\t".join(row))
    return ("\n".join(out) + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------------
# OEWS columns, values and areas
# --------------------------------------------------------------------------------------------

OEWS_COLS = ["area", "area_type", "area_title", "prim_state", "naics", "naics_title", "i_group",
             "own_code", "occ_code", "occ_title", "o_group", "tot_emp", "emp_prse", "jobs_1000",
             "loc_quotient", "pct_total", "pct_rpt", "h_mean", "a_mean", "mean_prse", "h_pct10",
             "h_pct25", "h_median", "h_pct75", "h_pct90", "a_pct10", "a_pct25", "a_median",
             "a_pct75", "a_pct90", "annual", "hourly"]
OEWS_VALUE_COLS = set(OEWS_COLS[OEWS_COLS.index("tot_emp"):OEWS_COLS.index("annual")])
OEWS_SYMBOLS = {"#", "*", "**", "~", "-"}
OCC_RE = re.compile(r"^\d\d-\d{4}$")


def oews_header_name(h):
    """BLS header (any edition) -> our lower-case name, or None if not an OEWS column."""
    k = h.strip().lower().replace(" ", "_")
    k = {"occ_group": "o_group", "area_name": "area_title"}.get(k, k)
    return k if k in OEWS_COLS else None


def oews_value(rel, line, col, v):
    """Validate and normalise one OEWS field."""
    if col in OEWS_VALUE_COLS:
        if v == "" or v in OEWS_SYMBOLS:
            return v
        n = norm_num(v)
        if not is_num(n):
            die(rel, line, "column %s: %r is neither a number nor an OEWS symbol" % (col, v))
        return n
    if col in ("annual", "hourly"):
        if v not in ("", "TRUE"):
            die(rel, line, "column %s: expected TRUE or blank, got %r" % (col, v))
        return v
    if col == "occ_code" and not OCC_RE.match(v):
        die(rel, line, "occ_code %r is not a SOC-style code" % v)
    return v


def order_columns(cols):
    return [c for c in OEWS_COLS if c in cols]


class Geo:
    """States from geo/us_states.csv plus the territories GU 66 and VI 78 (names from the BLS
    oe.area list in the reference).  PR 72 is in us_states.csv."""

    TERRITORY_POSTAL = {"66": "GU", "72": "PR", "78": "VI"}
    OE_AREA = "oews/meta/bls_timeseries_oe_M2024/oe.area"

    def __init__(self, ref):
        self.ref = ref
        _, rows = ref.dict_rows("geo/us_states.csv", {
            "state_fips", "postal", "name", "census_region", "census_region_name",
            "census_division", "census_division_name"})
        self.states = collections.OrderedDict()
        for line, r in rows:
            if not re.match(r"^\d\d$", r["state_fips"]):
                die("geo/us_states.csv", line, "bad FIPS %r" % r["state_fips"])
            self.states[r["state_fips"]] = r
        self.states_rows = len(rows)
        # territories missing from us_states.csv: names from the BLS area list
        self.territory_names = {}
        with open(ref.path(self.OE_AREA), encoding="utf-8") as f:
            hdr = f.readline().rstrip("\r\n").split("\t")
            if hdr[:4] != ["state_code", "area_code", "areatype_code", "area_name"]:
                die(self.OE_AREA, 1, "unexpected header %r" % hdr)
            for raw in f:
                p = [x.strip() for x in raw.rstrip("\r\n").split("\t")]
                if len(p) >= 4 and p[2] == "S" and p[0] in ("66", "78"):
                    self.territory_names[p[0]] = p[3]
        for fips in ("66", "78"):
            if fips not in self.territory_names:
                die(self.OE_AREA, None, "territory %s not found" % fips)
            self.states[fips] = {"state_fips": fips, "postal": self.TERRITORY_POSTAL[fips],
                                 "name": self.territory_names[fips], "census_region": "",
                                 "census_region_name": "", "census_division": "",
                                 "census_division_name": ""}
        self.states = collections.OrderedDict(sorted(self.states.items()))
        self.by_postal = {r["postal"]: f for f, r in self.states.items()}
        self.by_name = {r["name"].lower(): f for f, r in self.states.items()}

    def area_type(self, fips):
        return "3" if fips in self.TERRITORY_POSTAL else "2"

    def fips_from_name(self, rel, line, name):
        f = self.by_name.get(name.strip().lower())
        if f is None:
            die(rel, line, "unknown state/territory name %r" % name)
        return f

    def fips_from_postal(self, rel, line, postal):
        f = self.by_postal.get(postal.strip().upper())
        if f is None:
            die(rel, line, "unknown state/territory postal code %r" % postal)
        return f

    def fips_from_code(self, rel, line, code):
        """'1', '01', '0100000' (BLS state area code), '01-00000' -> '01'."""
        c = code.strip().replace("-", "")
        if re.match(r"^\d{7}$", c) and c.endswith("00000"):
            c = c[:2]
        if re.match(r"^\d{1,2}$", c):
            c = c.zfill(2)
            if c in self.states:
                return c
        die(rel, line, "not a state/territory area code: %r" % code)


def msa_area(rel, line, code):
    """Canonical MSA-file area code and area_type: 5-digit CBSA (type 4) for metropolitan areas
    and divisions, 7-digit BLS code (type 6) for nonmetropolitan areas."""
    c = code.strip()
    if re.match(r"^\d{5}$", c):
        return c, "4"
    if re.match(r"^\d{7}$", c):
        if c.startswith("00"):
            return c[2:], "4"
        return c, "6"
    die(rel, line, "not a metropolitan/nonmetropolitan area code: %r" % code)


# --------------------------------------------------------------------------------------------
# merging several files of one release
# --------------------------------------------------------------------------------------------


class Merger:
    """Merge records keyed by `key` from several sources in declared priority order.

    Rule: the first source (highest priority) that has a non-blank value for a field wins; lower
    priority sources only fill blank fields.  Exception: loc_quotient is taken from the source with
    the most decimals (2-decimal sources beat the 1-decimal BLS data-tool exports).
    Differences are classified and counted:
      rounding   loc_quotient values equal after rounding the finer one
      dash       '-' (data-tool: not released OR top-coded) against an exact BLS symbol
                 ('#', '*', '**') that it covers
      text       titles that differ
      conflict   anything else (kept: the higher-priority value)
    A source that repeats a key with different values inside one file is an error."""

    def __init__(self, name, key):
        self.name = name
        self.key = key
        self.recs = collections.OrderedDict()
        self.prec = {}  # key -> decimals of the loc_quotient kept
        self.columns = set()
        self.stats = collections.Counter()
        self.examples = []
        self.used = collections.OrderedDict()  # rel -> rows taken

    def add_source(self, rel, records, lq_decimals=None):
        """records: iterable of (line, dict). lq_decimals: declared precision of the source's LQ."""
        seen = {}
        n = 0
        for line, rec in records:
            k = tuple(rec[c] for c in self.key)
            if k in seen:
                if seen[k] != rec:
                    die(rel, line, "key %s repeated with different values (first at line %s)"
                        % ("/".join(k), seen[k]["__line"]))
                self.stats["duplicate rows within a file (identical, merged)"] += 1
                continue
            rec = dict(rec)
            rec["__line"] = line
            seen[k] = rec
            n += 1
            self._merge(rel, line, k, rec, lq_decimals)
        self.used[rel] = self.used.get(rel, 0) + n

    def _merge(self, rel, line, k, rec, lqd):
        cols = [c for c in rec if not c.startswith("__")]
        self.columns.update(cols)
        if k not in self.recs:
            self.recs[k] = {c: rec[c] for c in cols}
            if rec.get("loc_quotient", "") not in ("",):
                self.prec[k] = lqd if lqd is not None else decimals(rec["loc_quotient"])
            return
        cur = self.recs[k]
        for c in cols:
            new = rec[c]
            old = cur.get(c, "")
            if new == "" or new == old:
                continue
            if old == "":
                cur[c] = new
                if c == "loc_quotient":
                    self.prec[k] = lqd if lqd is not None else decimals(new)
                continue
            kind = self._classify(c, old, new)
            if c == "loc_quotient" and is_num(old) and is_num(new):
                newp = lqd if lqd is not None else decimals(new)
                if newp > self.prec.get(k, 0):
                    cur[c] = new
                    self.prec[k] = newp
            self.stats[kind] += 1
            if kind in ("conflict", "text") and len(self.examples) < 12:
                self.examples.append("%s %s %s: kept %r, %s:%s has %r"
                                     % (self.name, "/".join(k), c, cur[c], rel, line, new))

    @staticmethod
    def _classify(col, old, new):
        if is_num(old) and is_num(new):
            if float(old) == float(new):
                return "same"
            if col == "loc_quotient":
                d = min(decimals(old), decimals(new))
                fine, coarse = (old, new) if decimals(old) > decimals(new) else (new, old)
                if abs(float(fine) - float(coarse)) <= 0.5 * 10 ** -d + 1e-9:
                    return "rounding"
            return "conflict"
        if "-" in (old, new) and ({old, new} - {"-"}) <= {"#", "*", "**"}:
            return "dash"
        if col in ("occ_title", "area_title", "naics_title"):
            return "text"
        return "conflict"

    def result(self, sort=True):
        keys = sorted(self.recs) if sort else list(self.recs)
        cols = order_columns(self.columns)
        return cols, [[self.recs[k].get(c, "") for c in cols] for k in keys]


# --------------------------------------------------------------------------------------------
# OEWS national
# --------------------------------------------------------------------------------------------

SOC_BY_YEAR = {y: ("2010" if y <= 2018 else "hybrid" if y <= 2020 else "2018")
               for y in range(2000, 2030)}

# Independent figures for the single-copy May 2025 national file, as recorded in the reference
# documentation: (document, text that must appear in it, occ_code, column, value).
MAY2025_CHECKS = [
    ("bls-flatfiles/NOTES.md", "U.S. employment 155,495,730", "00-0000", "TOT_EMP", "155495730"),
    ("bls-flatfiles/NOTES.md", "all-occupation median $50,980", "00-0000", "A_MEDIAN", "50980"),
    ("oews/SOURCES.md", "29-2072: 194,720, $51,140 median", "29-2072", "TOT_EMP", "194720"),
    ("oews/SOURCES.md", "29-2072: 194,720, $51,140 median", "29-2072", "A_MEDIAN", "51140"),
    ("oews/SOURCES.md", "15-1212: 190,650, $129,180", "15-1212", "TOT_EMP", "190650"),
    ("oews/SOURCES.md", "15-1212: 190,650, $129,180", "15-1212", "A_MEDIAN", "129180"),
]
MAY2025_FILE = "oews/national/oews_national_M2025_dl_UNVERIFIED.csv"
LABORCOMPARE_2025_STATE_JSON = "oews/state/raw_repo_files/laborcompare_51b7069/by-state_*.json"


def read_national(ref, rel):
    header, rows = ref.csv(rel)
    cols = []
    for h in header:
        c = oews_header_name(h)
        if c is None:
            die(rel, 1, "unknown column %r" % h)
        cols.append(c)
    if len(set(cols)) != len(cols):
        die(rel, 1, "duplicate columns after mapping: %r" % cols)
    if "occ_code" not in cols:
        die(rel, 1, "no OCC_CODE column")
    out = []
    for line, rec in rows:
        if len(rec) != len(cols):
            die(rel, line, "%d fields, header has %d" % (len(rec), len(cols)))
        d = {c: oews_value(rel, line, c, check_text(rel, line, v)) for c, v in zip(cols, rec)}
        if "area" in d and d["area"] != "99":
            die(rel, line, "national file holds area %r" % d["area"])
        d["area"] = "US"
        out.append((line, d))
    return order_columns(set(cols) | {"area"}), out


def check_may2025(ref, rows):
    """Compare the single-copy May 2025 national file with the independent evidence in the
    reference.  Returns (ok, list of findings)."""
    findings = []
    ok = True
    by_code = {}
    for _, d in rows:
        by_code.setdefault(d["occ_code"], d)
    for doc, text, occ, col, val in MAY2025_CHECKS:
        if text not in ref.text(doc):
            ok = False
            findings.append("%s no longer states %r" % (doc, text))
            continue
        got = by_code.get(occ, {}).get(col.lower())
        if got != val:
            ok = False
            findings.append("%s %s is %r, independent source (%s) says %s" % (occ, col, got, doc, val))
        else:
            findings.append("%s %s = %s agrees with %s" % (occ, col, val, doc))
    # Location quotients of the independent laborcompare@51b7069 May 2025 state files imply the
    # national employment share of each occupation (LQ = state share / national share).
    if not is_num(by_code.get("00-0000", {}).get("tot_emp", "")):
        return False, findings + ["no numeric 00-0000 employment in %s" % MAY2025_FILE]
    total = float(by_code["00-0000"]["tot_emp"])
    files = sorted(glob.glob(os.path.join(ref.root, LABORCOMPARE_2025_STATE_JSON)))
    if not files:
        ok = False
        findings.append("no laborcompare May 2025 state files found for the LQ check")
    for f in files:
        with open(f, encoding="utf-8") as fh:
            data = json.load(fh)
        occ = data.get("soc")
        nat = by_code.get(occ)
        if nat is None or not is_num(nat["tot_emp"]):
            ok = False
            findings.append("LQ check: %s missing from the May 2025 national file" % occ)
            continue
        share = float(nat["tot_emp"]) / total * 1000.0
        pairs = [(s["j1k"], s["lq"]) for s in data["states"].values() if s.get("lq") and s.get("j1k")]
        good = sum(1 for j, q in pairs if abs(j / share - q) <= 0.0051)
        if not pairs or good < 0.85 * len(pairs):
            ok = False
        findings.append("LQ check %s: %d of %d state LQs consistent with national share %.4f per 1,000"
                        % (occ, good, len(pairs), share))
    return ok, findings


def build_national(ref, args, log):
    releases = []
    files = sorted(glob.glob(os.path.join(ref.root, "oews/national/oews_national_M20??_dl*.csv")))
    years = {}
    for f in files:
        rel = os.path.relpath(f, ref.root)
        m = re.search(r"_M(\d{4})_dl(_UNVERIFIED)?\.csv$", rel)
        if not m:
            die(rel, None, "unexpected national file name")
        years[int(m.group(1))] = rel
    expected = list(range(2014, 2025))
    for y in expected:
        if y not in years:
            die("oews/national", None, "May %d national file missing" % y)
    for y in sorted(years):
        rel = years[y]
        cols, rows = read_national(ref, rel)
        note_txt = None
        if rel.endswith("_UNVERIFIED.csv"):
            ok, findings = check_may2025(ref, rows)
            log["may2025"] = findings
            if args.exclude_may2025 or not ok:
                log["may2025_decision"] = ("excluded (%s)" % ("--exclude-may2025" if ok else
                                                               "independent check failed"))
                continue
            log["may2025_decision"] = "included"
            note_txt = ("single published copy; its figures agree with the independent sources "
                        "checked (see docs/data-notes.md); no # top-coding in this release; "
                        "PRSE described as model error")
        r = Release("oews", "national", str(y), SOC_BY_YEAR[y],
                    "OEWS May %d national cross-industry estimates, all occupations" % y,
                    note=note_txt)
        r.columns = cols
        r.rows = [[d.get(c, "") for c in cols] for _, d in rows]
        r.origin(rel, len(rows))
        releases.append(r)
    return releases


def national_titles(ref):
    """{year: {occ_code: title}} from the national files (first row per code)."""
    out = {}
    for f in sorted(glob.glob(os.path.join(ref.root, "oews/national/oews_national_M20??_dl.csv"))):
        rel = os.path.relpath(f, ref.root)
        y = int(re.search(r"_M(\d{4})_dl", rel).group(1))
        header, rows = ref.csv(rel)
        low = [oews_header_name(h) for h in header]
        i, t = low.index("occ_code"), low.index("occ_title")
        d = {}
        for _, rec in rows:
            d.setdefault(rec[i], rec[t])
        out[y] = (rel, d)
    return out


def fill_titles(release, cols, rows, titles, year):
    """Fill blank occ_title from the national file of the same May year."""
    if "occ_title" not in cols:
        cols.insert(cols.index("occ_code") + 1, "occ_title")
        for row in rows:
            row.insert(cols.index("occ_title"), "")
    if year not in titles:
        return 0
    rel, d = titles[year]
    ci, ti = cols.index("occ_code"), cols.index("occ_title")
    used = set()
    for row in rows:
        if row[ti] == "" and row[ci] in d:
            row[ti] = d[row[ci]]
            used.add(row[ci])
    if used:
        release.origin(rel, len(used))
    return len(used)


# --------------------------------------------------------------------------------------------
# OEWS state
# --------------------------------------------------------------------------------------------

M2023_TITLE_TO_SOC = {"Database Administrators": "15-1242", "Database Architects": "15-1243",
                      "Data Scientists": "15-2051"}
# alinsimon/data608 Assignment4_DataSource.py, as recorded in oews/SOURCES.md
ALINSIMON_ROLE_TO_SOC = {"Data Scientist": "15-2051", "Data Architect": "15-1243",
                         "Database Administrator": "15-1242", "Business Analyst": "13-1111",
                         "Operations Research Analyst": "15-2031", "Data Analyst": "15-1211",
                         "Software Developer": "15-1252"}
ALINSIMON_COLS = {
    "Annual_P10_Wage": "a_pct10", "Annual_P25_Wage": "a_pct25", "Annual_P75_Wage": "a_pct75",
    "Annual_P90_Wage": "a_pct90", "Annual_Mean_Wage": "a_mean", "Annual_Median_Wage": "a_median",
    "Employment": "tot_emp", "Employment per 1,000 jobs": "jobs_1000",
    "Employment percent relative standard error": "emp_prse", "Hourly_P10_Wage": "h_pct10",
    "Hourly_P25_Wage": "h_pct25", "Hourly_P75_Wage": "h_pct75", "Hourly_P90_Wage": "h_pct90",
    "Hourly_Mean_Wage": "h_mean", "Hourly_Median_Wage": "h_median",
    "Location Quotient": "loc_quotient", "Wage percent relative standard error": "mean_prse"}

# Columns of the tidy files that are not OEWS data columns (used for keys or dropped).
STATE_META_COLS = {"PERIOD", "YEAR", "AREA_CODE", "STATE_FIPS", "SOURCE", "SOURCE_FILE", "NOTE",
                   "Role", "Area", "State_Code", "year", "AREA_KIND", "SOC_NOTE", "SOC_BASIS",
                   "OWNERSHIP", "TABLE", "SOURCE_URL"}


def tidy_records(ref, rel, keyfn, drop=(), rename=None, dash_note_re=None):
    """Read a tidy CSV whose data columns are OEWS names (any case); keyfn(line, raw_dict) ->
    dict of key fields (area, occ_code, ...) or None to skip the row.  Returns a list of
    (line, record) with every OEWS value validated and normalised."""
    header, rows = ref.dict_rows(rel)
    mapping = {}
    for h in header:
        if rename and h in rename:
            mapping[h] = rename[h]
        elif h in STATE_META_COLS or h in drop:
            mapping[h] = None
        else:
            c = oews_header_name(h)
            if c is None:
                die(rel, 1, "unknown column %r" % h)
            mapping[h] = c
    out = []
    for line, raw in rows:
        keys = keyfn(line, raw)
        if keys is None:
            continue
        rec = {}
        for h, c in mapping.items():
            if c is None or c in keys:
                continue
            v = raw[h]
            if dash_note_re and v == "-" and c in OEWS_VALUE_COLS and dash_note_re.search(raw.get("NOTE", "")):
                v = "#"  # the file's own note says '-' is footnote (5), the top-code
            rec[c] = oews_value(rel, line, c, v)
        for c, v in keys.items():
            rec[c] = oews_value(rel, line, c, v)
        out.append((line, rec))
    return out


def state_key(geo, rel, line, fips):
    st = geo.states[fips]
    return {"area": fips, "area_type": geo.area_type(fips), "area_title": st["name"],
            "prim_state": st["postal"]}


def period_year(rel, line, p):
    m = re.match(r"^May (\d{4})$", p)
    if not m:
        die(rel, line, "unexpected PERIOD %r" % p)
    return int(m.group(1))


def build_state(ref, geo, titles, log):
    """One release per May year.  Sources per year in declared priority order."""
    per_year = collections.defaultdict(list)  # year -> [(rel, records, lq_decimals)]
    skipped = collections.Counter()

    def add(year, rel, recs, lqd=None):
        per_year[year].append((rel, recs, lqd))

    # May 2020 -- data-tool export, hybrid code 15-2098
    rel = "oews/state/oews_state_M2020_15-2098_report_tidy.csv"

    def k2020(line, r, rel=rel):
        if period_year(rel, line, r["PERIOD"]) != 2020:
            die(rel, line, "not May 2020")
        d = state_key(geo, rel, line, geo.fips_from_code(rel, line, r["AREA_CODE"]))
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2020, rel, tidy_records(ref, rel, k2020), 2)

    # May 2021 (and any other year) -- state figures typed from web pages
    rel = "oews/meta/web_transcribed_figures.csv"
    _, rows = ref.dict_rows(rel, {"RELEASE", "AREA", "OCC_CODE", "OCC_TITLE", "MEASURE", "VALUE",
                                  "SOURCE_URL", "NOTE"})
    web = collections.defaultdict(list)
    for line, r in rows:
        if r["AREA"] in ("U.S.", "US"):
            continue  # national figures: the national files hold them (checked in check_web)
        y = period_year(rel, line, r["RELEASE"])
        fips = geo.fips_from_name(rel, line, r["AREA"])
        col = oews_header_name(r["MEASURE"])
        if col not in OEWS_VALUE_COLS:
            die(rel, line, "unknown MEASURE %r" % r["MEASURE"])
        d = state_key(geo, rel, line, fips)
        d.update({"occ_code": oews_value(rel, line, "occ_code", r["OCC_CODE"]),
                  "occ_title": r["OCC_TITLE"], col: oews_value(rel, line, col, r["VALUE"])})
        web[y].append((line, d))
    for y, recs in web.items():
        # one record per (area, occ): combine the measure rows
        comb = collections.OrderedDict()
        for line, d in recs:
            k = (d["area"], d["occ_code"])
            if k in comb:
                for c, v in d.items():
                    if comb[k][1].get(c, v) != v:
                        die(rel, line, "conflicting %s for %s" % (c, "/".join(k)))
                    comb[k][1][c] = v
            else:
                comb[k] = (line, dict(d))
        per_year[y].append((rel, list(comb.values()), None))
        log.setdefault("origin_rows_override", {})[(y, rel)] = len(recs)

    # May 2023 -- priority: naomibuell (BLS state_M2023_dl, full columns), AdebolaShelby
    # (46 occupations, selected columns), lucasweyrich958 (means, all occupations)
    rel = "oews/state/oews_state_M2023_15-1242_15-1243_15-2051.csv"

    def k2023a(line, r, rel=rel):
        fips = geo.fips_from_postal(rel, line, r["PRIM_STATE"])
        if geo.fips_from_name(rel, line, r["AREA_TITLE"]) != fips:
            die(rel, line, "AREA_TITLE and PRIM_STATE disagree")
        soc = M2023_TITLE_TO_SOC.get(r["OCC_TITLE"])
        if soc is None:
            die(rel, line, "no SOC code known for title %r" % r["OCC_TITLE"])
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = soc
        return d
    add(2023, rel, tidy_records(ref, rel, k2023a, drop={"AREA_TITLE", "PRIM_STATE"}), 2)

    rel = "oews/state/oews_state_M2023_46occ_selected_columns.csv"

    def k2023b(line, r, rel=rel):
        fips = geo.fips_from_code(rel, line, r["area"])
        if geo.fips_from_postal(rel, line, r["prim_state"]) != fips or \
                geo.fips_from_name(rel, line, r["area_title"]) != fips:
            die(rel, line, "area, area_title and prim_state disagree")
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = r["occ_code"]
        return d
    add(2023, rel, tidy_records(ref, rel, k2023b, drop={"area", "area_title", "prim_state"}), 2)

    rel = "oews/state/oews_state_M2023_all_occupations_mean_wages.csv"

    def k2023c(line, r, rel=rel):
        d = state_key(geo, rel, line, geo.fips_from_name(rel, line, r["AREA_TITLE"]))
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2023, rel, tidy_records(ref, rel, k2023c, drop={"AREA_TITLE"}))

    # May 2024 -- priority: aharris BLS state_M2024_dl (all occupations, exact symbols), its
    # 8-occupation filter, BLS data-tool exports (full columns, 1-decimal LQ), alinsimon
    # time-series extract (2-decimal LQ), laborcompare (2-decimal LQ, hourly means/medians)
    rel = "oews/state/raw_repo_files/state_M2024_dl_9cols_aharris.csv"

    def k2024a(line, r, rel=rel):
        d = state_key(geo, rel, line, geo.fips_from_postal(rel, line, r["PRIM_STATE"]))
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2024, rel, tidy_records(ref, rel, k2024a, drop={"PRIM_STATE"}))

    rel = "oews/state/oews_state_M2024_health_it_8occ_annual_percentiles.csv"

    def k2024b(line, r, rel=rel):
        if r["YEAR"] != "2024":
            die(rel, line, "unexpected YEAR %r" % r["YEAR"])
        fips = geo.fips_from_code(rel, line, r["STATE_FIPS"])
        if geo.fips_from_postal(rel, line, r["PRIM_STATE"]) != fips:
            die(rel, line, "STATE_FIPS and PRIM_STATE disagree")
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2024, rel, tidy_records(ref, rel, k2024b, drop={"PRIM_STATE", "AREA_TITLE"}))

    rel = "oews/state/oews_state_M2024_selected_occupations.csv"

    def k2024c(line, r, rel=rel):
        if period_year(rel, line, r["PERIOD"]) != 2024:
            die(rel, line, "not May 2024")
        fips = geo.fips_from_code(rel, line, r["AREA_CODE"])
        if geo.fips_from_name(rel, line, r["AREA_TITLE"]) != fips:
            die(rel, line, "AREA_CODE and AREA_TITLE disagree")
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2024, rel, tidy_records(ref, rel, k2024c, drop={"AREA_TITLE"}), 1)

    rel = "oews/state/oews_state_M2024_7occ_from_timeseries.csv"

    def k2024d(line, r, rel=rel):
        if r["year"] != "2024":
            die(rel, line, "unexpected year %r" % r["year"])
        if r["State_Code"] == "00":
            skipped["alinsimon national rows (State_Code 00)"] += 1
            return None
        fips = geo.fips_from_code(rel, line, r["State_Code"])
        if geo.fips_from_name(rel, line, r["Area"]) != fips:
            die(rel, line, "Area and State_Code disagree")
        soc = ALINSIMON_ROLE_TO_SOC.get(r["Role"])
        if soc is None:
            die(rel, line, "no SOC code known for Role %r" % r["Role"])
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = soc
        return d
    add(2024, rel, tidy_records(ref, rel, k2024d, rename=ALINSIMON_COLS), 2)

    rel = "oews/state/oews_state_M2024_M2025_health_it_8occ_lq_hourly_laborcompare.csv"

    def klc(line, r, rel=rel):
        if r["YEAR"] not in ("2024", "2025"):
            die(rel, line, "unexpected YEAR %r" % r["YEAR"])
        if r["YEAR"] == "2025":
            skipped["laborcompare May 2025 state rows (no independent copy)"] += 1
            return None
        fips = geo.fips_from_code(rel, line, r["STATE_FIPS"])
        if geo.fips_from_postal(rel, line, r["PRIM_STATE"]) != fips:
            die(rel, line, "STATE_FIPS and PRIM_STATE disagree")
        d = state_key(geo, rel, line, fips)
        d["occ_code"] = r["OCC_CODE"]
        return d
    add(2024, rel, tidy_records(ref, rel, klc, drop={"PRIM_STATE", "AREA_TITLE"}), 2)

    releases = []
    log["state_skipped"] = skipped
    for y in sorted(per_year):
        m = Merger("state %d" % y, ("area", "occ_code"))
        for rel, recs, lqd in per_year[y]:
            m.add_source(rel, recs, lqd)
        note_txt = None
        if y == 2021:
            note_txt = ("figures typed from a third-party blog table citing BLS (see "
                        "oews/meta/web_transcribed_figures.csv); TOT_EMP and A_MEAN only")
        if y == 2024:
            note_txt = "merged from several partial copies of state_M2024_dl; see docs/data-notes.md"
        if y == 2023:
            note_txt = "merged from three partial copies of state_M2023_dl; see docs/data-notes.md"
        r = Release("oews", "state", str(y), SOC_BY_YEAR[y],
                    "OEWS May %d state estimates (subset of occupations held in the reference)" % y,
                    note=note_txt)
        cols, rows = m.result()
        for rel, n in m.used.items():
            n = log.get("origin_rows_override", {}).get((y, rel), n)
            r.origin(rel, n)
        fill_titles(r, cols, rows, titles, y)
        r.columns, r.rows = cols, rows
        releases.append(r)
        log.setdefault("merge", []).append(m)
    return releases


# --------------------------------------------------------------------------------------------
# OEWS metropolitan and nonmetropolitan areas
# --------------------------------------------------------------------------------------------


def build_msa(ref, titles, log):
    per_year = collections.defaultdict(list)
    skipped = collections.Counter()
    top5_re = re.compile(r"footnote \(5\)")

    def area_fields(rel, line, code, title, kind=None):
        a, t = msa_area(rel, line, code)
        if kind == "other":
            t = ""  # Guam / Virgin Islands: laborcompare calls them 'other'; BLS type not in the reference
        elif kind is not None and kind != "nonmetropolitan":
            die(rel, line, "unknown AREA_KIND %r" % kind)
        elif kind == "nonmetropolitan" and t != "6":
            die(rel, line, "nonmetropolitan area with a metropolitan code %r" % code)
        return {"area": a, "area_type": t, "area_title": title}

    for rel, year in (("oews/msa/oews_msa_M2016_31084_los_angeles_metrodiv_all_occupations.csv", 2016),
                      ("oews/msa/oews_msa_M2021_31080_los_angeles_all_occupations.csv", 2021)):
        def kla(line, r, rel=rel):
            d = area_fields(rel, line, r["AREA"], r.get("AREA_TITLE") or r.get("AREA_NAME"))
            if r.get("AREA_TYPE") not in (None, d["area_type"]):
                die(rel, line, "AREA_TYPE %r does not fit area %r" % (r.get("AREA_TYPE"), r["AREA"]))
            d["occ_code"] = r["OCC_CODE"]
            return d
        per_year[year].append((rel, tidy_records(ref, rel, kla), None))

    rel = "oews/msa/oews_msa_M2022_15-1252_software_developers.csv"

    def k2022(line, r, rel=rel):
        if period_year(rel, line, r["PERIOD"]) != 2022:
            die(rel, line, "not May 2022")
        d = area_fields(rel, line, r["AREA_CODE"], r["AREA_TITLE"])
        d["occ_code"] = r["OCC_CODE"]
        return d
    per_year[2022].append((rel, tidy_records(ref, rel, k2022), 2))

    rel = "oews/msa/oews_msa_40140_riverside_M2019_M2024_health_it_occ.csv"
    for year in (2019, 2024):
        def kriv(line, r, rel=rel, year=year):
            if int(r["YEAR"]) != year:
                return None
            d = area_fields(rel, line, r["AREA"], r["AREA_TITLE"])
            d["occ_code"] = r["OCC_CODE"]
            return d
        per_year[year].append((rel, tidy_records(ref, rel, kriv, dash_note_re=top5_re), 2))

    rel = "oews/msa/oews_nonmetro_M2024_M2025_health_it_8occ_laborcompare.csv"

    def knm(line, r, rel=rel):
        if r["YEAR"] == "2025":
            skipped["laborcompare May 2025 nonmetropolitan rows (no independent copy)"] += 1
            return None
        if r["YEAR"] != "2024":
            die(rel, line, "unexpected YEAR %r" % r["YEAR"])
        d = area_fields(rel, line, r["AREA"], r["AREA_TITLE"], r["AREA_KIND"])
        d["prim_state"] = r["PRIM_STATE"]
        d["occ_code"] = r["OCC_CODE"]
        return d
    per_year[2024].append((rel, tidy_records(ref, rel, knm, drop={"PRIM_STATE"}), 2))

    releases = []
    log["msa_skipped"] = skipped
    for y in sorted(per_year):
        m = Merger("msa %d" % y, ("area", "occ_code"))
        for rel, recs, lqd in per_year[y]:
            if recs:
                m.add_source(rel, recs, lqd)
        note_txt = None
        if y == 2024:
            note_txt = ("Riverside rows: period 2024 per the scraping repository's README; "
                        "nonmetropolitan rows: blank = suppressed or top-coded (laborcompare nulls)")
        r = Release("oews", "msa", str(y), SOC_BY_YEAR[y],
                    "OEWS May %d metropolitan and nonmetropolitan area estimates (areas and "
                    "occupations held in the reference)" % y, note=note_txt)
        cols, rows = m.result()
        for rel, n in m.used.items():
            r.origin(rel, n)
        fill_titles(r, cols, rows, titles, y)
        r.columns, r.rows = cols, rows
        releases.append(r)
        log.setdefault("merge", []).append(m)
    return releases


# --------------------------------------------------------------------------------------------
# OEWS national industry
# --------------------------------------------------------------------------------------------

TOP5_TITLE_ALIAS = {
    # 2011 page title (NAICS 2007) -> the same NAICS 6231 under its current BLS title
    "Nursing Care Facilities": "Nursing Care Facilities (Skilled Nursing Facilities)",
}


def industry_codes(ref):
    rel = "oews/meta/bls_timeseries_oe_M2024/oe.industry"
    out = collections.defaultdict(set)
    with open(ref.path(rel), encoding="utf-8") as f:
        hdr = f.readline().rstrip("\r\n").split("\t")
        if hdr[:3] != ["industry_code", "industry_name", "display_level"]:
            die(rel, 1, "unexpected header %r" % hdr)
        for raw in f:
            p = [x.strip() for x in raw.rstrip("\r\n").split("\t")]
            if len(p) >= 3 and p[2] == "4":
                out[p[1].lower()].add(p[0])
    return rel, out


def build_industry(ref, titles, log):
    per_year = collections.defaultdict(list)

    rel = "oews/industry/oews_natsector_M2022-M2024_health_it_8occ.csv"
    for year in (2022, 2023, 2024):
        def ksec(line, r, rel=rel, year=year):
            if int(r["YEAR"]) != year:
                return None
            if r["AREA"] != "99":
                die(rel, line, "not a national row")
            return {"area": "US", "naics": r["NAICS"], "own_code": r["OWN_CODE"],
                    "occ_code": r["OCC_CODE"]}
        per_year[year].append((rel, tidy_records(ref, rel, ksec, drop={"AREA"})))

    rel = "oews/industry/oews_nat4d_owner_M2018-M2019_hospitals_schools_health_it_occ.csv"
    _, rows = ref.dict_rows(rel)
    own_map = {}
    for line, r in rows:  # OWN_CODE/OWNERSHIP pairs given in the 2019 rows
        if r["OWN_CODE"]:
            if own_map.setdefault(r["OWNERSHIP"], r["OWN_CODE"]) != r["OWN_CODE"]:
                die(rel, line, "OWNERSHIP %r has two OWN_CODEs" % r["OWNERSHIP"])
    # the BLS field descriptions: 2 = State Government, 3 = Local Government, 5 = Private
    if own_map != {"Private": "5", "State government": "2", "Local government": "3"}:
        die(rel, None, "OWNERSHIP/OWN_CODE pairs differ from the BLS definitions: %r" % own_map)
    log["own_map"] = own_map
    for year in (2018, 2019):
        def kown(line, r, rel=rel, year=year):
            if int(r["YEAR"]) != year:
                return None
            code = r["OWN_CODE"] or own_map.get(r["OWNERSHIP"])
            if code is None:
                die(rel, line, "unknown OWNERSHIP %r" % r["OWNERSHIP"])
            if r["OWN_CODE"] and own_map[r["OWNERSHIP"]] != r["OWN_CODE"]:
                die(rel, line, "OWN_CODE and OWNERSHIP disagree")
            return {"area": "US", "naics": r["NAICS"], "own_code": code, "occ_code": r["OCC_CODE"]}
        per_year[year].append((rel, tidy_records(ref, rel, kown, drop={"OWN_CODE"})))

    rel = "oews/industry/oews_top5_industries_by_employment_bls_occupation_pages.csv"
    ind_rel, codes = industry_codes(ref)
    ind_used = collections.Counter()
    top5_years = collections.defaultdict(list)
    _, rows = ref.dict_rows(rel, {"YEAR", "OCC_CODE", "OCC_TITLE", "INDUSTRY", "TOT_EMP",
                                  "PCT_OF_INDUSTRY_EMPLOYMENT", "H_MEAN", "A_MEAN", "TABLE",
                                  "SOURCE_URL"})
    for line, r in rows:
        title = TOP5_TITLE_ALIAS.get(r["INDUSTRY"], r["INDUSTRY"])
        c = codes.get(title.lower())
        if not c or len(c) != 1:
            die(rel, line, "industry %r: %s in %s" % (r["INDUSTRY"], "no 4-digit code" if not c
                                                      else "ambiguous %s" % sorted(c), ind_rel))
        naics = next(iter(c))
        ind_used[int(r["YEAR"])] += 1
        d = {"area": "US", "naics": naics, "naics_title": r["INDUSTRY"],
             "occ_code": r["OCC_CODE"],
             "occ_title": re.sub(r" \(SOC 2010\)$", "", r["OCC_TITLE"]),
             "tot_emp": r["TOT_EMP"], "pct_total": r["PCT_OF_INDUSTRY_EMPLOYMENT"],
             "h_mean": r["H_MEAN"], "a_mean": r["A_MEAN"]}
        d = {k: oews_value(rel, line, k, v) for k, v in d.items()}
        d["own_code"] = ""
        top5_years[int(r["YEAR"])].append((line, d))
    for y, recs in top5_years.items():
        per_year[y].append((rel, recs))

    releases = []
    for y in sorted(per_year):
        m = Merger("industry %d" % y, ("area", "naics", "own_code", "occ_code"))
        for rel, recs in per_year[y]:
            if recs:
                m.add_source(rel, recs)
        note_txt = None
        if y in (2018, 2019):
            note_txt = ("NAICS 6111-6117 and 6221-6223 by ownership (own_code 2 state, 3 local, "
                        "5 private; May 2018 codes derived from the OWNERSHIP text)")
        if y in top5_years:
            note_txt = ((note_txt + "; ") if note_txt else "") + (
                "rows with blank own_code: top-5 industries from the BLS occupation pages, "
                "NAICS code looked up by title in the BLS oe.industry list")
        r = Release("oews", "industry", str(y), SOC_BY_YEAR[y],
                    "OEWS May %d national industry-specific estimates (industries and occupations "
                    "held in the reference)" % y, note=note_txt)
        cols, rows = m.result(sort=False)
        for rel, n in m.used.items():
            r.origin(rel, n)
        if ind_used.get(y):
            r.origin(ind_rel, ind_used[y])
        r.columns, r.rows = cols, rows
        releases.append(r)
        log.setdefault("merge", []).append(m)
    return releases


# --------------------------------------------------------------------------------------------
# Employment Projections, Table 1.2
# --------------------------------------------------------------------------------------------

EP_COLS = ["occ_code", "occ_title", "occ_type", "emp_base", "emp_proj", "change_num", "change_pct",
           "self_emp_pct", "openings", "median_wage", "education", "experience", "training"]
EP_NUMERIC = {"emp_base", "emp_proj", "change_num", "change_pct", "self_emp_pct", "openings",
              "median_wage"}


def ep_header(rel, h):
    """Map a Table 1.2 header (en dashes, footnote marks) to (name, year, thousands?)."""
    t = re.sub(r"\[\d+\]", "", h).replace("\u2013", "-").strip().lower()
    m = re.match(r"^employment, (\d{4})(, thousands)?$", t)
    if m:
        return ("emp", int(m.group(1)), bool(m.group(2)))
    table = [
        (r"^title_indent$", None),
        (r"^\d{4} national employment matrix title$", "occ_title"),
        (r"^\d{4} national employment matrix code$", "occ_code"),
        (r"^occupation type$", "occ_type"),
        (r"^employment distribution, percent, \d{4}$", None),
        (r"^employment change, numeric, \d{4}-\d\d(, thousands)?$", "change_num"),
        (r"^employment change, percent, \d{4}-\d\d$", "change_pct"),
        (r"^percent self employed, \d{4}$", "self_emp_pct"),
        (r"^occupational openings, \d{4}-\d\d annual average(, thousands)?$", "openings"),
        (r"^median annual wage, dollars, \d{4}$", "median_wage"),
        (r"^typical education needed for entry$", "education"),
        (r"^work experience in a related occupation$", "experience"),
        (r"^typical on-the-job training needed to attain competency in the occupation$", "training"),
        (r"^related occupational outlook handbook \(ooh\) content( xlsx)?$", None),
    ]
    for pat, name in table:
        if re.match(pat, t):
            return (name, None, None)
    die(rel, 1, "unknown column %r" % h)


def build_ep(ref, log):
    releases = []
    pc_sample = load_pc_sample(ref)
    for rel, vintage in (("projections/table1.2_occupational_projections_2023-33.csv", (2023, 2033)),
                         ("projections/table1.2_occupational_projections_2024-34.csv", (2024, 2034))):
        header, rows = ref.csv(rel)
        names = []
        emp_years = []
        thousands_in_header = []
        for h in header:
            name, year, thou = ep_header(rel, h)
            if name == "emp":
                emp_years.append(year)
                thousands_in_header.append(thou)
                name = "emp_base" if len(emp_years) == 1 else "emp_proj"
            names.append(name)
        if tuple(emp_years) != vintage:
            die(rel, 1, "employment years %r do not match the file name" % emp_years)
        base, proj = vintage
        # units: the header says thousands, or NOTES.md documents it for this table
        if all(thousands_in_header):
            unit_src = "column headers say 'thousands'"
        else:
            notes = ref.text("projections/NOTES.md")
            if "Table 1.2 Occupational projections, %d\u2013%d" % (base, proj) in notes and \
                    "(Employment in thousands)" in notes:
                unit_src = "projections/NOTES.md: BLS title row '(Employment in thousands)'"
            else:
                die(rel, 1, "employment unit not stated in the header nor in projections/NOTES.md")
        out = []
        for line, rec in rows:
            if len(rec) != len(names):
                die(rel, line, "%d fields, header has %d" % (len(rec), len(names)))
            d = {}
            for n, v in zip(names, rec):
                if n is None:
                    continue
                check_text(rel, line, v)
                if v == "\u2014":
                    v = ""  # EM DASH: data unavailable
                if n in EP_NUMERIC and v != "":
                    if n == "median_wage" and re.match(r"^>=\$239,200$", v):
                        v = "#"  # at or above the OEWS top-code ($239,200 in May 2023 and 2024)
                    else:
                        v2 = norm_num(v)
                        if not is_num(v2):
                            die(rel, line, "%s: %r is not a number" % (n, v))
                        v = v2
                if n == "occ_code" and not OCC_RE.match(v):
                    die(rel, line, "bad occupation code %r" % v)
                d[n] = v
            out.append(d)
        tot = [d for d in out if d["occ_code"] == "00-0000"]
        if len(tot) != 1 or not (100000 <= float(tot[0]["emp_base"]) <= 300000):
            die(rel, None, "Total, all occupations is not in thousands (%r)" %
                (tot[0]["emp_base"] if tot else None))
        unit_checks = [unit_src, "total employment %s thousand" % tot[0]["emp_base"]]
        if base == pc_sample["base"]:
            us = [s for s in pc_sample["rows"] if s["area"] == "US"]
            for s in us:
                e = [d for d in out if d["occ_code"] == s["occ_code"]]
                if not e or abs(float(e[0]["emp_base"]) * 1000 - float(s["base"])) > 50:
                    die(rel, None, "%s emp_base %r thousand != Projections Central US base %s persons"
                        % (s["occ_code"], e[0]["emp_base"] if e else None, s["base"]))
                unit_checks.append("%s %s thousand = Projections Central US %s persons"
                                   % (s["occ_code"], e[0]["emp_base"], s["base"]))
        log.setdefault("ep_units", []).append((rel, unit_checks))
        r = Release("ep", "national", "%d-%d" % vintage, "2018",
                    "BLS Employment Projections %d-%d, Table 1.2 occupational projections" % vintage,
                    base=str(base), proj=str(proj),
                    note="employment, change and openings in thousands; median wage May %d OEWS "
                         "(# = at or above $239,200)" % base)
        r.columns = EP_COLS
        r.rows = [[d.get(c, "") for c in EP_COLS] for d in out]
        r.origin(rel, len(out))
        releases.append(r)
    return releases


# --------------------------------------------------------------------------------------------
# Projections Central (state long-term projections)
# --------------------------------------------------------------------------------------------

PC_COLS = ["area", "occ_code", "occ_title", "base", "projected", "change", "pct_change", "openings"]
PC_SAMPLE = "projections/projectionscentral_longterm_sample.json"


def pc_area(rel, line, stfips, geo=None):
    s = stfips.strip()
    if not re.match(r"^\d{1,2}$", s):
        die(rel, line, "bad STFIPS %r" % stfips)
    if int(s) == 0:
        return "US"
    s = s.zfill(2)
    if geo is not None and s not in geo.states:
        die(rel, line, "unknown STFIPS %r" % stfips)
    return s


def pc_num(rel, line, v):
    v = v.strip().replace(",", "")
    if v == "":
        return ""
    n = norm_num(v)
    if not is_num(n):
        die(rel, line, "%r is not a number" % v)
    return n


def load_pc_sample(ref):
    rel = PC_SAMPLE
    with open(ref.path(rel), encoding="utf-8") as f:
        data = json.load(f)
    keys = {"Area", "Title", "Base", "Projected", "Change", "PercentChange", "AvgAnnualOpenings",
            "STFIPS", "StateURL", "OccCode", "BaseYear", "ProjYear"}
    rows = []
    years = set()
    for i, r in enumerate(data["rows"], start=1):
        if set(r) != keys:
            die(rel, None, "row %d: unexpected keys %s" % (i, sorted(set(r) ^ keys)))
        for v in r.values():
            check_text(rel, None, v)
        years.add((r["BaseYear"], r["ProjYear"]))
        rows.append({"area": pc_area(rel, None, r["STFIPS"]), "occ_code": r["OccCode"].strip(),
                     "occ_title": r["Title"].strip(), "base": pc_num(rel, i, r["Base"]),
                     "projected": pc_num(rel, i, r["Projected"]), "change": pc_num(rel, i, r["Change"]),
                     "pct_change": pc_num(rel, i, r["PercentChange"]),
                     "openings": pc_num(rel, i, r["AvgAnnualOpenings"])})
    if len(years) != 1:
        die(rel, None, "mixed base/projection years %r" % years)
    by, py = next(iter(years))
    return {"rel": rel, "rows": rows, "base": int(by), "proj": int(py)}


def build_pc(ref, geo, log):
    releases = []

    def release(vintage, sources, note_txt):
        base, proj = vintage
        m = Merger("pc %d-%d" % vintage, ("area", "occ_code"))
        for rel, recs in sources:
            m.add_source(rel, recs)
        r = Release("pc", "state", "%d-%d" % vintage, "hybrid" if base == 2020 else "2018",
                    "Projections Central long-term occupational projections %d-%d, states" % vintage,
                    base=str(base), proj=str(proj), note=note_txt)
        keys = list(m.recs)
        r.columns = PC_COLS
        r.rows = [[m.recs[k].get(c, "") for c in PC_COLS] for k in keys]
        for rel, n in m.used.items():
            r.origin(rel, n)
        log.setdefault("merge", []).append(m)
        releases.append(r)

    # 2020-2030: Projections Central bulk ltprojections.csv
    rel = "projections/raw/projectionscentral_ltprojections_2020-2030.csv"
    _, rows = ref.dict_rows(rel, {"stfips", "areaname", "code", "name", "baseyear", "base",
                                  "projyear", "proj", "change", "percentchange",
                                  "avgannualopenings"})
    recs = []
    for line, r in rows:
        if (r["baseyear"], r["projyear"]) != ("2020", "2030"):
            die(rel, line, "unexpected years %s-%s" % (r["baseyear"], r["projyear"]))
        if not OCC_RE.match(r["code"]):
            die(rel, line, "bad code %r" % r["code"])
        recs.append((line, {"area": pc_area(rel, line, r["stfips"], geo), "occ_code": r["code"],
                            "occ_title": r["name"], "base": pc_num(rel, line, r["base"]),
                            "projected": pc_num(rel, line, r["proj"]),
                            "change": pc_num(rel, line, r["change"]),
                            "pct_change": pc_num(rel, line, r["percentchange"]),
                            "openings": pc_num(rel, line, r["avgannualopenings"])}))
    release((2020, 2030), [(rel, recs)],
            "openings = average annual openings; some states publish OEWS hybrid codes (29-2098, "
            "29-9098, 15-2098)")

    # 2022-2032: Projections Central web export (vintage inferred, no Change column)
    rel = "projections/raw/projectionscentral_longterm_stfips-all_885_occupations_2022-2032.csv"
    _, rows = ref.dict_rows(rel, {"Title", "Base", "Projected", "PercentChange",
                                  "AvgAnnualOpenings", "STFIPS", "OccCode"})
    recs = []
    for line, r in rows:
        if not OCC_RE.match(r["OccCode"]):
            die(rel, line, "bad OccCode %r" % r["OccCode"])
        recs.append((line, {"area": pc_area(rel, line, r["STFIPS"], geo), "occ_code": r["OccCode"],
                            "occ_title": r["Title"], "base": pc_num(rel, line, r["Base"]),
                            "projected": pc_num(rel, line, r["Projected"]), "change": "",
                            "pct_change": pc_num(rel, line, r["PercentChange"]),
                            "openings": pc_num(rel, line, r["AvgAnnualOpenings"])}))
    release((2022, 2032), [(rel, recs)],
            "vintage inferred (file states no years; see projections/SOURCES.md); the export has "
            "no Change column, so change is blank")

    # 2024-2034: the later state rows there are (Projections Central recordings, CA EDD statewide)
    sample = load_pc_sample(ref)
    if (sample["base"], sample["proj"]) != (2024, 2034):
        die(PC_SAMPLE, None, "expected the 2024-2034 cycle")
    srcs = [(PC_SAMPLE, [(i, d) for i, d in enumerate(sample["rows"], start=1)])]
    rel = "projections/projectionscentral_longterm_2024-2034_nevada_health_it_occ.csv"
    _, rows = ref.dict_rows(rel, {"vintage", "base_year", "proj_year", "stfips", "postal", "area",
                                  "occ_code", "title", "base", "projected", "change",
                                  "percent_change", "avg_annual_openings", "source"})
    recs = []
    for line, r in rows:
        if (r["vintage"], r["base_year"], r["proj_year"]) != ("2024-2034", "2024", "2034"):
            die(rel, line, "unexpected vintage")
        a = pc_area(rel, line, r["stfips"], geo)
        if geo.states[a]["postal"] != r["postal"]:
            die(rel, line, "stfips and postal disagree")
        recs.append((line, {"area": a, "occ_code": r["occ_code"], "occ_title": r["title"],
                            "base": pc_num(rel, line, r["base"]),
                            "projected": pc_num(rel, line, r["projected"]),
                            "change": pc_num(rel, line, r["change"]),
                            "pct_change": pc_num(rel, line, r["percent_change"]),
                            "openings": pc_num(rel, line, r["avg_annual_openings"])}))
    srcs.append((rel, recs))
    rel = "projections/ca_edd_longterm_projections_health_it_occ_state2024-34_areas2023-33.csv"
    _, rows = ref.dict_rows(rel, {"period", "area_type", "area_name", "occ_code", "title", "base",
                                  "projected", "change", "percent_change",
                                  "total_job_openings_over_period", "edd_median_annual_wage",
                                  "edd_median_hourly_wage", "source"})
    recs = []
    for line, r in rows:
        if r["area_type"] != "State":
            continue  # sub-state 2023-2033 areas: not a state projection
        if r["period"] != "2024-2034" or r["area_name"] != "California":
            die(rel, line, "unexpected statewide row %s %s" % (r["period"], r["area_name"]))
        recs.append((line, {"area": geo.fips_from_name(rel, line, r["area_name"]),
                            "occ_code": r["occ_code"], "occ_title": r["title"],
                            "base": pc_num(rel, line, r["base"]),
                            "projected": pc_num(rel, line, r["projected"]),
                            "change": pc_num(rel, line, r["change"]),
                            "pct_change": pc_num(rel, line, r["percent_change"]),
                            "openings": ""}))  # EDD gives 10-year totals, not annual averages
    srcs.append((rel, recs))
    release((2024, 2034), srcs,
            "only the state rows found: Projections Central 29-1141 all areas and Nevada (8 "
            "occupations), California EDD statewide (5 occupations; openings blank because EDD "
            "publishes 10-year totals)")

    # cross-check the filtered health-IT files against the raw files they were cut from
    checks = []
    for rel, vint, cols in (
            ("projections/projectionscentral_longterm_2020-2030_all_states_health_it_occ.csv",
             "2020-2030", ("base", "projected", "change", "percent_change", "avg_annual_openings")),
            ("projections/projectionscentral_longterm_2022-2032_all_states_health_it_occ.csv",
             "2022-2032", ("base", "projected", "percent_change", "avg_annual_openings"))):
        rel_ = [r for r in releases if r.key("vintage") == vint][0]
        idx = {(row[0], row[1]): row for row in rel_.rows}
        _, rows = ref.dict_rows(rel)
        bad = 0
        for line, r in rows:
            row = idx.get((pc_area(rel, line, r["stfips"]), r["occ_code"]))
            if row is None:
                bad += 1
                continue
            for c in cols:
                ours = row[PC_COLS.index({"percent_change": "pct_change",
                                          "avg_annual_openings": "openings"}.get(c, c))]
                if pc_num(rel, line, r[c]) != ours:
                    bad += 1
        checks.append("%s: %d rows, %d differences from the raw file" % (rel, len(rows), bad))
    log["pc_checks"] = checks
    return releases


# --------------------------------------------------------------------------------------------
# deflators: CPI-U, BEA RPP, OEWS top-codes
# --------------------------------------------------------------------------------------------


def build_cpi(ref, log):
    rel = "deflators/cpi_u_CUUR0000SA0_annual_avg_2000_2024.csv"
    _, rows = ref.dict_rows(rel, {"year", "cpi_u_annual_avg_1982_84_eq_100", "yoy_pct_change_computed",
                                  "also_in_2018_copy", "also_in_2021_copy", "also_in_2024_copy"})
    out = []
    for line, r in rows:
        if not re.match(r"^\d{4}$", r["year"]) or not is_num(r["cpi_u_annual_avg_1982_84_eq_100"]):
            die(rel, line, "bad row")
        out.append(["CUUR0000SA0", r["year"], "M13", r["cpi_u_annual_avg_1982_84_eq_100"]])
    years = [int(x[1]) for x in out]
    if years != list(range(2000, 2025)):
        die(rel, None, "expected the years 2000-2024, got %r" % years)
    # cross-check with the BLS flat-file lines the CSV was extracted from
    tsv = "deflators/cu.data.1.AllItems_CUUR0000SA0_lines_2025-10.tsv"
    m13 = {}
    with open(ref.path(tsv), encoding="utf-8") as f:
        for raw in f:
            p = [x.strip() for x in raw.rstrip("\r\n").split("\t")]
            if len(p) >= 4 and p[0] == "CUUR0000SA0" and p[2] == "M13":
                m13[p[1]] = p[3]
    for row in out:
        if m13.get(row[1]) is None or float(m13[row[1]]) != float(row[3]):
            die(rel, None, "%s annual average %s differs from %s (%r)" % (row[1], row[3], tsv,
                                                                        m13.get(row[1])))
    log["cpi_check"] = "all 25 annual averages equal the M13 lines of %s" % tsv
    r = Release("cpi", "national", "2024", "none",
                "CPI-U, U.S. city average, all items, not seasonally adjusted (1982-84=100), "
                "annual averages 2000-2024")
    r.columns = ["series_id", "year", "period", "value"]
    r.rows = out
    r.origin(rel, len(out))
    return r


def build_rpp(ref, log):
    rel = "deflators/bea_SARPP_STATE_2008_2023.csv"
    header, rows = ref.csv(rel, skipinitialspace=True)
    fixed = ["GeoFIPS", "GeoName", "Region", "TableName", "LineCode", "IndustryClassification",
             "Description", "Unit"]
    if header[:8] != fixed:
        die(rel, 1, "unexpected header %r" % header[:8])
    years = header[8:]
    if years != [str(y) for y in range(2008, 2024)]:
        die(rel, 1, "unexpected year columns %r" % years)
    out = []
    used = 0
    trailer = False
    for line, rec in rows:
        if len(rec) == 1:
            trailer = True  # the quoted note lines that end BEA files
            continue
        if trailer or len(rec) != len(header):
            die(rel, line, "%d fields where %d expected" % (len(rec), len(header)))
        d = CheckedRow(rel, line, zip(header, rec))
        if d["LineCode"] != "5":
            continue
        if d["Description"] != "RPPs: All items":
            die(rel, line, "LineCode 5 is %r, not RPPs: All items" % d["Description"])
        g = d["GeoFIPS"]
        if not re.match(r"^\d\d000$", g):
            die(rel, line, "bad GeoFIPS %r" % g)
        area = "US" if g == "00000" else g[:2]
        used += 1
        for y in years:
            v = d[y]
            if not is_num(v):
                die(rel, line, "%s value %r is not a number" % (y, v))
            out.append([area, y, v])
    if used != 52:
        die(rel, None, "expected 52 LineCode 5 rows (US, 50 states, DC), got %d" % used)
    r = Release("rpp", "state", "2023", "none",
                "BEA regional price parities, all items (U.S. = 100), states 2008-2023",
                note="each year is a separate cross-section (BEA: not comparable across years); "
                     "vintage of February 20, 2025")
    r.columns = ["area", "year", "value"]
    r.rows = out
    r.origin(rel, used)
    return r


def build_topcode(ref, log):
    rel = "oews/meta/oews_topcode_thresholds_by_year.csv"
    _, rows = ref.dict_rows(rel, {"YEAR", "HOURLY_THRESHOLD", "ANNUAL_THRESHOLD", "RULE",
                                  "EXACT_TEXT", "SOURCE_REPO", "SOURCE_PATH"})
    by_year = collections.OrderedDict()
    dups = 0
    for line, r in rows:
        if not (re.match(r"^\d{4}$", r["YEAR"]) and is_num(r["HOURLY_THRESHOLD"]) and
                is_num(r["ANNUAL_THRESHOLD"]) and r["RULE"]):
            die(rel, line, "bad row")
        v = [r["YEAR"], r["HOURLY_THRESHOLD"], r["ANNUAL_THRESHOLD"], r["RULE"]]
        if r["YEAR"] in by_year:
            if by_year[r["YEAR"]] != v:
                die(rel, line, "year %s listed twice with different thresholds" % r["YEAR"])
            dups += 1
            continue
        by_year[r["YEAR"]] = v
    years = sorted(int(y) for y in by_year)
    r = Release("topcode", "national", "%d-%d" % (years[0], years[-1]), "none",
                "OEWS wage top-coding thresholds (the value of #) by May reference year",
                note="rule = the field descriptions' wording (greater than / greater than or equal "
                     "to / equal to or greater than)")
    r.columns = ["year", "hourly", "annual", "rule"]
    r.rows = [by_year[str(y)] for y in years]
    r.origin(rel, len(rows))
    log["topcode_dups"] = dups
    return r


# --------------------------------------------------------------------------------------------
# geo
# --------------------------------------------------------------------------------------------


def build_geo(ref, geo):
    tiles = {}
    for rel in ("geo/us_state_tile_grid.csv", "geo/us_state_tile_grid_statebins_wapo.csv"):
        _, rows = ref.dict_rows(rel, {"state_fips", "postal", "name", "col", "row"})
        t = {}
        cells = set()
        for line, r in rows:
            f = r["state_fips"]
            if f not in geo.states or geo.states[f]["postal"] != r["postal"]:
                die(rel, line, "FIPS/postal %s/%s not in the state list" % (f, r["postal"]))
            if not (r["col"].isdigit() and r["row"].isdigit()):
                die(rel, line, "bad tile position")
            if (r["col"], r["row"]) in cells or f in t:
                die(rel, line, "duplicate tile")
            cells.add((r["col"], r["row"]))
            t[f] = (r["col"], r["row"])
        tiles[rel] = (t, len(rows))
    grid, alt = tiles["geo/us_state_tile_grid.csv"], tiles["geo/us_state_tile_grid_statebins_wapo.csv"]
    r = Release("geo", "state", "2020", "none",
                "States, DC and territories: FIPS, postal code, Census region/division, tile-grid "
                "layouts (tile = geofacet us_state_grid1 + PR; alt = statebins/WaPo)")
    r.columns = ["area", "postal", "name", "region", "region_name", "division", "division_name",
                 "tile_col", "tile_row", "alt_col", "alt_row"]
    for f, s in geo.states.items():
        tc, tr = grid[0].get(f, ("", ""))
        ac, ar = alt[0].get(f, ("", ""))
        r.rows.append([f, s["postal"], s["name"], s["census_region"], s["census_region_name"],
                       s["census_division"], s["census_division_name"], tc, tr, ac, ar])
    r.origin("geo/us_states.csv", geo.states_rows)
    r.origin("geo/us_state_tile_grid.csv", grid[1])
    r.origin("geo/us_state_tile_grid_statebins_wapo.csv", alt[1])
    r.origin(Geo.OE_AREA, len(geo.territory_names))
    return r


# --------------------------------------------------------------------------------------------
# SOC crosswalk (from the reference's MAPS_TO_SOC2018 annotations)
# --------------------------------------------------------------------------------------------


def build_crosswalk(ref):
    """SOC 2010 and OEWS hybrid codes -> the SOC 2018 codes they map to, as annotated in the
    long national file. These are the reference author's mappings, not BLS weights: they name
    which codes are related across editions (for `find` and trend breaks), nothing more."""
    rel = "oews/national/oews_national_target_occupations_2014_2024_long.csv"
    _, rows = ref.dict_rows(rel)
    soc_of = {"SOC2010": "2010", "OEWS hybrid SOC2018/2010": "hybrid", "SOC2018": "2018"}
    pairs = collections.OrderedDict()
    used = 0
    for line, r in rows:
        basis = soc_of.get(r["SOC_BASIS"])
        if basis is None:
            die(rel, line, "unknown SOC_BASIS %r" % r["SOC_BASIS"])
        if basis == "2018":
            continue
        targets = [t.strip() for t in r["MAPS_TO_SOC2018"].split(";") if t.strip()]
        for t in targets:
            if not OCC_RE.match(t) or not OCC_RE.match(r["OCC_CODE"]):
                die(rel, line, "bad code in MAPS_TO_SOC2018 %r" % r["MAPS_TO_SOC2018"])
            key = (r["OCC_CODE"], basis, t, "2018")
            if key not in pairs:
                pairs[key] = r["NOTE"]
                used += 1
    xw = Release("crosswalk", "national", "2018", "2018",
                 "SOC 2010 and OEWS hybrid codes related to SOC 2018 codes (annotations of the "
                 "reference's long national file; not BLS crosswalk weights)")
    xw.columns = ["from_code", "from_soc", "to_code", "to_soc", "note"]
    xw.rows = [list(k) + [v] for k, v in sorted(pairs.items())]
    xw.origin(rel, used)
    return xw


# --------------------------------------------------------------------------------------------
# cross-checks against published figures in the reference
# --------------------------------------------------------------------------------------------


def check_web_national(ref, national):
    """Every U.S. figure in web_transcribed_figures.csv must equal the national release."""
    rel = "oews/meta/web_transcribed_figures.csv"
    _, rows = ref.dict_rows(rel)
    by_year = {int(r.key("vintage")): r for r in national}
    n = 0
    for line, r in rows:
        if r["AREA"] not in ("U.S.", "US"):
            continue
        y = period_year(rel, line, r["RELEASE"])
        rl = by_year.get(y)
        if rl is None:
            continue
        col = oews_header_name(r["MEASURE"])
        ci, oi = rl.columns.index(col), rl.columns.index("occ_code")
        vals = {row[ci] for row in rl.rows if row[oi] == r["OCC_CODE"]}
        if vals != {norm_num(r["VALUE"])}:
            die(rel, line, "U.S. %s %s %s = %s, national file has %s"
                % (y, r["OCC_CODE"], col, r["VALUE"], sorted(vals)))
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def main(argv=None):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", default=os.path.join(repo, "..", "shared", "reference"),
                    help="reference data folder (default: ../shared/reference from the repo root)")
    ap.add_argument("--out", default=os.path.join(repo, "datasets", "snapshot"),
                    help="output folder (default: datasets/snapshot)")
    ap.add_argument("--exclude-may2025", action="store_true",
                    help="leave out the single-copy May 2025 national file even if it passes the "
                         "independent checks")
    args = ap.parse_args(argv)
    ref = Reference(os.path.normpath(args.reference))
    if not os.path.isdir(ref.root):
        die(ref.root, None, "reference folder not found")
    log = {}
    geo = Geo(ref)
    titles = national_titles(ref)

    national = build_national(ref, args, log)
    nweb = check_web_national(ref, national)
    files = collections.OrderedDict([
        ("geo.lsnap", [build_geo(ref, geo), build_crosswalk(ref)]),
        ("deflators.lsnap", [build_cpi(ref, log), build_rpp(ref, log), build_topcode(ref, log)]),
        ("oews-national.lsnap", national),
        ("oews-state.lsnap", build_state(ref, geo, titles, log)),
        ("oews-msa.lsnap", build_msa(ref, titles, log)),
        ("oews-industry.lsnap", build_industry(ref, titles, log)),
        ("projections.lsnap", build_ep(ref, log) + build_pc(ref, geo, log)),
    ])

    os.makedirs(args.out, exist_ok=True)
    note("make_snapshot: reference %s -> %s" % (ref.root, args.out))
    for fname, rels in files.items():
        data = render(rels, ref, fname)
        path = os.path.join(args.out, fname)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        note("%-20s %3d releases %7d rows %9d bytes" % (fname, len(rels), sum(len(r.rows) for r in rels),
                                                          len(data)))
        for r in rels:
            note("    %-7s %-9s %-10s %6d rows  (%s)" % (r.key("source"), r.key("scope"), r.key("vintage"),
                                                      len(r.rows), ", ".join("%s:%d" % (os.path.basename(o[0]), o[1])
                                                                             for o in r.origins)))
    note("checks:")
    note("  May 2025 national: %s" % log.get("may2025_decision"))
    for f in log.get("may2025", []):
        note("    " + f)
    note("  web_transcribed U.S. figures equal to the national files: %d" % nweb)
    note("  " + log["cpi_check"])
    note("  topcode: %d duplicate year row(s) with identical values merged" % log["topcode_dups"])
    for rel, u in log.get("ep_units", []):
        note("  units %s: %s" % (os.path.basename(rel), "; ".join(u)))
    for c in log.get("pc_checks", []):
        note("  " + c)
    for k, v in list(log.get("state_skipped", {}).items()) + list(log.get("msa_skipped", {}).items()):
        note("  skipped %d %s" % (v, k))
    note("merges (differences between files of one release; the higher-priority value is kept):")
    total_conf = 0
    for m in log.get("merge", []):
        s = {k: v for k, v in m.stats.items() if k != "same"}
        if len(m.used) > 1 or s:
            note("  %-14s %s" % (m.name, ", ".join("%s %d" % kv for kv in sorted(s.items())) or
                                 "no differences"))
        total_conf += m.stats.get("conflict", 0)
        for e in m.examples:
            note("      " + e)
    note("  conflicts in total: %d" % total_conf)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SnapError as e:
        sys.stderr.write("make_snapshot: error: %s\n" % e)
        sys.exit(1)
