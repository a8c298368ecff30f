#!/usr/bin/env python3
"""Build spun test material from real article bodies (for measuring only; never commit
the output: the texts are third-party pages).

Spins copies of ../shared/eval/real/gold/ texts with a seeded thesaurus spinner over the
LibreOffice English thesaurus (MyThes, Debian `mythes-en-us`; a different thesaurus from
the WordNet data factsieve ships, so the measure is not fitted to it). Like common PyPI
spinners it swaps a share of content words for a random synonym of a random sense, in
the synonym's base form (inflection is lost: "children" -> "kid"), multiword synonyms
included. Writes OUT/spun/<id>.txt, OUT/orig/<id>.txt, OUT/swaps/<id>.json (byte ranges of
each swap in the original), OUT/clean/<id>.txt.

With SPIN_THESAURUS=aiksaurus in the environment it spins with Aiksaurus instead (Debian
`aiksaurus`, its command-line tool; a Moby-derived thesaurus unrelated to WordNet, the
source of factsieve's candidates; MyThes itself descends from WordNet), to measure what
carries over to a spinner whose thesaurus factsieve does not ship.

With SPIN_THESAURUS=wordnet it spins with the WordNet synsets factsieve ships (training
material for the document model; SPIN_EXCLUDE=DIR:DIR leaves out other sets' texts).

Usage: python3 scripts/spin_make_testset.py [OUT=/tmp/spin-real] [N_SPUN=25] [N_CLEAN=25] [SEED=12]
"""
import json
import os
import random
import re
import subprocess
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/spin-real"
n_spun = int(sys.argv[2]) if len(sys.argv) > 2 else 25
n_clean = int(sys.argv[3]) if len(sys.argv) > 3 else 25
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 12
# "related": also draw generic terms (hypernyms) and related terms, a harsher spinner
# than common ones, whose lists are synonyms and similar words.
related = len(sys.argv) > 5 and sys.argv[5] == "related"
here = os.path.dirname(os.path.abspath(__file__))
real = os.path.join(here, "..", "..", "shared", "eval", "real")

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been
being it its this that these those you your we our they their he she his her i my me not no can
may will do does did have has had so than then there which who what when how into about up out
also more most very any some all each every other such should could would must might while over
under after before between without within during through because just only even never always
often said says say one two three four five six seven eight nine ten new like get got make made
here where why them him us just own same well much many""".split())

thes = {}
with open("/usr/share/mythes/th_en_US_v2.dat", encoding="utf-8", errors="replace") as f:
    f.readline()
    while True:
        head = f.readline()
        if not head:
            break
        word, n = head.rstrip("\n").rsplit("|", 1)
        senses = []
        for _ in range(int(n)):
            parts = f.readline().rstrip("\n").split("|")[1:]
            syns = []
            for s in parts:
                if "antonym" in s:
                    continue
                if not related and ("generic term" in s or "related term" in s):
                    continue
                s = re.sub(r"\s*\(.*?\)", "", s).strip()
                if s and s.lower() != word.lower() and not any(c.isdigit() for c in s):
                    syns.append(s.lower() if s[:1].islower() else s)
            if syns:
                senses.append(syns)
        if senses and word == word.lower():
            thes[word] = senses


AIK = os.environ.get("SPIN_THESAURUS") == "aiksaurus"
if os.environ.get("SPIN_THESAURUS") == "wordnet":
    # Training material for the document model (scripts/spin_train_doc.py): spun with
    # WordNet itself (data/spin_wordnet.txt), so the model is never fitted to the
    # thesauri it is tested on (MyThes, Aiksaurus).
    thes = {}
    with open(os.path.join(here, "..", "data", "spin_wordnet.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("|")
            if line.startswith("#") or parts[0] in ("xn", "xv") or len(parts) < 3:
                continue
            for w in parts[1:]:
                if " " not in w and w == w.lower():
                    syns = [x for x in parts[1:] if x != w]
                    thes.setdefault(w, []).append(syns)
aik_cache = {}


def aiksaurus(w):
    """Aiksaurus meanings of w: each '=== heading ===' block is a sense."""
    if w not in aik_cache:
        out = subprocess.run(["aiksaurus", w], capture_output=True, text=True).stdout
        senses = []
        if out.startswith("==="):
            for block in out.split("=== ")[1:]:
                lines = block.split("\n", 1)
                syns = [x.strip() for x in lines[1].replace("\n", " ").split(",")] if len(lines) > 1 else []
                syns = [x for x in syns if x and x != w and not any(c.isdigit() for c in x)]
                if syns:
                    senses.append(syns)
        aik_cache[w] = senses or None
    return aik_cache[w]


def lookup(w):
    for cand in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None,
                 w[:-3] + "y" if w.endswith("ies") else None, w[:-2] if w.endswith("ed") else None,
                 w[:-1] if w.endswith("ed") else None, w[:-3] if w.endswith("ing") else None,
                 w[:-3] + "e" if w.endswith("ing") else None):
        if AIK and cand and len(cand) >= 3:
            senses = aiksaurus(cand)
            if senses:
                return senses
        elif cand and cand in thes:
            return thes[cand]
    return None


manifest = []
with open(os.path.join(real, "manifest.tsv")) as f:
    f.readline()
    for line in f:
        p = line.rstrip("\n").split("\t")
        if p[1] in ("dragnet", "readability", "cleanportaleval") and 300 <= int(p[7]) <= 2300:
            manifest.append(p[0])
# SPIN_EXCLUDE=DIR:DIR leaves out the texts of other test sets (training material must
# not share texts with the sets it is measured on).
for d in filter(None, os.environ.get("SPIN_EXCLUDE", "").split(":")):
    used = {f[:-4] for sub in ("spun", "clean") for f in os.listdir(os.path.join(d, sub))}
    manifest = [m for m in manifest if m not in used]
rng = random.Random(seed)
rng.shuffle(manifest)
chosen = manifest[: n_spun + n_clean]
for d in ("spun", "orig", "swaps", "clean"):
    os.makedirs(os.path.join(out, d), exist_ok=True)
total = 0
for k, doc_id in enumerate(chosen):
    text = open(os.path.join(real, "gold", doc_id + ".txt"), encoding="utf-8").read()
    if k >= n_spun:
        open(os.path.join(out, "clean", doc_id + ".txt"), "w").write(text)
        continue
    # The share of content words swapped is drawn in [0.10, 0.30] and met exactly where
    # enough words have synonyms (drawing a swap chance per word instead left the realised
    # share at about half the drawn one, as most words a spinner tries have no entry).
    rate = rng.uniform(0.10, 0.30)
    sites, n_content = [], 0
    for m in re.finditer(r"[A-Za-z][a-z]+", text):
        w = m.group(0)
        low = w.lower()
        if len(low) < 3 or low in STOP:
            continue
        n_content += 1
        if w[0].isupper():
            prev = text[max(0, m.start() - 2): m.start()]
            if not (m.start() == 0 or prev.endswith("\n") or prev.strip() in (".", "!", "?", '"')):
                continue  # a proper name
        senses = lookup(low)
        if senses:
            sites.append((m, senses))
    chosen_sites = sorted(rng.sample(range(len(sites)), min(len(sites), round(rate * n_content))))
    pieces, swaps, cursor = [], [], 0
    for k in chosen_sites:
        m, senses = sites[k]
        w = m.group(0)
        low = w.lower()
        syn = rng.choice(rng.choice(senses))
        if syn.lower() == low:
            continue
        if w[0].isupper():
            syn = syn[0].upper() + syn[1:]
        pieces.append(text[cursor: m.start()])
        pieces.append(syn)
        cursor = m.end()
        # Byte offsets (the Rust side measures in bytes).
        start = len(text[: m.start()].encode("utf-8"))
        swaps.append({"start": start, "end": start + len(w.encode("utf-8")), "orig": w, "spun": syn})
    pieces.append(text[cursor:])
    total += len(swaps)
    open(os.path.join(out, "spun", doc_id + ".txt"), "w").write("".join(pieces))
    open(os.path.join(out, "orig", doc_id + ".txt"), "w").write(text)
    json.dump({"rate": rate, "content": n_content, "swaps": swaps}, open(os.path.join(out, "swaps", doc_id + ".json"), "w"))
print(f"{n_spun} spun ({total} swaps), {n_clean} clean -> {out}")
