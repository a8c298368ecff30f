"""Load a curated/ folder the way users do and fail on what they would trip over.

- Hugging Face `datasets.load_dataset(curated, CONFIG)` for every config of the card;
- `frictionless validate datapackage.json`;
- every JSONL line against its JSON Schema (schemas/*.jsonschema.json);
- every Parquet file with DuckDB, its rows against the JSONL it mirrors;
- ids (`doc_id`, `fact_id`, `id`) stay strings in all of them, and in pandas when read
  with the card's advice.

Usage: python dataset_check.py CURATED_DIR. Exit status 1 with the problems listed.
"""

import json
import os
import sys
import tempfile

import duckdb
import frictionless
import jsonschema
import pandas as pd
import yaml
from datasets import load_dataset

ID_COLUMNS = ("doc_id", "fact_id", "id")
problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL:", msg, flush=True)


def card_front_matter(curated):
    text = open(os.path.join(curated, "README.md"), encoding="utf-8").read()
    if not text.startswith("---\n"):
        problem("README.md: no YAML front matter")
        return {}
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}


def check_card(curated, front):
    for key in ("license", "task_categories", "configs"):
        if key not in front:
            problem(f"card: no {key}")
    if front.get("license") == "other":
        link = front.get("license_link")
        if not link:
            problem("card: license other without license_link")
        elif "://" not in link and not os.path.isfile(os.path.join(curated, link)):
            problem(f"card: license_link {link} is not a file")
    formats = set()
    for config in front.get("configs", []):
        for f in config.get("data_files", []):
            formats.add(os.path.splitext(f["path"])[1])
    if len(formats) > 1:
        problem(f"card: configs mix formats {sorted(formats)}: datasets picks one builder")
    declared = {i["config_name"]: i.get("features", []) for i in front.get("dataset_info", [])}
    for config in front.get("configs", []):
        feats = {f["name"]: f for f in declared.get(config["config_name"], [])}
        for col in ID_COLUMNS:
            if col in feats and feats[col].get("dtype") != "string":
                problem(f"card: {config['config_name']}.{col} declared {feats[col]}")
        if "doc_id" not in feats and config["config_name"] in ("documents", "citations"):
            problem(f"card: {config['config_name']} does not declare doc_id's type")


def check_hf(curated, front):
    with tempfile.TemporaryDirectory(prefix="hf-cache-") as cache:
        check_hf_configs(curated, front, cache)


def check_hf_configs(curated, front, cache):
    for config in front.get("configs", []):
        name = config["config_name"]
        try:
            ds = load_dataset(curated, name, cache_dir=cache)["train"]
        except Exception as e:  # any failure to load is what we test for
            problem(f"load_dataset({name}): {type(e).__name__}: {str(e)[:300]}")
            continue
        for col in ID_COLUMNS:
            if col in ds.features and getattr(ds.features[col], "dtype", None) != "string":
                problem(f"load_dataset({name}): {col} is {ds.features[col]}")
        if name == "facts" and len(ds) and "citations" in ds.features:
            cite = ds[0]["citations"]
            doc_ids = [c["doc_id"] for c in cite] if isinstance(cite, list) else cite["doc_id"]
            if not all(isinstance(d, str) for d in doc_ids):
                problem(f"load_dataset(facts): citations.doc_id not strings: {doc_ids[:3]}")
        print(f"ok: load_dataset({name}): {len(ds)} rows", flush=True)


def check_frictionless(curated):
    report = frictionless.validate(os.path.join(curated, "datapackage.json"))
    if report.valid:
        print("ok: frictionless validate", flush=True)
        return
    for task in report.tasks:
        for err in task.errors[:5]:
            problem(f"frictionless: {task.name}: {err.message[:300]}")
    for err in report.errors[:5]:
        problem(f"frictionless: {err.message[:300]}")


def jsonl(curated, name):
    with open(os.path.join(curated, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def check_json_schemas(curated):
    package = json.load(open(os.path.join(curated, "datapackage.json"), encoding="utf-8"))
    for res in package["resources"]:
        schema_path = res.get("jsonSchema")
        if not schema_path:
            continue
        schema = json.load(open(os.path.join(curated, schema_path), encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for i, rec in enumerate(jsonl(curated, res["path"])):
            for err in validator.iter_errors(rec):
                problem(f"{res['path']}:{i + 1}: {err.message[:200]}")
    print("ok: JSONL against JSON Schemas", flush=True)


def parquet_rows_expected(curated):
    facts = jsonl(curated, "facts.jsonl")
    docs = jsonl(curated, "documents.jsonl")
    for d in docs:
        for key in ("dropped_by_rule", "edits_by_rule"):
            d["lines"][key] = [{"rule": k, "count": v} for k, v in sorted(d["lines"][key].items())]
    citations = [dict(fact_id=f["id"], **c) for f in facts for c in f["citations"]]
    return {
        "facts": facts,
        "citations": citations,
        "documents": docs,
        "conflicts": jsonl(curated, "conflicts.jsonl"),
    }


def check_duckdb(curated):
    expected = parquet_rows_expected(curated)
    con = duckdb.connect()
    for name, rows in expected.items():
        path = os.path.join(curated, f"{name}.parquet")
        if not os.path.isfile(path):
            problem(f"{name}.parquet: missing")
            continue
        rel = con.sql(f"SELECT * FROM read_parquet('{path}')")
        types = dict(zip(rel.columns, (str(t) for t in rel.types)))
        for col in ID_COLUMNS:
            if col in types and types[col] != "VARCHAR":
                problem(f"duckdb {name}.parquet: {col} is {types[col]}")
        got = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
        if len(got) != len(rows):
            problem(f"duckdb {name}.parquet: {len(got)} rows, the JSONL has {len(rows)}")
            continue
        for i, (g, want) in enumerate(zip(got, rows)):
            if set(g) != set(want):
                problem(f"duckdb {name}.parquet row {i}: columns {sorted(g)} != {sorted(want)}")
                break
            if g != want:
                diff = [k for k in want if g[k] != want[k]]
                problem(f"duckdb {name}.parquet row {i}: differs in {diff}")
                break
        print(f"ok: duckdb {name}.parquet: {len(got)} rows", flush=True)


def check_pandas(curated):
    for name in ("citations.csv", "facts.csv"):
        df = pd.read_csv(os.path.join(curated, name), dtype=str, keep_default_na=False)
        for col in ID_COLUMNS:
            if col in df and not df[col].map(lambda v: isinstance(v, str)).all():
                problem(f"pandas {name}: {col} not strings")
    for name in ("citations", "documents"):
        path = os.path.join(curated, f"{name}.parquet")
        if os.path.isfile(path):
            df = pd.read_parquet(path)
            if not df["doc_id"].map(lambda v: isinstance(v, str)).all():
                problem(f"pandas {name}.parquet: doc_id not strings")
    print("ok: pandas", flush=True)


def main():
    curated = os.path.abspath(sys.argv[1])
    front = card_front_matter(curated)
    for step in (
        lambda: check_card(curated, front),
        lambda: check_frictionless(curated),
        lambda: check_json_schemas(curated),
        lambda: check_duckdb(curated),
        lambda: check_pandas(curated),
        lambda: check_hf(curated, front),
    ):
        try:
            step()
        except Exception as e:  # a crash of one check is a failure, the others still run
            problem(f"{type(e).__name__}: {str(e)[:300]}")
    if problems:
        print(f"dataset check: 0 passed, {len(problems)} failed", flush=True)
        sys.exit(1)
    print("dataset check: all passed", flush=True)


if __name__ == "__main__":
    main()
