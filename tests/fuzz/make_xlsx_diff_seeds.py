#!/usr/bin/env python3
"""Write the seeds of tests/fuzz/corpus/xlsx_diff: worksheet XML in the forms the row scanner
takes (BLS's, openpyxl's and Excel's) and in forms that make it hand over to expat, each behind
the two control bytes fuzz_xlsx_diff.c reads (chunking and hint; sink failure)."""
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'corpus',
                                                         'xlsx_diff')
os.makedirs(out, exist_ok=True)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXCEL = ('<worksheet %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
         ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac"'
         ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' % NS)


def sheet(rows, root='<worksheet %s>' % NS, decl=DECL, tail='</worksheet>'):
    return decl + root + '<dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/>' \
        '</sheetViews><sheetData>' + rows + '</sheetData>' + tail


bls = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s">'
       '<v>2</v></c></row><row r="2"></row><row r="3"><c r="A3" t="s"><v>4</v></c>'
       '<c r="B3"><v>156344980</v></c><c r="D3"><v>0.1</v></c></row>')
openpyxl = ('<row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>OCC_CODE</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>k</t></is></c><c r="C1" t="n"><v>3</v></c></row>'
            '<row r="2"><c r="A2" t="str"><f>UPPER("a")</f><v>A</v></c><c r="B2" t="b"><v>1</v>'
            '</c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" s="1"/></row>')
excel = ('<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>3</v></c>'
         '<c r="B1" t="inlineStr"><is><r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve">'
         ' b </t></r><rPh sb="0" eb="1"><t>PH</t></rPh></is></c></row>'
         '<row r="2" spans="1:4" x14ac:dyDescent="0.25"><c r="A2"><v>1.5E-3</v></c></row>')
entities = ('<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; '
            '&apos;e&apos; &#233;&#x10FFFF;&#10;\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80</t></is>'
            '</c><c r="B1" t="inlineStr"><is><t>x]y]]z</t></is></c></row>')
spaces = ("<row\n r = '1' ><c\tr='A1'\r\nt=\"inlineStr\" ><is ><t >k\r\nv\rw</t ></is></c ><c r='B1'"
          " /><c r=\"C1\"><v>2</v></c></row ><row/><row r=\"3\"><c r=\"A3\"/></row>")
prefixed = '<row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c></row>'

seeds = {
    'bls.xml': (0x00, 0, sheet(bls)),
    'bls-chunks.xml': (0x01, 0, sheet(bls)),
    'bls-hint.xml': (0x15, 2, sheet(bls)),
    'openpyxl.xml': (0x03, 0, sheet(openpyxl, decl="<?xml version='1.0' encoding='UTF-8'?>\n")),
    'excel.xml': (0x04, 1, sheet(excel, root=EXCEL, tail='<pageMargins left="0.7"/>'
                                  '<extLst><ext uri="{X}" xmlns:x14="urn:x14"><x14:id>1'
                                  '</x14:id></ext></extLst></worksheet>')),
    'entities.xml': (0x06, 0, sheet(entities, decl='')),
    'spaces.xml': (0x07, 0, sheet(spaces, decl='<?xml version="1.0"?>\r\n') + '\r\n'),
    'minimal.xml': (0x02, 0, '<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row>'
                    '<row><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'),
    'fallback-prefix.xml': (0x08, 0, sheet(prefixed)),
    'fallback-comment.xml': (0x09, 0, sheet(bls + '<!-- a comment -->' + bls)),
    'fallback-cdata.xml': (0x0a, 0, sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x>]]>'
                                          '</t></is></c></row>')),
    'fallback-doctype.xml': (0x0b, 0, '<!DOCTYPE worksheet [<!ENTITY e "v">]>' +
                             sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>',
                                   decl='')),
    'fallback-pi.xml': (0x0c, 0, sheet(bls + '<?pi x?>' + bls)),
    'malformed-tag.xml': (0x0d, 0, sheet(bls + '<row r="9"><c r="A9"></row>')),
    'malformed-dup.xml': (0x0e, 0, sheet(bls + '<row r="9" r="9"/>')),
    'malformed-end.xml': (0x0f, 0, sheet(bls)[:-20]),
    'bad-sst.xml': (0x00, 0, sheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>')),
    'order.xml': (0x05, 0, sheet('<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>')),
}
for name, (b0, b1, text) in seeds.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bytes([b0, b1]) + text.encode('latin-1' if '\xc3' in text else 'utf-8'))
