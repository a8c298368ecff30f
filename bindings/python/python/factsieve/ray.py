"""factsieve on Ray Data: the local runner's plan of passes, with the same outputs byte for
byte.

    python -m factsieve.ray run --raw DIR --curated DIR --reports DIR   (or --out DIR)

Pass by pass: the raw folder is listed by the library's own rules (doc_ids, order, skip
reasons, symlinks); each pass's per-document map runs as Ray Data `map_batches` tasks; the
small per-document summaries stream back to the driver in doc_id order, where the
library's reduce runs; the reduced state is broadcast to the next pass with `ray.put`.
Pass 3's tasks write each document's own files into the output transaction's staging
folders; the driver writes the corpus files and swaps the folders in, as a local run does.
Python only schedules: every stage is the library's (factsieve._native).
"""

import argparse
import json
import logging
import math
import os
import resource
import sys
import time

import pyarrow as pa
import ray

from . import _native, _steps


def _blocks(entries, docs_per_block):
    """The listing as Ray blocks of `docs_per_block` documents (one task each)."""
    return [
        pa.table({"entry": pa.array(entries[i : i + docs_per_block], _steps.BINARY)})
        for i in range(0, len(entries), docs_per_block)
    ]


def _batches(ds, columns):
    """The dataset's blocks in doc_id order, as pyarrow tables of `columns`."""
    return ds.select_columns(columns).iter_batches(batch_format="pyarrow", batch_size=None)


def _map(ds, fn, **kwargs):
    return ds.map_batches(fn, batch_format="pyarrow", batch_size=None, fn_kwargs=kwargs)


def run(raw, curated, reports, config=None, docs_per_block=None, log=None):
    """Run the pipeline on the connected Ray cluster. Returns the counts and a record of
    where the time went and what the driver held."""
    say = log or (lambda _msg: None)
    ctx = ray.data.DataContext.get_current()
    # The reduces take the summaries in doc_id order (the driver checks it too).
    ctx.execution_options.preserve_order = True
    stats = {"seconds": {}, "bytes": {}}
    clock = time.monotonic()

    def lap(name):
        nonlocal clock
        now = time.monotonic()
        stats["seconds"][name] = round(now - clock, 3)
        clock = now
        say(f"factsieve.ray: {name} {stats['seconds'][name]:.1f} s")

    raw, curated, reports = (os.path.abspath(p) for p in (raw, curated, reports))
    driver = _native.Driver(raw, curated, reports, config)
    job = driver.job()
    entries = driver.entries()
    staged_curated, staged_reports = driver.staging()
    n = len(entries)
    stats["documents"] = n
    stats["bytes"]["listing"] = sum(len(e) for e in entries)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    if docs_per_block is None:
        # A few tasks per CPU per pass: enough to balance uneven documents.
        docs_per_block = max(8, min(256, math.ceil(n / (4 * cpus))))
    lap("list")

    if n:
        ds = ray.data.from_arrow(_blocks(entries, docs_per_block))
        del entries
        pass1 = _map(ds, _steps.pass1, job=job).materialize()
        hints = _native.HintsReduce()
        for b in _batches(pass1, ["pass1"]):
            column = b.column("pass1").to_pylist()
            stats["bytes"]["pass1_summaries"] = stats["bytes"].get("pass1_summaries", 0) + sum(
                len(x) for x in column
            )
            hints.add(column)
        hints = hints.finish()
        stats["bytes"]["hints"] = len(hints)
        lap("pass 1: repair, reduce: hints")

        hints_ref = ray.put(hints)
        del hints
        pass2 = _map(pass1.select_columns(["entry", "clock"]), _steps.pass2, job=job, hints=[hints_ref])
        pass2 = pass2.materialize()
        del pass1, hints_ref
        reduce2 = _native.Pass2Reduce()
        for b in _batches(pass2, ["entry", "summary"]):
            column = b.column("summary").to_pylist()
            stats["bytes"]["pass2_summaries"] = stats["bytes"].get("pass2_summaries", 0) + sum(
                len(x) for x in column
            )
            reduce2.add(b.column("entry").to_pylist(), column)
        originals, lm = reduce2.finish()
        stats["bytes"]["near_duplicates"] = len(originals)
        stats["bytes"]["language_model"] = len(lm)
        lap("pass 2: clean, reduce: near-duplicates, spin model")

        state = [ray.put(originals), ray.put(lm)]
        del originals, lm
        pass3 = _map(
            pass2.select_columns(["entry", "cleaned", "clock"]),
            _steps.pass3,
            job=job,
            state=state,
            curated=staged_curated,
            reports=staged_reports,
        )
        for b in _batches(pass3, ["finished"]):
            column = b.column("finished").to_pylist()
            stats["bytes"]["pass3_results"] = stats["bytes"].get("pass3_results", 0) + sum(
                len(x) for x in column
            )
            driver.add(column)
        del pass2, state
        lap("pass 3: spin, claims, document files")
    counts = driver.finish()
    lap("consolidate, conflicts, corpus files, swap")
    # Linux reports the peak resident size in KiB.
    stats["driver_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    stats["counts"] = counts
    return counts, stats


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m factsieve.ray", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the pipeline on a Ray cluster")
    r.add_argument("--raw", required=True, help="folder of raw articles (local or shared by the nodes)")
    r.add_argument("--curated", help="output folder of the dataset")
    r.add_argument("--reports", help="output folder of the reports")
    r.add_argument("--out", help="write OUT/curated and OUT/reports")
    r.add_argument("--config", help="factsieve.toml to use (default: the nearest one from here)")
    r.add_argument("--address", help="Ray cluster to connect to (default: RAY_ADDRESS, else a local Ray)")
    r.add_argument("--docs-per-block", type=int, help="documents per Ray task (default: a few tasks per CPU)")
    r.add_argument("--stats", help="write where the time went and the driver's sizes to this JSON file")
    r.add_argument("--progress", action="store_true", help="show Ray Data's progress bars")
    r.add_argument("-q", "--quiet", action="store_true", help="say nothing but errors")
    args = parser.parse_args(argv)
    if args.out:
        curated = args.curated or os.path.join(args.out, "curated")
        reports = args.reports or os.path.join(args.out, "reports")
    elif args.curated and args.reports:
        curated, reports = args.curated, args.reports
    else:
        parser.error("give --out, or --curated and --reports")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    log = None if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    ray.init(address=args.address, logging_level="WARNING", log_to_driver=not args.quiet)
    ray.data.DataContext.get_current().enable_progress_bars = args.progress
    # Ray Data announces every dataset it executes at INFO: noise next to our own lines.
    logging.getLogger("ray.data").setLevel(logging.INFO if args.progress else logging.ERROR)
    try:
        counts, stats = run(args.raw, curated, reports, args.config, args.docs_per_block, log)
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        ray.shutdown()
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)
    if log:
        log(
            "factsieve.ray: {documents} documents ({skipped} skipped), {claims} claims, "
            "{facts} facts, {conflicts} conflicts".format(**counts)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
