#!/usr/bin/env python3
"""Generate data/spin_wordnet.txt: WordNet 3.0 synsets reduced to ordinary English.

Input: the Princeton WordNet 3.0 database files (Debian package `wordnet-base`,
/usr/share/wordnet/data.{noun,verb,adj,adv} and *.exc) and the general-English word list
data/en_unigram_freq.txt (SymSpell). Output, one synset per line: `p|lemma|lemma|...` with
p the part of speech (n, v, a, r), lemmas lowercase, multiword lemmas with spaces. A lemma
is kept when it is lowercase in WordNet (no proper names) and every word of it is in the
general word list; a synset is kept when two lemmas remain. Irregular inflections from the
.exc files follow as `xn|plural|base` and `xv|form|base` lines (for agreement repairs: "children" <-> "child").

Usage: python3 scripts/spin_wordnet.py [/usr/share/wordnet] > data/spin_wordnet.txt
Licence of the output: WordNet 3.0 licence (see data/README.md).
"""
import os
import sys

wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
here = os.path.dirname(os.path.abspath(__file__))
vocab = set()
with open(os.path.join(here, "..", "data", "en_unigram_freq.txt"), encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            vocab.add(parts[0])


def keep(lemma):
    if lemma != lemma.lower() or any(c.isdigit() for c in lemma):
        return False
    words = lemma.replace("-", " ").split()
    return 0 < len(words) <= 4 and all(w in vocab for w in words)


print("# WordNet 3.0 synsets (Princeton University, WordNet 3.0 licence), filtered by")
print("# scripts/spin_wordnet.py: p|lemma|lemma... ; xn|plural|base, xv|verb form|base for irregular forms.")
print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
seen = set()


def emit(pos, lemmas):
    if len(lemmas) >= 2:
        key = (pos, tuple(sorted(lemmas)))
        if key not in seen:
            seen.add(key)
            print(pos + "|" + "|".join(lemmas))


for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
    synsets = {}
    similar = []
    with open(os.path.join(wn, "data." + name), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            count = int(fields[3], 16)
            lemmas = []
            for k in range(count):
                w = fields[4 + 2 * k]
                if "(" in w:
                    w = w[: w.index("(")]
                w = w.replace("_", " ")
                if keep(w) and w not in lemmas:
                    lemmas.append(w)
            synsets[fields[0]] = lemmas
            # An adjective satellite ("s") with its head ("similar to", pointer "&"):
            # thesauri list such adjectives as synonyms ("powerful" / "strong").
            if fields[2] == "s":
                p = 4 + 2 * count
                for k in range(int(fields[p])):
                    sym, off = fields[p + 1 + 4 * k], fields[p + 2 + 4 * k]
                    if sym == "&":
                        similar.append((lemmas, off))
            emit(pos, lemmas)
    for lemmas, head in similar:
        emit("s", lemmas + [w for w in synsets.get(head, []) if w not in lemmas])
for tag, name in (("xn", "noun"), ("xv", "verb")):
    with open(os.path.join(wn, name + ".exc"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and keep(parts[0]) and keep(parts[1]) and parts[0] != parts[1]:
                print(tag + "|" + parts[0].replace("_", " ") + "|" + parts[1].replace("_", " "))
