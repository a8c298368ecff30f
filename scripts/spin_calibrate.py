#!/usr/bin/env python3
"""Read the candidate dump of tests/spin_real_spun.rs (SPIN_DUMP=FILE) and report, for
conditions on the broad-thesaurus candidates, what detection and restoration would do.
Usage: python3 scripts/spin_calibrate.py /tmp/spin-dump.tsv"""
import collections
import csv
import math
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t", quoting=csv.QUOTE_NONE))
b = [r for r in rows if r["rule"] in ("P008", "P009")]
for r in b:
    r["d"] = float(r["delta"])
    r["gain"] = int(r["cl"]) + int(r["cr"]) - int(r["ol"]) - int(r["or"])
    r["ratio"] = math.log((int(r["cc"]) + 1) / (int(r["co"]) + 1))
# best candidate per site
best = {}
for r in b:
    k = (r["doc"], r["start"])
    if k not in best or r["d"] > best[k]["d"]:
        best[k] = r
sites = list(best.values())
docs = {}
for r in rows:
    docs[r["doc"]] = (r["class"], int(r["words"]))


def report(name, cond):
    sel = [r for r in sites if cond(r)]
    per = collections.Counter(r["doc"] for r in sel)
    spun = sorted(100 * per[d] / w for d, (c, w) in docs.items() if c == "spun")
    clean = sorted(100 * per[d] / w for d, (c, w) in docs.items() if c == "clean")
    c = collections.Counter(r["label"] for r in sel if r["class"] == "spun")
    print(f"{name:40s} spun {spun[0]:.2f}..{spun[len(spun)//2]:.2f}  clean ..{clean[len(clean)//2]:.2f}..{clean[-1]:.2f}"
          f" | right {c['right']} site {c['site']} off {c['none']} clean-sites {sum(1 for r in sel if r['class']=='clean')}")


for m in (2, 4, 6, 8):
    report(f"d>={m}", lambda r: r["d"] >= m)
    report(f"d>={m} gain>=1", lambda r: r["d"] >= m and r["gain"] >= 1)
    report(f"d>={m} gain>=2", lambda r: r["d"] >= m and r["gain"] >= 2)
    report(f"d>={m} gain>=1 cand both", lambda r: r["d"] >= m and r["gain"] >= 1 and r["cl"] == "1" and r["cr"] == "1")
    report(f"d>={m} orig none cand one", lambda r: r["d"] >= m and r["ol"] == "0" and r["or"] == "0" and r["gain"] >= 1)
