#!/usr/bin/env bash
# kill -9 probe of the crash-safe outputs (src/outdir.rs).
#
# Usage: scripts/kill9-probe.sh [RUNS] [ARTICLES] [WORKDIR]      (defaults: 20, 2000, a temp dir)
#
# Generates two corpora of ARTICLES articles (../shared/bench/gen.py, seeds 1 and 2), makes
# the "old" dataset from the first and the "new" one from the second, then RUNS times: puts
# the old curated/ and reports/ in place, starts `factsieve run` on the second corpus and
# kills it with SIGKILL at a random moment (odd runs: while it writes and swaps its outputs,
# which is where a crash can do harm; even runs: anywhere in the run). After each kill,
# curated/ must be byte for byte the old dataset or the new one. Exit 1 on any mix.
set -euo pipefail
runs=${1:-20}
n=${2:-2000}
work=${3:-$(mktemp -d)}
root="$(cd "$(dirname "$0")/.." && pwd)"
gen="$root/../shared/bench/gen.py"
mkdir -p "$work"
(cd "$root" && cargo build --release --quiet)
bin="$work/factsieve"
cp "$root/target/release/factsieve" "$bin"

for s in 1 2; do
  [ -d "$work/raw$s" ] || python3 "$gen" "$n" "$work/raw$s" --seed "$s" >/dev/null
done

now() { python3 -c 'import time; print(time.time())'; }
rand() { python3 -c "import random; print(round(random.uniform(0, $1), 3))"; }
same() { diff -r -q "$1" "$2" >/dev/null 2>&1; }

# The old and the new dataset; time the replacing run and its write phase.
if [ ! -d "$work/new/curated" ]; then
  "$bin" run --raw "$work/raw1" --curated "$work/old/curated" --reports "$work/old/reports" 2>/dev/null
  mkdir -p "$work/new"
  cp -a "$work/old/curated" "$work/old/reports" "$work/new/"
  t0=$(now)
  "$bin" run --raw "$work/raw2" --curated "$work/new/curated" --reports "$work/new/reports" 2>/dev/null &
  pid=$!
  until [ -e "$work/new/.curated.factsieve-new/documents.jsonl" ] || ! kill -0 $pid 2>/dev/null; do sleep 0.02; done
  t1=$(now)
  wait $pid
  t2=$(now)
  python3 -c "print($t1 - $t0, $t2 - $t1)" >"$work/timings"
fi
read -r t_pipeline t_write <"$work/timings"
echo "kill9-probe: $n articles; a run takes ${t_pipeline%.*}s before writing, then ${t_write}s to write and swap"

old=0 new=0 mixed=0 reports_other=0
for i in $(seq 1 "$runs"); do
  t="$work/t"
  rm -rf "$t" && mkdir -p "$t"
  cp -a "$work/old/curated" "$work/old/reports" "$t/"
  "$bin" run --raw "$work/raw2" --curated "$t/curated" --reports "$t/reports" 2>/dev/null &
  pid=$!
  if [ $((i % 2)) -eq 1 ]; then
    # In the write phase: from the first staged file to well past the usual end (a busy
    # machine writes more slowly), so that some kills land after the swap.
    until [ -e "$t/.curated.factsieve-new/documents.jsonl" ] || ! kill -0 $pid 2>/dev/null; do sleep 0.01; done
    delay=$(rand "$(python3 -c "print($t_write * 1.5)")")
    phase=write
  else
    delay=$(rand "$(python3 -c "print($t_pipeline + $t_write)")")
    phase=any
  fi
  sleep "$delay"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  if same "$t/curated" "$work/old/curated"; then
    old=$((old + 1)); got=old
  elif same "$t/curated" "$work/new/curated"; then
    new=$((new + 1)); got=new
  else
    mixed=$((mixed + 1)); got=MIXED
    diff -r -q "$t/curated" "$work/new/curated" | head -5 || true
  fi
  rep=other
  if same "$t/reports" "$work/old/reports"; then rep=old; elif same "$t/reports" "$work/new/reports"; then rep=new; fi
  [ "$rep" = other ] && reports_other=$((reports_other + 1))
  echo "run $i: kill -9 after ${delay}s ($phase phase): curated/ $got, reports/ $rep"
done
echo "kill9-probe: $runs kills: curated/ old $old, new $new, mixed $mixed; reports/ neither old nor new: $reports_other"
[ "$mixed" -eq 0 ]
