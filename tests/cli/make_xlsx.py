#!/usr/bin/python3
"""Write an OEWS release table (CSV) as a BLS-style workbook with openpyxl, a real spreadsheet
writer: the data sheet first, with title rows above the header and notes below the table, then a
"Field Descriptions" sheet, as BLS's own workbooks have them.

usage: make_xlsx.py IN.csv OUT.xlsx SHEET_NAME
"""
import csv
import sys

import openpyxl


def cell_value(text):
    """Numbers as numbers (as BLS stores them); special values (#, *, **) and titles as text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text if text != "" else None


def main():
    src, out, sheet = sys.argv[1:4]
    with open(src, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    data = book.active
    data.title = sheet
    data.append(["May 2016 National Occupational Employment and Wage Estimates"])
    data.append([])
    data.append(rows[0])
    for r in rows[1:]:
        data.append([cell_value(v) if i >= 3 else v for i, v in enumerate(r)])
    data.append([])
    data.append(["Footnotes:"])
    data.append(["(1) Estimates do not include self-employed workers."])
    desc = book.create_sheet("Field Descriptions")
    desc.append(["Field", "Field Description"])
    desc.append(["OCC_CODE", "The 6-digit Standard Occupational Classification (SOC) code"])
    book.save(out)


if __name__ == "__main__":
    main()
