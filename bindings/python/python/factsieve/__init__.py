"""factsieve's plan of passes for Python schedulers.

`factsieve._native` holds the library's steps on plain records (bytes); `factsieve.ray`
runs them on a Ray cluster (`python -m factsieve.ray run --raw DIR --out DIR`).
"""

from . import _native  # noqa: F401

__all__ = ["_native"]
