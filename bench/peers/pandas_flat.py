#!/usr/bin/python3
"""B3 peer: pandas read_csv of oe.series and oe.data.0.Current (tab-separated). usage: DIR"""
import os
import sys

import pandas as pd

d = sys.argv[1]
series = pd.read_csv(os.path.join(d, "oe.series"), sep="\t", dtype=str)
data = pd.read_csv(os.path.join(d, "oe.data.0.Current"), sep="\t", dtype={"footnote_codes": str})
print(len(series), len(data))
