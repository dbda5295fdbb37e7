#!/usr/bin/python3
"""B1 peer: pandas read_csv + DataFrame.to_sql into a new SQLite file. usage: CSV DB"""
import sqlite3
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={"AREA": str, "NAICS": str, "OWN_CODE": str, "PRIM_STATE": str})
con = sqlite3.connect(sys.argv[2])
df.to_sql("oews", con, index=False)
con.commit()
con.close()
print(len(df))
