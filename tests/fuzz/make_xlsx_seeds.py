#!/usr/bin/env python3
"""Write the XLSX seeds of tests/fuzz/corpus/xlsx (the workbooks of tests/unit/test_xlsx.c in
spirit): shared strings with rich-text and phonetic runs, inline strings, booleans, errors,
formula strings, skipped cells, a title row, a note row, a second sheet whose header is found by
a '*' hint. Most are stored (uncompressed) zips, so that mutations reach the XML."""
import os
import sys
import zipfile

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'corpus', 'xlsx')
os.makedirs(out, exist_ok=True)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s><sheets>'
      '<sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Second" sheetId="2" r:id="rId2"/>'
      '</sheets></workbook>' % (NS, RNS))
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId2" Type="%sworksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId3" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>' % (RT, RT, RT))
sst = ('<sst %s count="6" uniqueCount="6"><si><t>OCC_CODE</t></si><si><t>OCC_TITLE</t></si>'
       '<si><r><t>A_</t></r><r><t>MEDIAN</t></r></si><si><t>Computer Systems Analysts</t>'
       '<rPh><t>x</t></rPh></si><si><t xml:space="preserve"> 2023 National Employment Matrix code '
       '</t></si><si><t>15-1211</t></si></sst>' % NS)
s1 = ('<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title row</t></is></c>'
      '</row><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="D3" t="s">'
      '<v>2</v></c></row><row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" t="s"><v>3</v></c>'
      '<c r="C4" t="b"><v>1</v></c><c r="D4"><v>103800.5</v></c><c r="E4" t="e"><v>#N/A</v></c>'
      '<c r="F4" t="str"><f>A1</f><v>calc</v></c></row><row r="6"><c r="A6" t="inlineStr"><is>'
      '<t>Footnotes:</t></is></c></row></sheetData></worksheet>' % NS)
s2 = ('<worksheet %s><sheetData><row r="2"><c r="B2" t="s"><v>4</v></c><c r="C2" t="inlineStr">'
      '<is><t>Title</t></is></c><c r="D2" t="inlineStr"><is><t>Employment</t></is></c></row>'
      '<row r="3"><c r="B3" t="inlineStr"><is><t>15-1211</t></is></c><c r="C3" t="inlineStr"><is>'
      '<r><t>Sys</t></r><r><t>tems &amp; co</t></r></is></c><c r="D3"><v>538.8</v></c></row>'
      '</sheetData></worksheet>' % NS)


def book(name, comp, parts):
    with zipfile.ZipFile(os.path.join(out, name), 'w', comp) as z:
        for n, t in parts:
            z.writestr(n, t)


full = [('xl/workbook.xml', wb), ('xl/_rels/workbook.xml.rels', rels),
        ('xl/worksheets/sheet1.xml', s1), ('xl/worksheets/sheet2.xml', s2),
        ('xl/sharedStrings.xml', sst)]
book('book-stored.xlsx', zipfile.ZIP_STORED, full)
book('book-deflated.xlsx', zipfile.ZIP_DEFLATED, full)
book('book-nosst.xlsx', zipfile.ZIP_STORED,
     [full[0], full[1], ('xl/worksheets/sheet1.xml', s2), ('xl/worksheets/sheet2.xml', s2)])
book('book-minimal.xlsx', zipfile.ZIP_STORED, [
    ('xl/workbook.xml', '<workbook><sheets><sheet name="S" r:id="a"/></sheets></workbook>'),
    ('xl/_rels/workbook.xml.rels',
     '<Relationships><Relationship Id="a" Target="/xl/worksheets/s.xml"/></Relationships>'),
    ('xl/worksheets/s.xml', '<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row>'
     '<row><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')])
