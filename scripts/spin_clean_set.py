"""The clean calibration set of the spin scripts (spin_calibrate_doc.py, spin_train_doc.py).

Every gold text of ../shared/eval/real/gold/ of 150 words or more that none of the spun
test sets spun, copied under /tmp (the texts are third-party pages: never committed), in the
layout `tests/spin_real_spun.rs` reads (spun/, clean/, swaps/), with one spun text and its
swaps from `placeholder_set`, which the test needs in order to run (its line is not read).
"""
import glob
import os
import shutil

CAL = "/tmp/spin-calibrate-clean"
MIN_WORDS = 150


def make(gold, spun_sets, placeholder_set, cal=CAL):
    """Writes the set to `cal` (emptied first) and returns `cal`."""
    spun_ids = set()
    for s in spun_sets:
        spun_ids |= {os.path.basename(p) for p in glob.glob(os.path.join(s, "spun", "*.txt"))}
    shutil.rmtree(cal, ignore_errors=True)
    for d in ("spun", "clean", "swaps"):
        os.makedirs(os.path.join(cal, d))
    first = sorted(glob.glob(os.path.join(placeholder_set, "spun", "*.txt")))[0]
    shutil.copy(first, os.path.join(cal, "spun"))
    swaps = os.path.join(placeholder_set, "swaps", os.path.basename(first)[:-4] + ".json")
    shutil.copy(swaps, os.path.join(cal, "swaps"))
    for p in glob.glob(os.path.join(gold, "*.txt")):
        text = open(p, encoding="utf-8").read()
        if os.path.basename(p) not in spun_ids and len(text.split()) >= MIN_WORDS:
            shutil.copy(p, os.path.join(cal, "clean"))
    return cal
