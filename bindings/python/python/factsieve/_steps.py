"""The Ray Data tasks of each pass: they move bytes between Ray's blocks and the library's
steps (factsieve._native) and nothing else. A module of their own so that workers import
them by name instead of receiving pickled copies of the driver's script."""

import pyarrow as pa
import ray

from . import _native

BINARY = pa.large_binary()

# Broadcast state, fetched and decoded once per worker process and broadcast.
_cache = {}


def _column(batch, name):
    return batch.column(name).to_pylist()


def _broadcast(refs, make):
    """The decoded value of the broadcast objects `refs` (a list, so that Ray passes the
    references through instead of resolving them into every task's arguments)."""
    key = (make.__name__,) + tuple(r.hex() for r in refs)
    if key not in _cache:
        for k in [k for k in _cache if k[0] == make.__name__]:
            del _cache[k]
        _cache[key] = make(*ray.get(list(refs)))
    return _cache[key]


def _identity(value):
    return value


def pass1(batch, job):
    summaries, clocks = _native.map1(_column(batch, "entry"), job)
    return pa.table(
        {
            "entry": batch.column("entry"),
            "pass1": pa.array(summaries, BINARY),
            "clock": pa.array(clocks, BINARY),
        }
    )


def pass2(batch, job, hints):
    hints = _broadcast(hints, _identity)
    summaries, cleaned, clocks = _native.map2(
        _column(batch, "entry"), _column(batch, "clock"), job, hints
    )
    return pa.table(
        {
            "entry": batch.column("entry"),
            "summary": pa.array(summaries, BINARY),
            "cleaned": pa.array(cleaned, BINARY),
            "clock": pa.array(clocks, BINARY),
        }
    )


def pass3(batch, job, state, curated, reports):
    def make(originals, lm):
        return _native.Pass3State(job, originals, lm)

    state = _broadcast(state, make)
    finished, claims = _native.map3(
        state,
        _column(batch, "entry"),
        _column(batch, "cleaned"),
        _column(batch, "clock"),
        curated,
        reports,
    )
    return pa.table({"finished": pa.array(finished, BINARY), "claims": pa.array(claims, BINARY)})


# Consolidation's partition steps (factsieve::consolidate::rows): each row goes to the
# partition its step's key hashes to ("part"); a groupby on "part" hands each call one
# partition's rows.
PART = pa.uint32()


def _parted(parts_rows, column):
    parts, rows = parts_rows
    return pa.table({"part": pa.array(parts, PART), column: pa.array(rows, BINARY)})


def claim_rows(batch, parts):
    return _parted(_native.claim_rows(_column(batch, "claims"), parts), "row")


def nodes(batch):
    return pa.table({"node": pa.array(_native.nodes(_column(batch, "row")), BINARY)})


def block_members(batch, parts):
    return _parted(_native.block_members(_column(batch, "node"), parts), "member")


def links(batch):
    return pa.table({"links": pa.array([_native.links(_column(batch, "member"))], BINARY)})


def _roots(roots):
    return _native.RootsState(roots)


def node_items(batch, roots, parts):
    roots = _broadcast(roots, _roots)
    return _parted(_native.node_items(_column(batch, "node"), roots, parts), "item")


def link_items(batch, roots, parts):
    roots = _broadcast(roots, _roots)
    return _parted(_native.link_items(_column(batch, "links"), roots, parts), "item")


def components(batch, roots):
    roots = _broadcast(roots, _roots)
    summaries, groups = _native.component_step(_column(batch, "item"), roots)
    return pa.table({"summary": pa.array(summaries, BINARY), "group": pa.array(groups, BINARY)})


def _moves(moves):
    return _native.MovesState(moves)


def fact_pieces(batch, moves, parts):
    moves = _broadcast(moves, _moves)
    return _parted(_native.fact_pieces(_column(batch, "group"), moves, parts), "piece")


def _near(near):
    return _native.NearState(near)


def facts(batch, near):
    near = _broadcast(near, _near)
    return pa.table({"fact": pa.array(_native.fact_step(_column(batch, "piece"), near), BINARY)})
