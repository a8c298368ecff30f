#!/usr/bin/env python3
"""Fit the spin stage's document model (data/spin_doc_model.txt) on texts spun with a
thesaurus other than the ones it is measured on, and calibrate its threshold on clean
real text.

Training material: real gold texts spun with WordNet itself
(`SPIN_THESAURUS=wordnet scripts/spin_make_testset.py`, leaving out the test sets'
texts with SPIN_EXCLUDE) against half of the clean calibration texts (every gold text of
../shared/eval/real/gold/ of 150 words or more that no test set spun, as in
scripts/spin_calibrate_doc.py; the texts are third-party pages, so they stay under /tmp).
The score is a weighted sum of the features `tests/spin_real_spun.rs` writes with
SPIN_FEATURES (src/spin/docmodel.rs says what each measures). Swap hits of single words
and of multiword lemmas weigh 1 (a swap is a swap, whichever thesaurus made it: a weight
fitted to WordNet's many multiword lemmas would not carry over); the other weights are
searched on a grid for the most spun training texts above the highest clean training
text (ties: fewer of the other half of the clean texts above it, then smaller weights).
The threshold is the highest score of all the clean calibration texts, so none of them is
flagged. Test sets given after the training set are only reported.

Usage: python3 scripts/spin_train_doc.py TRAIN_SET [TEST_SET...]
  e.g. SPIN_THESAURUS=wordnet SPIN_EXCLUDE=/tmp/spin-real \\
         python3 scripts/spin_make_testset.py /tmp/spin-wn 120 0 7
       python3 scripts/spin_train_doc.py /tmp/spin-wn /tmp/spin-real /tmp/spin-aik
"""
import csv
import glob
import itertools
import os
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
gold = os.path.join(root, "..", "shared", "eval", "real", "gold")
if len(sys.argv) < 2:
    sys.exit(__doc__)
train, tests = sys.argv[1], sys.argv[2:]

FIXED = {"hits": 1.0, "multi": 1.0}
GRID = {
    "rare": [0, 0.125, 0.25],
    "lone_misfit": [0, 0.125, 0.25, 0.375, 0.5],
    "syn_ratio": [0, 0.25, 0.5],
    "hapax": [0, 0.01, 0.02],
    "curated": [0, 0.005, 0.01],
}


def features(directory):
    """Feature rows of a set: (id, class, {feature: value})."""
    out = os.path.join("/tmp", "spin-features-" + os.path.basename(directory.rstrip("/")) + ".tsv")
    env = dict(os.environ, SPIN_REAL=directory, SPIN_FEATURES=out, SPIN_FEATURES_ONLY="1")
    subprocess.run(
        ["cargo", "test", "--release", "--test", "spin_real_spun", "--", "--ignored", "--nocapture"],
        cwd=root, env=env, capture_output=True, check=True)
    rows = list(csv.reader(open(out), delimiter="\t"))
    names = rows[0][2:]
    return names, [(r[0], r[1], dict(zip(names, map(float, r[2:])))) for r in rows[1:]]


# The clean calibration set (as in spin_calibrate_doc.py).
spun_ids = set()
for s in tests:
    spun_ids |= {os.path.basename(p) for p in glob.glob(os.path.join(s, "spun", "*.txt"))}
cal = "/tmp/spin-calibrate-clean"
shutil.rmtree(cal, ignore_errors=True)
for d in ("spun", "clean", "swaps"):
    os.makedirs(os.path.join(cal, d))
first = sorted(glob.glob(os.path.join(train, "spun", "*.txt")))[0]
shutil.copy(first, os.path.join(cal, "spun"))
shutil.copy(os.path.join(train, "swaps", os.path.basename(first)[:-4] + ".json"), os.path.join(cal, "swaps"))
for p in glob.glob(os.path.join(gold, "*.txt")):
    text = open(p, encoding="utf-8").read()
    if os.path.basename(p) not in spun_ids and len(text.split()) >= 150:
        shutil.copy(p, os.path.join(cal, "clean"))

names, rows = features(cal)
clean = sorted((r for r in rows if r[1] == "clean"), key=lambda r: r[0])
clean_train = [r[2] for k, r in enumerate(clean) if k % 2 == 0]
clean_other = [r[2] for k, r in enumerate(clean) if k % 2 == 1]
spun_train = [r[2] for r in features(train)[1] if r[1] == "spun"]
print(f"training: {len(spun_train)} spun ({train}), {len(clean_train)} clean; "
      f"{len(clean)} clean calibration texts")


def score(w, v):
    return sum(x * v[k] for k, x in w.items())


best = None
for ws in itertools.product(*GRID.values()):
    w = dict(FIXED, **dict(zip(GRID, ws)))
    t = max(score(w, v) for v in clean_train)
    key = (-sum(score(w, v) > t for v in spun_train), sum(score(w, v) > t for v in clean_other), sum(ws))
    if best is None or key < best[0]:
        best = (key, w)
(key, w) = best
threshold = max(score(w, r[2]) for r in clean)
# Rounded up, so the highest clean text stays below it.
threshold = (int(threshold * 10000) + 1) / 10000
print(f"weights {w}; training recall {-key[0]}/{len(spun_train)}, other clean half above the "
      f"training threshold {key[1]}/{len(clean_other)}; threshold {threshold} (highest clean text)")
for s in tests:
    v = features(s)[1]
    sp = [r for r in v if r[1] == "spun"]
    cl = [r for r in v if r[1] == "clean"]
    print(f"{s}: spun detected {sum(score(w, r[2]) > threshold for r in sp)}/{len(sp)}, "
          f"clean flagged {sum(score(w, r[2]) > threshold for r in cl)}/{len(cl)}")

with open(os.path.join(root, "data", "spin_doc_model.txt"), "w") as f:
    f.write("# The spin stage's document model (src/spin/docmodel.rs): score = sum of weight x feature;\n"
            "# a document is spun above the threshold. Generated by scripts/spin_train_doc.py from\n"
            f"# {len(spun_train)} real gold texts spun with WordNet (data/spin_wordnet.txt) against "
            f"{len(clean_train)} clean ones;\n# threshold: the highest score of {len(clean)} clean "
            "real gold texts (none flagged). No text is stored.\n")
    for n in names:
        f.write(f"{n} {w.get(n, 0.0)}\n")
    f.write(f"threshold {threshold}\n")
