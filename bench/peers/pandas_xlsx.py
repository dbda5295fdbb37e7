#!/usr/bin/python3
"""B2 peer: pandas read_excel (openpyxl) of the workbook inside BLS's zip. usage: ZIP"""
import io
import sys
import zipfile

import pandas as pd

with zipfile.ZipFile(sys.argv[1]) as z:
    name = [n for n in z.namelist() if n.endswith(".xlsx")][0]
    data = io.BytesIO(z.read(name))
df = pd.read_excel(data, sheet_name=0, header=2, dtype={"AREA": str, "NAICS": str, "OWN_CODE": str})
print(len(df))
