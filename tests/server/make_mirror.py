#!/usr/bin/python3
"""Build the mirror tree served by labsrv.py, deterministically (same bytes, same mtimes every run).

usage: make_mirror.py OUT [--shared /work/shared/reference]

Sources: tests/server/fixtures/ (committed excerpts, see fixtures/README.md), tests/data/flatfiles/M2024/
(the committed OEWS flat-file fixture) and, when --shared names an existing directory, the real
reference files under it (CPI flat file, BEA SARPP table, EP occupation.xlsx, Projections Central
sample). Writes OUT/HOST/PATH for every file listed in README.md; OUT is created, existing files in
it are overwritten, other files are left alone.
"""
import argparse
import csv
import datetime
import io
import json
import os
import shutil
import sys
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
FLAT = os.path.normpath(os.path.join(HERE, "..", "data", "flatfiles", "M2024"))

FIXED_MTIME = 1743582600                      # 2025-04-02T08:30:00Z, every file and directory
ZIP_TIME = (2025, 4, 2, 8, 30, 0)             # every zip / xlsx member
BOOK_TIME = datetime.datetime(2025, 4, 2, 8, 30, 0)

OEWS_HEADER = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
               "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000",
               "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
               "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75",
               "A_PCT90", "ANNUAL", "HOURLY"]

EP_HEADER = ["2024 National Employment Matrix title", "2024 National Employment Matrix code",
             "Occupation type", "Employment, 2024", "Employment, 2034",
             "Employment distribution, percent, 2024", "Employment distribution, percent, 2034",
             "Employment change, numeric, 2024\u201334", "Employment change, percent, 2024\u201334",
             "Percent self employed, 2024", "Occupational openings, 2024\u201334 annual average",
             "Median annual wage, dollars, 2024[1]", "Typical education needed for entry",
             "Work experience in a related occupation",
             "Typical on-the-job training needed to attain competency in the occupation",
             "Related Occupational Outlook Handbook (OOH) content"]


# ---------------------------------------------------------------------------- helpers
def write(out, rel, data):
    path = os.path.join(out, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def crlf(text):
    """BLS flat files are served with CRLF line ends; normalise whatever the source had."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def zip_bytes(members):
    """members: list of (name, bytes). Fixed timestamps and attributes -> identical bytes every run."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o100644 << 16
            z.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def book_bytes(book):
    """Save an openpyxl workbook and re-pack it with fixed member timestamps."""
    book.properties.creator = "laborstat tests"
    book.properties.created = BOOK_TIME
    book.properties.modified = BOOK_TIME
    book.properties.lastModifiedBy = None
    raw = io.BytesIO()
    book.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    members = []
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            # openpyxl may stamp the save time; pin it
            import re
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                          rb"\g<1>2025-04-02T08:30:00Z\g<2>", data)
            data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)",
                          rb"\g<1>2025-04-02T08:30:00Z\g<2>", data)
        members.append((info.filename, data))
    return zip_bytes(members)


def cell_value(text):
    """Numbers as numbers (as BLS stores them); special values (#, *, **, TRUE) and blanks as text/None."""
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


# ---------------------------------------------------------------------------- OEWS
def oews_book(csv_path, year):
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    if [h.upper() for h in rows[0]] != OEWS_HEADER:
        raise SystemExit("make_mirror: %s has not the May 2019+ OEWS column layout" % csv_path)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "national_M%s_dl" % year
    ws.append(["May %s National Occupational Employment and Wage Estimates" % year])
    ws.append([])
    ws.append(OEWS_HEADER)
    for r in rows[1:]:
        ws.append([cell_value(v) if i >= 11 and i < 30 else (v if v != "" else None)
                   for i, v in enumerate(r)])
    ws.append([])
    ws.append(["Footnotes:"])
    ws.append(["(1) Estimates do not include self-employed workers."])
    desc = book.create_sheet("Field Descriptions")
    desc.append(["Field", "Field Description"])
    desc.append(["OCC_CODE", "The 6-digit Standard Occupational Classification (SOC) code or OEWS-specific code for the occupation"])
    desc.append(["TOT_EMP", "Estimated total employment rounded to the nearest 10 (excludes self-employed)."])
    desc.append([])
    desc.append(["Notes:"])
    desc.append(["*  = indicates that a wage estimate is not available"])
    desc.append(["**  = indicates that an employment estimate is not available"])
    desc.append(["#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"])
    return book_bytes(book)


def build_oews(out):
    base = "www.bls.gov/oes/special-requests/"
    b24 = oews_book(os.path.join(FIX, "oews_national_M2024_excerpt.csv"), "2024")
    write(out, base + "oesm24nat.zip", zip_bytes([("oesm24nat/national_M2024_dl.xlsx", b24)]))
    b23 = oews_book(os.path.join(FIX, "oews_national_M2023_excerpt.csv"), "2023")
    write(out, base + "oesm23nat.zip", zip_bytes([("oesm23nat/national_M2023_dl.xlsx", b23)]))
    # bad: a member that escapes the extraction directory
    write(out, base + "oesm99nat.zip", zip_bytes([("../x.xlsx", b24)]))
    # bad: a well-formed workbook whose only sheet has no OCC_CODE header
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "national_M1998_dl"
    ws.append(["May 1998 National Occupational Employment and Wage Estimates"])
    ws.append([])
    ws.append(["AREA", "AREA_TITLE", "TOT_EMP", "H_MEAN", "A_MEAN"])
    ws.append(["99", "U.S.", 154187380, 32.66, 67920])
    write(out, base + "oesm98nat.zip", zip_bytes([("oesm98nat/national_M1998_dl.xlsx", book_bytes(book))]))


def build_flatfiles(out):
    base = "download.bls.gov/pub/time.series/oe/"
    for name in ("oe.data.0.Current", "oe.area", "oe.occupation", "oe.industry"):
        write(out, base + name, crlf(read_text(os.path.join(FLAT, name))))
    # the two code lists are kept in our own JSON (fixtures/oe_codes.json) and written in BLS's
    # tab-separated layout here
    for name, table in oe_codes().items():
        lines = ["\t".join(table["header"])] + ["\t".join(r) for r in table["rows"]]
        write(out, base + name, crlf("\n".join(lines) + "\n"))
    write(out, base + "oe.release", crlf(read_text(os.path.join(FIX, "oe.release"))))


def oe_codes():
    with open(os.path.join(FIX, "oe_codes.json"), encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------- CPI
def cpi_lines(shared):
    ref = shared and os.path.join(shared, "deflators", "cu.data.1.AllItems_CUUR0000SA0_lines_2025-10.tsv")
    src = ref if ref and os.path.isfile(ref) else os.path.join(FIX, "cu.data.1.AllItems.CUUR0000SA0_2013-2025.tsv")
    return read_text(src)


def build_cpi(out, shared):
    write(out, "download.bls.gov/pub/time.series/cu/cu.data.1.AllItems", crlf(cpi_lines(shared)))


# ---------------------------------------------------------------------------- BEA SARPP
SARPP_NOTES = """SARPP: Real personal income, real PCE, and regional price parities by state
(Notes written for the laborstat test mirror in the style of BEA's footnote file; see
tests/server/fixtures/README.md. They are not BEA's text.)

1/ Real personal income is in millions of constant (2017) dollars (LineCode 1); real per capita
   personal income in constant (2017) dollars (LineCode 2).
RPPs (LineCodes 5-9) are price-level indexes: U.S. = 100 for every year. A state's RPP compares its
   price level with the national level in the same year; RPPs are not comparable across years.
LineCode 5 = RPPs: All items; 6 = Goods; 7 = Services: Housing; 8 = Services: Utilities;
   9 = Services: Other; 10 = Implicit regional price deflator.
(NA) Not available.
Last updated: February 20, 2025-- revised statistics for 2010-2019.
"""


def build_sarpp(out, shared):
    ref = shared and os.path.join(shared, "deflators", "bea_SARPP_STATE_2008_2023.csv")
    src = ref if ref and os.path.isfile(ref) else os.path.join(FIX, "SARPP_STATE_2008_2023_excerpt.csv")
    with open(src, "rb") as f:
        table = f.read()
    write(out, "apps.bea.gov/regional/zip/SARPP.zip",
          zip_bytes([("SARPP_STATE_2008_2023.csv", table),
                     ("SARPP_FOOTNOTES.txt", SARPP_NOTES.replace("\n", "\r\n").encode("utf-8"))]))


# ---------------------------------------------------------------------------- EP occupation.xlsx
def ep_book_from_fixture():
    with open(os.path.join(FIX, "table1.2_2024-34_excerpt.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    idx = book.active
    idx.title = "Index"
    idx.append(["Occupational projections and worker characteristics"])
    idx.append(["Table 1.2 Occupational projections, 2024\u201334, and worker characteristics, 2024"])
    ws = book.create_sheet("Table 1.2")
    ws.append(["Table 1.2 Occupational projections, 2024\u20132034, and worker characteristics, 2024 "
               "(Employment in thousands)"])
    ws.append(EP_HEADER)
    for r in rows[1:]:
        indent = int(r[0])
        vals = [" " * indent + r[1], r[2], r[3]]
        vals += [cell_value(v) for v in r[4:13]]
        vals += r[13:17]
        ws.append(vals)
    ws.append(["[1] Data are from the Occupational Employment and Wage Statistics program, U.S. Bureau of "
               "Labor Statistics. Wage data cover non-farm wage and salary workers and do not cover the "
               "self-employed, owners and partners in unincorporated firms, or household workers."])
    ws.append(["Note: Data is unavailable for values denoted with a \"\u2014\"."])
    ws.append(["Source: Employment Projections program, U.S. Bureau of Labor Statistics"])
    return book_bytes(book)


def build_ep(out, shared):
    base = "www.bls.gov/emp/ind-occ-matrix/"
    ref = shared and os.path.join(shared, "projections", "bls_ep_occupation_2023-33_as_committed_modified.xlsx")
    if ref and os.path.isfile(ref):
        with open(ref, "rb") as f:
            write(out, base + "occupation.xlsx", f.read())
    else:
        write(out, base + "occupation.xlsx", ep_book_from_fixture())
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Table 1.1"
    ws.append(["Table 1.1 Employment by major occupational group, 2024 and projected 2034"])
    ws.append(["2024 National Employment Matrix title", "2024 National Employment Matrix code"])
    ws.append(["Total, all occupations", "00-0000"])
    write(out, base + "noSheet.xlsx", book_bytes(book))


# ---------------------------------------------------------------------------- Projections Central
def build_pc(out, shared):
    rows = None
    if shared:
        sample = os.path.join(shared, "projections", "projectionscentral_longterm_sample.json")
        nv = os.path.join(shared, "projections", "projectionscentral_longterm_2024-2034_nevada_health_it_occ.csv")
        if os.path.isfile(sample):
            with open(sample, encoding="utf-8") as f:
                rows = json.load(f)["rows"]
            urls = {r["STFIPS"]: r["StateURL"] for r in rows}
            have = {(r["STFIPS"], r["OccCode"]) for r in rows}
            if os.path.isfile(nv):
                with open(nv, newline="", encoding="utf-8") as f:
                    for r in csv.DictReader(f):
                        k = (r["stfips"], r["occ_code"])
                        if k in have:
                            continue
                        have.add(k)
                        rows.append({"Area": r["area"], "Title": r["title"], "Base": r["base"],
                                     "Projected": r["projected"], "Change": r["change"],
                                     "PercentChange": r["percent_change"],
                                     "AvgAnnualOpenings": r["avg_annual_openings"], "STFIPS": r["stfips"],
                                     "StateURL": urls.get(r["stfips"], ""), "OccCode": r["occ_code"],
                                     "BaseYear": r["base_year"], "ProjYear": r["proj_year"]})
    if rows is None:
        with open(os.path.join(FIX, "pc_rows_excerpt.json"), encoding="utf-8") as f:
            rows = json.load(f)
    write(out, "public.projectionscentral.org/rows.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


# ---------------------------------------------------------------------------- fake API series
def build_api_series(out, shared):
    base = "api.bls.gov/series/"
    lines = cpi_lines(shared).replace("\r\n", "\n").split("\n")
    tsv = []
    for line in lines[1:]:
        c = [x.strip() for x in line.split("\t")]
        if len(c) >= 4 and c[0] == "CUUR0000SA0":
            tsv.append("\t".join([c[1], c[2], c[3], "", ""]))
    write(out, base + "CUUR0000SA0.tsv", "\n".join(tsv) + "\n")
    shutil.copyfile(os.path.join(FIX, "OEUN000000000000029102313.tsv"),
                    os.path.join(out, *base.split("/"), "OEUN000000000000029102313.tsv"))
    # every series of the OEWS flat-file fixture (May 2024, national), as the API serves them
    notes = {}
    for code, text in oe_codes()["oe.footnote"]["rows"]:
        notes[code.strip()] = text.strip()
    series = {}
    for line in read_text(os.path.join(FLAT, "oe.data.0.Current")).replace("\r\n", "\n").split("\n")[1:]:
        c = [x.strip() for x in line.split("\t")]
        if len(c) < 4 or not c[0]:
            continue
        code = c[4] if len(c) > 4 else ""
        text = notes.get(code, "") if code else ""
        series.setdefault(c[0], []).append("\t".join([c[1], c[2], c[3], text, code if text else ""]))
    for sid, rows in series.items():
        write(out, base + sid + ".tsv", "\n".join(rows) + "\n")


# ---------------------------------------------------------------------------- main
def pin_mtimes(out):
    for dirpath, dirnames, filenames in os.walk(out, topdown=False):
        for name in filenames:
            os.utime(os.path.join(dirpath, name), (FIXED_MTIME, FIXED_MTIME))
        os.utime(dirpath, (FIXED_MTIME, FIXED_MTIME))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--shared", default=None, help="reference folder (used only if it exists)")
    args = ap.parse_args()
    shared = args.shared if args.shared and os.path.isdir(args.shared) else None
    os.makedirs(args.out, exist_ok=True)
    build_oews(args.out)
    build_flatfiles(args.out)
    build_cpi(args.out, shared)
    build_sarpp(args.out, shared)
    build_ep(args.out, shared)
    build_pc(args.out, shared)
    build_api_series(args.out, shared)
    pin_mtimes(args.out)
    print("make_mirror: %s (%s)" % (args.out, "with reference files from " + shared if shared
                                    else "fixtures only"))


if __name__ == "__main__":
    main()
