#!/usr/bin/env python3
"""Near-duplicate recall on a generated corpus: the planted copies that
`../shared/bench/gen.py` lists in its manifest, against what factsieve marked.

    python3 scripts/near_dup_recall.py CORPUS.manifest.tsv CURATED/documents.jsonl [--min-jaccard 0.8]

A planted copy counts as found when its `near_duplicate_of` is its source or the
source's own original (factsieve points every copy at the first document of its
group). A false pair is a document marked as a copy that the manifest does not
plant as one (of anything in its group).
"""
import argparse
import csv
import json
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("documents")
    ap.add_argument("--min-jaccard", type=float, default=0.8)
    a = ap.parse_args()

    rows = list(csv.DictReader(open(a.manifest, encoding="utf-8"), delimiter="\t"))
    stem = lambda f: f.rsplit(".", 1)[0]
    source = {stem(r["file"]): (stem(r["near_copy_of"]) if r["near_copy_of"] != "-" else None) for r in rows}

    def root(d: str) -> str:
        seen = set()
        while source.get(d) and d not in seen:
            seen.add(d)
            d = source[d]
        return d

    marked = {}
    for line in open(a.documents, encoding="utf-8"):
        rec = json.loads(line)
        marked[rec["doc_id"]] = rec.get("near_duplicate_of")

    planted = [r for r in rows if r["near_copy_of"] != "-" and float(r["jaccard_w5_to_src"]) >= a.min_jaccard]
    found = 0
    for r in planted:
        d = stem(r["file"])
        got = marked.get(d)
        if got is not None and (got == source[d] or root(got) == root(d)):
            found += 1
    false_pairs = [(d, o) for d, o in marked.items() if o is not None and root(d) != root(o)]
    any_marked = sum(1 for o in marked.values() if o is not None)
    print(f"planted copies with Jaccard >= {a.min_jaccard}: {len(planted)}")
    print(f"found: {found} ({found / max(1, len(planted)):.3f})")
    print(f"documents marked as copies: {any_marked}; false pairs (not in one planted group): {len(false_pairs)}")
    for d, o in false_pairs[:10]:
        print(f"  false: {d} -> {o}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
