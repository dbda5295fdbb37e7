#!/usr/bin/python3
"""Seeded generator of OEWS benchmark data in BLS's real formats (standard library only).

usage: gen.py OUTDIR [--rows N] [--seed S] [--year Y] [--store-years 2014-2024] [--what ...]

Writes into OUTDIR:
  all_data_M_YYYY.csv            the OEWS "all data" release table, May 2019+ layout (32 columns,
                                 AREA ... HOURLY), N rows (default 414,437 = May 2024's size)
  all_data_M_YYYY.xlsx           the same rows as a BLS-style workbook: title row, empty row, header
                                 in row 3, notes below the table, every text cell in a shared-
                                 strings table, a second sheet "Field Descriptions"
  oesmYYall.zip                  the workbook inside the zip BLS publishes (oesmYYall/all_data_M_YYYY.xlsx)
  oe/oe.data.0.Current, oe/oe.series
                                 the flat-file pair for the same release: ~5.68 million series at
                                 full scale (17 datatypes x 334,153 cells, the May 2020 count),
                                 sorted by series id, ids padded to 30, values right-aligned in 12,
                                 CRLF; plus oe.area, oe.occupation, oe.industry, oe.datatype,
                                 oe.footnote, oe.release
  store/all_data_M_YYYY.csv      one all-data CSV per year of --store-years (the store benchmark)

Occupation codes, titles, groups and national wage levels of each year come from the embedded
snapshot's national release of that year (datasets/snapshot/oews-national.lsnap), so codes and
titles are real (quoted titles with commas included). Areas: the nation, 54 states and
territories, 395 synthetic metropolitan areas (5-digit codes, "Name, ST" titles) and 140
nonmetropolitan areas (7-digit codes); national industry rows (NAICS sectors, 3- to 5-digit
industries, ownerships) fill the table to N rows. Cell wages are lognormal around the
occupation's national median: percentiles increase, annual wages are rounded to $10, hourly =
annual / 2080; values at or above the top-code ($115.00 / $239,200) print as '#'. About 3.5% of
rows have no employment estimate ('**'), about 2.5% no wage estimates ('*'), and the national
annual-only / hourly-only occupations keep their 'TRUE' flags with the other wages '*'.
Same arguments -> same bytes.
"""
import argparse
import csv
import io
import json
import math
import os
import random
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SNAP = os.path.join(ROOT, "datasets", "snapshot")
FIXTURES = os.path.join(ROOT, "tests", "server", "fixtures")

FULL_ROWS = 414437
FLAT_CELLS_FULL = 334153          # x 17 datatypes = 5,680,601 series (May 2020: 5,680,603)
TOP_A, TOP_H = 239200, 115.00
Z = (-1.2815516, -0.6744898, 0.0, 0.6744898, 1.2815516)
ZIP_TIME = (2025, 4, 2, 8, 30, 0)

HEADER = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
          "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000",
          "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
          "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75",
          "A_PCT90", "ANNUAL", "HOURLY"]

TERRITORIES = [("66", "GU", "Guam"), ("78", "VI", "Virgin Islands")]
TOWNS = ["Springfield", "Riverside", "Fairview", "Georgetown", "Salem", "Madison", "Clinton",
         "Franklin", "Greenville", "Bristol", "Oxford", "Arlington", "Ashland", "Burlington",
         "Dover", "Hudson", "Jackson", "Kingston", "Lexington", "Milton", "Newport", "Marion",
         "Auburn", "Dayton", "Lebanon", "Manchester", "Monroe", "Richmond", "Troy", "Winchester"]
SECTORS = [("11", "Agriculture, Forestry, Fishing and Hunting"), ("21", "Mining, Quarrying, and Oil and Gas Extraction"),
           ("22", "Utilities"), ("23", "Construction"), ("31", "Manufacturing"), ("42", "Wholesale Trade"),
           ("44", "Retail Trade"), ("48", "Transportation and Warehousing"), ("51", "Information"),
           ("52", "Finance and Insurance"), ("53", "Real Estate and Rental and Leasing"),
           ("54", "Professional, Scientific, and Technical Services"), ("55", "Management of Companies and Enterprises"),
           ("56", "Administrative and Support and Waste Management and Remediation Services"),
           ("61", "Educational Services"), ("62", "Health Care and Social Assistance"),
           ("71", "Arts, Entertainment, and Recreation"), ("72", "Accommodation and Food Services"),
           ("81", "Other Services (except Public Administration)"), ("99", "Federal, State, and Local Government")]
OWNERSHIPS = [("1235", "cross-ownership"), ("5", "private"), ("123", "government")]
DATATYPES = ["Employment", "Employment percent relative standard error", "Hourly mean wage",
             "Annual mean wage", "Wage percent relative standard error", "Hourly 10th percentile wage",
             "Hourly 25th percentile wage", "Hourly median wage", "Hourly 75th percentile wage",
             "Hourly 90th percentile wage", "Annual 10th percentile wage", "Annual 25th percentile wage",
             "Annual median wage", "Annual 75th percentile wage", "Annual 90th percentile wage",
             "Employment per 1,000 jobs", "Location Quotient"]


# ------------------------------------------------------------------------------ reference lists
def snapshot_national(year):
    """Occupations of the snapshot's national release of `year` (nearest year if absent):
    [(code, title, group, median, sigma, tot_emp, annual_only, hourly_only)]."""
    releases = {}
    cur = None
    with open(os.path.join(SNAP, "oews-national.lsnap"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("@release"):
                vint = [p for p in line.split("\t") if p.startswith("vintage=")][0][8:]
                cur = releases.setdefault(int(vint), {"rows": []})
            elif line.startswith("@columns"):
                cur["cols"] = line.split("\t")[1:]
            elif line and not line.startswith("#") and not line.startswith("@") and cur is not None:
                cur["rows"].append(line.split("\t"))
    y = min(releases, key=lambda k: (abs(k - year), -k))
    rel = releases[y]
    ix = {c: i for i, c in enumerate(rel["cols"])}
    out, seen = [], set()

    def num(r, c):
        v = r[ix[c]] if c in ix and ix[c] < len(r) else ""
        try:
            return float(v)
        except ValueError:
            return None

    for r in rel["rows"]:
        code = r[ix["occ_code"]]
        if code in seen:
            continue
        seen.add(code)
        med = num(r, "a_median") or (num(r, "h_median") or 0) * 2080 or num(r, "a_mean") or 50000.0
        p10, p90 = num(r, "a_pct10"), num(r, "a_pct90")
        sigma = (math.log(p90 / p10) / (2 * 1.2815516)) if p10 and p90 and p90 > p10 else 0.45
        emp = num(r, "tot_emp") or 20000.0
        flag = lambda c: c in ix and ix[c] < len(r) and r[ix[c]] == "TRUE"
        out.append((code, r[ix["occ_title"]], r[ix["o_group"]], med, min(max(sigma, 0.12), 0.9), emp,
                    flag("annual"), flag("hourly")))
    return out


def states():
    out, geo = [], False
    with open(os.path.join(SNAP, "geo.lsnap"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("@release"):
                geo = "source=geo" in line
            elif geo and line[:1].isdigit():
                p = line.rstrip("\n").split("\t")
                if len(p[0]) == 2 and len(p[1]) == 2:
                    out.append((p[0], p[1], p[2]))
    have = {s[0] for s in out}
    out += [t for t in TERRITORIES if t[0] not in have]
    return sorted(out)


# ------------------------------------------------------------------------------ the release
class Release:
    """All rows of one synthetic release, produced in BLS order by rows()."""

    def __init__(self, n_rows, year, seed):
        self.n = n_rows
        self.year = year
        self.rng = random.Random(seed * 1000003 + year)
        self.occ = snapshot_national(year)
        self.detailed = [o for o in self.occ if o[2] == "detailed"]
        self.st = states()
        rng = random.Random(seed)               # areas and industries: the same every year
        postals = [s for s in self.st if s[0] not in ("66", "72", "78")]
        self.msas = []
        used = set()
        for i in range(395):
            code = "%05d" % (10020 + 40 * i + (0 if i % 7 else 0))
            st = rng.choice(postals)
            st2 = rng.choice(postals) if i % 9 == 0 else None
            town = TOWNS[i % len(TOWNS)] + ("-" + TOWNS[(i * 7 + 3) % len(TOWNS)] if i % 4 == 0 else "")
            name = "%s, %s" % (town, st[1] + ("-" + st2[1] if st2 and st2 != st else ""))
            while name in used:
                name = name.replace(",", " North,", 1)
            used.add(name)
            self.msas.append((code, name, st[1], math.exp(rng.gauss(11.8, 1.1))))
        self.nonmetro = []
        for i in range(140):
            st = postals[i % len(postals)]
            k = i // len(postals) + 1
            part = ["North", "South", "East", "West", "Central"][(k - 1) % 5]
            self.nonmetro.append(("%s0000%d" % (st[0], k), "%s %s nonmetropolitan area" % (part, st[2]),
                                  st[1], math.exp(rng.gauss(11.0, 0.5))))
        self.industries = []
        for code, title in SECTORS:
            self.industries.append((code + "0000", title, "sector"))
            for j in range(1, 4):
                c3 = code[0] + str((int(code[1]) + j) % 10) + str(j)
                self.industries.append((c3 + "000", "%s, subsector %d" % (title.split(",")[0], j), "3-digit"))
                for k in range(1, 4):
                    self.industries.append((c3 + str(k) + "00", "%s, industry group %d%d" % (title.split(",")[0], j, k), "4-digit"))
                    for m in range(1, 3):
                        self.industries.append((c3 + str(k) + str(m) + "0", "%s, industry %d%d%d" % (title.split(",")[0], j, k, m), "5-digit"))
        self.state_size = {s[0]: math.exp(rng.gauss(14.6, 1.0)) for s in self.st}
        self.area_factor = {}

    # -- one row
    def factor(self, key, sd):
        f = self.area_factor.get(key)
        if f is None:
            f = self.area_factor[key] = math.exp(self.rng.gauss(0, sd))
        return f

    def row(self, area, title, atype, prim, naics, ntitle, igroup, own, occ, size, wf, industry):
        r = self.rng
        code, otitle, group, med, sigma, nemp, annual_only, hourly_only = occ
        out = [area, title, atype, prim, naics, ntitle, igroup, own, code, otitle, group]
        noise = 0.01 if area == "99" and not industry else 0.6
        emp = max(30, int(round(nemp * size * math.exp(r.gauss(0, noise)) / 10.0)) * 10)
        emp_na = r.random() < (0.035 if area != "99" else 0.0)
        wage_na = r.random() < 0.025
        if emp_na:
            out += ["**", "**", "**" if not industry else "", "**" if not industry else ""]
        else:
            rse = min(49.9, max(0.1, 40.0 / math.sqrt(emp) * math.exp(r.gauss(0, 0.4)) * 10))
            j1000 = emp / (size * 1.5e8) * 1000.0
            out += [str(emp), "%.1f" % rse,
                    "" if industry else "%.3f" % j1000,
                    "" if industry else "%.2f" % (math.exp(r.gauss(0, 0.35)))]
        if industry:
            out += ["%.2f" % (r.random() * 5), str(r.randint(20, 100))]
        else:
            out += ["", ""]
        mu = math.log(med * wf) + r.gauss(0, 0.06)
        s = sigma * (0.85 + 0.3 * r.random())
        annual = [10 * round(math.exp(mu + s * z) / 10) for z in Z]
        for i in range(1, 5):                                   # rounding may tie, never invert
            if annual[i] < annual[i - 1]:
                annual[i] = annual[i - 1]
        mean = 10 * round(math.exp(mu + s * s / 2) * (1 + r.gauss(0, 0.02)) / 10)
        a_txt = ["#" if a >= TOP_A else str(a) for a in annual]
        h_txt = ["#" if a / 2080 >= TOP_H else "%.2f" % (a / 2080) for a in annual]
        am_txt = str(mean) if mean < TOP_A else "#"
        hm_txt = "%.2f" % (mean / 2080) if mean / 2080 < TOP_H else "#"
        mprse = "%.1f" % min(30.0, max(0.1, abs(r.gauss(1.5, 1.5))))
        if wage_na:
            out += ["*", "*", "*"] + ["*"] * 10
        elif annual_only:
            out += ["*", am_txt, mprse] + ["*"] * 5 + a_txt
        elif hourly_only:
            out += [hm_txt, "*", mprse] + h_txt + ["*"] * 5
        else:
            out += [hm_txt, am_txt, mprse] + h_txt + a_txt
        out += ["TRUE" if annual_only else "", "TRUE" if hourly_only else ""]
        return out

    def plan(self):
        """(part, count) quotas that sum to n: national, states, MSAs, nonmetro, industries."""
        n = self.n
        nat = min(n, len(self.occ))
        rest = n - nat
        st = min(rest, int(rest * 0.091))
        msa = min(rest - st, int(rest * 0.340))
        nm = min(rest - st - msa, int(rest * 0.062))
        return nat, st, msa, nm, rest - st - msa - nm

    def rows(self):
        """Yield (row, flat) where flat = (areatype letter, area7, industry6) or None."""
        nat, n_st, n_msa, n_nm, n_ind = self.plan()
        r = self.rng
        for o in self.occ[:nat]:
            yield self.row("99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry",
                           "1235", o, 1.0, 1.0, False), ("N", "0000000", "000000")

        def spread(areas, total, make):
            per = [total // len(areas) + (1 if i < total % len(areas) else 0) for i in range(len(areas))]
            for a, k in zip(areas, per):
                k = min(k, len(self.detailed))
                picks = sorted(r.sample(range(len(self.detailed)), k))
                for i in picks:
                    yield make(a, self.detailed[i])

        st_total = sum(self.state_size.values())
        yield from spread(self.st, n_st, lambda s, o: (self.row(
            s[0], s[2], "3" if s[0] in ("66", "72", "78") else "2", s[1], "000000", "Cross-industry",
            "cross-industry", "1235", o, self.state_size[s[0]] / st_total,
            self.factor(s[0], 0.12) * math.exp(r.gauss(0, 0.05)), False), ("S", s[0] + "00000", "000000")))
        yield from spread(self.msas, n_msa, lambda m, o: (self.row(
            m[0], m[1], "4", m[2], "000000", "Cross-industry", "cross-industry", "1235", o,
            m[3] / 1.6e8, self.factor(m[0], 0.15) * math.exp(r.gauss(0, 0.06)), False), ("M", "00" + m[0], "000000")))
        yield from spread(self.nonmetro, n_nm, lambda m, o: (self.row(
            m[0], m[1], "6", m[2], "000000", "Cross-industry", "cross-industry", "1235", o,
            m[3] / 1.6e8, self.factor(m[0], 0.1) * 0.85 * math.exp(r.gauss(0, 0.06)), False), ("M", m[0], "000000")))
        combos = [(ind, own) for ind in self.industries for own in OWNERSHIPS]
        yield from spread(combos, n_ind, lambda c, o: (self.row(
            "99", "U.S.", "1", "US", c[0][0], c[0][1], c[0][2], c[1][0], o, 0.004,
            self.factor(c[0][0], 0.15) * math.exp(r.gauss(0, 0.05)), True),
            ("N", "0000000", c[0][0]) if c[1][0] == "1235" else None))


# ------------------------------------------------------------------------------ writers
def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def col_letters(n):
    s = ""
    n += 1
    while n:
        n, k = divmod(n - 1, 26)
        s = chr(65 + k) + s
    return s


COLS = [col_letters(i) for i in range(len(HEADER))]
NUMERIC = set(range(11, 30))            # TOT_EMP ... A_PCT90 are numbers unless a symbol


class SheetWriter:
    """Streams sheet1.xml into a temporary file; collects the shared strings."""

    def __init__(self, path, last_row):
        self.f = open(path, "w", encoding="utf-8", newline="")
        self.sst, self.order, self.count, self.r = {}, [], 0, 0
        self.f.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                     '<dimension ref="A1:AF%d"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                     '<sheetFormatPr defaultRowHeight="15"/><sheetData>' % last_row)

    def s(self, text):
        i = self.sst.get(text)
        if i is None:
            i = self.sst[text] = len(self.order)
            self.order.append(text)
        self.count += 1
        return i

    def row(self, fields, numeric=True):
        self.r += 1
        r = self.r
        parts = ['<row r="%d">' % r]
        for i, v in enumerate(fields):
            if v == "":
                continue
            if numeric and i in NUMERIC and v not in ("#", "*", "**"):
                parts.append('<c r="%s%d"><v>%s</v></c>' % (COLS[i], r, v))
            else:
                parts.append('<c r="%s%d" t="s"><v>%d</v></c>' % (COLS[i], r, self.s(v)))
        parts.append("</row>")
        self.f.write("".join(parts))

    def close(self):
        self.f.write('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                     'header="0.3" footer="0.3"/></worksheet>')
        self.f.close()

    def sst_xml(self):
        head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'count="%d" uniqueCount="%d">' % (self.count, len(self.order)))
        return head + "".join("<si><t>%s</t></si>" % xml_escape(t) for t in self.order) + "</sst>"


def write_xlsx(out_path, sheet_xml_path, nrows, sst_xml, sheet_name):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/>'
          '<sheet name="Field Descriptions" sheetId="2" r:id="rId2"/></sheets></workbook>' % sheet_name)
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              '</Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>')
    desc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Field</t></is></c><c r="B1" t="inlineStr"><is><t>Field Description</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>#</t></is></c><c r="B2" t="inlineStr"><is><t>'
            'indicates a wage equal to or greater than $115.00 per hour or $239,200 per year</t></is></c></row>'
            '</sheetData></worksheet>')
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
                           ("xl/_rels/workbook.xml.rels", wbrels), ("xl/styles.xml", styles)):
            z.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
        zi = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=ZIP_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        with open(sheet_xml_path, "rb") as src, z.open(zi, "w", force_zip64=True) as dst:
            while True:
                b = src.read(1 << 20)
                if not b:
                    break
                dst.write(b)
        z.writestr(zipfile.ZipInfo("xl/worksheets/sheet2.xml", date_time=ZIP_TIME), desc,
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("xl/sharedStrings.xml", date_time=ZIP_TIME), sst_xml,
                   compress_type=zipfile.ZIP_DEFLATED)


FLAT_DIGITS = {1: 0, 2: 1, 3: 2, 4: 0, 5: 1, 6: 2, 7: 2, 8: 2, 9: 2, 10: 2, 11: 0, 12: 0, 13: 0,
               14: 0, 15: 0, 16: 3, 17: 2}
# release-table column of each datatype 01..17
FLAT_COL = [11, 12, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 13, 14]


def write_flat(outdir, cells, rel, year):
    """cells: list of (areatype, area7, industry6, occ6, row). Sorted by series id here."""
    os.makedirs(outdir, exist_ok=True)
    cells.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
    title_of = {o[0].replace("-", ""): o[1] for o in rel.occ}
    ind_title = {"000000": "Cross-industry, Private, Federal, State, and Local Government",
                 "000001": "Cross-industry, Private Ownership Only"}
    ind_title.update({i[0]: i[1] for i in rel.industries})
    area_name = {"0000000": "National"}
    for s in rel.st:
        area_name[s[0] + "00000"] = s[2]
    for m in rel.msas:
        area_name["00" + m[0]] = m[1]
    for m in rel.nonmetro:
        area_name[m[0]] = m[1]
    with open(os.path.join(outdir, "oe.data.0.Current"), "w", encoding="utf-8", newline="") as d, \
            open(os.path.join(outdir, "oe.series"), "w", encoding="utf-8", newline="") as s:
        d.write("%-30s\tyear\tperiod\t%12s\tfootnote_codes\r\n" % ("series_id", "value"))
        s.write("%-30s\tseasonal\tareatype_code\tindustry_code\toccupation_code\tdatatype_code\t"
                "state_code\tarea_code\tsector_code\tseries_title\tfootnote_codes\tbegin_year\t"
                "begin_period\tend_year\tend_period\r\n" % "series_id")
        dbuf, sbuf = [], []
        for at, area, ind, occ, row in cells:
            base = "OEU" + at + area + ind + occ
            where = "%s in %s" % (ind_title.get(ind, ind), area_name.get(area, area))
            otitle = title_of.get(occ, occ)
            state = area[:2] if at == "S" else ("00" if at == "N" else area[:2])
            sector = ind[:2] + "----" if ind not in ("000000", "000001") else "000000"
            for dt in range(1, 18):
                sid = "%s%02d" % (base, dt)
                v = row[FLAT_COL[dt - 1]]
                foot = ""
                if v in ("#", "*", "**", ""):
                    foot = "5" if v == "#" else ""
                    v = "-"
                elif FLAT_DIGITS[dt] != (0 if "." not in v else len(v) - v.index(".") - 1):
                    v = "%.*f" % (FLAT_DIGITS[dt], float(v))
                dbuf.append("%-30s\t%d\tA01\t%12s\t%s\r\n" % (sid, year, v, foot))
                sbuf.append("%-30s\tU\t%s\t%s\t%s\t%02d\t%s\t%s\t%s\t%s for %s in %s\t\t%d\tA01\t%d\tA01\r\n"
                            % (sid, at, ind, occ, dt, state, area, sector, DATATYPES[dt - 1], otitle,
                               where, year, year))
            if len(dbuf) > 200000:
                d.write("".join(dbuf))
                s.write("".join(sbuf))
                dbuf, sbuf = [], []
        d.write("".join(dbuf))
        s.write("".join(sbuf))
    with open(os.path.join(outdir, "oe.area"), "w", encoding="utf-8", newline="") as f:
        f.write("state_code\tarea_code\tareatype_code\tarea_name\r\n")
        f.write("00\t0000000\tN\tNational\t\r\n")
        for s_ in rel.st:
            f.write("%s\t%s00000\tS\t%s\t\r\n" % (s_[0], s_[0], s_[2]))
        for m in rel.msas:
            f.write("%s\t00%s\tM\t%s\t\r\n" % ("00", m[0], m[1]))
        for m in rel.nonmetro:
            f.write("%s\t%s\tM\t%s\t\r\n" % (m[0][:2], m[0], m[1]))
    levels = {"total": 0, "major": 0, "minor": 1, "broad": 2, "detailed": 3}
    with open(os.path.join(outdir, "oe.occupation"), "w", encoding="utf-8", newline="") as f:
        f.write("occupation_code\toccupation_name\toccupation_description\tdisplay_level\tselectable\tsort_sequence\r\n")
        for i, o in enumerate(rel.occ):
            f.write("%s\t%s\t\t%d\tT\t%d\r\n" % (o[0].replace("-", ""), o[1], levels.get(o[2], 3), i))
    with open(os.path.join(outdir, "oe.industry"), "w", encoding="utf-8", newline="") as f:
        f.write("industry_code\tindustry_name\tdisplay_level\tselectable\tsort_sequence\r\n")
        f.write("000000\t%s\t0\tT\t0\r\n" % ind_title["000000"])
        f.write("000001\t%s\t0\tT\t0\r\n" % ind_title["000001"])
        for i, ind in enumerate(rel.industries):
            f.write("%s\t%s\t%d\tT\t%d\r\n" % (ind[0], ind[1], {"sector": 1, "3-digit": 2, "4-digit": 3}.get(ind[2], 4), i + 1))
    # the datatype and footnote code lists of the test mirror (tests/server/fixtures/oe_codes.json)
    with open(os.path.join(FIXTURES, "oe_codes.json"), encoding="utf-8") as src:
        codes = json.load(src)
    for name, table in codes.items():
        lines = ["\t".join(table["header"])] + ["\t".join(r) for r in table["rows"]]
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(lines) + "\r\n")
    with open(os.path.join(outdir, "oe.release"), "w", encoding="utf-8", newline="") as f:
        f.write("release_date\tdescription\r\n%dA01\tMay %d\r\n" % (year, year))


def generate_release(outdir, n_rows, year, seed, want):
    """want: set of 'csv', 'xlsx', 'zip', 'flat'."""
    os.makedirs(outdir, exist_ok=True)
    rel = Release(n_rows, year, seed)
    stem = "all_data_M_%d" % year
    csv_f = open(os.path.join(outdir, stem + ".csv.tmp"), "w", encoding="utf-8", newline="") if "csv" in want else None
    w = csv.writer(csv_f, lineterminator="\r\n") if csv_f else None
    sheet = SheetWriter(os.path.join(outdir, "sheet1.xml.tmp"), n_rows + 6) if want & {"xlsx", "zip"} else None
    n_flat = max(1, int(round(FLAT_CELLS_FULL * n_rows / FULL_ROWS)))
    cells, flat_keys = [], set()
    if w:
        w.writerow(HEADER)
    if sheet:
        sheet.row(["May %d All Data: Occupational Employment and Wage Estimates (synthetic, laborstat bench)" % year], False)
        sheet.row([], False)
        sheet.row(HEADER, False)
    n = 0
    for row, flat in rel.rows():
        n += 1
        if w:
            w.writerow(row)
        if sheet:
            sheet.row(row)
        if "flat" in want and flat and len(cells) < n_flat:
            key = flat + (row[8].replace("-", ""),)
            if key not in flat_keys:
                flat_keys.add(key)
                cells.append(key + (row,))
    if "flat" in want:
        # the flat files also carry private-ownership cross-industry series (industry 000001) of
        # the areas, which the release tables do not: they fill the pair to BLS's series count
        for c in list(cells):
            if len(cells) >= n_flat:
                break
            if c[2] == "000000" and c[3] != "000000":
                cells.append((c[0], c[1], "000001", c[3], c[4]))
    assert n == n_rows, (n, n_rows)
    if csv_f:
        csv_f.close()
        os.replace(csv_f.name, os.path.join(outdir, stem + ".csv"))
    if sheet:
        sheet.row([], False)
        sheet.row(["Footnotes:"], False)
        sheet.row(["(1) Estimates do not include self-employed workers."], False)
        sheet.close()
        assert sheet.r == n_rows + 6
        xlsx = os.path.join(outdir, stem + ".xlsx")
        write_xlsx(xlsx + ".tmp", sheet.f.name, sheet.r, sheet.sst_xml(), "All May %d data" % year)
        os.remove(sheet.f.name)
        os.replace(xlsx + ".tmp", xlsx)
        if "zip" in want:
            yy = "%02d" % (year % 100)
            zpath = os.path.join(outdir, "oesm%sall.zip" % yy)
            with zipfile.ZipFile(zpath + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
                zi = zipfile.ZipInfo("oesm%sall/%s.xlsx" % (yy, stem), date_time=ZIP_TIME)
                zi.compress_type = zipfile.ZIP_DEFLATED
                with open(xlsx, "rb") as src, z.open(zi, "w", force_zip64=True) as dst:
                    while True:
                        b = src.read(1 << 20)
                        if not b:
                            break
                        dst.write(b)
            os.replace(zpath + ".tmp", zpath)
    if "flat" in want:
        write_flat(os.path.join(outdir, "oe"), cells, rel, year)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--rows", type=int, default=FULL_ROWS)
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--store-years", default="2014-2024", help="years of the store releases, A-B")
    ap.add_argument("--what", default="csv,xlsx,zip,flat,store",
                    help="comma list of csv, xlsx, zip, flat, store")
    a = ap.parse_args()
    want = set(a.what.split(","))
    main_want = want & {"csv", "xlsx", "zip", "flat"}
    if main_want:
        generate_release(a.outdir, a.rows, a.year, a.seed, main_want)
        print("gen: release %d, %d rows: %s" % (a.year, a.rows, ",".join(sorted(main_want))), file=sys.stderr)
    if "store" in want:
        y0, y1 = (int(x) for x in a.store_years.split("-"))
        for y in range(y0, y1 + 1):
            generate_release(os.path.join(a.outdir, "store"), a.rows, y, a.seed, {"csv"})
            print("gen: store release %d, %d rows" % (y, a.rows), file=sys.stderr)


if __name__ == "__main__":
    main()
