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
import pyarrow.compute as pc
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


def _peak_rss_mb():
    # Linux reports the peak resident size in KiB.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _add(stats, name, column):
    """Counts the bytes of a column the driver receives."""
    stats["bytes"][name] = stats["bytes"].get(name, 0) + sum(len(x) for x in column)


@ray.remote
def _split_task(fn, table, parts, kwargs):
    """`fn` on one block; its rows split by their column "part" (one output each)."""
    out = fn(table, parts=parts, **kwargs)
    split = tuple(
        out.filter(pc.equal(out["part"], pa.scalar(p, _steps.PART))).drop_columns(["part"])
        for p in range(parts)
    )
    return split if parts > 1 else split[0]


@ray.remote
def _reduce_task(fn, kwargs, *tables):
    """`fn` on one partition's rows (the pieces every block sent it)."""
    return fn(pa.concat_tables(tables), **kwargs)


def _shuffle(blocks, fn, parts, **kwargs):
    """A shuffle of Ray tasks: `fn` on each block (object refs of tables) gives rows with
    their partition; returns, for each partition, the refs of its pieces. Nothing passes
    through the driver but references."""
    outs = [_split_task.options(num_returns=parts).remote(fn, b, parts, kwargs) for b in blocks]
    if parts == 1:
        outs = [[o] for o in outs]
    return [[o[p] for o in outs] for p in range(parts)]


def _reduce(partitions, fn, **kwargs):
    """`fn` on each partition's rows: one task per partition, one output block each."""
    return [_reduce_task.remote(fn, kwargs, *refs) for refs in partitions]


def _stream(blocks, column, stats, name):
    """The blocks' `column`, one block at a time on the driver (in the blocks' order)."""
    for ref in blocks:
        values = ray.get(ref).column(column).to_pylist()
        _add(stats, name, values)
        yield values


def _consolidate(driver, claims, parts, stats, lap):
    """Consolidation by the library's partition steps (factsieve::consolidate::rows), as
    Ray tasks with a shuffle on each step's key: the claims stay in Ray's object store;
    the driver receives the links (for union-find), one summary per group (for the
    generic claims' moves) and the facts, and broadcasts the roots, the moves and the
    near-duplicate map."""
    stats["partitions"] = parts
    nodes = _reduce(_shuffle(claims, _steps.claim_rows, parts), _steps.nodes)
    links = _reduce(_shuffle(nodes, _steps.block_members, parts), _steps.links)
    components = _native.Components()
    for column in _stream(links, "links", stats, "links"):
        components.add(column)
    stats["links"] = components.links()
    roots = components.finish()
    stats["bytes"]["roots"] = len(roots)
    roots = [ray.put(roots)]
    lap("consolidate: nodes, links, components")

    items = [
        a + b
        for a, b in zip(
            _shuffle(nodes, _steps.node_items, parts, roots=roots),
            _shuffle(links, _steps.link_items, parts, roots=roots),
        )
    ]
    groups = _reduce(items, _steps.components, roots=roots)
    del nodes, links, items, roots
    moves = _native.Moves()
    for column in _stream(groups, "summary", stats, "group_summaries"):
        moves.add(column)
    stats["groups"] = moves.groups()
    moves = moves.finish()
    stats["bytes"]["moves"] = len(moves)
    near = driver.near_duplicates()
    stats["bytes"]["near_duplicate_map"] = len(near)
    lap("consolidate: star groups, moves")

    pieces = _shuffle(groups, _steps.fact_pieces, parts, moves=[ray.put(moves)])
    del groups
    for column in _stream(_reduce(pieces, _steps.facts, near=[ray.put(near)]), "fact", stats, "facts"):
        driver.add_facts(column)
    lap("consolidate: facts")


def run(raw, curated, reports, config=None, docs_per_block=None, log=None, parts=None):
    """Run the pipeline on the connected Ray cluster. Returns the counts and a record of
    where the time went and what the driver held."""
    say = log or (lambda _msg: None)
    ctx = ray.data.DataContext.get_current()
    # The reduces take the summaries in doc_id order (the driver checks it too).
    ctx.execution_options.preserve_order = True
    stats = {"seconds": {}, "bytes": {}, "driver_peak_rss_mb_by_phase": {}}
    clock = time.monotonic()

    def lap(name):
        nonlocal clock
        now = time.monotonic()
        stats["seconds"][name] = round(now - clock, 3)
        # The driver's peak resident size so far (Linux: KiB), phase by phase.
        stats["driver_peak_rss_mb_by_phase"][name] = _peak_rss_mb()
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
        ).materialize()
        del pass2, state
        for b in _batches(pass3, ["finished"]):
            column = b.column("finished").to_pylist()
            _add(stats, "pass3_results", column)
            driver.add(column)
        lap("pass 3: spin, claims, document files")
        claims = pass3.select_columns(["claims"]).materialize().to_arrow_refs()
        _consolidate(driver, claims, parts or 2 * cpus, stats, lap)
        del claims
        del pass3
    counts = driver.finish()
    lap("conflicts, corpus files, swap")
    stats["driver_peak_rss_mb"] = _peak_rss_mb()
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
    r.add_argument(
        "--partitions", type=int, help="partitions of consolidation's groupbys (default: 2 per CPU)"
    )
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
        counts, stats = run(
            args.raw, curated, reports, args.config, args.docs_per_block, log, args.partitions
        )
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
