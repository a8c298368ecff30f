#!/usr/bin/env python3
"""Calibrate the spin stage's document verdict from general evidence on clean real text.

Runs the ignored test `tests/spin_real_spun.rs` on test sets made by
`scripts/spin_make_testset.py` (one per spinner thesaurus) and on a calibration set of
clean real article bodies (every gold text of ../shared/eval/real/gold/ of 150 words or
more that no test set spun; the texts are third-party pages, so the set is written under
/tmp, never committed), reads each document's swap hits, rare misfits and content words
from its verdict evidence, and reports for each weight of the rare misfits the threshold
that flags no clean calibration text and the recall it leaves per spinner (and the recall
at 1%, 2% and 5% of clean texts flagged).

Usage: python3 scripts/spin_calibrate_doc.py SPUN_SET... (e.g. /tmp/spin/my /tmp/spin/aik)
"""
import os
import re
import subprocess
import sys

import spin_clean_set

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
gold = os.path.join(root, "..", "shared", "eval", "real", "gold")
sets = sys.argv[1:]
if not sets:
    sys.exit(__doc__)

LINE = re.compile(
    r"^(?:clean )?(\S+): spun=(\w+) .*swap hits (\d+), rare misfits (\d+) in (\d+) content words"
)


def run(directory):
    env = dict(os.environ, SPIN_REAL=directory)
    out = subprocess.run(
        ["cargo", "test", "--release", "--test", "spin_real_spun", "--", "--ignored", "--nocapture"],
        cwd=root, env=env, capture_output=True, text=True, check=True).stdout
    docs = {"spun": {}, "clean": {}}
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            kind = "clean" if line.startswith("clean ") else "spun"
            docs[kind][m.group(1)] = tuple(int(m.group(k)) for k in (3, 4, 5))
    return docs


cal = spin_clean_set.make(gold, sets, sets[0])
clean = list(run(cal)["clean"].values())
spun = {os.path.basename(s.rstrip("/")): list(run(s)["spun"].values()) for s in sets}
print(f"{len(clean)} clean calibration texts; spun: " + ", ".join(f"{k} {len(v)}" for k, v in spun.items()))


def density(f, w):
    hits, rare, content = f
    return (hits + w * rare) / max(content, 200)


for w in (0.0, 0.125, 0.25, 0.5, 1.0):
    c = sorted(density(f, w) for f in clean)
    row = [f"weight {w:5.3f}: no clean flagged above {c[-1]:.4f}"]
    for name, v in spun.items():
        rec = [sum(density(f, w) > c[-1] for f in v)]
        for fpr in (0.01, 0.02, 0.05):
            thr = c[min(len(c) - 1, int((1 - fpr) * len(c)))]
            rec.append(sum(density(f, w) > thr for f in v))
        row.append(f"{name} {rec[0]}/{len(v)} (at 1/2/5% clean flagged: {rec[1]}/{rec[2]}/{rec[3]})")
    print("; ".join(row))
