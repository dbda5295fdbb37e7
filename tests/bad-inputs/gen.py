#!/usr/bin/python3
"""Write the malformed inputs of tests/bad-inputs/cases.tsv into OUT/<case>/.

usage: gen.py OUT TESTDATA

Every input is generated here (byte-exact: NULs, BOMs, CR/LF mixes, Latin-1 and UTF-16 text,
zip archives and workbooks written member by member), so nothing binary or big is committed.
Each case starts from a good input (the `ok_*` controls, which the runner imports first and
which must succeed) and breaks one thing. The zip bomb is a real one: 2 GiB + 1 MiB of zeros in
a 2 MiB archive, built from one compressed megabyte repeated (no 2 GiB ever written).
"""
import io
import os
import struct
import sys
import zipfile
import zlib

OUT, DATA = sys.argv[1], sys.argv[2]


def put(case, name, data, mode=None):
    d = os.path.join(OUT, case)
    os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
    p = os.path.join(d, name)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    if mode is not None:
        os.chmod(p, mode)
    return p


def read(rel):
    with open(os.path.join(DATA, rel), "rb") as f:
        return f.read()


def lines(b):
    return b.decode("utf-8").split("\n")


# ------------------------------------------------------------------------------ OEWS CSV
CSV = read("oews/national_M2016_dl.csv").decode("utf-8").replace("\r\n", "\n")
CL = CSV.split("\n")  # CL[0] header, CL[1..7] rows, CL[8] ''
N = "national_M2016_dl.csv"


def csv_with(row_no, col_name, value):
    """The fixture with field col_name of line row_no (1-based) replaced."""
    ls = list(CL)
    head = ls[0].split(",")
    import csv as _csv

    r = next(_csv.reader([ls[row_no - 1]]))
    r[head.index(col_name)] = value
    ls[row_no - 1] = ",".join('"%s"' % x if "," in x else x for x in r)
    return "\n".join(ls)


put("ok_csv", N, CSV)
put("csv_empty", N, b"")
put("csv_header_only", N, CL[0] + "\n")
put("csv_truncated_quote", N, "\n".join(CL[:5]) + '\n25-2021,"Elementary School Teachers, Exc')
put("csv_truncated_row", N, "\n".join(CL[:4]) + "\n15-1122,Information Security Analysts,detailed,96870,2.4")
put("csv_quote_garbage", N, "\n".join(CL[:3]) + '\n11-3021,"Computer Managers"x,detailed\n')
put("csv_ragged_long", N, "\n".join(CL[:3] + [CL[3] + ",extra,fields"] + CL[4:]))
put("csv_nul", N, CSV.replace("Information Security Analysts", "Information\0Security Analysts").encode())
# Latin-1: the title's e-acute as one byte 0xE9 (UTF-8 would be C3 A9)
put("csv_latin1", N, CSV.replace("Actors", "Act\u00e9ors").encode("latin-1"))
put("csv_utf16_bom", N, b"\xff\xfe" + CSV.encode("utf-16-le"))
put("csv_utf16be_bom", N, b"\xfe\xff" + CSV.encode("utf-16-be"))
# a UTF-8 BOM at the start is fine; one in the middle (two files pasted together) is not a code
put("csv_bom_midfile", N, "\ufeff" + "\n".join(CL[:4] + ["\ufeff" + CL[4]] + CL[5:]))
# CRLF / LF / lone CR mixed: the bad value is on line 6 and must be reported there
mix = csv_with(6, "TOT_EMP", "48x20").split("\n")
put("csv_crlf_mix", N, mix[0] + "\r\n" + mix[1] + "\n" + mix[2] + "\r\n" + mix[3] + "\r" + mix[4] + "\n" + "\n".join(mix[5:]))
put("csv_cr_only", N, "\r".join(csv_with(4, "A_MEAN", "145,74O").split("\n")))
put("csv_huge_field", N, "\n".join(CL[:2] + [CL[2].replace("Management Occupations", "M" * 70000)] + CL[3:]))
put("csv_huge_quoted", N, "\n".join(CL[:2] + ['11-0000,"' + "q" * 70000 + '",major'] + CL[3:]))
put("csv_many_fields", N, "\n".join(CL[:2] + [CL[2] + "," * 5000] + CL[3:]))
put("csv_number_overflow", N, csv_with(3, "TOT_EMP", "1e999"))
put("csv_negative", N, csv_with(5, "A_MEAN", "-96040"))
put("csv_nan", N, csv_with(2, "H_MEAN", "nan"))
put("csv_dup_header", N, CSV.replace("TOT_EMP,EMP_PRSE", "TOT_EMP,TOT_EMP", 1))
put("csv_missing_occ_code", N, "".join(",".join(r[1:]) + "\n" for r in (__import__("csv").reader(io.StringIO(CSV.replace(", Except", " Except"))))))
put("csv_bad_code", N, csv_with(7, "OCC_CODE", "29-207"))
put("csv_topcode_in_emp", N, csv_with(2, "TOT_EMP", "#"))

# -------------------------------------------------------------------------------- XLSX
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="national_M2016_dl" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')


def colname(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_parts(rows, tweak=None):
    """Sheet XML and shared strings for rows (lists of text); numbers as <v>, text shared."""
    import csv as _csv

    sst, index, out = [], {}, []
    for rn, r in enumerate(rows, 1):
        cells = []
        for ci, v in enumerate(r):
            ref = "%s%d" % (colname(ci), rn)
            if v == "":
                continue
            try:
                float(v)
                isnum = v.lower() not in ("nan", "inf", "infinity") and not v.startswith("0") or v in ("0",) or "." in v
            except ValueError:
                isnum = False
            if tweak and (rn, ci) in tweak:
                cells.append(tweak[(rn, ci)].replace("{ref}", ref))
            elif isnum and rn > 1:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                if v not in index:
                    index[v] = len(sst)
                    sst.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        out.append('<row r="%d">%s</row>' % (rn, "".join(cells)))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n'
             "<sheetData>\n" + "\n".join(out) + "\n</sheetData>\n</worksheet>\n")
    sstx = ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (len(sst), len(sst)) + "".join("<si><t>%s</t></si>" % xesc(x) for x in sst) + "</sst>")
    return sheet, sstx


def csv_rows(text):
    import csv as _csv

    return [r for r in _csv.reader(io.StringIO(text)) if r]


def zbytes(members, compression=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression) as z:
        for name, data in members:
            if isinstance(name, zipfile.ZipInfo):
                z.writestr(name, data)
            else:
                z.writestr(name, data)
    return b.getvalue()


def xlsx(sheet, sst, wb=WB, rels=RELS, drop=(), extra=()):
    m = [("[Content_Types].xml", CT), ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels),
         ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sst)]
    return zbytes([x for x in m if x[0] not in drop] + list(extra))


ROWS = csv_rows(CSV)
X = "national_M2016_dl.xlsx"
sh, ss = sheet_parts(ROWS)
GOOD_XLSX = xlsx(sh, ss)
put("ok_xlsx", X, GOOD_XLSX)
put("xlsx_truncated", X, GOOD_XLSX[: len(GOOD_XLSX) // 2])
put("xlsx_not_zip", X, "<html><body>Access Denied</body></html>")
put("xlsx_sst_past_table", X, xlsx(*sheet_parts(ROWS, {(4, 1): '<c r="{ref}" t="s"><v>9999</v></c>'})))
put("xlsx_sst_bad_index", X, xlsx(*sheet_parts(ROWS, {(4, 1): '<c r="{ref}" t="s"><v>-1</v></c>'})))
put("xlsx_bad_value", X, xlsx(*sheet_parts(ROWS, {(3, 3): '<c r="{ref}" t="inlineStr"><is><t>709O790</t></is></c>'})))
put("xlsx_huge_cell", X, xlsx(*sheet_parts(ROWS, {(2, 1): '<c r="{ref}" t="inlineStr"><is><t>' + "x" * 70000 + "</t></is></c>"})))
put("xlsx_column_past_limit", X, xlsx(*sheet_parts(ROWS, {(3, 2): '<c r="XFD3" t="inlineStr"><is><t>major</t></is></c>'})))
put("xlsx_cell_order", X, xlsx(*sheet_parts(ROWS, {(3, 2): '<c r="A3" t="inlineStr"><is><t>x</t></is></c>'})))
bad_sheet = sh.replace('<row r="5">', '<row r="5"><c r="A5"><v>1</v></row>', 1)
put("xlsx_malformed_xml", X, xlsx(bad_sheet, ss))
put("xlsx_invalid_utf8", X, xlsx(sh.encode().replace(b"<row r=\"6\">", b"<row r=\"6\">\xe9", 1), ss))
put("xlsx_utf16_sheet", X, xlsx(sh.encode("utf-16"), ss))  # declared UTF-8, BOM'd UTF-16
bomb_dtd = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">'
            + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9))
            + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>')
put("xlsx_entity_bomb", X, xlsx(bomb_dtd, ss))
put("xlsx_no_workbook", X, xlsx(sh, ss, drop=("xl/workbook.xml",)))
put("xlsx_missing_sheet_part", X, xlsx(sh, ss, drop=("xl/worksheets/sheet1.xml",)))
put("xlsx_missing_sst", X, xlsx(sh, ss, drop=("xl/sharedStrings.xml",)))
put("xlsx_dup_header", X, xlsx(*sheet_parts(csv_rows(CSV.replace("TOT_EMP,EMP_PRSE", "TOT_EMP,TOT_EMP", 1)))))
# shared strings over the 64 MiB cap: 1,100 strings of 64,000 bytes, 70 KB compressed
big = "".join("<si><t>%s</t></si>" % (chr(97 + i % 26) * 64000) for i in range(1100))
put("xlsx_sst_over_cap", X, xlsx(sh, '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + big + "</sst>"))

# -------------------------------------------------------------------------------- zip archives
Z = "oesm16nat.zip"
put("ok_zip", Z, zbytes([("oesm16nat/" + X, GOOD_XLSX)]))
put("zip_dotdot", Z, zbytes([("../" + N, CSV)]))
put("zip_dotdot_inner", Z, zbytes([("oesm16nat/../../" + N, CSV)]))
put("zip_absolute", Z, zbytes([("/tmp/" + N, CSV)]))
put("zip_backslash", Z, zbytes([("..\\" + N, CSV)]))
link = zipfile.ZipInfo("oesm16nat/" + N)
link.external_attr = (0o120777 << 16)
link.create_system = 3
put("zip_symlink", Z, zbytes([(link, "/etc/passwd")]))
put("zip_truncated", Z, zbytes([("oesm16nat/" + N, CSV * 50)])[:900])
good = bytearray(zbytes([("oesm16nat/" + N, CSV * 20)]))
pos = good.find(b"national_M2016_dl.csv") + len("national_M2016_dl.csv") + 40
good[pos] ^= 0x55
put("zip_crc", Z, bytes(good))
# a stored member whose bytes were changed after its CRC-32 was written: only the CRC tells
stored = bytearray(zbytes([("oesm16nat/" + N, CSV * 20)], zipfile.ZIP_STORED))
pos = stored.find(b"national_M2016_dl.csv") + len("national_M2016_dl.csv") + 40
stored[pos] = ord("7") if stored[pos] != ord("7") else ord("8")
put("zip_crc_stored", Z, bytes(stored))
put("zip_two_tables", Z, zbytes([("a/" + N, CSV), ("b/national_M2017_dl.csv", CSV)]))
put("zip_no_table", Z, zbytes([("readme.txt", "nothing here")]))
put("zip_bad_member_csv", Z, zbytes([("oesm16nat/" + N, csv_with(5, "TOT_EMP", "96,87O"))]))
put("zip_bad_member_xlsx", Z, zbytes([("oesm16nat/" + X, xlsx(*sheet_parts(ROWS, {(3, 3): '<c r="{ref}" t="inlineStr"><is><t>709O790</t></is></c>'})))]))


def zip_bomb(path, member, total_mib, declared=None):
    """A zip whose one member inflates to total_mib MiB of zeros (Zip64), written from one
    compressed MiB repeated: after a full flush deflate output depends on the new input only."""
    mib = b"\0" * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == first or len(again) > 0
    tail = c.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(total_mib):
        crc = zlib.crc32(mib, crc)
    usize = total_mib << 20 if declared is None else declared
    csize = len(first) + len(again) * (total_mib - 1) + len(tail)
    name = member.encode()
    z64 = struct.pack("<HHQQ", 1, 16, usize, csize)
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(z64)))
        f.write(name + z64)
        f.write(first)
        for _ in range(total_mib - 1):
            f.write(again)
        f.write(tail)
        cd_off = f.tell()
        z64c = struct.pack("<HHQQQ", 1, 24, usize, csize, 0)
        f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                            len(name), len(z64c), 0, 0, 0, 0, 0xFFFFFFFF))
        f.write(name + z64c)
        cd_end = f.tell()
        f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, cd_end - cd_off, cd_off))
        f.write(struct.pack("<IIQI", 0x07064B50, 0, cd_end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, cd_end - cd_off, 0xFFFFFFFF, 0))


os.makedirs(os.path.join(OUT, "zip_bomb"), exist_ok=True)
zip_bomb(os.path.join(OUT, "zip_bomb", Z), "oesm16nat/" + N, 2049)
# a bomb that lies: its directory says 1 KiB, the data inflates to 2 GiB + 1 MiB
os.makedirs(os.path.join(OUT, "zip_bomb_lying"), exist_ok=True)
zip_bomb(os.path.join(OUT, "zip_bomb_lying", Z), "oesm16nat/" + N, 2049, declared=1024)

# -------------------------------------------------------------------------------- OEWS flat files
FF = {n: read("flatfiles/M2024/" + n) for n in ("oe.area", "oe.data.0.Current", "oe.industry", "oe.occupation")}
D = "oe.data.0.Current"


def ff(case, **changes):
    for n, b in FF.items():
        if n in changes and changes[n] is None:
            continue
        put(case, n, changes.get(n, b))


DL = FF[D].split(b"\n")  # line i+1 = DL[i]
ff("ok_oe")
ff("oe_nul", **{D: b"\n".join(DL[:4] + [DL[4].replace(b"67920", b"679\x0020")] + DL[5:])})
ff("oe_no_area", **{"oe.area": None})
ff("oe_no_occupation", **{"oe.occupation": None})
ff("oe_truncated", **{D: b"\n".join(DL[:9]) + b"\nOEUN0000000000000"})
ff("oe_bad_series_id", **{D: b"\n".join(DL[:5] + [DL[5].replace(b"OEUN0000000000000000", b"OEUN00000000000000", 1)] + DL[6:])})
ff("oe_value_overflow", **{D: b"\n".join(DL[:3] + [DL[3].replace(b"32.66", b"1e999")] + DL[4:])})
ff("oe_value_negative", **{D: b"\n".join(DL[:3] + [DL[3].replace(b"   32.66", b"  -32.66")] + DL[4:])})
ff("oe_two_years", **{D: b"\n".join(DL[:6] + [DL[6].replace(b"\t2024\t", b"\t2023\t")] + DL[7:])})
ff("oe_huge_field", **{D: b"\n".join(DL[:2] + [DL[2].replace(b"\t\r", b"\t" + b"5" * 70000 + b"\r")] + DL[3:])})
ff("oe_dup_header", **{D: b"\n".join([DL[0].replace(b"\tperiod\t", b"\tyear\t")] + DL[1:])})
AREA = FF["oe.area"].split(b"\n")
ff("oe_area_latin1", **{"oe.area": b"\n".join(AREA[:2] + [AREA[2].replace(b"California", b"Californ\xeda")] + AREA[3:])})
ff("oe_area_utf16", **{"oe.area": b"\xff\xfe" + FF["oe.area"].decode().encode("utf-16-le")})
OCC = FF["oe.occupation"].split(b"\n")
ff("oe_occupation_ragged", **{"oe.occupation": b"\n".join(OCC[:3] + [b"151212\tInformation Security Analysts"] + OCC[4:])})

# -------------------------------------------------------------------------------- CPI flat files
CU = read("sources/cu.data.1.AllItems")
CUL = CU.split(b"\n")
C = "cu.data.1.AllItems"
put("ok_cu", C, CU)
put("cu_bad_year", C, read("sources/cu.data.bad_year"))
put("cu_year_range", C, b"\n".join(CUL[:2] + [CUL[2].replace(b"\t1947\t", b"\t1700\t")] + CUL[3:]))
put("cu_bad_period", C, b"\n".join(CUL[:3] + [CUL[3].replace(b"\tM03\t", b"\tM14\t")] + CUL[4:]))
put("cu_value_overflow", C, b"\n".join(CUL[:5] + [CUL[5].replace(CUL[5].split(b"\t")[3], b"   1e999")] + CUL[6:]))
put("cu_missing_value_col", C, b"\n".join(b"\t".join(x.split(b"\t")[:3] + x.split(b"\t")[4:]) for x in CUL))
put("cu_utf16", C, b"\xff\xfe" + CU.decode().encode("utf-16-le"))
put("cu_crlf_nul", C, b"\r\n".join(CUL[:6] + [CUL[6].replace(b"CUUR", b"CU\0R")] + CUL[7:]))

# -------------------------------------------------------------------------------- Projections Central
PC = read("sources/pc_ca.json").decode()
P = "pc_ca.json"
put("ok_pc", P, PC)
put("pc_malformed", P, read("sources/bad_pc_malformed.json"))
put("pc_truncated", P, PC[: PC.index('"STFIPS"') + 12])
put("pc_deep", P, PC.replace('"pager": {', '"deep": ' + "[" * 100 + "]" * 100 + ', "pager": {', 1))
put("pc_number", P, read("sources/bad_pc_number.json"))
put("pc_number_overflow", P, PC.replace('"344,100"', '"1e999"'))
put("pc_negative", P, PC.replace('"390,600"', '"-390,600"'))
put("pc_baseyear", P, read("sources/bad_pc_baseyear.json"))
put("pc_utf16", P, b"\xff\xfe" + PC.encode("utf-16-le"))
put("pc_nul", P, PC.replace("Registered", "Regis\0tered").encode())
put("pc_stfips", P, PC.replace('"STFIPS": "6"', '"STFIPS": "6x"'))
put("pc_rows_not_array", P, PC.replace('"rows": [', '"rows": {"x": [', 1).replace("\n ],\n \"pager\"", "\n ]},\n \"pager\"", 1))

# -------------------------------------------------------------------------------- BLS API answers
API = read("sources/api_laucn_3points.json").decode()
A = "api_laucn.json"
put("ok_api", A, API)
put("api_not_processed", A, read("sources/api_not_processed.json"))
put("api_truncated", A, API[: API.index('"16945"')])
put("api_deep", A, API.replace('"message":[]', '"message":' + "[" * 40 + "]" * 40, 1))
put("api_bad_year", A, API.replace('"year":"2022","period":"M12"', '"year":"2O22","period":"M12"'))
put("api_bad_value", A, API.replace('"16945"', '"16,9x5"'))
put("api_bad_period", A, API.replace('"period":"M11"', '"period":"X11"'))
put("api_trailing", A, API + "\n{}")
put("api_latin1", A, API.replace("Preliminary", "Pr\u00e9liminary").encode("latin-1"))

# -------------------------------------------------------------------------------- BEA SARPP
SA = read("sources/sarpp_3states.csv")
SAL = SA.split(b"\n")
S = "SARPP_STATE_2008_2023.csv"
put("ok_sarpp", S, SA)
put("sarpp_bad_value", S, read("sources/bad_sarpp_value.csv"))
put("sarpp_latin1", S, SA.replace(b'"Mississippi"', b'"Mississipp\xed"'))
put("sarpp_ragged", S, b"\n".join(SAL[:5] + [b",".join(SAL[5].split(b",")[:12])] + SAL[6:]))
sarpp_lines = [x for x in SAL]
put("sarpp_nul", S, SA.replace(b'"New Jersey"', b'"New\0Jersey"'))

# -------------------------------------------------------------------------------- role files
ROLE = read("roles/custom.json").decode()
R = "roles.json"
put("ok_roles", R, ROLE)
put("roles_malformed", R, read("roles/malformed.json"))
put("roles_negative_weight", R, read("roles/negative_weight.json"))
put("roles_truncated", R, ROLE[: ROLE.index('"coder-auditor"')])
put("roles_deep", R, ROLE.replace('"schema": 1,', '"schema": 1, "x": ' + "[" * 2000 + "]" * 2000 + ",", 1))
put("roles_utf16", R, b"\xff\xfe" + ROLE.encode("utf-16-le"))
put("roles_huge_text", R, ROLE.replace('"Configures', '"' + "C" * 70000 + "Configures", 1))
put("roles_too_big", R, ROLE.replace('"schema": 1,', '"schema": 1, "pad": "' + "p" * (4 * 1024 * 1024) + '",', 1))
put("roles_nul", R, ROLE.replace("EHR analyst", "EHR\0analyst").encode())
put("roles_latin1", R, ROLE.replace("EHR analyst", "EHR anal\u00fdst").encode("latin-1"))

# -------------------------------------------------------------------------------- claims files
CLAIMS = "who,measure,value,low,high,year,source,note\n29-9021,median,62990,,,2023,test,a claim\n11-3021,mean,136280,,,2014,test,another\n"
K = "claims.csv"
put("ok_claims", K, CLAIMS)
put("claims_bad_number", K, CLAIMS.replace("62990", "62,99O"))
put("claims_missing_column", K, CLAIMS.replace("who,measure,", "measure,", 1).replace("29-9021,median", "median").replace("11-3021,mean", "mean"))
put("claims_year_range", K, CLAIMS.replace(",2014,", ",20140,"))
put("claims_period_backwards", K, CLAIMS.replace(",2014,", ",2019-00,"))
put("claims_measure", K, CLAIMS.replace("mean,", "mode,", 1).replace("who,mode,", "who,measure,"))
put("claims_too_many", K, CLAIMS.split("\n")[0] + "\n" + "29-9021,median,62990,,,2023,test,x\n" * 501)
put("claims_latin1", K, CLAIMS.replace("a claim", "a cl\u00e1im").encode("latin-1"))
put("claims_huge_field", K, CLAIMS.replace("a claim", "n" * 70000))
put("claims_utf16", K, b"\xff\xfe" + CLAIMS.encode("utf-16-le"))
put("claims_nul", K, CLAIMS.replace("another", "ano\0ther").encode())

# -------------------------------------------------------------------------------- stats input CSVs
ST = "year,wage\n2019,50000\n2020,51000\n2021,52000\n2022,53100\n"
T = "data.csv"
put("ok_stats", T, ST)
put("stats_short_row", T, ST.replace("2021,52000", "2021"))
put("stats_utf16", T, b"\xff\xfe" + ST.encode("utf-16-le"))
put("stats_nul", T, ST.replace("51000", "51\x00000").encode())
put("stats_overflow", T, ST.replace("52000", "1e999"))
put("stats_huge_field", T, ST.replace("53100", "9" * 70000))
put("stats_dup_header", T, ST.replace("year,wage", "wage,wage"))
put("stats_crlf_mix", T, "year,wage\r\n2019,50000\n2020,51000\r2021,5x000\r\n2022,53100\n")

# -------------------------------------------------------------------------------- config file
def cfg(case, text, mode=0o600):
    put(case, "cfg/laborstat/config", text, mode)


cfg("ok_config", "contact = tests@laborstat.invalid\npace_ms = 0\n")
cfg("config_no_equals", "contact = tests@laborstat.invalid\npace_ms 0\n")
cfg("config_unknown_key", "contact = tests@laborstat.invalid\n\ncolour = blue\n")
cfg("config_out_of_range", "retries = 99\n")
cfg("config_overflow", "pace_ms = 99999999999999999999999\n")
cfg("config_nul", b"contact = tests@laborstat.invalid\0\nretries = 999\n")
cfg("config_bom", b"\xef\xbb\xbfcontact = tests@laborstat.invalid\npace_ms = 0\n")
cfg("config_utf16", b"\xff\xfe" + "contact = tests@laborstat.invalid\n".encode("utf-16-le"))
cfg("config_too_big", "# " + "x" * 70000 + "\ncontact = a@b.invalid\n")
cfg("config_key_readable", "api_key = 0123456789abcdef0123456789abcdef\n", 0o644)
cfg("config_crlf", "contact = tests@laborstat.invalid\r\nretries = 0\r\n")

# -------------------------------------------------------------------------------- row cap
put("rowcap_csv", N, CSV)
