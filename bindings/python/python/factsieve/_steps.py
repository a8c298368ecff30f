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
    finished = _native.map3(
        state,
        _column(batch, "entry"),
        _column(batch, "cleaned"),
        _column(batch, "clock"),
        curated,
        reports,
    )
    return pa.table({"finished": pa.array(finished, BINARY)})
