#!/usr/bin/env bash
# The Ray runner writes what the local runner writes, byte for byte: a venv with Ray and
# maturin, the Python package built from bindings/python, a Ray cluster of two nodes on
# this machine (.ci/ray-cluster.sh: its own temp dir and ports, stopped by pid), then the
# shipped raw/ and 2,000 generated articles, each run locally and on Ray and compared
# with diff -r. Any difference fails the step with the diff's first lines.
#
#   bash .ci/ray-check.sh            # after `cargo build --bin factsieve` (.ci/run does it)
#
# The package is built in the dev profile: it reuses the library CI has just built for
# the tests, where a release build would compile it all again (minutes); the outputs do
# not depend on the profile. RAY_CHECK_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
say() { echo "ray-check: $* ($(($(date +%s) - t0)) s)"; }

factsieve=${CARGO_TARGET_DIR:-target}/debug/factsieve
[ -x "$factsieve" ] || { echo "ray-check: build $factsieve first" >&2; exit 1; }
factsieve=$(realpath "$factsieve")
# The shared article generator when it is beside the repository; otherwise a corpus of as
# many articles mixed from raw/ by a seeded script kept here (a CI machine may not have it).
gen=../shared/bench/gen.py

work=$(mktemp -d /tmp/factsieve-ray-check.XXXXXX)
cluster=$work/ray
cleanup() {
  bash .ci/ray-cluster.sh stop "$cluster" || true
  say "cluster stopped"
  if [ "${RAY_CHECK_KEEP:-0}" = 1 ]; then echo "ray-check: kept $work"; else rm -rf "$work"; fi
  say "work folder removed"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
export PATH=$work/venv/bin:$PATH
pip install -q --disable-pip-version-check -r .ci/ray-check-requirements.txt
say "venv ready"
MATURIN_PEP517_ARGS="--profile dev" pip install -q --disable-pip-version-check \
  --no-build-isolation ./bindings/python
say "factsieve package built and installed"

address=$(bash .ci/ray-cluster.sh start "$cluster" 2)
say "Ray cluster of two nodes at $address"

if [ -f "$gen" ]; then
  python3 "$gen" 2000 "$work/gen2k" >/dev/null
else
  echo "ray-check: $gen not found: 2,000 articles mixed from raw/ (scripts/mix_corpus.py)"
  python3 scripts/mix_corpus.py 2000 raw "$work/gen2k"
fi
status=0
for corpus in raw "$work/gen2k"; do
  name=$(basename "$corpus")
  "$factsieve" -q run --raw "$corpus" --curated "$work/local/$name/curated" \
    --reports "$work/local/$name/reports"
  say "$name: local run done"
  python3 -m factsieve.ray run -q --address "$address" --raw "$corpus" --out "$work/ray/$name" \
    --stats "$work/ray-$name.json" 2>"$work/ray-$name.log" ||
    { cat "$work/ray-$name.log" >&2; exit 1; }
  say "$name: Ray run done"
  files=$(find "$work/ray/$name" -type f | wc -l)
  if diff -r "$work/local/$name" "$work/ray/$name" >"$work/diff-$name.txt"; then
    echo "ray-check: $name: identical ($files files)"
  else
    echo "ray-check: FAILED: $name: the Ray run's outputs differ from the local run's:" >&2
    head -40 "$work/diff-$name.txt" >&2
    status=1
  fi
done
say "done"
exit $status
