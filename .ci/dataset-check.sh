#!/usr/bin/env bash
# Load curated/ with the tools people use (Hugging Face datasets, frictionless, pandas,
# DuckDB, jsonschema) in a Python venv of pinned versions, and fail on what they trip over:
# a config that does not load, an invalid data package, ids read as numbers, Parquet rows
# that differ from the JSONL. Usage: .ci/dataset-check.sh [CURATED_DIR...]. With no
# folder: curated/, and a dataset made by target/debug/factsieve from raw/'s articles
# renamed to digit-only doc_ids (000073), which readers that guess types take for numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
folders=("$@")
scratch=""
if [ ${#folders[@]} -eq 0 ]; then
  folders=(curated)
  bin="${CARGO_TARGET_DIR:-target}/debug/factsieve"
  if [ -x "$bin" ]; then
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    mkdir "$scratch/raw"
    n=70
    for f in raw/*; do
      n=$((n + 1))
      cp "$f" "$scratch/raw/$(printf '%06d' "$n").txt"
    done
    "$bin" run --raw "$scratch/raw" --curated "$scratch/curated" --reports "$scratch/reports" >/dev/null 2>&1
    folders+=("$scratch/curated")
  fi
fi
venv="${DATASET_CHECK_VENV:-${TMPDIR:-/tmp}/factsieve-dataset-check-venv}"
requirements=.ci/dataset-check-requirements.txt

# The venv is made once per requirements file (a marker holds its hash).
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    if command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    fi
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" >"$stamp"
fi

# No network for the checks themselves: datasets must load the local folder.
status=0
for folder in "${folders[@]}"; do
  echo "-- $folder"
  HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
    "$venv/bin/python" .ci/dataset_check.py "$(realpath "$folder")" || status=1
done
exit $status
