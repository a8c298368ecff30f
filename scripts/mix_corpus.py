#!/usr/bin/env python3
"""A seeded corpus of N articles mixed from the paragraphs of the articles in RAW.

Usage: scripts/mix_corpus.py N RAW OUT [--seed S]

A stand-in for ../shared/bench/gen.py where that generator is not at hand (CI on a
machine without the shared folder): each article takes one seed article's first line as
its title and a seeded sample of paragraphs from one to three seed articles; every fifth
article is a near-copy of an earlier one with one paragraph dropped. The output is a
function of N, the seed and RAW's files only.
"""
import argparse
import pathlib
import random

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("raw")
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()

rng = random.Random(args.seed)
seeds = []
for p in sorted(pathlib.Path(args.raw).iterdir()):
    if p.is_file():
        text = p.read_text(encoding="utf-8", errors="replace")
        paras = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        if len(paras) >= 2:
            seeds.append(paras)
if not seeds:
    raise SystemExit(f"mix_corpus: no article with paragraphs in {args.raw}")

out = pathlib.Path(args.out)
out.mkdir(parents=True, exist_ok=True)
made = []
for i in range(args.n):
    if i >= 5 and i % 5 == 0:
        paras = list(rng.choice(made))
        if len(paras) > 3:
            del paras[rng.randrange(1, len(paras))]
    else:
        sources = rng.sample(seeds, k=min(len(seeds), rng.randint(1, 3)))
        pool = [p for s in sources for p in s[1:]]
        body = rng.sample(pool, k=min(len(pool), rng.randint(4, 14)))
        paras = [sources[0][0]] + body
    made.append(paras)
    (out / f"{i:06d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
